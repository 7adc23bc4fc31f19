use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M` or `-P1D`.
///
/// The text is validated on the way in and kept as written, so a value read from
/// JSON is written back unchanged (`PT90M` stays `PT90M`, it does not become `PT1H30M`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    text: String,
    negative: bool,
    parsed: iso8601::Duration,
}

/// The text was not an ISO 8601 duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an ISO 8601 duration: {:?}", self.0)
    }
}

impl std::error::Error for DurationError {}

impl Duration {
    /// The duration as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the duration is negative (`-P1D`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The parsed components (years, months, days, …, or weeks).
    pub fn components(&self) -> &iso8601::Duration {
        &self.parsed
    }
}

impl FromStr for Duration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let parsed = iso8601::duration(unsigned).map_err(|_| DurationError(text.to_owned()))?;
        Ok(Duration {
            text: text.to_owned(),
            negative,
            parsed,
        })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spelling_and_rejects_garbage() {
        let d: Duration = "PT90M".parse().unwrap();
        assert_eq!(d.to_string(), "PT90M");
        assert!(!d.is_negative());
        let neg: Duration = "-P1D".parse().unwrap();
        assert!(neg.is_negative());
        assert!("90 minutes".parse::<Duration>().is_err());
        let json = serde_json::json!("P1DT2H");
        let back: Duration = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(back).unwrap(), json);
    }
}
