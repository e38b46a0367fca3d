//! Responses: successes (2xx) and errors (4xx, 5xx, `4XX`, `5XX`, `default`), their bodies
//! (JSON models, binary, text, server-sent events) and headers.

use serde_json::{Map, Value};

use super::Cx;
use super::api::Media;
use super::bodies::is_binary;
use super::document::{child, follow, object, str_of};
use super::fields::Fields;
use super::inspect::{reference_model, resolve};
use super::models::{add_inline, inline_name};
use super::params::{essence, is_json};
use crate::import::yaml_writer::{Entry, Node};

/// Keys of a spec response, in the order they are written.
const RESPONSE_ORDER: &[&str] = &[
    "model",
    "type",
    "media_type",
    "events",
    "description",
    "headers",
];

/// An operation's responses as spec entries: status -> response.
#[derive(Default)]
pub(super) struct Responses {
    /// Success statuses (2xx), in document order.
    pub success: Vec<(String, Node)>,
    /// Error statuses, in document order.
    pub errors: Vec<(String, Node)>,
}

/// What a status key is.
enum Class {
    Success(String),
    Error(String),
    Informational,
    Redirect,
    Invalid,
}

fn classify(key: &str) -> Class {
    if key == "default" {
        return Class::Error(key.to_owned());
    }
    let mut chars = key.chars();
    let first = chars.next();
    let rest: String = chars.collect();
    if key.len() == 3 && rest.eq_ignore_ascii_case("xx") {
        return match first {
            Some('1') => Class::Informational,
            Some('2') => Class::Success("200".into()),
            Some('3') => Class::Redirect,
            Some(c @ ('4' | '5')) => Class::Error(format!("{c}XX")),
            _ => Class::Invalid,
        };
    }
    match key.parse::<u16>() {
        Ok(100..=199) => Class::Informational,
        Ok(200..=299) => Class::Success(key.to_owned()),
        Ok(300..=399) => Class::Redirect,
        Ok(400..=599) => Class::Error(key.to_owned()),
        _ => Class::Invalid,
    }
}

/// Converts the `responses` of an operation (at `pointer`).
pub(super) fn responses(
    cx: &mut Cx,
    raw: Option<&Value>,
    pointer: &str,
    operation: &str,
    media: &Media,
) -> Responses {
    let mut out = Responses::default();
    let entries = raw.map(object).into_iter().flatten();
    let successes = raw
        .map(object)
        .into_iter()
        .flatten()
        .filter(|(k, _)| matches!(classify(k), Class::Success(_)))
        .count();
    for (key, response) in entries {
        let at = child(pointer, key);
        match classify(key) {
            Class::Success(status) => {
                if status != *key {
                    cx.report(&at, format!("`{key}` is imported as `{status}`"));
                }
                if out.success.iter().any(|(s, _)| *s == status) {
                    continue;
                }
                let suffix = if successes == 1 {
                    "Response".to_owned()
                } else {
                    format!("Response{status}")
                };
                let node = response_node(cx, response, &at, operation, &suffix, &media.success);
                out.success.push((status, node));
            }
            Class::Error(status) => {
                let suffix = format!("Error{}", if status == "default" { "Default" } else { &status });
                let node = response_node(cx, response, &at, operation, &suffix, &media.error);
                out.errors.push((status, node));
            }
            Class::Informational => cx.report(
                &at,
                format!("the `{key}` response is dropped: the generated client does not switch protocols (e.g. to a WebSocket), so such an answer is an unexpected-status error"),
            ),
            Class::Redirect => cx.report(
                &at,
                format!("the `{key}` response is dropped: the generated client follows redirects (up to 5) and judges the final response by its status"),
            ),
            Class::Invalid => cx.report(&at, format!("`{key}` is not an HTTP status: dropped")),
        }
    }
    if out.success.is_empty() {
        let default = out
            .errors
            .iter()
            .find(|(s, _)| s == "default")
            .map(|(_, n)| n.clone());
        let node = match default {
            Some(node) => {
                cx.report(
                    pointer,
                    "no 2xx response is documented: the `default` response is also imported as the `200` success",
                );
                node
            }
            None => {
                cx.report(
                    pointer,
                    "no 2xx response is documented: imported as a `200` success without a body",
                );
                let mut node = Node::map();
                node.insert("description", Node::str("Success (not documented)"));
                node
            }
        };
        out.success.push(("200".into(), node));
    }
    out
}

/// How a response body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Body {
    Json,
    Events,
    Text,
    Binary,
}

fn body_kind(media: &str) -> Body {
    let essence = essence(media);
    if is_json(media) {
        Body::Json
    } else if essence == "text/event-stream" {
        Body::Events
    } else if essence.starts_with("text/") {
        Body::Text
    } else {
        Body::Binary
    }
}

/// One response; `default_media` is the API's media type for its kind (success or error).
fn response_node(
    cx: &mut Cx,
    raw: &Value,
    pointer: &str,
    operation: &str,
    suffix: &str,
    default_media: &str,
) -> Node {
    let doc = cx.doc;
    let mut keys = Fields::default();
    let (response, at) = match follow(doc, raw, pointer) {
        Ok(found) => found,
        Err(why) => {
            cx.report(pointer, format!("{why}: imported without a body"));
            keys.set("description", Node::str(""));
            return keys.into_node_with(RESPONSE_ORDER);
        }
    };
    keys.set(
        "description",
        Node::str(str_of(response, "description").unwrap_or_default()),
    );
    let content = response.get("content").map(object);
    if let Some((media, media_obj)) =
        content.and_then(|c| c.iter().min_by_key(|(m, _)| body_kind(m)))
    {
        let content_at = child(&at, "content");
        for other in content
            .into_iter()
            .flatten()
            .map(|(m, _)| m)
            .filter(|m| *m != media)
        {
            cx.report(
                &child(&content_at, other),
                format!("the response is also documented as `{other}`; only `{media}` is imported"),
            );
        }
        let entry = MediaEntry {
            media,
            value: media_obj,
            pointer: child(&content_at, media),
        };
        body(cx, &mut keys, &entry, operation, suffix, default_media);
    }
    if let Some(headers) = response
        .get("headers")
        .map(object)
        .filter(|h| !h.is_empty())
    {
        let node = response_headers(cx, headers, &child(&at, "headers"));
        keys.set("headers", node);
    }
    if response.get("links").is_some() {
        cx.report(
            &child(&at, "links"),
            "response links cannot be expressed: dropped",
        );
    }
    keys.into_node_with(RESPONSE_ORDER)
}

/// One media type of a response's `content`.
struct MediaEntry<'a> {
    media: &'a str,
    value: &'a Value,
    pointer: String,
}

/// The body keys of a response: `model` (JSON), `events`, or `type: text` / `type: binary`.
fn body(
    cx: &mut Cx,
    keys: &mut Fields,
    entry: &MediaEntry,
    operation: &str,
    suffix: &str,
    default_media: &str,
) {
    let doc = cx.doc;
    let (media, media_obj, media_at) = (entry.media, entry.value, entry.pointer.as_str());
    let empty = Value::Object(Map::new());
    let schema = media_obj.get("schema").unwrap_or(&empty);
    let schema_at = child(media_at, "schema");
    let kind = match body_kind(media) {
        Body::Text if is_binary(doc, media_obj.get("schema")) => Body::Binary,
        k => k,
    };
    match kind {
        Body::Json => {
            let model = model_of(cx, schema, &schema_at, operation, suffix);
            keys.set("model", Node::str(model));
            if media != default_media {
                keys.set("media_type", Node::str(media));
            }
        }
        Body::Events => {
            let events = match media_obj.get("x-events").map(object) {
                Some(declared) => {
                    declared_events(cx, declared, &child(media_at, "x-events"), operation)
                }
                None => {
                    let mut event = Node::map();
                    let structured = resolve(doc, schema).is_some_and(|s| {
                        schema.get("$ref").is_some() || s.get("properties").is_some()
                    });
                    if structured {
                        let model = model_of(cx, schema, &schema_at, operation, "Event");
                        event.insert("model", Node::str(model));
                    }
                    Node::Map(vec![("message".into(), Entry::from(event))])
                }
            };
            keys.set("events", events);
        }
        Body::Text => {
            keys.set("type", Node::str("text"));
            if media != "text/*" {
                keys.set("media_type", Node::str(media));
            }
        }
        Body::Binary => {
            keys.set("type", Node::str("binary"));
            if media != "*/*" {
                keys.set("media_type", Node::str(media));
            }
        }
    }
}

/// The model of a JSON body: the referenced one, or a model made of the inline schema.
fn model_of(cx: &mut Cx, schema: &Value, pointer: &str, operation: &str, suffix: &str) -> String {
    if let Some(model) = reference_model(cx, schema) {
        return model;
    }
    let doc = cx.doc;
    let (resolved, at) = follow(doc, schema, pointer).unwrap_or((schema, pointer.to_owned()));
    let wanted = inline_name(resolved, &at, operation, suffix);
    add_inline(cx, resolved, &at, &wanted)
}

/// The exporter's `x-events`: event name -> `{description, schema}`.
fn declared_events(
    cx: &mut Cx,
    declared: &Map<String, Value>,
    pointer: &str,
    operation: &str,
) -> Node {
    let mut out = Vec::new();
    for (name, event) in declared {
        let at = child(pointer, name);
        let mut node = Node::map();
        if let Some(schema) = event.get("schema") {
            let suffix = format!(
                "Event{}",
                heck::ToUpperCamelCase::to_upper_camel_case(name.as_str())
            );
            let model = model_of(cx, schema, &child(&at, "schema"), operation, &suffix);
            node.insert("model", Node::str(model));
        }
        if let Some(d) = str_of(event, "description") {
            node.insert("description", Node::str(d));
        }
        out.push((name.clone(), Entry::from(node)));
    }
    Node::Map(out)
}

/// Documented response headers: name -> `{type, description, format, sensitive}`.
fn response_headers(cx: &mut Cx, headers: &Map<String, Value>, pointer: &str) -> Node {
    let doc = cx.doc;
    let mut out = Vec::new();
    for (name, raw) in headers {
        let at = child(pointer, name);
        let (header, at) = match follow(doc, raw, &at) {
            Ok(found) => found,
            Err(why) => {
                cx.report(&at, format!("{why}: the header is dropped"));
                continue;
            }
        };
        let schema = header
            .get("schema")
            .or_else(|| {
                header
                    .get("content")
                    .map(object)
                    .and_then(|c| c.values().next())
                    .and_then(|m| m.get("schema"))
            })
            .and_then(|s| resolve(doc, s));
        let ty = match schema.and_then(|s| str_of(s, "type")) {
            Some(t @ ("string" | "integer" | "number" | "boolean")) => t,
            Some(other) => {
                cx.report(
                    &at,
                    format!("a header of type `{other}` cannot be expressed: imported as a string"),
                );
                "string"
            }
            None => "string",
        };
        let mut node = Node::map();
        node.insert("type", Node::str(ty));
        let description =
            str_of(header, "description").or_else(|| schema.and_then(|s| str_of(s, "description")));
        if let Some(d) = description {
            node.insert("description", Node::str(d));
        }
        if let Some(format) = schema.and_then(|s| str_of(s, "format")) {
            node.insert("format", Node::str(format));
        }
        let sensitive = [Some(header), schema]
            .into_iter()
            .flatten()
            .any(|v| v.get("x-sensitive").and_then(Value::as_bool) == Some(true));
        if sensitive {
            node.insert("sensitive", Node::Scalar(Value::Bool(true)));
        }
        out.push((name.clone(), Entry::from(node)));
    }
    Node::Map(out)
}
