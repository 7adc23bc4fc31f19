//! Doc text from the docs → `#[doc]` attributes that stay text.
//!
//! Each line becomes its own string literal (quote escapes it, so nothing in a
//! description can end the attribute). Markdown links to doc pages become
//! plain text (their targets do not exist in the generated crate); `<`, `>`,
//! `[` and `]` outside inline code are escaped so rustdoc reads no HTML tags
//! or intra-doc links into them; bare URLs are wrapped in `<…>`.

use std::sync::LazyLock;

use proc_macro2::TokenStream;
use quote::quote;
use regex::Regex;

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(([^)]*)\)|\[([^\]]+)\]\[[^\]]*\]").unwrap());
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s)<>]+[^\s)<>.,;:]").unwrap());
/// Built once: `str::contains` sets up a searcher for every line.
static HTTP: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("http"));
static BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").unwrap());
static CODE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<code>([^`]*?)</code>").unwrap());

/// `#[doc]` attributes for `text` (paragraphs separated by blank lines).
pub fn attrs(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #(#[doc = #lines])* }
}

/// The values of the `#[doc]` attributes for `text`: each line of
/// [`clean`] text after a space, a blank line empty.
fn lines(text: &str) -> Vec<String> {
    clean(text)
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `line` without its control characters (a doc line must not hold any).
pub fn printable(line: &str) -> std::borrow::Cow<'_, str> {
    // Nearly every line is printable ASCII, told without decoding a char,
    // and without stopping early: a fold over every byte is vectorised, an
    // `all` that may stop at each byte is not (this runs on every doc line).
    if line
        .bytes()
        .fold(true, |printable, b| printable & (b' '..=b'~').contains(&b))
    {
        return line.into();
    }
    if line.chars().any(char::is_control) {
        line.chars().filter(|c| !c.is_control()).collect()
    } else {
        line.into()
    }
}

/// The text as rustdoc should see it.
pub fn clean(text: &str) -> String {
    let text = if memchr::memchr(b'<', text.as_bytes()).is_some() {
        BREAK.replace_all(text, "\n")
    } else {
        text.into()
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut blank = true;
    for line in crate::parse::lines(&text) {
        let line = printable(line);
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        if is_plain(line) {
            // Most doc lines: nothing to escape, unlink or wrap.
            out.push_str(line);
        } else {
            escape_line(line, &mut out);
        }
        out.push('\n');
        blank = false;
    }
    out.truncate(out.trim_end().len());
    out
}

/// Whether `line` reads the same escaped: printable ASCII without markup
/// characters, inline code, HTML or links, and no URL to wrap. One pass
/// over a table, where [`escape_line`] makes several.
fn is_plain(line: &str) -> bool {
    line.bytes()
        .fold(true, |plain, b| plain & PLAIN[usize::from(b)])
        && HTTP.find(line.as_bytes()).is_none()
}

/// The bytes [`is_plain`] lets through: printable ASCII but `` ` ``, `<`,
/// `>`, `[`, `]` and the ones [`escaped`] spells otherwise.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        table[b as usize] = !matches!(
            b,
            b'`' | b'<' | b'>' | b'[' | b']' | b'\\' | b'*' | b'_' | b'#'
        );
        b += 1;
    }
    table
};

/// Appends `line` escaped to `out`.
fn escape_line(line: &str, out: &mut String) {
    // `<code>x</code>` is inline code too; markdown's spelling is the one
    // the backtick split below understands.
    let line = if line.contains('<') {
        CODE_TAG.replace_all(line, "`$1`")
    } else {
        line.into()
    };
    // An odd number of backticks pairs none reliably: all of it is text, the
    // backticks escaped (else the rest of the doc could become code, or code
    // could hide HTML that then escapes as tags).
    if line.matches('`').count() % 2 == 1 {
        let start = out.len();
        escape_text(&line, out);
        let escaped = out.split_off(start);
        out.push_str(&escaped.replace('`', "\\`"));
        return;
    }
    // Odd pieces are inside backticks: left as written.
    for (i, piece) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(piece);
        } else {
            escape_text(piece, out);
        }
    }
}

/// How a markup character is written in doc text; `None` for the rest.
fn escaped(b: u8) -> Option<&'static str> {
    Some(match b {
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'\\' => "\\\\",
        b'[' => "\\[",
        b']' => "\\]",
        b'*' => "\\*",
        b'_' => "\\_",
        b'#' => "\\#",
        _ => return None,
    })
}

/// Appends text outside inline code to `out`: links unlinked, markup
/// characters escaped.
fn escape_text(piece: &str, out: &mut String) {
    let unlinked = if piece.contains('[') {
        LINK.replace_all(piece, |c: &regex::Captures| {
            let text = c.get(1).or_else(|| c.get(3)).map_or("", |m| m.as_str());
            let dest = c.get(2).map_or("", |m| m.as_str());
            if dest.starts_with("http://") || dest.starts_with("https://") {
                format!("{text} ({dest})")
            } else {
                text.to_string()
            }
        })
    } else {
        piece.into()
    };
    // One pass over the text (this runs on every line of every description),
    // written straight into the output: the runs between markup characters
    // (all ASCII, so byte offsets are char boundaries) copied whole. Most
    // pieces hold none, which a fold over their bytes tells first (a fold,
    // not `any`, is vectorised).
    let start = out.len();
    if unlinked
        .bytes()
        .fold(false, |any, b| any | escaped(b).is_some())
    {
        let mut copied = 0;
        for (i, b) in unlinked.bytes().enumerate() {
            let Some(spelled) = escaped(b) else { continue };
            out.push_str(&unlinked[copied..i]);
            out.push_str(spelled);
            copied = i + 1;
        }
        out.push_str(&unlinked[copied..]);
    } else {
        out.push_str(&unlinked);
    }
    if !out[start..].contains("http") {
        return;
    }
    let written = out.split_off(start);
    out.push_str(&URL.replace_all(&written, |c: &regex::Captures| format!("<{}>", &c[0])));
}

#[cfg(test)]
mod tests {
    use super::{clean, escape_line, is_plain};

    #[test]
    fn a_plain_line_is_its_own_escape() {
        let lines = [
            "The display name. Read-only.",
            "Possible values are: `a_b`, `c`.",
            "See [user](user.md).",
            "a_b",
            "1 < 2",
            "#tag",
            "x \\ y",
            "*bold*",
            "Go to https://example.com/a.",
            "A (http) word",
            "Tab\there",
            "Café",
        ];
        for line in lines {
            let mut escaped = String::new();
            escape_line(line, &mut escaped);
            if is_plain(line) {
                assert_eq!(escaped, line, "{line}");
            }
        }
        assert!(is_plain("The display name. Read-only."));
        assert!(!is_plain("Possible values are: `a`."));
        assert!(!is_plain("Go to https://example.com."));
    }

    #[test]
    fn text_stays_text() {
        assert_eq!(clean("See [user](../resources/user.md)."), "See user.");
        assert_eq!(
            clean("Possible values are: `a_b`, `c`."),
            "Possible values are: `a_b`, `c`."
        );
        assert_eq!(
            clean("A <script>x</script> [x]"),
            "A &lt;script&gt;x&lt;/script&gt; \\[x\\]"
        );
        assert_eq!(
            clean("Go to https://example.com/a."),
            "Go to <https://example.com/a>."
        );
        assert_eq!(clean("line1<br/>line2"), "line1\nline2");
        assert_eq!(clean("line1<BR >line2"), "line1\nline2");
        // Control characters go; the rest of the line stays.
        assert_eq!(clean("a\u{7}b\tc"), "abc");
        // Outside ASCII: a C1 control goes too, letters stay whole beside
        // escaped markup.
        assert_eq!(clean("é\u{85}ü"), "éü");
        assert_eq!(clean("é_ü[ß]<ø>"), "é\\_ü\\[ß\\]&lt;ø&gt;");
        assert_eq!(clean("a_b *c* #d \\e"), "a\\_b \\*c\\* \\#d \\\\e");
        assert_eq!(clean("odd ` tick"), "odd \\` tick");
        assert_eq!(clean("<code>|</code> or <code><</code>"), "`|` or `<`");
        // With an odd count no piece is code: the HTML after a backtick is text too.
        assert_eq!(
            clean("`_` <code>`</code> `{`"),
            "\\`\\_\\` &lt;code&gt;\\`&lt;/code&gt; \\`{\\`"
        );
    }
}
