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
static BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").unwrap());

/// `#[doc]` attributes for `text` (paragraphs separated by blank lines).
pub fn attrs(text: &str) -> TokenStream {
    let clean = clean(text);
    let lines = clean.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// `#[doc]` attributes for markdown that mdbind composed itself from parts
/// already passed through [`clean`].
pub fn raw_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        if line.is_empty() {
            line
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The text as rustdoc should see it.
pub fn clean(text: &str) -> String {
    let text = BREAK.replace_all(text, "\n");
    let mut out = String::new();
    let mut blank = true;
    for line in text.lines() {
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        out.push_str(&escape_line(line));
        out.push('\n');
        blank = false;
    }
    out.trim_end().to_string()
}

fn escape_line(line: &str) -> String {
    // Odd pieces are inside backticks: left as written.
    let mut out = String::new();
    for (i, piece) in line.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(piece);
            continue;
        }
        let unlinked = LINK.replace_all(piece, |c: &regex::Captures| {
            let text = c.get(1).or_else(|| c.get(3)).map_or("", |m| m.as_str());
            let dest = c.get(2).map_or("", |m| m.as_str());
            if dest.starts_with("http://") || dest.starts_with("https://") {
                format!("{text} ({dest})")
            } else {
                text.to_string()
            }
        });
        let escaped = unlinked
            .replace('\\', "\\\\")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('[', "\\[")
            .replace(']', "\\]")
            .replace('*', "\\*")
            .replace('_', "\\_")
            .replace('#', "\\#");
        out.push_str(&URL.replace_all(&escaped, |c: &regex::Captures| format!("<{}>", &c[0])));
    }
    // An odd number of backticks would swallow the rest of the doc into code.
    if line.matches('`').count() % 2 == 1 {
        out = out.replace('`', "\\`");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clean;

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
        assert_eq!(clean("odd ` tick"), "odd \\` tick");
    }
}
