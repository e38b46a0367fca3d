//! Write: format emitted tokens, add the generated-file headers, and write the crate or
//! compare it with what is on disk.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

/// Marks every file the generator owns; files with it that the specs no longer produce are
/// stale and removed.
pub const MARKER: &str = "@generated";

/// The command that regenerates the crate.
pub const COMMAND: &str = "cargo xtask codegen";

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated.
    pub path: PathBuf,
    /// Full contents.
    pub contents: String,
}

/// The header of a generated Rust file: generated, from which specs, and how to regenerate.
pub fn rust_header(specs: &[PathBuf]) -> String {
    let specs: Vec<String> = specs.iter().map(|s| s.display().to_string()).collect();
    let mut out = format!("// {MARKER} by `{COMMAND}` from:\n");
    for s in &specs {
        let _ = writeln!(out, "//   {s}");
    }
    let _ = writeln!(
        out,
        "// Do not edit: change the specs or templates/ and run `{COMMAND}`.\n"
    );
    out
}

/// The header of a file copied from `templates/`, with the given comment prefix.
pub fn copied_header(comment: &str, from: &str) -> String {
    let sep = if comment.is_empty() { "" } else { " " };
    format!(
        "{comment}{sep}{MARKER} by `{COMMAND}`, copied from {from}.\n{comment}{sep}Do not edit: edit {from} and run `{COMMAND}`.\n\n"
    )
}

/// Whether a Rust file's `contents` were copied from `templates/` (its first line is the
/// [`copied_header`] of a Rust file) rather than generated from the specs.
pub fn is_copied_rust(contents: &str) -> bool {
    contents.lines().next().is_some_and(|line| {
        line.strip_prefix("// ")
            .and_then(|rest| rest.strip_prefix(MARKER))
            .and_then(|rest| rest.strip_prefix(" by `"))
            .and_then(|rest| rest.strip_prefix(COMMAND))
            .is_some_and(|rest| rest.starts_with("`, copied from "))
    })
}

/// Formats tokens as a Rust file with prettyplease (no rustfmt needed) behind `header`.
pub fn format_rust(header: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| e.to_string())?;
    Ok(format!(
        "{header}{}",
        space_items(&prettyplease::unparse(&file))
    ))
}

/// prettyplease prints items back to back; a blank line between items (and after the module
/// docs and the imports) makes the output read like hand-written code.
fn space_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///",
        "#[",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl",
        "static ",
        "const ",
        "enum ",
        "struct ",
        "mod ",
        "type ",
        "use ",
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    for line in code.lines() {
        if let Some(p) = prev {
            let (pt, lt) = (p.trim_start(), line.trim_start());
            let same_indent = p.len() - pt.len() == line.len() - lt.len();
            let item_ends = pt == "}"
                || (pt.ends_with(';') && !pt.starts_with("use ") && !pt.starts_with("//"));
            let imports_end = pt.starts_with("use ") && !lt.starts_with("use ") && !lt.is_empty();
            let docs_end = pt.starts_with("//!") && !lt.starts_with("//!");
            let starts_item = ITEM_STARTS.iter().any(|s| lt.starts_with(s));
            // Runs of one-line declarations of one kind (`mod a;` `mod b;`) stay together.
            let in_use_list = pt == "};" && lt.starts_with("pub use ");
            let same_declarations = in_use_list
                || pt.ends_with(';')
                    && lt.ends_with(';')
                    && first_word(pt) == first_word(lt)
                    && !lt.starts_with("///");
            let attributes_end = pt.starts_with("#![") && !lt.starts_with("#![");
            if docs_end
                || attributes_end
                || (same_indent
                    && !same_declarations
                    && ((item_ends && starts_item) || imports_end))
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// The keyword that starts a declaration, past any `pub`: `pub mod a;` -> `mod`.
fn first_word(line: &str) -> &str {
    let mut words = line.split_whitespace();
    match words.next() {
        Some(w) if w.starts_with("pub") => words.next().unwrap_or(""),
        w => w.unwrap_or(""),
    }
}

/// What `write_crate` changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or different.
    pub written: Vec<PathBuf>,
    /// Stale generated files removed.
    pub removed: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Writes `files` under `out`, touching only files whose contents change, and removes
/// generated files the specs no longer produce.
pub fn write_crate(out: &Path, files: &[GeneratedFile]) -> std::io::Result<WriteReport> {
    // Folders first, once each, then the files on every core: thousands of small writes are
    // bound by system calls, not by the disk.
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| out.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in &dirs {
        std::fs::create_dir_all(dir)?;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(files.len().max(1));
    let outcomes: Vec<std::io::Result<Vec<(usize, bool)>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    files
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, f)| {
                            write_if_changed(&out.join(&f.path), &f.contents).map(|w| (i, w))
                        })
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a writer thread panicked")))
            })
            .collect()
    });
    let mut changed: Vec<(usize, bool)> = Vec::with_capacity(files.len());
    for outcome in outcomes {
        changed.extend(outcome?);
    }
    changed.sort_unstable();
    let mut report = WriteReport::default();
    for (i, written) in changed {
        match files.get(i) {
            Some(file) if written => report.written.push(file.path.clone()),
            _ => report.unchanged += 1,
        }
    }
    for stale in stale_files(out, files)? {
        std::fs::remove_file(out.join(&stale))?;
        report.removed.push(stale);
    }
    Ok(report)
}

/// Writes `contents` to `path` unless it already holds exactly that; whether it wrote.
fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    std::fs::write(path, contents)?;
    Ok(true)
}

/// A difference between the crate on disk and what the specs produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// The file should exist and does not.
    Missing(PathBuf),
    /// The file differs; with a unified diff (on disk -> expected), shortened.
    Changed(PathBuf, String),
    /// A generated file the specs no longer produce.
    Stale(PathBuf),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Changed(p, diff) => write!(f, "changed: {}\n{diff}", p.display()),
            Drift::Stale(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// Most diff lines shown per file.
const MAX_DIFF_LINES: usize = 40;

/// Compares `files` with the crate under `out` without changing anything.
pub fn check_crate(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    for file in files {
        match std::fs::read_to_string(out.join(&file.path)) {
            Err(_) => drift.push(Drift::Missing(file.path.clone())),
            Ok(old) if old != file.contents => drift.push(Drift::Changed(
                file.path.clone(),
                short_diff(&old, &file.contents),
            )),
            Ok(_) => {}
        }
    }
    drift.extend(stale_files(out, files)?.into_iter().map(Drift::Stale));
    Ok(drift)
}

fn short_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header("on disk", "from the specs")
        .to_string();
    let total = text.lines().count();
    let mut shown: String = text
        .lines()
        .take(MAX_DIFF_LINES)
        .map(|l| format!("    {l}\n"))
        .collect();
    if total > MAX_DIFF_LINES {
        let _ = writeln!(shown, "    … {} more diff lines", total - MAX_DIFF_LINES);
    }
    shown
}

/// Whether the file's first lines carry the generated marker; reads only its start.
fn has_marker(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0_u8; 512];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(head.get(..read).unwrap_or_default());
    text.lines().take(2).any(|l| l.contains(MARKER))
}

/// Generated files under `out` (by their marker) that `files` does not include. `target/`
/// and hidden folders are skipped.
fn stale_files(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<PathBuf>> {
    let expected: std::collections::HashSet<&Path> =
        files.iter().map(|f| f.path.as_path()).collect();
    let mut stale = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = out.join(&rel);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel_path = rel.join(&name);
            if entry.file_type()?.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    stack.push(rel_path);
                }
                continue;
            }
            if expected.contains(rel_path.as_path()) {
                continue;
            }
            if has_marker(&entry.path()) {
                stale.push(rel_path);
            }
        }
    }
    stale.sort();
    Ok(stale)
}
