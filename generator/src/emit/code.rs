//! Rust written straight as formatted text, laid out the way prettyplease
//! prints it, for the items that are most of the output (model types and
//! enums). Building tokens, parsing them into syn and printing them again
//! costs ~70 % of emitting; text skips all three.
//!
//! The writer lays out only what it can lay out exactly as prettyplease
//! would. Anything else marks the item (a code line near or past
//! prettyplease's margin, where it may break the line; text from the user's
//! options, spelled as the user wrote it), and [`Code::finish`] then runs the
//! item through syn + prettyplease like every token-emitted item. Either way
//! the bytes are prettyplease's: `tests/corpus.rs` formats every file of the
//! beta corpus whole with prettyplease and compares.

use proc_macro2::TokenStream;

/// prettyplease fits a line in its margin of 89 columns, give or take one
/// depending on the construct (a match arm's comma is not counted, say).
/// A line from `MARGIN_FROM` columns up to `MARGIN_TO` is too close to call
/// and left to prettyplease; from `MARGIN_TO` on, prettyplease surely breaks
/// it, so a line there is left to prettyplease too unless the caller gave the
/// broken form ([`Code::line_or`]).
const MARGIN_FROM: usize = 88;
const MARGIN_TO: usize = 92;

/// One or more top-level items being written.
pub struct Code {
    out: String,
    indent: usize,
    /// False once something was written that prettyplease may print otherwise.
    exact: bool,
}

impl Code {
    pub fn new() -> Self {
        Code {
            out: String::with_capacity(4096),
            indent: 0,
            exact: true,
        }
    }

    /// One line of code at the current indentation.
    pub fn line(&mut self, text: &str) {
        if self.width(text) >= MARGIN_FROM {
            self.exact = false;
        }
        self.push_line(text);
    }

    /// `flat` if it fits, else `broken`: lines of (extra indentation, text),
    /// the way prettyplease breaks that line.
    pub fn line_or(&mut self, flat: &str, broken: &[(usize, &str)]) {
        if self.width(flat) < MARGIN_TO {
            return self.line(flat);
        }
        for (extra, text) in broken {
            self.indent += extra;
            self.line(text);
            self.indent -= extra;
        }
    }

    /// A line that opens a block (`… {`): what follows is indented.
    pub fn open(&mut self, text: &str) {
        self.line(text);
        self.indent += 1;
    }

    /// Indents what follows (after a block's opening line written otherwise).
    pub fn indent(&mut self) {
        self.indent += 1;
    }

    /// A line that closes a block (`}`, `};`).
    pub fn close(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(text);
    }

    /// Doc comment lines, as prettyplease prints `#[doc = " line"]`
    /// attributes (see `docs::lines` for what the values are).
    pub fn docs(&mut self, lines: impl IntoIterator<Item = String>) {
        for value in lines {
            // prettyplease prints a doc value as `///` + the value, trailing
            // spaces trimmed; `docs::lines` never gives one starting with `/`
            // or holding a line break (which it would print otherwise).
            debug_assert!(!value.starts_with('/') && !value.contains('\n'));
            let mut text = String::with_capacity(value.len() + 3);
            text.push_str("///");
            text.push_str(value.trim_end_matches(' '));
            self.push_line(&text);
        }
    }

    /// Attribute tokens from the user's options, as they come: prettyplease
    /// formats the item.
    pub fn tokens(&mut self, tokens: &TokenStream) {
        if !tokens.is_empty() {
            self.exact = false;
            self.push_line(&tokens.to_string());
        }
    }

    /// Marks the item for prettyplease: the caller wrote text it may print otherwise.
    pub fn inexact(&mut self) {
        self.exact = false;
    }

    /// Ends a top-level item: a blank line before the next one, as
    /// `file::format_items` spaces items.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// The formatted text: as written when exact, else through prettyplease.
    pub fn finish(self) -> String {
        if self.exact {
            return self.out;
        }
        match self.out.parse::<TokenStream>() {
            Ok(tokens) => super::file::format_items(vec![tokens]),
            Err(e) => format!(
                "compile_error!({:?});\n",
                format!("mdbind wrote invalid Rust (a bug): {e}")
            ),
        }
    }

    /// The columns `text` takes on a line at the current indentation.
    fn width(&self, text: &str) -> usize {
        self.indent * 4 + text.chars().count()
    }

    fn push_line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }
}

/// A string literal, escaped as quote escapes it.
pub fn string(value: &str) -> String {
    proc_macro2::Literal::string(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prettyplease(text: &str) -> String {
        super::super::file::format_items(vec![text.parse().unwrap()])
    }

    #[test]
    fn exact_text_is_kept_and_is_what_prettyplease_prints() {
        let mut out = Code::new();
        out.docs(["  A `doc` line.  ".to_string(), String::new()]);
        out.open("pub struct A {");
        out.line("pub b: Option<String>,");
        out.close("}");
        out.blank();
        out.line("::m::mac!(A);");
        let text = out.finish();
        assert_eq!(
            text,
            "///  A `doc` line.\n///\npub struct A {\n    pub b: Option<String>,\n}\n\n::m::mac!(A);\n"
        );
        assert_eq!(prettyplease(&text), text);
    }

    #[test]
    fn a_line_past_the_margin_goes_to_prettyplease() {
        let long = format!("pub b: Option<Option<{}>>,", "VeryLong".repeat(10));
        let mut out = Code::new();
        out.open("pub struct A {");
        out.line(&long);
        out.close("}");
        let text = out.finish();
        assert!(!text.contains(&long), "{text}");
        assert_eq!(prettyplease(&text), text);
    }

    #[test]
    fn line_or_breaks_only_what_does_not_fit() {
        let arm = |value: &str| {
            let mut out = Code::new();
            out.open("fn f(x: &str) -> &str {");
            out.open("match x {");
            let flat = format!("\"pattern\" => {value},");
            out.line_or(&flat, &[(0, "\"pattern\" => {"), (1, value), (0, "}")]);
            out.line("_ => x,");
            out.close("}");
            out.close("}");
            (out.exact, out.finish())
        };
        // 44 columns flat; 92 flat, 82 broken.
        for value in [
            format!("{:?}", "long".repeat(5)),
            format!("{:?}", "long".repeat(17)),
        ] {
            let (exact, text) = arm(&value);
            assert!(exact);
            assert_eq!(prettyplease(&text), text);
        }
        // Too close to call (88 flat), or too long even when broken (94): prettyplease decides.
        for value in [
            format!("{:?}", "long".repeat(16)),
            format!("{:?}", "long".repeat(20)),
        ] {
            let (exact, text) = arm(&value);
            assert!(!exact);
            assert_eq!(prettyplease(&text), text);
        }
    }

    #[test]
    fn tokens_from_options_are_formatted_by_prettyplease() {
        let mut out = Code::new();
        out.tokens(&"#[derive(Eq)]".parse().unwrap());
        out.line("pub struct A;");
        assert_eq!(out.finish(), "#[derive(Eq)]\npub struct A;\n");
    }
}
