//! Which fields need a `Box`: a struct that contains itself through a chain of
//! single-valued struct fields would have infinite size. A `Vec` already
//! breaks a cycle, and so does an `Any…` enum (its variants are boxed): such
//! fields never need one.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use super::context::Context;

/// (type, property) pairs to box: single-valued struct fields whose type can
/// reach the owning type again through single-valued struct fields.
pub fn boxed_fields(cx: &Context) -> BTreeSet<(String, String)> {
    // Each type's edges, then each edge's search, are independent: both in parallel.
    let edges: BTreeMap<String, Vec<(String, String)>> = cx
        .schema
        .types
        .par_iter()
        .map(|def| {
            let list = cx
                .fields(def)
                .into_iter()
                .filter(|p| {
                    !p.collection
                        && cx
                            .index
                            .type_def(&p.typ)
                            .is_some_and(|t| t.polymorphic.is_none())
                })
                .map(|p| (p.name.clone(), p.typ.clone()))
                .collect();
            (def.qualified(), list)
        })
        .collect();
    edges
        .par_iter()
        .flat_map_iter(|(owner, list)| {
            list.iter()
                .filter(|(_, target)| reaches(&edges, target, owner))
                .map(|(property, _)| (owner.clone(), property.clone()))
        })
        .collect()
}

fn reaches(edges: &BTreeMap<String, Vec<(String, String)>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(current) = stack.pop() {
        if current == to {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(next) = edges.get(current) {
            stack.extend(next.iter().map(|(_, t)| t.as_str()));
        }
    }
    false
}
