//! Examples checked against the schema: values that are not members of their
//! enum, and request URLs that match none of the documented paths.

use serde_json::Value;

use super::model::{Schema, TypeDef};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{self, ExampleKind, JsonBody, Page};

/// Appends a diagnostic for every example value or URL the schema disagrees with.
pub fn check(schema: &mut Schema, pages: &[&Page]) {
    let mut found = Vec::new();
    for op in &schema.operations {
        for example in &op.examples {
            let page = pages.iter().find(|p| p.file == example.source.file);
            let parsed =
                page.and_then(|p| p.examples.iter().find(|e| e.line == example.source.line));
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
            let (Some(body), Some(typ), Some(parsed)) = (
                &example.body,
                &example.body_type,
                parsed.and_then(|e| e.body.as_ref()),
            ) else {
                continue;
            };
            let mut walker = Walker {
                schema,
                body: parsed,
                file: &example.source.file,
                found: &mut found,
            };
            if example.body_collection {
                if let Some(items) = body.get("value").and_then(Value::as_array) {
                    for (i, item) in items.iter().enumerate() {
                        walker.value(typ, item, &format!("/value/{i}"), 0);
                    }
                }
            } else {
                walker.value(typ, body, "", 0);
            }
        }
    }
    schema.diagnostics.extend(found);
}

fn url_matches(
    op: &super::model::Operation,
    url: &str,
    file: &str,
    line: u32,
    found: &mut Vec<Diagnostic>,
) {
    let path = if url.starts_with('/') {
        Some(url.split(['?', '#']).next().unwrap_or(url).to_string())
    } else {
        parse::http::path_of_url(url)
    };
    let Some(path) = path else { return };
    if op.paths.iter().any(|t| parse::http::path_matches(t, &path)) {
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
            "kept the documented paths (HTTP request section, line {}); fix whichever is wrong",
            op.source.line
        ),
    ));
}

struct Walker<'a> {
    schema: &'a Schema,
    body: &'a JsonBody,
    file: &'a str,
    found: &'a mut Vec<Diagnostic>,
}

impl Walker<'_> {
    fn value(&mut self, typ: &str, value: &Value, pointer: &str, depth: usize) {
        // Types can be recursive and examples deep: stop well before the stack does.
        if depth > 64 {
            return;
        }
        if let Some(def) = self.schema.enums.iter().find(|e| e.qualified() == typ) {
            let Some(text) = value.as_str() else { return };
            if !def.members.iter().any(|m| m.name == text) {
                let members = def
                    .members
                    .iter()
                    .map(|m| format!("`{}`", m.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.found.push(Diagnostic::warning(
                    Code::ExampleEnumValue,
                    self.file,
                    self.body.line_of(pointer),
                    format!(
                        "example value `{text}` is not a member of enum `{}` ({members})",
                        def.name
                    ),
                    "kept the example; the generated enum reads it as `Other`",
                ));
            }
            return;
        }
        let Some(def) = self.schema.types.iter().find(|t| t.qualified() == typ) else {
            return;
        };
        let Some(object) = value.as_object() else {
            return;
        };
        for (property, ptyp, collection) in self.properties(def) {
            let Some(member) = object.get(&property) else {
                continue;
            };
            let at = format!(
                "{pointer}/{}",
                property.replace('~', "~0").replace('/', "~1")
            );
            match (collection, member) {
                (true, Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(&ptyp, item, &format!("{at}/{i}"), depth + 1);
                    }
                }
                _ => self.value(&ptyp, member, &at, depth + 1),
            }
        }
    }

    /// A type's properties with its bases' (name, type, collection).
    fn properties(&self, def: &TypeDef) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        let mut current = Some(def);
        let mut seen = Vec::new();
        while let Some(t) = current {
            if seen.contains(&t.qualified()) {
                break;
            }
            seen.push(t.qualified());
            out.extend(
                t.properties
                    .iter()
                    .map(|p| (p.name.clone(), p.typ.clone(), p.collection)),
            );
            current = t
                .base
                .as_ref()
                .and_then(|b| self.schema.types.iter().find(|x| &x.qualified() == b));
        }
        out
    }
}
