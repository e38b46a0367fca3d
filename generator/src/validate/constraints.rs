//! Which schema keys fit which kind of schema: `min_length` on an integer is a mistake the
//! generated client would silently ignore, so it is reported with the key that fits.

use std::path::Path;

use super::Cx;
use super::schema::Place;
use crate::diagnostics::Pos;
use crate::load::spec::{Schema, SchemaType};

/// The key that gives a schema its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindKey {
    /// `type:`
    Type(SchemaType),
    /// `ref:`
    Ref,
    /// `one_of:`
    OneOf,
    /// `all_of:`
    AllOf,
}

/// The limits a parameter can state (it has no item or key limits of its own).
const PARAMETER_LIMITS: &[&str] = &["min_length", "max_length", "minimum", "maximum"];

/// Reports every key of `s` that does not apply to its kind (given by `kind` at `kind_pos`) or
/// to where it is written.
pub fn check(cx: &mut Cx, file: &Path, s: &Schema, kind: KindKey, kind_pos: Pos, place: Place) {
    for (key, pos) in given_keys(s) {
        let at = pos.unwrap_or(kind_pos);
        if matches!(key, "required" | "rust_name") {
            if place != Place::Property {
                cx.error(
                    file,
                    at,
                    format!("`{key}` only means something on a property of an object"),
                    match key {
                        "required" => "remove it; parameters say `required` on the parameter",
                        _ => "remove it; `name` names an inline shape's type",
                    },
                );
            }
            continue;
        }
        if applies(key, kind) {
            continue;
        }
        let fit = counterpart(key, kind)
            .filter(|fit| place != Place::Parameter || PARAMETER_LIMITS.contains(fit));
        let help = match fit {
            Some(fit) => format!("use `{fit}` {}", meaning(fit)),
            None => match kind {
                KindKey::Ref => "the model says what its values hold: put it there, or remove it"
                    .to_owned(),
                KindKey::OneOf => "put it on the variants it applies to, or remove it".to_owned(),
                KindKey::AllOf if key == "properties" => {
                    "add the properties as one more `all_of` entry: `{type: object, properties: \
                     ...}`"
                        .to_owned()
                }
                KindKey::AllOf => "put it on the `all_of` entries, or remove it".to_owned(),
                KindKey::Type(_) => "remove it, or change the `type`".to_owned(),
            },
        };
        cx.error(
            file,
            at,
            format!("`{key}` does not apply to {}", describe(kind)),
            help,
        );
    }
}

/// The keys of `s` that only some kinds take, with their position when they keep one.
fn given_keys(s: &Schema) -> Vec<(&'static str, Option<Pos>)> {
    let mut out = Vec::new();
    let mut given = |key: &'static str, present: bool, pos: Option<Pos>| {
        if present {
            out.push((key, pos));
        }
    };
    given("properties", s.properties.is_some(), None);
    given(
        "additional_properties",
        s.additional_properties.is_some(),
        s.additional_properties.as_ref().map(|a| a.pos),
    );
    given("key_pattern", s.key_pattern.is_some(), None);
    given("min_properties", s.min_properties.is_some(), None);
    given("max_properties", s.max_properties.is_some(), None);
    given("items", s.items.is_some(), None);
    given("min_items", s.min_items.is_some(), None);
    given("max_items", s.max_items.is_some(), None);
    given("unique_items", s.unique_items.is_some(), None);
    given("values", s.values.is_some(), None);
    given(
        "enum",
        s.values_enum.is_some(),
        s.values_enum.as_ref().map(|v| v.pos),
    );
    given("format", s.format.is_some(), None);
    given("pattern", s.pattern.is_some(), None);
    given("min_length", s.min_length.is_some(), None);
    given("max_length", s.max_length.is_some(), None);
    given("minimum", s.minimum.is_some(), None);
    given("maximum", s.maximum.is_some(), None);
    given("exclusive_minimum", s.exclusive_minimum.is_some(), None);
    given("exclusive_maximum", s.exclusive_maximum.is_some(), None);
    given("multiple_of", s.multiple_of.is_some(), None);
    given(
        "discriminator",
        s.discriminator.is_some(),
        s.discriminator.as_ref().map(|d| d.pos),
    );
    given(
        "required",
        s.required.is_some(),
        s.required.as_ref().map(|r| r.pos),
    );
    given(
        "rust_name",
        s.rust_name.is_some(),
        s.rust_name.as_ref().map(|r| r.pos),
    );
    out
}

/// Whether `key` means something on a schema of `kind`.
fn applies(key: &str, kind: KindKey) -> bool {
    use SchemaType::*;
    let KindKey::Type(ty) = kind else {
        return key == "discriminator" && kind == KindKey::OneOf;
    };
    match key {
        "properties" | "additional_properties" => ty == Object,
        "key_pattern" | "min_properties" | "max_properties" => matches!(ty, Object | Map),
        "items" | "min_items" | "max_items" | "unique_items" => ty == Array,
        "values" => ty == Map,
        "enum" => matches!(ty, String | Integer | Number | Boolean),
        "format" => matches!(ty, String | Integer | Number),
        "pattern" | "min_length" | "max_length" => ty == String,
        "minimum" | "maximum" | "exclusive_minimum" | "exclusive_maximum" | "multiple_of" => {
            matches!(ty, Integer | Number)
        }
        _ => false,
    }
}

/// The key that says for `kind` what `key` says for another kind (`min_length` on an integer
/// is `minimum`).
fn counterpart(key: &str, kind: KindKey) -> Option<&'static str> {
    use SchemaType::*;
    let KindKey::Type(ty) = kind else {
        return None;
    };
    let lower = matches!(
        key,
        "min_length" | "min_items" | "minimum" | "min_properties" | "exclusive_minimum"
    );
    let upper = matches!(
        key,
        "max_length" | "max_items" | "maximum" | "max_properties" | "exclusive_maximum"
    );
    match (ty, lower, upper) {
        (String, true, _) => Some("min_length"),
        (String, _, true) => Some("max_length"),
        (Array, true, _) => Some("min_items"),
        (Array, _, true) => Some("max_items"),
        (Integer | Number, true, _) => Some("minimum"),
        (Integer | Number, _, true) => Some("maximum"),
        (Object | Map, true, _) => Some("min_properties"),
        (Object | Map, _, true) => Some("max_properties"),
        _ => match (key, ty) {
            ("additional_properties", Map) => Some("values"),
            ("values", Object) => Some("additional_properties"),
            _ => None,
        },
    }
}

/// What a key that [`counterpart`] suggests means, for the help line.
fn meaning(key: &str) -> &'static str {
    match key {
        "min_length" => "(the fewest characters)",
        "max_length" => "(the most characters)",
        "min_items" => "(the fewest items)",
        "max_items" => "(the most items)",
        "minimum" => "(the smallest value)",
        "maximum" => "(the largest value)",
        "min_properties" => "(the fewest keys)",
        "max_properties" => "(the most keys)",
        "values" => "(the schema of a map's values)",
        _ => "(the schema of the keys beyond `properties`)",
    }
}

fn describe(kind: KindKey) -> String {
    match kind {
        KindKey::Type(ty) => format!("`type: {}`", type_name(ty)),
        KindKey::Ref => "a `ref`".into(),
        KindKey::OneOf => "a `one_of`".into(),
        KindKey::AllOf => "an `all_of`".into(),
    }
}

/// The spelling of a schema type in the spec.
pub fn type_name(ty: SchemaType) -> &'static str {
    match ty {
        SchemaType::String => "string",
        SchemaType::Integer => "integer",
        SchemaType::Number => "number",
        SchemaType::Boolean => "boolean",
        SchemaType::Object => "object",
        SchemaType::Array => "array",
        SchemaType::Map => "map",
        SchemaType::Null => "null",
        SchemaType::Any => "any",
    }
}
