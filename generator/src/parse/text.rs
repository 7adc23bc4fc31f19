//! Case-insensitive searches in doc prose, without lower-casing a copy of the
//! text first: most descriptions are searched and few contain what is looked for;
//! markup taken out of a cell without copying a cell that has none.

use std::borrow::Cow;

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

/// The byte offset of the first ASCII-case-insensitive match of `needle`
/// (ASCII, non-empty) in `haystack`.
///
/// Candidates are found by the needle's least common letter in either case
/// (`memchr2`, many bytes at a time), not by testing every position: the
/// searched descriptions are long and rarely match.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut offset = 0;
    for i in 1..needle.len() {
        if RARITY[usize::from(needle[i])] > RARITY[usize::from(needle[offset])] {
            offset = i;
        }
    }
    let b = *needle.get(offset)?;
    let (lower, upper) = (b.to_ascii_lowercase(), b.to_ascii_uppercase());
    // The anchor byte of a match starting at `at` is at `at + offset`.
    let anchors = &hay[offset..=last_start + offset];
    memchr::memchr2_iter(lower, upper, anchors)
        .find(|&at| hay[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// How rare each byte is in English prose, in either case: letters from
/// most to least common rank 1 to 26, anything else (digits, spaces,
/// punctuation) 0, as common. A table, as it is read for every search.
const RARITY: [u8; 256] = {
    let by_frequency = b"etaoinshrdlcumwfgypbvkjxqz";
    let mut table = [0; 256];
    let mut i = 0;
    while i < by_frequency.len() {
        let letter = by_frequency[i];
        table[letter as usize] = i as u8 + 1;
        table[letter.to_ascii_uppercase() as usize] = i as u8 + 1;
        i += 1;
    }
    table
};

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

/// Whether `haystack` holds `needle` in any ASCII case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
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
        assert_eq!(
            find_ignore_case("x Inherited From y", "inherited from"),
            Some(2)
        );
        assert_eq!(find_ignore_case("FROM from", "from"), Some(0));
        assert_eq!(find_ignore_case("é from", "from"), Some(3));
        assert_eq!(find_ignore_case("fro", "from"), None);
        assert_eq!(find_ignore_case("", "from"), None);
        assert!(contains_ignore_case("Possible VALUES are", "values"));
        assert!(!contains_ignore_case("value", "values"));
        assert_eq!(find_ignore_case("vvv VALUES", "values"), Some(4));
        assert_eq!(find_ignore_case("Open Type", "open type"), Some(0));
    }

    #[test]
    fn agrees_with_searching_a_lowercased_copy() {
        let text = "Inherited from directoryObject. Possible values are: `open`, `code`, \
                    `fromTo`; see the Open Type FROM the VALUES list, é then from";
        for needle in ["inherited from", "from", "values", "open type", "code", "e"] {
            for start in 0..=text.len() {
                let Some(hay) = text.get(start..) else {
                    continue;
                };
                assert_eq!(
                    find_ignore_case(hay, needle),
                    hay.to_ascii_lowercase().find(needle),
                    "{needle:?} in {hay:?}"
                );
            }
        }
    }
}
