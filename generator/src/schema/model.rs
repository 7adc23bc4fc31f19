//! The intermediate schema: what the docs say, merged across pages, resolved,
//! named for Rust, in a deterministic order. `mdbind schema` prints it as JSON;
//! the field names are a public interface (extend them, never rename them).

use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::parse::{ExampleKind, Json};

/// Where a fact was read: page path relative to the docs folder, 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Source {
    /// Shared with the page and every other fact read from it: a large docs
    /// folder has ~100,000 facts from ~8,000 pages.
    #[serde(serialize_with = "as_str")]
    pub file: Arc<str>,
    pub line: u32,
}

fn as_str<S: serde::Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(text)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Schema {
    pub namespaces: Vec<Namespace>,
    pub types: Vec<TypeDef>,
    pub enums: Vec<EnumDef>,
    pub operations: Vec<Operation>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many examples there are, parsed, checked and conforming.
    pub example_counts: super::ExampleCounts,
    /// Files under the docs folder (0 when the schema was built from pages in memory).
    pub pages: usize,
    /// Files that gave no facts, and why.
    pub pages_skipped: Vec<Skipped>,
}

/// A file that contributed nothing to the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// A namespace and the Rust module its types go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Namespace {
    /// As documented, e.g. `Microsoft.AAD.Reporting`.
    pub name: String,
    /// e.g. `microsoft_aad_reporting`.
    pub module: String,
}

/// A structured type (entity or complex type, or an operation's inline body).
#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    /// As documented, e.g. `userCredentialUsageDetails`.
    pub name: String,
    pub namespace: String,
    /// Qualified base type name, or null.
    pub base: Option<String>,
    pub description: Option<String>,
    /// True when no page documents the type and its properties were read off an example.
    pub inferred: bool,
    /// True for an open type (`"openType": true`): instances carry other members too.
    pub open: bool,
    pub properties: Vec<Property>,
    /// The first page and line that documents the type.
    pub source: Source,
    /// Every place that documents it, `source` first.
    pub sources: Vec<Source>,
    /// The Rust struct's name.
    pub rust_name: String,
    /// The documentation area (front matter `ms.prod` of `source`'s page).
    pub area: Option<String>,
    /// Where a property is typed as this type and other types derive from it:
    /// the Rust enum that stands for it or any of them (the payload's
    /// `@odata.type` picks). Null otherwise.
    pub polymorphic: Option<Polymorphic>,
}

/// The Rust enum for a base type or any type derived from it.
#[derive(Debug, Clone, Serialize)]
pub struct Polymorphic {
    pub rust_name: String,
    /// The base type itself first, then every type derived from it (at any
    /// depth), in schema order.
    pub variants: Vec<PolymorphicVariant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PolymorphicVariant {
    /// Qualified type name.
    #[serde(rename = "type")]
    pub typ: String,
    pub rust_name: String,
}

impl TypeDef {
    pub fn qualified(&self) -> String {
        [self.namespace.as_str(), ".", self.name.as_str()].concat()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Property {
    /// The JSON member name.
    pub name: String,
    /// OData spelling: `Edm.String`, … or a qualified type or enum name.
    #[serde(rename = "type")]
    pub typ: String,
    pub collection: bool,
    /// True for relationships (navigation properties).
    pub navigation: bool,
    /// The description says "Read-only".
    pub read_only: bool,
    /// `false` for "Not nullable", `true` for "Nullable", null when the docs do not say.
    pub nullable: Option<bool>,
    /// The description says "Required".
    pub required: bool,
    pub description: Option<String>,
    /// Qualified name of the type a row says it is inherited from.
    pub inherited_from: Option<String>,
    pub source: Source,
    /// The Rust field's name (without `r#`).
    pub rust_name: String,
}

impl Property {
    /// A property read off JSON (an example, a JSON representation) rather
    /// than a table: nothing but its name, type and place is known.
    pub fn from_json(name: &str, typ: String, collection: bool, source: Source) -> Self {
        Property {
            name: name.to_string(),
            typ,
            collection,
            navigation: false,
            read_only: false,
            nullable: None,
            required: false,
            description: None,
            inherited_from: None,
            source,
            rust_name: String::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumDef {
    /// As documented; `{Type}{Property}` for a list given inline in a property's description.
    pub name: String,
    pub namespace: String,
    pub flags: bool,
    /// True when named by mdbind from an inline "Possible values" list.
    pub inline: bool,
    pub members: Vec<Member>,
    pub source: Source,
    pub rust_name: String,
    /// The documentation area (front matter `ms.prod` of `source`'s page).
    pub area: Option<String>,
}

impl EnumDef {
    pub fn qualified(&self) -> String {
        [self.namespace.as_str(), ".", self.name.as_str()].concat()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// The value on the wire.
    pub name: String,
    pub description: Option<String>,
    pub rust_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// Stable identifier: the page's file name without `.md`.
    pub name: String,
    /// The page title.
    pub title: String,
    pub description: Option<String>,
    /// HTTP method, upper case; null when the request line is unreadable.
    pub method: Option<String>,
    /// Path templates, e.g. `/reports/userCredentialUsageDetails/{userCredentialUsageDetailsId}`.
    pub paths: Vec<String>,
    /// False when no request line could be read: kept here, left out of handler traits.
    pub routable: bool,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    pub headers: Vec<Header>,
    pub request_body: Option<Body>,
    pub response: Option<Response>,
    pub permissions: Vec<Permission>,
    pub examples: Vec<Example>,
    pub source: Source,
    /// The Rust handler trait this operation is a method of (null when unroutable).
    pub handler: Option<String>,
    /// The Rust method name.
    pub rust_name: String,
    /// The documentation area (front matter `ms.prod` of the page).
    pub area: Option<String>,
    /// `rust_name` in UpperCamelCase, which the operation's Rust types
    /// (`{…}Request`, `{…}Response`) start with; made with the other names,
    /// not part of the schema's JSON.
    #[serde(skip)]
    pub type_base: String,
}

impl Operation {
    /// The documented request examples, each with the response example that
    /// follows it (before the next request), when there is one.
    pub fn example_pairs(&self) -> Vec<(&Example, Option<&Example>)> {
        let mut pairs: Vec<(&Example, Option<&Example>)> = Vec::new();
        for e in &self.examples {
            match e.kind {
                ExampleKind::Request => pairs.push((e, None)),
                ExampleKind::Response => {
                    if let Some((_, response @ None)) = pairs.last_mut() {
                        *response = Some(e);
                    }
                }
            }
        }
        pairs
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: String,
    /// The name lower-cased without separators, so `{user-id}` and `{userId}`
    /// are one kind of parameter.
    pub kind: String,
    #[serde(rename = "type")]
    pub typ: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub source: Source,
    pub rust_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub name: String,
    pub description: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// Qualified type name.
    #[serde(rename = "type")]
    pub typ: String,
    pub collection: bool,
    /// A request may leave the body out: the method is GET, HEAD or DELETE
    /// (a body table there lists what the URL carries), or one of the
    /// operation's documented requests sends none.
    pub optional: bool,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Response {
    pub status: u16,
    /// Qualified type name; null when the response has no body.
    #[serde(rename = "type")]
    pub typ: Option<String>,
    pub collection: bool,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Permission {
    /// `delegated_work`, `delegated_personal` or `application`.
    pub kind: String,
    pub scopes: Vec<String>,
    pub supported: bool,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Example {
    pub kind: ExampleKind,
    pub name: Option<String>,
    pub method: Option<String>,
    pub url: Option<String>,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Json>,
    /// The type the body is an instance of, when known: qualified name.
    pub body_type: Option<String>,
    /// True when the body is a page of `body_type` (`{"value": [...]}`).
    pub body_collection: bool,
    pub truncated: bool,
    pub source: Source,
    /// Whether the body conforms to the schema: null when it was not checked.
    pub conforming: Option<bool>,
}
