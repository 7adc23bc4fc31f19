//! snake_case and UpperCamelCase of documented names: heck's conversions,
//! with ASCII names (all but a handful) split and cased byte by byte.
//!
//! Why not heck alone: heck writes every character through a formatter
//! (`write!("{}", c.to_lowercase())`), which made case conversion about 4 % of
//! a whole run's instructions on the beta corpus. Names are split into words
//! exactly as heck splits them (its `transform`, restated for ASCII), and a
//! test compares both conversions with heck's on every string of up to six
//! characters drawn from each kind of character that matters to the split.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `name` in snake_case, as heck writes it.
pub fn snake_case(name: &str) -> String {
    if !name.is_ascii() {
        return name.to_snake_case();
    }
    let mut out = String::with_capacity(name.len() + 4);
    ascii_words(name, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// `name` in UpperCamelCase, as heck writes it.
pub fn upper_camel_case(name: &str) -> String {
    if !name.is_ascii() {
        return name.to_upper_camel_case();
    }
    let mut out = String::with_capacity(name.len());
    ascii_words(name, |word| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    });
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lowercase,
    Uppercase,
}

/// The words heck splits ASCII `name` into, in order: runs of letters and
/// digits, split before an upper-case letter that follows a lower-case one
/// (`fooBar`) and before the last of several upper-case letters followed by
/// a lower-case one (`HTTPServer` → `HTTP`, `Server`); a digit keeps the case
/// of what came before it.
fn ascii_words(name: &str, mut word: impl FnMut(&str)) {
    for run in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = run.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&run[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                word(&run[start..i + 1]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase()
            {
                word(&run[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to `len` characters from `alphabet`.
    fn all_strings(alphabet: &[char], len: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..len {
            last = last
                .iter()
                .flat_map(|s| {
                    alphabet.iter().map(move |c| {
                        let mut next = s.clone();
                        next.push(*c);
                        next
                    })
                })
                .collect();
            out.extend(last.iter().cloned());
        }
        out
    }

    #[test]
    fn agrees_with_heck_on_every_short_string() {
        // A lower-case and an upper-case letter each twice (runs of one case
        // and changes of case), a digit, and two separators.
        let strings = all_strings(&['a', 'b', 'X', 'Y', '7', '_', '.'], 6);
        assert_eq!(strings.len(), 137_257);
        for s in &strings {
            assert_eq!(snake_case(s), s.to_snake_case(), "{s:?}");
            assert_eq!(upper_camel_case(s), s.to_upper_camel_case(), "{s:?}");
        }
    }

    #[test]
    fn agrees_with_heck_on_documented_spellings() {
        for s in [
            "displayName",
            "@odata.type",
            "HTTPRequestHeader",
            "microsoft.graph.callRecords",
            "ipv6Range",
            "IPv6Range",
            "OAuth2PermissionGrant",
            "x-ms-client-request-id",
            "iOSManagedAppProtection",
            "windows10EndpointProtectionConfiguration",
            "ABC",
            "ünïcode Näme",
        ] {
            assert_eq!(snake_case(s), s.to_snake_case(), "{s:?}");
            assert_eq!(upper_camel_case(s), s.to_upper_camel_case(), "{s:?}");
        }
    }
}
