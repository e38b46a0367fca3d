//! `cargo xtask openapi [--specs DIR] --out DIR`: an OpenAPI 3.1 document per API of the specs,
//! `DIR/<api>.openapi.json`.

use std::path::{Path, PathBuf};

const USAGE: &str = "usage: cargo xtask openapi [--specs DIR] --out DIR";

/// Runs the command with the arguments after `openapi`.
pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut specs = root.join("specs");
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--specs" => specs = it.next().ok_or("--specs needs a folder")?.into(),
            "--out" => out = Some(it.next().ok_or("--out needs a folder")?.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let out = out.ok_or_else(|| format!("--out is missing\n{USAGE}"))?;
    let ir = generator::load_and_validate(&specs).map_err(|d| d.to_string())?;
    let written = generator::openapi::write_documents(&ir, &out)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
