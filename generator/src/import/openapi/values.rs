//! The typed value a parameter or a multipart or form part holds: a scalar with its
//! constraints, an array, an enum model, or a model sent as structured text.

use serde_json::Value;

use super::Cx;
use super::document::str_of;
use super::fields::Fields;
use super::inspect::{alternative_kinds, kind_of, resolve};
use super::models::{add_inline, inline_name};
use super::schema::{self, quiet_fields};
use crate::import::yaml_writer::Node;

/// Schema keys that a parameter keeps as they are.
const KEPT: &[&str] = &[
    "type",
    "items",
    "enum",
    "default",
    "example",
    "pattern",
    "format",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "sensitive",
    "description",
    "deprecated",
];

/// Schema keys that a parameter has no place for, reported when dropped.
const LOST: &[&str] = &[
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "min_items",
    "max_items",
    "unique_items",
];

/// What a parameter or part holds, as keys of a spec parameter.
pub(super) struct Shape {
    /// `type`, `model`, `items`, constraints and documentation.
    pub keys: Fields,
    /// Whether it is a model sent as a structured value (an object or a union, not an enum):
    /// query styles `json` and `deep_object` apply to it.
    pub structured: bool,
}

/// The shape of a value of `schema` (at `pointer`): a scalar with its constraints, an array, an
/// enum model, or a model (an inline object becomes a model named by [`inline_name`] from
/// `operation` and `suffix`).
pub(super) fn shape(
    cx: &mut Cx,
    schema: &Value,
    pointer: &str,
    operation: &str,
    suffix: &str,
) -> Shape {
    let mark = cx.findings.len();
    let converted = schema::fields(cx, schema, pointer, 0);
    if let Some(model) = converted.str("ref").map(str::to_owned) {
        return model_shape(cx, schema, pointer, &model, converted);
    }
    match converted.str("type") {
        Some("string" | "integer" | "number" | "boolean" | "array") => {
            return Shape {
                keys: kept(cx, converted, pointer),
                structured: false,
            };
        }
        Some("any") => {
            cx.report(pointer, "the value has no type: imported as a string");
            let mut keys = kept(cx, converted, pointer);
            keys.set("type", Node::str("string"));
            return Shape {
                keys,
                structured: false,
            };
        }
        _ => {}
    }
    if let Some(keys) = string_union(cx, schema, pointer, &converted, true) {
        return Shape {
            keys,
            structured: false,
        };
    }
    // An object or a union written inline: a model of its own.
    cx.findings.truncate(mark);
    let doc = cx.doc;
    let resolved = resolve(doc, schema).unwrap_or(schema);
    let wanted = inline_name(resolved, pointer, operation, suffix);
    let name = add_inline(cx, resolved, pointer, &wanted);
    let mut keys = Fields::default();
    keys.set("model", Node::str(name));
    Shape {
        keys,
        structured: true,
    }
}

/// A reference to the model `model`: enum models are named, scalar models are written out (a
/// parameter is sent as its plain text), unions of strings are strings, other models are named
/// and structured.
fn model_shape(
    cx: &mut Cx,
    schema: &Value,
    pointer: &str,
    model: &str,
    converted: Fields,
) -> Shape {
    let doc = cx.doc;
    let source = resolve(doc, schema).unwrap_or(schema);
    let inner = quiet_fields(cx, source, pointer);
    let scalar = matches!(
        inner.str("type"),
        Some("string" | "integer" | "number" | "boolean")
    );
    let mut docs = converted;
    docs.remove("ref");
    if inner.get("enum").is_some() || !scalar && inner.get("one_of").is_none() {
        let structured = inner.get("enum").is_none();
        let mut keys = kept(cx, docs, pointer);
        keys.set("model", Node::str(model));
        return Shape { keys, structured };
    }
    if scalar {
        let mut keys = kept(cx, inner, pointer);
        for key in [
            "description",
            "default",
            "example",
            "deprecated",
            "sensitive",
        ] {
            if let Some(node) = docs.remove(key) {
                keys.set(key, node);
            }
        }
        return Shape {
            keys,
            structured: false,
        };
    }
    match string_union(cx, schema, pointer, &inner, false) {
        Some(mut keys) => {
            for key in ["description", "default", "example"] {
                if let Some(node) = docs.remove(key) {
                    keys.set(key, node);
                }
            }
            Shape {
                keys,
                structured: false,
            }
        }
        None => {
            let mut keys = kept(cx, docs, pointer);
            keys.set("model", Node::str(model));
            Shape {
                keys,
                structured: true,
            }
        }
    }
}

/// A union whose alternatives are all strings (`NameOrId`: a UUID or a name) is sent as a
/// string; a union written inline of a scalar and a list of the same scalar (`id` or
/// `[id, ..]`) is sent as the list, whose one-item form is the scalar on the wire (a named one
/// stays its model).
fn string_union(
    cx: &mut Cx,
    schema: &Value,
    pointer: &str,
    converted: &Fields,
    inline: bool,
) -> Option<Fields> {
    converted.get("one_of")?;
    let doc = cx.doc;
    let kinds = alternative_kinds(doc, schema)?;
    let mut keys = Fields::default();
    if let ([scalar, "array"] | ["array", scalar], true) = (kinds.as_slice(), inline) {
        let list = resolve(doc, schema)
            .and_then(|s| s.get("oneOf").or_else(|| s.get("anyOf")))
            .and_then(Value::as_array)
            .and_then(|l| l.iter().find(|v| kind_of(doc, v) == Some("array")))
            .and_then(|a| resolve(doc, a))?;
        let items = list.get("items")?;
        if kind_of(doc, items) != Some(scalar) {
            return None;
        }
        keys.set("type", Node::str("array"));
        keys.set("items", quiet_fields(cx, items, pointer).into_node());
    } else if !kinds.is_empty() && kinds.iter().all(|k| *k == "string") {
        let what = str_of(schema, "$ref")
            .and_then(|r| r.rsplit('/').next())
            .unwrap_or(pointer);
        cx.report_once(
            what,
            pointer,
            format!("`{what}`, a union of strings, is sent as a string in parameters: the alternatives' formats and patterns are not checked before sending"),
        );
        keys.set("type", Node::str("string"));
    } else {
        return None;
    }
    if let Some(d) = converted.str("description") {
        keys.set("description", Node::str(d));
    }
    Some(keys)
}

/// The keys a parameter keeps; the constraints it has no place for are reported. An exclusive
/// bound of an integer becomes the inclusive one next to it (`< 100` is `<= 99`).
fn kept(cx: &mut Cx, mut fields: Fields, pointer: &str) -> Fields {
    if fields.str("type") == Some("integer") {
        for (exclusive, inclusive, step) in [
            ("exclusive_minimum", "minimum", 1),
            ("exclusive_maximum", "maximum", -1),
        ] {
            let bound = match fields.get(exclusive) {
                Some(Node::Scalar(Value::Number(n))) => n.as_i64(),
                _ => None,
            };
            if let Some(next) = bound.and_then(|b| b.checked_add(step)) {
                fields.remove(exclusive);
                fields.set(inclusive, Node::Scalar(Value::from(next)));
            }
        }
    }
    let mut out = Fields::default();
    for key in KEPT {
        if let Some(node) = fields.remove(key) {
            out.set(key, node);
        }
    }
    for key in LOST {
        if fields.remove(key).is_some() {
            cx.report(
                pointer,
                format!("`{key}` cannot be expressed on a parameter: dropped"),
            );
        }
    }
    out
}
