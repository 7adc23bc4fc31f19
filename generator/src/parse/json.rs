//! Example JSON, read strictly by serde_json where it is strict JSON, else
//! leniently (trailing commas, comments, NBSP indentation occur in the docs),
//! able to tell the line of every value, so that a diagnostic about a value
//! can point at it.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use rustc_hash::FxHashMap;
use serde_json::Number;

use super::json_tree::{Json, ObjectBuilder};
use super::markdown::LineCounter;

/// JSON pointer (`/value/0/feature`) → page line of that value, in text order.
type Positions = Vec<(String, u32)>;

/// JSON pointer → page line of the first value at it: looked up once per
/// member when a type is inferred from a body, so hashed (a body of many
/// members would make a list's scan quadratic).
type Lines = FxHashMap<String, u32>;

/// A JSON body and where its values are.
#[derive(Debug, Clone)]
pub struct JsonBody {
    pub value: Json,
    /// Line of the body's first character in the page.
    pub line: u32,
    /// The text the value was read from (NBSP as spaces): where its values
    /// are is read from it when first asked, as most bodies are never asked.
    text: Box<str>,
    lines: OnceLock<Lines>,
}

impl PartialEq for JsonBody {
    fn eq(&self, other: &Self) -> bool {
        (&self.value, self.line, &self.text) == (&other.value, other.line, &other.text)
    }
}

impl JsonBody {
    /// The page line of the value at `pointer`, or the body's first line.
    pub fn line_of(&self, pointer: &str) -> u32 {
        let lines = self.lines.get_or_init(|| {
            // Read before as strict JSON, which the lenient reader reads too.
            lenient(&self.text, self.line)
                .map_or_else(|_| Lines::default(), |(_, positions)| lines_of(positions))
        });
        lines.get(pointer).copied().unwrap_or(self.line)
    }
}

/// The line of each pointer's first value (a repeated key has two).
fn lines_of(positions: Positions) -> Lines {
    let mut lines = Lines::with_capacity_and_hasher(positions.len(), Default::default());
    for (pointer, line) in positions {
        lines.entry(pointer).or_insert(line);
    }
    lines
}

/// What reading a body gave.
#[derive(Debug)]
pub enum JsonRead {
    /// Strict JSON.
    Strict(JsonBody),
    /// Not strict JSON, but readable: the strict parser's complaint and its page line.
    Lenient(JsonBody, String, u32),
    /// Unreadable: the complaint and its page line.
    Invalid(String, u32),
}

/// The first JSON value of `text` (which starts at page line `first_line`)
/// where it is strict JSON ending at the end of a line: that value and the
/// text up to the end of that line. `None` for anything else, which
/// [`read`] then reads with the end found its own way.
///
/// One pass of serde_json both reads the value and finds where it ends:
/// most example bodies are strict JSON, and finding the end first with a
/// scan of its own read every byte twice.
pub fn read_leading(text: &str, first_line: u32) -> Option<(JsonBody, usize)> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Json>();
    let value = values.next()?.ok()?;
    let end = values.byte_offset();
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    // Anything after the value on its last line (a comma, a comment) makes
    // the body lenient JSON, and `read` words that; `\r` would be kept here
    // where `read` is given lines without it.
    if !text[end..line_end].trim().is_empty() || text[..line_end].contains('\r') {
        return None;
    }
    let body = JsonBody {
        value,
        line: first_line,
        text: text[..line_end].into(),
        lines: OnceLock::new(),
    };
    Some((body, line_end))
}

/// Reads `text`, which starts at page line `first_line`.
pub fn read(text: &str, first_line: u32) -> JsonRead {
    // NBSP used as indentation is whitespace to a reader, not to a JSON parser;
    // a line that is only `...` (an elided list item) is left out, keeping the
    // line count so positions still point at the page.
    let normalized = if text.contains('\u{a0}') {
        Cow::Owned(text.replace('\u{a0}', " "))
    } else {
        Cow::Borrowed(text)
    };
    // Strict JSON (most bodies) is read by serde_json alone; where its values
    // are is read only if asked (see `JsonBody::line_of`).
    let strict_error = match serde_json::from_str::<Json>(&normalized) {
        Ok(value) => {
            return JsonRead::Strict(JsonBody {
                value,
                line: first_line,
                text: normalized.into(),
                lines: OnceLock::new(),
            })
        }
        Err(e) => e,
    };
    let is_elision = |line: &str| matches!(line.trim().trim_end_matches(','), "..." | "\u{2026}");
    let elided = if (normalized.contains("...") || normalized.contains('\u{2026}'))
        && normalized.split('\n').any(is_elision)
    {
        Cow::Owned(
            normalized
                .split('\n')
                .map(|line| if is_elision(line) { "" } else { line })
                .collect::<Vec<_>>()
                .join("\n"),
        )
    } else {
        Cow::Borrowed(normalized.as_ref())
    };
    let (value, positions) = match lenient(&elided, first_line) {
        Ok(read) => read,
        Err((why, line)) => return JsonRead::Invalid(why, line),
    };
    let mut line = strict_error.line();
    let message = strict_error.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    if message == "trailing comma" {
        // serde_json points at the bracket after the comma; point at the comma.
        line = comma_line(&normalized, strict_error.line(), strict_error.column()).unwrap_or(line);
    }
    let body = JsonBody {
        value,
        line: first_line,
        text: elided.into(),
        lines: OnceLock::from(lines_of(positions)),
    };
    let line_in_body = u32::try_from(line.saturating_sub(1)).unwrap_or(0);
    JsonRead::Lenient(body, message, first_line + line_in_body)
}

/// `text` (starting at page line `first_line`) read by the lenient reader:
/// its value and where each value is, or the complaint and its page line.
fn lenient(text: &str, first_line: u32) -> Result<(Json, Positions), (String, u32)> {
    let options = jsonc_parser::ParseOptions::default();
    let ast = match jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
        Ok(result) => result.value,
        Err(e) => {
            let line_in_body = u32::try_from(e.line_display().saturating_sub(1)).unwrap_or(0);
            return Err((e.kind().to_string(), first_line + line_in_body));
        }
    };
    let Some(ast) = ast else {
        return Err(("no JSON value".to_string(), first_line));
    };
    let mut convert = Convert::new(text, first_line);
    let value = convert.value(&ast);
    Ok((value, convert.positions))
}

/// The line of the last `,` before (line, column), both 1-based.
fn comma_line(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (start + column.saturating_sub(1)).min(text.len());
    let comma = text.get(..offset)?.rfind(',')?;
    Some(text[..comma].matches('\n').count() + 1)
}

/// The jsonc AST as a [`Json`], noting the page line of every value (visited
/// in text order, so lines are counted as it goes).
struct Convert<'a> {
    lines: LineCounter<'a>,
    first_line: u32,
    /// JSON pointer of the value being converted.
    pointer: String,
    positions: Positions,
}

impl<'a> Convert<'a> {
    fn new(text: &'a str, first_line: u32) -> Self {
        Convert {
            lines: LineCounter::new(text),
            first_line,
            pointer: String::new(),
            positions: Vec::new(),
        }
    }

    fn value(&mut self, node: &ast::Value<'_>) -> Json {
        let line = self.first_line + self.lines.line(node.range().start) - 1;
        self.positions.push((self.pointer.clone(), line));
        match node {
            ast::Value::StringLit(s) => Json::String(s.value.as_ref().into()),
            ast::Value::NumberLit(n) => match n.value.parse::<Number>() {
                Ok(number) => Json::Number(number),
                // Out of serde_json's range: kept as written.
                Err(_) => Json::String(n.value.into()),
            },
            ast::Value::BooleanLit(b) => Json::Bool(b.value),
            ast::Value::NullKeyword(_) => Json::Null,
            ast::Value::Array(array) => {
                let mut items = Vec::with_capacity(array.elements.len());
                for (i, element) in array.elements.iter().enumerate() {
                    let len = self.pointer.len();
                    // Writing to a String cannot fail.
                    let _ = write!(self.pointer, "/{i}");
                    items.push(self.value(element));
                    self.pointer.truncate(len);
                }
                Json::Array(items.into_boxed_slice())
            }
            ast::Value::Object(object) => {
                let mut members = ObjectBuilder::default();
                for prop in &object.properties {
                    let key = prop.name.as_str();
                    let len = self.pointer.len();
                    self.pointer.push('/');
                    if key.contains(['~', '/']) {
                        self.pointer
                            .push_str(&key.replace('~', "~0").replace('/', "~1"));
                    } else {
                        self.pointer.push_str(key);
                    }
                    let value = self.value(&prop.value);
                    self.pointer.truncate(len);
                    members.insert(key.into(), value);
                }
                members.finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_lenient_invalid() {
        match read("{\n  \"a\": [1,\n  2]\n}", 10) {
            JsonRead::Strict(body) => {
                assert_eq!(body.value.to_value(), serde_json::json!({"a": [1, 2]}));
                assert_eq!(body.line_of("/a/1"), 12);
            }
            other => panic!("{other:?}"),
        }
        match read("{\n  \"v\": [\n    {\"x\": 1},\n  ]\n}", 5) {
            JsonRead::Lenient(body, why, line) => {
                assert_eq!(body.value.to_value(), serde_json::json!({"v": [{"x": 1}]}));
                assert_eq!(why, "trailing comma");
                assert_eq!(line, 7);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read("{\n \"a\": ...\n}", 1),
            JsonRead::Invalid(_, 2)
        ));
        // An elided list item is left out; the strict complaint points at it.
        match read("{\"v\": [\n  {\"x\": 1},\n  ...\n]}", 20) {
            JsonRead::Lenient(body, _, line) => {
                assert_eq!(body.value.to_value(), serde_json::json!({"v": [{"x": 1}]}));
                assert_eq!(line, 22);
                assert_eq!(body.line_of("/v/0"), 21);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_repeated_key_reads_alike_strictly_and_leniently() {
        // The lenient reader builds its objects itself: same rule as serde_json's
        // `Value` (first place, last value), so a trailing comma changes nothing else.
        let strict = r#"{"a": 1, "b": [2], "a": {"c": 3}}"#;
        let lenient = r#"{"a": 1, "b": [2], "a": {"c": 3},}"#;
        let (JsonRead::Strict(s), JsonRead::Lenient(l, _, _)) = (read(strict, 1), read(lenient, 1))
        else {
            panic!("one strict, one lenient");
        };
        assert_eq!(s.value, l.value);
        assert_eq!(s.value.to_string(), r#"{"a":{"c":3},"b":[2]}"#);
        // A repeated key's line is its first one, where its place is.
        let JsonRead::Strict(body) = read("{\n\"a\": 1,\n\"b\": 2,\n\"a\": 3\n}", 40) else {
            panic!("strict");
        };
        assert_eq!((body.line_of("/a"), body.line_of("/b")), (41, 42));
        assert_eq!(body.line_of("/missing"), 40);
    }

    #[test]
    fn strictness_is_serde_json_reading_a_value() {
        // Strict means serde_json reads it into a `Value`: a number out of
        // range or a lone surrogate is not, though the lenient reader reads both.
        for text in [r#"{"a": 1e400}"#, r#"{"a": "\ud800"}"#] {
            let read = read(text, 1);
            assert!(!matches!(read, JsonRead::Strict(_)), "{text}: {read:?}");
            if let JsonRead::Lenient(_, why, _) = read {
                let expected = serde_json::from_str::<serde_json::Value>(text)
                    .unwrap_err()
                    .to_string();
                assert!(expected.starts_with(&why), "{why} / {expected}");
            }
        }
        assert!(matches!(
            read(r#"{"a": "\u00e9", "b": 1e300}"#, 1),
            JsonRead::Strict(_)
        ));
    }

    #[test]
    fn a_leading_value_is_read_with_its_last_line_or_left_to_read() {
        let text = "{\n  \"a\": \"} ]\"\n} \nPATCH /next\n";
        let (body, len) = read_leading(text, 7).expect("strict JSON ending its line");
        assert_eq!(body.value.to_value(), serde_json::json!({"a": "} ]"}));
        assert_eq!(&text[..len], "{\n  \"a\": \"} ]\"\n} ");
        assert_eq!(body.line_of("/a"), 8);
        // What `read` reports as lenient or invalid, or would see without `\r`.
        for text in [
            "{\"a\": 1},\n",
            "{\"a\": 1} // note\n",
            "{\"a\": 1,}",
            "{\r\n}\r\n",
            "{\"a\"",
        ] {
            assert!(read_leading(text, 1).is_none(), "{text:?}");
        }
    }
}
