//! Request bodies: JSON (`in: body` with a model), multipart and form parts, binary and text.

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::Cx;
use super::api::Media;
use super::document::{child, follow, object, str_of};
use super::fields::Fields;
use super::inspect::{reference_model, resolve};
use super::models::{add_inline, inline_name};
use super::params::{PARAM_ORDER, essence, is_json};
use super::values::shape;
use crate::import::yaml_writer::Node;

/// How a media type is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Json,
    Multipart,
    Form,
    Binary,
    Text,
}

fn kind(media: &str) -> Kind {
    let essence = essence(media);
    if is_json(media) {
        Kind::Json
    } else if essence == "multipart/form-data" {
        Kind::Multipart
    } else if essence == "application/x-www-form-urlencoded" {
        Kind::Form
    } else if essence.starts_with("text/") {
        Kind::Text
    } else {
        Kind::Binary
    }
}

/// What an operation says about its body besides the `requestBody` itself.
pub(super) struct BodyContext<'a> {
    /// The operation's action name (for inline model names).
    pub operation: &'a str,
    /// `x-codegen-request-body-name`, the documented name of the body parameter.
    pub name: Option<&'a str>,
    /// The API's media types.
    pub media: &'a Media,
    /// Names of the operation's other parameters (the body's name must differ).
    pub taken: &'a [String],
}

/// The spec parameters for the request body `raw` at `pointer`: one `in: body` parameter, or
/// one per multipart or form part.
pub(super) fn request_body(
    cx: &mut Cx,
    raw: &Value,
    pointer: &str,
    ctx: &BodyContext,
) -> Vec<Node> {
    let doc = cx.doc;
    let (body, at) = match follow(doc, raw, pointer) {
        Ok(found) => found,
        Err(why) => {
            cx.report(pointer, format!("{why}: the request body is dropped"));
            return Vec::new();
        }
    };
    let content = body.get("content").map(object);
    let Some((media, media_obj)) = content.and_then(|c| c.iter().min_by_key(|(m, _)| kind(m)))
    else {
        cx.report(&at, "the request body documents no media type: dropped");
        return Vec::new();
    };
    let content_at = child(&at, "content");
    for other in content
        .into_iter()
        .flatten()
        .map(|(m, _)| m)
        .filter(|m| *m != media)
    {
        cx.report(
            &child(&content_at, other),
            format!("the body is also documented as `{other}`; only `{media}` is imported (one media type per body)"),
        );
    }
    let media_at = child(&content_at, media);
    let required = body.get("required").and_then(Value::as_bool) == Some(true);
    let description = str_of(body, "description");
    let kind = match kind(media) {
        Kind::Text if is_binary(doc, media_obj.get("schema")) => Kind::Binary,
        k => k,
    };
    match kind {
        Kind::Multipart | Kind::Form => {
            if let Some(parts) = parts(cx, media, media_obj, &media_at, ctx) {
                return parts;
            }
        }
        Kind::Json => {
            let mut keys = whole_body(ctx, body, required, description);
            let empty = Value::Object(serde_json::Map::new());
            let schema = media_obj.get("schema").unwrap_or(&empty);
            let schema_at = child(&media_at, "schema");
            let model = match reference_model(cx, schema) {
                Some(model) => model,
                None => {
                    let resolved = resolve(doc, schema).unwrap_or(schema);
                    let wanted = inline_name(resolved, &schema_at, ctx.operation, "Body");
                    add_inline(cx, resolved, &schema_at, &wanted)
                }
            };
            keys.set("model", Node::str(model));
            if *media != ctx.media.request {
                keys.set("media_type", Node::str(media.as_str()));
            }
            return vec![keys.into_node_with(PARAM_ORDER)];
        }
        Kind::Binary | Kind::Text => {}
    }
    let mut keys = whole_body(ctx, body, required, description);
    let (ty, media_type) = match kind {
        Kind::Text => ("string", media.as_str()),
        _ if media == "*/*" => ("binary", "application/octet-stream"),
        _ => ("binary", media.as_str()),
    };
    keys.set("type", Node::str(ty));
    keys.set("media_type", Node::str(media_type));
    vec![keys.into_node_with(PARAM_ORDER)]
}

/// The keys every whole-body parameter has: its name, `in: body`, documentation.
fn whole_body(
    ctx: &BodyContext,
    body: &Value,
    required: bool,
    description: Option<&str>,
) -> Fields {
    let mut name = ctx.name.unwrap_or("body").to_owned();
    for candidate in ["requestBody", "body2", "body3"] {
        if !ctx.taken.contains(&name) {
            break;
        }
        name = candidate.to_owned();
    }
    let mut keys = Fields::default();
    keys.set("name", Node::str(name));
    keys.set("in", Node::str("body"));
    if required {
        keys.set("required", Node::Scalar(Value::Bool(true)));
    }
    if let Some(d) = description {
        keys.set("description", Node::str(d));
    }
    if let Some(rust) = str_of(body, "x-rust-name") {
        keys.set("rust_name", Node::str(rust));
    }
    keys
}

/// One spec parameter per property of a multipart or form body; `None` (with a finding) when the
/// body's schema is not an object, which is then imported as binary.
fn parts(
    cx: &mut Cx,
    media: &str,
    media_obj: &Value,
    media_at: &str,
    ctx: &BodyContext,
) -> Option<Vec<Node>> {
    let doc = cx.doc;
    let location = if kind(media) == Kind::Multipart {
        "multipart"
    } else {
        "form"
    };
    let schema_at = child(media_at, "schema");
    let empty = Value::Object(serde_json::Map::new());
    let raw = media_obj.get("schema").unwrap_or(&empty);
    let (schema, at) = follow(doc, raw, &schema_at).unwrap_or((raw, schema_at.clone()));
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        cx.report(
            &schema_at,
            format!("the `{media}` body's schema declares no properties, so its parts are unknown: imported as a binary body"),
        );
        return None;
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let encoding = media_obj.get("encoding").map(object);
    let mut out = Vec::new();
    for (name, part) in properties {
        let part_at = child(&child(&at, "properties"), name);
        let part_media = encoding
            .and_then(|e| e.get(name))
            .and_then(|e| str_of(e, "contentType"));
        let mut keys = match file_media(doc, part) {
            Some(file_media) if location == "multipart" => {
                if resolve(doc, part).and_then(|p| str_of(p, "type")) == Some("array") {
                    cx.report(
                        &part_at,
                        "several files under one part name cannot be expressed: imported as one file part",
                    );
                }
                let mut keys = Fields::default();
                keys.set("type", Node::str("file"));
                if let Some(m) = part_media.or(Some(file_media)).filter(|m| *m != "*/*") {
                    keys.set("media_type", Node::str(m));
                }
                if let Some(d) = resolve(doc, part).and_then(|p| str_of(p, "description")) {
                    keys.set("description", Node::str(d));
                }
                keys
            }
            other => {
                if other.is_some() {
                    cx.report(
                        &part_at,
                        "a file in a form body cannot be sent (only multipart bodies carry files): imported as a string field",
                    );
                }
                let suffix = name.to_upper_camel_case();
                let mut keys = shape(cx, part, &part_at, ctx.operation, &suffix).keys;
                if let Some(m) = part_media {
                    keys.set("media_type", Node::str(m));
                }
                keys
            }
        };
        keys.set("name", Node::str(name.as_str()));
        keys.set("in", Node::str(location));
        if required.contains(&name.as_str()) {
            keys.set("required", Node::Scalar(Value::Bool(true)));
        }
        if let Some(rust) = str_of(part, "x-rust-name") {
            keys.set("rust_name", Node::str(rust));
        }
        out.push(keys.into_node_with(PARAM_ORDER));
    }
    Some(out)
}

/// When the part schema `part` is a file (a binary string, or an array of them), its documented
/// media type (`contentMediaType`), or `Some("*/*")` when none is given.
fn file_media<'a>(doc: &'a Value, part: &'a Value) -> Option<&'a str> {
    let schema = resolve(doc, part)?;
    let schema = match str_of(schema, "type") {
        Some("array") => resolve(doc, schema.get("items")?)?,
        _ => schema,
    };
    if str_of(schema, "type") != Some("string") {
        return None;
    }
    let media = str_of(schema, "contentMediaType");
    let binary = str_of(schema, "format") == Some("binary")
        || media.is_some() && schema.get("contentEncoding").is_none();
    binary.then_some(media.unwrap_or("*/*"))
}

/// Whether a schema is raw bytes (`type: string, format: binary`).
pub(super) fn is_binary(doc: &Value, schema: Option<&Value>) -> bool {
    schema.and_then(|s| resolve(doc, s)).is_some_and(|s| {
        str_of(s, "type") == Some("string") && str_of(s, "format") == Some("binary")
    })
}
