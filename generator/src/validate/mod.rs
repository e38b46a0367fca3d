//! Validate: typed spec values to the [`Ir`], checking everything that spans keys and files.
//! Every problem is collected; the IR is returned only when there are none.

mod actions;
mod boxing;
mod models;
pub mod names;
pub mod pattern;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::ir::{ApiIr, Ir, ParamIr, ResourceIr};
use crate::load::ApiFiles;
use crate::load::spanned::Spanned;
use crate::load::spec::{Api, Location};

/// Collects diagnostics while validating.
#[derive(Debug, Default)]
pub struct Cx {
    diagnostics: Diagnostics,
}

impl Cx {
    /// The Rust name of the model `reference` names, or a located "undefined model" problem
    /// with the closest defined name.
    pub fn resolve_model(
        &mut self,
        file: &Path,
        reference: &Spanned<String>,
        models: &HashMap<String, String>,
    ) -> Option<String> {
        if let Some(rust) = models.get(&reference.value) {
            return Some(rust.clone());
        }
        let help = match did_you_mean(&reference.value, models.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "define it under `models:` in this API's folder".into(),
        };
        let message = format!("reference to undefined model `{}`", reference.value);
        self.error(file, reference.pos, message, help);
        None
    }

    /// Reports each of `default` and `example` that is not among `accepted`.
    pub fn check_among(
        &mut self,
        file: &Path,
        default: Option<&Spanned<Value>>,
        example: Option<&Spanned<Value>>,
        accepted: &[&str],
    ) {
        for (key, v) in [("default", default), ("example", example)] {
            let Some(v) = v else { continue };
            let text = value_text(&v.value);
            if accepted.contains(&text.as_str()) {
                continue;
            }
            let help = match did_you_mean(&text, accepted.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? accepted: {}", accepted.join(", ")),
                None => format!("use one of: {}, or remove `{key}`", accepted.join(", ")),
            };
            let message = format!("{key} `{text}` is not among the accepted values");
            self.error(file, v.pos, message, help);
        }
    }

    /// Records a problem with its fix.
    pub fn error(
        &mut self,
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(file, pos, message).with_help(help));
    }
}

/// Validates every API read from `root` and builds the IR.
pub fn validate(root: &Path, apis: &[ApiFiles]) -> Result<Ir, Diagnostics> {
    let mut cx = Cx::default();
    let mut out = Vec::new();
    let mut modules: Vec<(String, PathBuf)> = Vec::new();
    for files in apis {
        let Some((api_file, api)) = &files.api else {
            continue;
        };
        let ir = validate_api(&mut cx, root, files, api_file, api);
        if let Some((_, first)) = modules.iter().find(|(m, _)| *m == ir.module) {
            cx.error(
                api_file,
                api.name.pos,
                format!(
                    "two APIs become the module `{}` (the other is {})",
                    ir.module,
                    first.display()
                ),
                "rename one of them",
            );
        }
        modules.push((ir.module.clone(), api_file.clone()));
        out.push(ir);
    }
    if cx.diagnostics.is_empty() {
        Ok(Ir { apis: out })
    } else {
        Err(cx.diagnostics)
    }
}

fn validate_api(cx: &mut Cx, root: &Path, files: &ApiFiles, api_file: &Path, api: &Api) -> ApiIr {
    let module = names::module(&api.name.value, "api");
    if !(api.base_url.starts_with("https://") || api.base_url.starts_with("http://")) {
        cx.error(
            api_file,
            api.base_url.pos,
            format!("`{}` is not an http(s) URL", api.base_url.value),
            "write the full URL, e.g. `https://api.example.com/v1`",
        );
    }
    for (name, value) in &api.headers {
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            cx.error(
                api_file,
                name.pos,
                format!("`{}` is not a valid HTTP header name", name.value),
                "use letters, digits and `-` only",
            );
        }
        if !value
            .bytes()
            .all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
        {
            cx.error(
                api_file,
                value.pos,
                "header values must be printable ASCII on one line",
                "remove line breaks and non-ASCII characters",
            );
        }
    }
    let (model_files, model_names) = {
        let models = models::Models::new(cx, &files.models);
        models.build(&files.models)
    };
    let params: Vec<ParamIr> = api
        .parameters
        .iter()
        .filter_map(|p| p.0.as_ref())
        .filter_map(|p| {
            let ir = actions::param(cx, api_file, p, None, "Api", &model_names)?;
            if !matches!(ir.location, Location::Query | Location::Header) || ir.required {
                cx.error(api_file, p.name.pos, format!("API-wide parameter `{}` must be an optional query or header parameter", p.name.value), "set `in: query` or `in: header` and drop `required`; put path and body parameters on actions");
            }
            Some(ir)
        })
        .collect();
    actions::check_unique_params(cx, api_file, &api.parameters, &[]);
    let mut resources: Vec<ResourceIr> = Vec::new();
    for (file, resource) in &files.resources {
        let ir = actions::resource(
            cx,
            file,
            resource,
            &model_names,
            &model_files,
            &api.parameters,
            relative(root, file),
        );
        if let Some(first) = resources.iter().find(|r| r.module == ir.module) {
            cx.error(
                file,
                resource.name.pos,
                format!(
                    "resources `{}` and `{}` both become the module `{}`",
                    first.name, ir.name, ir.module
                ),
                "rename one of them",
            );
        }
        resources.push(ir);
    }
    let mut accept: Vec<&str> = Vec::new();
    for media in api.media_types.success.iter().chain(&api.media_types.error) {
        if !accept.contains(&media.as_str()) {
            accept.push(media);
        }
    }
    let mut spec_files: Vec<PathBuf> = files.files.iter().map(|f| relative(root, f)).collect();
    spec_files.sort();
    ApiIr {
        module,
        title: api.title.clone(),
        description: api.description.clone(),
        base_url: api.base_url.trim_end_matches('/').to_owned(),
        headers: api
            .headers
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
        content_type: api.media_types.request.clone(),
        accept: accept.join(", "),
        params,
        resources,
        model_files,
        spec_files,
    }
}

/// `file` relative to the spec root's parent (`specs/losant/org.yaml`), with `/` separators,
/// so generated headers are the same on every machine.
fn relative(root: &Path, file: &Path) -> PathBuf {
    let base = root.parent().unwrap_or(root);
    let rel = file.strip_prefix(base).unwrap_or(file);
    PathBuf::from(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// A JSON value as a person writes it: strings unquoted.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
