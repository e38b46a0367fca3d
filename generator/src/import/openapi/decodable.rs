//! Untagged unions that a decoder can tell apart.
//!
//! The generated client decodes an untagged `one_of` into the first variant that accepts the
//! document, and validation refuses a variant that an earlier one always takes. OpenAPI's
//! `oneOf` does not order its alternatives (exactly one matches a valid document), so the
//! importer puts a variant that another accepts before it; a variant whose documents an earlier
//! one takes and that takes all of that one's (the same JSON shape, e.g. an IPv4 and an IPv6
//! range, which differ only by format) can never be decoded and is dropped, with a finding.
//!
//! "Accepts" is judged conservatively on the document's schemas, as validation judges it on
//! the spec: `true` only when sure (strings accept strings, whatever their format or enum;
//! numbers accept integers; arrays compare items; an object accepts another that has every
//! property it requires, with shapes it accepts, and keys it does not forbid).

use serde_json::Value;

use super::document::object;
use super::inspect::resolve;

/// Deepest comparison; beyond it the answer is "not sure" (`false`).
const MAX_DEPTH: usize = 16;

/// The order in which to write `variants` (indexes into it), and the indexes dropped because an
/// earlier variant has the same shape.
pub(super) fn decodable_order(
    doc: &Value,
    variants: &[&Value],
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut kept: Vec<usize> = Vec::new();
    let mut dropped = Vec::new();
    for (j, b) in variants.iter().enumerate() {
        let same = kept.iter().copied().find(|&i| {
            variants
                .get(i)
                .is_some_and(|a| accepts(doc, a, b, 0) && accepts(doc, b, a, 0))
        });
        match same {
            Some(i) => dropped.push((j, i)),
            None => kept.push(j),
        }
    }
    // Place, one at a time, the first remaining variant that accepts none of the others.
    let mut order = Vec::new();
    while !kept.is_empty() {
        let pick = kept
            .iter()
            .position(|&i| {
                kept.iter().all(|&j| {
                    i == j || !matches!((variants.get(i), variants.get(j)), (Some(a), Some(b)) if accepts(doc, a, b, 0))
                })
            })
            .unwrap_or(0);
        order.push(kept.remove(pick));
    }
    (order, dropped)
}

/// Whether a schema (after references and one-member `allOf`s) is nullable.
fn nullable(v: &Value) -> bool {
    v.get("nullable").and_then(Value::as_bool) == Some(true)
        || matches!(v.get("type"), Some(Value::Array(ts)) if ts.iter().any(|t| t == "null"))
}

/// Follows references and one-member `allOf`s.
fn unwrap<'a>(doc: &'a Value, v: &'a Value) -> Option<&'a Value> {
    let mut current = resolve(doc, v)?;
    for _ in 0..8 {
        match current
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([only]) => current = resolve(doc, only)?,
            _ => return Some(current),
        }
    }
    None
}

/// The JSON type a schema names (`any` when it names none and has no properties).
fn kind(v: &Value) -> Option<&str> {
    match v.get("type") {
        Some(Value::String(t)) => Some(t),
        Some(Value::Array(ts)) => {
            let named: Vec<&str> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            match named.as_slice() {
                [one] => Some(one),
                _ => None,
            }
        }
        None if v.get("properties").is_some() => Some("object"),
        None if v.get("oneOf").is_none()
            && v.get("anyOf").is_none()
            && v.get("allOf").is_none() =>
        {
            Some("any")
        }
        _ => None,
    }
}

fn alternatives(v: &Value) -> Option<&Vec<Value>> {
    v.get("oneOf")
        .or_else(|| v.get("anyOf"))
        .and_then(Value::as_array)
}

/// Whether `a` accepts every document `b` accepts (`false` when not sure).
fn accepts(doc: &Value, a: &Value, b: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let (Some(a), Some(b)) = (unwrap(doc, a), unwrap(doc, b)) else {
        return false;
    };
    if nullable(b) && !nullable(a) {
        return false;
    }
    if let Some(list) = alternatives(b) {
        return list.iter().all(|v| accepts(doc, a, v, depth + 1));
    }
    if let Some(list) = alternatives(a) {
        return list.iter().any(|v| accepts(doc, v, b, depth + 1));
    }
    match (kind(a), kind(b)) {
        (Some("any"), _) => true,
        (Some("string"), Some("string")) => true,
        (Some("number"), Some("number" | "integer"))
        | (Some("integer"), Some("integer"))
        | (Some("boolean"), Some("boolean")) => enum_covers(a, b),
        (Some("array"), Some("array")) => match (a.get("items"), b.get("items")) {
            (None, _) => true,
            (Some(ai), Some(bi)) => accepts(doc, ai, bi, depth + 1),
            (Some(_), None) => false,
        },
        (Some("object"), Some("object")) => object_accepts(doc, a, b, depth),
        _ => false,
    }
}

/// A scalar enum accepts only values it lists; without one, every value.
fn enum_covers(a: &Value, b: &Value) -> bool {
    match (
        a.get("enum").and_then(Value::as_array),
        b.get("enum").and_then(Value::as_array),
    ) {
        (None, _) => true,
        (Some(av), Some(bv)) => bv.iter().all(|v| av.contains(v)),
        (Some(_), None) => false,
    }
}

fn required(v: &Value) -> Vec<&str> {
    v.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn object_accepts(doc: &Value, a: &Value, b: &Value, depth: usize) -> bool {
    let (a_required, b_required) = (required(a), required(b));
    if !a_required.iter().all(|p| b_required.contains(p)) {
        return false;
    }
    let a_props = a.get("properties").map(object);
    let b_props = b.get("properties").map(object);
    let a_extra = a.get("additionalProperties");
    for (name, b_schema) in b_props.into_iter().flatten() {
        let ok = match a_props.and_then(|p| p.get(name)) {
            Some(a_schema) => accepts(doc, a_schema, b_schema, depth + 1),
            None => match a_extra {
                Some(Value::Bool(false)) => false,
                Some(extra @ Value::Object(o)) if !o.is_empty() => {
                    accepts(doc, extra, b_schema, depth + 1)
                }
                _ => true,
            },
        };
        if !ok {
            return false;
        }
    }
    // Keys `b` allows beyond its properties must be allowed by `a` too.
    let closed = |v: Option<&Value>| matches!(v, Some(Value::Bool(false)));
    closed(b.get("additionalProperties")) || !closed(a_extra)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn same_shapes_drop_and_specific_variants_go_first() {
        let doc = json!({"components": {"schemas": {
            "V4": {"type": "object", "required": ["first"], "properties": {"first": {"type": "string", "format": "ipv4"}}},
            "V6": {"type": "object", "required": ["first"], "properties": {"first": {"type": "string", "format": "ipv6"}}}
        }}});
        let v4 = json!({"$ref": "#/components/schemas/V4"});
        let v6 = json!({"$ref": "#/components/schemas/V6"});
        assert_eq!(decodable_order(&doc, &[&v4, &v6]), (vec![0], vec![(1, 0)]));

        let loose =
            json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}});
        let strict = json!({"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}});
        assert_eq!(
            decodable_order(&doc, &[&loose, &strict]),
            (vec![1, 0], vec![])
        );

        let int = json!({"type": "integer"});
        let num = json!({"type": "number"});
        let text = json!({"type": "string"});
        assert_eq!(
            decodable_order(&doc, &[&num, &text, &int]),
            (vec![1, 2, 0], vec![])
        );
    }

    #[test]
    fn acceptance_is_conservative() {
        let doc = json!({});
        let closed = json!({"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}});
        let other = json!({"type": "object", "properties": {"b": {"type": "string"}}});
        assert!(!accepts(&doc, &closed, &other, 0));
        let nullable = json!({"type": ["string", "null"]});
        assert!(!accepts(&doc, &json!({"type": "string"}), &nullable, 0));
        assert!(accepts(&doc, &nullable, &json!({"type": "string"}), 0));
        let small = json!({"type": "integer", "enum": [1]});
        assert!(!accepts(&doc, &small, &json!({"type": "integer"}), 0));
        assert!(accepts(&doc, &json!({}), &small, 0));
        assert!(!accepts(&doc, &json!({"$ref": "#/nowhere"}), &small, 0));
    }
}
