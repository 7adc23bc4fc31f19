//! Searches in doc prose: phrases in any ASCII case, found through a
//! lower-cased copy each thread reuses (most descriptions are searched for
//! several phrases and few hold any); markup taken out of a cell without
//! copying a cell that has none.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use memchr::memmem;

/// The byte offset of the first `needle` (non-empty) in `haystack`, for
/// short haystacks searched often: `str::find` sets up a two-way searcher
/// for every call, which costs more than the search itself here.
pub fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    let first = *needle.as_bytes().first()?;
    memchr::memchr_iter(first, haystack.as_bytes())
        .find(|&i| haystack.as_bytes()[i..].starts_with(needle.as_bytes()))
}

/// `text` without any of `chars` (markup such as backticks around a name):
/// borrowed when it has none, as nearly every cell.
pub fn without<'a>(text: &'a str, chars: &[char]) -> Cow<'a, str> {
    if text.contains(chars) {
        Cow::Owned(text.replace(chars, ""))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` around the first `byte` (ASCII), as `split_once` with a `char`
/// splits it, found by memchr: `str::split_once(char)` costs a searcher's
/// setup and a byte-at-a-time scan, and link targets and path templates are
/// split this way tens of thousands of times.
pub fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let at = memchr::memchr(byte, text.as_bytes())?;
    Some((&text[..at], &text[at + 1..]))
}

/// [`split_once_byte`] at the last `byte`.
pub fn rsplit_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let at = memchr::memrchr(byte, text.as_bytes())?;
    Some((&text[..at], &text[at + 1..]))
}

/// The lines of `text` as [`str::lines`] splits them (at `\n`, a `\r`
/// before it dropped, no empty line after a final `\n`), each line end
/// found by memchr's SIMD search: `str::lines` looks for it a byte or a word
/// at a time, and code blocks and doc texts are split into lines by the
/// hundred thousand.
pub fn lines(text: &str) -> Lines<'_> {
    Lines { rest: text }
}

/// See [`lines`].
pub struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', self.rest.as_bytes()) {
            Some(end) => {
                let line = &self.rest[..end];
                self.rest = &self.rest[end + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut self.rest),
        };
        Some(line)
    }
}

/// A phrase (ASCII, lower case) looked for in doc prose in any ASCII case.
///
/// Prose is searched through a lower-cased copy (made once per text in a
/// buffer each thread reuses, see [`with_lowercase`]) by memchr's SIMD
/// substring search, built once per phrase: a case-insensitive search of its
/// own, anchored on one letter, read the ~5 MB of a large docs folder's
/// descriptions about three times slower, once per phrase.
pub struct Phrase {
    text: &'static str,
    finder: OnceLock<memmem::Finder<'static>>,
}

impl Phrase {
    pub const fn new(text: &'static str) -> Self {
        Phrase {
            text,
            finder: OnceLock::new(),
        }
    }

    /// The byte offset of the first match in `lower`, a text lower-cased by
    /// [`with_lowercase`] (so the offset is the original text's too).
    pub fn find_in(&self, lower: Lowercase) -> Option<usize> {
        self.finder
            .get_or_init(|| {
                debug_assert!(!self.text.bytes().any(|b| b.is_ascii_uppercase()));
                memmem::Finder::new(self.text.as_bytes())
            })
            .find(lower.0)
    }

    pub fn is_in(&self, lower: Lowercase) -> bool {
        self.find_in(lower).is_some()
    }

    /// The byte offset of the first match in `text`, in any ASCII case.
    pub fn find(&self, text: &str) -> Option<usize> {
        with_lowercase(text, |lower| self.find_in(lower))
    }

    /// Whether `text` holds the phrase in any ASCII case.
    pub fn occurs_in(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// A text with its ASCII letters lower-cased, byte for byte (an offset into
/// it is an offset into the text).
#[derive(Clone, Copy)]
pub struct Lowercase<'a>(&'a [u8]);

impl Lowercase<'_> {
    pub fn starts_with(self, phrase: &str) -> bool {
        self.0.starts_with(phrase.as_bytes())
    }
}

thread_local! {
    static LOWERCASE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The largest buffer [`with_lowercase`] keeps between calls.
const KEPT_BUFFER: usize = 1 << 20;

/// Calls `f` with `text` lower-cased (ASCII letters only) in this thread's
/// buffer; a call made from inside `f` gets a buffer of its own.
pub fn with_lowercase<R>(text: &str, f: impl FnOnce(Lowercase) -> R) -> R {
    let lower = |buffer: &mut Vec<u8>| {
        buffer.clear();
        buffer.extend_from_slice(text.as_bytes());
        buffer.make_ascii_lowercase();
    };
    LOWERCASE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            lower(&mut buffer);
            let found = f(Lowercase(&buffer));
            // A huge text (hostile docs) is not kept for the thread's life.
            if buffer.capacity() > KEPT_BUFFER {
                *buffer = Vec::new();
            }
            found
        }
        Err(_) => {
            let mut buffer = Vec::new();
            lower(&mut buffer);
            f(Lowercase(&buffer))
        }
    })
}

/// `text` without `prefix` (ASCII, in any case), if it starts with it.
pub fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `text` without `suffix` (ASCII, in any case), if it ends with it.
pub fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_short_finds_what_find_finds() {
        let text = "a <!- <!-- x -- --> <!--> -->";
        for needle in ["<!--", "-->", "x", "<", "zz", "-->-"] {
            for start in 0..text.len() {
                let hay = &text[start..];
                assert_eq!(
                    find_short(hay, needle),
                    hay.find(needle),
                    "{needle} in {hay}"
                );
            }
        }
    }

    #[test]
    fn without_takes_out_every_listed_char_and_borrows_when_none() {
        assert_eq!(without("`a`*b*c", &['`', '*']), "abc");
        assert!(matches!(without("plain", &['`']), Cow::Borrowed("plain")));
    }

    #[test]
    fn finds_in_any_case_at_the_first_match() {
        let find = |hay: &str, phrase: &'static str| Phrase::new(phrase).find(hay);
        assert_eq!(find("x Inherited From y", "inherited from"), Some(2));
        assert_eq!(find("FROM from", "from"), Some(0));
        assert_eq!(find("é from", "from"), Some(3));
        assert_eq!(find("fro", "from"), None);
        assert_eq!(find("", "from"), None);
        assert!(Phrase::new("values").occurs_in("Possible VALUES are"));
        assert!(!Phrase::new("values").occurs_in("value"));
        assert_eq!(find("vvv VALUES", "values"), Some(4));
        assert_eq!(find("Open Type", "open type"), Some(0));
    }

    #[test]
    fn agrees_with_searching_a_lowercased_copy() {
        let text = "Inherited from directoryObject. Possible values are: `open`, `code`, \
                    `fromTo`; see the Open Type FROM the VALUES list, é then from";
        for needle in ["inherited from", "from", "values", "open type", "code", "e"] {
            let phrase = Phrase::new(needle);
            for start in 0..=text.len() {
                let Some(hay) = text.get(start..) else {
                    continue;
                };
                assert_eq!(
                    phrase.find(hay),
                    hay.to_ascii_lowercase().find(needle),
                    "{needle:?} in {hay:?}"
                );
            }
        }
    }

    #[test]
    fn a_search_inside_a_search_gets_a_buffer_of_its_own() {
        let outer = with_lowercase("Outer FROM", |lower| {
            let inner = Phrase::new("inner").find("the INNER text");
            (Phrase::new("from").find_in(lower), inner)
        });
        assert_eq!(outer, (Some(6), Some(4)));
    }

    #[test]
    fn lines_split_as_str_lines_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\n",
            "a\rb\n",
            "a\r",
            "\r\n\r\n",
            "a\n\nb",
            "a\nb\r\nc\r",
            "é\nü\r\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn splits_at_a_byte_as_split_once_does() {
        for text in ["", "#", "a#b#c", "no", "é#ü", "#x", "x#"] {
            assert_eq!(
                split_once_byte(text, b'#'),
                text.split_once('#'),
                "{text:?}"
            );
            assert_eq!(
                rsplit_once_byte(text, b'#'),
                text.rsplit_once('#'),
                "{text:?}"
            );
        }
    }
}
