//! Emit: the IR to the files of the generated crate, one module per concern. Rust files are
//! token streams here; [`crate::write`] formats them.

mod action;
mod api;
mod crate_files;
mod docs;
mod models;
mod patterns;
mod resource;
mod types;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::ir::Ir;
use crate::write::{self, GeneratedFile};

/// Why emitting failed: a template could not be read, or emitted code did not parse (a
/// generator bug, reported with the file it concerns).
#[derive(Debug)]
pub enum EmitError {
    /// A template file could not be read.
    Template(PathBuf, std::io::Error),
    /// Emitted tokens are not valid Rust.
    Syntax(PathBuf, String),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::Template(path, e) => {
                write!(f, "cannot read template {}: {e}", path.display())
            }
            EmitError::Syntax(path, e) => write!(
                f,
                "generator bug: {} is not valid Rust: {e}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for EmitError {}

/// Every file of the generated crate, in a stable order.
pub fn generate(ir: &Ir, templates: &Path) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::new();
    let all_specs: Vec<PathBuf> = ir.apis.iter().flat_map(|a| a.spec_files.clone()).collect();
    files.push(rust("src/lib.rs", &all_specs, crate_files::lib_rs(ir))?);
    for api in &ir.apis {
        let dir = format!("src/{}", api.module);
        files.push(rust(
            &format!("{dir}/mod.rs"),
            &api.spec_files,
            api::api_module(api),
        )?);
        for resource in &api.resources {
            let from = vec![resource.spec_file.clone()];
            files.push(rust(
                &format!("{dir}/{}.rs", bare(&resource.module)),
                &from,
                resource::resource_file(api, resource),
            )?);
            for action in &resource.actions {
                let path = format!(
                    "{dir}/{}/{}.rs",
                    bare(&resource.module),
                    bare(&action.module)
                );
                files.push(rust(
                    &path,
                    &from,
                    action::action_file(api, resource, action),
                )?);
            }
        }
        let model_specs: Vec<PathBuf> = api
            .spec_files
            .iter()
            .filter(|f| !api.resources.iter().any(|r| r.spec_file == **f))
            .cloned()
            .collect();
        files.push(rust(
            &format!("{dir}/models/mod.rs"),
            &model_specs,
            crate_files::models_mod(api),
        )?);
        for file in &api.model_files {
            files.push(rust(
                &format!("{dir}/models/{}.rs", file.module),
                &model_specs,
                models::model_file(file),
            )?);
        }
    }
    files.extend(crate_files::static_files(ir, templates)?);
    // Plain text order, so `org.rs` lists before the `org/` folder.
    files.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(files)
}

fn bare(ident: &str) -> &str {
    crate::validate::names::bare(ident)
}

fn rust(path: &str, specs: &[PathBuf], tokens: TokenStream) -> Result<GeneratedFile, EmitError> {
    let header = write::rust_header(specs);
    let contents = write::format_rust(&header, tokens)
        .map_err(|e| EmitError::Syntax(PathBuf::from(path), e))?;
    Ok(GeneratedFile {
        path: PathBuf::from(path),
        contents,
    })
}
