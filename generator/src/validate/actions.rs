//! Resources and their actions: the path and its parameters, the other parameters and the body,
//! authentication and scopes, responses and pagination.

use std::path::Path;
use std::sync::Arc;

use super::models::ModelTable;
use super::params::{self, Placed};
use super::responses::{self, Side};
use super::schema::Convert;
use super::{Cx, pagination, path, relative, shared, unions};
use crate::diagnostics::Pos;
use crate::ir::{
    Action, Auth, BodyKind, Origin, Param, ParamLocation, Part, PartKind, PathSegment,
    RequestBody, Resource, Scopes,
};
use crate::load::spanned::{Item, ScalarOrMap, Spanned};
use crate::load::spec::{self, Location, Parameter, ScopeEntry};

/// What the actions of an API share.
pub struct ApiContext<'a> {
    /// The spec root, for relative file names.
    pub root: &'a Path,
    /// The API's models.
    pub models: &'a ModelTable,
    /// The `api:` file's content, when it loaded.
    pub api: Option<&'a spec::Api>,
    /// The API-wide parameters that loaded.
    pub api_params: &'a [Param],
}

impl ApiContext<'_> {
    /// `Content-Type` of JSON request bodies.
    fn json_media(&self) -> &str {
        self.api.map_or("", |api| api.media_types.request.as_str())
    }
}

/// Validates a resource and its actions.
pub fn resource(
    cx: &mut Cx,
    context: &ApiContext,
    file: &Path,
    resource: &spec::Resource,
) -> Resource {
    let file = shared(file);
    if resource.actions.value.is_empty() {
        cx.error(
            &file,
            resource.actions.pos,
            "a resource needs at least one action",
            "add an action under `actions:`",
        );
    }
    let path_params: Vec<&Parameter> = loaded(cx, &resource.path_parameters);
    let mut actions: Vec<Action> = Vec::new();
    for item in &resource.actions.value {
        let Some(written) = &item.0 else {
            cx.left_out();
            continue;
        };
        if let Some(first) = actions.iter().find(|a| a.name == written.name.value) {
            cx.error(
                &file,
                written.name.pos,
                format!(
                    "duplicate action `{}` (first written at line {})",
                    written.name.value, first.origin.pos.line
                ),
                "rename or remove one of them",
            );
            continue;
        }
        if let Some(action) = action(cx, context, &file, resource, &path_params, written) {
            actions.push(action);
        }
    }
    Resource {
        name: resource.name.value.clone(),
        title: resource.title.clone(),
        description: resource.description.clone(),
        actions,
        spec_file: relative(context.root, &file),
        origin: Origin::new(file.clone(), resource.name.pos),
    }
}

/// The entries of a list that loaded (a missing one was reported while loading).
fn loaded<'a, T>(cx: &mut Cx, items: &'a [Item<T>]) -> Vec<&'a T> {
    let out: Vec<&T> = items.iter().filter_map(|i| i.0.as_ref()).collect();
    if out.len() != items.len() {
        cx.left_out();
    }
    out
}

fn action(
    cx: &mut Cx,
    context: &ApiContext,
    file: &Arc<Path>,
    resource: &spec::Resource,
    path_params: &[&Parameter],
    written: &spec::Action,
) -> Option<Action> {
    let own: Vec<&Parameter> = loaded(cx, &written.parameters);
    let declared: Vec<(&Parameter, Option<Location>)> = path_params
        .iter()
        .map(|p| (*p, Some(Location::Path)))
        .chain(own.iter().map(|p| (*p, None)))
        .collect();
    check_unique(cx, file, &declared, context.api_params);

    let mut conv = Convert {
        cx: &mut *cx,
        file,
        models: context.models,
    };
    let mut params = Vec::new();
    let mut bodies = Vec::new();
    let mut parts: Vec<(bool, Part)> = Vec::new();
    for (p, implied) in &declared {
        match params::param(&mut conv, p, *implied, context.json_media()) {
            Some(Placed::Param(param)) => params.push(param),
            Some(Placed::Body(body)) => bodies.push(body),
            Some(Placed::Part { multipart, part }) => parts.push((multipart, part)),
            None => {}
        }
    }
    let body = request_body(conv.cx, bodies, parts);

    let template = format!("{}{}", resource.path.value, written.path.value);
    let template_pos = if written.path.is_empty() {
        resource.path.pos
    } else {
        written.path.pos
    };
    let segments = path::parse(conv.cx, file, template_pos, &template);
    check_path_params(conv.cx, file, template_pos, &template, &segments, &params);

    let responses = responses::responses(
        &mut conv,
        &written.responses.value,
        Side::Success,
        context.api.map(|a| &a.media_types),
        written.method,
    );
    let errors = responses::responses(
        &mut conv,
        &written.errors,
        Side::Error,
        context.api.map(|a| &a.media_types),
        written.method,
    );
    if written.responses.value.is_empty() {
        conv.cx.error(
            file,
            written.responses.pos,
            "an action needs at least one success response",
            "add e.g. `200: {model: <model>, description: ...}` under `responses:` (a response \
             without `model` has no body)",
        );
    }
    let pagination = written
        .pagination
        .as_ref()
        .and_then(|p| pagination::pagination(&mut conv, p, &params, &responses));
    let scopes = scopes(conv.cx, file, written.scopes.as_ref());

    let mut body = body;
    for param in &mut params {
        unions::finish(cx, context.models, &mut param.schema);
    }
    finish_body(cx, context.models, body.as_mut());
    let auth = written
        .auth
        .as_ref()
        .map(|a| a.value)
        .or(context.api.map(|api| api.auth.value))
        .unwrap_or(Auth::Bearer);
    Some(Action {
        name: written.name.value.clone(),
        summary: written.summary.clone(),
        description: written.description.clone(),
        method: written.method,
        path: segments,
        deprecated: written.deprecated,
        auth,
        scopes,
        params,
        body,
        responses,
        errors,
        pagination,
        origin: Origin::new(file.clone(), written.name.pos),
    })
}

/// Runs the rules that read other models on the schemas of a request body.
fn finish_body(cx: &mut Cx, models: &ModelTable, body: Option<&mut RequestBody>) {
    match body {
        Some(RequestBody::Single(single)) => {
            if let BodyKind::Json(schema) = &mut single.kind {
                unions::finish(cx, models, schema);
            }
        }
        Some(RequestBody::Multipart(parts) | RequestBody::Form(parts)) => {
            for part in parts {
                if let PartKind::Value(schema) = &mut part.kind {
                    unions::finish(cx, models, schema);
                }
            }
        }
        None => {}
    }
}

/// The request body: one `in: body` parameter, or the multipart parts, or the form fields.
fn request_body(
    cx: &mut Cx,
    bodies: Vec<crate::ir::BodyParam>,
    parts: Vec<(bool, Part)>,
) -> Option<RequestBody> {
    let mut bodies = bodies.into_iter();
    let first = bodies.next();
    for extra in bodies {
        cx.error_at(
            &extra.origin,
            "an action takes at most one `in: body` parameter",
            "merge the bodies into one model, or send them as `in: multipart` or `in: form` parts",
        );
    }
    let (multipart, form): (Vec<_>, Vec<_>) = parts.into_iter().partition(|(m, _)| *m);
    let multipart: Vec<Part> = multipart.into_iter().map(|(_, p)| p).collect();
    let form: Vec<Part> = form.into_iter().map(|(_, p)| p).collect();
    if let (Some(_), Some(part)) = (&first, multipart.first().or(form.first())) {
        cx.error_at(
            &part.origin,
            "an action has a whole body (`in: body`) or multipart or form parts, not both",
            "send this as a property of the body's model, or make every body parameter a part",
        );
    }
    if let (Some(_), Some(field)) = (multipart.first(), form.first()) {
        cx.error_at(
            &field.origin,
            "an action's body is multipart or a form, not both",
            "use `in: multipart` for every part (a form cannot hold files)",
        );
    }
    match (first, multipart.is_empty(), form.is_empty()) {
        (Some(body), _, _) => Some(RequestBody::Single(body)),
        (None, false, _) => Some(RequestBody::Multipart(multipart)),
        (None, true, false) => Some(RequestBody::Form(form)),
        (None, true, true) => None,
    }
}

/// Every `{name}` of the path is a path parameter, and every path parameter is in the path.
fn check_path_params(
    cx: &mut Cx,
    file: &Path,
    pos: Pos,
    template: &str,
    segments: &[PathSegment],
    params: &[Param],
) {
    for segment in segments {
        let PathSegment::Param(name) = segment else {
            continue;
        };
        let declared = params
            .iter()
            .any(|p| p.location == ParamLocation::Path && p.name == *name);
        if !declared {
            cx.error(
                file,
                pos,
                format!("the path uses `{{{name}}}` but no path parameter `{name}` is declared"),
                format!(
                    "declare `{name}` under the resource's `path_parameters` (or as an `in: path` \
                     action parameter)"
                ),
            );
        }
    }
    for p in params.iter().filter(|p| p.location == ParamLocation::Path) {
        if !segments.contains(&PathSegment::Param(p.name.clone())) {
            cx.error_at(
                &p.origin,
                format!(
                    "path parameter `{}` is declared but the path `{template}` does not use it",
                    p.name
                ),
                format!("add `{{{}}}` to the path, or remove the parameter", p.name),
            );
        }
    }
}

/// Reports a parameter written twice in the same place, or that repeats an API-wide one.
fn check_unique(
    cx: &mut Cx,
    file: &Path,
    declared: &[(&Parameter, Option<Location>)],
    api_params: &[Param],
) {
    let key = |location: Location, name: &str| match location {
        // Header names ignore case.
        Location::Header => (location, name.to_ascii_lowercase()),
        _ => (location, name.to_owned()),
    };
    let mut seen: Vec<((Location, String), Pos)> = Vec::new();
    for (p, implied) in declared {
        let Some(location) = p.location.as_ref().map(|l| l.value).or(*implied) else {
            continue;
        };
        let k = key(location, &p.name.value);
        let api_wide = api_params.iter().any(|a| {
            let location = match a.location {
                ParamLocation::Query => Location::Query,
                ParamLocation::Header => Location::Header,
                ParamLocation::Path => Location::Path,
            };
            key(location, &a.name) == k
        });
        if api_wide {
            cx.error(
                file,
                p.name.pos,
                format!(
                    "parameter `{}` is already an API-wide parameter (in the `api:` file)",
                    p.name.value
                ),
                "remove it here; API-wide parameters apply to every action already",
            );
        } else if let Some((_, first)) = seen.iter().find(|(s, _)| *s == k) {
            cx.error(
                file,
                p.name.pos,
                format!(
                    "duplicate parameter `{}` (first written at line {})",
                    p.name.value, first.line
                ),
                "remove one of them",
            );
        } else {
            seen.push((k, p.name.pos));
        }
    }
}

/// What a token must hold: each entry is one alternative (a scope, or several together).
fn scopes(
    cx: &mut Cx,
    file: &Path,
    given: Option<&Spanned<Vec<Spanned<ScopeEntry>>>>,
) -> Option<Scopes> {
    let list = given?;
    if list.value.is_empty() {
        cx.error(
            file,
            list.pos,
            "`scopes: []` lists no scope",
            "omit `scopes` when the docs list none",
        );
        return None;
    }
    let mut any_of: Vec<Vec<String>> = Vec::new();
    for entry in &list.value {
        let alternative = match &entry.value {
            ScalarOrMap::Scalar(scope) => vec![scope.clone()],
            ScalarOrMap::Map(all) => all.all_of.clone(),
        };
        let problem = if alternative.is_empty() {
            Some((
                "`all_of: []` lists no scope".to_owned(),
                "list the scopes that are needed together, or remove the entry",
            ))
        } else if alternative.iter().any(|s| s.trim().is_empty()) {
            Some(("an empty scope name".to_owned(), "write the scope as the docs name it"))
        } else if let Some(twice) = alternative
            .iter()
            .enumerate()
            .find(|(i, s)| alternative.iter().take(*i).any(|t| t == *s))
            .map(|(_, s)| s)
        {
            Some((
                format!("scope `{twice}` is listed twice in this `all_of`"),
                "remove the second one",
            ))
        } else if any_of.iter().any(|a| same_scopes(a, &alternative)) {
            Some((
                "this scope entry is listed twice".to_owned(),
                "remove the second one",
            ))
        } else {
            None
        };
        match problem {
            Some((message, help)) => cx.error(file, entry.pos, message, help),
            None => any_of.push(alternative),
        }
    }
    (!any_of.is_empty()).then_some(Scopes { any_of })
}

fn same_scopes(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|s| b.contains(s))
}
