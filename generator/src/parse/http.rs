//! Request lines, status lines and path templates.

/// The HTTP methods an operation can have.
pub const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// `POST /reports/x` → (`POST`, `/reports/x`); the target may be a full URL.
/// `None` when the line is not a method followed by a path.
pub fn request_line(line: &str) -> Option<(String, String)> {
    let mut parts = line.trim().splitn(2, char::is_whitespace);
    let method = parts.next()?.to_ascii_uppercase();
    let target = parts.next()?.trim();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let target = target.strip_suffix(" HTTP/1.1").unwrap_or(target).trim();
    let path = if target.starts_with('/') {
        target.to_string()
    } else {
        path_of_url(target)?
    };
    (!path.contains(char::is_whitespace) && !path.contains("**")).then_some((method, path))
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

/// `HTTP/1.1 201 Created` → (201, `Created`).
pub fn status_line(line: &str) -> Option<(u16, String)> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    let mut parts = rest.splitn(3, ' ');
    parts.next()?;
    let status = parts.next()?.trim().parse().ok()?;
    Some((status, parts.next().unwrap_or_default().trim().to_string()))
}

/// The `{name}` parameters of a path template, in order, each once.
pub fn path_params(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = rest[start + 1..start + len].trim().to_string();
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[start + len + 1..];
    }
    out
}

/// Whether a concrete path fits a template: literal segments equal (ignoring
/// ASCII case, as Graph does), `{param}` segments match anything but nothing.
pub fn path_matches(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    t.len() == p.len()
        && t.iter().zip(&p).all(|(t, p)| {
            if t.starts_with('{') && t.ends_with('}') {
                !p.is_empty()
            } else if t.contains('{') {
                // `x(param='{param}')`: compare the text outside the braces.
                let prefix = &t[..t.find('{').unwrap_or(0)];
                p.len() >= prefix.len() && p[..prefix.len()].eq_ignore_ascii_case(prefix)
            } else {
                t.eq_ignore_ascii_case(p)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ["id", "other-id"]
        );
        assert!(path_matches("/reports/x/{xId}", "/reports/X/abc"));
        assert!(!path_matches("/reports/x/$ref", "/reports/x"));
        assert!(path_matches("/r/f(period='{period}')", "/r/f(period='D7')"));
    }
}
