//! A compact, readable rendering of the IR for snapshots: one line per node, nesting by
//! indentation, origins left out (they are metadata, and the raw `Debug` would drown the
//! content in them).
//!
//! ```text
//! resource things (demo/things.yaml) "Things"
//!   action get: GET /things/{thingId} auth=bearer
//!     scopes: things.get | all_of(a, b)
//!     param path thingId: string pattern=^[a-z]+$
//!     200: json application/json: ref thing -- "The thing"
//! ```
//!
//! A property or parameter marked `*` is required; `?` marks an optional parameter.

use std::fmt::Write;

use generator::ir::{
    Action, Additional, Api, BodyKind, Content, Ir, Model, PageStyle, Param, ParamLocation,
    PartKind, RequestBody, Resource, Response, Schema, SchemaKind,
};
use serde_json::Value;

/// Every API of `ir`.
pub fn render(ir: &Ir) -> String {
    let mut out = String::new();
    for api in &ir.apis {
        render_api(api, &mut out);
    }
    out
}

fn line(out: &mut String, depth: usize, text: &str) {
    let _ = writeln!(out, "{}{}", "  ".repeat(depth), text.trim_end());
}

fn quoted(text: &Option<String>) -> String {
    text.as_ref()
        .map(|t| format!(" -- {t:?}"))
        .unwrap_or_default()
}

fn render_api(api: &Api, out: &mut String) {
    line(
        out,
        0,
        &format!(
            "api {}: {:?}{}",
            api.name,
            api.title,
            quoted(&api.description)
        ),
    );
    line(out, 1, &format!("base_url: {}", api.base_url));
    line(out, 1, &format!("auth: {}", auth(api.auth)));
    for (name, value) in &api.headers {
        line(out, 1, &format!("header {name}: {value}"));
    }
    let m = &api.media_types;
    line(
        out,
        1,
        &format!(
            "media_types: request {}; success [{}]; error [{}]",
            m.request,
            m.success.join(", "),
            m.error.join(", ")
        ),
    );
    if let Some(header) = &api.idempotency_header {
        line(out, 1, &format!("idempotency_header: {header}"));
    }
    let files: Vec<String> = api
        .spec_files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    line(out, 1, &format!("spec_files: {}", files.join(", ")));
    for param in &api.params {
        render_param(param, 1, out);
    }
    for resource in &api.resources {
        render_resource(resource, out);
    }
    for model in &api.models {
        render_model(model, out);
    }
}

fn auth(auth: generator::ir::Auth) -> &'static str {
    match auth {
        generator::ir::Auth::Bearer => "bearer",
        generator::ir::Auth::None => "none",
        generator::ir::Auth::Optional => "optional",
    }
}

fn render_resource(resource: &Resource, out: &mut String) {
    line(
        out,
        1,
        &format!(
            "resource {} ({}) {:?}{}",
            resource.name,
            resource.spec_file.display(),
            resource.title,
            quoted(&resource.description)
        ),
    );
    for action in &resource.actions {
        render_action(action, out);
    }
}

fn render_action(action: &Action, out: &mut String) {
    let mut title = format!(
        "action {}: {} {} auth={}",
        action.name,
        format!("{:?}", action.method).to_uppercase(),
        action.path_template(),
        auth(action.auth)
    );
    if action.deprecated {
        title.push_str(" deprecated");
    }
    title.push_str(&format!(" -- {:?}", action.summary));
    line(out, 2, &title);
    if let Some(description) = &action.description {
        line(out, 3, &format!("description: {description:?}"));
    }
    if let Some(scopes) = &action.scopes {
        let alternatives: Vec<String> = scopes
            .any_of
            .iter()
            .map(|a| match a.as_slice() {
                [one] => one.clone(),
                all => format!("all_of({})", all.join(", ")),
            })
            .collect();
        line(out, 3, &format!("scopes: {}", alternatives.join(" | ")));
    }
    for param in &action.params {
        render_param(param, 3, out);
    }
    match &action.body {
        Some(RequestBody::Single(body)) => {
            let kind = match &body.kind {
                BodyKind::Json(schema) => format!("json: {}", head(schema)),
                BodyKind::Binary => "binary".into(),
                BodyKind::Text => "text".into(),
            };
            line(
                out,
                3,
                &format!(
                    "body {}{} ({}) {kind}{}{}",
                    body.name,
                    if body.required { "*" } else { "?" },
                    body.media_type,
                    rust_name(&body.rust_name),
                    quoted(&body.description)
                ),
            );
            if let BodyKind::Json(schema) = &body.kind {
                children(schema, 4, out);
            }
        }
        Some(RequestBody::Multipart(parts) | RequestBody::Form(parts)) => {
            let form = matches!(action.body, Some(RequestBody::Form(_)));
            line(
                out,
                3,
                if form {
                    "body form:"
                } else {
                    "body multipart:"
                },
            );
            for part in parts {
                let (kind, schema) = match &part.kind {
                    PartKind::File { media_type } => (
                        format!("file ({})", media_type.as_deref().unwrap_or("any type")),
                        None,
                    ),
                    PartKind::Value(schema) => (head(schema), Some(schema)),
                };
                line(
                    out,
                    4,
                    &format!(
                        "part {}{}: {kind}{}{}",
                        part.name,
                        if part.required { "*" } else { "?" },
                        rust_name(&part.rust_name),
                        quoted(&part.description)
                    ),
                );
                if let Some(schema) = schema {
                    children(schema, 5, out);
                }
            }
        }
        None => {}
    }
    for response in action.responses.iter().chain(&action.errors) {
        render_response(response, out);
    }
    if let Some(p) = &action.pagination {
        let style = match &p.style {
            PageStyle::Number { param, first } => format!("page numbers in `{param}` from {first}"),
            PageStyle::Cursor { param, next } => {
                format!("cursor in `{param}`, next from `{}`", next.dotted())
            }
            PageStyle::NextLink { link } => format!("next link from `{}`", link.dotted()),
        };
        let mut text = format!("pagination: {style}; items `{}`", p.items.dotted());
        if let Some(per_page) = &p.per_page {
            text.push_str(&format!("; per_page `{per_page}`"));
        }
        if let Some(total) = &p.total {
            text.push_str(&format!("; total `{}`", total.dotted()));
        }
        line(out, 3, &text);
    }
}

fn rust_name(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!(" rust_name={n}"))
        .unwrap_or_default()
}

fn render_param(param: &Param, depth: usize, out: &mut String) {
    let location = match param.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    };
    let mut text = format!(
        "param {location} {}{}: {}",
        param.name,
        if param.required { "*" } else { "?" },
        head(&param.schema)
    );
    if let Some(style) = param.style {
        text.push_str(&format!(" style={style:?}"));
    }
    if param.deprecated {
        text.push_str(" param-deprecated");
    }
    text.push_str(&rust_name(&param.rust_name));
    text.push_str(&quoted(&param.description));
    line(out, depth, &text);
    children(&param.schema, depth + 1, out);
}

fn render_response(response: &Response, out: &mut String) {
    let content = match &response.content {
        Content::None => "no body".to_owned(),
        Content::Json { schema, media_type } => format!("json {media_type}: {}", head(schema)),
        Content::Binary { media_type } => {
            format!("binary {}", media_type.as_deref().unwrap_or("(any type)"))
        }
        Content::Text { media_type } => {
            format!("text {}", media_type.as_deref().unwrap_or("(any type)"))
        }
        Content::Events(_) => "events".to_owned(),
    };
    line(
        out,
        3,
        &format!(
            "{}: {content} -- {:?}",
            response.status.key(),
            response.description
        ),
    );
    if let Content::Events(events) = &response.content {
        for event in events {
            let data = event.data.as_ref().map_or_else(|| "text".to_owned(), head);
            line(
                out,
                4,
                &format!("event {}: {data}{}", event.name, quoted(&event.description)),
            );
        }
    }
    for header in &response.headers {
        line(
            out,
            4,
            &format!(
                "header {}: {}{}",
                header.name,
                head(&header.schema),
                quoted(&header.description)
            ),
        );
    }
}

fn render_model(model: &Model, out: &mut String) {
    line(
        out,
        1,
        &format!(
            "model {} ({}): {}",
            model.name,
            model.spec_file.display(),
            head(&model.schema)
        ),
    );
    children(&model.schema, 2, out);
}

/// One line: the kind, its constraints, then what is documented about it.
fn head(schema: &Schema) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &schema.kind {
        SchemaKind::Any => parts.push("any".into()),
        SchemaKind::String(s) => {
            parts.push("string".into());
            opt(&mut parts, "format", &s.format);
            opt(&mut parts, "pattern", &s.pattern);
            opt(&mut parts, "min_length", &s.min_length);
            opt(&mut parts, "max_length", &s.max_length);
            list(&mut parts, &s.values);
        }
        SchemaKind::Integer {
            constraints,
            values,
        } => {
            parts.push("integer".into());
            numbers(&mut parts, constraints);
            list(&mut parts, values);
        }
        SchemaKind::Number {
            constraints,
            values,
        } => {
            parts.push("number".into());
            numbers(&mut parts, constraints);
            list(&mut parts, values);
        }
        SchemaKind::Boolean { values } => {
            parts.push("boolean".into());
            list(&mut parts, values);
        }
        SchemaKind::Array(a) => {
            parts.push("array".into());
            opt(&mut parts, "min_items", &a.min_items);
            opt(&mut parts, "max_items", &a.max_items);
            if a.unique_items {
                parts.push("unique_items".into());
            }
        }
        SchemaKind::Object(o) => {
            parts.push("object".into());
            match &o.additional {
                Additional::Unspecified => {}
                Additional::Forbidden => parts.push("additional=forbidden".into()),
                Additional::Allowed(_) => parts.push("additional=allowed".into()),
            }
            opt(&mut parts, "key_pattern", &o.key_pattern);
            opt(&mut parts, "min_properties", &o.min_properties);
            opt(&mut parts, "max_properties", &o.max_properties);
        }
        SchemaKind::Ref(name) => parts.push(format!("ref {name}")),
        SchemaKind::OneOf(u) => {
            parts.push("one_of".into());
            if let Some(d) = &u.discriminator {
                let mapping: Vec<String> = d
                    .mapping
                    .iter()
                    .map(|(tag, i)| format!("{tag}->{}", i + 1))
                    .collect();
                parts.push(format!(
                    "discriminator={} [{}]",
                    d.property,
                    mapping.join(", ")
                ));
            }
        }
        SchemaKind::AllOf(_) => parts.push("all_of".into()),
    }
    for (flag, on) in [
        ("nullable", schema.nullable),
        ("read_only", schema.read_only),
        ("write_only", schema.write_only),
        ("deprecated", schema.deprecated),
        ("sensitive", schema.sensitive),
    ] {
        if on {
            parts.push(flag.into());
        }
    }
    if let Some(name) = &schema.name {
        parts.push(format!("name={name}"));
    }
    if let Some(v) = &schema.default {
        parts.push(format!("default={}", json(v)));
    }
    if let Some(v) = &schema.example {
        parts.push(format!("example={}", json(v)));
    }
    if let Some(title) = &schema.title {
        parts.push(format!("title={title:?}"));
    }
    let mut text = parts.join(" ");
    text.push_str(&quoted(&schema.description));
    text
}

/// The nested schemas of `schema`, one level deeper.
fn children(schema: &Schema, depth: usize, out: &mut String) {
    let mut child = |label: String, s: &Schema| {
        line(out, depth, &format!("{label}{}", head(s)));
        children(s, depth + 1, out);
    };
    match &schema.kind {
        SchemaKind::Array(a) => child("items: ".into(), &a.items),
        SchemaKind::Object(o) => {
            for p in &o.properties {
                let label = format!(
                    "{}{}{}: ",
                    p.name,
                    if p.required { "*" } else { "" },
                    rust_name(&p.rust_name)
                );
                child(label, &p.schema);
            }
            if let Additional::Allowed(values) = &o.additional {
                child("(other keys): ".into(), values);
            }
        }
        SchemaKind::OneOf(u) => {
            for v in &u.variants {
                child("| ".into(), v);
            }
        }
        SchemaKind::AllOf(members) => {
            for m in members {
                child("& ".into(), m);
            }
        }
        _ => {}
    }
}

fn opt<T: std::fmt::Display>(parts: &mut Vec<String>, key: &str, value: &Option<T>) {
    if let Some(v) = value {
        parts.push(format!("{key}={v}"));
    }
}

fn list<T: std::fmt::Debug>(parts: &mut Vec<String>, values: &[T]) {
    if !values.is_empty() {
        parts.push(format!("enum={values:?}"));
    }
}

fn numbers(parts: &mut Vec<String>, c: &generator::ir::NumberConstraints) {
    opt(parts, "format", &c.format);
    opt(parts, "minimum", &c.minimum);
    opt(parts, "maximum", &c.maximum);
    opt(parts, "exclusive_minimum", &c.exclusive_minimum);
    opt(parts, "exclusive_maximum", &c.exclusive_maximum);
    opt(parts, "multiple_of", &c.multiple_of);
}

fn json(v: &Value) -> String {
    v.to_string()
}
