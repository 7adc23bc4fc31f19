//! Types that pages use but never document get their shape from an example
//! body that shows one (marked `inferred`, with a warning).

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::bodies::Bodies;
use super::model::{Operation, Property, Source, TypeDef};
use crate::parse::{ExampleKind, Json};

static INSTANT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$").unwrap()
});

/// Infers `qualified` from the first example (in page order) whose body is an
/// instance of it: a response of an operation returning it, or a request of
/// one taking it. `operations` are those to look in, in order: every one,
/// or only those that name the type (see [`operations_by_type`]).
pub fn from_examples<'o>(
    qualified: &str,
    operations: impl IntoIterator<Item = &'o Operation>,
    bodies: &Bodies,
) -> Option<TypeDef> {
    let (namespace, name) = qualified.rsplit_once('.')?;
    for op in operations {
        let (request, response) = (
            op.request_body.as_ref().is_some_and(|b| b.typ == qualified),
            op.response
                .as_ref()
                .is_some_and(|r| r.typ.as_deref() == Some(qualified)),
        );
        let collection = response && op.response.as_ref().is_some_and(|r| r.collection);
        for example in &op.examples {
            let wanted = match example.kind {
                ExampleKind::Request => request,
                ExampleKind::Response => response,
            };
            // The schema's example holds no body yet (see `build`): the parsed one.
            if !wanted {
                continue;
            }
            let Some(parsed) = bodies.get(&example.source) else {
                continue;
            };
            let body = &parsed.value;
            // A page where one object was documented: its items show the type.
            let paged = body.get("value").is_some_and(Json::is_array)
                && body
                    .as_object()
                    .is_some_and(|o| o.iter().all(|(k, _)| &**k == "value" || k.contains('@')));
            let items: Vec<(&Json, String)> = if collection || paged {
                match body.get("value").and_then(Json::as_array) {
                    Some(items) => items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (v, format!("/value/{i}")))
                        .collect(),
                    None => continue,
                }
            } else {
                vec![(body, String::new())]
            };
            let mut properties: Vec<Property> = Vec::new();
            // Names taken so far, hashed: an example of many members must not
            // cost a scan of every property per member.
            let mut taken: FxHashSet<&str> = FxHashSet::default();
            for (item, pointer) in items {
                let Some(object) = item.as_object() else {
                    continue;
                };
                for (key, value) in object {
                    if key.contains('@') || !taken.insert(key) {
                        continue;
                    }
                    let (typ, collection) = json_type(value);
                    let line = parsed.line_of(&format!("{pointer}/{key}"));
                    let source = Source {
                        file: example.source.file.clone(),
                        line,
                    };
                    properties.push(Property::from_json(
                        key,
                        typ.to_string(),
                        collection,
                        source,
                    ));
                }
            }
            if properties.is_empty() {
                continue;
            }
            return Some(TypeDef {
                name: name.to_string(),
                namespace: namespace.to_string(),
                base: None,
                description: None,
                inferred: true,
                open: false,
                properties,
                source: example.source.clone(),
                sources: vec![example.source.clone()],
                rust_name: String::new(),
                area: None,
                polymorphic: None,
            });
        }
    }
    None
}

/// The OData type a JSON value suggests. Objects and nulls say too little: any JSON.
/// Each type a request body or response names → the positions of the
/// operations naming it, in order: what [`from_examples`] looks in for a
/// type, instead of every operation for every undocumented type.
pub fn operations_by_type(operations: &[Operation]) -> FxHashMap<&str, Vec<usize>> {
    let mut by_type: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, op) in operations.iter().enumerate() {
        let request = op.request_body.as_ref().map(|b| b.typ.as_str());
        let response = op.response.as_ref().and_then(|r| r.typ.as_deref());
        for typ in request.into_iter().chain(response) {
            let list = by_type.entry(typ).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    by_type
}

fn json_type(value: &Json) -> (&'static str, bool) {
    match value {
        Json::Bool(_) => ("Edm.Boolean", false),
        Json::Number(n) if n.is_i64() || n.is_u64() => ("Edm.Int64", false),
        Json::Number(_) => ("Edm.Double", false),
        Json::String(s) if INSTANT.is_match(s) => ("Edm.DateTimeOffset", false),
        Json::String(_) => ("Edm.String", false),
        Json::Array(items) => match items.first() {
            Some(first) if !first.is_array() => (json_type(first).0, true),
            _ => ("Edm.Untyped", true),
        },
        Json::Null | Json::Object(_) => ("Edm.Untyped", false),
    }
}
