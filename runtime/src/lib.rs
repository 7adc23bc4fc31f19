//! Support code shared by everything mdbind generates, so that generated modules
//! stay small and readable (as `prost` is to `prost-build`).
//!
//! # Edm type mapping
//!
//! | OData (`Edm.*`) | Rust |
//! |---|---|
//! | `String` | [`String`] |
//! | `Boolean` | [`bool`] |
//! | `Byte` / `SByte` | [`u8`] / [`i8`] |
//! | `Int16` / `Int32` / `Int64` | [`i16`] / [`i32`] / [`i64`] |
//! | `Single` / `Double` / `Decimal` | [`f64`] (an `f32` would change values the docs give) |
//! | `DateTimeOffset` | [`DateTimeOffset`] (`chrono::DateTime<FixedOffset>`) |
//! | `Date` | [`Date`] (`chrono::NaiveDate`) |
//! | `TimeOfDay` | [`TimeOfDay`] (`chrono::NaiveTime`) |
//! | `Duration` | [`Duration`] (ISO 8601 text, validated) |
//! | `Guid` | [`Guid`] (`uuid::Uuid`) |
//! | `Binary` / `Stream` | [`Binary`] (base64 on the wire) |
//! | `Json`, `Untyped` | [`serde_json::Value`] |
//!
//! With feature `time` (and `mdbind::Builder::date_time(DateTimeCrate::Time)`),
//! `Edm.DateTimeOffset`, `Edm.Date` and `Edm.TimeOfDay` are the `time`
//! crate's values instead, through the `time_types` module.
//!
//! A date-time, GUID or number read from JSON is written back in its canonical
//! spelling (`2016-12-31T23:58:34.1704434+00:00` becomes
//! `2016-12-31T23:58:34.170443400+00:00`): the same value, another spelling.

mod binary;
mod compare;
mod duration;
mod error;
mod flags;
pub mod mock;
mod not_implemented;
pub mod object;
mod page;
pub mod replay;
mod request;
mod response;
pub mod route;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "time")]
pub mod time_types;
mod tristate;

pub use binary::Binary;
pub use compare::same_json;
pub use duration::{Duration, DurationError};
pub use error::{ErrorBody, ErrorDetail, GraphError};
pub use flags::Flags;
pub use not_implemented::NotImplemented;
pub use object::{Object, ObjectReader, ObjectWriter};
pub use page::Page;
pub use request::{HttpRequest, ODataQuery, Operation, OperationSpec, Permission, PermissionKind};
pub use response::{Empty, Response};
pub use tristate::Tristate;

pub use chrono;
pub use serde_json;
#[cfg(feature = "time")]
pub use time;
pub use uuid;

/// `Edm.DateTimeOffset`: an instant with the offset it was written with.
pub type DateTimeOffset = chrono::DateTime<chrono::FixedOffset>;
/// `Edm.Date`: a calendar date without time zone.
pub type Date = chrono::NaiveDate;
/// `Edm.TimeOfDay`: a time of day without date or time zone.
pub type TimeOfDay = chrono::NaiveTime;
/// `Edm.Guid`.
pub type Guid = uuid::Uuid;

/// Members of a JSON object that the documentation does not list. Every generated
/// struct keeps one of these so that a round trip loses nothing.
pub type AdditionalProperties = serde_json::Map<String, serde_json::Value>;

/// Reads `value` as a `T` (or a [`Page`] of them when `collection`) and writes
/// it back as JSON: the round trip every generated type must survive.
pub fn reserialize<T>(
    value: serde_json::Value,
    collection: bool,
) -> Result<serde_json::Value, serde_json::Error>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    if collection {
        serde_json::to_value(serde_json::from_value::<Page<T>>(value)?)
    } else {
        serde_json::to_value(serde_json::from_value::<T>(value)?)
    }
}
