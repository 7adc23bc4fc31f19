//! What every typed request carries besides its documented parameters and
//! body: the OData query options, the HTTP request it came from, and the
//! documented permissions.

use crate::GraphError;

/// OData system query options (`$select`, `$filter`, …) of a request, read
/// case-insensitively and with or without the `$` (Graph accepts both), and the
/// query parameters that are neither system options nor documented for the
/// operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ODataQuery {
    /// `$select`: property names.
    pub select: Vec<String>,
    /// `$expand`: one entry per expanded relationship, options in parentheses kept.
    pub expand: Vec<String>,
    /// `$filter`, as written.
    pub filter: Option<String>,
    /// `$orderby`: `name` or `name desc` items.
    pub orderby: Vec<String>,
    /// `$top`.
    pub top: Option<u64>,
    /// `$skip`.
    pub skip: Option<u64>,
    /// `$count`.
    pub count: Option<bool>,
    /// `$search`, as written (quotes kept).
    pub search: Option<String>,
    /// `$format`.
    pub format: Option<String>,
    /// `$skiptoken`.
    pub skip_token: Option<String>,
    /// `$deltatoken`.
    pub delta_token: Option<String>,
    /// Every other query parameter, in request order.
    pub other: Vec<(String, String)>,
}

impl ODataQuery {
    /// Reads decoded `(name, value)` pairs. A `$top`, `$skip` or `$count` that
    /// is not a number or boolean is a `400 Bad Request`, as Graph answers.
    pub fn from_pairs(pairs: &[(String, String)]) -> Result<Self, GraphError> {
        let mut query = ODataQuery::default();
        for (name, value) in pairs {
            let key = name.strip_prefix('$').unwrap_or(name).to_ascii_lowercase();
            let text = || Some(value.clone());
            match key.as_str() {
                "select" => query.select = split_top_level(value),
                "expand" => query.expand = split_top_level(value),
                "orderby" => query.orderby = split_top_level(value),
                "filter" => query.filter = text(),
                "search" => query.search = text(),
                "format" => query.format = text(),
                "skiptoken" => query.skip_token = text(),
                "deltatoken" => query.delta_token = text(),
                "top" => query.top = Some(number(name, value)?),
                "skip" => query.skip = Some(number(name, value)?),
                "count" => {
                    query.count = Some(match value.to_ascii_lowercase().as_str() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(bad_option(name, value, "true or false")),
                    })
                }
                _ => query.other.push((name.clone(), value.clone())),
            }
        }
        Ok(query)
    }
}

fn number(name: &str, value: &str) -> Result<u64, GraphError> {
    value
        .trim()
        .parse()
        .map_err(|_| bad_option(name, value, "a non-negative integer"))
}

fn bad_option(name: &str, value: &str, expected: &str) -> GraphError {
    GraphError::new(
        400,
        "BadRequest",
        format!("query option `{name}` is `{value}`; it must be {expected}"),
    )
}

/// `a,b(c,d),e` → `["a", "b(c,d)", "e"]`: commas inside parentheses or quotes
/// belong to the item (`$expand=members($select=id,displayName)`).
fn split_top_level(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                items.push(text[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(text[start..].trim().to_string());
    items.retain(|i| !i.is_empty());
    items
}

/// The HTTP request a typed request was read from: what a handler needs to
/// check authorization (`Authorization`, `ConsistencyLevel`, …) or to log.
/// Empty when the typed request was built in code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// Path and query as received, percent-decoded.
    pub target: String,
    /// Headers in request order; names lower-case.
    pub headers: Vec<(String, String)>,
}

impl HttpRequest {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A typed request of a documented operation. Each generated request type
/// implements it with one constant; the rest is written here once, not once
/// per operation (so the generated crate stays cheap to compile).
pub trait Operation {
    /// What the docs say of the operation.
    const SPEC: OperationSpec;

    /// The documented permissions, for an implementation to enforce.
    fn permissions(&self) -> &'static [Permission] {
        Self::SPEC.permissions
    }
}

/// What the docs say of one operation's requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationSpec {
    /// The operation's name (its page's file name): what `501` answers and
    /// diagnostics call it.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The documented path templates.
    pub paths: &'static [&'static str],
    /// The documented permissions table, a row each.
    pub permissions: &'static [Permission],
}

/// Who can call an operation: one row of its documented permissions table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    pub kind: PermissionKind,
    /// Scopes, least privileged first as documented.
    pub scopes: &'static [&'static str],
    /// False where the docs say "Not supported".
    pub supported: bool,
}

impl Permission {
    /// A row granting `scopes` (none when the docs name none).
    pub const fn supported(kind: PermissionKind, scopes: &'static [&'static str]) -> Self {
        Permission {
            kind,
            scopes,
            supported: true,
        }
    }

    /// A row the docs mark "Not supported".
    pub const fn not_supported(kind: PermissionKind) -> Self {
        Permission {
            kind,
            scopes: &[],
            supported: false,
        }
    }
}

/// The kind of caller a permission row is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionKind {
    /// Delegated (work or school account).
    DelegatedWork,
    /// Delegated (personal Microsoft account).
    DelegatedPersonal,
    /// Application.
    Application,
    /// A row the docs label otherwise.
    Other(&'static str),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn system_options_are_typed_and_the_rest_kept() {
        let q = ODataQuery::from_pairs(&pairs(&[
            ("$select", "id,displayName"),
            ("expand", "members($select=id,mail),owners"),
            ("$TOP", "5"),
            ("$count", "true"),
            ("$filter", "startswith(displayName,'a,b')"),
            ("$orderby", "displayName desc"),
            ("period", "D7"),
        ]))
        .unwrap();
        assert_eq!(q.select, ["id", "displayName"]);
        assert_eq!(q.expand, ["members($select=id,mail)", "owners"]);
        assert_eq!((q.top, q.count), (Some(5), Some(true)));
        assert_eq!(q.filter.as_deref(), Some("startswith(displayName,'a,b')"));
        assert_eq!(q.orderby, ["displayName desc"]);
        assert_eq!(q.other, pairs(&[("period", "D7")]));
    }

    #[test]
    fn a_bad_number_is_a_bad_request() {
        let err = ODataQuery::from_pairs(&pairs(&[("$top", "ten")])).unwrap_err();
        assert_eq!(
            (err.status, err.body.error.code.as_str()),
            (400, "BadRequest")
        );
        assert!(ODataQuery::from_pairs(&pairs(&[("$count", "yes")])).is_err());
    }
}
