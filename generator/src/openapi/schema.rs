//! IR schemas to OpenAPI 3.1 (JSON Schema 2020-12) schema objects.

use serde_json::{Map, Value, json};

use crate::ir::{Additional, NumberConstraints, ObjectType, OneOf, Schema, SchemaKind, StringType};

/// The key of the model `name` under `components/schemas`: characters that OpenAPI does not
/// allow in component keys (anything but letters, digits, `.`, `-`, `_`) become `_`.
pub(super) fn component_key(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The `$ref` of the model `name`.
pub(super) fn model_ref(name: &str) -> String {
    format!("#/components/schemas/{}", component_key(name))
}

/// The schema object of `schema`.
pub(super) fn schema(schema: &Schema) -> Value {
    let mut body = Map::new();
    let typed = kind(&schema.kind, &mut body);
    if schema.nullable {
        body = nullable(body, typed);
    }
    // Title and description first: they say what the keys below are for.
    let mut out = Map::new();
    if let Some(t) = &schema.title {
        out.insert("title".into(), json!(t));
    }
    if let Some(d) = &schema.description {
        out.insert("description".into(), json!(d));
    }
    out.extend(body);
    docs(schema, &mut out);
    Value::Object(out)
}

/// Writes the kind's keys into `out`; returns whether it has a `type` that a type list can make
/// nullable.
fn kind(kind: &SchemaKind, out: &mut Map<String, Value>) -> bool {
    match kind {
        SchemaKind::Any => false,
        SchemaKind::String(s) => {
            string(s, out);
            true
        }
        SchemaKind::Integer {
            constraints,
            values,
        } => {
            out.insert("type".into(), json!("integer"));
            numbers(constraints, true, out);
            if !values.is_empty() {
                out.insert("enum".into(), json!(values));
            }
            true
        }
        SchemaKind::Number {
            constraints,
            values,
        } => {
            out.insert("type".into(), json!("number"));
            numbers(constraints, false, out);
            let values: Vec<Value> = values.iter().filter_map(|v| number(*v, false)).collect();
            if !values.is_empty() {
                out.insert("enum".into(), Value::Array(values));
            }
            true
        }
        SchemaKind::Boolean { values } => {
            out.insert("type".into(), json!("boolean"));
            if !values.is_empty() {
                out.insert("enum".into(), json!(values));
            }
            true
        }
        SchemaKind::Array(a) => {
            out.insert("type".into(), json!("array"));
            out.insert("items".into(), schema(&a.items));
            count(out, "minItems", a.min_items);
            count(out, "maxItems", a.max_items);
            if a.unique_items {
                out.insert("uniqueItems".into(), json!(true));
            }
            true
        }
        SchemaKind::Object(o) => {
            object(o, out);
            true
        }
        SchemaKind::Ref(name) => {
            out.insert("$ref".into(), json!(model_ref(name)));
            false
        }
        SchemaKind::OneOf(one_of) => {
            union(one_of, out);
            false
        }
        SchemaKind::AllOf(members) => {
            out.insert(
                "allOf".into(),
                Value::Array(members.iter().map(schema).collect()),
            );
            false
        }
    }
}

fn string(s: &StringType, out: &mut Map<String, Value>) {
    out.insert("type".into(), json!("string"));
    if let Some(f) = &s.format {
        out.insert("format".into(), json!(f));
    }
    if let Some(p) = &s.pattern {
        out.insert("pattern".into(), json!(p));
    }
    count(out, "minLength", s.min_length);
    count(out, "maxLength", s.max_length);
    if !s.values.is_empty() {
        out.insert("enum".into(), json!(s.values));
    }
}

/// A number as JSON: whole values of integer schemas as integers.
fn number(value: f64, integer: bool) -> Option<Value> {
    // Whole values within i64's range convert exactly (the cast only drops a zero fraction).
    if integer && value.fract() == 0.0 && value.abs() < 9.0e15 {
        return Some(json!(value as i64));
    }
    serde_json::Number::from_f64(value).map(Value::Number)
}

fn numbers(c: &NumberConstraints, integer: bool, out: &mut Map<String, Value>) {
    if let Some(f) = &c.format {
        out.insert("format".into(), json!(f));
    }
    for (key, value) in [
        ("minimum", c.minimum),
        ("maximum", c.maximum),
        ("exclusiveMinimum", c.exclusive_minimum),
        ("exclusiveMaximum", c.exclusive_maximum),
        ("multipleOf", c.multiple_of),
    ] {
        if let Some(v) = value.and_then(|v| number(v, integer)) {
            out.insert(key.into(), v);
        }
    }
}

fn count(out: &mut Map<String, Value>, key: &str, value: Option<u64>) {
    if let Some(v) = value {
        out.insert(key.into(), json!(v));
    }
}

fn object(o: &ObjectType, out: &mut Map<String, Value>) {
    out.insert("type".into(), json!("object"));
    if !o.properties.is_empty() {
        let mut properties = Map::new();
        for p in &o.properties {
            let mut value = schema(&p.schema);
            if let (Some(rust), Value::Object(m)) = (&p.rust_name, &mut value) {
                m.insert("x-rust-name".into(), json!(rust));
            }
            properties.insert(p.name.clone(), value);
        }
        out.insert("properties".into(), Value::Object(properties));
        let required: Vec<&str> = o
            .properties
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.as_str())
            .collect();
        if !required.is_empty() {
            out.insert("required".into(), json!(required));
        }
    }
    match &o.additional {
        Additional::Unspecified => {}
        Additional::Forbidden => {
            out.insert("additionalProperties".into(), json!(false));
        }
        Additional::Allowed(values) if is_plain_any(values) => {
            out.insert("additionalProperties".into(), json!(true));
        }
        Additional::Allowed(values) => {
            out.insert("additionalProperties".into(), schema(values));
        }
    }
    if let Some(p) = &o.key_pattern {
        out.insert("propertyNames".into(), json!({"pattern": p}));
    }
    count(out, "minProperties", o.min_properties);
    count(out, "maxProperties", o.max_properties);
}

/// Whether `s` is "any value" with nothing documented (written `true`).
fn is_plain_any(s: &Schema) -> bool {
    *s == Schema::new(SchemaKind::Any, s.origin.clone())
}

fn union(one_of: &OneOf, out: &mut Map<String, Value>) {
    out.insert(
        "oneOf".into(),
        Value::Array(one_of.variants.iter().map(schema).collect()),
    );
    let Some(d) = &one_of.discriminator else {
        return;
    };
    let mut discriminator = Map::new();
    discriminator.insert("propertyName".into(), json!(d.property));
    // OpenAPI maps tags to referenced schemas only; an inline variant states its tag itself
    // (a one-value enum on the property).
    let mapping: Map<String, Value> = d
        .mapping
        .iter()
        .filter_map(|(tag, index)| {
            let name = one_of.variants.get(*index)?.reference()?;
            Some((tag.clone(), json!(model_ref(name))))
        })
        .collect();
    if !mapping.is_empty() {
        discriminator.insert("mapping".into(), Value::Object(mapping));
    }
    out.insert("discriminator".into(), Value::Object(discriminator));
}

/// Makes a schema accept `null`: a type list (`["string", "null"]`, with `null` among the enum
/// values) where the schema has a type, else `anyOf` the schema and `null`.
fn nullable(mut out: Map<String, Value>, typed: bool) -> Map<String, Value> {
    if typed {
        if let Some(Value::String(t)) = out.get("type").cloned() {
            out.insert("type".into(), json!([t, "null"]));
        }
        if let Some(Value::Array(values)) = out.get_mut("enum") {
            values.push(Value::Null);
        }
        return out;
    }
    let mut wrapper = Map::new();
    wrapper.insert(
        "anyOf".into(),
        json!([Value::Object(out), {"type": "null"}]),
    );
    wrapper
}

/// The other documentation keys; `x-type-name` and `x-sensitive` say what OpenAPI cannot.
fn docs(s: &Schema, out: &mut Map<String, Value>) {
    if let Some(d) = &s.default {
        out.insert("default".into(), d.clone());
    }
    if let Some(e) = &s.example {
        out.insert("examples".into(), json!([e]));
    }
    for (key, set) in [
        ("readOnly", s.read_only),
        ("writeOnly", s.write_only),
        ("deprecated", s.deprecated),
        ("x-sensitive", s.sensitive),
    ] {
        if set {
            out.insert(key.into(), json!(true));
        }
    }
    if let Some(name) = &s.name {
        out.insert("x-type-name".into(), json!(name));
    }
}
