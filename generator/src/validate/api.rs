//! One API: its settings (base URL, headers, media types, API-wide parameters, idempotency
//! header), its models and its resources.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::actions::{self, ApiContext};
use super::params::{self, Placed};
use super::schema::Convert;
use super::{Cx, is_header_name, is_media_type, models, relative, shared, unions};
use crate::ir::{Api, MediaTypes, Origin, Param, ParamLocation};
use crate::load::ApiFiles;
use crate::load::spec;
use crate::load::yaml::shown;

/// Validates one API folder; the IR of the API when its `api:` file loaded.
pub fn validate_api(cx: &mut Cx, root: &Path, files: &ApiFiles) -> Option<Api> {
    let written = files.api.as_ref().map(|(file, api)| (shared(file), api));
    if let Some((file, api)) = &written {
        check_settings(cx, file, api);
    }
    let (table, models) = models::build(cx, root, files);
    let api_params = match &written {
        Some((file, api)) => api_params(cx, file, api, &table),
        None => Vec::new(),
    };
    let context = ApiContext {
        root,
        models: &table,
        api: written.as_ref().map(|(_, api)| *api),
        api_params: &api_params,
    };
    let mut resources: Vec<crate::ir::Resource> = Vec::new();
    for (file, resource) in &files.resources {
        if let Some(first) = resources.iter().find(|r| r.name == resource.name.value) {
            cx.error(
                file,
                resource.name.pos,
                format!(
                    "resource `{}` is defined twice (first in {})",
                    resource.name.value,
                    first.origin.file.display()
                ),
                "rename or remove one of them",
            );
            continue;
        }
        resources.push(actions::resource(cx, &context, file, resource));
    }
    let (file, api) = written?;
    let mut spec_files: Vec<PathBuf> = files.files.iter().map(|f| relative(root, f)).collect();
    spec_files.sort();
    Some(Api {
        name: api.name.value.clone(),
        title: api.title.clone(),
        description: api.description.clone(),
        base_url: api.base_url.value.trim_end_matches('/').to_owned(),
        auth: api.auth.value,
        headers: api
            .headers
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
        media_types: MediaTypes {
            request: api.media_types.request.clone(),
            success: api.media_types.success.clone(),
            error: api.media_types.error.clone(),
        },
        params: api_params,
        idempotency_header: api.idempotency_header.as_ref().map(|h| h.value.clone()),
        resources,
        models,
        spec_files,
        origin: Origin::new(file.clone(), api.name.pos),
    })
}

/// The base URL, headers, media types and idempotency header.
fn check_settings(cx: &mut Cx, file: &Arc<Path>, api: &spec::Api) {
    let url = &api.base_url;
    let rest = url
        .value
        .strip_prefix("https://")
        .or_else(|| url.value.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or_default();
        !host.is_empty() && !r.contains(['?', '#']) && !r.contains(char::is_whitespace)
    });
    if !host_ok {
        cx.error(
            file,
            url.pos,
            format!("`{}` is not an http(s) URL", shown(&url.value)),
            "write the full URL without a query, e.g. `https://api.example.com/v1`",
        );
    }
    for (name, value) in &api.headers {
        if !is_header_name(&name.value) {
            cx.error(
                file,
                name.pos,
                format!("`{}` is not a valid HTTP header name", shown(&name.value)),
                "use letters, digits and `-` only",
            );
        }
        if !value
            .value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            cx.error(
                file,
                value.pos,
                "header values must be printable ASCII on one line",
                "remove line breaks and non-ASCII characters",
            );
        }
    }
    if let Some(header) = &api.idempotency_header {
        if !is_header_name(&header.value) {
            cx.error(
                file,
                header.pos,
                format!("`{}` is not a valid HTTP header name", shown(&header.value)),
                "name the header the docs give, e.g. `Idempotency-Key`",
            );
        }
    }
    let media = &api.media_types;
    let all = std::iter::once(&media.request)
        .chain(&media.success)
        .chain(&media.error);
    for (i, given) in all.enumerate() {
        if !is_media_type(given) {
            // `media_types` keeps no positions; the API's name points at the file's top.
            cx.error(
                file,
                api.name.pos,
                format!(
                    "`media_types` lists `{}`, which is not a media type{}",
                    shown(given),
                    if i == 0 { " (`request`)" } else { "" }
                ),
                "write `type/subtype`, e.g. `application/json`",
            );
        }
    }
}

/// The API-wide parameters: optional query and header parameters.
fn api_params(cx: &mut Cx, file: &Arc<Path>, api: &spec::Api, table: &models::ModelTable) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    let mut conv = Convert {
        cx: &mut *cx,
        file,
        models: table,
    };
    for item in &api.parameters {
        let Some(p) = &item.0 else {
            conv.cx.left_out();
            continue;
        };
        let placed = params::param(&mut conv, p, None, &api.media_types.request);
        let param = match placed {
            Some(Placed::Param(param))
                if param.location != ParamLocation::Path && !param.required =>
            {
                param
            }
            None => continue,
            Some(_) => {
                conv.cx.error(
                    file,
                    p.name.pos,
                    format!(
                        "API-wide parameter `{}` must be an optional query or header parameter",
                        p.name.value
                    ),
                    "set `in: query` or `in: header` and drop `required`; put path and body \
                     parameters on actions",
                );
                continue;
            }
        };
        let clash = out.iter().find(|o| {
            o.location == param.location
                && (o.name == param.name
                    || (param.location == ParamLocation::Header
                        && o.name.eq_ignore_ascii_case(&param.name)))
        });
        if let Some(first) = clash {
            conv.cx.error(
                file,
                p.name.pos,
                format!(
                    "duplicate parameter `{}` (first written at line {})",
                    p.name.value, first.origin.pos.line
                ),
                "remove one of them",
            );
            continue;
        }
        out.push(param);
    }
    for param in &mut out {
        unions::finish(cx, table, &mut param.schema);
    }
    out
}
