//! `cargo xtask <command>`: the repository's own commands.
//!
//! - `codegen [--specs DIR] [--out DIR] [--check]`: regenerate `generated-client/` from
//!   `specs/` (or check that it is up to date, changing nothing).
//! - `schema [--check]`: regenerate `specs/spec.schema.json` from the spec types.
//! - `import openapi FILE --name NAME [--out DIR]`: write a spec folder (default
//!   `specs/NAME`) from an OpenAPI 3.0/3.1 document, and print what could not be expressed.
//! - `openapi [--specs DIR] --out DIR`: write `DIR/<api>.openapi.json` (OpenAPI 3.1) for every
//!   API of the specs.

mod bench;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask codegen [--specs DIR] [--out DIR] [--check]
  cargo xtask schema [--check]
  cargo xtask import openapi FILE --name NAME [--out DIR]
  cargo xtask openapi [--specs DIR] --out DIR
  cargo xtask bench [--quick]
  cargo xtask synth --resources N --actions M --out DIR";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("schema") => schema(&args[1..]),
        Some("import") => import(&args[1..]),
        Some("openapi") => openapi(&args[1..]),
        Some(cmd @ ("bench" | "bench-child" | "synth")) => bench::dispatch(cmd, &args[1..]),
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

/// The repository root (the parent of this crate).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
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

/// `import openapi FILE --name NAME [--out DIR]`.
fn import(args: &[String]) -> Result<(), String> {
    let Some((kind, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    if kind != "openapi" {
        return Err(format!(
            "unknown import source `{kind}` (known: openapi)\n{USAGE}"
        ));
    }
    let mut file: Option<PathBuf> = None;
    let mut name: Option<String> = None;
    let mut out: Option<PathBuf> = None;
    let mut it = rest.iter();
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
    let out = out.unwrap_or_else(|| root().join("specs").join(&name));
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let imported = generator::import::openapi::import(&text, &file, &name)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let written = generator::import::openapi::write_dir(&out, &imported)?;
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

/// `openapi [--specs DIR] --out DIR`.
fn openapi(args: &[String]) -> Result<(), String> {
    let mut specs = root().join("specs");
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
