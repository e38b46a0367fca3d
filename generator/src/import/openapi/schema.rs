//! OpenAPI schema objects to spec schemas (`type`, `ref`, `one_of`, `all_of`, constraints).
//!
//! What the format cannot say is reported and dropped; documentation-only keys that describe
//! no JSON value (`xml`, `$comment`, `$schema`, `$id`, `x-` extensions) are ignored.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Cx;
use super::document::{Target, child, object, str_of, target};
use super::unions::decodable_order;
use crate::import::yaml_writer::{Entry, Node};

/// Deepest nesting of schemas converted; deeper ones become `type: any` with a finding.
const MAX_DEPTH: usize = 48;

/// Keys of a spec schema, in the order they are written.
const ORDER: &[&str] = &[
    "ref",
    "type",
    "name",
    "title",
    "description",
    "required",
    "nullable",
    "read_only",
    "write_only",
    "deprecated",
    "sensitive",
    "rust_name",
    "format",
    "enum",
    "pattern",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "items",
    "min_items",
    "max_items",
    "unique_items",
    "properties",
    "additional_properties",
    "values",
    "key_pattern",
    "min_properties",
    "max_properties",
    "one_of",
    "discriminator",
    "all_of",
    "default",
    "example",
];

/// Keys that describe nothing a client sends or receives as JSON; ignored without a finding.
const IGNORED: &[&str] = &[
    "xml",
    "$comment",
    "$schema",
    "$id",
    "$anchor",
    "$defs",
    "definitions",
];

/// The keys of one spec schema being built.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Fields {
    entries: Vec<(&'static str, Node)>,
    /// Lines appended to the description (per-value docs of a merged enum).
    appendix: Vec<String>,
}

impl Fields {
    /// Sets `key`, replacing an earlier value.
    pub fn set(&mut self, key: &'static str, node: Node) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = node,
            None => self.entries.push((key, node)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, n)| n)
    }

    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let index = self.entries.iter().position(|(k, _)| *k == key)?;
        Some(self.entries.remove(index).1)
    }

    /// The string value of `key`.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Node::Scalar(Value::String(s))) => Some(s),
            _ => None,
        }
    }

    /// The schema as a YAML mapping, keys in [`ORDER`].
    pub fn into_node(self) -> Node {
        self.into_node_with(ORDER)
    }

    /// The keys as a YAML mapping, in `order` (keys not in it last).
    pub fn into_node_with(mut self, order: &[&str]) -> Node {
        if !self.appendix.is_empty() {
            let lines = self.appendix.join("\n");
            let text = match self.str("description") {
                Some(d) => format!("{d}\n\n{lines}"),
                None => lines,
            };
            self.set("description", Node::str(text));
        }
        let mut entries = self.entries;
        entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
        Node::Map(
            entries
                .into_iter()
                .map(|(k, n)| (k.to_owned(), Entry::from(n)))
                .collect(),
        )
    }
}

/// The keys of a source schema that a conversion has read.
struct Used(HashSet<&'static str>);

impl Used {
    fn mark(&mut self, key: &'static str) {
        self.0.insert(key);
    }
}

/// Converts the schema `value` at `pointer` to a spec schema.
pub(super) fn convert(cx: &mut Cx, value: &Value, pointer: &str) -> Node {
    fields(cx, value, pointer, 0).into_node()
}

/// Converts the schema `value` at `pointer` to the keys of a spec schema.
pub(super) fn fields(cx: &mut Cx, value: &Value, pointer: &str, depth: usize) -> Fields {
    let mut out = Fields::default();
    if depth > MAX_DEPTH {
        cx.report(
            pointer,
            format!("the schema nests more than {MAX_DEPTH} levels deep: imported as `type: any`"),
        );
        out.set("type", Node::str("any"));
        return out;
    }
    let obj = match value {
        Value::Object(obj) => obj,
        Value::Bool(true) => {
            out.set("type", Node::str("any"));
            return out;
        }
        other => {
            cx.report(
                pointer,
                format!("`{other}` is not a schema object: imported as `type: any`"),
            );
            out.set("type", Node::str("any"));
            return out;
        }
    };
    let mut used = Used(HashSet::new());
    if let Some(reference) = str_of(value, "$ref") {
        used.mark("$ref");
        out = reference_fields(cx, reference, pointer, depth);
    } else if let Some(parts) = obj.get("allOf") {
        used.mark("allOf");
        out = all_of(cx, obj, parts, pointer, depth, &mut used);
    } else if let Some((key, parts)) = union_key(obj) {
        used.mark(key);
        out = union(cx, obj, key, parts, pointer, depth, &mut used);
    } else {
        out = typed(cx, obj, pointer, depth, &mut used);
    }
    docs(cx, obj, pointer, &mut out, &mut used);
    drop_outside_enum(cx, pointer, &mut out);
    if obj.get("nullable").and_then(Value::as_bool) == Some(true) {
        out.set("nullable", Node::Scalar(Value::Bool(true)));
    }
    used.mark("nullable");
    for key in obj.keys() {
        if !used.0.contains(key.as_str())
            && !key.starts_with("x-")
            && !IGNORED.contains(&key.as_str())
        {
            cx.report(
                &child(pointer, key),
                format!("`{key}` cannot be expressed in the spec format: dropped"),
            );
        }
    }
    out
}

fn union_key(obj: &Map<String, Value>) -> Option<(&'static str, &Value)> {
    if let Some(v) = obj.get("oneOf") {
        return Some(("oneOf", v));
    }
    obj.get("anyOf").map(|v| ("anyOf", v))
}

/// Documentation keys, which override those of a merged inner schema.
fn docs(cx: &mut Cx, obj: &Map<String, Value>, pointer: &str, out: &mut Fields, used: &mut Used) {
    for (key, spec) in [("title", "title"), ("description", "description")] {
        used.mark(key);
        if let Some(text) = obj.get(key).and_then(Value::as_str) {
            out.set(spec, Node::str(text));
        }
    }
    used.mark("externalDocs");
    if let Some(url) = obj.get("externalDocs").and_then(|d| str_of(d, "url")) {
        let text = match out.str("description") {
            Some(d) => format!("{d}\n\nMore: {url}"),
            None => format!("More: {url}"),
        };
        out.set("description", Node::str(text));
    }
    for (key, spec) in [
        ("deprecated", "deprecated"),
        ("readOnly", "read_only"),
        ("writeOnly", "write_only"),
        ("x-sensitive", "sensitive"),
    ] {
        used.mark(key);
        if obj.get(key).and_then(Value::as_bool) == Some(true) {
            out.set(spec, Node::Scalar(Value::Bool(true)));
        }
    }
    if str_of_map(obj, "format") == Some("password") {
        out.set("sensitive", Node::Scalar(Value::Bool(true)));
    }
    if let Some(name) = obj.get("x-type-name").and_then(Value::as_str) {
        out.set("name", Node::str(name));
    }
    used.mark("default");
    if let Some(default) = obj.get("default") {
        out.set("default", Node::from(default.clone()));
    }
    used.mark("example");
    used.mark("examples");
    let examples = obj.get("examples").and_then(Value::as_array);
    if let Some(example) = obj.get("example") {
        out.set("example", Node::from(example.clone()));
    } else if let Some(first) = examples.and_then(|e| e.first()) {
        out.set("example", Node::from(first.clone()));
    }
    if let Some(more) = examples.filter(|e| e.len() > 1) {
        cx.report(
            &child(pointer, "examples"),
            format!("only the first of {} examples is kept", more.len()),
        );
    }
}

fn str_of_map<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// `$ref`: a named model, or (for other places in the document) the schema there, inline.
fn reference_fields(cx: &mut Cx, reference: &str, pointer: &str, depth: usize) -> Fields {
    let mut out = Fields::default();
    match target(reference) {
        Target::Schema(name) => match cx.models.component(&name) {
            Some(model) => out.set("ref", Node::str(model)),
            None => {
                cx.report(
                    &child(pointer, "$ref"),
                    format!("`{reference}` names no schema under components/schemas: imported as `type: any`"),
                );
                out.set("type", Node::str("any"));
            }
        },
        Target::Local(at) => {
            let doc = cx.doc;
            match doc.pointer(&at) {
                Some(found) => return fields(cx, found, &at, depth + 1),
                None => {
                    cx.report(
                        &child(pointer, "$ref"),
                        format!("`{reference}` points at nothing: imported as `type: any`"),
                    );
                    out.set("type", Node::str("any"));
                }
            }
        }
        Target::Remote(r) => {
            cx.report(
                &child(pointer, "$ref"),
                format!("the remote reference `{r}` is not followed: imported as `type: any`"),
            );
            out.set("type", Node::str("any"));
        }
    }
    out
}

/// `allOf`: one member is that member (the OpenAPI 3.0 idiom for a reference with its own
/// description); several are an `all_of`, with the schema's own properties as one more member.
fn all_of(
    cx: &mut Cx,
    obj: &Map<String, Value>,
    parts: &Value,
    pointer: &str,
    depth: usize,
    used: &mut Used,
) -> Fields {
    let at = child(pointer, "allOf");
    let Some(list) = parts.as_array().filter(|l| !l.is_empty()) else {
        cx.report(
            &at,
            "`allOf` is not a non-empty list: imported as `type: any`",
        );
        let mut out = Fields::default();
        out.set("type", Node::str("any"));
        return out;
    };
    if str_of_map(obj, "type") == Some("object") {
        used.mark("type");
    }
    let own_object = obj.contains_key("properties") || obj.contains_key("additionalProperties");
    if let ([only], false) = (list.as_slice(), own_object) {
        return fields(cx, only, &child(&at, "0"), depth + 1);
    }
    let mut members: Vec<Entry> = list
        .iter()
        .enumerate()
        .map(|(i, part)| {
            Entry::from(fields(cx, part, &child(&at, &i.to_string()), depth + 1).into_node())
        })
        .collect();
    if own_object {
        members.push(Entry::from(
            object_fields(cx, obj, pointer, depth, used).into_node(),
        ));
    }
    let mut out = Fields::default();
    out.set("all_of", Node::Seq(members));
    out
}

/// Whether `v` is a schema that accepts only `null`.
fn is_null(v: &Value) -> bool {
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

/// `oneOf` / `anyOf`: a `null` member makes the schema nullable; one other member is that
/// member; string members with one value each are one enum; else a `one_of`, tagged by the
/// discriminator when the document gives one or when every member fixes the same property to a
/// value of its own.
fn union(
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

/// A `default` or `example` that is not among the schema's `enum` is dropped (reported): the
/// spec format refuses it, and the document contradicts itself there.
fn drop_outside_enum(cx: &mut Cx, pointer: &str, out: &mut Fields) {
    let Some(Node::Seq(values)) = out.get("enum") else {
        return;
    };
    let accepted: Vec<Node> = values.iter().map(|e| e.node.clone()).collect();
    for key in ["default", "example"] {
        let outside = out.get(key).is_some_and(|v| !accepted.contains(v));
        if outside {
            out.remove(key);
            cx.report(
                &child(pointer, key),
                format!("the `{key}` is not among the `enum` values: dropped"),
            );
        }
    }
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

/// [`fields`] without findings: for a second look at a schema converted (and reported) elsewhere.
pub(super) fn quiet_fields(cx: &mut Cx, value: &Value, pointer: &str) -> Fields {
    let mark = cx.findings.len();
    let out = fields(cx, value, pointer, 0);
    cx.findings.truncate(mark);
    out
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

/// A schema with a `type` (or whose type its keys imply).
fn typed(
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
fn object_fields(
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
