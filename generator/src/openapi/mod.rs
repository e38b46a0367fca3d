//! The IR to OpenAPI 3.1 documents: `cargo xtask openapi` writes one `<api>.openapi.json` per
//! API.
//!
//! Every action is an operation (operationId `<resource>.<action>`, tagged with its resource),
//! every model a schema under `components/schemas`. What OpenAPI cannot say is written as `x-`
//! extensions, each documented in README.md ("Exporting OpenAPI"), so that the importer
//! ([`crate::import::openapi`]) reads the document back into the same IR. Keys are written in a
//! fixed order: the same IR always gives the same bytes.

mod operation;
mod schema;
mod security;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::ir::{Api, Ir, Param};

/// `info.version`: the specs do not version APIs.
const VERSION: &str = "unversioned";

/// The OpenAPI 3.1 document of `api`.
pub fn export(api: &Api) -> Value {
    let api_params = api_parameter_keys(&api.params);
    let mut doc = Map::new();
    doc.insert("openapi".into(), json!("3.1.0"));
    let mut info = Map::new();
    info.insert("title".into(), json!(api.title));
    if let Some(d) = &api.description {
        info.insert("description".into(), json!(d));
    }
    info.insert("version".into(), json!(VERSION));
    doc.insert("info".into(), Value::Object(info));
    doc.insert("servers".into(), json!([{"url": api.base_url}]));
    if let Some(security) = security::root(api) {
        doc.insert("security".into(), security);
    }
    doc.insert("tags".into(), tags(api));
    doc.insert("paths".into(), paths(api, &api_params));
    doc.insert("components".into(), components(api, &api_params));
    doc.insert(
        "x-media-types".into(),
        json!({
            "request": api.media_types.request,
            "success": api.media_types.success,
            "error": api.media_types.error,
        }),
    );
    if !api.headers.is_empty() {
        let headers: Map<String, Value> = api
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        doc.insert("x-headers".into(), Value::Object(headers));
    }
    if let Some(h) = &api.idempotency_header {
        doc.insert("x-idempotency-header".into(), json!(h));
    }
    if let Some(file) = file_name(&api.origin.file) {
        doc.insert("x-spec-file".into(), json!(file));
    }
    Value::Object(doc)
}

/// The name of the spec file a node was written in (`org.yaml`), for `x-spec-file`: the
/// importer writes the node into a file of that name, so that a spec keeps its layout through
/// the round trip.
fn file_name(path: &Path) -> Option<String> {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
}

/// The text of `<api>.openapi.json`: pretty JSON with a final newline.
pub fn document_text(api: &Api) -> String {
    let mut text = serde_json::to_string_pretty(&export(api)).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes `out/<api>.openapi.json` for every API of `ir` (creating `out`); returns the paths.
pub fn write_documents(ir: &Ir, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let mut written = Vec::new();
    for api in &ir.apis {
        let path = out.join(format!("{}.openapi.json", api.name));
        std::fs::write(&path, document_text(api))?;
        written.push(path);
    }
    Ok(written)
}

/// The key of each API-wide parameter under `components/parameters`: its name, or
/// `<location>.<name>` when two share a name.
fn api_parameter_keys(params: &[Param]) -> Vec<(String, &Param)> {
    params
        .iter()
        .map(|p| {
            let shared = params.iter().filter(|q| q.name == p.name).count() > 1;
            let name = schema::component_key(&p.name);
            let key = if shared {
                format!("{}.{name}", format!("{:?}", p.location).to_lowercase())
            } else {
                name
            };
            (key, p)
        })
        .collect()
}

/// One tag per resource: its name, title (`x-displayName`), description, and the order of its
/// actions (`x-action-order`) when the paths do not already list them in that order.
fn tags(api: &Api) -> Value {
    let order_in_paths = path_order(api);
    let tags = api
        .resources
        .iter()
        .map(|r| {
            let mut tag = Map::new();
            tag.insert("name".into(), json!(r.name));
            tag.insert("x-displayName".into(), json!(r.title));
            if let Some(d) = &r.description {
                tag.insert("description".into(), json!(d));
            }
            if let Some(file) = file_name(&r.spec_file) {
                tag.insert("x-spec-file".into(), json!(file));
            }
            let ids: Vec<String> = r
                .actions
                .iter()
                .map(|a| operation::operation_id(r, a))
                .collect();
            let listed: Vec<&String> = order_in_paths
                .iter()
                .filter(|id| ids.contains(id))
                .collect();
            if listed.iter().copied().ne(ids.iter()) {
                tag.insert("x-action-order".into(), json!(ids));
            }
            Value::Object(tag)
        })
        .collect();
    Value::Array(tags)
}

/// Path templates in the order of their first action, each with its actions in order.
fn grouped(api: &Api) -> Vec<(String, Vec<(&crate::ir::Resource, &crate::ir::Action)>)> {
    let mut out: Vec<(String, Vec<_>)> = Vec::new();
    for resource in &api.resources {
        for action in &resource.actions {
            let template = action.path_template();
            match out.iter_mut().find(|(t, _)| *t == template) {
                Some((_, list)) => list.push((resource, action)),
                None => out.push((template, vec![(resource, action)])),
            }
        }
    }
    out
}

/// The operationIds in the order the `paths` object lists them.
fn path_order(api: &Api) -> Vec<String> {
    grouped(api)
        .into_iter()
        .flat_map(|(_, list)| list)
        .map(|(r, a)| operation::operation_id(r, a))
        .collect()
}

fn paths(api: &Api, api_params: &[(String, &Param)]) -> Value {
    let mut paths = Map::new();
    for (template, actions) in grouped(api) {
        let mut item = Map::new();
        let mut more = Vec::new();
        for (resource, action) in actions {
            let method = action.method.as_str().to_ascii_lowercase();
            let operation = operation::operation(api, resource, action, api_params);
            if item.contains_key(&method) {
                // OpenAPI has one operation per method and path; a second action documented
                // with both goes into `x-more-operations` rather than being lost.
                let mut extra = Map::new();
                extra.insert("method".into(), json!(method));
                if let Value::Object(o) = operation {
                    extra.extend(o);
                }
                more.push(Value::Object(extra));
            } else {
                item.insert(method, operation);
            }
        }
        if !more.is_empty() {
            item.insert("x-more-operations".into(), Value::Array(more));
        }
        paths.insert(template, Value::Object(item));
    }
    Value::Object(paths)
}

fn components(api: &Api, api_params: &[(String, &Param)]) -> Value {
    let mut components = Map::new();
    let schemas: Map<String, Value> = api
        .models
        .iter()
        .map(|m| {
            let mut value = schema::schema(&m.schema);
            if let (Some(file), Value::Object(o)) = (file_name(&m.spec_file), &mut value) {
                o.insert("x-spec-file".into(), json!(file));
            }
            (schema::component_key(&m.name), value)
        })
        .collect();
    components.insert("schemas".into(), Value::Object(schemas));
    if !api_params.is_empty() {
        let params: Map<String, Value> = api_params
            .iter()
            .map(|(key, p)| {
                let mut value = operation::parameter(p);
                if let Value::Object(o) = &mut value {
                    o.insert("x-api-parameter".into(), json!(true));
                }
                (key.clone(), value)
            })
            .collect();
        components.insert("parameters".into(), Value::Object(params));
    }
    if let Some(schemes) = security::schemes(api) {
        components.insert("securitySchemes".into(), schemes);
    }
    Value::Object(components)
}
