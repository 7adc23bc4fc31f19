//! Examples checked against the schema: request URLs that match none of the
//! documented paths, and body values that the documented types do not allow
//! (unknown members, the wrong JSON kind, values outside an enum, an
//! `@odata.type` that names no type).

use rayon::prelude::*;
use serde::Serialize;

use super::bodies::Bodies;
use super::index::Index;
use super::model::{Operation, Schema, Source, TypeDef};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{self, ExampleKind, Json, JsonBody};

/// What the check saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExampleCounts {
    /// Example messages in the docs.
    pub examples: usize,
    /// Examples with a JSON body that could be read (strictly or leniently).
    pub examples_parsed: usize,
    /// Parsed bodies whose documented type is known, so they could be checked.
    pub examples_checked: usize,
    /// Checked bodies the schema found nothing wrong with.
    pub examples_conforming: usize,
    /// Checked bodies whose only findings, if any, are values outside an enum:
    /// their shape fits, and the generated enums keep such values as `Other`.
    pub examples_conforming_in_shape: usize,
}

/// What checking every example found, to be written into the schema it
/// was checked against ([`Findings::apply`]).
pub struct Findings {
    /// Per operation: its findings and each example's verdict.
    operations: Vec<(Vec<Diagnostic>, Vec<Option<bool>>)>,
    counts: ExampleCounts,
}

impl Findings {
    /// Appends a diagnostic per finding, marks each checked example
    /// conforming or not, and returns the counts.
    pub fn apply(self, schema: &mut Schema) -> ExampleCounts {
        for (op, (found, verdicts)) in schema.operations.iter_mut().zip(self.operations) {
            schema.diagnostics.extend(found);
            for (example, verdict) in op.examples.iter_mut().zip(verdicts) {
                if verdict.is_some() {
                    example.conforming = verdict;
                }
            }
        }
        self.counts
    }
}

/// Checks every example against `schema`.
pub fn check(schema: &Schema, bodies: &Bodies) -> Findings {
    let index = Index::new(schema);
    // Operations are checked apart, in parallel; the diagnostics are sorted
    // later, so the order they are found in does not show.
    let checked: Vec<(Vec<Diagnostic>, Vec<Option<bool>>, ExampleCounts)> = schema
        .operations
        .par_iter()
        .map(|op| check_operation(&index, op, bodies))
        .collect();
    let mut counts = ExampleCounts::default();
    let mut operations = Vec::with_capacity(checked.len());
    for (found, verdicts, c) in checked {
        operations.push((found, verdicts));
        counts.examples += c.examples;
        counts.examples_parsed += c.examples_parsed;
        counts.examples_checked += c.examples_checked;
        counts.examples_conforming += c.examples_conforming;
        counts.examples_conforming_in_shape += c.examples_conforming_in_shape;
    }
    Findings { operations, counts }
}

/// One operation's examples: the findings, each example's verdict (`None`
/// for an example not checked) and the counts.
fn check_operation(
    index: &Index,
    op: &Operation,
    bodies: &Bodies,
) -> (Vec<Diagnostic>, Vec<Option<bool>>, ExampleCounts) {
    let mut found = Vec::new();
    let mut counts = ExampleCounts::default();
    let mut verdicts = vec![None; op.examples.len()];
    for (e, example) in op.examples.iter().enumerate() {
        counts.examples += 1;
        if example.kind == ExampleKind::Request && op.routable {
            if let Some(url) = &example.url {
                url_matches(
                    op,
                    url,
                    &example.source.file,
                    example.source.line,
                    &mut found,
                );
            }
        }
        if example.kind == ExampleKind::Response {
            status_matches(op, example.status, &example.source, &mut found);
        }
        let Some(parsed) = bodies.get(&example.source) else {
            continue;
        };
        counts.examples_parsed += 1;
        let Some(typ) = example.body_type.as_deref().filter(|t| known(index, t)) else {
            continue;
        };
        counts.examples_checked += 1;
        let before = found.len();
        let mut walker = Walker {
            index,
            body: parsed,
            file: &example.source.file,
            found: &mut found,
            pointer: String::new(),
        };
        let wrapped = value_wrapper(index, typ, &parsed.value);
        let items = |walker: &mut Walker, items: &[Json]| {
            for (i, item) in items.iter().enumerate() {
                walker.pointer.clear();
                walker.pointer.push_str("/value/");
                walker.pointer.push_str(&i.to_string());
                walker.value(typ, item, 0);
            }
        };
        if let Some(inner) = wrapped.filter(|_| !example.body_collection) {
            // `{"value": …}` around a single object or a list (many pages do this).
            match inner {
                Json::Array(list) => items(&mut walker, list),
                other => {
                    walker.pointer.push_str("/value");
                    walker.value(typ, other, 0)
                }
            }
        } else if example.body_collection {
            match parsed.value.get("value") {
                Some(Json::Array(list)) => items(&mut walker, list),
                _ => walker.report(
                    Code::ExampleWrongKind,
                    format!("example body should be a page of `{typ}` (`{{\"value\": [...]}}`)"),
                ),
            }
        } else {
            walker.value(typ, &parsed.value, 0);
        }
        verdicts[e] = Some(found.len() == before);
        if found.len() == before {
            counts.examples_conforming += 1;
        }
        if found[before..]
            .iter()
            .all(|d| d.code == Code::ExampleEnumValue)
        {
            counts.examples_conforming_in_shape += 1;
        }
    }
    (found, verdicts, counts)
}

/// The inside of a body that is `{"value": …}` (annotations aside) when the
/// documented type has no `value` property of its own.
pub fn value_wrapper<'v>(index: &Index, typ: &str, body: &'v Json) -> Option<&'v Json> {
    let object = body.as_object()?;
    let inner = body.get("value")?;
    let only_value = object
        .iter()
        .all(|(k, _)| &**k == "value" || k.contains('@'));
    let has_own = index
        .type_def(typ)
        .is_some_and(|def| index.property(def, "value").is_some());
    (only_value && !has_own && (inner.is_object() || inner.is_array())).then_some(inner)
}

fn known(index: &Index, typ: &str) -> bool {
    index.type_def(typ).is_some() || index.enum_def(typ).is_some() || typ.starts_with("Edm.")
}

/// A response example's status against the page's Response section (when
/// the section gave the status, not the example itself).
fn status_matches(op: &Operation, status: Option<u16>, at: &Source, found: &mut Vec<Diagnostic>) {
    let (Some(status), Some(documented)) = (status, op.response.as_ref()) else {
        return;
    };
    if documented.status == status || documented.source == *at {
        return;
    }
    found.push(Diagnostic::warning(
        Code::ExampleStatusMismatch,
        &at.file,
        at.line,
        format!(
            "the response example's status is {status}; the Response section (line {}) documents {}",
            documented.source.line, documented.status
        ),
        "generated code answers the documented status; fix whichever is wrong",
    ));
}

/// Whether a request path (no query) fits one of `op`'s documented paths, by
/// the routers' own matching, so that what `check` reports is what they do.
pub fn fits_documented_paths(op: &Operation, path: &str) -> bool {
    let mut table = mdbind_runtime::route::RouteTable::default();
    table.push("ANY", op.paths.iter().map(String::as_str));
    table.fits("ANY", path)
}

fn url_matches(op: &Operation, url: &str, file: &str, line: u32, found: &mut Vec<Diagnostic>) {
    let path = if url.starts_with('/') {
        Some(url.split(['?', '#']).next().unwrap_or(url).to_string())
    } else {
        parse::http::path_of_url(url)
    };
    let Some(path) = path else { return };
    if fits_documented_paths(op, &path) {
        return;
    }
    let documented = op
        .paths
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    found.push(Diagnostic::warning(
        Code::ExampleUrlMismatch,
        file,
        line,
        format!("example request path `{path}` matches none of the documented paths: {documented}"),
        format!(
            "kept the documented paths (request line {}); fix whichever is wrong",
            op.source.line
        ),
    ));
}

struct Walker<'a, 'b> {
    index: &'b Index<'a>,
    body: &'b JsonBody,
    file: &'b str,
    found: &'b mut Vec<Diagnostic>,
    /// The JSON pointer of the value being checked: one buffer, a segment
    /// pushed going into a member and cut off coming out, made into a line
    /// only when something is reported.
    pointer: String,
}

/// The JSON kind an `Edm.*` primitive is written as; `None` for any JSON.
fn primitive_kind(typ: &str) -> Option<&'static str> {
    match typ {
        "Edm.Boolean" => Some("boolean"),
        "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64" => Some("integer"),
        "Edm.Single" | "Edm.Double" | "Edm.Decimal" => Some("number"),
        "Edm.Json" | "Edm.Untyped" => None,
        t if t.starts_with("Edm.") => Some("string"),
        // A name no page documents: nothing to check against.
        _ => None,
    }
}

/// Whether the generated code's type for `typ` reads `value`: the same
/// runtime types decide, so a conforming example is one the bindings accept.
fn valid_primitive(typ: &str, value: &Json) -> Result<(), String> {
    // Read from the borrowed value: a copy of each would cost more than the
    // check. Only strings and numbers get here (the kind was checked).
    fn reads<'v, T: serde::Deserialize<'v>>(value: &'v Json) -> Result<(), serde_json::Error> {
        use serde::de::value::BorrowedStrDeserializer;
        match value {
            Json::String(text) => T::deserialize(BorrowedStrDeserializer::new(text)).map(drop),
            Json::Number(n) => T::deserialize(n).map(drop),
            _ => Ok(()),
        }
    }
    let result = match typ {
        "Edm.DateTimeOffset" => reads::<mdbind_runtime::DateTimeOffset>(value),
        "Edm.Date" => reads::<mdbind_runtime::Date>(value),
        "Edm.TimeOfDay" => reads::<mdbind_runtime::TimeOfDay>(value),
        "Edm.Duration" => reads::<mdbind_runtime::Duration>(value),
        "Edm.Guid" => reads::<mdbind_runtime::Guid>(value),
        "Edm.Binary" | "Edm.Stream" => reads::<mdbind_runtime::Binary>(value),
        "Edm.Byte" => reads::<u8>(value),
        "Edm.SByte" => reads::<i8>(value),
        "Edm.Int16" => reads::<i16>(value),
        "Edm.Int32" => reads::<i32>(value),
        "Edm.Int64" => reads::<i64>(value),
        _ => Ok(()),
    };
    result.map_err(|e| e.to_string())
}

fn kind_of(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_f64() => "number",
        Json::Number(_) => "integer",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

impl Walker<'_, '_> {
    /// A finding at the value [`Self::pointer`] points to.
    fn report(&mut self, code: Code, message: String) {
        let action = match code {
            Code::ExampleEnumValue => "kept the example; the generated enum reads it as `Other`",
            Code::ExampleUnknownProperty => "kept the example; generated structs keep unknown members in `additional_properties`",
            _ => "kept the example; fix the example or the documented type",
        };
        self.found.push(Diagnostic::warning(
            code,
            self.file,
            self.body.line_of(&self.pointer),
            message,
            action,
        ));
    }

    fn value(&mut self, typ: &str, value: &Json, depth: usize) {
        // Types can be recursive and examples deep: stop well before the stack does.
        if depth > 64 || value.is_null() {
            return;
        }
        if let Some(def) = self.index.enum_def(typ) {
            let Some(text) = value.as_str() else {
                let kind = kind_of(value);
                return self.report(
                    Code::ExampleWrongKind,
                    format!("enum `{}` value is a JSON {kind}, not a string", def.name),
                );
            };
            // Flags enums combine members: "a,b".
            let parts: Vec<&str> = if def.flags {
                text.split(',').map(str::trim).collect()
            } else {
                vec![text]
            };
            for part in parts {
                if !def.members.iter().any(|m| m.name == part) {
                    let members = def
                        .members
                        .iter()
                        .map(|m| format!("`{}`", m.name))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.report(
                        Code::ExampleEnumValue,
                        format!(
                            "example value `{part}` is not a member of enum `{}` ({members})",
                            def.name
                        ),
                    );
                }
            }
            return;
        }
        if let Some(def) = self.index.type_def(typ) {
            return self.object(def, value, depth);
        }
        if let Some(expected) = primitive_kind(typ) {
            let actual = kind_of(value);
            let fits = actual == expected || (expected == "number" && actual == "integer");
            if !fits {
                self.report(
                    Code::ExampleWrongKind,
                    format!("`{typ}` value is a JSON {actual}, not a {expected}"),
                );
            } else if let Err(why) = valid_primitive(typ, value) {
                self.report(
                    Code::ExampleInvalidValue,
                    format!("`{value}` is not a valid `{typ}`: {why}"),
                );
            }
        }
    }

    fn object(&mut self, declared: &TypeDef, value: &Json, depth: usize) {
        let Some(object) = value.as_object() else {
            let kind = kind_of(value);
            return self.report(
                Code::ExampleWrongKind,
                format!("`{}` value is a JSON {kind}, not an object", declared.name),
            );
        };
        let mut def = declared;
        if let Some(named) = value.get("@odata.type").and_then(Json::as_str) {
            match self.index.odata_type(named) {
                Some(actual) => def = actual,
                None => {
                    let len = self.pointer.len();
                    self.pointer.push_str("/@odata.type");
                    self.report(
                        Code::ExampleUnknownOdataType,
                        format!("`@odata.type` names `{named}`, which no page documents"),
                    );
                    self.pointer.truncate(len);
                }
            }
        }
        let chain = self.index.chain(def);
        let len = self.pointer.len();
        let index = self.index;
        let mut descendants: Option<Vec<&TypeDef>> = None;
        for (key, member) in object.iter().map(|(k, v)| (&**k, v)) {
            // `@odata.*` and `x@odata.bind` are annotations, not properties.
            if key.contains('@') {
                continue;
            }
            self.pointer.truncate(len);
            push_segment(&mut self.pointer, key);
            // Without an `@odata.type` the object may be any type derived from
            // the documented one (a `directoryObject` that is a `user`): they
            // are listed once per object, when a member first needs them.
            let found = index.property_in(&chain, key).or_else(|| {
                descendants
                    .get_or_insert_with(|| index.descendants(def))
                    .iter()
                    .find_map(|t| index.own_property(t, key))
            });
            if found.is_none() && chain.iter().any(|t| t.open) {
                // An open type takes members the docs do not list.
                continue;
            }
            let Some(p) = found else {
                self.report(
                    Code::ExampleUnknownProperty,
                    format!(
                        "`{key}` is not a documented property of `{}`",
                        def.qualified()
                    ),
                );
                continue;
            };
            match (p.collection, member) {
                (true, Json::Array(items)) => {
                    let at = self.pointer.len();
                    for (i, item) in items.iter().enumerate() {
                        self.pointer.truncate(at);
                        self.pointer.push('/');
                        self.pointer.push_str(&i.to_string());
                        self.value(&p.typ, item, depth + 1);
                    }
                }
                (true, Json::Null) => {}
                (true, other) => {
                    let kind = kind_of(other);
                    self.report(
                        Code::ExampleWrongKind,
                        format!("`{key}` is a collection but the example gives a JSON {kind}"),
                    );
                }
                (false, _) => self.value(&p.typ, member, depth + 1),
            }
        }
        self.pointer.truncate(len);
    }
}

/// `/key` on a JSON pointer, `~` and `/` escaped (RFC 6901).
fn push_segment(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}
