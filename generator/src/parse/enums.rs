//! Enum members listed in prose: "Possible values are: `a`, `b`, `c`."

use std::sync::LazyLock;

use regex::Regex;

static POSSIBLE_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:the\s+)?(?:possible|supported|allowed|valid)\s+values\s+(?:are|include)\b\s*:?",
    )
    .unwrap()
});
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]+`").unwrap());

/// The members a description lists, in order, without duplicates; empty when it
/// lists none. Backticked values are taken as written; otherwise a plain
/// comma-separated list of identifiers up to the end of the sentence.
pub fn possible_values(description: &str) -> Vec<String> {
    super::text::with_lowercase(description, |lower| possible_values_in(description, lower))
}

/// [`possible_values`] of a description whose lower-cased copy the caller
/// has made already (to read other phrases in it too).
pub(crate) fn possible_values_in(description: &str, lower: super::text::Lowercase) -> Vec<String> {
    // Every pattern says "values": most descriptions skip the regex.
    static VALUES: super::Phrase = super::Phrase::new("values");
    if !VALUES.is_in(lower) {
        return Vec::new();
    }
    let Some(found) = POSSIBLE_VALUES.find(description) else {
        return Vec::new();
    };
    let rest = &description[found.end()..];
    let mut values: Vec<String> = Vec::new();
    // Matches without their backticks: finding is several times cheaper
    // than capturing the group, and the group is the match less one byte
    // at either end.
    let coded: Vec<&str> = CODE
        .find_iter(rest)
        .map(|m| &m.as_str()[1..m.len() - 1])
        .collect();
    if !coded.is_empty() {
        // A backticked value is taken as written (`1st`, `a-b` are members too).
        values.extend(
            coded
                .iter()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty() && !v.contains(char::is_whitespace)),
        );
    } else {
        let sentence = rest
            .split(". ")
            .next()
            .unwrap_or(rest)
            .trim_end_matches('.');
        for item in sentence.split([',', ';']) {
            let item = item.trim();
            let item = item
                .strip_prefix("and ")
                .or_else(|| item.strip_prefix("or "))
                .unwrap_or(item)
                .trim();
            if is_member(item) {
                values.push(item.to_string());
            } else {
                break;
            }
        }
        // "valid values 4 to 16" and other prose are not enums.
        if values.len() < 2 {
            values.clear();
        }
    }
    let mut seen = rustc_hash::FxHashSet::default();
    values.retain(|v| seen.insert(v.clone()));
    values
}

fn is_member(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        && value.chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::possible_values;

    #[test]
    fn lists() {
        assert_eq!(
            possible_values(
                ". Possible values are: `registration`, `reset`, `unknownFutureValue`."
            ),
            ["registration", "reset", "unknownFutureValue"]
        );
        assert_eq!(
            possible_values("The possible values are: low, medium, high."),
            ["low", "medium", "high"]
        );
        assert_eq!(
            possible_values("Valid values are 4 to 16."),
            Vec::<String>::new()
        );
        assert_eq!(possible_values("Just text"), Vec::<String>::new());
    }
}
