//! Schemas with a `type` (or whose keys imply one): scalars with their constraints and enums,
//! objects with their properties and other keys, arrays.

use serde_json::{Map, Value};

use super::Cx;
use super::document::{child, object, str_of};
use super::fields::Fields;
use super::schema::{Used, fields};
use crate::import::yaml_writer::{Entry, Node};

/// A schema with a `type` (or whose type its keys imply).
pub(super) fn typed(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    used.mark("type");
    let mut types: Vec<&str> = match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => inferred_type(obj).into_iter().collect(),
    };
    let nullable = types.len() > 1 && types.contains(&"null");
    types.retain(|t| *t != "null" || !nullable);
    if types.is_empty()
        && obj
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e == &[Value::Null])
    {
        used.mark("enum");
        types.push("null");
    }
    let mut out = match types.as_slice() {
        [] => {
            let mut out = Fields::default();
            out.set("type", Node::str("any"));
            out
        }
        [only] => typed_one(cx, obj, only, pointer, depth, used),
        several => {
            let members = several
                .iter()
                .map(|t| Entry::from(typed_one(cx, obj, t, pointer, depth, used).into_node()))
                .collect();
            let mut out = Fields::default();
            out.set("one_of", Node::Seq(members));
            out
        }
    };
    if nullable {
        out.set("nullable", Node::Scalar(Value::Bool(true)));
    }
    out
}

/// The type that a schema without `type` implies by its keys.
fn inferred_type(obj: &Map<String, Value>) -> Option<&'static str> {
    let has = |keys: &[&str]| keys.iter().any(|k| obj.contains_key(*k));
    if has(&[
        "properties",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
    ]) {
        return Some("object");
    }
    if has(&["items", "minItems", "maxItems", "uniqueItems"]) {
        return Some("array");
    }
    let values = obj
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(obj.get("const"));
    for value in values {
        match value {
            Value::String(_) => return Some("string"),
            Value::Bool(_) => return Some("boolean"),
            Value::Number(n) if n.is_i64() || n.is_u64() => return Some("integer"),
            Value::Number(_) => return Some("number"),
            _ => {}
        }
    }
    if has(&["pattern", "minLength", "maxLength"]) {
        return Some("string");
    }
    if has(&[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ]) {
        return Some("number");
    }
    None
}

fn typed_one(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    ty: &str,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    let mut out = Fields::default();
    match ty {
        "string" => {
            out.set("type", Node::str("string"));
            copy_str(obj, "format", "format", &mut out, used);
            copy_str(obj, "pattern", "pattern", &mut out, used);
            copy_count(cx, obj, pointer, "minLength", "min_length", &mut out, used);
            copy_count(cx, obj, pointer, "maxLength", "max_length", &mut out, used);
        }
        "integer" | "number" => {
            out.set("type", Node::str(ty));
            copy_str(obj, "format", "format", &mut out, used);
            numeric_limits(cx, obj, pointer, &mut out, used);
        }
        "boolean" => out.set("type", Node::str("boolean")),
        "object" => return object_fields(cx, obj, pointer, depth, used),
        "array" => return array_fields(cx, obj, pointer, depth, used),
        "null" => {
            cx.report(
                pointer,
                "a schema that accepts only `null` cannot be expressed: imported as `type: any`",
            );
            out.set("type", Node::str("any"));
            return out;
        }
        other => {
            cx.report(
                &child(pointer, "type"),
                format!("a schema of type `{other}` cannot be expressed: imported as `type: any`"),
            );
            out.set("type", Node::str("any"));
            return out;
        }
    }
    enum_values(obj, &mut out, used);
    out
}

fn copy_str(
    obj: &Map<String, Value>,
    key: &'static str,
    spec: &'static str,
    out: &mut Fields,
    used: &mut Used,
) {
    if let Some(text) = obj.get(key).and_then(Value::as_str) {
        used.mark(key);
        out.set(spec, Node::str(text));
    }
}

fn copy_count(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    key: &'static str,
    spec: &'static str,
    out: &mut Fields,
    used: &mut Used,
) {
    let Some(value) = obj.get(key) else { return };
    used.mark(key);
    match value.as_u64() {
        Some(n) => out.set(spec, Node::Scalar(Value::from(n))),
        None => cx.report(
            &child(pointer, key),
            format!("`{key}` is not a whole number: dropped"),
        ),
    }
}

fn copy_number(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    key: &'static str,
    spec: &'static str,
    out: &mut Fields,
    used: &mut Used,
) {
    let Some(value) = obj.get(key) else { return };
    used.mark(key);
    if value.is_number() {
        out.set(spec, Node::Scalar(value.clone()));
    } else {
        cx.report(
            &child(pointer, key),
            format!("`{key}` is not a number: dropped"),
        );
    }
}

/// Limits of numbers; OpenAPI 3.0's boolean `exclusiveMinimum` turns `minimum` exclusive.
fn numeric_limits(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    out: &mut Fields,
    used: &mut Used,
) {
    for (bound, exclusive, spec, spec_exclusive) in [
        (
            "minimum",
            "exclusiveMinimum",
            "minimum",
            "exclusive_minimum",
        ),
        (
            "maximum",
            "exclusiveMaximum",
            "maximum",
            "exclusive_maximum",
        ),
    ] {
        match obj.get(exclusive) {
            Some(Value::Bool(flag)) => {
                used.mark(exclusive);
                let target = if *flag { spec_exclusive } else { spec };
                copy_number(cx, obj, pointer, bound, target, out, used);
            }
            _ => {
                copy_number(cx, obj, pointer, bound, spec, out, used);
                copy_number(cx, obj, pointer, exclusive, spec_exclusive, out, used);
            }
        }
    }
    copy_number(cx, obj, pointer, "multipleOf", "multiple_of", out, used);
}

/// `enum` (a `null` among the values makes the schema nullable) and 3.1's `const`.
fn enum_values(obj: &Map<String, Value>, out: &mut Fields, used: &mut Used) {
    used.mark("enum");
    used.mark("const");
    let mut values: Vec<Value> = match (obj.get("enum"), obj.get("const")) {
        (Some(Value::Array(values)), _) => values.clone(),
        (None, Some(value)) => vec![value.clone()],
        _ => return,
    };
    if values.iter().any(Value::is_null) {
        values.retain(|v| !v.is_null());
        out.set("nullable", Node::Scalar(Value::Bool(true)));
    }
    if !values.is_empty() {
        out.set("enum", Node::from(Value::Array(values)));
    }
}

/// An object: declared properties (each `required: true` when the object requires it), other
/// keys, key patterns and counts. One without properties whose other keys have a schema is a
/// `map`.
pub(super) fn object_fields(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    let mut out = Fields::default();
    for key in [
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
    ] {
        used.mark(key);
    }
    let properties = obj.get("properties").map(object);
    let required: Vec<&str> = obj
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let additional = obj.get("additionalProperties");
    let additional_schema = additional.filter(|a| a.as_object().is_some_and(|o| !o.is_empty()));
    match (properties.filter(|p| !p.is_empty()), additional_schema) {
        (None, Some(values)) => {
            out.set("type", Node::str("map"));
            let at = child(pointer, "additionalProperties");
            out.set("values", fields(cx, values, &at, depth + 1).into_node());
        }
        _ => {
            out.set("type", Node::str("object"));
            match additional {
                Some(Value::Bool(false)) => {
                    out.set("additional_properties", Node::Scalar(Value::Bool(false)));
                }
                Some(Value::Bool(true)) => {
                    out.set("additional_properties", Node::Scalar(Value::Bool(true)));
                }
                Some(Value::Object(o)) if o.is_empty() => {
                    out.set("additional_properties", Node::Scalar(Value::Bool(true)));
                }
                Some(schema @ Value::Object(_)) => {
                    let at = child(pointer, "additionalProperties");
                    out.set(
                        "additional_properties",
                        fields(cx, schema, &at, depth + 1).into_node(),
                    );
                }
                Some(_) => cx.report(
                    &child(pointer, "additionalProperties"),
                    "`additionalProperties` is neither a boolean nor a schema: dropped",
                ),
                None => {}
            }
        }
    }
    if let Some(properties) = properties {
        let at = child(pointer, "properties");
        let mut nodes = Vec::new();
        for (name, schema) in properties {
            let mut f = fields(cx, schema, &child(&at, name), depth + 1);
            if required.contains(&name.as_str()) {
                f.set("required", Node::Scalar(Value::Bool(true)));
            }
            if let Some(rust) = str_of(schema, "x-rust-name") {
                f.set("rust_name", Node::str(rust));
            }
            nodes.push((name.clone(), Entry::from(f.into_node())));
        }
        if !nodes.is_empty() {
            out.set("properties", Node::Map(nodes));
        }
    }
    for name in &required {
        if !properties.is_some_and(|p| p.contains_key(*name)) {
            cx.report(
                &child(pointer, "required"),
                format!("`{name}` is required but not declared under `properties`: dropped"),
            );
        }
    }
    if let Some(names) = obj.get("propertyNames") {
        match str_of(names, "pattern") {
            Some(pattern) if object(names).len() == 1 => out.set("key_pattern", Node::str(pattern)),
            _ => cx.report(
                &child(pointer, "propertyNames"),
                "only a `pattern` for property names can be expressed: dropped",
            ),
        }
    }
    copy_count(
        cx,
        obj,
        pointer,
        "minProperties",
        "min_properties",
        &mut out,
        used,
    );
    copy_count(
        cx,
        obj,
        pointer,
        "maxProperties",
        "max_properties",
        &mut out,
        used,
    );
    out
}

/// An array: its items and counts.
fn array_fields(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    let mut out = Fields::default();
    out.set("type", Node::str("array"));
    used.mark("items");
    let items = match obj.get("items") {
        Some(items) => fields(cx, items, &child(pointer, "items"), depth + 1).into_node(),
        None => {
            let mut any = Fields::default();
            any.set("type", Node::str("any"));
            any.into_node()
        }
    };
    out.set("items", items);
    copy_count(cx, obj, pointer, "minItems", "min_items", &mut out, used);
    copy_count(cx, obj, pointer, "maxItems", "max_items", &mut out, used);
    used.mark("uniqueItems");
    if obj.get("uniqueItems").and_then(Value::as_bool) == Some(true) {
        out.set("unique_items", Node::Scalar(Value::Bool(true)));
    }
    out
}
