//! What a user can ask of the emitter (through [`crate::Builder`]): which
//! namespaces to generate, extra attributes on chosen types, and documented
//! types replaced by the user's own.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

/// Which crate's types stand for `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateTimeCrate {
    /// `chrono` (the default): `DateTime<FixedOffset>`, `NaiveDate`, `NaiveTime`.
    #[default]
    Chrono,
    /// `time`, through `mdbind_runtime::time_types` (needs the runtime's `time` feature).
    Time,
}

/// What the cargo features that gate generated items stand for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FeaturesBy {
    /// A documentation area: a page's front matter `ms.prod` (its namespace
    /// where the page has none), e.g. `outlook`, `intune`.
    #[default]
    Area,
    /// A namespace, e.g. `microsoft-graph`; an operation goes with the
    /// namespace of its response type, else of its request body, else
    /// the feature `operations`.
    Namespace,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub date_time: DateTimeCrate,
    /// Gate every item behind cargo features (`None`: no gating). A generated
    /// crate's Cargo.toml declares them; a crate including the output
    /// declares those it wants (the others are never compiled).
    pub features: Option<FeaturesBy>,
    /// Generate only these namespaces (ASCII case ignored); all when empty.
    /// Types of other namespaces are referred to as untyped JSON.
    pub namespaces: Vec<String>,
    /// (selector, attribute): the selector is `.` for every type and enum, a
    /// namespace for its types and enums, or a qualified type or enum name.
    /// Kept as text (checked to parse by the builder) so that options can be
    /// shared by the threads that emit files; tokens cannot cross threads.
    pub type_attributes: Vec<(String, String)>,
    /// Qualified documented name → the user's Rust type used in its place
    /// (that type is not generated); a path, checked by the builder.
    pub extern_types: BTreeMap<String, String>,
    /// Generate `server.rs` (axum routers for the handler traits), compiled
    /// with the `server` cargo feature of the crate it is included in.
    pub server: bool,
    /// Generate `mock.rs` (the handler traits answered from the docs'
    /// examples), compiled with the `mock` cargo feature.
    pub mock: bool,
}

impl Options {
    pub fn includes_namespace(&self, namespace: &str) -> bool {
        self.namespaces.is_empty()
            || self
                .namespaces
                .iter()
                .any(|n| n.eq_ignore_ascii_case(namespace))
    }

    /// The extra attributes for an item of `namespace` named `qualified`.
    pub fn attributes_for(&self, namespace: &str, qualified: &str) -> Vec<TokenStream> {
        self.type_attributes
            .iter()
            .filter(|(selector, _)| {
                selector == "." || selector == qualified || selector.eq_ignore_ascii_case(namespace)
            })
            .filter_map(|(_, attr)| attr.parse().ok())
            .collect()
    }

    /// Whether a type or enum is generated at all.
    pub fn generates(&self, namespace: &str, qualified: &str) -> bool {
        self.includes_namespace(namespace) && !self.extern_types.contains_key(qualified)
    }
}
