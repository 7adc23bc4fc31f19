//! Routes the docs make ambiguous: two operations with the same method and a
//! path of the same shape (`/x/{id}` and `/x/{x-id}`) cannot be told apart
//! by a request. Each gets a diagnostic naming the other and what the
//! generated routers do (`mdbind_runtime::server`): try them in schema order,
//! a body whose `@odata.type` is one's body type or a request equal to one's
//! example going to that one first, and pass a `501` on to the next.

use std::collections::BTreeMap;

use mdbind_runtime::route::Template;
use rayon::prelude::*;

use super::model::Operation;
use crate::diagnostics::{Code, Diagnostic};

/// A diagnostic for each pair of operations a request cannot tell apart;
/// `operations` in schema order.
pub fn ambiguities(operations: &[&Operation]) -> Vec<Diagnostic> {
    // (method, shape) → the operations documenting it, in schema order, each
    // with the template it documents it by.
    // Parsing the templates is most of the work, and each is on its own.
    let shapes: Vec<Vec<String>> = operations
        .par_iter()
        .map(|op| match op.routable {
            true => op
                .paths
                .iter()
                .map(|p| Template::parse(p).shape())
                .collect(),
            false => Vec::new(),
        })
        .collect();
    let mut by_route: BTreeMap<(String, String), Vec<(usize, &str)>> = BTreeMap::new();
    for ((i, op), shapes) in operations.iter().enumerate().zip(shapes) {
        if !op.routable {
            continue;
        }
        let method = op.method.clone().unwrap_or_default();
        for (path, shape) in op.paths.iter().zip(shapes) {
            let list = by_route.entry((method.clone(), shape)).or_default();
            if list.last().is_none_or(|(last, _)| *last != i) {
                list.push((i, path));
            }
        }
    }
    // One diagnostic per pair of operations, at the first path they share.
    let mut pairs: BTreeMap<(usize, usize), (&str, &str, usize)> = BTreeMap::new();
    for ((method, _), ops) in &by_route {
        let Some(((first, _), rest)) = ops.split_first() else {
            continue;
        };
        for (i, path) in rest {
            pairs
                .entry((*i, *first))
                .and_modify(|(_, _, more)| *more += 1)
                .or_insert((method.as_str(), path, 0));
        }
    }
    let mut found = Vec::new();
    for ((i, first), (method, path, more)) in pairs {
        let (op, first) = (operations[i], operations[first]);
        let also = match more {
            0 => String::new(),
            1 => " (and 1 more path)".to_string(),
            n => format!(" (and {n} more paths)"),
        };
        found.push(Diagnostic::warning(
            Code::AmbiguousRoute,
            &op.source.file,
            op.source.line,
            format!(
                "`{method} {path}`{also} is documented for operation `{}` too ({}:{}); a request cannot tell the two apart",
                first.name, first.source.file, first.source.line
            ),
            format!(
                "routers try `{}` first, then this one (a body whose `@odata.type` is this operation's body type, \
                 or a request equal to one of its examples, comes here first; a `501` passes the request on)",
                first.name
            ),
        ));
    }
    found
}
