//! Case-insensitive searches in doc prose, without lower-casing a copy of the
//! text first: most descriptions are searched and few contain what is looked for.

/// The byte offset of the first ASCII-case-insensitive match of `needle`
/// (ASCII, non-empty) in `haystack`.
pub fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = needle.first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start).find(|&at| {
        (hay[at] == lower || hay[at] == upper)
            && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// Whether `haystack` holds `needle` in any ASCII case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
