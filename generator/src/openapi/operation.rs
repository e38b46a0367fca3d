//! IR actions to OpenAPI operations: parameters, request bodies, responses, security and
//! pagination.

use serde_json::{Map, Value, json};

use super::schema::schema;
use super::security;
use crate::ir::{
    Action, Api, BodyKind, Content, PageStyle, Pagination, Param, ParamLocation, ParamStyle, Part,
    PartKind, RequestBody, Resource, Response,
};

/// The operationId of an action: `<resource>.<action>` (unique, since resource names are unique
/// in an API and action names in a resource).
pub(super) fn operation_id(resource: &Resource, action: &Action) -> String {
    format!("{}.{}", resource.name, action.name)
}

/// The operation object of `action`. `api_params` are the API-wide parameters with their
/// component keys.
pub(super) fn operation(
    api: &Api,
    resource: &Resource,
    action: &Action,
    api_params: &[(String, &Param)],
) -> Value {
    let mut out = Map::new();
    out.insert("tags".into(), json!([resource.name]));
    out.insert("summary".into(), json!(action.summary));
    if let Some(d) = &action.description {
        out.insert("description".into(), json!(d));
    }
    out.insert("operationId".into(), json!(operation_id(resource, action)));
    if action.deprecated {
        out.insert("deprecated".into(), json!(true));
    }
    let mut parameters: Vec<Value> = action.params.iter().map(parameter).collect();
    for (key, p) in api_params {
        // An action's own parameter of the same name and place takes precedence.
        if !action
            .params
            .iter()
            .any(|own| own.name == p.name && own.location == p.location)
        {
            parameters.push(json!({"$ref": format!("#/components/parameters/{key}")}));
        }
    }
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = &action.body {
        if let RequestBody::Single(single) = body {
            out.insert("x-codegen-request-body-name".into(), json!(single.name));
        }
        out.insert("requestBody".into(), request_body(body));
    }
    let mut responses = Map::new();
    for r in action.responses.iter().chain(&action.errors) {
        responses.insert(r.status.key(), response(r));
    }
    out.insert("responses".into(), Value::Object(responses));
    if let Some(requirements) = security::requirements(api, action) {
        out.insert("security".into(), requirements);
    }
    if let Some(p) = &action.pagination {
        out.insert("x-pagination".into(), pagination(p));
    }
    Value::Object(out)
}

/// A parameter object; also used for the API-wide parameters under `components/parameters`.
pub(super) fn parameter(p: &Param) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(p.name));
    let location = match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    out.insert("in".into(), json!(location));
    if let Some(d) = &p.description {
        out.insert("description".into(), json!(d));
    }
    if p.required || p.location == ParamLocation::Path {
        out.insert("required".into(), json!(true));
    }
    if p.deprecated {
        out.insert("deprecated".into(), json!(true));
    }
    let (style, explode) = match p.style {
        None | Some(ParamStyle::Json) => (None, None),
        Some(ParamStyle::Repeat) => (Some("form"), Some(true)),
        Some(ParamStyle::Comma) => (Some("form"), Some(false)),
        Some(ParamStyle::DeepObject) => (Some("deepObject"), Some(true)),
    };
    if p.style == Some(ParamStyle::Json) {
        // OpenAPI's way of saying "the value is JSON text".
        out.insert(
            "content".into(),
            json!({"application/json": {"schema": schema(&p.schema)}}),
        );
    } else {
        out.insert("schema".into(), schema(&p.schema));
    }
    if let Some(s) = style {
        out.insert("style".into(), json!(s));
    }
    if let Some(e) = explode {
        out.insert("explode".into(), json!(e));
    }
    if let Some(rust) = &p.rust_name {
        out.insert("x-rust-name".into(), json!(rust));
    }
    Value::Object(out)
}

fn request_body(body: &RequestBody) -> Value {
    let mut out = Map::new();
    match body {
        RequestBody::Single(single) => {
            if let Some(d) = &single.description {
                out.insert("description".into(), json!(d));
            }
            let media = match &single.kind {
                BodyKind::Json(s) => json!({"schema": schema(s)}),
                BodyKind::Binary => json!({"schema": binary()}),
                BodyKind::Text => json!({"schema": {"type": "string"}}),
            };
            let mut content = Map::new();
            content.insert(single.media_type.clone(), media);
            out.insert("content".into(), Value::Object(content));
            if single.required {
                out.insert("required".into(), json!(true));
            }
            if let Some(rust) = &single.rust_name {
                out.insert("x-rust-name".into(), json!(rust));
            }
        }
        RequestBody::Multipart(parts) => {
            out.insert(
                "content".into(),
                json!({"multipart/form-data": parts_media(parts)}),
            );
            out.insert("required".into(), json!(parts.iter().any(|p| p.required)));
        }
        RequestBody::Form(parts) => {
            out.insert(
                "content".into(),
                json!({"application/x-www-form-urlencoded": parts_media(parts)}),
            );
            out.insert("required".into(), json!(parts.iter().any(|p| p.required)));
        }
    }
    Value::Object(out)
}

/// The schema of raw bytes.
fn binary() -> Value {
    json!({"type": "string", "format": "binary"})
}

/// The media type object of a multipart or form body: an object schema with a property per part.
fn parts_media(parts: &[Part]) -> Value {
    let mut properties = Map::new();
    for part in parts {
        let mut value = match &part.kind {
            PartKind::File { media_type } => {
                let mut file = binary();
                if let (Some(m), Value::Object(o)) = (media_type, &mut file) {
                    o.insert("contentMediaType".into(), json!(m));
                }
                file
            }
            PartKind::Value(s) => schema(s),
        };
        if let Value::Object(o) = &mut value {
            if let Some(d) = &part.description {
                o.insert("description".into(), json!(d));
            }
            if let Some(rust) = &part.rust_name {
                o.insert("x-rust-name".into(), json!(rust));
            }
        }
        properties.insert(part.name.clone(), value);
    }
    let required: Vec<&str> = parts
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name.as_str())
        .collect();
    let mut object = Map::new();
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), json!(required));
    }
    json!({"schema": object})
}

fn response(r: &Response) -> Value {
    let mut out = Map::new();
    out.insert("description".into(), json!(r.description));
    if !r.headers.is_empty() {
        let mut headers = Map::new();
        for h in &r.headers {
            let mut header = Map::new();
            if let Some(d) = &h.description {
                header.insert("description".into(), json!(d));
            }
            header.insert("schema".into(), schema(&h.schema));
            headers.insert(h.name.clone(), Value::Object(header));
        }
        out.insert("headers".into(), Value::Object(headers));
    }
    // An undocumented media type is written as a range (`*/*`, `text/*`), which the importer
    // reads back as undocumented.
    let content = match &r.content {
        Content::None => None,
        Content::Json {
            schema: s,
            media_type,
        } => Some((media_type.as_str(), json!({"schema": schema(s)}))),
        Content::Binary { media_type } => Some((
            media_type.as_deref().unwrap_or("*/*"),
            json!({"schema": binary()}),
        )),
        Content::Text { media_type } => Some((
            media_type.as_deref().unwrap_or("text/*"),
            json!({"schema": {"type": "string"}}),
        )),
        Content::Events(kinds) => {
            let mut events = Map::new();
            for kind in kinds {
                let mut event = Map::new();
                if let Some(d) = &kind.description {
                    event.insert("description".into(), json!(d));
                }
                if let Some(data) = &kind.data {
                    event.insert("schema".into(), schema(data));
                }
                events.insert(kind.name.clone(), Value::Object(event));
            }
            Some((
                "text/event-stream",
                json!({"schema": {"type": "string"}, "x-events": events}),
            ))
        }
    };
    if let Some((media, value)) = content {
        let mut map = Map::new();
        map.insert(media.to_owned(), value);
        out.insert("content".into(), Value::Object(map));
    }
    Value::Object(out)
}

/// `x-pagination`, with the spec's keys.
fn pagination(p: &Pagination) -> Value {
    let mut out = Map::new();
    match &p.style {
        PageStyle::Number { param, first } => {
            out.insert("page".into(), json!(param));
            out.insert("first_page".into(), json!(first));
        }
        PageStyle::Cursor { param, next } => {
            out.insert("cursor".into(), json!(param));
            out.insert("next_cursor".into(), json!(next.dotted()));
        }
        PageStyle::NextLink { link } => {
            out.insert("next_link".into(), json!(link.dotted()));
        }
    }
    if let Some(per_page) = &p.per_page {
        out.insert("per_page".into(), json!(per_page));
    }
    out.insert("items".into(), json!(p.items.dotted()));
    if let Some(total) = &p.total {
        out.insert("total".into(), json!(total.dotted()));
    }
    Value::Object(out)
}
