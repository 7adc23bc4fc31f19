//! Which fields need a `Box`: a struct that contains itself through a chain of
//! single-valued struct fields would have infinite size. A `Vec` already
//! breaks a cycle, and so does an `Any…` enum (its variants are boxed): such
//! fields never need one.

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;

/// (type, property) pairs to box: single-valued struct fields whose type can
/// reach the owning type again through single-valued struct fields.
pub fn boxed_fields(cx: &Context) -> BTreeSet<(String, String)> {
    let mut edges: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for def in &cx.schema.types {
        let owner = def.qualified();
        let list = edges.entry(owner).or_default();
        for p in cx.fields(def) {
            let by_value = cx
                .index
                .type_def(&p.typ)
                .is_some_and(|t| t.polymorphic.is_none());
            if !p.collection && by_value {
                list.push((p.name.clone(), p.typ.clone()));
            }
        }
    }
    let mut out = BTreeSet::new();
    for (owner, list) in &edges {
        for (property, target) in list {
            if reaches(&edges, target, owner) {
                out.insert((owner.clone(), property.clone()));
            }
        }
    }
    out
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
