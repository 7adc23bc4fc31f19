//! What changed in the API between two versions of the docs, and whether it
//! breaks code written against the Rust generated from the old ones.
//!
//! Breaking: a removed type, enum, property, enum member, operation or path; a
//! property, parameter, body or response whose type changed; a new path
//! parameter (a new required field of the request). Not breaking: anything
//! added otherwise: a property (fields are `Option` and structs `Default`), an
//! enum member (enums are `#[non_exhaustive]` and keep unknown values in
//! `Other`), an operation (handler methods have a default that answers 501).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::schema::{Operation, Schema, Source};

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// `type`, `property`, `enum`, `enum_member`, `operation`, `path`, `parameter`, `request_body`, `response`.
    pub kind: &'static str,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    /// Qualified name: `microsoft.graph.user.aboutMe`, `user-get /me`.
    pub item: String,
    pub breaking: bool,
    /// For `changed`: what it was and what it is.
    pub detail: Option<String>,
    /// Where the old docs said it (null for `added`).
    pub old: Option<Source>,
    /// Where the new docs say it (null for `removed`).
    pub new: Option<Source>,
}

/// Every change, breaking first, then by kind and item; and the semver bump.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub breaking: usize,
    pub non_breaking: usize,
    /// `major`, `minor` or `none`.
    pub semver: &'static str,
}

pub fn diff(old: &Schema, new: &Schema) -> Diff {
    let mut changes = Vec::new();
    types(old, new, &mut changes);
    enums(old, new, &mut changes);
    operations(old, new, &mut changes);
    changes.sort_by(|a, b| {
        b.breaking
            .cmp(&a.breaking)
            .then_with(|| (a.kind, &a.item, a.change).cmp(&(b.kind, &b.item, b.change)))
    });
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let non_breaking = changes.len() - breaking;
    let semver = if breaking > 0 {
        "major"
    } else if non_breaking > 0 {
        "minor"
    } else {
        "none"
    };
    Diff {
        changes,
        breaking,
        non_breaking,
        semver,
    }
}

fn added(kind: &'static str, item: String, new: &Source, breaking: bool) -> Change {
    Change {
        kind,
        change: "added",
        item,
        breaking,
        detail: None,
        old: None,
        new: Some(new.clone()),
    }
}

fn removed(kind: &'static str, item: String, old: &Source) -> Change {
    Change {
        kind,
        change: "removed",
        item,
        breaking: true,
        detail: None,
        old: Some(old.clone()),
        new: None,
    }
}

fn changed(kind: &'static str, item: String, detail: String, old: &Source, new: &Source) -> Change {
    Change {
        kind,
        change: "changed",
        item,
        breaking: true,
        detail: Some(detail),
        old: Some(old.clone()),
        new: Some(new.clone()),
    }
}

/// Pairs items of two lists by key: (only old, both, only new).
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> String,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)> {
    let mut map: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for item in old {
        map.entry(key(item)).or_default().0 = Some(item);
    }
    for item in new {
        map.entry(key(item)).or_default().1 = Some(item);
    }
    map.into_iter().map(|(k, (a, b))| (k, a, b)).collect()
}

/// An operation's parameters keyed `path x` / `query x`, with whether each is a path parameter.
fn params(o: &Operation) -> Vec<(String, &crate::schema::Param, bool)> {
    let mut list: Vec<(String, &crate::schema::Param, bool)> = o
        .path_params
        .iter()
        .map(|p| (format!("path {}", p.name), p, true))
        .collect();
    list.extend(
        o.query_params
            .iter()
            .map(|p| (format!("query {}", p.name), p, false)),
    );
    list
}

fn shape(typ: &str, collection: bool) -> String {
    if collection {
        format!("Collection({typ})")
    } else {
        typ.to_string()
    }
}

fn types(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, a, b) in pair(&old.types, &new.types, |t| t.qualified()) {
        match (a, b) {
            (Some(a), None) => out.push(removed("type", name, &a.source)),
            (None, Some(b)) => out.push(added("type", name, &b.source, false)),
            (Some(a), Some(b)) => {
                if a.base != b.base {
                    let detail = format!(
                        "base {} -> {}",
                        a.base.as_deref().unwrap_or("none"),
                        b.base.as_deref().unwrap_or("none")
                    );
                    out.push(changed("type", name.clone(), detail, &a.source, &b.source));
                }
                for (prop, p, q) in pair(&a.properties, &b.properties, |p| p.name.clone()) {
                    let item = format!("{name}.{prop}");
                    match (p, q) {
                        (Some(p), None) => out.push(removed("property", item, &p.source)),
                        (None, Some(q)) => out.push(added("property", item, &q.source, false)),
                        (Some(p), Some(q)) if (&p.typ, p.collection) != (&q.typ, q.collection) => {
                            let detail = format!(
                                "{} -> {}",
                                shape(&p.typ, p.collection),
                                shape(&q.typ, q.collection)
                            );
                            out.push(changed("property", item, detail, &p.source, &q.source));
                        }
                        _ => {}
                    }
                }
            }
            (None, None) => {}
        }
    }
}

fn enums(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, a, b) in pair(&old.enums, &new.enums, |e| e.qualified()) {
        match (a, b) {
            (Some(a), None) => out.push(removed("enum", name, &a.source)),
            (None, Some(b)) => out.push(added("enum", name, &b.source, false)),
            (Some(a), Some(b)) => {
                for (member, m, n) in pair(&a.members, &b.members, |m| m.name.clone()) {
                    let item = format!("{name}.{member}");
                    match (m, n) {
                        (Some(_), None) => out.push(removed("enum_member", item, &a.source)),
                        (None, Some(_)) => out.push(added("enum_member", item, &b.source, false)),
                        _ => {}
                    }
                }
            }
            (None, None) => {}
        }
    }
}

fn operations(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, a, b) in pair(&old.operations, &new.operations, |o| o.name.clone()) {
        match (a, b) {
            (Some(a), None) => out.push(removed("operation", name, &a.source)),
            (None, Some(b)) => out.push(added("operation", name, &b.source, false)),
            (Some(a), Some(b)) => operation(&name, a, b, out),
            (None, None) => {}
        }
    }
}

fn operation(name: &str, a: &Operation, b: &Operation, out: &mut Vec<Change>) {
    let compare = |kind, old: Option<String>, new: Option<String>, out: &mut Vec<Change>| {
        if old != new {
            let none = || "none".to_string();
            let detail = format!(
                "{} -> {}",
                old.unwrap_or_else(none),
                new.unwrap_or_else(none)
            );
            out.push(changed(
                kind,
                name.to_string(),
                detail,
                &a.source,
                &b.source,
            ));
        }
    };
    compare("operation", a.method.clone(), b.method.clone(), out);
    let paths = |o: &Operation| o.paths.iter().map(|p| (p.clone(), ())).collect::<Vec<_>>();
    for (path, p, q) in pair(&paths(a), &paths(b), |(p, _)| p.clone()) {
        let item = format!("{name} {path}");
        match (p, q) {
            (Some(_), None) => out.push(removed("path", item, &a.source)),
            (None, Some(_)) => out.push(added("path", item, &b.source, false)),
            _ => {}
        }
    }
    for (param, p, q) in pair(&params(a), &params(b), |(k, _, _)| k.clone()) {
        let item = format!("{name} {param}");
        match (p, q) {
            (Some((_, p, _)), None) => out.push(removed("parameter", item, &p.source)),
            // A new path parameter is a new required field of the request.
            (None, Some((_, q, is_path))) => {
                out.push(added("parameter", item, &q.source, *is_path))
            }
            _ => {}
        }
    }
    let body = |o: &Operation| o.request_body.as_ref().map(|b| shape(&b.typ, b.collection));
    compare("request_body", body(a), body(b), out);
    let response = |o: &Operation| {
        o.response.as_ref().map(|r| {
            let body = r
                .typ
                .as_ref()
                .map_or_else(|| "no body".into(), |t| shape(t, r.collection));
            format!("{} {body}", r.status)
        })
    };
    compare("response", response(a), response(b), out);
}

/// The human rendering: one line per change, then the totals and semver.
pub fn render(diff: &Diff) -> String {
    let mut text = String::new();
    for c in &diff.changes {
        let flag = if c.breaking { "breaking" } else { "        " };
        let at = c
            .new
            .as_ref()
            .or(c.old.as_ref())
            .map(|s| format!("  ({}:{})", s.file, s.line))
            .unwrap_or_default();
        let detail = c
            .detail
            .as_ref()
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        text.push_str(&format!(
            "{flag} {:<8} {:<12} {}{detail}{at}\n",
            c.change, c.kind, c.item
        ));
    }
    text.push_str(&format!(
        "{} change{}, {} breaking: semver {}\n",
        diff.changes.len(),
        if diff.changes.len() == 1 { "" } else { "s" },
        diff.breaking,
        diff.semver
    ));
    text
}
