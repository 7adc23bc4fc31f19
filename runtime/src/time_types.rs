//! Edm date and time types as values of the `time` crate, for bindings
//! generated with `DateTimeCrate::Time` (feature `time`). Each is a newtype so
//! that it reads and writes the OData text form (RFC 3339 and ISO 8601), which
//! `time`'s own serde impls do not use; it derefs to the `time` value.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident($inner:ty), $parse:expr, $format:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub $inner);

        impl Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }

        impl From<$inner> for $name {
            fn from(value: $inner) -> Self {
                $name(value)
            }
        }

        impl std::str::FromStr for $name {
            type Err = time::error::Parse;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let parse: fn(&str) -> Result<$inner, time::error::Parse> = $parse;
                parse(text).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let format: fn(&$inner) -> Result<String, time::error::Format> = $format;
                f.write_str(&format(&self.0).map_err(|_| fmt::Error)?)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

text_newtype!(
    /// `Edm.DateTimeOffset` as `time::OffsetDateTime`, RFC 3339 on the wire.
    DateTimeOffset(time::OffsetDateTime),
    |t| time::OffsetDateTime::parse(t, &Rfc3339),
    |v| v.format(&Rfc3339)
);

text_newtype!(
    /// `Edm.Date` as `time::Date`, `YYYY-MM-DD` on the wire.
    Date(time::Date),
    |t| time::Date::parse(t, format_description!("[year]-[month]-[day]")),
    |v| v.format(format_description!("[year]-[month]-[day]"))
);

text_newtype!(
    /// `Edm.TimeOfDay` as `time::Time`, `hh:mm:ss[.fffffff]` on the wire.
    TimeOfDay(time::Time),
    |t| time::Time::parse(t, format_description!("[hour]:[minute]:[second][optional [.[subsecond]]]")),
    |v| v.format(format_description!("[hour]:[minute]:[second][optional [.[subsecond]]]"))
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_text_round_trips() {
        let json = serde_json::json!("2016-12-31T23:58:34.1704434+00:00");
        let instant: DateTimeOffset = serde_json::from_value(json).unwrap();
        assert_eq!(instant.year(), 2016);
        let back = serde_json::to_value(instant).unwrap();
        let again: DateTimeOffset = serde_json::from_value(back).unwrap();
        assert_eq!(again, instant);
        let date: Date = serde_json::from_value(serde_json::json!("2021-07-16")).unwrap();
        assert_eq!(
            serde_json::to_value(date).unwrap(),
            serde_json::json!("2021-07-16")
        );
        let at: TimeOfDay = serde_json::from_value(serde_json::json!("08:30:00")).unwrap();
        assert_eq!(at.hour(), 8);
        assert!(serde_json::from_value::<DateTimeOffset>(serde_json::json!("yesterday")).is_err());
    }
}
