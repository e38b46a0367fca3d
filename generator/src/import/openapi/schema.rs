//! OpenAPI schema objects to spec schemas (`type`, `ref`, `one_of`, `all_of`, constraints):
//! the entry point, documentation keys, references and `allOf`; unions are in `one_of.rs`,
//! typed schemas in `typed.rs`.
//!
//! What the format cannot say is reported and dropped; documentation-only keys that describe
//! no JSON value (`xml`, `$comment`, `$schema`, `$id`, `x-` extensions) are ignored.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::Cx;
use super::document::{Target, child, str_of, target};
use super::fields::Fields;
use super::inspect::str_of_map;
use super::one_of::{union, union_key};
use super::typed::{object_fields, typed};
use crate::import::yaml_writer::{Entry, Node};

/// Deepest nesting of schemas converted; deeper ones become `type: any` with a finding.
const MAX_DEPTH: usize = 48;

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

/// The keys of a source schema that a conversion has read.
pub(super) struct Used(pub(super) HashSet<&'static str>);

impl Used {
    pub(super) fn mark(&mut self, key: &'static str) {
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

/// [`fields`] without findings: for a second look at a schema converted (and reported) elsewhere.
pub(super) fn quiet_fields(cx: &mut Cx, value: &Value, pointer: &str) -> Fields {
    let mark = cx.findings.len();
    let out = fields(cx, value, pointer, 0);
    cx.findings.truncate(mark);
    out
}
