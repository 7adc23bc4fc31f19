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
//!
//! `Default`, `Clone` and `PartialEq` go the same way
//! ([`object_traits!`](crate::object_traits)): the members `write` lists are
//! compared, or read back into a new struct by the same `read`, through a
//! small object-safe `Member` trait, instead of a derived
//! impl per struct naming every field again (three more functions per struct
//! for rustc to type-check and borrow-check, a tenth of the generated crate's
//! check). At run time that costs a list of the members present per call.

use std::any::Any;
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

/// Implements `Default`, `Clone`, `PartialEq` and `Debug` for generated
/// structs through their [`Object`] impl.
///
/// `Default` reads an empty object (every member absent); `Clone` reads the
/// members present back through the struct's `read`, cloning each;
/// `PartialEq` compares the members present one by one (absent, `null` and a
/// value all differ) and the additional properties as maps: what the derived
/// impls do, with no per-struct code. `Debug` shows the members present, by
/// their documented names, with their JSON values; a derived impl prints
/// every member, absent ones as `None`. For structs only: the `Any…` enums
/// derive these traits (their `read` picks a variant by `@odata.type`, which
/// a copy does not carry).
#[macro_export]
macro_rules! object_traits {
    ($($name:ident),* $(,)?) => {$(
        impl ::core::default::Default for $name {
            fn default() -> Self {
                $crate::object::empty()
            }
        }
        impl ::core::clone::Clone for $name {
            fn clone(&self) -> Self {
                $crate::object::clone(self)
            }
        }
        impl ::core::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                $crate::object::eq(self, other)
            }
        }
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
        out.field(member, &Json(value.as_serialize()));
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

/// `Default::default` of every generated struct: every member absent, no
/// additional properties.
pub fn empty<T: Object>() -> T {
    // No member, so no member that fails to read.
    T::read(&mut ObjectReader {
        members: Source::Json(Map::new()),
        error: None,
    })
}

/// `Clone::clone` of every generated struct: its `read` over the members
/// `value` writes, each cloned. (Not for an `Any…` enum: see
/// [`object_traits!`](crate::object_traits).)
pub fn clone<T: Object>(value: &T) -> T {
    let written = ObjectWriter::of(value);
    let mut reader = ObjectReader {
        members: Source::Copy {
            documented: &written.members[..written.documented],
            next: 0,
            rest: written.rest,
        },
        error: None,
    };
    T::read(&mut reader)
}

/// `PartialEq::eq` of every generated struct: the same members present, in
/// order, each equal, and equal additional properties.
pub fn eq<T: Object>(a: &T, b: &T) -> bool {
    let (a, b) = (ObjectWriter::of(a), ObjectWriter::of(b));
    a.documented == b.documented
        && a.members[..a.documented]
            .iter()
            .zip(&b.members[..b.documented])
            .all(|((m, x), (n, y))| m == n && x.eq_member(*y))
        && a.rest == b.rest
}

// Generic over the deserializer only: one copy per format, not per struct.
fn read_map<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Map<String, Value>, D::Error> {
    Map::deserialize(deserializer)
}

fn read_object<T: Object>(map: Map<String, Value>) -> Result<T, MemberError> {
    let mut reader = ObjectReader {
        members: Source::Json(map),
        error: None,
    };
    let value = T::read(&mut reader);
    match reader.error {
        Some(error) => Err(error),
        None => Ok(value),
    }
}

/// The members of a JSON object being read into a generated struct (or of
/// a struct being cloned).
pub struct ObjectReader<'a> {
    members: Source<'a>,
    // The first member that could not be read; reported once the struct is built.
    error: Option<MemberError>,
}

/// Where a struct's `read` takes its members from.
enum Source<'a> {
    /// A JSON object, its members taken out by name.
    Json(Map<String, Value>),
    /// The documented members another struct of the same type wrote (the
    /// ones present, in the order `read` asks for them) and its additional
    /// properties: [`clone`].
    Copy {
        documented: &'a [(&'a str, &'a dyn Member)],
        next: usize,
        rest: Option<&'a AdditionalProperties>,
    },
}

impl ObjectReader<'_> {
    /// Takes member `name` out: absent (`None`), `null` (`Some(None)`) or a
    /// value (`Some(Some(v))`). A value that does not read as `T` is an error
    /// of the whole object.
    pub fn member<T: DeserializeOwned + Clone + 'static>(
        &mut self,
        name: &str,
    ) -> Option<Option<T>> {
        let members = match &mut self.members {
            // Nothing left to take (`Default`, or every member read): no
            // need to hash the name.
            Source::Json(members) if members.is_empty() => return None,
            Source::Json(members) => members,
            Source::Copy {
                documented, next, ..
            } => {
                // `write` skips absent members, so the next one written is
                // either this one or one `read` asks for later.
                let &(written, value) = documented.get(*next).filter(|(n, _)| *n == name)?;
                *next += 1;
                if value.as_any().is::<Null>() {
                    return Some(None);
                }
                let value = value.as_any().downcast_ref::<T>().unwrap_or_else(|| {
                    panic!("member `{written}` was written as another type than it is read as (a bug in mdbind)")
                });
                return Some(Some(value.clone()));
            }
        };
        match members.remove(name)? {
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
        let Source::Json(members) = &self.members else {
            return None;
        };
        let named = members.get("@odata.type")?.as_str()?;
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
        match &mut self.members {
            Source::Json(members) => std::mem::take(members),
            Source::Copy { rest, .. } => rest.cloned().unwrap_or_default(),
        }
    }
}

/// The members of a generated struct being written as a JSON object.
pub struct ObjectWriter<'a> {
    // The documented members present, then the additional properties.
    members: Vec<(&'a str, &'a dyn Member)>,
    // How many of `members` are documented ones.
    documented: usize,
    rest: Option<&'a AdditionalProperties>,
}

impl<'a> ObjectWriter<'a> {
    /// The members `value` writes, in documentation order.
    fn of<T: Object>(value: &'a T) -> Self {
        let mut writer = ObjectWriter {
            members: Vec::new(),
            documented: 0,
            rest: None,
        };
        value.write(&mut writer);
        if writer.rest.is_none() {
            writer.documented = writer.members.len();
        }
        writer
    }

    /// Writes member `name` unless it is absent; `Some(None)` is `null`.
    pub fn member<T: Serialize + PartialEq + 'static>(
        &mut self,
        name: &'a str,
        value: &'a Option<Option<T>>,
    ) {
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
        self.documented = self.members.len();
        self.rest = Some(rest);
        self.members
            .extend(rest.iter().map(|(k, v)| (k.as_str(), v as &dyn Member)));
    }

    fn serialize<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (name, value) in self.members {
            map.serialize_entry(name, value.as_serialize())?;
        }
        map.end()
    }
}

/// A member value as `write` lists it: serialized, compared and cloned
/// without knowing its type.
trait Member {
    /// The value, to serialize.
    fn as_serialize(&self) -> &dyn erased_serde::Serialize;
    /// The value, to downcast to its type.
    fn as_any(&self) -> &dyn Any;
    /// Whether `other` is a value of the same type, equal to this one.
    fn eq_member(&self, other: &dyn Member) -> bool;
}

impl<T: Serialize + PartialEq + 'static> Member for T {
    fn as_serialize(&self) -> &dyn erased_serde::Serialize {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn eq_member(&self, other: &dyn Member) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
}

/// A `null` member (`Some(None)`).
#[derive(PartialEq)]
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

    crate::object_traits!(Item);

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
    fn clone_keeps_absent_null_values_and_undocumented_members() {
        let item: Item = serde_json::from_value(
            json!({"size": null, "name": "a", "extra": {"b": [1]}, "id": "x"}),
        )
        .unwrap();
        let copy = item.clone();
        assert_eq!(copy.name, Some(Some("a".to_string())));
        assert_eq!(copy.size, Some(None));
        assert_eq!(copy.additional_properties, item.additional_properties);
        assert_eq!(
            serde_json::to_value(&copy).unwrap(),
            serde_json::to_value(&item).unwrap()
        );
        let empty = Item::default().clone();
        assert_eq!((empty.name, empty.size), (None, None));
        assert!(empty.additional_properties.is_empty());
        // An undocumented member spelled like an absent documented one stays
        // undocumented.
        let mut shadow = Item::default();
        shadow
            .additional_properties
            .insert("size".into(), json!("big"));
        let copy = shadow.clone();
        assert_eq!(copy.size, None);
        assert_eq!(copy.additional_properties["size"], json!("big"));
    }

    #[test]
    fn eq_tells_absent_null_and_values_apart_and_ignores_member_order() {
        let read = |value| serde_json::from_value::<Item>(value).unwrap();
        assert_eq!(read(json!({"name": "a"})), read(json!({"name": "a"})));
        assert_ne!(read(json!({"name": "a"})), read(json!({"name": "b"})));
        assert_ne!(read(json!({})), read(json!({"name": null})));
        assert_ne!(read(json!({"size": 1})), read(json!({"name": null})));
        assert_ne!(
            read(json!({"name": "a"})),
            read(json!({"name": "a", "x": 1}))
        );
        // Additional properties compare as maps, as the derived impl did.
        assert_eq!(
            read(json!({"x": 1, "y": 2, "size": 3})),
            read(json!({"y": 2, "size": 3, "x": 1}))
        );
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
