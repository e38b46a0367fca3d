//! Schemas: the shape of models, properties, parameters and bodies, with their constraints as
//! structured values.

use serde_json::Value;

use super::Origin;

/// The shape of a value and what is documented about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// What kind of value it is, with its kind's constraints.
    pub kind: SchemaKind,
    /// Display name in the docs.
    pub title: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// The `name:` given to an inline object, enum or union (a type-name hint for emitters).
    pub name: Option<String>,
    /// Whether `null` is accepted too.
    pub nullable: bool,
    /// Set by the server.
    pub read_only: bool,
    /// Sent by the client, never returned.
    pub write_only: bool,
    /// Whether the docs mark it deprecated.
    pub deprecated: bool,
    /// A secret: never printed by `Debug`, in errors or in logs.
    pub sensitive: bool,
    /// The documented default (what the server assumes when absent).
    pub default: Option<Value>,
    /// A documented example.
    pub example: Option<Value>,
    /// Where it was written.
    pub origin: Origin,
}

impl Schema {
    /// A schema of `kind` with nothing else documented.
    pub fn new(kind: SchemaKind, origin: Origin) -> Self {
        Self {
            kind,
            title: None,
            description: None,
            name: None,
            nullable: false,
            read_only: false,
            write_only: false,
            deprecated: false,
            sensitive: false,
            default: None,
            example: None,
            origin,
        }
    }

    /// The model this schema refers to, when it is a reference.
    pub fn reference(&self) -> Option<&str> {
        match &self.kind {
            SchemaKind::Ref(name) => Some(name),
            _ => None,
        }
    }
}

/// The kinds of values.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaKind {
    /// Any JSON value.
    Any,
    /// A string.
    String(StringType),
    /// A whole number.
    Integer {
        /// Limits and format.
        constraints: NumberConstraints,
        /// The accepted values, in doc order; empty when any number is accepted.
        values: Vec<i64>,
    },
    /// Any number.
    Number {
        /// Limits and format.
        constraints: NumberConstraints,
        /// The accepted values, in doc order; empty when any number is accepted.
        values: Vec<f64>,
    },
    /// `true` or `false`.
    Boolean {
        /// The accepted values (`[true]` for a flag that is always set); empty for both.
        values: Vec<bool>,
    },
    /// A JSON array.
    Array(ArrayType),
    /// A JSON object: declared properties, other keys, or both (a map has no properties).
    Object(ObjectType),
    /// A named model of the same API.
    Ref(String),
    /// Exactly one of several shapes.
    OneOf(OneOf),
    /// Every one of several object shapes at once: their properties merge.
    AllOf(Vec<Schema>),
}

/// A string and its constraints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringType {
    /// Format hint (`date-time`, `email`, `uri`, …).
    pub format: Option<String>,
    /// A regular expression the value matches.
    pub pattern: Option<String>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// The accepted values, in doc order; empty when any string is accepted.
    pub values: Vec<String>,
}

/// Limits of a number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NumberConstraints {
    /// Format hint (`int32`, `int64`, `double`, …).
    pub format: Option<String>,
    /// Smallest value.
    pub minimum: Option<f64>,
    /// Largest value.
    pub maximum: Option<f64>,
    /// Every value is greater than this.
    pub exclusive_minimum: Option<f64>,
    /// Every value is less than this.
    pub exclusive_maximum: Option<f64>,
    /// Every value is a multiple of this.
    pub multiple_of: Option<f64>,
}

/// An array and its constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrayType {
    /// The element's shape.
    pub items: Box<Schema>,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// Whether items are distinct.
    pub unique_items: bool,
}

/// An object and its constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectType {
    /// The declared properties, in doc order.
    pub properties: Vec<Property>,
    /// Keys beyond the declared ones.
    pub additional: Additional,
    /// A regular expression the other keys match.
    pub key_pattern: Option<String>,
    /// Fewest keys.
    pub min_properties: Option<u64>,
    /// Most keys.
    pub max_properties: Option<u64>,
}

/// What an object says about keys beyond its declared properties.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// Nothing documented: other keys may appear, and clients may ignore them.
    Unspecified,
    /// No other keys (`additional_properties: false`).
    Forbidden,
    /// Other keys with values of this shape, which a client keeps (`additional_properties`
    /// with a schema, `true` as [`SchemaKind::Any`], or a `map`'s `values`).
    Allowed(Box<Schema>),
}

/// A declared property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The JSON name.
    pub name: String,
    /// Its shape.
    pub schema: Schema,
    /// Whether it is always present.
    pub required: bool,
    /// The `rust_name` override, when given.
    pub rust_name: Option<String>,
}

/// A union of shapes.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOf {
    /// The shapes, in doc order; at least two (one shape plus `null` is a nullable schema).
    pub variants: Vec<Schema>,
    /// How the variants are told apart, when documented.
    pub discriminator: Option<Discriminator>,
}

/// A property whose value names the variant of a [`OneOf`].
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// The JSON property (`blockType`).
    pub property: String,
    /// Tag value -> index of the variant, for every variant, in variant order (a variant may
    /// have several values).
    pub mapping: Vec<(String, usize)>,
}
