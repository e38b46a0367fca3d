//! Pagination: one of three styles (page numbers, a cursor, a link to the next page), the query
//! parameters it names, and the fields of the success body it reads.

use super::schema::Convert;
use super::shapes::{ObjectShape, kind_name, object, resolve};
use crate::ir::{
    Content, FieldPath, Origin, PageStyle, Pagination, Param, ParamLocation, Response, Schema,
    SchemaKind,
};
use crate::load::spanned::Spanned;
use crate::load::spec;
use crate::load::yaml::shown;

/// The pagination of an action with `params` and success `responses`.
pub fn pagination(
    conv: &mut Convert,
    given: &Spanned<spec::Pagination>,
    params: &[Param],
    responses: &[Response],
) -> Option<Pagination> {
    let p = &given.value;
    let style_keys = style_keys(conv, given)?;
    let body = match responses {
        [Response {
            content: Content::Json { schema, .. },
            ..
        }] => Some(schema),
        _ => {
            conv.cx.error(
                conv.file,
                given.pos,
                "a paginated action needs exactly one success response, with a JSON `model`",
                "pagination reads the page's items from the success body: give the action one \
                 success response with the page model",
            );
            None
        }
    };
    let page = p
        .page
        .as_ref()
        .and_then(|name| query_param(conv, "page", name, params, Value::Integer));
    let per_page = p
        .per_page
        .as_ref()
        .and_then(|name| query_param(conv, "per_page", name, params, Value::Integer));
    let cursor = p
        .cursor
        .as_ref()
        .and_then(|name| query_param(conv, "cursor", name, params, Value::String));
    let body = body?;
    let items = field(conv, "items", &p.items, body, Field::Array);
    let total = p
        .total
        .as_ref()
        .map(|path| field(conv, "total", path, body, Field::Integer));
    let next_cursor = p
        .next_cursor
        .as_ref()
        .map(|path| field(conv, "next_cursor", path, body, Field::String));
    let next_link = p
        .next_link
        .as_ref()
        .map(|path| field(conv, "next_link", path, body, Field::String));
    let style = match style_keys {
        Style::Number => PageStyle::Number {
            param: page?,
            first: p.first_page.unwrap_or(0),
        },
        Style::Cursor => PageStyle::Cursor {
            param: cursor?,
            next: next_cursor.flatten()?,
        },
        Style::Link => PageStyle::NextLink {
            link: next_link.flatten()?,
        },
    };
    Some(Pagination {
        style,
        per_page: match (&p.per_page, per_page) {
            (Some(_), None) => return None,
            (_, found) => found,
        },
        items: items?,
        total: match total {
            Some(None) => return None,
            Some(found) => found,
            None => None,
        },
        origin: Origin::new(conv.file.clone(), given.pos),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Number,
    Cursor,
    Link,
}

/// The one style the keys name; reports a mix, half a style, or none.
fn style_keys(conv: &mut Convert, given: &Spanned<spec::Pagination>) -> Option<Style> {
    let p = &given.value;
    let styles: Vec<(Style, &str)> = [
        (p.page.is_some() || p.first_page.is_some()).then_some((Style::Number, "page numbers (`page`)")),
        (p.cursor.is_some() || p.next_cursor.is_some())
            .then_some((Style::Cursor, "a cursor (`cursor`, `next_cursor`)")),
        p.next_link
            .is_some()
            .then_some((Style::Link, "a link to the next page (`next_link`)")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let help = "keep one style: page numbers (`page`, optionally `first_page`), a cursor \
                (`cursor` and `next_cursor`) or a link (`next_link`)";
    let style = match styles.as_slice() {
        [] => {
            conv.cx.error(
                conv.file,
                given.pos,
                "this pagination says no way to reach the next page",
                help,
            );
            return None;
        }
        [(style, _)] => *style,
        [(_, first), (_, second), ..] => {
            conv.cx.error(
                conv.file,
                given.pos,
                format!("this pagination mixes {first} and {second}"),
                help,
            );
            return None;
        }
    };
    let half = match (style, &p.page, &p.cursor, &p.next_cursor) {
        (Style::Number, None, _, _) => Some((
            given.pos,
            "`first_page` without `page`",
            "add `page: <the query parameter holding the page number>`",
        )),
        (Style::Cursor, _, None, Some(next)) => Some((
            next.pos,
            "`next_cursor` without `cursor`",
            "add `cursor: <the query parameter that sends the cursor back>`",
        )),
        (Style::Cursor, _, Some(cursor), None) => Some((
            cursor.pos,
            "`cursor` without `next_cursor`",
            "add `next_cursor: <the body field holding the next page's cursor>`",
        )),
        _ => None,
    };
    if let Some((pos, message, help)) = half {
        conv.cx.error(conv.file, pos, message, help);
        return None;
    }
    Some(style)
}

/// What a pagination parameter must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    /// A number (an integer, or a string with an integer `format`).
    Integer,
    /// A string.
    String,
}

/// The optional query parameter `name` that `key` names, of the kind `want`.
fn query_param(
    conv: &mut Convert,
    key: &str,
    name: &Spanned<String>,
    params: &[Param],
    want: Value,
) -> Option<String> {
    let Some(param) = params.iter().find(|p| p.name == name.value) else {
        let query: Vec<&str> = params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .map(|p| p.name.as_str())
            .collect();
        let help = if query.is_empty() {
            "declare it among the action's `parameters` (`in: query`)".to_owned()
        } else {
            format!("name one of the action's query parameters: {}", query.join(", "))
        };
        conv.cx.error(
            conv.file,
            name.pos,
            format!(
                "`{key}` names `{}`, which is not a parameter of this action",
                shown(&name.value)
            ),
            help,
        );
        return None;
    };
    if param.location != ParamLocation::Query {
        conv.cx.error(
            conv.file,
            name.pos,
            format!("`{key}` names `{}`, which is not a query parameter", param.name),
            "pagination parameters go in the query string (`in: query`)",
        );
        return None;
    }
    if param.required {
        conv.cx.error(
            conv.file,
            name.pos,
            format!("`{key}` names `{}`, which is required", param.name),
            "make it optional (remove `required: true`): the client sets it for each page",
        );
        return None;
    }
    let kind = resolve(conv.models, &param.schema).map(|r| &r.schema.kind);
    let problem = match (want, kind) {
        (_, None) => None,
        (Value::Integer, Some(SchemaKind::Integer { .. })) => None,
        (Value::Integer, Some(SchemaKind::String(s)))
            if matches!(s.format.as_deref(), Some("int32" | "int64")) =>
        {
            None
        }
        (Value::Integer, Some(SchemaKind::String(_))) => Some((
            "a string without an integer `format`",
            "page numbers and sizes are whole numbers: when the docs write them as strings, \
             add `format: int64` to the parameter; a cursor goes under `cursor`, with \
             `next_cursor`",
        )),
        (Value::Integer, Some(_)) => Some((
            "not an integer",
            "name an integer query parameter (or a string one with `format: int64`)",
        )),
        (Value::String, Some(SchemaKind::String(_))) => None,
        (Value::String, Some(_)) => Some((
            "not a string",
            "a cursor is an opaque string: name a string query parameter; page numbers go \
             under `page`",
        )),
    };
    if let Some((what, help)) = problem {
        conv.cx.error(
            conv.file,
            name.pos,
            format!("`{key}` names `{}`, which is {what}", param.name),
            help,
        );
        return None;
    }
    Some(param.name.clone())
}

/// What a body field that pagination reads must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Array,
    Integer,
    String,
}

/// The dotted path `path` into `body`, following references and nested objects; reports where
/// it stops. `None` also when a model on the way failed to load (already reported).
fn field(
    conv: &mut Convert,
    key: &str,
    path: &Spanned<String>,
    body: &Schema,
    want: Field,
) -> Option<FieldPath> {
    let dotted = shown(&path.value);
    let segments: Vec<&str> = path.value.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) {
        conv.cx.error(
            conv.file,
            path.pos,
            format!("`{key}: {dotted}` has an empty segment"),
            "write the JSON names from the body's top level down, separated by single dots \
             (`_links.next.href`)",
        );
        return None;
    }
    let mut current = body;
    let mut walked = body
        .reference()
        .map_or_else(|| "the success body".to_owned(), |m| format!("`{m}`"));
    for segment in &segments {
        let view = match object(conv.models, current) {
            ObjectShape::Object(view) => view,
            ObjectShape::Not(shape) => {
                conv.cx.error(
                    conv.file,
                    path.pos,
                    format!(
                        "`{key}: {dotted}` stops at {walked}, which is {}, not an object",
                        kind_name(shape)
                    ),
                    "name a field of the success body, through nested objects",
                );
                return None;
            }
            ObjectShape::Unknown => return None,
        };
        let Some((next, _)) = view.property(segment) else {
            let names: Vec<&str> = view.properties.iter().map(|(n, _, _)| *n).collect();
            conv.cx.error(
                conv.file,
                path.pos,
                format!(
                    "`{key}: {dotted}` stops at {walked}, which has no property `{}`",
                    shown(segment)
                ),
                if names.is_empty() {
                    "it declares no properties".to_owned()
                } else {
                    format!("its properties: {}", names.join(", "))
                },
            );
            return None;
        };
        walked = format!("`{}`", segment);
        current = next;
    }
    let resolved = resolve(conv.models, current)?;
    let fits = matches!(
        (want, &resolved.schema.kind),
        (Field::Array, SchemaKind::Array(_))
            | (Field::Integer, SchemaKind::Integer { .. })
            | (Field::String, SchemaKind::String(_))
    );
    if !fits {
        let expected = match want {
            Field::Array => "an array (the page's items)",
            Field::Integer => "an integer",
            Field::String => "a string",
        };
        conv.cx.error(
            conv.file,
            path.pos,
            format!(
                "`{key}: {dotted}` is {}; it must be {expected}",
                kind_name(resolved.schema)
            ),
            "name the field that holds it",
        );
        return None;
    }
    Some(FieldPath(
        segments.into_iter().map(str::to_owned).collect(),
    ))
}
