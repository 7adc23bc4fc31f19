//! Parse: one markdown page → the facts it states, each with its line.
//!
//! This stage knows markdown and the Graph documentation conventions; it knows
//! nothing of other pages or of Rust. [`parse_page`] is its whole interface.

pub mod enums;
pub mod examples;
mod front_matter;
pub mod http;
pub mod json;
mod json_tree;
pub mod markdown;
mod page;
mod text;
pub mod typeref;

pub use examples::{Example, ExampleKind};
pub use front_matter::FrontMatter;
pub use json::JsonBody;
pub use json_tree::Json;
pub use page::parse_page;
pub(crate) use text::{lines, split_once_byte, Phrase};
pub use typeref::{TypeName, TypeRef};

/// Everything one page says.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Path relative to the docs folder, `/`-separated; shared with every
    /// fact of the schema read from the page.
    pub file: std::sync::Arc<str>,
    pub front_matter: FrontMatter,
    /// The H1 title and its line.
    pub title: Option<(String, u32)>,
    /// The `Namespace:` line, when there is one.
    pub namespace: Option<(String, u32)>,
    /// The first paragraph under the title.
    pub summary: Option<String>,
    /// What a resource page's `blockType: resource` annotation says.
    pub resource: Option<ResourceFacts>,
    pub property_tables: Vec<PropertyTable>,
    /// Enums the page lists (enum pages, `### x values` sections).
    pub enums: Vec<EnumFacts>,
    /// The text says the type is an open type (instances carry other members).
    pub open_type: bool,
    /// The base type an "Inherits from [x](x.md)" sentence names, and its line.
    pub base: Option<(TypeName, u32)>,
    /// Present on method pages (pages with an `HTTP request` section).
    pub operation: Option<OperationFacts>,
    pub examples: Vec<Example>,
}

/// A type's own page: its name, base type and annotation line.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceFacts {
    pub name: TypeName,
    pub base: Option<TypeName>,
    /// `"openType": true`: instances may carry members the docs do not list.
    pub open: bool,
    /// The JSON representation block after the annotation.
    pub representation: Option<JsonBody>,
    pub line: u32,
}

/// What a property table describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableSubject {
    /// The page's own resource (`## Properties`).
    Resource,
    /// The page's own resource, navigation properties (`## Relationships`).
    Relationships,
    /// A request body: the linked type when the text names one, else an inline body.
    RequestBody(Option<TypeName>),
}

#[derive(Debug, Clone)]
pub struct PropertyTable {
    pub subject: TableSubject,
    pub line: u32,
    pub rows: Vec<PropertyRow>,
}

#[derive(Debug, Clone)]
pub struct PropertyRow {
    pub name: String,
    /// `None` when the Type cell is empty.
    pub typ: Option<TypeRef>,
    pub description: String,
    /// Members listed in the description ("Possible values are …").
    pub possible_values: Vec<String>,
    /// The type named by "Inherited from [x](x.md)".
    pub inherited_from: Option<TypeName>,
    /// What the description says of the value ("Read-only.", "Nullable.").
    pub marks: PropertyMarks,
    pub line: u32,
}

/// What a property's description says of its value, in the docs' usual words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PropertyMarks {
    /// "Read-only", "read only", "readonly".
    pub read_only: bool,
    /// `Some(false)` for "not nullable", "non-nullable", "not null";
    /// `Some(true)` for "nullable"; `None` when it says neither.
    pub nullable: Option<bool>,
    /// "Required." (at the start, before a period, or "(required)"), not
    /// "not required".
    pub required: bool,
}

impl PropertyMarks {
    /// The marks in `description` (ASCII case ignored).
    pub fn of(description: &str) -> Self {
        text::with_lowercase(description, Self::in_lowercase)
    }

    /// [`Self::of`] a description already lower-cased, for a caller that
    /// reads other phrases in it too.
    pub(crate) fn in_lowercase(lower: text::Lowercase) -> Self {
        static READ: Phrase = Phrase::new("read");
        static NULL: Phrase = Phrase::new("null");
        static REQUIRED: Phrase = Phrase::new("required");
        static READ_ONLY: [Phrase; 3] = [
            Phrase::new("read-only"),
            Phrase::new("read only"),
            Phrase::new("readonly"),
        ];
        static NOT_NULLABLE: [Phrase; 3] = [
            Phrase::new("not nullable"),
            Phrase::new("non-nullable"),
            Phrase::new("not null"),
        ];
        static NULLABLE: Phrase = Phrase::new("nullable");
        static NOT_REQUIRED: Phrase = Phrase::new("not required");
        static REQUIRED_MARKS: [Phrase; 2] = [Phrase::new("required."), Phrase::new("(required)")];
        // Every mark's words hold one of these; most descriptions hold none.
        if ![&READ, &NULL, &REQUIRED].iter().any(|w| w.is_in(lower)) {
            return PropertyMarks::default();
        }
        PropertyMarks {
            read_only: READ_ONLY.iter().any(|w| w.is_in(lower)),
            nullable: if NOT_NULLABLE.iter().any(|w| w.is_in(lower)) {
                Some(false)
            } else if NULLABLE.is_in(lower) {
                Some(true)
            } else {
                None
            },
            required: !NOT_REQUIRED.is_in(lower)
                && (lower.starts_with("required") || REQUIRED_MARKS.iter().any(|w| w.is_in(lower))),
        }
    }
}

/// A method page's request and response description.
#[derive(Debug, Clone, Default)]
pub struct OperationFacts {
    /// Line of the `## HTTP request` heading.
    pub line: u32,
    /// Routable request lines.
    pub requests: Vec<RequestLine>,
    /// The method of each request line that has no readable path.
    pub unroutable_methods: Vec<String>,
    pub permissions: Vec<PermissionRow>,
    pub headers: Vec<HeaderRow>,
    pub query_params: Vec<QueryParamRow>,
    /// The body's type when the `Request body` text links one; its table, if
    /// any, is in [`Page::property_tables`].
    pub request_body: Option<BodyFacts>,
    pub response: Option<ResponseFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub method: String,
    pub path: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionRow {
    /// `delegated_work`, `delegated_personal`, `application`, or the cell lower-cased.
    pub kind: String,
    pub scopes: Vec<String>,
    /// False when the cell says "Not supported".
    pub supported: bool,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRow {
    pub name: String,
    pub description: String,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParamRow {
    pub name: String,
    pub description: String,
    pub example: Option<String>,
    pub operators: Option<String>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFacts {
    /// The linked type; `None` for a body described only by its table.
    pub typ: Option<TypeName>,
    pub collection: bool,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseFacts {
    pub status: u16,
    pub typ: Option<TypeName>,
    pub collection: bool,
    pub line: u32,
}

/// An enum's member table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumFacts {
    /// As documented (the page title's or section heading's first word).
    pub name: String,
    pub members: Vec<EnumMember>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumMember {
    pub name: String,
    /// The Value column, when there is one (flags enums use powers of two).
    pub value: Option<String>,
    pub description: Option<String>,
    pub line: u32,
}

#[cfg(test)]
mod tests {
    use super::PropertyMarks;

    #[test]
    fn marks_in_the_docs_usual_words() {
        let marks = PropertyMarks::of("The id. Read-only. Not nullable.");
        assert_eq!(
            marks,
            PropertyMarks {
                read_only: true,
                nullable: Some(false),
                required: false
            }
        );
        let marks = PropertyMarks::of("Required. The name; nullable.");
        assert_eq!((marks.required, marks.nullable), (true, Some(true)));
        assert_eq!(PropertyMarks::of("Not required."), PropertyMarks::default());
        assert_eq!(PropertyMarks::of("A count."), PropertyMarks::default());
    }
}
