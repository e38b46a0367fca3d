//! `oneOf` and `anyOf`: nullable schemas, merged enums, strings, and unions with their
//! discriminator (given or inferred) in an order a decoder can use.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Cx;
use super::decodable::decodable_order;
use super::document::{Target, child, object, str_of, target};
use super::fields::Fields;
use super::inspect::{is_null, kind_of, resolve, str_of_map};
use super::schema::{Used, fields};
use crate::import::yaml_writer::{Entry, Node};

pub(super) fn union_key(obj: &Map<String, Value>) -> Option<(&'static str, &Value)> {
    if let Some(v) = obj.get("oneOf") {
        return Some(("oneOf", v));
    }
    obj.get("anyOf").map(|v| ("anyOf", v))
}

/// `oneOf` / `anyOf`: a `null` member makes the schema nullable; one other member is that
/// member; string members with one value each are one enum; else a `one_of`, tagged by the
/// discriminator when the document gives one or when every member fixes the same property to a
/// value of its own.
pub(super) fn union(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    key: &'static str,
    parts: &Value,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    let at = child(pointer, key);
    let mut out = Fields::default();
    let Some(list) = parts.as_array().filter(|l| !l.is_empty()) else {
        cx.report(
            &at,
            format!("`{key}` is not a non-empty list: imported as `type: any`"),
        );
        out.set("type", Node::str("any"));
        return out;
    };
    // A `type` next to the alternatives only restates what they say.
    used.mark("type");
    let nullable = list.iter().any(is_null);
    let variants: Vec<(usize, &Value)> = list
        .iter()
        .enumerate()
        .filter(|(_, v)| !is_null(v))
        .collect();
    if let [(i, only)] = variants.as_slice() {
        out = fields(cx, only, &child(&at, &i.to_string()), depth + 1);
    } else if variants.is_empty() {
        out.set("type", Node::str("any"));
    } else if let Some(merged) = merged_enum(&variants) {
        out = merged;
    } else if all_strings(cx.doc, &variants) {
        // A client cannot tell such alternatives apart by decoding (every one is a JSON
        // string); what differs is a format or a pattern.
        cx.report(
            &at,
            "every alternative is a string: imported as a string (the alternatives' formats and patterns are not kept)",
        );
        out.set("type", Node::str("string"));
    } else {
        if key == "anyOf" && !distinct_kinds(cx.doc, &variants) {
            cx.report(
                &at,
                "`anyOf` is imported as `one_of`: a value that several alternatives accept is decoded as the first of them",
            );
        }
        used.mark("discriminator");
        let values: Vec<&Value> = variants.iter().map(|(_, v)| *v).collect();
        let tagged = discriminator(cx, obj, &values, pointer);
        let mut order: Vec<usize> = (0..variants.len()).collect();
        if tagged.is_none() {
            let (decodable, dropped) = decodable_order(cx.doc, &values);
            for (j, i) in dropped {
                let (Some((j, _)), Some((i, _))) = (variants.get(j), variants.get(i)) else {
                    continue;
                };
                cx.report(
                    &child(&at, &j.to_string()),
                    format!("a decoder takes every document of alternative {j} as alternative {i} and the other way round (the same required properties and JSON types; formats, patterns and optional properties do not tell them apart), so it can never choose alternative {j}: dropped"),
                );
            }
            order = decodable;
        }
        let chosen: Vec<(usize, &Value)> = order
            .iter()
            .filter_map(|&k| variants.get(k).copied())
            .collect();
        if let [(i, only)] = chosen.as_slice() {
            out = fields(cx, only, &child(&at, &i.to_string()), depth + 1);
        } else {
            let members = chosen
                .iter()
                .map(|(i, v)| {
                    Entry::from(fields(cx, v, &child(&at, &i.to_string()), depth + 1).into_node())
                })
                .collect();
            out.set("one_of", Node::Seq(members));
            if let Some(discriminator) = tagged {
                out.set("discriminator", discriminator);
            }
        }
    }
    if nullable {
        out.set("nullable", Node::Scalar(Value::Bool(true)));
    }
    out
}

/// Whether every alternative is a string (after references and one-member `allOf`s).
fn all_strings(doc: &Value, variants: &[(usize, &Value)]) -> bool {
    variants
        .iter()
        .all(|(_, v)| kind_of(doc, v) == Some("string"))
}

/// String alternatives that each accept listed values only (Oxide's way of documenting each
/// value of an enum) merged into one enum; each value's description goes into the enum's.
fn merged_enum(variants: &[(usize, &Value)]) -> Option<Fields> {
    let mut values: Vec<Value> = Vec::new();
    let mut lines = Vec::new();
    for (_, v) in variants {
        let obj = v.as_object()?;
        let plain = obj
            .keys()
            .all(|k| matches!(k.as_str(), "type" | "enum" | "description" | "title"));
        let enum_values = obj.get("enum")?.as_array()?;
        if !plain || str_of_map(obj, "type") != Some("string") || enum_values.is_empty() {
            return None;
        }
        for value in enum_values {
            let text = value.as_str()?;
            if let Some(d) = str_of_map(obj, "description") {
                lines.push(format!("- `{text}`: {d}"));
            }
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
    }
    let mut out = Fields::default();
    out.set("type", Node::str("string"));
    out.set("enum", Node::from(Value::Array(values)));
    out.appendix = lines;
    Some(out)
}

/// Whether no two alternatives can accept the same value, judged by their JSON kinds.
fn distinct_kinds(doc: &Value, variants: &[(usize, &Value)]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    for (_, v) in variants {
        let Some(kind) = kind_of(doc, v) else {
            return false;
        };
        let kind = if kind == "integer" { "number" } else { kind };
        if seen.contains(&kind) {
            return false;
        }
        seen.push(kind);
    }
    true
}

/// The one value that the variant `v` fixes its property `prop` to (a one-value `enum` or a
/// `const`), when `prop` is required.
fn fixed_tag(doc: &Value, v: &Value, prop: &str) -> Option<String> {
    let obj = resolve(doc, v)?;
    let required = obj.get("required")?.as_array()?;
    if !required.iter().any(|r| r.as_str() == Some(prop)) {
        return None;
    }
    match fixed_tags(doc, v, prop)?.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The values that the variant `v` allows for its property `prop` (an `enum` of strings or a
/// `const`): the tags that name it.
fn fixed_tags(doc: &Value, v: &Value, prop: &str) -> Option<Vec<String>> {
    let obj = resolve(doc, v)?;
    let schema = resolve(doc, obj.get("properties")?.get(prop)?)?;
    if let Some(Value::String(c)) = schema.get("const") {
        return Some(vec![c.clone()]);
    }
    let values: Option<Vec<String>> = schema
        .get("enum")?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect();
    values.filter(|v| !v.is_empty())
}

/// The spec `discriminator` of a union: the document's, with its mapping restated for the
/// referenced variants that do not fix their tag themselves (OpenAPI's implicit tag is the
/// schema name), or one inferred from a property that every variant fixes to its own value.
fn discriminator(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    variants: &[&Value],
    pointer: &str,
) -> Option<Node> {
    let doc = cx.doc;
    let at = child(pointer, "discriminator");
    let Some(given) = obj.get("discriminator") else {
        return inferred_discriminator(doc, variants);
    };
    let Some(prop) = str_of(given, "propertyName") else {
        cx.report(&at, "the discriminator has no `propertyName`: dropped");
        return None;
    };
    let variant_refs: Vec<Option<String>> = variants
        .iter()
        .map(|v| match str_of(v, "$ref").map(target) {
            Some(Target::Schema(name)) => Some(name),
            _ => None,
        })
        .collect();
    let mut mapping: Vec<(String, String)> = Vec::new();
    let mut mapped: HashSet<String> = HashSet::new();
    for (tag, to) in given.get("mapping").map(object).into_iter().flatten() {
        let to = to.as_str().unwrap_or_default();
        let component = match target(to) {
            Target::Schema(name) => name,
            _ if !to.contains('/') && !to.contains('#') => to.to_owned(),
            _ => {
                cx.report(
                    &child(&child(&at, "mapping"), tag),
                    format!("`{to}` is not a schema of this document: mapping dropped"),
                );
                continue;
            }
        };
        let Some(index) = variant_refs
            .iter()
            .position(|r| r.as_deref() == Some(&component))
        else {
            cx.report(
                &child(&child(&at, "mapping"), tag),
                format!("`{to}` is not one of the alternatives: mapping dropped"),
            );
            continue;
        };
        mapped.insert(component.clone());
        let fixed = variants.get(index).and_then(|v| fixed_tags(doc, v, prop));
        if !fixed.is_some_and(|tags| tags.contains(tag)) {
            if let Some(model) = cx.models.component(&component) {
                mapping.push((tag.clone(), model.to_owned()));
            }
        }
    }
    for (i, v) in variants.iter().enumerate() {
        let name = variant_refs.get(i).cloned().flatten();
        match name {
            Some(name) if !mapped.contains(&name) => {
                if fixed_tags(doc, v, prop).is_none() {
                    if let Some(model) = cx.models.component(&name) {
                        mapping.push((name.clone(), model.to_owned()));
                    }
                }
            }
            Some(_) => {}
            None => {
                if fixed_tags(doc, v, prop).is_none() {
                    cx.report(
                        &at,
                        format!("alternative {i} does not list its tags as an `enum` of `{prop}`, so its tag is unknown"),
                    );
                }
            }
        }
    }
    let mut node = Node::map();
    node.insert("property", Node::str(prop));
    if !mapping.is_empty() {
        node.insert(
            "mapping",
            Node::Map(
                mapping
                    .into_iter()
                    .map(|(tag, model)| (tag, Entry::from(Node::str(model))))
                    .collect(),
            ),
        );
    }
    Some(node)
}

/// A property that every alternative requires and fixes to a value of its own.
fn inferred_discriminator(doc: &Value, variants: &[&Value]) -> Option<Node> {
    let first = resolve(doc, variants.first()?)?;
    let candidates = first.get("properties").map(object)?;
    'candidates: for prop in candidates.keys() {
        let mut seen = HashSet::new();
        for v in variants {
            let Some(tag) = fixed_tag(doc, v, prop) else {
                continue 'candidates;
            };
            if !seen.insert(tag) {
                continue 'candidates;
            }
        }
        let mut node = Node::map();
        node.insert("property", Node::str(prop.as_str()));
        return Some(node);
    }
    None
}
