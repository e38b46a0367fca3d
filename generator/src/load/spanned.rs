//! Wrappers that the node deserializer treats specially: [`Spanned`] keeps a value's position
//! for later diagnostics, [`Item`] lets one broken list entry fail alone.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};

use crate::diagnostics::Pos;

pub(crate) const SPANNED_MAGIC: &str = "$__spec_spanned";
pub(crate) const ITEM_MAGIC: &str = "$__spec_item";
pub(crate) const EITHER_MAGIC: &str = "$__spec_scalar_or_map";

/// A value and where it was written. Compares and hashes by value only.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub value: T,
}

impl<T> Spanned<T> {
    /// A value at `pos`.
    pub fn new(pos: Pos, value: T) -> Self {
        Self { pos, value }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<T: Hash> Hash for Spanned<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<T: Default> Default for Spanned<T> {
    fn default() -> Self {
        Self {
            pos: Pos::default(),
            value: T::default(),
        }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let line: usize = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("no line"))?;
                let col: usize = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("no column"))?;
                let value: T = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::custom("no value"))?;
                Ok(Spanned {
                    pos: Pos { line, col },
                    value,
                })
            }

            // Other deserializers (serde_json in tests) know nothing of positions.
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(|value| Spanned {
                    pos: Pos::default(),
                    value,
                })
            }
        }

        deserializer.deserialize_newtype_struct(SPANNED_MAGIC, SpannedVisitor(PhantomData))
    }
}

/// An entry that is read on its own: when it is broken, its problems are recorded and it is
/// `None`, and the entries around it are still read. Only meaningful with the node
/// deserializer, which records problems as they happen.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemVisitor<T> {
            type Value = Item<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an entry")
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                // The node deserializer has already recorded why it failed.
                Ok(Item(T::deserialize(d).ok()))
            }
        }

        deserializer.deserialize_newtype_struct(ITEM_MAGIC, ItemVisitor(PhantomData))
    }
}

/// A value written either as a scalar or a list (`S`) or as a mapping (`M`), e.g. a scope entry
/// (`org.get` or `{all_of: [a, b]}`) or `additional_properties` (`false` or a schema). The node
/// deserializer picks the side by the node's kind, so both sides keep their own diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub enum ScalarOrMap<S, M> {
    /// Written as a scalar or a list.
    Scalar(S),
    /// Written as a mapping.
    Map(M),
}

impl<'de, S: Deserialize<'de>, M: Deserialize<'de>> Deserialize<'de> for ScalarOrMap<S, M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EitherVisitor<S, M>(PhantomData<(S, M)>);

        impl<'de, S: Deserialize<'de>, M: Deserialize<'de>> Visitor<'de> for EitherVisitor<S, M> {
            type Value = ScalarOrMap<S, M>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a mapping")
            }

            fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
                use de::VariantAccess;
                let (side, access): (String, _) = data.variant()?;
                if side == "map" {
                    access.newtype_variant().map(ScalarOrMap::Map)
                } else {
                    access.newtype_variant().map(ScalarOrMap::Scalar)
                }
            }
        }

        deserializer.deserialize_newtype_struct(EITHER_MAGIC, EitherVisitor(PhantomData))
    }
}

impl<S: JsonSchema, M: JsonSchema> JsonSchema for ScalarOrMap<S, M> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}_or_{}", S::schema_name(), M::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let scalar = generator.subschema_for::<S>();
        let map = generator.subschema_for::<M>();
        schemars::json_schema!({ "anyOf": [scalar, map] })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// Both wrappers are invisible in the JSON Schema: they describe the wrapped value.
macro_rules! transparent_schema {
    ($wrapper:ident) => {
        impl<T: JsonSchema> JsonSchema for $wrapper<T> {
            fn inline_schema() -> bool {
                T::inline_schema()
            }
            fn schema_name() -> Cow<'static, str> {
                T::schema_name()
            }
            fn schema_id() -> Cow<'static, str> {
                T::schema_id()
            }
            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                T::json_schema(generator)
            }
        }
    };
}

transparent_schema!(Spanned);
transparent_schema!(Item);
