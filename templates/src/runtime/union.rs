//! Unions chosen by a tag property (`blockType`, `type`): generated `Serialize` and
//! `Deserialize` impls call these, so that each union's impls stay a few lines long.
//!
//! Decoding reads the whole object, picks the variant by the tag's value and decodes the
//! variant from the same object (a variant's own fields may include the tag); an object with an
//! unknown tag, or none, is kept whole by the generated `Unknown` variant. Encoding writes the
//! variant's fields and sets the tag to the variant's value.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{Error as _, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A decoded object and the value of its tag property, when that is a string.
pub type Tagged = (Option<String>, Map<String, Value>);

/// Reads an object and the string value of its `property`, if any.
pub fn split_tagged<'de, D: Deserializer<'de>>(
    deserializer: D,
    property: &str,
) -> Result<Tagged, D::Error> {
    let object = Map::<String, Value>::deserialize(deserializer)?;
    let tag = match object.get(property) {
        Some(Value::String(tag)) => Some(tag.clone()),
        _ => None,
    };
    Ok((tag, object))
}

/// Decodes a variant from the object its tag chose.
pub fn tagged_variant<T: DeserializeOwned, E: de::Error>(
    object: Map<String, Value>,
) -> Result<T, E> {
    serde_json::from_value(Value::Object(object)).map_err(E::custom)
}

/// Encodes `value` (an object) with `property` set to `tag`.
pub fn serialize_tagged<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    property: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut encoded = serde_json::to_value(value).map_err(S::Error::custom)?;
    match &mut encoded {
        Value::Object(object) => {
            object.insert(property.to_owned(), Value::String(tag.to_owned()));
        }
        _ => {
            return Err(S::Error::custom(format!(
                "a `{property}` variant must encode as a JSON object"
            )));
        }
    }
    encoded.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Bar {
        width: f64,
    }

    #[derive(Debug, PartialEq)]
    enum Block {
        Bar(Bar),
        Unknown(Map<String, Value>),
    }

    impl Serialize for Block {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Self::Bar(value) => serialize_tagged(serializer, "blockType", "bar", value),
                Self::Unknown(object) => object.serialize(serializer),
            }
        }
    }

    impl<'de> Deserialize<'de> for Block {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (tag, object) = split_tagged(deserializer, "blockType")?;
            match tag.as_deref() {
                Some("bar") => tagged_variant(object).map(Self::Bar),
                _ => Ok(Self::Unknown(object)),
            }
        }
    }

    #[test]
    fn the_tag_chooses_and_unknown_tags_are_kept() -> Result<(), serde_json::Error> {
        let bar: Block = serde_json::from_str(r#"{"blockType":"bar","width":2}"#)?;
        assert_eq!(bar, Block::Bar(Bar { width: 2.0 }));
        assert_eq!(
            serde_json::to_value(&bar)?,
            serde_json::json!({"blockType": "bar", "width": 2.0})
        );
        let graph = r#"{"blockType":"graph","config":{"series":[1,2]}}"#;
        let unknown: Block = serde_json::from_str(graph)?;
        assert!(matches!(&unknown, Block::Unknown(o) if o.len() == 2));
        assert_eq!(
            serde_json::to_value(&unknown)?,
            serde_json::from_str::<Value>(graph)?
        );
        assert!(serde_json::from_str::<Block>(r#"{"blockType":"bar"}"#).is_err());
        Ok(())
    }
}
