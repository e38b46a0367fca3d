//! Emit: the plan to the files of the client crate. Rust files are token streams here;
//! [`crate::write`] formats them. Every file's header names only the spec files it comes from.

mod action;
mod api;
mod crate_files;
pub mod docs;
mod models;
mod resource;
pub(crate) mod tokens;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::rust_client::plan::{ApiPlan, CratePlan};
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

/// One Rust file to emit and format.
enum Job {
    Lib,
    Api(usize),
    Resource(usize, usize),
    Action(usize, usize, usize),
    ModelsMod(usize),
    Models(usize, usize),
    /// `src/<api>/mock/mod.rs` (the mock emitter, `crate::rust_mock`).
    MockApi(usize),
    /// `src/<api>/mock/<resource>.rs`.
    MockResource(usize, usize),
}

/// Every file of the generated crate, in a stable order.
///
/// Emitting and formatting dominate the run (syn parses every file's tokens, prettyplease
/// prints them), and files are independent, so they are spread over the machine's cores.
/// Token streams are built inside each worker (they are not `Send`); the output order does not
/// depend on the threads.
pub fn generate(plan: &CratePlan<'_>, templates: &Path) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut jobs = vec![Job::Lib];
    for (i, api) in plan.apis.iter().enumerate() {
        jobs.push(Job::Api(i));
        for (r, resource) in api.resources.iter().enumerate() {
            jobs.push(Job::Resource(i, r));
            jobs.extend((0..resource.actions.len()).map(|a| Job::Action(i, r, a)));
        }
        jobs.push(Job::ModelsMod(i));
        jobs.extend((0..api.files.len()).map(|f| Job::Models(i, f)));
        jobs.push(Job::MockApi(i));
        jobs.extend((0..api.resources.len()).map(|r| Job::MockResource(i, r)));
    }
    let mut files = run_parallel(plan, &jobs)?;
    files.extend(crate_files::static_files(plan, templates)?);
    // Plain text order, so `org.rs` lists before the `org/` folder.
    files.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(files)
}

/// Runs `jobs` on up to one thread per core; results keep the jobs' order.
fn run_parallel(plan: &CratePlan<'_>, jobs: &[Job]) -> Result<Vec<GeneratedFile>, EmitError> {
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
                            .map(|(i, job)| (i, run(plan, job)))
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

fn run(plan: &CratePlan<'_>, job: &Job) -> Result<GeneratedFile, EmitError> {
    let missing = || EmitError::Syntax(PathBuf::from("src"), "a job names no plan item".into());
    match *job {
        Job::Lib => {
            let specs = plan.apis.iter().filter_map(api_file).collect();
            rust("src/lib.rs", specs, crate_files::lib_rs(plan))
        }
        Job::Api(i) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            rust(
                &format!("src/{}/mod.rs", api.module.bare()),
                api_and_resource_files(api),
                api::api_module(api),
            )
        }
        Job::Resource(i, r) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            let resource = api.resources.get(r).ok_or_else(missing)?;
            rust(
                &format!("src/{}/{}.rs", api.module.bare(), resource.module.bare()),
                vec![resource.ir.spec_file.clone()],
                resource::resource_file(api, r, resource),
            )
        }
        Job::Action(i, r, a) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            let resource = api.resources.get(r).ok_or_else(missing)?;
            let action = resource.actions.get(a).ok_or_else(missing)?;
            let mut specs = vec![resource.ir.spec_file.clone()];
            specs.extend(models_of(api, &action.local_types));
            rust(
                &format!(
                    "src/{}/{}/{}.rs",
                    api.module.bare(),
                    resource.module.bare(),
                    action.module.bare()
                ),
                specs,
                action::action_file(api, r, resource, a, action),
            )
        }
        Job::ModelsMod(i) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            let specs = api.ir.models.iter().map(|m| m.spec_file.clone()).collect();
            rust(
                &format!("src/{}/models/mod.rs", api.module.bare()),
                specs,
                crate_files::models_mod(api),
            )
        }
        Job::MockApi(i) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            rust(
                &format!("src/{}/mock/mod.rs", api.module.bare()),
                api_and_resource_files(api),
                crate::rust_mock::api::api_file(api),
            )
        }
        Job::MockResource(i, r) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            let resource = api.resources.get(r).ok_or_else(missing)?;
            let mut specs = vec![resource.ir.spec_file.clone()];
            for action in &resource.actions {
                specs.extend(models_of(api, &action.local_types));
            }
            rust(
                &format!(
                    "src/{}/mock/{}.rs",
                    api.module.bare(),
                    resource.module.bare()
                ),
                specs,
                crate::rust_mock::resource::resource_file(api, resource),
            )
        }
        Job::Models(i, f) => {
            let api = plan.apis.get(i).ok_or_else(missing)?;
            let file = api.files.get(f).ok_or_else(missing)?;
            rust(
                &format!("src/{}/models/{}.rs", api.module.bare(), file.module.bare()),
                models_of(api, &file.types),
                models::model_file(api, file),
            )
        }
    }
}

/// The spec file of the `api:` file, relative like every header path.
fn api_file(api: &ApiPlan<'_>) -> Option<PathBuf> {
    api.ir
        .spec_files
        .iter()
        .find(|f| api.ir.origin.file.ends_with(f))
        .cloned()
}

/// The `api:` file and every resource file of the API.
fn api_and_resource_files(api: &ApiPlan<'_>) -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = api_file(api).into_iter().collect();
    specs.extend(api.resources.iter().map(|r| r.ir.spec_file.clone()));
    specs
}

/// The spec files that define the named models among `types` (or own the inline ones).
fn models_of(api: &ApiPlan<'_>, types: &[usize]) -> Vec<PathBuf> {
    types
        .iter()
        .filter_map(|&id| api.ty(id))
        .filter_map(|def| def.owner)
        .filter_map(|owner| api.ty(owner).and_then(|d| d.model))
        .filter_map(|name| api.ir.model(name))
        .map(|m| m.spec_file.clone())
        .collect()
}

/// Formats one file under a header that names `specs`, the spec files it comes from (sorted
/// and deduplicated here, so callers list them in any order).
fn rust(
    path: &str,
    mut specs: Vec<PathBuf>,
    tokens: TokenStream,
) -> Result<GeneratedFile, EmitError> {
    specs.sort();
    specs.dedup();
    let header = write::rust_header(&specs);
    let contents = write::format_rust(&header, tokens)
        .map_err(|e| EmitError::Syntax(PathBuf::from(path), e))?;
    Ok(GeneratedFile {
        path: PathBuf::from(path),
        contents,
    })
}
