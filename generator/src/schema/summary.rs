//! The figures `mdbind check --format json` ends with: what was read, what was
//! skipped and why, what the schema holds, how the examples fared.

use std::collections::BTreeMap;

use serde::Serialize;

use super::index::Index;
use super::model::{Schema, Skipped};

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Files under the docs folder.
    pub pages: usize,
    pub pages_skipped: Vec<Skipped>,
    pub types: usize,
    pub properties: usize,
    /// Properties whose type names nothing the schema defines.
    pub properties_unresolved: usize,
    pub enums: usize,
    pub enum_members: usize,
    pub operations: usize,
    pub operations_unroutable: usize,
    pub paths: usize,
    pub examples: usize,
    pub examples_parsed: usize,
    pub examples_checked: usize,
    pub examples_conforming: usize,
    /// Checked bodies whose only findings are values outside an enum.
    pub examples_conforming_in_shape: usize,
    /// Diagnostic count per code.
    pub diagnostics: BTreeMap<String, usize>,
}

pub fn summary(schema: &Schema) -> Summary {
    let index = Index::new(schema);
    let properties = schema.types.iter().flat_map(|t| &t.properties);
    let unresolved = properties
        .clone()
        .filter(|p| {
            !p.typ.starts_with("Edm.")
                && index.type_def(&p.typ).is_none()
                && index.enum_def(&p.typ).is_none()
        })
        .count();
    let mut diagnostics = BTreeMap::new();
    for d in &schema.diagnostics {
        *diagnostics.entry(d.code.as_str().to_string()).or_default() += 1;
    }
    let counts = schema.example_counts;
    Summary {
        pages: schema.pages,
        pages_skipped: schema.pages_skipped.clone(),
        types: schema.types.len(),
        properties: properties.count(),
        properties_unresolved: unresolved,
        enums: schema.enums.len(),
        enum_members: schema.enums.iter().map(|e| e.members.len()).sum(),
        operations: schema.operations.len(),
        operations_unroutable: schema.operations.iter().filter(|o| !o.routable).count(),
        paths: schema.operations.iter().map(|o| o.paths.len()).sum(),
        examples: counts.examples,
        examples_parsed: counts.examples_parsed,
        examples_checked: counts.examples_checked,
        examples_conforming: counts.examples_conforming,
        examples_conforming_in_shape: counts.examples_conforming_in_shape,
        diagnostics,
    }
}
