//! Request lines, status lines and path templates.

/// The HTTP methods an operation can have.
pub const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// `POST /reports/x` → (`POST`, `/reports/x`); the target may be a full URL,
/// and the docs' slips are forgiven: `DELETE/x` (no space), a query string
/// (dropped), spaces inside `{…}` (`{id | userPrincipalName}`).
/// `None` when the line is not a method followed by a path.
pub fn request_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let split = line
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(line.len());
    let method = line[..split].to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let target = line[split..].trim();
    let target = target.strip_suffix("HTTP/1.1").unwrap_or(target).trim();
    let path = if let Some(rest) = target.strip_prefix('~') {
        rest.to_string()
    } else if target.starts_with('/') {
        target.to_string()
    } else if target.contains("://") {
        path_of_url(target)?
    } else if target.starts_with(|c: char| c.is_ascii_alphabetic()) {
        // `GET policies/x`: the leading slash is implied.
        format!("/{target}")
    } else {
        return None;
    };
    let path = strip_query(&path);
    let mut depth = 0i32;
    for c in path.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => return None,
            _ => {}
        }
    }
    (depth == 0 && !path.contains("**") && path.len() > 1 || path == "/").then_some((method, path))
}

/// A path without its query string (a `?` outside `{…}` and `(…)`).
fn strip_query(path: &str) -> String {
    let mut depth = 0i32;
    for (i, c) in path.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            '?' if depth == 0 => return path[..i].to_string(),
            _ => {}
        }
    }
    path.to_string()
}

/// The path of an absolute Graph URL, without host, API version or query:
/// `https://graph.microsoft.com/beta/me/events?$top=1` → `/me/events`.
pub fn path_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments = path.splitn(3, '/');
    segments.next();
    let first = segments.next().unwrap_or_default();
    let is_version = first == "beta"
        || (first.starts_with('v') && first[1..].chars().all(|c| c.is_ascii_digit() || c == '.'));
    Some(match (is_version, segments.next()) {
        (true, Some(rest)) => format!("/{rest}"),
        (true, None) => "/".to_string(),
        (false, _) => path.to_string(),
    })
}

/// What a request example asks for, as a server sees it: path and query
/// without scheme, host or API version. `https://graph.microsoft.com/beta/me?$top=1`
/// and `/beta/me?$top=1` → `/me?$top=1`; `None` for text that is no URL.
pub fn target_of_url(url: &str) -> Option<String> {
    let url = url.trim();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let path = if path.starts_with('/') {
        path_of_url(&format!("https://host{path}"))?
    } else {
        path_of_url(path)?
    };
    Some(match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    })
}

/// `HTTP/1.1 201 Created` → (201, `Created`).
pub fn status_line(line: &str) -> Option<(u16, String)> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    let mut parts = rest.splitn(3, ' ');
    parts.next()?;
    let status = parts.next()?.trim().parse().ok()?;
    Some((status, parts.next().unwrap_or_default().trim().to_string()))
}

/// The `{name}` parameters of a path template, in order; a name used twice
/// (`/x/{id}/y/{id}`) is listed twice.
pub fn path_params(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(start) = memchr::memchr(b'{', rest.as_bytes()) {
        let Some(len) = memchr::memchr(b'}', &rest.as_bytes()[start..]) else {
            break;
        };
        // `{id | userPrincipalName}`: one parameter, two ways to give it.
        let inner = &rest[start + 1..start + len];
        let name = super::split_once_byte(inner, b'|')
            .map_or(inner, |(first, _)| first)
            .trim()
            .to_string();
        if !name.is_empty() {
            out.push(name);
        }
        rest = &rest[start + len + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            target_of_url("https://graph.microsoft.com/beta/me/events?$top=1").as_deref(),
            Some("/me/events?$top=1")
        );
        assert_eq!(target_of_url("/v1.0/me").as_deref(), Some("/me"));
        assert_eq!(target_of_url("/me/x?a=b").as_deref(), Some("/me/x?a=b"));
        assert_eq!(target_of_url("users"), None);
    }

    #[test]
    fn request_lines() {
        assert_eq!(
            request_line("POST /reports/x/$ref"),
            Some(("POST".into(), "/reports/x/$ref".into()))
        );
        assert_eq!(
            request_line("GET https://graph.microsoft.com/beta/reports/x?$top=2"),
            Some(("GET".into(), "/reports/x".into()))
        );
        assert_eq!(
            request_line("POST ** Collection URI for microsoft.graph.x not found"),
            None
        );
        assert_eq!(
            request_line(
                "POST https://graph.microsoft.com/localtest** Collection URI for x not found"
            ),
            None
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
        assert_eq!(
            request_line("GET /users/{id | userPrincipalName}/messages"),
            Some((
                "GET".into(),
                "/users/{id | userPrincipalName}/messages".into()
            ))
        );
        assert_eq!(
            request_line("DELETE/identity/x/{id}/$ref"),
            Some(("DELETE".into(), "/identity/x/{id}/$ref".into()))
        );
        assert_eq!(
            request_line("GET /sites?$search={query}"),
            Some(("GET".into(), "/sites".into()))
        );
        assert_eq!(
            request_line("GET policies/x?$filter=a eq 'b'"),
            Some(("GET".into(), "/policies/x".into()))
        );
        assert_eq!(
            request_line("GET ~/profiles/{type}"),
            Some(("GET".into(), "/profiles/{type}".into()))
        );
    }

    #[test]
    fn status_and_paths() {
        assert_eq!(
            status_line("HTTP/1.1 201 Created"),
            Some((201, "Created".into()))
        );
        assert_eq!(
            status_line("HTTP/1.1 204 No Content"),
            Some((204, "No Content".into()))
        );
        assert_eq!(
            path_params("/users/{id}/x/{id}/{other-id}"),
            ["id", "id", "other-id"]
        );
        assert_eq!(path_params("/users/{id | userPrincipalName}"), ["id"]);
    }
}
