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

use crate::ir::{ActionIr, ApiIr, Ir, ModelFileIr, ResourceIr};
use crate::write::{self, GeneratedFile};
use patterns::PatternNames;

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

/// One Rust file to emit and format.
enum Job<'a> {
    Lib,
    Api(&'a ApiIr),
    Resource(&'a ApiIr, &'a ResourceIr, &'a PatternNames),
    Action(&'a ApiIr, &'a ResourceIr, &'a ActionIr, &'a PatternNames),
    ModelsMod(&'a ApiIr),
    Models(&'a ApiIr, &'a ModelFileIr),
}

/// Every file of the generated crate, in a stable order.
///
/// Emitting and formatting dominate the run (syn parses every file's tokens, prettyplease
/// prints them), and files are independent, so they are spread over the machine's cores.
/// Token streams are built inside each worker (they are not `Send`); the output order does
/// not depend on the threads.
pub fn generate(ir: &Ir, templates: &Path) -> Result<Vec<GeneratedFile>, EmitError> {
    // Pattern statics are named once per resource; its file and its actions' files share them.
    let pattern_names: Vec<PatternNames> = ir
        .apis
        .iter()
        .flat_map(|api| &api.resources)
        .map(PatternNames::new)
        .collect();
    let mut names = pattern_names.iter();
    let mut jobs = vec![Job::Lib];
    for api in &ir.apis {
        jobs.push(Job::Api(api));
        for (resource, patterns) in api.resources.iter().zip(names.by_ref()) {
            jobs.push(Job::Resource(api, resource, patterns));
            jobs.extend(
                resource
                    .actions
                    .iter()
                    .map(|action| Job::Action(api, resource, action, patterns)),
            );
        }
        jobs.push(Job::ModelsMod(api));
        jobs.extend(api.model_files.iter().map(|file| Job::Models(api, file)));
    }
    let mut files = run_parallel(ir, &jobs)?;
    files.extend(crate_files::static_files(ir, templates)?);
    // Plain text order, so `org.rs` lists before the `org/` folder.
    files.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(files)
}

/// Runs `jobs` on up to one thread per core; results keep the jobs' order.
fn run_parallel(ir: &Ir, jobs: &[Job<'_>]) -> Result<Vec<GeneratedFile>, EmitError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(jobs.len().max(1));
    let results: Vec<Vec<(usize, Result<GeneratedFile, EmitError>)>> =
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    // Interleaved, so every worker gets a share of the big and the small files.
                    scope.spawn(move || {
                        jobs.iter()
                            .enumerate()
                            .skip(t)
                            .step_by(threads)
                            .map(|(i, job)| (i, run(ir, job)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
    let mut all: Vec<(usize, Result<GeneratedFile, EmitError>)> =
        results.into_iter().flatten().collect();
    if all.len() != jobs.len() {
        return Err(EmitError::Syntax(
            PathBuf::from("src"),
            "an emitter thread panicked".into(),
        ));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, file)| file).collect()
}

fn run(ir: &Ir, job: &Job<'_>) -> Result<GeneratedFile, EmitError> {
    match *job {
        Job::Lib => {
            let all_specs: Vec<PathBuf> =
                ir.apis.iter().flat_map(|a| a.spec_files.clone()).collect();
            rust("src/lib.rs", &all_specs, crate_files::lib_rs(ir))
        }
        Job::Api(api) => rust(
            &format!("src/{}/mod.rs", api.module),
            &api.spec_files,
            api::api_module(api),
        ),
        Job::Resource(api, resource, patterns) => rust(
            &format!("src/{}/{}.rs", api.module, bare(&resource.module)),
            std::slice::from_ref(&resource.spec_file),
            resource::resource_file(api, resource, patterns),
        ),
        Job::Action(api, resource, action, patterns) => rust(
            &format!(
                "src/{}/{}/{}.rs",
                api.module,
                bare(&resource.module),
                bare(&action.module)
            ),
            std::slice::from_ref(&resource.spec_file),
            action::action_file(api, resource, action, patterns),
        ),
        Job::ModelsMod(api) => rust(
            &format!("src/{}/models/mod.rs", api.module),
            &model_specs(api),
            crate_files::models_mod(api),
        ),
        Job::Models(api, file) => rust(
            &format!("src/{}/models/{}.rs", api.module, file.module),
            &model_specs(api),
            models::model_file(file),
        ),
    }
}

/// The spec files a model file comes from: every file of the API but its resource files.
fn model_specs(api: &ApiIr) -> Vec<PathBuf> {
    api.spec_files
        .iter()
        .filter(|f| !api.resources.iter().any(|r| r.spec_file == **f))
        .cloned()
        .collect()
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
