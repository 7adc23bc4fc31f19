//! How generated structs are read from and written to JSON objects.
//!
//! `#[derive(Serialize, Deserialize)]` with a flattened map of undocumented
//! members expands to a large visitor per struct, generic over every
//! serializer and deserializer it meets; for the ~3,000 types of a real API
//! that expansion is most of what the generated crate costs to compile.
//! Instead each generated struct implements [`Object`]: two plain functions that
//! name its members once each, with no generics of their own. The (de)serializer
//! generics live here, once for all structs, and each member's type is
//! (de)serialized through its own impl, once per type rather than once per use.
//!
//! Reading goes through a `serde_json` map: the object is read whole, its
//! documented members are taken out by name, and what is left is kept as the
//! struct's additional properties. That costs a little more at run time than a
//! streaming visitor and needs a self-describing format (JSON, YAML, …), which
//! is what Graph payloads are.

use std::fmt;

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::AdditionalProperties;

/// A generated struct, read from and written to a JSON object member by member.
pub trait Object: Sized {
    /// Builds the struct from the members of `object` (taking out the ones it
    /// documents; the rest become its additional properties).
    fn read(object: &mut ObjectReader) -> Self;
    /// Lists the members to write, in documentation order.
    fn write<'a>(&'a self, object: &mut ObjectWriter<'a>);
}

/// Implements `serde::Serialize` and `serde::Deserialize` for generated
/// structs through their [`Object`] impl.
#[macro_export]
macro_rules! object_serde {
    ($($name:ty),* $(,)?) => {$(
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::object::serialize(self, serializer)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::object::deserialize(deserializer)
            }
        }
    )*};
}

/// Implements `serde::Serialize` and `serde::Deserialize` for generated enums
/// of string values through their `as_str` and `From<String>`.
#[macro_export]
macro_rules! string_enum_serde {
    ($($name:ty),* $(,)?) => {$(
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::object::read_string(deserializer).map(Self::from)
            }
        }
    )*};
}

/// Implements `Debug` for generated structs through their [`Object`] impl:
/// the members present, by their documented names, with their JSON values.
///
/// Not `#[derive(Debug)]`: a derived impl prints every member, absent ones as
/// `None`, and for the thousands of structs of a real API it was one of the
/// larger costs of checking the generated crate.
#[macro_export]
macro_rules! object_debug {
    ($($name:ident),* $(,)?) => {$(
        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                $crate::object::debug(self, ::core::stringify!($name), f)
            }
        }
    )*};
}

/// `Debug::fmt` of every generated struct: `Name { "member": json, … }`.
pub fn debug<T: Object>(value: &T, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for (member, value) in ObjectWriter::of(value).members {
        out.field(member, &Json(value));
    }
    out.finish()
}

/// A member value shown as its JSON text.
struct Json<'a>(&'a dyn erased_serde::Serialize);

impl fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self.0) {
            Ok(text) => f.write_str(&text),
            Err(error) => write!(f, "<{error}>"),
        }
    }
}

/// `Deserialize::deserialize` of every generated string enum.
pub fn read_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer)
}

/// `Serialize::serialize` of every generated struct.
pub fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    ObjectWriter::of(value).serialize(serializer)
}

/// `Deserialize::deserialize` of every generated struct.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let map = read_map(deserializer)?;
    read_object(map).map_err(D::Error::custom)
}

// Generic over the deserializer only: one copy per format, not per struct.
fn read_map<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Map<String, Value>, D::Error> {
    Map::deserialize(deserializer)
}

fn read_object<T: Object>(map: Map<String, Value>) -> Result<T, MemberError> {
    let mut reader = ObjectReader {
        members: map,
        error: None,
    };
    let value = T::read(&mut reader);
    match reader.error {
        Some(error) => Err(error),
        None => Ok(value),
    }
}

/// The members of a JSON object being read into a generated struct.
pub struct ObjectReader {
    members: Map<String, Value>,
    // The first member that could not be read; reported once the struct is built.
    error: Option<MemberError>,
}

impl ObjectReader {
    /// Takes member `name` out: absent (`None`), `null` (`Some(None)`) or a
    /// value (`Some(Some(v))`). A value that does not read as `T` is an error
    /// of the whole object.
    pub fn member<T: DeserializeOwned>(&mut self, name: &str) -> Option<Option<T>> {
        match self.members.remove(name)? {
            Value::Null => Some(None),
            value => match serde_json::from_value(value) {
                Ok(value) => Some(Some(value)),
                Err(error) => {
                    self.error.get_or_insert(MemberError {
                        member: name.to_string(),
                        error,
                    });
                    None
                }
            },
        }
    }

    /// Which of `types` (qualified names, e.g. `microsoft.graph.user`) the
    /// object's `@odata.type` names: the index of the exact spelling, else of
    /// the first equal with ASCII case ignored (as Graph reads it); `None`
    /// without `@odata.type` or when it names none of them.
    pub fn odata_type(&self, types: &[&str]) -> Option<usize> {
        let named = self.members.get("@odata.type")?.as_str()?;
        let named = named.strip_prefix('#').unwrap_or(named);
        types
            .iter()
            .position(|t| *t == named)
            .or_else(|| types.iter().position(|t| t.eq_ignore_ascii_case(named)))
    }

    /// The object read as `T`, boxed: a variant of a polymorphic `Any…` enum
    /// (the variant's type picks `T`).
    pub fn variant<T: Object>(&mut self) -> Box<T> {
        Box::new(T::read(self))
    }

    /// The members no documented property took: the additional properties.
    pub fn rest(&mut self) -> AdditionalProperties {
        std::mem::take(&mut self.members)
    }
}

/// The members of a generated struct being written as a JSON object.
pub struct ObjectWriter<'a> {
    members: Vec<(&'a str, &'a dyn erased_serde::Serialize)>,
}

impl<'a> ObjectWriter<'a> {
    /// The members `value` writes, in documentation order.
    fn of<T: Object>(value: &'a T) -> Self {
        let mut writer = ObjectWriter {
            members: Vec::new(),
        };
        value.write(&mut writer);
        writer
    }

    /// Writes member `name` unless it is absent; `Some(None)` is `null`.
    pub fn member<T: Serialize>(&mut self, name: &'a str, value: &'a Option<Option<T>>) {
        match value {
            None => {}
            Some(None) => self.members.push((name, &Null)),
            Some(Some(value)) => self.members.push((name, value)),
        }
    }

    /// Writes the members of a polymorphic `Any…` enum's variant.
    // A `&Box<T>` (what matching on the enum binds) so that `T` is inferred;
    // with `&T` it would be taken as the `Box` itself.
    #[allow(clippy::borrowed_box)]
    pub fn variant<T: Object>(&mut self, value: &'a Box<T>) {
        value.write(self)
    }

    /// Writes the additional properties after the documented members.
    pub fn rest(&mut self, rest: &'a AdditionalProperties) {
        self.members.extend(
            rest.iter()
                .map(|(k, v)| (k.as_str(), v as &dyn erased_serde::Serialize)),
        );
    }

    fn serialize<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (name, value) in self.members {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

struct Null;

impl Serialize for Null {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }
}

/// A member whose value does not read as its documented type.
#[derive(Debug)]
struct MemberError {
    member: String,
    error: serde_json::Error,
}

impl fmt::Display for MemberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "member `{}`: {}", self.member, self.error)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Object, ObjectReader, ObjectWriter};
    use crate::AdditionalProperties;

    #[derive(Default, PartialEq)]
    struct Item {
        name: Option<Option<String>>,
        size: Option<Option<i64>>,
        additional_properties: AdditionalProperties,
    }

    impl Object for Item {
        fn read(object: &mut ObjectReader) -> Self {
            Self {
                name: object.member("name"),
                size: object.member("size"),
                additional_properties: object.rest(),
            }
        }
        fn write<'a>(&'a self, object: &mut ObjectWriter<'a>) {
            object.member("name", &self.name);
            object.member("size", &self.size);
            object.rest(&self.additional_properties);
        }
    }
    crate::object_serde!(Item);

    #[test]
    fn absent_null_value_and_undocumented_members_round_trip() {
        let json = json!({"name": null, "size": 7, "@odata.type": "#x.item", "extra": [1]});
        let item: Item = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(item.name, Some(None));
        assert_eq!(item.size, Some(Some(7)));
        assert_eq!(item.additional_properties.len(), 2);
        assert_eq!(serde_json::to_value(&item).unwrap(), json);
        // Absent stays absent.
        let empty: Item = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Item::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }

    crate::object_debug!(Item);

    #[test]
    fn debug_shows_the_members_present_as_json() {
        let item: Item =
            serde_json::from_value(json!({"name": "a \"b\"", "size": null, "extra": [1]})).unwrap();
        assert_eq!(
            format!("{item:?}"),
            r#"Item { name: "a \"b\"", size: null, extra: [1] }"#
        );
        assert_eq!(format!("{:?}", Item::default()), "Item");
    }

    #[test]
    fn a_member_of_the_wrong_type_is_an_error_naming_it() {
        let error = serde_json::from_value::<Item>(json!({"size": "big"})).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("member `size`: invalid type: string"),
            "{error}"
        );
        assert!(serde_json::from_value::<Item>(json!([1])).is_err());
    }

    /// A polymorphic enum as mdbind writes one: a variant per type, each read
    /// and written through `variant`.
    #[derive(Debug, PartialEq)]
    enum AnyItem {
        Item(Box<Item>),
        Other(Box<Item>),
    }

    impl Object for AnyItem {
        fn read(object: &mut ObjectReader) -> Self {
            match object.odata_type(&["x.other"]) {
                Some(0) => Self::Other(object.variant()),
                _ => Self::Item(object.variant()),
            }
        }
        fn write<'a>(&'a self, object: &mut ObjectWriter<'a>) {
            match self {
                Self::Item(value) => object.variant(value),
                Self::Other(value) => object.variant(value),
            }
        }
    }
    crate::object_serde!(AnyItem);

    #[test]
    fn a_variant_reads_and_writes_as_its_own_type() {
        let other = json!({"@odata.type": "#X.Other", "size": 2});
        let read: AnyItem = serde_json::from_value(other.clone()).unwrap();
        assert!(matches!(&read, AnyItem::Other(item) if item.size == Some(Some(2))));
        assert_eq!(serde_json::to_value(&read).unwrap(), other);
        let plain: AnyItem = serde_json::from_value(json!({"name": "a"})).unwrap();
        assert!(matches!(plain, AnyItem::Item(_)));
    }
}
