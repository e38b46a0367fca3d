//! One parameter to what it becomes: a path, query or header [`Param`], the whole request body,
//! or one part of a multipart or form body.
//!
//! A parameter's type and constraints are read as a schema (`type`, `items`, `enum`, `pattern`,
//! limits, `default`, `example`), so they get every check a schema gets.

use super::schema::{Convert, Place};
use super::shapes::resolve;
use super::is_media_type;
use crate::ir::{
    BodyKind, BodyParam, Origin, Param, ParamLocation, ParamStyle, Part, PartKind, Schema,
    SchemaKind,
};
use crate::load::spanned::Spanned;
use crate::load::spec::{self, Location, ParamType, Parameter, SchemaType};
use crate::load::yaml::shown;

/// Where a parameter ended up.
#[derive(Debug, Clone)]
pub enum Placed {
    /// A path, query or header parameter.
    Param(Param),
    /// The whole body.
    Body(BodyParam),
    /// A part of a multipart body (`multipart: true`) or a field of a form body.
    Part {
        /// Whether it is a multipart part (else a form field).
        multipart: bool,
        /// The part.
        part: Part,
    },
}

/// What a parameter's type is given by.
#[derive(Clone, Copy)]
enum Given<'a> {
    Type(&'a Spanned<ParamType>),
    Model(&'a Spanned<String>),
}

/// Converts `p`. `implied` is the location under `path_parameters`; `json_media` the API's
/// `Content-Type` of JSON bodies.
pub fn param(
    conv: &mut Convert,
    p: &Parameter,
    implied: Option<Location>,
    json_media: &str,
) -> Option<Placed> {
    let location = location(conv, p, implied)?;
    let given = given(conv, p)?;
    if let Some(style) = &p.style {
        if location != Location::Query {
            conv.cx.error(
                conv.file,
                style.pos,
                "`style` applies to query parameters",
                "remove it: path and header values are written as plain text, bodies by their \
                 media type",
            );
        }
    }
    match location {
        Location::Body => body(conv, p, given, json_media).map(Placed::Body),
        Location::Multipart | Location::Form => {
            let multipart = location == Location::Multipart;
            part(conv, p, given, multipart).map(|part| Placed::Part { multipart, part })
        }
        Location::Path => value(conv, p, given, ParamLocation::Path).map(Placed::Param),
        Location::Query => value(conv, p, given, ParamLocation::Query).map(Placed::Param),
        Location::Header => value(conv, p, given, ParamLocation::Header).map(Placed::Param),
    }
}

fn location(conv: &mut Convert, p: &Parameter, implied: Option<Location>) -> Option<Location> {
    match (&p.location, implied) {
        (Some(given), Some(implied)) if given.value != implied => {
            conv.cx.error(
                conv.file,
                given.pos,
                "parameters under `path_parameters` are path parameters",
                "remove `in:` here, or move the parameter to an action's `parameters`",
            );
            Some(implied)
        }
        (Some(given), _) => Some(given.value),
        (None, Some(implied)) => Some(implied),
        (None, None) => {
            conv.cx.error(
                conv.file,
                p.name.pos,
                format!("parameter `{}` has no `in`", p.name.value),
                "add `in: query` (or path, header, body, multipart, form)",
            );
            None
        }
    }
}

fn given<'p>(conv: &mut Convert, p: &'p Parameter) -> Option<Given<'p>> {
    match (&p.ty, &p.model) {
        (Some(_), Some(model)) => {
            conv.cx.error(
                conv.file,
                model.pos,
                "a parameter takes `type` or `model`, not both",
                "remove `type:` to use the model, or `model:` to use the type",
            );
            Some(Given::Model(model))
        }
        (Some(ty), None) => Some(Given::Type(ty)),
        (None, Some(model)) => Some(Given::Model(model)),
        (None, None) => {
            conv.cx.error(
                conv.file,
                p.name.pos,
                format!("parameter `{}` has no `type` or `model`", p.name.value),
                "add `type: string` (or integer, number, boolean, array, file, binary), or \
                 `model: <model name>`",
            );
            None
        }
    }
}

fn origin(conv: &Convert, p: &Parameter) -> Origin {
    Origin::new(conv.file.clone(), p.name.pos)
}

/// The whole body: a model as JSON, raw bytes or text.
fn body(conv: &mut Convert, p: &Parameter, given: Given, json_media: &str) -> Option<BodyParam> {
    let (kind, default_media) = match given {
        Given::Model(_) => (
            BodyKind::Json(schema_of(conv, p, given)?),
            json_media.to_owned(),
        ),
        Given::Type(ty) => match ty.value {
            ParamType::Binary => (BodyKind::Binary, "application/octet-stream".to_owned()),
            ParamType::String => (BodyKind::Text, "text/plain; charset=utf-8".to_owned()),
            ParamType::File => {
                conv.cx.error(
                    conv.file,
                    ty.pos,
                    "`type: file` is a part of a multipart body",
                    "use `in: multipart` for a file part, or `type: binary` for a body of raw \
                     bytes",
                );
                return None;
            }
            _ => {
                conv.cx.error(
                    conv.file,
                    ty.pos,
                    "a body is a `model` (JSON), `type: binary` (raw bytes) or `type: string` \
                     (text)",
                    "define the JSON body's shape under `models:` and name it with `model:`",
                );
                return None;
            }
        },
    };
    if !matches!(kind, BodyKind::Json(_)) {
        no_schema_keys(conv, p, "a binary or text body");
    }
    let media_type = media_type(conv, p).unwrap_or(default_media);
    Some(BodyParam {
        name: p.name.value.clone(),
        description: p.description.clone(),
        required: p.required,
        media_type,
        kind,
        rust_name: p.rust_name.as_ref().map(|r| r.value.clone()),
        origin: origin(conv, p),
    })
}

/// One part of a multipart body or one field of a form body.
fn part(conv: &mut Convert, p: &Parameter, given: Given, multipart: bool) -> Option<Part> {
    let kind = match given {
        Given::Type(ty) if ty.value == ParamType::File => {
            if !multipart {
                conv.cx.error(
                    conv.file,
                    ty.pos,
                    "a form field cannot hold a file",
                    "use `in: multipart` for file uploads",
                );
                return None;
            }
            no_schema_keys(conv, p, "a file part");
            PartKind::File {
                media_type: media_type(conv, p),
            }
        }
        Given::Type(ty) if ty.value == ParamType::Binary => {
            conv.cx.error(
                conv.file,
                ty.pos,
                "`type: binary` is a whole request body (`in: body`)",
                "use `type: file` for a file part of a multipart body",
            );
            return None;
        }
        _ => {
            if let Some(media) = &p.media_type {
                conv.cx.error(
                    conv.file,
                    media.pos,
                    "`media_type` applies to bodies and file parts",
                    "remove it: a value part is sent as text (JSON text for a model)",
                );
            }
            PartKind::Value(schema_of(conv, p, given)?)
        }
    };
    Some(Part {
        name: p.name.value.clone(),
        description: p.description.clone(),
        required: p.required,
        kind,
        rust_name: p.rust_name.as_ref().map(|r| r.value.clone()),
        origin: origin(conv, p),
    })
}

/// A path, query or header parameter.
fn value(
    conv: &mut Convert,
    p: &Parameter,
    given: Given,
    location: ParamLocation,
) -> Option<Param> {
    if let Given::Type(ty) = given {
        let misplaced = match ty.value {
            ParamType::File => Some((
                "`type: file` is a part of a multipart body",
                "use `in: multipart`",
            )),
            ParamType::Binary => Some((
                "`type: binary` is a whole request body",
                "use `in: body`",
            )),
            ParamType::Array if location != ParamLocation::Query => Some((
                "an array parameter goes in the query string",
                "use `in: query` (with a `style`), or a form or multipart body",
            )),
            _ => None,
        };
        if let Some((message, help)) = misplaced {
            conv.cx.error(conv.file, ty.pos, message, help);
            return None;
        }
    }
    if let Some(media) = &p.media_type {
        conv.cx.error(
            conv.file,
            media.pos,
            "`media_type` applies to body and multipart parameters",
            "remove it",
        );
    }
    let schema = schema_of(conv, p, given)?;
    let shape = shape(conv, &schema);
    if location != ParamLocation::Query && matches!(shape, Shape::Structured(_)) {
        let at = p.model.as_ref().map_or(p.name.pos, |m| m.pos);
        conv.cx.error(
            conv.file,
            at,
            format!(
                "a {} parameter is a scalar or an enum model; `{}` is {}",
                if location == ParamLocation::Path {
                    "path"
                } else {
                    "header"
                },
                p.model.as_ref().map_or("this", |m| m.value.as_str()),
                shape.describe()
            ),
            "send structured values in the query (`in: query`, with a `style`) or in the body",
        );
    }
    let style = if location == ParamLocation::Query {
        style(conv, p, &shape)
    } else {
        None
    };
    Some(Param {
        name: p.name.value.clone(),
        location,
        required: p.required || location == ParamLocation::Path,
        description: p.description.clone(),
        deprecated: p.deprecated,
        schema,
        style,
        rust_name: p.rust_name.as_ref().map(|r| r.value.clone()),
        origin: origin(conv, p),
    })
}

/// The parameter's type and constraints as a schema (its description stays on the parameter).
fn schema_of(conv: &mut Convert, p: &Parameter, given: Given) -> Option<Schema> {
    let (ty, reference) = match given {
        Given::Model(model) => (None, Some(model.clone())),
        Given::Type(ty) => {
            let schema_type = match ty.value {
                ParamType::String => SchemaType::String,
                ParamType::Integer => SchemaType::Integer,
                ParamType::Number => SchemaType::Number,
                ParamType::Boolean => SchemaType::Boolean,
                ParamType::Array => SchemaType::Array,
                ParamType::File | ParamType::Binary => return None,
            };
            (Some(Spanned::new(ty.pos, schema_type)), None)
        }
    };
    let written = spec::Schema {
        ty,
        reference,
        items: p.items.clone(),
        values_enum: p.values.clone(),
        format: p.format.clone(),
        pattern: p.pattern.as_ref().map(|s| s.value.clone()),
        min_length: p.min_length,
        max_length: p.max_length,
        minimum: p.minimum,
        maximum: p.maximum,
        default: p.default.clone(),
        example: p.example.clone(),
        sensitive: Some(p.sensitive),
        deprecated: Some(p.deprecated),
        ..spec::Schema::default()
    };
    Some(conv.schema(&written, p.name.pos, Place::Parameter))
}

/// Reports the schema keys of a parameter whose value is not a schema (a file, raw bytes).
fn no_schema_keys(conv: &mut Convert, p: &Parameter, what: &str) {
    let given = [
        ("items", p.items.is_some()),
        ("enum", p.values.is_some()),
        ("pattern", p.pattern.is_some()),
        ("format", p.format.is_some()),
        ("min_length", p.min_length.is_some()),
        ("max_length", p.max_length.is_some()),
        ("minimum", p.minimum.is_some()),
        ("maximum", p.maximum.is_some()),
        ("default", p.default.is_some()),
        ("example", p.example.is_some()),
        ("sensitive", p.sensitive),
        ("deprecated", p.deprecated),
    ];
    for (key, _) in given.iter().filter(|(_, present)| *present) {
        conv.cx.error(
            conv.file,
            p.name.pos,
            format!("`{key}` does not apply to {what}"),
            "remove it; say what the content holds in `description`",
        );
    }
}

/// The `media_type` given, when it is one.
fn media_type(conv: &mut Convert, p: &Parameter) -> Option<String> {
    let media = p.media_type.as_ref()?;
    if !is_media_type(&media.value) {
        conv.cx.error(
            conv.file,
            media.pos,
            format!("`{}` is not a media type", shown(&media.value)),
            "write `type/subtype`, e.g. `image/png` or `application/json`",
        );
    }
    Some(media.value.clone())
}

/// What a parameter's value is, for how it is written in a query.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A string, number or boolean (maybe an enum, maybe a model of one).
    Scalar,
    /// An array of scalars.
    ScalarArray,
    /// An array of anything else, or an object, union or free-form model: `"an object"`.
    Structured(&'static str),
    /// Not known (a model that failed to load).
    Unknown,
}

impl Shape {
    fn describe(self) -> &'static str {
        match self {
            Shape::Scalar => "a scalar",
            Shape::ScalarArray => "an array",
            Shape::Structured(what) => what,
            Shape::Unknown => "unknown",
        }
    }
}

fn shape(conv: &Convert, schema: &Schema) -> Shape {
    let Some(resolved) = resolve(conv.models, schema) else {
        return Shape::Unknown;
    };
    match &resolved.schema.kind {
        SchemaKind::String(_)
        | SchemaKind::Integer { .. }
        | SchemaKind::Number { .. }
        | SchemaKind::Boolean { .. } => Shape::Scalar,
        SchemaKind::Array(array) => match shape(conv, &array.items) {
            Shape::Scalar => Shape::ScalarArray,
            Shape::Unknown => Shape::Unknown,
            _ => Shape::Structured("an array of structured values"),
        },
        SchemaKind::Object(_) | SchemaKind::AllOf(_) => Shape::Structured("an object"),
        SchemaKind::OneOf(_) => Shape::Structured("a union"),
        SchemaKind::Any => Shape::Structured("free-form JSON"),
        SchemaKind::Ref(_) => Shape::Unknown,
    }
}

/// How a query value is written: the given `style` when it fits, else the default (scalars and
/// scalar models as text, inline arrays of scalars repeated, anything else as JSON).
fn style(conv: &mut Convert, p: &Parameter, shape: &Shape) -> Option<ParamStyle> {
    let by_model = p.model.is_some();
    let Some(given) = &p.style else {
        // A model that is not a scalar is sent as JSON unless `style` says otherwise, even an
        // array: the docs name a model where the API takes the value whole.
        return match shape {
            Shape::Scalar => None,
            Shape::ScalarArray if !by_model => Some(ParamStyle::Repeat),
            Shape::ScalarArray | Shape::Structured(_) | Shape::Unknown => Some(ParamStyle::Json),
        };
    };
    let fits = match (given.value, shape) {
        (_, Shape::Unknown) => true,
        (ParamStyle::Repeat | ParamStyle::Comma, Shape::ScalarArray) => true,
        (ParamStyle::Repeat | ParamStyle::Comma, _) => false,
        (ParamStyle::Json | ParamStyle::DeepObject, Shape::Scalar) => by_model,
        (ParamStyle::Json | ParamStyle::DeepObject, _) => true,
    };
    if !fits {
        let (message, help) = match given.value {
            ParamStyle::Repeat | ParamStyle::Comma => (
                format!(
                    "`style: {}` writes an array of scalars or enums; `{}` is {}",
                    style_name(given.value),
                    p.name.value,
                    shape.describe()
                ),
                "use `json` or `deep_object` for structured values, or remove `style`",
            ),
            _ => (
                format!(
                    "`style: {}` applies to arrays and models; `{}` is {}",
                    style_name(given.value),
                    p.name.value,
                    shape.describe()
                ),
                "remove `style`: a scalar is written as its plain text",
            ),
        };
        conv.cx.error(conv.file, given.pos, message, help);
    }
    Some(given.value)
}

fn style_name(style: ParamStyle) -> &'static str {
    match style {
        ParamStyle::Repeat => "repeat",
        ParamStyle::Comma => "comma",
        ParamStyle::Json => "json",
        ParamStyle::DeepObject => "deep_object",
    }
}
