use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `Edm.Binary`: bytes, carried in JSON as standard base64 text.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

impl Serialize for Binary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Binary {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Binary)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        let json = serde_json::json!("aGVsbG8=");
        let bytes: Binary = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(bytes.0, b"hello");
        assert_eq!(serde_json::to_value(&bytes).unwrap(), json);
        assert!(serde_json::from_value::<Binary>(serde_json::json!("not base64!")).is_err());
    }
}
