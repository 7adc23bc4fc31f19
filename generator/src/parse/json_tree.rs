//! JSON as the docs write it (example bodies, JSON representations,
//! annotation comments): members in written order, held in a form cheaper to
//! build and keep than `serde_json::Value` with `preserve_order`.
//!
//! Every example body of a docs folder is read and held until the schema is
//! built (tens of thousands on a large one). As a `Value` each object is an
//! index map with its own hash table and hasher, and each node 80 bytes; here
//! an object is one boxed slice of members and a node 24 bytes, sized once
//! from a stack of the members read so far. It reads and writes like a
//! `Value`: a key written twice keeps its first place and its last value, and
//! it serializes to the same text.

use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Number, Value};

/// A JSON value; objects keep their members in the order written.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(Box<str>),
    Array(Box<[Json]>),
    Object(Box<[(Box<str>, Json)]>),
}

impl Json {
    /// An object's member `key`; `None` for a missing key or a non-object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    pub fn as_object(&self) -> Option<&[(Box<str>, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The same value as a `serde_json::Value`, for what takes one.
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(text) => Value::String(text.to_string()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// Compact JSON text, as `Value`'s `Display` writes it.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(text) => serializer.serialize_str(text),
            Json::Array(items) => serializer.collect_seq(items.iter()),
            Json::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members.iter() {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> de::Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        Read(&mut Stacks::default()).deserialize(deserializer)
    }
}

/// The items and members of the arrays and objects still open, innermost
/// last: each is boxed at its exact size once it closes.
#[derive(Default)]
struct Stacks {
    items: Vec<Json>,
    members: Vec<(Box<str>, Json)>,
}

impl Stacks {
    /// Adds a member to `object`; a key already there gets the new value in
    /// its old place (as `Value` does).
    fn add_member(&mut self, object: &mut Object, key: Box<str>, value: Json) {
        let members = &mut self.members[object.start..];
        let found = match &object.index {
            Some(index) => index.get(&key).copied(),
            None => members.iter().position(|(k, _)| *k == key),
        };
        if let Some(i) = found {
            members[i].1 = value;
            return;
        }
        let position = members.len();
        match &mut object.index {
            Some(index) => {
                index.insert(key.clone(), position);
            }
            None if position >= SCANNED_MEMBERS => {
                let mut index: FxHashMap<Box<str>, usize> = members
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.clone(), i))
                    .collect();
                index.insert(key.clone(), position);
                object.index = Some(index);
            }
            None => {}
        }
        self.members.push((key, value));
    }
}

/// Up to this many members a repeated key is looked for by comparing keys
/// (docs' objects are small); a larger object gets an index of its keys, so
/// that an object of many members is not read in quadratic time.
const SCANNED_MEMBERS: usize = 32;

/// The object being read: where its members start on the stack and, once
/// it has more than [`SCANNED_MEMBERS`], the position of each key.
struct Object {
    start: usize,
    index: Option<FxHashMap<Box<str>, usize>>,
}

impl Object {
    fn starting_at(start: usize) -> Self {
        Object { start, index: None }
    }
}

/// Reads one value, its arrays' items and objects' members on the stacks.
struct Read<'s>(&'s mut Stacks);

impl<'de> DeserializeSeed<'de> for Read<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Read<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        // As `Value` reads it: a float JSON cannot hold is null.
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v.into_boxed_str()))
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let start = self.0.items.len();
        while let Some(item) = seq.next_element_seed(Read(&mut *self.0))? {
            self.0.items.push(item);
        }
        Ok(Json::Array(self.0.items.drain(start..).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut object = Object::starting_at(self.0.members.len());
        while let Some(key) = map.next_key::<Box<str>>()? {
            let value = map.next_value_seed(Read(&mut *self.0))?;
            self.0.add_member(&mut object, key, value);
        }
        Ok(Json::Object(self.0.members.drain(object.start..).collect()))
    }
}

/// Builds objects member by member where the value is not read by serde
/// (the lenient reader's tree), with the same rule for a repeated key.
pub(super) struct ObjectBuilder(Stacks, Object);

impl Default for ObjectBuilder {
    fn default() -> Self {
        ObjectBuilder(Stacks::default(), Object::starting_at(0))
    }
}

impl ObjectBuilder {
    pub(super) fn insert(&mut self, key: Box<str>, value: Json) {
        self.0.add_member(&mut self.1, key, value);
    }

    pub(super) fn finish(self) -> Json {
        Json::Object(self.0.members.into_boxed_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that exercise every kind, nesting, escapes, numbers of each
    /// sort and a repeated key.
    const SAMPLES: &[&str] = &[
        r#"{"a": 1, "b": [true, null, -2, 3.5, 1e300, 18446744073709551615], "c": {"d": "é\n\"x\""}}"#,
        r#"[{"k": 1, "k2": 2, "k": 3}, [], {}, [[{"z": []}]], "\ud83d\ude00"]"#,
        r##"{"value": [{"@odata.type": "#x.y", "id": "1"}, {"id": "2"}], "@odata.nextLink": "u"}"##,
        r#""text""#,
        "0",
    ];

    #[test]
    fn reads_and_writes_as_value_does() {
        for text in SAMPLES {
            let json: Json = serde_json::from_str(text).unwrap();
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(json.to_value(), value, "{text}");
            assert_eq!(json.to_string(), value.to_string(), "{text}");
            assert_eq!(
                serde_json::to_string_pretty(&json).unwrap(),
                serde_json::to_string_pretty(&value).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let json: Json = serde_json::from_str(r#"{"a": 1, "b": 2, "a": {"c": 3}}"#).unwrap();
        assert_eq!(json.to_string(), r#"{"a":{"c":3},"b":2}"#);
        assert_eq!(
            json.get("a").and_then(|a| a.get("c")),
            Some(&Json::Number(3.into()))
        );
        assert_eq!(json.get("z"), None);
        assert_eq!(Json::Null.get("a"), None);
    }

    #[test]
    fn a_large_object_finds_its_repeated_keys_by_index() {
        // Past the scanned size the keys are indexed: same result as `Value`,
        // whichever side of that size the repeats fall.
        let mut members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        for i in [0, 5, 31, 32, 33, 99] {
            members.push(format!("\"k{i}\": \"again {i}\""));
        }
        members.push("\"k0\": \"last\"".to_string());
        let text = format!("{{{}}}", members.join(", "));
        let json: Json = serde_json::from_str(&text).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json.to_string(), value.to_string());
        assert_eq!(json.as_object().map(<[_]>::len), Some(100));
        assert_eq!(json.get("k0").and_then(Json::as_str), Some("last"));
        assert_eq!(json.get("k33").and_then(Json::as_str), Some("again 33"));
    }

    #[test]
    fn nested_containers_keep_their_own_items() {
        let json: Json = serde_json::from_str(r#"[1, [2, {"x": [3, 4], "y": 5}], 6]"#).unwrap();
        let items = json.as_array().unwrap();
        assert_eq!(items.len(), 3);
        let inner = items[1].as_array().unwrap();
        assert_eq!(inner.len(), 2);
        let object = inner[1].as_object().unwrap();
        assert_eq!(object.len(), 2);
        assert_eq!(object[0].1.as_array().map(<[Json]>::len), Some(2));
        assert_eq!(json.to_string(), "[1,[2,{\"x\":[3,4],\"y\":5}],6]");
    }
}
