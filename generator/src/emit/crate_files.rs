//! The crate-level files: `lib.rs`, each `models/mod.rs`, and the files copied from
//! `templates/` (runtime, `Cargo.toml`, README, examples).

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use super::EmitError;
use super::types::ident;
use crate::ir::{ApiIr, Ir};
use crate::write::{self, GeneratedFile};

/// `src/lib.rs`: the crate docs come from the README; each API is a module behind a feature.
pub fn lib_rs(ir: &Ir) -> TokenStream {
    let apis = ir.apis.iter().map(|api| {
        let m = ident(&api.module);
        let feature = &api.module;
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

        pub mod runtime;

        #(#apis)*

        pub use runtime::{HeaderMap, StatusCode};
    }
}

/// `models/mod.rs`: every model file, re-exported so that `models::Org` names the type.
pub fn models_mod(api: &ApiIr) -> TokenStream {
    let mut modules: Vec<&str> = api.model_files.iter().map(|f| f.module.as_str()).collect();
    modules.sort_unstable();
    let files: Vec<_> = modules.into_iter().map(ident).collect();
    let doc = format!(
        " The models (request and response bodies) of the {}.",
        api.title
    );
    quote! {
        #![doc = #doc]
        #( mod #files; )*
        #( pub use self::#files::*; )*
    }
}

/// Files copied from `templates/`: the runtime, `Cargo.toml`, the README and the examples.
pub fn static_files(ir: &Ir, templates: &Path) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut out = Vec::new();
    let runtime_dir = templates.join("src/runtime");
    for path in sorted_files(&runtime_dir)? {
        let name = file_name(&path);
        let text = read(&path)?;
        let from = format!("templates/src/runtime/{name}");
        out.push(GeneratedFile {
            path: PathBuf::from(format!("src/runtime/{name}")),
            contents: format!("{}{text}", write::copied_header("//", &from)),
        });
    }
    let crate_dir = templates.join("crate");
    let features: Vec<String> = ir
        .apis
        .iter()
        .map(|a| format!("{} = []", a.module))
        .collect();
    let defaults: Vec<String> = ir.apis.iter().map(|a| format!("{:?}", a.module)).collect();
    let cargo = read(&crate_dir.join("Cargo.toml.in"))?
        .replace("{{default_features}}", &defaults.join(", "))
        .replace("{{features}}", &features.join("\n"));
    out.push(GeneratedFile {
        path: "Cargo.toml".into(),
        contents: format!(
            "{}{cargo}",
            write::copied_header("#", "templates/crate/Cargo.toml.in")
        ),
    });
    let apis: Vec<String> = ir
        .apis
        .iter()
        .map(|a| {
            let actions: usize = a.resources.iter().map(|r| r.actions.len()).sum();
            format!(
                "| `{0}` | `{0}` | {1} | {2} | {3} |",
                a.module,
                a.title,
                a.resources.len(),
                actions
            )
        })
        .collect();
    let modules: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
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
