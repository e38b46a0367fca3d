//! The rustdoc of an action's builder: what it does, its route, what the token must hold, its
//! parameters, its responses and errors.

use super::super::docs::{code, prose, value_text};
use super::super::tokens::type_doc;
use crate::ir::{Auth, Content};
use crate::rust_client::plan::actions::{Input, InputType, Payload, Place, Success};
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ActionPlan, ApiPlan, ResourcePlan};

/// The paragraphs of the builder's docs.
pub fn builder_docs(
    api: &ApiPlan<'_>,
    at: Home,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
) -> Vec<String> {
    let ir = action.ir;
    let mut docs = vec![prose(&ir.summary)];
    if let Some(d) = &ir.description {
        docs.push(prose(d));
    }
    if ir.deprecated {
        docs.push("**Deprecated**: the docs mark this action deprecated.".into());
    }
    docs.push(format!(
        "`{} {}` ({} `{}.{}`)",
        ir.method.as_str(),
        ir.path_template(),
        prose(&api.ir.title),
        resource.ir.name,
        ir.name
    ));
    docs.push(auth_section(action));
    let mut params = vec!["# Parameters".to_owned(), String::new()];
    for input in &action.inputs {
        params.push(param_line(input, false));
    }
    for input in &api.params {
        params.push(param_line(input, true));
    }
    if params.len() > 2 {
        docs.push(params.join("\n"));
    }
    docs.push(responses_section(api, at, action));
    docs
}

fn auth_section(action: &ActionPlan<'_>) -> String {
    if action.ir.auth == Auth::None {
        return "# Authentication\n\nNone: the request is sent without the client's token, so \
                a client built without one can call it."
            .into();
    }
    let optional = if action.ir.auth == Auth::Optional {
        "\n\nThe token is optional: a client built without one can call this action (the \
         client's token, when it has one, is sent and may give access to more)."
    } else {
        ""
    };
    let Some(scopes) = &action.ir.scopes else {
        return format!("# Scopes\n\nThe docs list none: any valid token is accepted.{optional}");
    };
    let alternatives: Vec<String> = scopes
        .any_of
        .iter()
        .map(|alt| {
            let names: Vec<String> = alt.iter().map(|s| code(s)).collect();
            names.join(" and ")
        })
        .collect();
    let see = "(See [`Self::SCOPES`].)";
    let text = if scopes.is_any_one() {
        format!(
            "The token needs any one of: {}. {see}",
            alternatives.join(", ")
        )
    } else if alternatives.len() == 1 {
        format!(
            "The token needs all of: {}. {see}",
            alternatives.join("").replace(" and ", ", ")
        )
    } else {
        // The reference gets a paragraph of its own: after the list, it would read as part of
        // the last alternative.
        let lines: Vec<String> = alternatives.iter().map(|a| format!("- {a}")).collect();
        format!(
            "The token needs any one of these (each line: all of its scopes):\n\n{}\n\n{see}",
            lines.join("\n")
        )
    };
    format!(
        "# Scopes

{text}{optional}"
    )
}

/// The doc of the `SCOPES` constant.
pub fn scopes_const_doc(action: &ActionPlan<'_>) -> String {
    match &action.ir.scopes {
        None => " The scopes the docs list for this action: none.".into(),
        Some(s) if s.is_any_one() => {
            " The scopes that allow this action, in the order the docs list them; a token needs \
             any one of them."
                .into()
        }
        Some(_) => " Every scope the docs name for this action, in doc order; the type's docs \
                    say which are needed together."
            .into(),
    }
}

fn param_line(input: &Input<'_>, api_wide: bool) -> String {
    let location = match &input.place {
        Place::Path => "path",
        Place::Query(_) => "query",
        Place::Header => "header",
        Place::Body { .. } => "body",
        Place::Part => "multipart part",
        Place::FormField => "form field",
    };
    let name = input.ident.bare();
    let how = if input.required {
        format!("`{name}` (argument)")
    } else {
        format!("[`{name}`](Self::{name})")
    };
    let mut line = format!("- {how}, {location} `{}`", input.wire);
    if api_wide {
        line.push_str(", also settable on the client builder");
    }
    if let Some(d) = input.description {
        line.push_str(": ");
        line.push_str(&prose(d));
    }
    let mut facts = Vec::new();
    if let Some(p) = &input.pattern {
        facts.push(format!(
            "pattern {}, checked before sending",
            code(&p.source)
        ));
    } else if let Some(crate::ir::SchemaKind::String(s)) = input.schema.map(|s| &s.kind) {
        if let Some(p) = &s.pattern {
            facts.push(format!("pattern {}", code(p)));
        }
    }
    if let Some(schema) = input.schema {
        if let Some(d) = &schema.default {
            facts.push(format!("server default {}", code(&value_text(d))));
        }
        if let Some(e) = &schema.example {
            facts.push(format!("example {}", code(&value_text(e))));
        }
    }
    if input.sensitive {
        facts.push("sensitive: redacted in `Debug`".into());
    }
    if !facts.is_empty() {
        line.push_str(&format!(" ({})", facts.join("; ")));
    }
    line
}

fn responses_section(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> String {
    let mut lines = vec!["# Responses".to_owned(), String::new()];
    let payload_text = |payload: &Payload| match payload {
        Payload::None => "no body".to_owned(),
        Payload::Json(ty) => type_doc(api, ty, at),
        Payload::Bytes => "bytes".to_owned(),
        Payload::Text => "text".to_owned(),
    };
    match &action.success {
        Success::Single(payload) => {
            for r in &action.ir.responses {
                lines.push(format!(
                    "- `{}`: {} ({})",
                    r.status.key(),
                    payload_text(payload),
                    prose(&r.description)
                ));
            }
        }
        Success::Choice { name, variants } => {
            for v in variants {
                lines.push(format!(
                    "- `{}`: [`{name}::{}`] with {} ({})",
                    v.response.status.key(),
                    v.ident,
                    payload_text(&v.payload),
                    prose(&v.response.description)
                ));
            }
        }
        Success::Events { name, .. } => {
            for r in &action.ir.responses {
                if let Content::Events(_) = r.content {
                    lines.push(format!(
                        "- `{}`: a stream of server-sent events, each decoded into [`{name}`] ({})",
                        r.status.key(),
                        prose(&r.description)
                    ));
                }
            }
        }
    }
    for v in &action.errors {
        lines.push(format!(
            "- `{}`: [`Error::Api`] with [`{}::{}`] ({}): {}",
            v.response.status.key(),
            action.error,
            v.ident,
            payload_text(&v.payload),
            prose(&v.response.description)
        ));
    }
    if let Some(h) = &action.headers {
        lines.push(format!(
            "\nDocumented response headers: [`{}`] (from [`Response::headers`]).",
            h.name
        ));
    }
    lines.join("\n")
}

/// The doc of `send`.
pub fn send_doc(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> String {
    match &action.success {
        Success::Single(Payload::None) => {
            " Sends the request; a success has no body, so it returns `()`.".into()
        }
        Success::Single(Payload::Json(ty)) => format!(
            " Sends the request and decodes the success body into {}.",
            type_doc(api, ty, at)
        ),
        Success::Single(Payload::Bytes) => {
            " Sends the request and returns the body's bytes (see also `send_streaming`).".into()
        }
        Success::Single(Payload::Text) => " Sends the request and returns the body as text.".into(),
        Success::Choice { name, .. } => {
            format!(" Sends the request and decodes the body by status into [`{name}`].")
        }
        Success::Events { name, .. } => format!(
            " Opens the event stream: the events arrive decoded into [`{name}`] until the server \
             closes the stream or it fails."
        ),
    }
}

/// The first line of an optional input's setter doc.
pub fn setter_doc(input: &Input<'_>, api_wide: bool) -> String {
    let location = match &input.place {
        Place::Path => "path",
        Place::Query(_) => "query",
        Place::Header => "header",
        Place::Body { .. } => "body",
        Place::Part => "multipart part",
        Place::FormField => "form field",
    };
    let list = matches!(input.ty, InputType::List(_));
    let mut text = format!(
        "Sets `{}` ({location}{}).",
        input.wire,
        if list { ", a list" } else { "" }
    );
    if api_wide {
        text.push_str(" Overrides the client builder's value for this call.");
    }
    text
}
