//! The Type column of a property table → a type reference in OData spelling.

use super::markdown::{Inline, Link};

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
    let lower = word.trim().to_ascii_lowercase();
    let bare = lower.strip_prefix("edm.").unwrap_or(&lower);
    PRIMITIVES.iter().find(|(k, _)| *k == bare).map(|(_, v)| *v)
}

/// Reads a Type cell. `None` when the cell is empty.
pub fn parse(cell: &Inline) -> Option<TypeRef> {
    let mut text = cell.text.replace('`', "");
    let mut text_trim = text.trim().to_string();
    if text_trim.is_empty() {
        return None;
    }
    let mut collection = false;
    let lower = text_trim.to_ascii_lowercase();
    if lower.starts_with("collection(") && lower.ends_with(')') {
        collection = true;
        text_trim = text_trim["collection(".len()..text_trim.len() - 1]
            .trim()
            .to_string();
    } else if let Some(stripped) = strip_suffix_ci(&text_trim, " collection") {
        collection = true;
        text_trim = stripped.trim().to_string();
    }
    text = text_trim;
    if let Some(link) = cell.links.iter().find(|l| is_page_link(&l.dest)) {
        return Some(TypeRef {
            name: named_from_link(link),
            collection,
        });
    }
    let lower = text.to_ascii_lowercase();
    if lower == "enumeration" || lower == "enum" {
        return Some(TypeRef {
            name: TypeName::Enumeration,
            collection,
        });
    }
    if let Some(p) = primitive(&text) {
        return Some(TypeRef {
            name: TypeName::Primitive(p),
            collection,
        });
    }
    Some(TypeRef {
        name: qualified(&text),
        collection,
    })
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
    let path = dest.split('#').next().unwrap_or_default();
    path.ends_with(".md") && !path.contains("://")
}

/// A link to a type's page: the link text is the type's documented name; a page
/// named `microsoft.aad.reporting-x.md` says the namespace.
pub fn named_from_link(link: &Link) -> TypeName {
    let file = link.dest.split('#').next().unwrap_or_default();
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    let namespace = stem
        .split_once('-')
        .map(|(prefix, _)| prefix)
        .filter(|p| p.contains('.'))
        .map(str::to_string);
    let text = link.text.replace('`', "");
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
        stem.rsplit('-').next().unwrap_or(stem).to_string()
    };
    TypeName::Named { name, namespace }
}

fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, links: &[(&str, &str)]) -> Inline {
        Inline {
            text: text.to_string(),
            links: links
                .iter()
                .map(|(t, d)| Link {
                    text: t.to_string(),
                    dest: d.to_string(),
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
