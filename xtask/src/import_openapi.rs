//! `cargo xtask import openapi FILE --name NAME [--out DIR]`: an OpenAPI 3.0/3.1 document to a
//! spec folder (default `specs/NAME`), which must be new or empty.

use std::path::{Path, PathBuf};

use generator::import::openapi;

const USAGE: &str = "usage: cargo xtask import openapi FILE --name NAME [--out DIR]";

/// Runs the command with the arguments after `import openapi`.
pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let mut file: Option<PathBuf> = None;
    let mut name: Option<String> = None;
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--name" => name = Some(it.next().ok_or("--name needs a value")?.clone()),
            "--out" => out = Some(it.next().ok_or("--out needs a folder")?.into()),
            other if file.is_none() && !other.starts_with("--") => file = Some(other.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| format!("the OpenAPI document is missing\n{USAGE}"))?;
    let name = name.ok_or_else(|| format!("--name is missing\n{USAGE}"))?;
    let out = out.unwrap_or_else(|| root.join("specs").join(&name));
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let imported =
        openapi::import(&text, &file, &name).map_err(|e| format!("{}: {e}", file.display()))?;
    let written = openapi::write_dir(&out, &imported)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    for finding in &imported.report {
        eprintln!("{}: {finding}", file.display());
    }
    println!(
        "{}: {} files; {} findings (listed above, and as `# Import:` comments in the files)",
        out.display(),
        written.len(),
        imported.report.len()
    );
    Ok(())
}
