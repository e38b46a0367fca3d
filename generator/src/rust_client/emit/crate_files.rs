//! The crate-level files: `lib.rs`, each `models/mod.rs`, and the files copied from
//! `templates/` (runtime, `Cargo.toml` with the generated features, README, examples).

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use super::EmitError;
use crate::rust_client::plan::{ApiPlan, CratePlan, ModelFile};
use crate::write::{self, GeneratedFile};

/// `src/lib.rs`: the crate docs come from the README; each API is a module behind its
/// features; the runtime is private and only its deliberate public types are re-exported.
pub fn lib_rs(plan: &CratePlan<'_>) -> TokenStream {
    // One item per line: prettyplease and rustfmt wrap a long `use` list differently, and
    // `cargo fmt` formats the crate root (the other files are `#[rustfmt::skip]`).
    let reexports = [
        "HeaderMap",
        "Hook",
        "HttpRequest",
        "HttpResponse",
        "RequestBody",
        "StatusCode",
        "TokenProvider",
        "Transport",
        "TransportError",
        "TransportErrorKind",
    ]
    .map(|name| proc_macro2::Ident::new(name, proc_macro2::Span::call_site()));
    let apis = plan.apis.iter().map(|api| {
        let m = &api.module;
        let feature = api.base_feature();
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #m;
        }
    });
    quote! {
        #![doc = include_str!("../README.md")]
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]

        #[doc(hidden)]
        pub mod runtime;

        #[cfg(feature = "mock")]
        #[doc(hidden)]
        pub mod mock;

        #(#apis)*

        #(pub use runtime::#reexports;)*
    }
}

/// `models/mod.rs`: every model file behind its feature, re-exported so that `models::Org`
/// names the type.
pub fn models_mod(api: &ApiPlan<'_>) -> TokenStream {
    let mut files: Vec<&ModelFile> = api.files.iter().collect();
    files.sort_by(|a, b| a.module.cmp(&b.module));
    let items = files.iter().map(|file| {
        let module = &file.module;
        let feature = api.file_feature(file);
        quote! {
            #[cfg(feature = #feature)]
            mod #module;
            #[cfg(feature = #feature)]
            pub use self::#module::*;
        }
    });
    let doc = format!(
        " The models (request and response bodies) of the {}.",
        api.ir.title
    );
    quote! {
        #![doc = #doc]
        #(#items)*
    }
}

/// The `[features]` of `Cargo.toml`: every API (all its resources, on by default), each resource
/// (the API module and the models files it uses), each models file (the files it uses), and the
/// internal feature of each API module.
pub fn cargo_features(plan: &CratePlan<'_>) -> (String, String) {
    let mut lines = Vec::new();
    for api in &plan.apis {
        let resources: Vec<String> = api
            .resources
            .iter()
            .map(|r| format!("{:?}", api.resource_feature(r)))
            .collect();
        lines.push(format!("{} = [{}]", api.feature(), resources.join(", ")));
        lines.push(format!("{} = []", api.base_feature()));
        for r in &api.resources {
            let mut deps = vec![format!("{:?}", api.base_feature())];
            deps.extend(
                r.model_files
                    .iter()
                    .filter_map(|&f| api.files.get(f))
                    .map(|f| format!("{:?}", api.file_feature(f))),
            );
            lines.push(format!(
                "{} = [{}]",
                api.resource_feature(r),
                deps.join(", ")
            ));
        }
        for file in &api.files {
            let deps: Vec<String> = file
                .uses
                .iter()
                .filter_map(|&f| api.files.get(f))
                .map(|f| format!("{:?}", api.file_feature(f)))
                .collect();
            lines.push(format!(
                "{} = [{}]",
                api.file_feature(file),
                deps.join(", ")
            ));
        }
    }
    let defaults: Vec<String> = plan
        .apis
        .iter()
        .map(|a| format!("{:?}", a.feature()))
        .collect();
    (defaults.join(", "), lines.join("\n"))
}

/// Files copied from `templates/`: the runtime, the mock server, `Cargo.toml`, the README and
/// the examples.
pub fn static_files(
    plan: &CratePlan<'_>,
    templates: &Path,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut out = Vec::new();
    for dir in ["runtime", "mock"] {
        for path in sorted_files(&templates.join("src").join(dir))? {
            let name = file_name(&path);
            let text = read(&path)?;
            let from = format!("templates/src/{dir}/{name}");
            out.push(GeneratedFile {
                path: PathBuf::from(format!("src/{dir}/{name}")),
                contents: format!("{}{text}", write::copied_header("//", &from)),
            });
        }
    }
    let crate_dir = templates.join("crate");
    let (defaults, features) = cargo_features(plan);
    let cargo = read(&crate_dir.join("Cargo.toml.in"))?
        .replace("{{default_features}}", &defaults)
        .replace("{{features}}", &features);
    out.push(GeneratedFile {
        path: "Cargo.toml".into(),
        contents: format!(
            "{}{cargo}",
            write::copied_header("#", "templates/crate/Cargo.toml.in")
        ),
    });
    let apis: Vec<String> = plan
        .apis
        .iter()
        .map(|a| {
            let actions: usize = a.resources.iter().map(|r| r.actions.len()).sum();
            format!(
                "| `{}` | `{}` | {} | {} | {} |",
                a.module,
                a.feature(),
                a.ir.title,
                a.resources.len(),
                actions
            )
        })
        .collect();
    let modules: Vec<&str> = plan.apis.iter().map(|a| a.module.as_str()).collect();
    let readme = keep_api_sections(&read(&crate_dir.join("README.md"))?, &modules)
        .replace("{{apis}}", &apis.join("\n"));
    let header = format!(
        "<!-- {} -->\n",
        write::copied_header("", "templates/crate/README.md")
            .trim()
            .replace('\n', " ")
    );
    out.push(GeneratedFile {
        path: "README.md".into(),
        contents: format!("{header}{readme}"),
    });
    // An example is named after the API it calls; it is copied only when that API exists.
    for path in sorted_files(&crate_dir.join("examples"))? {
        let name = file_name(&path);
        if !modules.iter().any(|m| name == format!("{m}.rs")) {
            continue;
        }
        let text = read(&path)?;
        let from = format!("templates/crate/examples/{name}");
        out.push(GeneratedFile {
            path: PathBuf::from(format!("examples/{name}")),
            contents: format!("{}{text}", write::copied_header("//", &from)),
        });
    }
    Ok(out)
}

/// Drops the README sections between `<!-- api:NAME -->` and `<!-- /api -->` whose API is not
/// generated (their examples would not compile); the markers themselves are removed.
fn keep_api_sections(text: &str, modules: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut keep = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("<!-- api:")
            .and_then(|r| r.strip_suffix(" -->"))
        {
            keep = modules.contains(&name);
            continue;
        }
        if trimmed == "<!-- /api -->" {
            keep = true;
            continue;
        }
        if keep {
            out.push_str(line);
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<String, EmitError> {
    std::fs::read_to_string(path).map_err(|e| EmitError::Template(path.to_owned(), e))
}

fn sorted_files(dir: &Path) -> Result<Vec<PathBuf>, EmitError> {
    let entries = std::fs::read_dir(dir).map_err(|e| EmitError::Template(dir.to_owned(), e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}
