//! Which fields need a `Box`: a struct that contains itself through a chain of
//! single-valued struct fields would have infinite size. A `Vec` already
//! breaks a cycle, and so does an `Any…` enum (its variants are boxed): such
//! fields never need one.
//!
//! A field from type `a` to type `b` closes a cycle exactly when `b` reaches
//! `a` again, that is when both lie in one strongly connected component of
//! the graph of such fields. One pass of Tarjan's algorithm finds every
//! component; a search of the graph from each field's type costs a walk of
//! the graph per field.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::context::Context;
use crate::schema::index::address;

/// Fields to box, each as (owning type's namespace, its name, property
/// name), borrowed from the schema.
pub type BoxedFields<'a> = FxHashSet<(&'a str, &'a str, &'a str)>;

/// Single-valued struct fields whose type can reach the owning type again
/// through single-valued struct fields.
pub fn boxed_fields<'a>(cx: &Context<'a>) -> BoxedFields<'a> {
    let types = &cx.schema.types;
    // A type's place in the schema by its address (the index gives the def).
    let position: FxHashMap<usize, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (address(t), i))
        .collect();
    // Each type's fields (inherited ones too) are independent: in parallel.
    let edges: Vec<Vec<(&'a str, usize)>> = types
        .par_iter()
        .map(|def| {
            cx.fields(def)
                .into_iter()
                .filter(|p| !p.collection)
                .filter_map(|p| {
                    let target = cx
                        .index
                        .type_def(&p.typ)
                        .filter(|t| t.polymorphic.is_none())?;
                    Some((p.name.as_str(), *position.get(&address(target))?))
                })
                .collect()
        })
        .collect();
    let component = components(&edges);
    let mut boxed = FxHashSet::default();
    for (owner, fields) in edges.iter().enumerate() {
        for &(property, target) in fields {
            if component[owner] == component[target] {
                let def = &types[owner];
                boxed.insert((def.namespace.as_str(), def.name.as_str(), property));
            }
        }
    }
    boxed
}

/// Each node's strongly connected component, as a number, for the graph
/// where node `v`'s edges go to the second item of each pair in `edges[v]`.
/// Tarjan's algorithm with its own stack: a long chain of types must not
/// overflow the thread's.
fn components<T>(edges: &[Vec<(T, usize)>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, its next edge to follow)
        let mut walk = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = walk.last_mut() {
            let v = top.0;
            if let Some(&(_, w)) = edges[v].get(top.1) {
                top.1 += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    walk.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    /// Whether the edge `from → to` closes a cycle, by the components.
    fn closes(edges: &[Vec<((), usize)>], from: usize, to: usize) -> bool {
        let c = components(edges);
        c[from] == c[to]
    }

    #[test]
    fn fields_on_a_cycle_and_only_those() {
        // 0 ⇄ 1, 2 → 2, 3 → 0, 4 → 5 → 6 → 4, 6 → 7.
        let edges = vec![
            vec![((), 1)],
            vec![((), 0)],
            vec![((), 2)],
            vec![((), 0)],
            vec![((), 5)],
            vec![((), 6)],
            vec![((), 4), ((), 7)],
            vec![],
        ];
        assert!(closes(&edges, 0, 1) && closes(&edges, 1, 0));
        assert!(closes(&edges, 2, 2), "a type holding itself");
        assert!(!closes(&edges, 3, 0), "into a cycle is not on it");
        assert!(closes(&edges, 4, 5) && closes(&edges, 5, 6) && closes(&edges, 6, 4));
        assert!(!closes(&edges, 6, 7));
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let mut edges: Vec<Vec<((), usize)>> = (0..n).map(|i| vec![((), i + 1)]).collect();
        edges[n - 1] = vec![((), 0)];
        let c = components(&edges);
        assert!(c.iter().all(|&x| x == c[0]), "one cycle through all");
    }
}
