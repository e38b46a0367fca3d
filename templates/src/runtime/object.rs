//! Compact serde for generated models.
//!
//! serde's derives expand to several hundred lines per struct (a field enum with three
//! visitors, a sequence visitor JSON never uses, a map visitor); over a thousand models that
//! expansion was four fifths of the generated crate's `cargo check` time. Generated models
//! instead implement `Serialize` and `Deserialize` in a few lines each over these helpers:
//! decoding reads the object as JSON (`serde_json::Map`) and takes each field from it, encoding
//! writes the fields of a map. The generic work is done here, once per field type, not once per
//! model.
//!
//! Decoding errors name the field path (`field `members`: field `role`: unknown variant`), since
//! the position in the text is not known once the object is read.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A JSON object being decoded into a model: fields are taken out one by one. `E` is the
/// deserializer's error type, fixed once so that no call needs to infer it.
#[derive(Debug)]
pub struct Object<E> {
    fields: Map<String, Value>,
    error: PhantomData<fn() -> E>,
}

impl<E: de::Error> Object<E> {
    /// Reads a JSON object; anything else is an error naming `what` was expected.
    pub fn decode<'de, D: Deserializer<'de, Error = E>>(
        deserializer: D,
        what: &'static str,
    ) -> Result<Self, E> {
        match Value::deserialize(deserializer)? {
            Value::Object(fields) => Ok(Self {
                fields,
                error: PhantomData,
            }),
            other => Err(de::Error::custom(format!(
                "expected {what} (a JSON object), found {}",
                kind(&other)
            ))),
        }
    }

    /// Takes the field `key`, which must be present (it may be `null` when `T` is an
    /// `Option`).
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, E> {
        match self.fields.remove(key) {
            Some(value) => decode_field(key, value),
            None => Err(E::missing_field(key)),
        }
    }

    /// Takes the field `key`; absent and `null` are both `None`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<Option<T>, E> {
        match self.fields.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode_field(key, value).map(Some),
        }
    }

    /// The fields not taken yet, for a model that keeps the keys it does not declare.
    pub fn rest<T: DeserializeOwned>(self) -> Result<BTreeMap<String, T>, E> {
        self.fields
            .into_iter()
            .map(|(key, value)| decode_field(&key, value).map(|decoded| (key, decoded)))
            .collect()
    }

    /// Ends decoding of a model that refuses keys it does not declare (a union variant that
    /// forbids other keys: refusing them is how the union tells its variants apart).
    pub fn deny_unknown(self, fields: &'static [&'static str]) -> Result<(), E> {
        match self.fields.keys().next() {
            Some(key) => Err(E::unknown_field(key, fields)),
            None => Ok(()),
        }
    }
}

fn decode_field<T: DeserializeOwned, E: de::Error>(key: &str, value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(|error| E::custom(format!("field `{key}`: {error}")))
}

/// A model being encoded as a JSON object.
pub struct ObjectWriter<M> {
    map: M,
}

impl<M: SerializeMap> ObjectWriter<M> {
    /// Starts writing an object.
    pub fn new<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, M::Error> {
        Ok(Self {
            map: serializer.serialize_map(None)?,
        })
    }

    /// Writes a field that is always present.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }

    /// Writes an optional field when it is set.
    pub fn optional<T: Serialize>(&mut self, key: &str, value: Option<&T>) -> Result<(), M::Error> {
        match value {
            Some(value) => self.map.serialize_entry(key, value),
            None => Ok(()),
        }
    }

    /// Writes the keys a model kept beyond the ones it declares.
    pub fn rest<T: Serialize>(&mut self, rest: &BTreeMap<String, T>) -> Result<(), M::Error> {
        rest.iter()
            .try_for_each(|(key, value)| self.map.serialize_entry(key, value))
    }

    /// Ends the object.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// Decodes the first of several shapes that accepts `value` (an untagged union; validation
/// proved that no earlier shape accepts everything a later one does). `attempts` are tried in
/// order; each returns `None` when the value is not of its shape.
pub fn first_match<T, E: de::Error>(
    value: &Value,
    what: &'static str,
    attempts: &[fn(&Value) -> Option<T>],
) -> Result<T, E> {
    attempts
        .iter()
        .find_map(|attempt| attempt(value))
        .ok_or_else(|| {
            E::custom(format!(
                "{} matches none of the shapes of {what}",
                kind(value)
            ))
        })
}

/// Decodes `value` as `T`, or `None` when it is not of `T`'s shape: one attempt of
/// [`first_match`].
pub fn attempt<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Reads any JSON value, for [`first_match`].
pub fn any_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Value::deserialize(deserializer)
}

/// A short description of a JSON value's kind, for messages.
fn kind(value: &Value) -> impl Display {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Member {
        name: String,
        role: Option<String>,
        rest: BTreeMap<String, Value>,
    }

    impl<'de> Deserialize<'de> for Member {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut object = Object::decode(deserializer, "a Member")?;
            Ok(Self {
                name: object.required("name")?,
                role: object.optional("role")?,
                rest: object.rest()?,
            })
        }
    }

    impl Serialize for Member {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = ObjectWriter::new(serializer)?;
            object.field("name", &self.name)?;
            object.optional("role", self.role.as_ref())?;
            object.rest(&self.rest)?;
            object.end()
        }
    }

    #[test]
    fn fields_round_trip_and_extra_keys_are_kept() -> Result<(), serde_json::Error> {
        let text = r#"{"name":"ada","role":null,"team":"core","since":2019}"#;
        let member: Member = serde_json::from_str(text)?;
        assert_eq!(member.name, "ada");
        assert_eq!(member.role, None);
        assert_eq!(member.rest.len(), 2);
        assert_eq!(
            serde_json::to_value(&member)?,
            serde_json::json!({"name": "ada", "team": "core", "since": 2019})
        );
        Ok(())
    }

    #[test]
    fn errors_name_the_field_and_what_was_expected() {
        let missing = serde_json::from_str::<Member>(r#"{"role":"x"}"#).map(drop);
        assert!(missing.is_err_and(|e| e.to_string().contains("missing field `name`")));
        let wrong = serde_json::from_str::<Member>(r#"{"name":3}"#).map(drop);
        assert!(wrong.is_err_and(|e| e.to_string().contains("field `name`: invalid type")));
        let not_object = serde_json::from_str::<Member>("[1]").map(drop);
        assert!(
            not_object.is_err_and(|e| e.to_string().contains("expected a Member (a JSON object)"))
        );
    }

    /// One way to read a union of a flag and a name.
    type Attempt = fn(&Value) -> Option<(bool, String)>;

    #[test]
    fn unions_take_the_first_shape_that_matches() {
        let attempts: &[Attempt] = &[
            |v| attempt::<bool>(v).map(|b| (b, String::new())),
            |v| attempt::<String>(v).map(|s| (false, s)),
        ];
        let decoded: Result<_, serde_json::Error> =
            first_match(&serde_json::json!("x"), "a flag or a name", attempts);
        assert!(matches!(decoded, Ok((false, name)) if name == "x"));
        let none: Result<(bool, String), serde_json::Error> =
            first_match(&serde_json::json!(1), "a flag or a name", attempts);
        assert!(none.is_err_and(|e| e.to_string().contains("a number matches none")));
    }
}
