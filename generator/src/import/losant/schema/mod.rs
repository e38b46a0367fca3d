//! JSON Schema (draft-07, as Losant publishes it) to the spec format's schemas.
//!
//! Conversions that are not fixes (the data is right, the format says it differently):
//! - `type: [a, b, null]` -> `one_of` of `a` and `b` (each with the keys that apply to it) and
//!   `nullable: true`; `type: [a, null]` -> `type: a` and `nullable: true`.
//! - `oneOf`/`anyOf` of schemas -> `one_of`: nested `oneOf` lists are flattened, `{type: null}`
//!   becomes `nullable`, and alternatives that are all strings are merged into one string
//!   (serde cannot tell two strings apart, so the second would never be chosen): accepted
//!   values are united, patterns are joined with `|`. Objects that all fix one property to
//!   distinct values (`blockType: [graph]`) get that property as `discriminator`.
//! - `anyOf`/`oneOf` of `required` lists (one of several sets of fields is required): the
//!   fields every set names are `required: true`; the rest is said in the description.
//! - `patternProperties` -> `values` of a `map` (no declared properties) or
//!   `additional_properties` (with properties), the pattern as `key_pattern`; an object that
//!   declares nothing is a `map` of any values, so that nothing is dropped on decode.

mod fields;
mod keys;
mod object;
mod union;

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::fixes::{self, show};
use super::report::{Loc, Report};
use super::sensitive;
use super::source::kind;
use crate::import::yaml_writer::{Entry, Node};
pub use fields::Fields;
use fields::{any, flag};
use union::union_key;

/// Converts schemas, reporting what it cannot express.
pub struct Transcriber<'a> {
    /// Every model name, to check references.
    pub models: &'a BTreeSet<String>,
    /// Where problems and fixes go.
    pub report: &'a mut Report,
}

impl Transcriber<'_> {
    /// A whole schema (a model, a property, an item) with its fix comments. `property` is the
    /// JSON name when the schema is an object's property.
    pub fn schema(&mut self, value: Value, at: &Loc, property: Option<&str>) -> Entry {
        let (fields, comments) = self.fields(value, at, property);
        Entry {
            node: fields.finish(),
            comments,
        }
    }

    /// The keys of a schema, not yet ordered, and its fix comments.
    pub fn fields(
        &mut self,
        value: Value,
        at: &Loc,
        property: Option<&str>,
    ) -> (Fields, Vec<String>) {
        let mut out = Fields::default();
        let mut s = match value {
            Value::Object(s) => s,
            Value::Bool(true) => {
                out.set("type", Node::str("any"));
                return (out, Vec::new());
            }
            other => {
                self.report.unexpressed(
                    at,
                    format!("a schema must be an object, found {}", kind(&other)),
                );
                out.set("type", Node::str("any"));
                return (out, Vec::new());
            }
        };
        let mut comments = fixes::take_comments(&mut s);
        s.remove("$schema");
        for (from, to) in [("title", "title"), ("description", "description")] {
            if let Some(value) = s.remove(from) {
                match value {
                    Value::String(text) => out.set(to, Node::str(text)),
                    other => self.report.unexpressed(
                        &at.child(from),
                        format!("expected text, found {}", kind(&other)),
                    ),
                }
            }
        }
        if property.is_some_and(sensitive::is_secret) {
            out.set("sensitive", flag());
        }
        if let Some(reference) = s.remove("$ref") {
            self.reference(&reference, &at.child("$ref"), &mut out);
        } else if let Some(key) = union_key(&s) {
            self.union(key, &mut s, at, &mut out, &mut comments);
        } else if let Some(all) = s.remove("allOf") {
            self.all_of(all, &at.child("allOf"), &mut out);
        } else {
            self.typed(&mut s, at, &mut out);
        }
        if !["type", "ref", "one_of", "all_of"]
            .iter()
            .any(|k| out.has(k))
        {
            // Every shape above either sets one of these or reported why it could not.
            out.set("type", Node::str("any"));
        }
        self.extras(&mut s, &mut out);
        for (key, value) in s {
            self.report.unexpressed(
                &at.child(&key),
                format!(
                    "`{key}: {}` has no counterpart in the spec format",
                    show(&value)
                ),
            );
        }
        (out, comments)
    }

    fn reference(&mut self, reference: &Value, at: &Loc, out: &mut Fields) {
        let name = reference
            .as_str()
            .and_then(|r| r.strip_prefix("#/definitions/"));
        match name {
            Some(name) if self.models.contains(name) => out.set("ref", Node::str(name)),
            _ => {
                self.report.unexpressed(
                    at,
                    format!("`$ref: {}` names no published schema", show(reference)),
                );
                out.set("type", Node::str("any"));
            }
        }
    }

    fn all_of(&mut self, all: Value, at: &Loc, out: &mut Fields) {
        let Value::Array(list) = all else {
            self.report.unexpressed(at, "`allOf` is not a list");
            return;
        };
        let items = list
            .into_iter()
            .enumerate()
            .map(|(i, v)| self.schema(v, &at.index(i), None))
            .collect();
        out.set("all_of", Node::Seq(items));
    }

    /// A schema with a `type` (or none): scalars, arrays, objects, and lists of types.
    fn typed(&mut self, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
        let mut types = match s.remove("type") {
            None => infer_types(s),
            Some(Value::String(t)) => vec![t],
            Some(Value::Array(list)) => list
                .into_iter()
                .filter_map(|t| match t {
                    Value::String(t) => Some(t),
                    other => {
                        self.report.unexpressed(
                            &at.child("type"),
                            format!("a type must be text, found {}", show(&other)),
                        );
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.report.unexpressed(
                    &at.child("type"),
                    format!("a type must be text or a list, found {}", show(&other)),
                );
                Vec::new()
            }
        };
        if let Some(Value::Array(values)) = s.get_mut("enum") {
            let before = values.len();
            values.retain(|v| !v.is_null());
            if values.len() < before && !types.iter().any(|t| t == "null") {
                types.push("null".into());
            }
        }
        let nullable = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        dedup(&mut types);
        if nullable {
            out.set("nullable", flag());
        }
        match types.as_slice() {
            [] if nullable => {
                self.report
                    .unexpressed(at, "a schema that only accepts null");
                out.set("type", Node::str("any"));
            }
            [] => out.set("type", Node::str("any")),
            [one] => {
                let one = one.clone();
                self.single(&one, s, at, out);
            }
            many => {
                let many = many.to_vec();
                self.several(&many, s, at, out);
            }
        }
    }

    /// `type: [a, b]`: one `one_of` variant per type, each with the keys that apply to it.
    fn several(
        &mut self,
        types: &[String],
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
    ) {
        let shared = s.clone();
        let mut used = BTreeSet::new();
        let mut items = Vec::new();
        for ty in types {
            let mut copy = shared.clone();
            if let Some(Value::Array(values)) = copy.get_mut("enum") {
                values.retain(|v| json_type_fits(ty, v));
                if values.is_empty() {
                    copy.remove("enum");
                    used.insert("enum".to_owned());
                }
            }
            let mut fields = Fields::default();
            self.single(ty, &mut copy, at, &mut fields);
            used.extend(shared.keys().filter(|k| !copy.contains_key(*k)).cloned());
            items.push(Entry::from(fields.finish()));
        }
        for key in used {
            s.remove(&key);
        }
        out.set("one_of", Node::Seq(items));
    }

    /// One type and the keys that apply to it (removed from `s`).
    fn single(&mut self, ty: &str, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
        match ty {
            "string" => {
                out.set("type", Node::str("string"));
                self.copy(s, at, out, &[("format", "format"), ("pattern", "pattern")]);
                self.limits(
                    s,
                    at,
                    out,
                    &[("minLength", "min_length"), ("maxLength", "max_length")],
                );
                self.values(s, at, out, ty);
            }
            "integer" | "number" => {
                out.set("type", Node::str(ty));
                self.copy(s, at, out, &[("format", "format")]);
                self.numbers(
                    s,
                    at,
                    out,
                    &[
                        ("minimum", "minimum"),
                        ("maximum", "maximum"),
                        ("exclusiveMinimum", "exclusive_minimum"),
                        ("exclusiveMaximum", "exclusive_maximum"),
                        ("multipleOf", "multiple_of"),
                    ],
                );
                self.values(s, at, out, ty);
            }
            "boolean" => {
                out.set("type", Node::str("boolean"));
                self.values(s, at, out, ty);
            }
            "array" => {
                out.set("type", Node::str("array"));
                self.limits(
                    s,
                    at,
                    out,
                    &[("minItems", "min_items"), ("maxItems", "max_items")],
                );
                if let Some(unique) = s.remove("uniqueItems") {
                    if unique == Value::Bool(true) {
                        out.set("unique_items", flag());
                    }
                }
                let items = match s.remove("items") {
                    Some(items @ Value::Object(_)) => self.schema(items, &at.child("items"), None),
                    Some(other) => {
                        self.report.unexpressed(
                            &at.child("items"),
                            format!("tuple `items` ({}) has no counterpart", kind(&other)),
                        );
                        Entry::from(any())
                    }
                    None => Entry::from(any()),
                };
                out.set("items", items);
            }
            "object" => self.object(s, at, out),
            other => {
                self.report
                    .unexpressed(&at.child("type"), format!("unknown type `{other}`"));
                out.set("type", Node::str("any"));
            }
        }
    }
}

/// The types a schema without `type` has, from its other keys.
fn infer_types(s: &Map<String, Value>) -> Vec<String> {
    if let Some(Value::Array(values)) = s.get("enum") {
        let mut types: Vec<String> = values.iter().map(|v| json_type(v).to_owned()).collect();
        dedup(&mut types);
        return types;
    }
    let has = |keys: &[&str]| keys.iter().any(|k| s.contains_key(*k));
    if has(&[
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "minProperties",
        "maxProperties",
    ]) {
        vec!["object".into()]
    } else if has(&["items", "minItems", "maxItems", "uniqueItems"]) {
        vec!["array".into()]
    } else if has(&["minLength", "maxLength", "pattern", "format"]) {
        vec!["string".into()]
    } else if has(&["minimum", "maximum", "multipleOf"]) {
        vec!["number".into()]
    } else {
        Vec::new()
    }
}

fn dedup(types: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    types.retain(|t| seen.insert(t.clone()));
}

/// The JSON Schema type of a value (`integer` for whole numbers).
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `value` is a value of type `ty`.
pub(super) fn json_type_fits(ty: &str, value: &Value) -> bool {
    let actual = json_type(value);
    actual == ty || (ty == "number" && actual == "integer")
}

#[cfg(test)]
mod tests;
