//! Resources, actions and parameters.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::models::ModelNames;
use super::names::{bare, camel, snake, status_variant};
use super::{Cx, pattern, value_text};
use crate::diagnostics::Pos;
use crate::ir::{
    ActionIr, EnumIr, ErrorIr, ModelFileIr, ModelKind, PaginationIr, ParamIr, ParamType, PathPart,
    ResourceIr, ResponseIr, TypeIr,
};
use crate::load::spanned::{Item, Spanned};
use crate::load::spec::{Action, Location, Parameter, Resource, Response, ScalarType};

/// Builder methods an optional parameter's setter must not shadow.
const BUILDER_METHODS: &[&str] = &["send", "send_with_response", "timeout", "items", "new"];

/// Validates a resource and its actions.
pub fn resource(
    cx: &mut Cx,
    file: &Path,
    resource: &Resource,
    models: &ModelNames,
    model_files: &[ModelFileIr],
    api_params: &[Item<Parameter>],
    spec_file: PathBuf,
) -> ResourceIr {
    let module = super::names::module(&resource.name.value, "resource");
    let path_params: Vec<&Parameter> = resource
        .path_parameters
        .iter()
        .filter_map(|p| p.0.as_ref())
        .collect();
    for p in &path_params {
        if let Some(loc) = &p.location {
            if loc.value != Location::Path {
                cx.error(
                    file,
                    loc.pos,
                    "parameters under `path_parameters` are path parameters",
                    "remove `in:` here, or move the parameter to an action's `parameters`",
                );
            }
        }
    }
    let mut actions: Vec<ActionIr> = Vec::new();
    let mut type_names: HashMap<String, (String, Pos)> = HashMap::new();
    type_names.insert(
        "Actions".into(),
        ("the resource accessor".into(), resource.name.pos),
    );
    if resource.actions.value.is_empty() {
        cx.error(
            file,
            resource.actions.pos,
            "a resource needs at least one action",
            "add an action under `actions:`",
        );
    }
    // Where each accepted action's name was written, for messages about a later clash.
    let mut action_lines: Vec<usize> = Vec::new();
    for action in resource.actions.value.iter().filter_map(|a| a.0.as_ref()) {
        let ir = self::action(
            cx,
            file,
            resource,
            &path_params,
            action,
            models,
            model_files,
            api_params,
        );
        if let Some(i) = actions.iter().position(|a| a.method_name == ir.method_name) {
            // Fix (diagnostics): an exact duplicate used to read "actions `get` and `get` both
            // become the method `get`", and neither message said where the first one is.
            let (first, line) = (&actions[i].name, action_lines[i]);
            let message = if *first == ir.name {
                format!(
                    "duplicate action `{}` (first written at line {line})",
                    ir.name
                )
            } else {
                format!(
                    "actions `{first}` (line {line}) and `{}` both become the method `{}`",
                    ir.name, ir.method_name
                )
            };
            cx.error(file, action.name.pos, message, "rename or remove one of them; the actions of a resource need distinct snake_case names");
            continue;
        }
        action_lines.push(action.name.pos.line);
        let mut generated = vec![ir.type_name.clone(), ir.error_type.clone()];
        generated.extend(ir.params.iter().filter_map(|p| match &p.ty {
            ParamType::Enum(e) => Some(e.name.clone()),
            _ => None,
        }));
        for name in generated {
            if let Some((what, pos)) = type_names.get(&name) {
                cx.error(file, action.name.pos, format!("action `{}` needs the Rust type `{name}`, already used by {what} (line {})", ir.name, pos.line), "rename the action or the parameter");
            } else {
                type_names.insert(name, (format!("action `{}`", ir.name), action.name.pos));
            }
        }
        actions.push(ir);
    }
    ResourceIr {
        name: resource.name.value.clone(),
        module,
        title: resource.title.clone(),
        description: resource.description.clone(),
        actions,
        spec_file,
    }
}

#[allow(clippy::too_many_arguments)] // Each is a distinct piece of context; a struct would only rename them.
fn action(
    cx: &mut Cx,
    file: &Path,
    resource: &Resource,
    path_params: &[&Parameter],
    action: &Action,
    models: &ModelNames,
    model_files: &[ModelFileIr],
    api_params: &[Item<Parameter>],
) -> ActionIr {
    let mut type_name = camel(&action.name.value);
    if super::names::RESOURCE_MODULE_TYPES.contains(&type_name.as_str()) {
        type_name.push_str("Action");
    }
    if action.scopes.value.is_empty() {
        cx.error(
            file,
            action.scopes.pos,
            format!("action `{}` lists no scopes", action.name.value),
            "list the scopes the docs give, in their order; any one of them allows the action",
        );
    }
    // Parameters: the resource's path parameters, then the action's own.
    let mut all: Vec<(ParamIr, Pos)> = Vec::new();
    for p in path_params {
        if let Some(ir) = param(cx, file, p, Some(Location::Path), &type_name, models) {
            all.push((ir, p.name.pos));
        }
    }
    for p in action.parameters.iter().filter_map(|p| p.0.as_ref()) {
        if let Some(ir) = param(cx, file, p, None, &type_name, models) {
            all.push((ir, p.name.pos));
        }
    }
    let own: Vec<Item<Parameter>> = resource
        .path_parameters
        .iter()
        .chain(&action.parameters)
        .cloned()
        .collect();
    check_unique_params(cx, file, &own, api_params);
    let bodies = all
        .iter()
        .filter(|(p, _)| p.location == Location::Body)
        .count();
    if bodies > 1 {
        if let Some((_, pos)) = all
            .iter()
            .filter(|(p, _)| p.location == Location::Body)
            .nth(1)
        {
            cx.error(
                file,
                *pos,
                "an action takes at most one body parameter",
                "merge the bodies into one model",
            );
        }
    }

    let template = format!("{}{}", resource.path.value, action.path.value);
    let template_pos = if action.path.is_empty() {
        resource.path.pos
    } else {
        action.path.pos
    };
    let segments = parse_path(cx, file, template_pos, &template);
    // Call order: path parameters as they appear in the path, then other required ones in doc
    // order, then the body; optional parameters follow in doc order.
    let mut ordered: Vec<(ParamIr, Pos)> = Vec::new();
    for seg in &segments {
        if let Segment::Param(name) = seg {
            match all.iter().position(|(p, _)| p.wire_name == *name && p.location == Location::Path) {
                Some(i) => ordered.push(all.remove(i)),
                None if ordered.iter().any(|(p, _)| p.wire_name == *name) => {}
                None => cx.error(file, template_pos, format!("the path uses `{{{name}}}` but no path parameter `{name}` is declared"), format!("declare `{name}` under the resource's `path_parameters` (or as an `in: path` action parameter)")),
            }
        }
    }
    for (p, pos) in all.iter().filter(|(p, _)| p.location == Location::Path) {
        cx.error(
            file,
            *pos,
            format!(
                "path parameter `{}` is declared but the path `{template}` does not use it",
                p.wire_name
            ),
            format!(
                "add `{{{}}}` to the path, or remove the parameter",
                p.wire_name
            ),
        );
    }
    all.retain(|(p, _)| p.location != Location::Path);
    let (required, optional): (Vec<_>, Vec<_>) = all.into_iter().partition(|(p, _)| p.required);
    let (body, others): (Vec<_>, Vec<_>) = required
        .into_iter()
        .partition(|(p, _)| p.location == Location::Body);
    ordered.extend(others);
    ordered.extend(body);
    ordered.extend(optional);
    let params: Vec<ParamIr> = ordered.into_iter().map(|(p, _)| p).collect();
    let path = segments
        .into_iter()
        .filter_map(|s| match s {
            Segment::Literal(l) => Some(PathPart::Literal(l)),
            Segment::Param(name) => params
                .iter()
                .position(|p| p.wire_name == name)
                .map(PathPart::Param),
        })
        .collect();

    let successes = responses(cx, file, &action.responses.value, models, true);
    let errors = responses(cx, file, &action.errors, models, false)
        .into_iter()
        .map(|r| ErrorIr {
            status: r.status,
            variant: status_variant(r.status),
            ty: r.ty,
            description: r.description,
        })
        .collect();
    if action.responses.value.is_empty() {
        cx.error(
            file,
            action.responses.pos,
            "an action needs at least one success response",
            "add e.g. `200: {model: <model>, description: ...}` under `responses:`",
        );
    }
    if let Some(first) = successes.first() {
        if let Some(other) = successes.iter().find(|r| r.ty != first.ty) {
            cx.error(
                file,
                action.responses.pos,
                format!(
                    "success statuses {} and {} have different models",
                    first.status, other.status
                ),
                "the client returns one type per action: make the success models the same",
            );
        }
    }
    let pagination = action
        .pagination
        .as_ref()
        .and_then(|p| pagination(cx, file, p, &params, successes.first(), model_files));
    ActionIr {
        name: action.name.value.clone(),
        method_name: snake(&action.name.value),
        module: super::names::module(&action.name.value, "action"),
        error_type: format!("{type_name}Error"),
        type_name,
        summary: action.summary.clone(),
        description: action.description.clone(),
        method: action.method,
        path,
        scopes: action.scopes.value.clone(),
        params,
        successes,
        errors,
        pagination,
    }
}

/// Validates one parameter. `implied` is the location under `path_parameters`.
pub fn param(
    cx: &mut Cx,
    file: &Path,
    p: &Parameter,
    implied: Option<Location>,
    owner: &str,
    models: &ModelNames,
) -> Option<ParamIr> {
    let location = match (&p.location, implied) {
        (Some(l), _) => l.value,
        (None, Some(l)) => l,
        (None, None) => {
            cx.error(
                file,
                p.name.pos,
                format!("parameter `{}` has no `in`", p.name.value),
                "add `in: query` (or path, header, body)",
            );
            return None;
        }
    };
    let ty = match (location, &p.ty, &p.model) {
        (Location::Body, None, Some(model)) => {
            ParamType::Model(cx.resolve_model(file, model, models)?)
        }
        (Location::Body, _, None) => {
            cx.error(
                file,
                p.name.pos,
                format!("body parameter `{}` has no `model`", p.name.value),
                "add `model: <model name>`",
            );
            return None;
        }
        (Location::Body, Some(t), Some(_)) => {
            cx.error(
                file,
                t.pos,
                "a body parameter names a `model`, not a `type`",
                "remove `type:`",
            );
            return None;
        }
        (_, _, Some(m)) => {
            cx.error(
                file,
                m.pos,
                "only body parameters name a `model`",
                "use `type: string` (or integer, number, boolean), or `in: body`",
            );
            return None;
        }
        (_, None, None) => {
            cx.error(
                file,
                p.name.pos,
                format!("parameter `{}` has no `type`", p.name.value),
                "add `type: string` (or integer, number, boolean)",
            );
            return None;
        }
        (_, Some(t), None) => scalar_type(cx, file, p, t, owner),
    };
    if let Some(rn) = &p.rust_name {
        if snake(&rn.value) != rn.value {
            cx.error(
                file,
                rn.pos,
                format!(
                    "`rust_name: {}` is not a snake_case Rust identifier",
                    rn.value
                ),
                format!("use `{}`", snake(&rn.value)),
            );
        }
    }
    let mut rust_name = p
        .rust_name
        .as_ref()
        .map_or_else(|| snake(&p.name.value), |n| n.value.clone());
    if !p.required && location != Location::Path && BUILDER_METHODS.contains(&bare(&rust_name)) {
        rust_name = format!("{}_param", bare(&rust_name));
    }
    Some(ParamIr {
        wire_name: p.name.value.clone(),
        rust_name,
        location,
        ty,
        required: p.required || location == Location::Path,
        description: p.description.clone(),
        default: p.default.as_ref().map(|d| value_text(&d.value)),
        example: p.example.as_ref().map(|e| value_text(&e.value)),
        pattern: p.pattern.as_ref().map(|s| pattern::translate(&s.value)),
    })
}

fn scalar_type(
    cx: &mut Cx,
    file: &Path,
    p: &Parameter,
    t: &Spanned<ScalarType>,
    owner: &str,
) -> ParamType {
    let Some(values) = &p.values else {
        for v in [&p.default, &p.example].into_iter().flatten() {
            let ok = match (t.value, &v.value) {
                (ScalarType::String, _) => true,
                (ScalarType::Integer, serde_json::Value::Number(n)) => n.is_i64(),
                (ScalarType::Number, serde_json::Value::Number(_)) => true,
                (ScalarType::Boolean, serde_json::Value::Bool(_)) => true,
                _ => false,
            };
            if !ok {
                cx.error(
                    file,
                    v.pos,
                    format!("`{}` is not a {:?} value", value_text(&v.value), t.value)
                        .to_lowercase(),
                    "write a value of the parameter's `type`",
                );
            }
        }
        return match t.value {
            ScalarType::String => ParamType::String,
            ScalarType::Integer => ParamType::Integer,
            ScalarType::Number => ParamType::Number,
            ScalarType::Boolean => ParamType::Boolean,
        };
    };
    let integer = match t.value {
        ScalarType::String => false,
        ScalarType::Integer => true,
        _ => {
            cx.error(
                file,
                values.pos,
                "`enum` applies to string and integer parameters",
                "remove `enum` or change the type",
            );
            false
        }
    };
    let texts: Vec<String> = values.value.iter().map(|v| value_text(&v.value)).collect();
    for (v, text) in values.value.iter().zip(&texts) {
        if texts.iter().filter(|t| *t == text).count() > 1 {
            cx.error(
                file,
                v.pos,
                format!("value `{text}` is listed twice"),
                "remove one",
            );
        }
    }
    let accepted: Vec<&str> = texts.iter().map(String::as_str).collect();
    cx.check_among(file, p.default.as_ref(), p.example.as_ref(), &accepted);
    let variants = super::names::variant_names(&texts, integer)
        .into_iter()
        .zip(texts)
        .collect();
    ParamType::Enum(EnumIr {
        name: format!("{owner}{}", camel(&p.name.value)),
        integer,
        variants,
    })
}

/// Reports parameters whose wire names or Rust names clash, here or with the API-wide ones.
pub fn check_unique_params(
    cx: &mut Cx,
    file: &Path,
    params: &[Item<Parameter>],
    api_params: &[Item<Parameter>],
) {
    // Fix (diagnostics): the duplicate message used to say "(also another parameter)" and
    // always advise about API-wide parameters; it now says where the first one is, and the
    // API-wide advice is given only when the clash is with an API-wide parameter.
    // Wire name -> (position, whether it is API-wide).
    let mut wire: HashMap<&str, (Pos, bool)> = HashMap::new();
    let mut rust: HashMap<String, &str> = HashMap::new();
    for p in api_params.iter().filter_map(|p| p.0.as_ref()) {
        wire.insert(&p.name.value, (p.name.pos, true));
        rust.insert(snake(&p.name.value), &p.name.value);
    }
    for p in params.iter().filter_map(|p| p.0.as_ref()) {
        if let Some((first, api_wide)) = wire.get(p.name.value.as_str()) {
            if *api_wide {
                cx.error(
                    file,
                    p.name.pos,
                    format!(
                        "parameter `{}` is already an API-wide parameter (in the `api:` file)",
                        p.name.value
                    ),
                    "remove it here; API-wide parameters apply to every action already",
                );
            } else {
                cx.error(
                    file,
                    p.name.pos,
                    format!(
                        "duplicate parameter `{}` (first written at line {})",
                        p.name.value, first.line
                    ),
                    "remove one of them",
                );
            }
            continue;
        }
        wire.insert(&p.name.value, (p.name.pos, false));
        let r = p
            .rust_name
            .as_ref()
            .map_or_else(|| snake(&p.name.value), |n| n.value.clone());
        if let Some(first) = rust.get(&r) {
            cx.error(
                file,
                p.name.pos,
                format!(
                    "parameters `{first}` and `{}` both become the Rust name `{r}`",
                    p.name.value
                ),
                "add `rust_name:` to one of them",
            );
        } else {
            rust.insert(r, &p.name.value);
        }
    }
}

enum Segment {
    Literal(String),
    Param(String),
}

fn parse_path(cx: &mut Cx, file: &Path, pos: Pos, template: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = template;
    if !template.starts_with('/') {
        cx.error(
            file,
            pos,
            format!("path `{template}` does not start with `/`"),
            "write the path from the base URL on, e.g. `/orgs/{orgId}`",
        );
    }
    while let Some(open) = rest.find('{') {
        let (lit, after) = rest.split_at(open);
        if lit.contains('}') {
            break;
        }
        if !lit.is_empty() {
            out.push(Segment::Literal(lit.to_owned()));
        }
        let Some(close) = after.find('}') else {
            cx.error(
                file,
                pos,
                format!("unclosed `{{` in path `{template}`"),
                "close it: `{name}`",
            );
            return out;
        };
        let name = &after[1..close];
        if name.is_empty() || name.contains('{') {
            cx.error(
                file,
                pos,
                format!("empty or nested `{{}}` in path `{template}`"),
                "write one parameter name per `{}`",
            );
        } else {
            out.push(Segment::Param(name.to_owned()));
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') || rest.contains('{') {
        cx.error(
            file,
            pos,
            format!("unbalanced `}}` in path `{template}`"),
            "every `}` closes a `{name}`",
        );
    } else if !rest.is_empty() {
        out.push(Segment::Literal(rest.to_owned()));
    }
    out
}

fn responses(
    cx: &mut Cx,
    file: &Path,
    map: &IndexMap<Spanned<String>, Item<Response>>,
    models: &ModelNames,
    success: bool,
) -> Vec<ResponseIr> {
    let mut out = Vec::new();
    for (status, item) in map {
        let code = match status.value.parse::<u16>() {
            Ok(c) if (100..=599).contains(&c) => c,
            _ => {
                cx.error(
                    file,
                    status.pos,
                    format!("`{}` is not an HTTP status code", status.value),
                    "use a number from 100 to 599",
                );
                continue;
            }
        };
        if success != (200..300).contains(&code) {
            let (msg, help) = if success {
                (
                    format!("success status {code} is not a 2xx status"),
                    "move it under `errors:`",
                )
            } else {
                (
                    format!("error status {code} is a 2xx (success) status"),
                    "move it under `responses:`",
                )
            };
            cx.error(file, status.pos, msg, help);
        }
        let Some(response) = &item.0 else { continue };
        let Some(rust) = cx.resolve_model(file, &response.model, models) else {
            continue;
        };
        out.push(ResponseIr {
            status: code,
            ty: TypeIr::Named(rust),
            description: response.description.clone(),
        });
    }
    out
}

fn pagination(
    cx: &mut Cx,
    file: &Path,
    spec: &Spanned<crate::load::spec::Pagination>,
    params: &[ParamIr],
    success: Option<&ResponseIr>,
    model_files: &[ModelFileIr],
) -> Option<PaginationIr> {
    let find = |cx: &mut Cx, name: &str| {
        let found = params.iter().position(|p| {
            p.wire_name == name && p.location == crate::ir::Location::Query && !p.required
        });
        if found.is_none() {
            cx.error(file, spec.pos, format!("pagination names `{name}`, which is not an optional query parameter of this action"), "name the action's page and page-size query parameters");
        }
        found
    };
    let page_param = find(cx, &spec.page);
    let per_page_param = find(cx, &spec.per_page);
    let TypeIr::Named(model) = &success?.ty else {
        return None;
    };
    let fields = model_files
        .iter()
        .flat_map(|f| &f.models)
        .find(|m| m.name == *model)
        .and_then(|m| match &m.kind {
            ModelKind::Struct(fields) => Some(fields),
            _ => None,
        });
    let Some(fields) = fields else {
        cx.error(
            file,
            spec.pos,
            format!("pagination needs the success model `{model}` to be an object"),
            "point `responses` at the page model",
        );
        return None;
    };
    let items = fields.iter().find(|f| f.json_name == spec.items);
    let item_ty = match items.map(|f| &f.ty) {
        Some(TypeIr::List(item)) => (**item).clone(),
        _ => {
            cx.error(
                file,
                spec.pos,
                format!("`{model}` has no array field `{}`", spec.items),
                "name the field holding the page's items",
            );
            return None;
        }
    };
    let total_field = match &spec.total {
        None => None,
        Some(total) => match fields
            .iter()
            .find(|f| f.json_name == *total && f.ty == TypeIr::Integer)
        {
            Some(f) => Some((f.rust_name.clone(), !f.required)),
            None => {
                cx.error(
                    file,
                    spec.pos,
                    format!("`{model}` has no integer field `{total}`"),
                    "name the field holding the total count, or remove `total`",
                );
                None
            }
        },
    };
    let items = items?;
    Some(PaginationIr {
        page_param: page_param?,
        per_page_param: per_page_param?,
        items_field: items.rust_name.clone(),
        items_optional: !items.required,
        item_ty,
        total_field,
    })
}
