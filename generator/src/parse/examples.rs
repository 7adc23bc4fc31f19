//! Request and response examples: the `http` code blocks of the Examples
//! sections, usually announced by a `<!-- { "blockType": ... } -->` annotation.

use super::http;
use super::json::{self, JsonBody, JsonRead};
use super::json_tree::Json;
use crate::diagnostics::{Code, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    Request,
    Response,
}

/// One example message.
#[derive(Debug, Clone)]
pub struct Example {
    pub kind: ExampleKind,
    /// The annotation's `name`.
    pub name: Option<String>,
    /// Line of the request or status line.
    pub line: u32,
    pub method: Option<String>,
    /// The request target as written.
    pub url: Option<String>,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<JsonBody>,
    /// Whether anything follows the request line and headers: a body, read
    /// as JSON or not. `false` is a documented request that sends no body.
    pub sends_body: bool,
    /// The annotation's `@odata.type`, `isCollection` and `truncated`.
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub truncated: bool,
}

/// Reads one example code block. `annotation` is the JSON of the annotation
/// that announced it (an empty object for an unannotated block).
pub fn read(
    file: &str,
    kind: ExampleKind,
    annotation: &Json,
    code: &str,
    first_line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Example {
    let text_of = |key: &str| {
        annotation
            .get(key)
            .and_then(Json::as_str)
            .map(str::to_string)
    };
    let mut example = Example {
        kind,
        name: text_of("name"),
        line: first_line,
        method: None,
        url: None,
        status: None,
        headers: Vec::new(),
        body: None,
        sends_body: false,
        odata_type: text_of("@odata.type"),
        is_collection: annotation.get("isCollection").and_then(Json::as_bool),
        truncated: annotation
            .get("truncated")
            .and_then(Json::as_bool)
            .unwrap_or(false),
    };
    // Lines are taken as they are needed: the body, most of a block, is read
    // from the block's text (below), not split into lines first.
    let mut lines = super::lines(code).enumerate().peekable();
    let Some((start, first)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
        return example;
    };
    example.line = first_line + start as u32;
    let first = first.trim();
    match kind {
        ExampleKind::Request => {
            let mut words = first.splitn(2, char::is_whitespace);
            example.method = words.next().map(str::to_ascii_uppercase);
            example.url = words.next().map(|u| u.trim().to_string());
        }
        ExampleKind::Response => example.status = http::status_line(first).map(|(s, _)| s),
    }
    while let Some((_, line)) = lines.next_if(|(_, l)| !l.trim().is_empty() && !starts_json(l)) {
        if let Some((name, value)) = line.split_once(':') {
            example
                .headers
                .push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    // The body's first line, and the first text before it.
    let mut before = None;
    let body_first = lines.find(|&(i, l)| {
        if before.is_none() && !l.trim().is_empty() && !starts_json(l) {
            before = Some((i, l));
        }
        starts_json(l)
    });
    example.sends_body = body_first.is_some() || before.is_some();
    let Some((body_start, body_first)) = body_first else {
        return example;
    };
    if let Some((stray, text)) = before {
        diagnostics.push(Diagnostic::warning(
            Code::ExampleStrayText,
            file,
            first_line + stray as u32,
            format!(
                "text before the JSON body of this example: `{}`",
                text.trim()
            ),
            "ignored the text and read the JSON body after it",
        ));
    }
    // A block may go on after its JSON (a second request line, a note): the
    // body is the first JSON value, the rest is reported and left out.
    let body_line = first_line + body_start as u32;
    let from_body = &code[offset_in(code, body_first)..];
    let (body, body_lines, body_end, after) = match json::read_leading(from_body, body_line) {
        Some((body, len)) => {
            let end =
                body_start + super::markdown::count_newlines(&from_body.as_bytes()[..len]) + 1;
            // `len` is at the `\n` ending the body's last line, or the end.
            let after = super::lines(from_body.get(len + 1..).unwrap_or("")).collect();
            (Some(body), Vec::new(), end, after)
        }
        None => {
            let mut body_lines: Vec<&str> = super::lines(from_body).collect();
            let len = json_end(&body_lines).unwrap_or(body_lines.len());
            let after = body_lines.split_off(len);
            (None, body_lines, body_start + len, after)
        }
    };
    if let Some((stray, text)) = after.iter().enumerate().find(|(_, l)| !l.trim().is_empty()) {
        diagnostics.push(Diagnostic::warning(
            Code::ExampleStrayText,
            file,
            first_line + (body_end + stray) as u32,
            format!(
                "text after the JSON body of this example: `{}`",
                text.trim()
            ),
            "ignored the text and read the JSON body before it",
        ));
    }
    if body.is_some() {
        example.body = body;
        return example;
    }
    let body_text = body_lines.join("\n");
    example.body = match json::read(&body_text, body_line) {
        JsonRead::Strict(body) => Some(body),
        JsonRead::Lenient(body, why, line) => {
            diagnostics.push(Diagnostic::warning(
                Code::ExampleJsonLenient,
                file,
                line,
                format!("example JSON is not valid JSON: {why}"),
                "read it leniently; fix the JSON so strict readers accept it",
            ));
            Some(body)
        }
        JsonRead::Invalid(why, line) => {
            diagnostics.push(Diagnostic::warning(
                Code::ExampleJsonInvalid,
                file,
                line,
                format!("example JSON cannot be read: {why}"),
                "kept the example without a body; it is not checked or round-tripped",
            ));
            None
        }
    };
    example
}

/// The number of lines up to and including the one that closes the JSON
/// value `lines` start with, brackets counted outside strings; `None` when
/// the value never closes (then the whole text is the body, read leniently).
/// Read byte by byte: every byte it looks for is ASCII, which no byte of a
/// multi-byte UTF-8 character equals.
fn json_end(lines: &[&str]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, line) in lines.iter().enumerate() {
        for &b in line.as_bytes() {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Where `line`, a slice of `code`, starts in it.
fn offset_in(code: &str, line: &str) -> usize {
    line.as_ptr() as usize - code.as_ptr() as usize
}

fn starts_json(line: &str) -> bool {
    matches!(line.trim_start().chars().next(), Some('{' | '['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ends_at_its_closing_bracket_whatever_the_strings_hold() {
        let lines = ["{\"a\": \"é]}\\\"ü\",", "\"b\": [1]}", "after"];
        assert_eq!(json_end(&lines), Some(2));
        assert_eq!(json_end(&["[\"ø\"", "more"]), None);
    }

    #[test]
    fn text_after_the_json_body_is_reported_and_left_out() {
        let code = "PATCH https://graph.microsoft.com/beta/items/1\n\
                    Content-type: application/json\n\
                    \n\
                    {\n  \"name\": \"a } b\"\n}\n\
                    \n\
                    PATCH /other/{id}\n";
        let mut diagnostics = Vec::new();
        let example = read(
            "api/x.md",
            ExampleKind::Request,
            &Json::Object(Default::default()),
            code,
            10,
            &mut diagnostics,
        );
        let body = example
            .body
            .expect("the JSON before the stray line is read");
        assert_eq!(body.value.to_value(), serde_json::json!({"name": "a } b"}));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].code, Code::ExampleStrayText);
        assert_eq!(diagnostics[0].line, 17);
        assert!(diagnostics[0].message.contains("`PATCH /other/{id}`"));
    }
}
