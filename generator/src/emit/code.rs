//! Rust written straight as formatted text, laid out the way prettyplease
//! prints it, for nearly all of the output (model types, enums, `handlers.rs`,
//! the server's request readers, mounts, routers and route table, the mock's
//! impls, `reserialize`). Building
//! tokens, parsing them into syn and printing them again cost ~70 % of
//! emitting; text skips all three.
//!
//! The writer lays out only what it knows prettyplease's layout of: its
//! margin, and how it breaks each construct the emitters write (see the
//! methods). Anything else marks the item — a line past the margin with no
//! break given for it, text from the user's options spelled as the user
//! wrote it — and [`Code::finish`] then runs the item through syn +
//! prettyplease like every token-emitted item. Either way the bytes are
//! prettyplease's: `tests/corpus.rs` formats every file of the beta corpus
//! whole with prettyplease and compares.
//!
//! Lines are put together with `[..].concat()` rather than `format!`: with
//! tens of thousands of items, the formatting machinery (and the regrowing
//! of its guessed buffer) was 7 % of a whole run's CPU; `concat` sizes once
//! and copies.

use proc_macro2::TokenStream;

/// prettyplease's margin: a line up to 89 columns wide is never broken
/// (a list item's trailing comma not counted); a wider one is broken where
/// it can be. Measured on the beta corpus for every construct this writer
/// breaks (thousands of lines each side of the margin), and checked by
/// `tests/corpus.rs`. A wider line without a break given by the caller
/// ([`Code::line_or`]) leaves the item to prettyplease.
const MARGIN: usize = 89;

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
        if self.width(text) > MARGIN && !is_string_literal(text) {
            self.exact = false;
        }
        self.push_line(text);
    }

    /// `flat` if it fits, else `broken`: lines of (extra indentation, text),
    /// the way prettyplease breaks that line.
    pub fn line_or(&mut self, flat: &str, broken: &[(usize, &str)]) {
        self.fitting_or(flat, 0, broken)
    }

    /// Whether `text` fits on a line indented `extra` more than now.
    pub fn fits(&self, extra: usize, text: &str) -> bool {
        self.fits_parts(extra, &[text])
    }

    /// [`Self::fits`] for the line `parts` make.
    pub fn fits_parts(&self, extra: usize, parts: &[&str]) -> bool {
        self.parts_width(parts) + extra * 4 <= MARGIN
    }

    /// [`Self::line`] for the line `parts` make, without making it.
    pub fn line_parts(&mut self, parts: &[&str]) {
        if self.parts_width(parts) > MARGIN {
            // As `line` decides, on the whole line.
            return self.line(&parts.concat());
        }
        self.push_parts(parts);
    }

    /// [`Self::line_or`] for an item of a broken list (a match arm, a
    /// generic argument): its trailing comma does not count.
    pub fn item_or(&mut self, flat: &str, broken: &[(usize, &str)]) {
        self.fitting_or(flat, usize::from(flat.ends_with(',')), broken)
    }

    fn fitting_or(&mut self, flat: &str, uncounted: usize, broken: &[(usize, &str)]) {
        if self.width(flat) - uncounted <= MARGIN {
            return self.push_line(flat);
        }
        self.lines(broken);
    }

    /// Lines of (extra indentation, text).
    pub fn lines(&mut self, lines: &[(usize, &str)]) {
        for (extra, text) in lines {
            self.indent += extra;
            self.line(text);
            self.indent -= extra;
        }
    }

    /// `{head}{ty}{tail}` for a type `ty`; when it does not fit, broken as
    /// prettyplease breaks generic arguments: `{head}Outer<`, each argument
    /// on its own line (broken the same way if it does not fit either),
    /// `>{tail}`. Nothing else in the line can break: a path stays whole
    /// however wide. `list_item`: the line is the last item of a broken list
    /// (its trailing comma does not count).
    pub fn generic(&mut self, head: &str, ty: &str, tail: &str, list_item: bool) {
        let flat = [head, ty, tail];
        let uncounted = usize::from(list_item && tail.ends_with(','));
        if self.parts_width(&flat) - uncounted <= MARGIN {
            return self.push_parts(&flat);
        }
        let Some((outer, arguments)) = split_generic(ty) else {
            return self.push_parts(&flat);
        };
        self.push_parts(&[head, outer, "<"]);
        self.indent += 1;
        // The comma after the last argument is printed only when the list
        // breaks, so it does not count; one between arguments does.
        let last = arguments.len() - 1;
        for (i, argument) in arguments.into_iter().enumerate() {
            self.generic("", argument, ",", i == last);
        }
        self.indent -= 1;
        self.line(&[">", tail].concat());
    }

    /// `impl {trait_path} for {self_type} {`, opened; when too wide, `for …`
    /// goes on a line of its own (however wide: a path does not break).
    pub fn impl_block(&mut self, trait_path: &str, self_type: &str) {
        let flat = ["impl ", trait_path, " for ", self_type, " {"];
        if self.parts_width(&flat) <= MARGIN {
            self.push_parts(&flat);
        } else {
            self.line(&["impl ", trait_path].concat());
            self.push_parts(&["for ", self_type, " {"]);
        }
        self.indent += 1;
    }

    /// A struct literal's field `{field}: {receiver}{method},` whose value is
    /// a method call (`method` starts with `.`); when too wide, prettyplease
    /// breaks before the `.`.
    pub fn field_call(&mut self, field: &str, receiver: &str, method: &str) {
        let flat = [field, ": ", receiver, method, ","];
        if self.parts_width(&flat) <= MARGIN {
            return self.push_parts(&flat);
        }
        // A field name and a receiver do not break, however wide.
        self.push_parts(&[field, ": ", receiver]);
        self.indent += 1;
        // `.method(argument)` still too wide: its argument (one string)
        // on a line of its own.
        match method.strip_suffix(')').and_then(|m| m.split_once('(')) {
            Some((callee, argument))
                if !self.fits(0, &[method, ","].concat()) && is_string_literal(argument) =>
            {
                self.call(callee, argument, ",")
            }
            _ => self.line(&[method, ","].concat()),
        }
        self.indent -= 1;
    }

    /// `{callee}({argument}){tail}` (a call, a tuple variant); when too wide,
    /// the argument goes on a line of its own (broken as [`Self::generic`]
    /// breaks a type, if it does not fit either) with a trailing comma.
    pub fn call(&mut self, callee: &str, argument: &str, tail: &str) {
        let flat = [callee, "(", argument, ")", tail];
        if self.parts_width(&flat) <= MARGIN {
            return self.push_parts(&flat);
        }
        let head = [callee, "("].concat();
        if is_path(callee) {
            // A path never breaks: prettyplease prints it whole, however wide.
            self.whole(&head);
        } else {
            self.line(&head);
        }
        self.indent += 1;
        self.generic("", argument, ",", true);
        self.indent -= 1;
        self.line(&[")", tail].concat());
    }

    /// A match arm `{pattern} => {callee}({argument}),`; when too wide,
    /// prettyplease blocks the value, then breaks the call as [`Self::call`].
    /// A tuple pattern too wide even for `{pattern} => {` breaks instead:
    /// its fields on a line of their own, the value after `) =>`.
    pub fn arm_call(&mut self, pattern: &str, callee: &str, argument: &str) {
        let flat = [pattern, " => ", callee, "(", argument, ")", ","];
        if self.parts_width(&flat) - 1 <= MARGIN {
            return self.push_parts(&flat);
        }
        let value = [callee, "(", argument, ")"].concat();
        // The opening brace, like a trailing comma, does not count.
        let blocked = [pattern, " => {"].concat();
        if let (false, Some((path, fields))) = (
            self.width(&blocked) - 1 <= MARGIN,
            pattern.strip_suffix(')').and_then(|p| p.split_once('(')),
        ) {
            self.line(&[path, "("].concat());
            self.indent += 1;
            self.line(&[fields, ","].concat());
            self.indent -= 1;
            let last = [") => ", value.as_str(), ","].concat();
            return self.item_or(&last, &[(0, &last)]);
        }
        self.push_line(&blocked);
        self.indent += 1;
        self.call(callee, argument, "");
        self.indent -= 1;
        self.line("}");
    }

    /// `&self.{field},` as a broken call's last argument: too wide even so
    /// (its comma not counted), prettyplease breaks the field access before
    /// its dot and prints `.{field},` whole however wide.
    pub fn last_field_access(&mut self, field: &str) {
        let line = ["&self.", field, ","].concat();
        if self.fits(0, &line[..line.len() - 1]) {
            return self.push_line(&line);
        }
        self.push_line("&self");
        self.indent += 1;
        self.whole(&line["&self".len()..]);
        self.indent -= 1;
    }

    /// The last item of a broken list (a call's last argument) with no
    /// break of its own: it fits with its trailing comma not counted.
    pub fn last_item(&mut self, text: &str) {
        self.item_or(text, &[(0, text)]);
    }

    /// A line nothing in which can break (a field holding a string literal):
    /// prettyplease prints it whole however wide.
    pub fn whole(&mut self, text: &str) {
        self.push_line(text);
    }

    /// A line that opens a block and nothing in which can break (`pub
    /// struct Name {`): prettyplease prints it whole however wide.
    pub fn open_whole(&mut self, text: &str) {
        self.push_line(text);
        self.indent += 1;
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

    /// Un-indents what follows (after a line that ends a deeper level, such
    /// as a broken method chain's last line).
    pub fn outdent(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }

    /// A line that closes a block (`}`, `};`).
    pub fn close(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(text);
    }

    /// Doc comment lines for doc text from the docs, [`docs::clean`]ed
    /// (what `#[doc]` attributes made by [`docs::attrs`] print as).
    ///
    /// [`docs::clean`]: super::docs::clean
    /// [`docs::attrs`]: super::docs::attrs
    pub fn doc(&mut self, text: &str) {
        let clean = super::docs::clean(text);
        for line in crate::parse::lines(&clean) {
            self.doc_line(line);
        }
    }

    /// Doc comment lines for markdown mdbind composed itself from parts
    /// already cleaned: only control characters dropped ([`docs::printable`]).
    ///
    /// [`docs::printable`]: super::docs::printable
    pub fn raw_doc(&mut self, text: &str) {
        for line in crate::parse::lines(text) {
            self.doc_line(&super::docs::printable(line));
        }
    }

    /// One doc line as prettyplease prints `#[doc = " {line}"]`: `///`, then
    /// the value with trailing spaces trimmed. (No line given here starts
    /// with `/` or holds a line break, which it would print otherwise.)
    fn doc_line(&mut self, line: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str("///");
        let value = line.trim_end_matches(' ');
        if !value.is_empty() {
            self.out.push(' ');
            self.out.push_str(value);
        }
        self.out.push('\n');
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
    pub fn finish(mut self) -> String {
        if self.exact {
            // Items are often held until their piece is joined: a small one
            // must not keep its whole starting buffer (the next item reuses it).
            if self.out.capacity() > 2 * self.out.len() {
                self.out.shrink_to_fit();
            }
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

    /// [`Self::width`] of the line `parts` make, without making it.
    fn parts_width(&self, parts: &[&str]) -> usize {
        self.indent * 4 + parts.iter().map(|p| p.chars().count()).sum::<usize>()
    }

    fn push_line(&mut self, text: &str) {
        self.push_parts(&[text]);
    }

    /// One line made of `parts`, written straight into the output: most
    /// lines are put together from pieces, and a string for each was a good
    /// share of emitting.
    fn push_parts(&mut self, parts: &[&str]) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push('\n');
    }
}

/// `Outer<A, B<C, D>>` → (`Outer`, [`A`, `B<C, D>`]); `None` if not generic.
fn split_generic(ty: &str) -> Option<(&str, Vec<&str>)> {
    let open = ty.find('<')?;
    let inner = ty.strip_suffix('>')?.get(open + 1..)?;
    let mut arguments = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.checked_sub(1)?,
            ',' if depth == 0 => {
                arguments.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    arguments.push(inner[start..].trim());
    Some((&ty[..open], arguments))
}

/// `{head}&["a", "b"]{tail}`, or when that does not fit, one string per
/// line (prettyplease never packs string arrays). `last_item`: the line is
/// the last of a broken list (its trailing comma does not count).
pub fn strings(out: &mut Code, head: &str, values: &[String], tail: &str, last_item: bool) {
    let values: Vec<String> = values.iter().map(|v| string(v)).collect();
    let mut parts = Vec::with_capacity(2 * values.len() + 3);
    parts.extend([head, "&["]);
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            parts.push(", ");
        }
        parts.push(v);
    }
    parts.extend(["]", tail]);
    // Most lists fit: their broken lines are made only when they do not.
    let uncounted = usize::from(last_item && tail.ends_with(','));
    if out.parts_width(&parts) - uncounted <= MARGIN {
        return out.push_parts(&parts);
    }
    let flat = parts.concat();
    let mut broken = vec![(0, [head, "&["].concat())];
    broken.extend(values.iter().map(|v| (1, [v, ","].concat())));
    broken.push((0, ["]", tail].concat()));
    let broken: Vec<(usize, &str)> = broken.iter().map(|(i, t)| (*i, t.as_str())).collect();
    if last_item {
        out.item_or(&flat, &broken);
    } else {
        out.line_or(&flat, &broken);
    }
}

/// Whether `line` is one string literal (and a comma), which no printer can break.
fn is_string_literal(line: &str) -> bool {
    let literal = line.strip_suffix(',').unwrap_or(line);
    literal.len() >= 2
        && literal.starts_with('"')
        && literal.ends_with('"')
        && !literal[1..literal.len() - 1]
            .replace("\\\\", "")
            .replace("\\\"", "")
            .contains('"')
}

/// Whether `text` is a path (`Self::Name`, `a::b::C`), which no printer breaks.
fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':'))
}

/// A string literal, escaped as quote escapes it.
pub fn string(value: &str) -> String {
    // Printable ASCII but `"` and `\` is its own escape (most strings
    // written): quoted as is, without building a literal.
    // (A fold, not `all`: it is vectorised, see `docs::printable`.)
    if value.bytes().fold(true, |plain, b| {
        plain & (b' '..=b'~').contains(&b) & (b != b'"') & (b != b'\\')
    }) {
        let mut quoted = String::with_capacity(value.len() + 2);
        quoted.push('"');
        quoted.push_str(value);
        quoted.push('"');
        return quoted;
    }
    proc_macro2::Literal::string(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prettyplease(text: &str) -> String {
        super::super::file::format_items(vec![text.parse().unwrap()])
    }

    /// Asserts `written`'s exactness is `exact` and that its text is what
    /// prettyplease prints; returns the text.
    fn check((was_exact, text): (bool, String), exact: bool) -> String {
        assert_eq!(was_exact, exact, "{text}");
        assert_eq!(prettyplease(&text), text);
        text
    }

    /// What `write` wrote: whether it stayed exact, and the finished text.
    fn written(write: impl FnOnce(&mut Code)) -> (bool, String) {
        let mut out = Code::new();
        write(&mut out);
        (out.exact, out.finish())
    }

    #[test]
    fn exact_text_is_kept_and_is_what_prettyplease_prints() {
        let mut out = Code::new();
        out.raw_doc(" A `doc` line.  \n\n");
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
    fn item_or_breaks_only_what_does_not_fit() {
        let arm = |value: &str| {
            written(|out| {
                out.open("fn f(x: &str) -> &str {");
                out.open("match x {");
                let flat = format!("\"pattern\" => {value},");
                out.item_or(&flat, &[(0, "\"pattern\" => {"), (1, value), (0, "}")]);
                out.line("_ => x,");
                out.close("}");
                out.close("}");
            })
        };
        // Flat at 89 and at 90 columns (the comma not counted), broken at 91
        // (the value's line then 80 wide).
        for length in [65, 66, 67] {
            let text = check(arm(&format!("{:?}", "x".repeat(length))), true);
            assert_eq!(text.lines().count() == 6, length < 67, "{text}");
        }
        // A string literal too long even when broken stays whole.
        check(arm(&format!("{:?}", "x".repeat(76))), true);
        // Anything else that long: prettyplease decides.
        check(arm(&format!("f({:?})", "x".repeat(76))), false);
    }

    #[test]
    fn generic_breaks_its_outermost_arguments() {
        let field = |ty: &str| {
            written(|out| {
                out.open("pub struct A {");
                out.generic("pub field: ", ty, ",", false);
                out.close("}");
            })
        };
        // 89 columns flat; 90 and more broken (the argument line then 75, 89 wide).
        for length in [53, 54, 68] {
            let ty = format!("Option<Result<{}, u8>>", "X".repeat(length));
            let text = check(field(&ty), true);
            assert_eq!(text.lines().count() == 3, length == 53, "{text}");
        }
    }

    #[test]
    fn nested_generics_and_paths() {
        let alias = |ty: &str| written(|out| out.generic("pub type A = ", ty, ";", false));
        let long = format!("super::module::{}", "X".repeat(70));
        for ty in [
            format!("::r::Response<::r::Page<{long}>, 200>"),
            format!("::r::Response<{long}{long}, 200>"),
            "::r::Empty<204>".to_string(),
        ] {
            check(alias(&ty), true);
        }
        assert!(is_string_literal(r#""a \" b\\","#));
        for value in [
            "plain text",
            "a \"b\"",
            "back\\slash",
            "tab\there",
            "é",
            "\0",
            "'",
            "",
        ] {
            assert_eq!(
                string(value),
                proc_macro2::Literal::string(value).to_string()
            );
        }
        assert!(!is_string_literal(r#""a" + "b""#));
    }

    #[test]
    fn calls_break_their_argument_and_arms_block_their_value() {
        let variant = |length: usize| {
            let name = "V".repeat(length);
            written(|out| {
                out.open("pub enum E {");
                out.call(&name, &format!("Box<{name}>"), ",");
                out.close("}");
            })
        };
        // 89 columns flat (the comma counted); 90 broken.
        for length in [38, 39] {
            let text = check(variant(length), true);
            assert_eq!(text.lines().count() == 3, length == 38, "{text}");
        }
        let arms = |length: usize| {
            let name = "V".repeat(length);
            written(|out| {
                out.open("fn write<'a>(&'a self, object: &mut W<'a>) {");
                out.open("match self {");
                out.arm_call(&format!("Self::{name}(value)"), "object.variant", "value");
                out.arm_call("_", &format!("Self::{name}"), "object.variant()");
                out.close("}");
                out.close("}");
            })
        };
        // Flat at 89 columns (the comma not counted), value blocked at 90;
        // the pattern broken once `… => {` is 91 (the brace not counted
        // either); the other arm's call broken once blocking is not enough.
        for (length, shape) in [
            (43, "(value) => object.variant(value),\n"),
            (44, "(value) => {\n            object.variant(value)\n"),
            (64, "(value) => {\n"),
            (
                65,
                "(\n            value,\n        ) => object.variant(value),\n",
            ),
            (53, "_ => {\n            Self::"),
            (54, "(\n                object.variant(),\n            )\n"),
        ] {
            let text = check(arms(length), true);
            assert!(text.contains(shape), "{length}: {shape:?} in\n{text}");
        }
    }

    #[test]
    fn a_call_of_a_path_too_wide_keeps_it_whole() {
        let variant = ["Self::", "V".repeat(90).as_str()].concat();
        for pattern in ["Some(1)", "_"] {
            check(
                written(|out| {
                    out.open("fn read(object: &mut R) -> Self {");
                    out.open("match object.odata_type(DERIVED) {");
                    out.arm_call(pattern, &variant, "object.variant()");
                    out.close("}");
                    out.close("}");
                }),
                true,
            );
        }
    }

    #[test]
    fn a_field_access_too_wide_breaks_before_its_dot() {
        // As `structs` writes a member whose call does not fit on one line.
        for length in 75..120 {
            let field = "f".repeat(length);
            let text = check(
                written(|out| {
                    out.open("fn write(&self, object: &mut W) {");
                    out.lines(&[(0, "object"), (1, ".member("), (2, "\"m\",")]);
                    out.indent();
                    out.indent();
                    out.last_field_access(&field);
                    out.outdent();
                    out.outdent();
                    out.lines(&[(1, ");")]);
                    out.close("}");
                }),
                true,
            );
            assert_eq!(
                text.contains("&self\n"),
                12 + 6 + length > MARGIN,
                "{length}"
            );
        }
    }

    #[test]
    fn unbreakable_lines_stay_whole() {
        let field = |length: usize| {
            written(|out| {
                out.open("fn f(object: &mut R) -> S {");
                out.open("S {");
                out.field_call(
                    &"f".repeat(length),
                    "object",
                    &format!(".member({:?})", "m".repeat(length)),
                );
                out.close("}");
                out.close("}");
            })
        };
        for length in [20, 40, 80] {
            check(field(length), true);
        }
        let text = check(
            written(|out| {
                out.open_whole(&format!("pub struct {} {{", "S".repeat(90)));
                out.line("pub a: u8,");
                out.close("}");
            }),
            true,
        );
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn tokens_from_options_are_formatted_by_prettyplease() {
        let mut out = Code::new();
        out.tokens(&"#[derive(Eq)]".parse().unwrap());
        out.line("pub struct A;");
        assert_eq!(out.finish(), "#[derive(Eq)]\npub struct A;\n");
    }
}
