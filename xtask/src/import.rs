//! `cargo xtask import losant <DIR> [--out DIR]`: transcribes a published API description into
//! a spec folder, replacing the `*.yaml` files there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use generator::import::losant;

/// Runs the command.
pub fn run(args: &[String], root: &Path) -> Result<(), String> {
    let (source, out) = parse(args, root)?;
    let imported = losant::import(&source).map_err(|e| e.to_string())?;
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for fix in &imported.report.fixes {
        *counts.entry(fix.name).or_default() += 1;
    }
    println!("fixes applied ({} places):", imported.report.fixes.len());
    for (name, count) in &counts {
        println!("  {name}: {count}");
    }
    let (written, removed, unchanged) = write(&out, &imported.files)?;
    println!(
        "{}: {} files ({written} written, {removed} removed, {unchanged} unchanged)",
        out.display(),
        imported.files.len()
    );
    let unexpressed = &imported.report.unexpressed;
    if unexpressed.is_empty() {
        println!("everything was expressed");
        return Ok(());
    }
    for line in unexpressed {
        eprintln!("not expressed: {line}");
    }
    Err(format!(
        "{} thing(s) in the source could not be expressed (listed above); the files were written",
        unexpressed.len()
    ))
}

fn parse(args: &[String], root: &Path) -> Result<(PathBuf, PathBuf), String> {
    let usage = "usage: cargo xtask import losant <DIR> [--out DIR]";
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("losant") => {}
        Some(other) => {
            return Err(format!(
                "unknown importer `{other}` (known: losant, openapi)\n{usage}"
            ));
        }
        None => return Err(usage.into()),
    }
    let mut source = None;
    let mut out = root.join("specs/losant");
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = it.next().ok_or("--out needs a folder")?.into(),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown argument `{flag}`\n{usage}"));
            }
            dir if source.is_none() => source = Some(PathBuf::from(dir)),
            extra => return Err(format!("unexpected argument `{extra}`\n{usage}")),
        }
    }
    let source = source.ok_or(usage)?;
    Ok((source, out))
}

/// Writes `files` into `out` (created if missing) and removes the other `*.yaml` files there:
/// the folder holds exactly what was imported. Returns (written, removed, unchanged).
fn write(out: &Path, files: &BTreeMap<String, String>) -> Result<(usize, usize, usize), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (mut written, mut removed, mut unchanged) = (0, 0, 0);
    let entries =
        std::fs::read_dir(out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?
            .path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if path.is_file() && name.ends_with(".yaml") && !files.contains_key(&name) {
            stale.push(path);
        }
    }
    stale.sort();
    for path in stale {
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        removed += 1;
    }
    for (name, text) in files {
        let path = out.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|old| &old == text) {
            unchanged += 1;
            continue;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += 1;
    }
    Ok((written, removed, unchanged))
}
