//! Questions about the document's own schemas: what a reference points at, which JSON kind a
//! schema accepts.

use serde_json::{Map, Value};

use super::Cx;
use super::document::{Target, child, str_of, target};

pub(super) fn str_of_map<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// Whether `v` is a schema that accepts only `null`.
pub(super) fn is_null(v: &Value) -> bool {
    match v.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(ts)) => {
            ts.len() == 1 && ts.first().and_then(Value::as_str) == Some("null")
        }
        _ => v
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e == &[Value::Null]),
    }
}

/// The JSON kind a schema accepts, following references and one-member `allOf`s (`None` when
/// unknown or several).
pub(super) fn kind_of<'a>(doc: &'a Value, v: &'a Value) -> Option<&'a str> {
    let mut current = v;
    for _ in 0..8 {
        let resolved = resolve(doc, current)?;
        match resolved
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([only]) => current = only,
            _ => {
                return match resolved.get("type") {
                    Some(Value::String(t)) => Some(t),
                    None if resolved.get("properties").is_some() => Some("object"),
                    _ => None,
                };
            }
        }
    }
    None
}

/// The kinds of the alternatives of a `oneOf`/`anyOf` schema (after references), when it is
/// one and every kind is known; `null` alternatives are left out.
pub(super) fn alternative_kinds<'a>(doc: &'a Value, v: &'a Value) -> Option<Vec<&'a str>> {
    let resolved = resolve(doc, v)?;
    let list = resolved
        .get("oneOf")
        .or_else(|| resolved.get("anyOf"))?
        .as_array()?;
    list.iter()
        .filter(|v| !is_null(v))
        .map(|v| kind_of(doc, v))
        .collect()
}

/// The model that `schema` names, when it is a reference to a schema under
/// `components/schemas`.
pub(super) fn reference_model(cx: &Cx, schema: &Value) -> Option<String> {
    match target(str_of(schema, "$ref")?) {
        Target::Schema(name) => cx.models.component(&name).map(str::to_owned),
        _ => None,
    }
}

/// Follows schema `$ref`s inside the document (a few hops at most).
pub(super) fn resolve<'a>(doc: &'a Value, v: &'a Value) -> Option<&'a Value> {
    let mut current = v;
    for _ in 0..8 {
        let Some(reference) = str_of(current, "$ref") else {
            return Some(current);
        };
        current = match target(reference) {
            Target::Schema(name) => doc.pointer(&child("/components/schemas", &name))?,
            Target::Local(at) => doc.pointer(&at)?,
            Target::Remote(_) => return None,
        };
    }
    None
}
