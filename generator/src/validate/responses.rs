//! Responses: statuses (2xx successes; other codes, `4XX`, `5XX` and `default` for errors),
//! bodies (none, JSON, binary, text or server-sent events) and documented headers.

use indexmap::IndexMap;

use super::schema::Convert;
use super::{is_header_name, is_media_type};
use crate::diagnostics::Pos;
use crate::ir::{
    Content, EventKind, Method, NumberConstraints, Origin, Response, ResponseHeader, Schema,
    SchemaKind, Status, StringType,
};
use crate::load::spanned::{Item, Spanned};
use crate::load::spec::{self, BodyType, MediaTypes, ScalarType};
use crate::load::yaml::shown;

/// The media type of server-sent events.
const EVENT_STREAM: &str = "text/event-stream";

/// Which list of responses is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `responses:` (2xx codes).
    Success,
    /// `errors:` (other codes, `4XX`, `5XX`, `default`).
    Error,
}

/// The responses of one list, in doc order. `media` is the API's media types (absent when the
/// `api:` file failed to load).
pub fn responses(
    conv: &mut Convert,
    map: &IndexMap<Spanned<String>, Item<spec::Response>>,
    side: Side,
    media: Option<&MediaTypes>,
    method: spec::Method,
) -> Vec<Response> {
    let mut out: Vec<Response> = Vec::new();
    let mut seen: Vec<(Status, &Spanned<String>)> = Vec::new();
    for (key, item) in map {
        let status = status(conv, key, side);
        if let Some(status) = status {
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == status) {
                conv.cx.error(
                    conv.file,
                    key.pos,
                    format!(
                        "status `{}` is listed twice (as `{}` at line {})",
                        shown(&key.value),
                        shown(&first.value),
                        first.pos.line
                    ),
                    "remove one of them",
                );
            }
            seen.push((status, key));
        }
        let Some(response) = &item.0 else {
            conv.cx.left_out();
            continue;
        };
        let content = content(conv, response, side, media, method == Method::Head);
        let headers = headers(conv, &response.headers);
        if let Some(status) = status {
            out.push(Response {
                status,
                description: response.description.clone(),
                content,
                headers,
                origin: Origin::new(conv.file.clone(), key.pos),
            });
        }
    }
    out
}

fn status(conv: &mut Convert, key: &Spanned<String>, side: Side) -> Option<Status> {
    let text = key.value.as_str();
    let class = match text.as_bytes() {
        [digit @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] => Some(digit - b'0'),
        _ => None,
    };
    let status = if text == "default" {
        Some(Status::Default)
    } else if let Some(class) = class {
        Some(Status::Class(class))
    } else {
        text.parse::<u16>()
            .ok()
            .filter(|c| (100..=599).contains(c))
            .map(Status::Code)
    };
    let problem = match (side, status) {
        (_, None) => Some((
            format!("`{}` is not an HTTP status", shown(text)),
            match side {
                Side::Success => "use a 2xx code, e.g. `200`",
                Side::Error => "use a code from 100 to 599, `4XX`, `5XX` or `default`",
            },
        )),
        (Side::Success, Some(Status::Code(c))) if !(200..300).contains(&c) => Some((
            format!("success status {c} is not a 2xx status"),
            "move it under `errors:`",
        )),
        (Side::Success, Some(Status::Class(_) | Status::Default)) => Some((
            format!("`{}` is not a success status: successes are 2xx codes", shown(text)),
            "list each success code under `responses:`, and `4XX`, `5XX` or `default` under \
             `errors:`",
        )),
        (Side::Error, Some(Status::Code(c))) if (200..300).contains(&c) => Some((
            format!("error status {c} is a 2xx (success) status"),
            "move it under `responses:`",
        )),
        (Side::Error, Some(Status::Class(c))) if !(4..=5).contains(&c) => Some((
            format!("`{}` is not an error class", shown(text)),
            "use `4XX`, `5XX` or `default`, or list the codes one by one",
        )),
        _ => None,
    };
    match problem {
        Some((message, help)) => {
            conv.cx.error(conv.file, key.pos, message, help);
            None
        }
        None => status,
    }
}

/// What a response's body holds.
fn content(
    conv: &mut Convert,
    r: &spec::Response,
    side: Side,
    media: Option<&MediaTypes>,
    head: bool,
) -> Content {
    let given: Vec<(&str, Pos)> = [
        r.model.as_ref().map(|m| ("model", m.pos)),
        r.ty.as_ref().map(|t| ("type", t.pos)),
        r.events.as_ref().map(|e| ("events", e.pos)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [(first, _), (second, pos), ..] = given.as_slice() {
        conv.cx.error(
            conv.file,
            *pos,
            format!(
                "a response body is one of `model` (JSON), `type` (binary or text) and \
                 `events`; this one has `{first}` and `{second}`"
            ),
            format!("remove `{first}` or `{second}`"),
        );
    }
    if let (true, Some((first, pos))) = (head, given.first()) {
        conv.cx.error(
            conv.file,
            *pos,
            "a response to HEAD has no body",
            format!("remove `{first}`: HEAD responses carry headers only"),
        );
    }
    if let Some(media) = &r.media_type {
        if !is_media_type(&media.value) {
            conv.cx.error(
                conv.file,
                media.pos,
                format!("`{}` is not a media type", shown(&media.value)),
                "write `type/subtype`, e.g. `application/json` or `image/png`",
            );
        }
    }
    let given_media = r.media_type.as_ref().map(|m| m.value.clone());
    if let Some(model) = &r.model {
        return json(conv, model, given_media, side, media);
    }
    if let Some(ty) = &r.ty {
        return match ty.value {
            BodyType::Binary => Content::Binary {
                media_type: given_media,
            },
            BodyType::Text => Content::Text {
                media_type: given_media,
            },
        };
    }
    if let Some(events) = &r.events {
        return Content::Events(self::events(conv, events, r.media_type.as_ref()));
    }
    if let Some(media) = &r.media_type {
        conv.cx.error(
            conv.file,
            media.pos,
            "`media_type` on a response without a body",
            "add the body (`model`, `type` or `events`), or remove `media_type`",
        );
    }
    Content::None
}

fn json(
    conv: &mut Convert,
    model: &Spanned<String>,
    given: Option<String>,
    side: Side,
    media: Option<&MediaTypes>,
) -> Content {
    conv.models.check_ref(conv.cx, conv.file, model);
    let listed = media.map(|m| match side {
        Side::Success => &m.success,
        Side::Error => &m.error,
    });
    let media_type = match (given, listed) {
        (Some(given), _) => given,
        (None, Some(listed)) => match listed.first() {
            Some(first) => first.clone(),
            None => {
                conv.cx.error(
                    conv.file,
                    model.pos,
                    format!(
                        "the API lists no {} media type, and this response names none",
                        match side {
                            Side::Success => "success",
                            Side::Error => "error",
                        }
                    ),
                    "add `media_type:` here, or list it under the API's `media_types`",
                );
                String::new()
            }
        },
        // The `api:` file failed to load: its media types are unknown (and the IR is not built).
        (None, None) => String::new(),
    };
    Content::Json {
        schema: Schema::new(
            SchemaKind::Ref(model.value.clone()),
            Origin::new(conv.file.clone(), model.pos),
        ),
        media_type,
    }
}

fn events(
    conv: &mut Convert,
    events: &Spanned<IndexMap<Spanned<String>, Item<spec::Event>>>,
    media: Option<&Spanned<String>>,
) -> Vec<EventKind> {
    if let Some(media) = media.filter(|m| m.value != EVENT_STREAM) {
        conv.cx.error(
            conv.file,
            media.pos,
            format!(
                "an event stream is `{EVENT_STREAM}`, not `{}`",
                shown(&media.value)
            ),
            "remove `media_type`",
        );
    }
    if events.value.is_empty() {
        conv.cx.error(
            conv.file,
            events.pos,
            "`events` lists no event",
            "list each event name (`message` when the server sends none) with its `model`",
        );
    }
    let mut out = Vec::new();
    for (name, item) in &events.value {
        let Some(event) = &item.0 else {
            conv.cx.left_out();
            continue;
        };
        let data = event.model.as_ref().map(|model| {
            conv.models.check_ref(conv.cx, conv.file, model);
            Schema::new(
                SchemaKind::Ref(model.value.clone()),
                Origin::new(conv.file.clone(), model.pos),
            )
        });
        out.push(EventKind {
            name: name.value.clone(),
            description: event.description.clone(),
            data,
            origin: Origin::new(conv.file.clone(), name.pos),
        });
    }
    out
}

fn headers(
    conv: &mut Convert,
    headers: &IndexMap<Spanned<String>, Item<spec::ResponseHeader>>,
) -> Vec<ResponseHeader> {
    let mut out: Vec<ResponseHeader> = Vec::new();
    for (name, item) in headers {
        if !is_header_name(&name.value) {
            conv.cx.error(
                conv.file,
                name.pos,
                format!("`{}` is not a valid HTTP header name", shown(&name.value)),
                "use letters, digits and `-` only",
            );
        } else if let Some(first) = out
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(&name.value))
        {
            conv.cx.error(
                conv.file,
                name.pos,
                format!(
                    "header `{}` is listed twice (header names ignore case; the first is at line {})",
                    name.value, first.origin.pos.line
                ),
                "remove one of them",
            );
        }
        let Some(header) = &item.0 else {
            conv.cx.left_out();
            continue;
        };
        let origin = Origin::new(conv.file.clone(), name.pos);
        let constraints = NumberConstraints {
            format: header.format.clone(),
            ..NumberConstraints::default()
        };
        let kind = match header.ty.value {
            ScalarType::String => SchemaKind::String(StringType {
                format: header.format.clone(),
                ..StringType::default()
            }),
            ScalarType::Integer => SchemaKind::Integer {
                constraints,
                values: Vec::new(),
            },
            ScalarType::Number => SchemaKind::Number {
                constraints,
                values: Vec::new(),
            },
            ScalarType::Boolean => {
                if header.format.is_some() {
                    conv.cx.error(
                        conv.file,
                        header.ty.pos,
                        "`format` does not apply to `type: boolean`",
                        "remove `format`",
                    );
                }
                SchemaKind::Boolean { values: Vec::new() }
            }
        };
        let mut schema = Schema::new(kind, origin.clone());
        schema.sensitive = header.sensitive;
        out.push(ResponseHeader {
            name: name.value.clone(),
            description: header.description.clone(),
            schema,
            origin,
        });
    }
    out
}
