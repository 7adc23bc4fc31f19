//! Matching request paths against documented path templates.
//!
//! Graph paths do not fit a segment router: a parameter can sit inside a
//! segment (`/reports/getX(period='{period}')`, `/keys/'{id}'`), span several
//! segments (`/drive/root:/{item-path}:/content`), and two operations may spell
//! the same parameter position differently (`/users/{id}/x`, `/users/{user-id}/y`).
//! So a template is a list of literal and parameter pieces matched against the
//! whole path, literals compared without ASCII case as Graph does.
//!
//! The generator uses the same code to find routes the docs make ambiguous,
//! so what it reports is what the router does.

use std::collections::HashMap;

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    /// A `{name}` (or `<name>`) placeholder. `spans` is true when the next
    /// literal starts with `:` (`root:/{item-path}:/…`): the value is a path.
    Param {
        name: String,
        spans: bool,
    },
}

/// A documented path template, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
    pieces: Vec<Piece>,
}

/// The parameters a path gave a template: `(name, value)` in template order; a
/// name used twice in one template (`/x/{id}/y/{id}`) is listed twice.
pub type Params = Vec<(String, String)>;

impl Template {
    /// Reads a template such as `/users/{id | userPrincipalName}/events/{id}`.
    pub fn parse(text: &str) -> Template {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let arguments = arguments_as_params(trim_slash(text));
        let mut rest = arguments.as_str();
        while let Some(open) = rest.find(['{', '<']) {
            let close = if rest.as_bytes()[open] == b'{' {
                '}'
            } else {
                '>'
            };
            let Some(len) = rest[open..].find(close) else {
                break;
            };
            let inner = &rest[open + 1..open + len];
            // `{id | userPrincipalName}`: one value, two ways to give it.
            let name = inner.split('|').next().unwrap_or(inner).trim();
            if name.is_empty() {
                // `{}` names nothing: it is text.
                literal.push_str(&rest[..open + len + 1]);
                rest = &rest[open + len + 1..];
                continue;
            }
            literal.push_str(&rest[..open]);
            rest = &rest[open + len + 1..];
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Param {
                name: name.to_string(),
                spans: rest.starts_with(':'),
            });
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Template {
            text: text.to_string(),
            pieces,
        }
    }

    /// The template as documented.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parameter names in order.
    pub fn param_names(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Param { name, .. } => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
    }

    /// How specific the template is: literal characters first, then fewer
    /// parameters. Of two templates that match one path the more specific wins
    /// (`/me/events/delta()` over `/me/events/{id}`).
    pub fn specificity(&self) -> (usize, std::cmp::Reverse<usize>) {
        let literal = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(l) => l.len(),
                Piece::Param { .. } => 0,
            })
            .sum();
        (literal, std::cmp::Reverse(self.param_names().count()))
    }

    /// The template with parameter names erased and literals lower-cased: two
    /// templates with the same shape match exactly the same paths.
    pub fn shape(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(l) => l.to_ascii_lowercase(),
                Piece::Param { spans: true, .. } => "{*}".to_string(),
                Piece::Param { spans: false, .. } => "{}".to_string(),
            })
            .collect()
    }

    /// The first literal segment, lower-cased (`users` for `/users/{id}`), or
    /// `None` when the template starts with a parameter.
    fn first_segment(&self) -> Option<String> {
        let Some(Piece::Literal(l)) = self.pieces.first() else {
            return None;
        };
        let l = l.strip_prefix('/').unwrap_or(l);
        let end = l.find('/')?;
        Some(l[..end].to_ascii_lowercase())
    }

    /// The path the template stands for with `params` (as [`Template::matches`]
    /// gives them) put in: matching then rendering gives back the path.
    pub fn render(&self, params: &Params) -> String {
        let mut values = params.iter().map(|(_, v)| v.as_str());
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(l) => out.push_str(l),
                Piece::Param { .. } => out.push_str(values.next().unwrap_or_default()),
            }
        }
        out
    }

    /// Matches a percent-decoded path (no query); returns the parameters.
    pub fn matches(&self, path: &str) -> Option<Params> {
        let mut params = Vec::new();
        match_pieces(&self.pieces, trim_slash(path), &mut params).then_some(params)
    }
}

/// `getX(on='reviewer',count=5)` → `getX(on='{on}',count={count})`: a
/// function's arguments are values the caller picks, even where the docs
/// write an example value into the template.
fn arguments_as_params(template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..open + len];
        let items: Vec<String> = split_arguments(inside)
            .into_iter()
            .map(|item| match item.split_once('=') {
                Some((key, value)) => {
                    let (key, value) = (key.trim(), value.trim());
                    let placeholder = value.trim_matches('\'').starts_with(['{', '<']);
                    if placeholder || key.is_empty() || key.contains(['{', '<']) {
                        item.to_string()
                    } else if value.starts_with('\'') {
                        format!("{key}='{{{key}}}'")
                    } else {
                        format!("{key}={{{key}}}")
                    }
                }
                None => item.to_string(),
            })
            .collect();
        out.push_str(&items.join(","));
        out.push(')');
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Splits function arguments at commas outside quotes.
fn split_arguments(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// A path as sent, then the other ways of writing it that documented
/// templates may use: keys in parentheses as segments, and function calls
/// without their arguments (`name` and `name()`). Routing tries them all.
pub fn spellings(path: &str) -> Vec<String> {
    let keyed = keys_as_segments(path);
    let mut out = vec![path.to_string()];
    out.extend(keyed.iter().cloned());
    for base in std::iter::once(path).chain(keyed.as_deref()) {
        out.extend(without_arguments(base, ""));
        out.extend(without_arguments(base, "()"));
    }
    out
}

/// `/me/messages('AAMk')/attachments('x')` → `/me/messages/AAMk/attachments/x`:
/// OData's key-in-parentheses spelling of the key-as-segment paths the docs
/// document. `None` when the path has no such key.
fn keys_as_segments(path: &str) -> Option<String> {
    let mut changed = false;
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let key = segment
                .strip_suffix(')')
                .and_then(|s| s.split_once('('))
                .filter(|(name, key)| {
                    // `('AAMk=')` is a key (quotes hide its `=`); `(on='x')` is arguments.
                    let quoted = key.len() > 1 && key.starts_with('\'') && key.ends_with('\'');
                    !name.is_empty() && !key.is_empty() && (quoted || !key.contains('='))
                });
            match key {
                Some((name, key)) => {
                    changed = true;
                    format!("{name}/{}", key.trim_matches('\''))
                }
                None => segment.to_string(),
            }
        })
        .collect();
    changed.then(|| segments.join("/"))
}

/// `/x/getY(on='z')/w` → `/x/getY{empty}/w` (`empty` is `""` or `"()"`, the
/// two ways templates write a call without arguments); `None` when no
/// segment calls a function with arguments.
fn without_arguments(path: &str, empty: &str) -> Option<String> {
    let mut changed = false;
    let segments: Vec<String> = path
        .split('/')
        .map(
            |segment| match segment.strip_suffix(')').and_then(|s| s.split_once('(')) {
                Some((name, args)) if !name.is_empty() && !args.is_empty() => {
                    changed = true;
                    format!("{name}{empty}")
                }
                _ => segment.to_string(),
            },
        )
        .collect();
    changed.then(|| segments.join("/"))
}

fn trim_slash(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

fn match_pieces(pieces: &[Piece], path: &str, params: &mut Params) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return path.is_empty();
    };
    match first {
        Piece::Literal(l) => {
            path.len() >= l.len()
                && path.is_char_boundary(l.len())
                && path[..l.len()].eq_ignore_ascii_case(l)
                && match_pieces(rest, &path[l.len()..], params)
        }
        Piece::Param { name, spans } => {
            // A value is never empty; it stays inside one segment unless the
            // template says it is a path. Shortest first, so the literal after
            // it is found at its first fitting place.
            let limit = if *spans {
                path.len()
            } else {
                path.find('/').unwrap_or(path.len())
            };
            // The value is recorded only once the rest matched (in its place
            // before the rest's values): each length tried cost two strings.
            let at = params.len();
            for end in (1..=limit).filter(|&e| path.is_char_boundary(e)) {
                if rest.is_empty() && end != limit {
                    continue;
                }
                if match_pieces(rest, &path[end..], params) {
                    params.insert(at, (name.clone(), path[..end].to_string()));
                    return true;
                }
            }
            false
        }
    }
}

/// What a path matched: the route's index in the table, which of its
/// templates, and the parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteMatch {
    pub route: usize,
    pub template: usize,
    pub params: Params,
}

/// Why no route answers a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteMiss {
    /// No template fits the path.
    NotFound,
    /// Templates fit, but none for this method; the ones that do are listed.
    MethodNotAllowed(Vec<String>),
}

/// Routes (a method and templates each) indexed for matching.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(String, Vec<Template>)>,
    /// First literal segment → (route, template) pairs; `None` for templates
    /// that start with a parameter.
    index: HashMap<Option<String>, Vec<(usize, usize)>>,
}

impl RouteTable {
    /// A table of `(method, templates)` routes; their order breaks ties.
    pub fn new<'a>(routes: impl IntoIterator<Item = (&'a str, &'a [&'a str])>) -> Self {
        let mut table = RouteTable::default();
        for (method, templates) in routes {
            table.push(method, templates.iter().copied());
        }
        table
    }

    /// Adds a route; returns its index.
    pub fn push<'a>(
        &mut self,
        method: &str,
        templates: impl IntoIterator<Item = &'a str>,
    ) -> usize {
        let route = self.routes.len();
        let templates: Vec<Template> = templates.into_iter().map(Template::parse).collect();
        for (i, t) in templates.iter().enumerate() {
            self.index
                .entry(t.first_segment())
                .or_default()
                .push((route, i));
        }
        self.routes.push((method.to_ascii_uppercase(), templates));
        route
    }

    /// The templates of route `route`.
    pub fn templates(&self, route: usize) -> &[Template] {
        &self.routes[route].1
    }

    /// The route for `method` and a percent-decoded `path`: the most specific
    /// template wins; among equals, the earliest route, then template.
    pub fn find(&self, method: &str, path: &str) -> Result<RouteMatch, RouteMiss> {
        self.find_all(method, path)
            .map(|mut all| all.swap_remove(0))
    }

    /// Every route tied for most specific, in table order (never empty):
    /// more than one where the docs document one path for several operations.
    /// A path that fits nothing is tried again with keys in parentheses
    /// written as segments (`/messages('id')` as `/messages/id`).
    pub fn find_all(&self, method: &str, path: &str) -> Result<Vec<RouteMatch>, RouteMiss> {
        // The path as sent, then other spellings of it; the most specific
        // match wins, the path as sent among equals.
        let spellings = spellings(path);
        let found = self.find_exact(method, path);
        let mut best = found.clone().ok();
        for other in &spellings[1..] {
            if let Ok(all) = self.find_exact(method, other) {
                if best
                    .as_ref()
                    .is_none_or(|b| self.score(&all) > self.score(b))
                {
                    best = Some(all);
                }
            }
        }
        best.ok_or_else(|| found.err().unwrap_or(RouteMiss::NotFound))
    }

    /// Whether [`Self::find_all`] finds a route: the same answer, with the
    /// other spellings of `path` made only when it fits nothing as sent.
    pub fn fits(&self, method: &str, path: &str) -> bool {
        self.find_exact(method, path).is_ok()
            || spellings(path)[1..]
                .iter()
                .any(|other| self.find_exact(method, other).is_ok())
    }

    fn score(&self, matches: &[RouteMatch]) -> (usize, std::cmp::Reverse<usize>) {
        let m = &matches[0];
        self.routes[m.route].1[m.template].specificity()
    }

    fn find_exact(&self, method: &str, path: &str) -> Result<Vec<RouteMatch>, RouteMiss> {
        let trimmed = trim_slash(path);
        let first = trimmed
            .strip_prefix('/')
            .unwrap_or(trimmed)
            .split('/')
            .next()
            .map(str::to_ascii_lowercase);
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for key in [first, None] {
            candidates.extend(self.index.get(&key).into_iter().flatten());
        }
        candidates.sort_unstable();
        let mut best: Vec<RouteMatch> = Vec::new();
        let mut best_score = None;
        let mut other_methods: Vec<String> = Vec::new();
        for (route, i) in candidates {
            let (route_method, templates) = &self.routes[route];
            let template = &templates[i];
            let Some(params) = template.matches(trimmed) else {
                continue;
            };
            if !route_method.eq_ignore_ascii_case(method) {
                other_methods.push(route_method.clone());
                continue;
            }
            let score = Some(template.specificity());
            if score > best_score {
                best.clear();
                best_score = score;
            }
            // One entry per route: its first template of the best score.
            if score == best_score && best.last().is_none_or(|b| b.route != route) {
                best.push(RouteMatch {
                    route,
                    template: i,
                    params,
                });
            }
        }
        if !best.is_empty() {
            return Ok(best);
        }
        if other_methods.is_empty() {
            return Err(RouteMiss::NotFound);
        }
        other_methods.sort();
        other_methods.dedup();
        Err(RouteMiss::MethodNotAllowed(other_methods))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(list: &[(&str, &str)]) -> Params {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn segments_functions_quotes_and_paths() {
        let t = Template::parse("/users/{id | userPrincipalName}/events/{id}");
        assert_eq!(
            t.matches("/users/a@b.com/Events/42"),
            Some(params(&[("id", "a@b.com"), ("id", "42")]))
        );
        assert_eq!(t.matches("/users/a/events"), None);
        assert_eq!(t.matches("/users//events/1"), None);

        let f = Template::parse("/reports/getX(period='{period}')");
        assert_eq!(
            f.matches("/reports/getx(period='D7')"),
            Some(params(&[("period", "D7")]))
        );
        let q = Template::parse("/keys/'{key}'");
        assert_eq!(q.matches("/keys/'k1'"), Some(params(&[("key", "k1")])));

        let found = t.matches("/users/u/events/e").unwrap_or_default();
        assert_eq!(t.render(&found), "/users/u/events/e");
        let p = Template::parse("/me/drive/root:/{item-path}:/content");
        assert_eq!(
            p.matches("/me/drive/root:/a/b c.txt:/content"),
            Some(params(&[("item-path", "a/b c.txt")]))
        );
        let angle = Template::parse("/x/range(address='<address>')/format");
        assert_eq!(
            angle.matches("/x/range(address='A1:B2')/format"),
            Some(params(&[("address", "A1:B2")]))
        );
        // Function arguments are values, whatever the docs wrote in the template.
        let args = Template::parse("/x/filterByCurrentUser(on='reviewer',count=5)");
        assert_eq!(
            args.matches("/x/filterByCurrentUser(on='target',count=10)"),
            Some(params(&[("on", "target"), ("count", "10")]))
        );
        assert!(Template::parse("/me/events/delta()")
            .matches("/me/events/delta()")
            .is_some());
        // A trailing slash on either side changes nothing.
        assert!(Template::parse("/me/notifications/")
            .matches("/me/notifications")
            .is_some());
        assert!(Template::parse("/me").matches("/me/").is_some());
    }

    #[test]
    fn the_most_specific_template_wins_and_methods_are_told_apart() {
        let table = RouteTable::new([
            ("GET", &["/me/events/{id}"][..]),
            ("GET", &["/me/events/delta()"][..]),
            ("PATCH", &["/me/events/{event-id}"][..]),
            (
                "GET",
                &["/users/{user-id}/events/{id}", "/me/calendar/events/{id}"][..],
            ),
        ]);
        assert_eq!(table.find("GET", "/me/events/delta()").unwrap().route, 1);
        let found = table.find("GET", "/me/events/7").unwrap();
        assert_eq!((found.route, found.params), (0, params(&[("id", "7")])));
        assert_eq!(table.find("patch", "/me/events/7").unwrap().route, 2);
        let second = table.find("GET", "/me/calendar/events/9").unwrap();
        assert_eq!((second.route, second.template), (3, 1));
        assert_eq!(
            table.find("DELETE", "/me/events/7"),
            Err(RouteMiss::MethodNotAllowed(vec![
                "GET".to_string(),
                "PATCH".to_string()
            ]))
        );
        assert_eq!(table.find("GET", "/nowhere"), Err(RouteMiss::NotFound));
        // Arguments the template leaves out are no reason to miss it.
        assert_eq!(
            table
                .find("GET", "/me/events/delta(token='x')")
                .unwrap()
                .route,
            1
        );
        let keyed = table.find("GET", "/me/calendar/events('AB=')").unwrap();
        assert_eq!(keyed.params, params(&[("id", "AB=")]));
        // OData's key in parentheses reaches the key-as-segment template.
        let keyed = table.find("GET", "/me/calendar/events('e1')").unwrap();
        assert_eq!((keyed.route, keyed.params), (3, params(&[("id", "e1")])));
    }

    #[test]
    fn equal_templates_go_to_the_first_route() {
        let table = RouteTable::new([
            ("GET", &["/groups/{id}"][..]),
            ("GET", &["/groups/{group-id}"][..]),
        ]);
        assert_eq!(table.find("GET", "/groups/1").unwrap().route, 0);
        let tied: Vec<usize> = table
            .find_all("GET", "/groups/1")
            .unwrap()
            .iter()
            .map(|m| m.route)
            .collect();
        assert_eq!(tied, [0, 1]);
        assert_eq!(
            Template::parse("/Groups/{id}").shape(),
            Template::parse("/groups/{group-id}").shape()
        );
    }

    #[test]
    fn fits_is_whether_find_all_finds() {
        let table = RouteTable::new([
            ("GET", &["/me/events/{id}", "/me/events/delta()"][..]),
            ("PATCH", &["/users/{id}/events/{event-id}"][..]),
        ]);
        for path in [
            "/me/events/7",
            "/me/events/delta(token='x')",
            "/me/events('e1')",
            "/users/u/events('e=')",
            "/users/u/events/e",
            "/me/calendars",
            "/",
        ] {
            for method in ["GET", "patch", "DELETE"] {
                assert_eq!(
                    table.fits(method, path),
                    table.find_all(method, path).is_ok(),
                    "{method} {path}"
                );
            }
        }
        assert!(table.fits("GET", "/me/events('e1')"));
        assert!(!table.fits("GET", "/users/u/events/e"));
    }
}
