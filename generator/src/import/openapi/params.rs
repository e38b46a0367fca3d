//! Parameters (path, query, header): location, style, documentation; the value they hold is
//! read by `values.rs`.

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::Cx;
use super::document::{child, follow, object, str_of};
use super::fields::Fields;
use super::values::{Shape, shape};
use crate::import::yaml_writer::Node;

/// Keys of a spec parameter, in the order they are written.
pub(super) const PARAM_ORDER: &[&str] = &[
    "name",
    "in",
    "type",
    "model",
    "items",
    "style",
    "media_type",
    "required",
    "description",
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
    "deprecated",
    "rust_name",
];

/// One parameter of an operation, converted.
pub(super) enum Converted {
    /// A spec parameter.
    Param {
        /// The wire name.
        name: String,
        /// `path`, `query` or `header`.
        location: String,
        /// The spec parameter.
        node: Node,
    },
    /// Dropped, with a finding.
    Dropped,
    /// An `Authorization` header: the operation authenticates with the API's bearer token.
    Authorization,
}

/// Converts the parameter `raw` at `pointer` of the operation `operation`.
pub(super) fn parameter(cx: &mut Cx, raw: &Value, pointer: &str, operation: &str) -> Converted {
    let doc = cx.doc;
    let (param, at) = match follow(doc, raw, pointer) {
        Ok(found) => found,
        Err(why) => {
            cx.report(pointer, format!("{why}: the parameter is dropped"));
            return Converted::Dropped;
        }
    };
    let (Some(name), Some(location)) = (str_of(param, "name"), str_of(param, "in")) else {
        cx.report(&at, "a parameter without `name` or `in`: dropped");
        return Converted::Dropped;
    };
    match location {
        "path" | "query" | "header" => {}
        "cookie" => {
            cx.report(
                &at,
                format!("the cookie parameter `{name}` cannot be expressed: dropped (send it with a `Cookie` header of your own)"),
            );
            return Converted::Dropped;
        }
        other => {
            cx.report(
                &at,
                format!("`in: {other}` is not a parameter location: dropped"),
            );
            return Converted::Dropped;
        }
    }
    if location == "header" {
        if name.eq_ignore_ascii_case("authorization") {
            cx.report(
                &at,
                "the `Authorization` header is the client's bearer token (`auth: bearer`), not a parameter",
            );
            return Converted::Authorization;
        }
        if name.eq_ignore_ascii_case("accept") || name.eq_ignore_ascii_case("content-type") {
            cx.report(
                &at,
                format!("the `{name}` header is set by the client from the media types: dropped"),
            );
            return Converted::Dropped;
        }
    }
    let suffix = name.to_upper_camel_case();
    let (mut shape, json_content) = match (param.get("schema"), param.get("content")) {
        (Some(schema), _) => (
            shape(cx, schema, &child(&at, "schema"), operation, &suffix),
            false,
        ),
        (None, Some(content)) => {
            content_shape(cx, content, &child(&at, "content"), operation, &suffix)
        }
        (None, None) => {
            cx.report(&at, "the parameter has no schema: imported as a string");
            let mut keys = Fields::default();
            keys.set("type", Node::str("string"));
            (
                Shape {
                    keys,
                    structured: false,
                },
                false,
            )
        }
    };
    let keys = &mut shape.keys;
    keys.set("name", Node::str(name));
    keys.set("in", Node::str(location));
    if location == "query" {
        if let Some(style) = query_style(cx, param, &at, shape.structured, keys, json_content) {
            keys.set("style", Node::str(style));
        }
    }
    if location == "path" || param.get("required").and_then(Value::as_bool) == Some(true) {
        keys.set("required", Node::Scalar(Value::Bool(true)));
    }
    if let Some(d) = str_of(param, "description") {
        keys.set("description", Node::str(d));
    }
    if let Some(example) = param_example(param) {
        let accepted = match keys.get("enum") {
            Some(Node::Seq(values)) => values.iter().any(|e| e.node == Node::from(example.clone())),
            _ => true,
        };
        if accepted {
            keys.set("example", Node::from(example.clone()));
        } else {
            cx.report(&at, "the example is not among the `enum` values: dropped");
        }
    }
    for (key, spec) in [("deprecated", "deprecated"), ("x-sensitive", "sensitive")] {
        if param.get(key).and_then(Value::as_bool) == Some(true) {
            keys.set(spec, Node::Scalar(Value::Bool(true)));
        }
    }
    if let Some(rust) = str_of(param, "x-rust-name") {
        keys.set("rust_name", Node::str(rust));
    }
    for key in ["allowReserved", "allowEmptyValue"] {
        if param.get(key).and_then(Value::as_bool) == Some(true) {
            cx.report(
                &child(&at, key),
                format!("`{key}` cannot be expressed: dropped"),
            );
        }
    }
    Converted::Param {
        name: name.to_owned(),
        location: location.to_owned(),
        node: std::mem::take(keys).into_node_with(PARAM_ORDER),
    }
}

/// A parameter described by `content` (one media type): JSON text when the media type is JSON.
fn content_shape(
    cx: &mut Cx,
    content: &Value,
    pointer: &str,
    operation: &str,
    suffix: &str,
) -> (Shape, bool) {
    let entries = object(content);
    if entries.len() > 1 {
        cx.report(
            pointer,
            "a parameter with several media types: only the first is kept",
        );
    }
    let Some((media, body)) = entries.iter().next() else {
        cx.report(
            pointer,
            "the parameter's `content` is empty: imported as a string",
        );
        let mut keys = Fields::default();
        keys.set("type", Node::str("string"));
        return (
            Shape {
                keys,
                structured: false,
            },
            false,
        );
    };
    let at = child(&child(pointer, media), "schema");
    let empty = Value::Object(serde_json::Map::new());
    let schema = body.get("schema").unwrap_or(&empty);
    (shape(cx, schema, &at, operation, suffix), is_json(media))
}

/// A media type without its parameters, in lower case (`Text/Plain; charset=utf-8` ->
/// `text/plain`).
pub(super) fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`, with or
/// without parameters).
pub(super) fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// The parameter's example: `example`, or the first of `examples` (Example objects).
fn param_example(param: &Value) -> Option<&Value> {
    param.get("example").or_else(|| {
        param
            .get("examples")
            .map(object)
            .and_then(|e| e.values().next())
            .and_then(|e| e.get("value"))
    })
}

/// The spec `style` of a query parameter, when not the default (repeated keys for arrays, JSON
/// text for models); what the format cannot say is reported.
fn query_style(
    cx: &mut Cx,
    param: &Value,
    pointer: &str,
    structured: bool,
    keys: &Fields,
    json_content: bool,
) -> Option<&'static str> {
    let style = str_of(param, "style").unwrap_or("form");
    let explode = param
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    let array = keys.str("type") == Some("array");
    if json_content {
        return None;
    }
    if structured {
        return match (style, explode) {
            ("deepObject", _) => Some("deep_object"),
            _ => {
                cx.report(
                    pointer,
                    format!("a structured query value in `style: {style}` (explode {explode}) cannot be expressed: it is sent as JSON text (`style: json`)"),
                );
                None
            }
        };
    }
    if !array {
        return None;
    }
    match (style, explode) {
        ("form", true) => None,
        ("form", false) => Some("comma"),
        ("deepObject", _) => Some("deep_object"),
        (other, _) => {
            cx.report(
                pointer,
                format!(
                    "an array in `style: {other}` cannot be expressed: it is sent as repeated keys"
                ),
            );
            None
        }
    }
}
