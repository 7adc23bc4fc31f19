use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value of a flags enum: a set of members, written `"a,b"` on the wire.
///
/// `T` is the generated enum (which keeps members the docs never listed in
/// its `Other` variant). Members keep the order they were read in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Flags<T>(pub Vec<T>);

impl<T> Default for Flags<T> {
    fn default() -> Self {
        Flags(Vec::new())
    }
}

impl<T: PartialEq> Flags<T> {
    /// Whether `member` is set.
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }
}

impl<T: AsRef<str>> fmt::Display for Flags<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = self.0.iter().map(AsRef::as_ref).collect();
        f.write_str(&parts.join(","))
    }
}

impl<T: AsRef<str>> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, T: From<String>> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Flags(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| T::from(s.to_string()))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::Flags;

    #[test]
    fn comma_separated_members() {
        let flags: Flags<String> = serde_json::from_value(serde_json::json!("x86,arm64")).unwrap();
        assert_eq!(flags.0, ["x86", "arm64"]);
        assert!(flags.contains(&"arm64".to_string()));
        assert_eq!(
            serde_json::to_value(&flags).unwrap(),
            serde_json::json!("x86,arm64")
        );
        let none: Flags<String> = serde_json::from_value(serde_json::json!("")).unwrap();
        assert!(none.0.is_empty());
    }
}
