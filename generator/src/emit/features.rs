//! Cargo features per documentation area, so that a user who needs `outlook`
//! does not compile `intune`. An area is a page's front matter `ms.prod`
//! (the namespace where the page does not say).
//!
//! Features never depend on each other (areas reference each other in
//! cycles, which cargo rejects); instead each item is compiled when any
//! feature that needs it is on: an area needs its own types, enums and
//! operations, and everything those refer to, transitively.

use std::collections::{BTreeMap, BTreeSet};

use super::FeaturesBy;
use crate::schema::{Index, Operation, Schema};

#[derive(Debug, Default)]
pub struct Features {
    /// Every feature, sorted.
    pub names: Vec<String>,
    /// Qualified type or enum name → the features that compile it.
    items: BTreeMap<String, BTreeSet<String>>,
    /// Operation name → its feature.
    operations: BTreeMap<String, String>,
}

/// A feature name from an area: lower case, `-` between words.
pub fn feature_name(area: &str) -> String {
    let mut out = String::new();
    for c in area.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    // `server` and `mock` are the generated crate's own features.
    if out.is_empty() || ["default", "server", "mock"].contains(&out.as_str()) {
        format!("area-{out}")
    } else {
        out
    }
}

fn area_feature(area: &Option<String>, namespace: &str) -> String {
    feature_name(area.as_deref().unwrap_or(namespace))
}

/// The feature of an item with documentation area `area` in `namespace`.
fn item_feature(by: FeaturesBy, area: &Option<String>, namespace: &str) -> String {
    match by {
        FeaturesBy::Area => area_feature(area, namespace),
        FeaturesBy::Namespace => feature_name(namespace),
    }
}

/// The feature of an operation.
fn operation_feature(by: FeaturesBy, op: &Operation, index: &Index) -> String {
    match by {
        FeaturesBy::Area => area_feature(&op.area, "operations"),
        FeaturesBy::Namespace => {
            let typed = op
                .response
                .iter()
                .filter_map(|r| r.typ.as_deref())
                .chain(op.request_body.iter().map(|b| b.typ.as_str()));
            let namespace = typed
                .filter_map(|t| {
                    index
                        .type_def(t)
                        .map(|d| d.namespace.as_str())
                        .or_else(|| index.enum_def(t).map(|e| e.namespace.as_str()))
                })
                .next();
            feature_name(namespace.unwrap_or("operations"))
        }
    }
}

impl Features {
    pub fn compute(schema: &Schema, by: FeaturesBy) -> Self {
        let index = Index::new(schema);
        // Item → what it refers to.
        let mut refs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &schema.types {
            let list = refs.entry(t.qualified()).or_default();
            list.extend(t.base.iter().cloned());
            list.extend(t.properties.iter().map(|p| p.typ.clone()));
        }
        let mut roots: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in &schema.types {
            roots
                .entry(item_feature(by, &t.area, &t.namespace))
                .or_default()
                .push(t.qualified());
        }
        for e in &schema.enums {
            roots
                .entry(item_feature(by, &e.area, &e.namespace))
                .or_default()
                .push(e.qualified());
        }
        let mut operations = BTreeMap::new();
        for op in &schema.operations {
            let feature = operation_feature(by, op, &index);
            let list = roots.entry(feature.clone()).or_default();
            list.extend(op.request_body.iter().map(|b| b.typ.clone()));
            list.extend(op.response.iter().filter_map(|r| r.typ.clone()));
            operations.insert(op.name.clone(), feature);
        }
        let mut items: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (feature, start) in &roots {
            let mut stack: Vec<&String> = start.iter().collect();
            let mut seen: BTreeSet<&String> = BTreeSet::new();
            while let Some(item) = stack.pop() {
                if !seen.insert(item) {
                    continue;
                }
                items
                    .entry(item.clone())
                    .or_default()
                    .insert(feature.clone());
                stack.extend(refs.get(item).into_iter().flatten());
            }
        }
        Features {
            names: roots.into_keys().collect(),
            items,
            operations,
        }
    }

    /// `#[cfg(any(feature = "a", …))]` for a type or enum, as prettyplease
    /// prints it, if gated.
    pub fn item_cfg_text(&self, qualified: &str) -> Option<String> {
        cfg_text(self.items.get(qualified).into_iter().flatten())
    }

    /// `#[cfg(feature = "a")]` for an operation's items, as text, if gated.
    pub fn operation_cfg_text(&self, op: &Operation) -> Option<String> {
        cfg_text(self.operations.get(&op.name))
    }

    /// `#[cfg(any(…))]` for a handler trait, as text, if gated: on when any
    /// of its operations is.
    pub fn trait_cfg_text<'a>(
        &self,
        ops: impl IntoIterator<Item = &'a Operation>,
    ) -> Option<String> {
        let set: BTreeSet<&String> = ops
            .into_iter()
            .filter_map(|op| self.operations.get(&op.name))
            .collect();
        cfg_text(set)
    }

    /// Feature → (types and enums it compiles, operations it serves), for the crate's README.
    pub fn sizes(&self) -> BTreeMap<&str, (usize, usize)> {
        let mut out: BTreeMap<&str, (usize, usize)> =
            self.names.iter().map(|n| (n.as_str(), (0, 0))).collect();
        for features in self.items.values() {
            for f in features {
                if let Some(entry) = out.get_mut(f.as_str()) {
                    entry.0 += 1;
                }
            }
        }
        for f in self.operations.values() {
            if let Some(entry) = out.get_mut(f.as_str()) {
                entry.1 += 1;
            }
        }
        out
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", …))]` for several,
/// as prettyplease prints it; `None` for no features (an item needed by no
/// area is always compiled).
fn cfg_text<'a>(features: impl IntoIterator<Item = &'a String>) -> Option<String> {
    let features: Vec<String> = features
        .into_iter()
        .map(|f| format!("feature = {}", super::code::string(f)))
        .collect();
    match features.as_slice() {
        [] => None,
        [one] => Some(format!("#[cfg({one})]")),
        many => Some(format!("#[cfg(any({}))]", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::feature_name;

    #[test]
    fn names() {
        assert_eq!(
            feature_name("identity and access reports"),
            "identity-and-access-reports"
        );
        assert_eq!(feature_name("Microsoft.Graph"), "microsoft-graph");
        assert_eq!(
            feature_name("dynamics-365-business-central"),
            "dynamics-365-business-central"
        );
        assert_eq!(feature_name("default"), "area-default");
    }
}
