//! The Type column of a property table → a type reference in OData spelling.

use std::borrow::Cow;

use super::markdown::{Inline, Link};
use super::text::{rsplit_once_byte, split_once_byte, strip_prefix_ci, strip_suffix_ci};

/// What a type cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeName {
    /// An `Edm.*` primitive, in its OData spelling (`Edm.String`).
    Primitive(&'static str),
    /// A structured type or enum; the namespace when the docs say it.
    Named {
        name: String,
        namespace: Option<String>,
    },
    /// `Enumeration`: the values are listed in the description.
    Enumeration,
}

/// A parsed Type cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    pub name: TypeName,
    pub collection: bool,
}

/// OData primitive names, lower-cased, with the spellings the docs use for them.
const PRIMITIVES: &[(&str, &str)] = &[
    ("string", "Edm.String"),
    ("boolean", "Edm.Boolean"),
    ("bool", "Edm.Boolean"),
    ("byte", "Edm.Byte"),
    ("sbyte", "Edm.SByte"),
    ("int16", "Edm.Int16"),
    ("int32", "Edm.Int32"),
    ("int", "Edm.Int32"),
    ("integer", "Edm.Int32"),
    ("int64", "Edm.Int64"),
    ("long", "Edm.Int64"),
    ("single", "Edm.Single"),
    ("float", "Edm.Single"),
    ("double", "Edm.Double"),
    ("decimal", "Edm.Decimal"),
    ("datetimeoffset", "Edm.DateTimeOffset"),
    ("datetime", "Edm.DateTimeOffset"),
    ("date", "Edm.Date"),
    ("timeofday", "Edm.TimeOfDay"),
    ("duration", "Edm.Duration"),
    ("guid", "Edm.Guid"),
    ("binary", "Edm.Binary"),
    ("stream", "Edm.Stream"),
    ("json", "Edm.Json"),
    ("untyped", "Edm.Untyped"),
];

/// The `Edm.*` spelling of a primitive name (`Int32`, `edm.int32`, `Edm.Int32`).
pub fn primitive(word: &str) -> Option<&'static str> {
    let word = word.trim();
    let bare = match word.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => &word[4..],
        _ => word,
    };
    PRIMITIVES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(bare))
        .map(|(_, v)| *v)
}

/// Reads a Type cell. `None` when the cell is empty.
pub fn parse(cell: &Inline) -> Option<TypeRef> {
    let parsed = parse_text(&cell.text)?;
    // A link names the type better than its text: it carries the namespace.
    let link = cell
        .links
        .iter()
        .find(|l| is_page_link(&l.dest) || is_values_anchor(&l.dest));
    match (link, &parsed.name) {
        (Some(link), TypeName::Named { .. }) if primitive(&clean(&link.text)).is_none() => {
            Some(TypeRef {
                name: if is_page_link(&link.dest) {
                    named_from_link(link)
                } else {
                    TypeName::Named {
                        name: clean(&link.text).into_owned(),
                        namespace: None,
                    }
                },
                collection: parsed.collection,
            })
        }
        _ => Some(parsed),
    }
}

/// Reads a type as text: `String`, `Edm.Int64`, `String collection`,
/// `Collection(microsoft.graph.x)`, `[x][]`, `x or y` (any JSON).
pub fn parse_text(text: &str) -> Option<TypeRef> {
    let cleaned = clean(text);
    let mut text: &str = &cleaned;
    if text.is_empty() {
        return None;
    }
    let mut collection = false;
    if let Some(inner) = strip_prefix_ci(text, "collection(").and_then(|t| t.strip_suffix(')')) {
        collection = true;
        text = inner.trim();
    } else if let Some(stripped) = strip_suffix_ci(text, " collection") {
        collection = true;
        text = stripped.trim();
    }
    // "String (max 100 characters)": the type is before the parenthesis.
    if let Some((head, _)) = text.split_once(" (") {
        text = head.trim();
    }
    if text.eq_ignore_ascii_case("enumeration") || text.eq_ignore_ascii_case("enum") {
        return Some(TypeRef {
            name: TypeName::Enumeration,
            collection,
        });
    }
    if let Some(p) = primitive(text) {
        return Some(TypeRef {
            name: TypeName::Primitive(p),
            collection,
        });
    }
    let is_name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    };
    if !is_name(text) {
        // "String or Int32", "identitySet, or null": no one type; any JSON keeps the value.
        return Some(TypeRef {
            name: TypeName::Primitive("Edm.Untyped"),
            collection,
        });
    }
    Some(TypeRef {
        name: qualified(text),
        collection,
    })
}

/// The cell text without markup: HTML tags, emphasis, code ticks, escapes,
/// reference-link brackets (`[x][]`) and a trailing period. Borrowed when
/// the cell has no markup (most Type cells).
fn clean(text: &str) -> Cow<'_, str> {
    let trim = |t: &str| -> usize {
        // Where the trimmed text ends: spaces, then periods, then spaces off.
        t.trim_end().trim_end_matches('.').trim_end().len()
    };
    if !text.contains(['<', '`', '*', '\\', '[', ']']) {
        let text = text.trim_start();
        return Cow::Borrowed(&text[..trim(text)]);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '`' | '*' | '\\' | '[' | ']' => {}
            _ => out.push(c),
        }
    }
    let end = trim(&out);
    out.truncate(end);
    let start = out.len() - out.trim_start().len();
    out.drain(..start);
    Cow::Owned(out)
}

/// `#x-values` or `enums.md#x-values`: an enum documented in a values section.
fn is_values_anchor(dest: &str) -> bool {
    dest.split_once('#')
        .is_some_and(|(_, anchor)| anchor.ends_with("-values"))
}

/// `microsoft.graph.user` → name `user` in `microsoft.graph`; `user` → no namespace.
pub fn qualified(text: &str) -> TypeName {
    let text = text.trim().trim_start_matches('#');
    match text.rsplit_once('.') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => TypeName::Named {
            name: name.to_string(),
            namespace: Some(ns.to_string()),
        },
        _ => TypeName::Named {
            name: text.to_string(),
            namespace: None,
        },
    }
}

/// Whether a link points at another documentation page (not a URL or an anchor).
pub fn is_page_link(dest: &str) -> bool {
    let path = split_once_byte(dest, b'#').map_or(dest, |(path, _)| path);
    path.ends_with(".md") && super::text::find_short(path, "://").is_none()
}

/// A link to a type's page: the link text is the type's documented name; a page
/// named `microsoft.aad.reporting-x.md` says the namespace.
pub fn named_from_link(link: &Link) -> TypeName {
    let file = split_once_byte(&link.dest, b'#').map_or(&*link.dest, |(file, _)| file);
    let mut stem = rsplit_once_byte(file, b'/').map_or(file, |(_, name)| name);
    // Every `.md` off the end (`trim_end_matches`, without its searcher).
    while let Some(shorter) = stem.strip_suffix(".md") {
        stem = shorter;
    }
    let namespace = split_once_byte(stem, b'-')
        .map(|(prefix, _)| prefix)
        .filter(|p| memchr::memchr(b'.', p.as_bytes()).is_some())
        .map(str::to_string);
    let text = super::text::without(&link.text, &['`']);
    let text = text.trim();
    let name = if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        match qualified(text) {
            TypeName::Named {
                name,
                namespace: Some(ns),
            } => {
                return TypeName::Named {
                    name,
                    namespace: Some(ns),
                };
            }
            _ => text.to_string(),
        }
    } else {
        rsplit_once_byte(stem, b'-')
            .map_or(stem, |(_, last)| last)
            .to_string()
    };
    TypeName::Named { name, namespace }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, links: &[(&str, &str)]) -> Inline<'static> {
        Inline {
            text: text.to_string().into(),
            links: links
                .iter()
                .map(|(t, d)| Link {
                    text: t.to_string().into(),
                    dest: d.to_string().into(),
                    offset: 0,
                })
                .collect(),
        }
    }

    fn named(name: &str, ns: Option<&str>) -> TypeName {
        TypeName::Named {
            name: name.into(),
            namespace: ns.map(Into::into),
        }
    }

    #[test]
    fn type_cells() {
        let cases: Vec<(Inline, TypeName, bool)> = vec![
            (
                cell("String", &[]),
                TypeName::Primitive("Edm.String"),
                false,
            ),
            (
                cell("Edm.Int64", &[]),
                TypeName::Primitive("Edm.Int64"),
                false,
            ),
            (
                cell("DateTimeOffset", &[]),
                TypeName::Primitive("Edm.DateTimeOffset"),
                false,
            ),
            (
                cell("String collection", &[]),
                TypeName::Primitive("Edm.String"),
                true,
            ),
            (
                cell("Enumeration collection", &[]),
                TypeName::Enumeration,
                true,
            ),
            (
                cell("Collection(microsoft.graph.x)", &[]),
                named("x", Some("microsoft.graph")),
                true,
            ),
            (
                cell("identitySet", &[("identitySet", "identityset.md")]),
                named("identitySet", None),
                false,
            ),
            (
                cell(
                    "u collection",
                    &[("u", "../resources/microsoft.aad.reporting-u.md")],
                ),
                named("u", Some("microsoft.aad.reporting")),
                true,
            ),
            (
                cell("plannerBucket", &[]),
                named("plannerBucket", None),
                false,
            ),
        ];
        for (input, name, collection) in cases {
            assert_eq!(
                parse(&input),
                Some(TypeRef { name, collection }),
                "{input:?}"
            );
        }
        assert_eq!(parse(&cell(" ", &[])), None);
    }
}
