//! Untagged unions that a decoder can tell apart.
//!
//! The generated client decodes an untagged `one_of` into the first variant that accepts the
//! document, and validation refuses a variant that an earlier one always takes. OpenAPI's
//! `oneOf` does not order its alternatives (exactly one matches a valid document), so the
//! importer puts a variant that another accepts before it; a variant whose documents an earlier
//! one takes and that takes all of that one's (the same JSON shape, e.g. an IPv4 and an IPv6
//! range, which differ only by format) can never be decoded and is dropped, with a finding.
//!
//! "Accepts" is judged conservatively on the document's schemas, by the rules validation uses
//! on the spec (`validate/accepts.rs`): `true` only when sure. Strings accept strings and
//! numbers accept integers whatever their format or enum, except that a one-value enum is a
//! constant that accepts only itself; arrays compare items; an object accepts another that has
//! every property it requires, with shapes it accepts; an inline variant that forbids other keys
//! accepts no object with keys it does not declare.

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
                .is_some_and(|a| variant_accepts(doc, a, b) && variant_accepts(doc, b, a))
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
                    i == j || !matches!((variants.get(i), variants.get(j)), (Some(a), Some(b)) if variant_accepts(doc, a, b))
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
        || matches!(v.get("enum"), Some(Value::Array(vs)) if vs.iter().any(Value::is_null))
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
            && v.get("allOf").is_none()
            && v.get("enum").is_none() =>
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

/// Whether the union variant `a` accepts every document the variant `b` accepts. An inline
/// object variant that forbids other keys is decoded strictly (as validation judges it).
fn variant_accepts(doc: &Value, a: &Value, b: &Value) -> bool {
    let strict = a.get("$ref").is_none()
        && matches!(a.get("additionalProperties"), Some(Value::Bool(false)));
    accepts(doc, a, b, 0, strict)
}

/// Whether `a` accepts every document `b` accepts (`false` when not sure); `strict`: `a` is an
/// object that refuses keys it does not declare.
fn accepts(doc: &Value, a: &Value, b: &Value, depth: usize, strict: bool) -> bool {
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
        return list.iter().all(|v| accepts(doc, a, v, depth + 1, false));
    }
    if let Some(list) = alternatives(a) {
        return list.iter().any(|v| accepts(doc, v, b, depth + 1, false));
    }
    match (kind(a), kind(b)) {
        (Some("any"), _) => true,
        (_, Some("any")) => false,
        (Some("string"), Some("string"))
        | (Some("number"), Some("number" | "integer"))
        | (Some("integer"), Some("integer")) => constant_accepts(a, b),
        (Some("boolean"), Some("boolean")) => true,
        (Some("array"), Some("array")) => match (a.get("items"), b.get("items")) {
            (None, _) => true,
            (Some(ai), Some(bi)) => accepts(doc, ai, bi, depth + 1, false),
            (Some(_), None) => false,
        },
        (Some("object"), Some("object")) => object_accepts(doc, a, b, depth, strict),
        _ => false,
    }
}

/// Decoders keep values an enum does not list, so an enum of several values accepts every
/// value of its type; an enum of one value is a constant and accepts only that value.
fn constant_accepts(a: &Value, b: &Value) -> bool {
    let values = |v: &Value| -> Option<Vec<Value>> {
        let listed = v
            .get("enum")
            .and_then(Value::as_array)
            .cloned()
            .or_else(|| v.get("const").map(|c| vec![c.clone()]))?;
        Some(listed.into_iter().filter(|x| !x.is_null()).collect())
    };
    match values(a).as_deref() {
        Some([constant]) => matches!(values(b).as_deref(), Some([other]) if other == constant),
        _ => true,
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

fn object_accepts(doc: &Value, a: &Value, b: &Value, depth: usize, strict: bool) -> bool {
    let (a_required, b_required) = (required(a), required(b));
    let a_props = a.get("properties").map(object);
    let b_props = b.get("properties").map(object);
    for (name, a_schema) in a_props.into_iter().flatten() {
        let ours = a_required.contains(&name.as_str());
        match b_props.and_then(|p| p.get(name)) {
            Some(b_schema) => {
                let theirs = b_required.contains(&name.as_str());
                if (ours && !theirs) || !accepts(doc, a_schema, b_schema, depth + 1, false) {
                    return false;
                }
            }
            None if ours => return false,
            None => {}
        }
    }
    // Keys `b` may have beyond `a`'s properties: ignored by `a`'s decoder, unless `a` is strict
    // or gives their values a schema.
    let mut extra: Vec<&Value> = b_props
        .into_iter()
        .flatten()
        .filter(|(name, _)| !a_props.is_some_and(|p| p.contains_key(*name)))
        .map(|(_, v)| v)
        .collect();
    if let Some(theirs @ Value::Object(o)) = b.get("additionalProperties") {
        if !o.is_empty() {
            extra.push(theirs);
        }
    }
    match a.get("additionalProperties") {
        Some(Value::Bool(false)) if strict => extra.is_empty(),
        Some(ours @ Value::Object(o)) if !o.is_empty() => extra
            .iter()
            .all(|theirs| accepts(doc, ours, theirs, depth + 1, false)),
        _ => true,
    }
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
    fn acceptance_follows_the_validation_rules() {
        let doc = json!({});
        let yes = |a: &Value, b: &Value| variant_accepts(&doc, a, b);
        // A strict inline variant takes no object with keys it does not declare.
        let closed = json!({"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}});
        let other = json!({"type": "object", "properties": {"b": {"type": "string"}}});
        assert!(!yes(&closed, &other));
        let open = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        assert!(yes(&open, &other));
        // Nullability.
        let nullable = json!({"type": ["string", "null"]});
        assert!(!yes(&json!({"type": "string"}), &nullable));
        assert!(yes(&nullable, &json!({"type": "string"})));
        // A one-value enum is a constant; an enum of several values takes any value.
        let set = json!({"type": "string", "enum": ["set"]});
        assert!(!yes(&set, &json!({"type": "string", "enum": ["unset"]})));
        assert!(!yes(&set, &json!({"type": "string"})));
        assert!(yes(&set, &json!({"type": "string", "enum": ["set"]})));
        assert!(yes(
            &json!({"type": "string", "enum": ["a", "b"]}),
            &json!({"type": "string"})
        ));
        // Variants told apart by a constant property are not reordered.
        let tagged = |t: &str| json!({"type": "object", "required": ["target"], "properties": {"target": {"type": "string", "enum": [t]}}, "additionalProperties": false});
        let (name, class) = (tagged("name"), tagged("deviceClass"));
        assert_eq!(
            decodable_order(&doc, &[&name, &class]),
            (vec![0, 1], vec![])
        );
        // What is unknown is not accepted.
        assert!(!yes(&json!({"$ref": "#/nowhere"}), &set));
        assert!(yes(&json!({}), &set));
    }
}
