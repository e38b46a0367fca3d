//! `cargo xtask <command>`: the repository's own commands.
//!
//! - `codegen [--specs DIR] [--out DIR] [--check]`: regenerate `generated-client/` from
//!   `specs/` (or check that it is up to date, changing nothing).
//! - `schema [--check]`: regenerate `specs/spec.schema.json` from the spec types.
//! - `import losant <DIR> [--out DIR]`: transcribe Losant's published API folder into
//!   `specs/losant/` (or DIR).
//! - `import openapi FILE --name NAME [--out DIR]`: write a spec folder (default
//!   `specs/NAME`) from an OpenAPI 3.0/3.1 document, and print what could not be expressed.
//! - `openapi [--specs DIR] --out DIR`: write `DIR/<api>.openapi.json` (OpenAPI 3.1) for every
//!   API of the specs.

mod bench;
mod import;
mod import_openapi;
mod openapi;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--specs DIR] [--out DIR] [--check]
  cargo xtask schema [--check]
  cargo xtask import losant <DIR> [--out DIR]
  cargo xtask import openapi FILE --name NAME [--out DIR]
  cargo xtask openapi [--specs DIR] --out DIR
  cargo xtask bench [--quick]
  cargo xtask synth --resources N --actions M --out DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("schema") => schema(&args[1..]),
        Some("import") if args.get(1).is_some_and(|a| a == "openapi") => {
            import_openapi::run(&args[2..], &root())
        }
        Some("import") => import::run(&args[1..], &root()),
        Some("openapi") => openapi::run(&args[1..], &root()),
        Some(cmd @ ("bench" | "bench-child" | "bench-peak" | "synth")) => {
            bench::dispatch(cmd, &args[1..])
        }
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root: the nearest folder, from the current directory up, whose
/// `Cargo.toml` declares a `[workspace]`. Found from where `cargo xtask` runs, not from a path
/// compiled into the binary: a second checkout sharing a target directory would otherwise
/// regenerate the first one. `cargo` runs aliases from the workspace root, so this is the
/// checkout the command was typed in.
fn root() -> PathBuf {
    let start = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    workspace_root(&start).unwrap_or(start)
}

/// The nearest ancestor of `start` (itself included) holding a workspace `Cargo.toml`.
fn workspace_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        manifest
            .lines()
            .any(|line| line.trim() == "[workspace]")
            .then(|| dir.to_path_buf())
    })
}

struct CodegenArgs {
    specs: PathBuf,
    out: PathBuf,
    check: bool,
}

fn parse_codegen(args: &[String]) -> Result<CodegenArgs, String> {
    let root = root();
    let mut parsed = CodegenArgs {
        specs: root.join("specs"),
        out: root.join("generated-client"),
        check: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--specs" => parsed.specs = it.next().ok_or("--specs needs a folder")?.into(),
            "--out" => parsed.out = it.next().ok_or("--out needs a folder")?.into(),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

fn codegen(args: &[String]) -> Result<(), String> {
    let args = parse_codegen(args)?;
    let files =
        generator::generate(&args.specs, &root().join("templates")).map_err(|e| e.to_string())?;
    if args.check {
        let drift = generator::write::check_crate(&args.out, &files)
            .map_err(|e| format!("cannot read {}: {e}", args.out.display()))?;
        if drift.is_empty() {
            println!(
                "{} is up to date ({} files)",
                args.out.display(),
                files.len()
            );
            return Ok(());
        }
        let list: Vec<String> = drift.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{} is out of date with the specs:\n{}\nrun `cargo xtask codegen` and review the change",
            args.out.display(),
            list.join("\n")
        ));
    }
    let report = generator::write::write_crate(&args.out, &files)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    for path in &report.written {
        println!("wrote {}", path.display());
    }
    for path in &report.removed {
        println!("removed {}", path.display());
    }
    println!(
        "{}: {} written, {} removed, {} unchanged",
        args.out.display(),
        report.written.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(())
}

fn schema(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(USAGE.into()),
    };
    let path = root().join("specs/spec.schema.json");
    let expected = generator::load::schema::json_schema_text();
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == expected {
        println!("{} is up to date", path.display());
        return Ok(());
    }
    if check {
        return Err(format!(
            "{} is stale: run `cargo xtask schema`",
            path.display()
        ));
    }
    std::fs::write(&path, expected).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::workspace_root;

    #[test]
    fn the_root_is_found_from_the_current_checkout() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let checkout = dir.path().join("second-checkout");
        std::fs::create_dir_all(checkout.join("generator/src"))?;
        std::fs::write(checkout.join("Cargo.toml"), "[workspace]\nmembers = []\n")?;
        std::fs::write(
            checkout.join("generator/Cargo.toml"),
            "[package]\nname = \"g\"\n",
        )?;
        assert_eq!(
            workspace_root(&checkout.join("generator/src")),
            Some(checkout.clone())
        );
        assert_eq!(workspace_root(&checkout), Some(checkout));
        assert_eq!(workspace_root(dir.path()), None);
        Ok(())
    }
}
