//! The generator's output depends only on the specs and templates: the same on every run, in
//! every checkout, on every day.
//!
//! The checked-in specs (the whole Losant API) are generated twice, once from the checkout and
//! once from a copy elsewhere, and every test compares or inspects those two generations (each
//! takes seconds in a debug build). Within one process every `HashMap` gets its own random
//! seed, so an output that depended on a map's iteration order would differ between the two;
//! across processes, `cargo xtask codegen --check` (CI, and `check_drift.rs`) compares a fresh
//! generation with the checked-in crate.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use generator::write::{GeneratedFile, write_crate};
use support::{generate, workspace};

/// The two generations of the checked-in specs.
struct Generations {
    /// From the checkout's `specs/`.
    here: Vec<GeneratedFile>,
    /// From a copy of `specs/` in another folder (also named `specs`, as in any checkout).
    there: Vec<GeneratedFile>,
    /// The folder holding the copy.
    copy_parent: PathBuf,
}

/// Generates the checked-in specs twice, once for every test of this file.
fn generations() -> &'static Generations {
    static GENERATIONS: OnceLock<Generations> = OnceLock::new();
    GENERATIONS.get_or_init(|| {
        // Under the target directory rather than in a `TempDir`, which a static never drops.
        let copy_parent = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("determinism");
        let specs = copy_parent.join("specs");
        if specs.exists() {
            std::fs::remove_dir_all(&specs).expect("remove an earlier copy");
        }
        copy_dir(&workspace().join("specs"), &specs);
        Generations {
            here: generate(&workspace().join("specs")),
            there: generate(&specs),
            copy_parent,
        }
    })
}

/// Every file under `dir`: `/`-separated relative path -> bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel)).expect("read a written dir") {
            let entry = entry.expect("dir entry");
            let rel_path = rel.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                stack.push(rel_path);
            } else {
                let key = rel_path
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(
                    key,
                    std::fs::read(entry.path()).expect("read a written file"),
                );
            }
        }
    }
    out
}

/// Copies the folder tree `from` to `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a copy dir");
    for entry in std::fs::read_dir(from).expect("read the specs") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a spec file");
        }
    }
}

/// The civil date `(year, month, day)` of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`), so that the test needs no date crate.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).expect("day");
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).expect("month");
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Today's date (UTC).
fn today() -> (i64, u32, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    civil_from_days(i64::try_from(secs / 86_400).expect("days fit i64"))
}

#[test]
fn civil_dates() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    assert_eq!(civil_from_days(19_722), (2023, 12, 31));
    assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    assert_eq!(civil_from_days(20_513), (2026, 3, 1));
}

#[test]
fn generating_twice_from_two_places_gives_the_same_files() {
    let Generations { here, there, .. } = generations();
    assert!(here.len() > 800, "only {} files", here.len());
    let paths = |files: &[GeneratedFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(
        paths(here),
        paths(there),
        "the two generations hold different files"
    );
    for (a, b) in here.iter().zip(there) {
        assert!(
            a.contents == b.contents,
            "{} differs between the two generations",
            a.path.display()
        );
    }
}

#[test]
fn written_crates_are_byte_identical() {
    let Generations { here, there, .. } = generations();
    let one = tempfile::tempdir().expect("temp dir");
    let two = tempfile::tempdir().expect("temp dir");
    let report = write_crate(one.path(), here).expect("write the first crate");
    assert_eq!(
        report.written.len(),
        here.len(),
        "a fresh dir gets every file"
    );
    assert!(report.removed.is_empty() && report.unchanged == 0);
    write_crate(two.path(), there).expect("write the second crate");

    let (a, b) = (tree(one.path()), tree(two.path()));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two crates hold different files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between the two crates");
    }
    let mut expected: Vec<String> = here
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect();
    expected.sort();
    assert_eq!(
        a.keys().cloned().collect::<Vec<_>>(),
        expected,
        "the written tree is exactly the generated files"
    );

    // Writing again changes nothing.
    let again = write_crate(one.path(), here).expect("write again");
    assert!(again.written.is_empty(), "rewritten: {:?}", again.written);
    assert!(again.removed.is_empty(), "removed: {:?}", again.removed);
    assert_eq!(again.unchanged, here.len());
}

#[test]
fn output_holds_no_machine_specific_paths_or_dates() {
    let Generations {
        there, copy_parent, ..
    } = generations();
    let canonical = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let mut forbidden = vec![
        workspace().display().to_string(),
        canonical(&workspace()),
        copy_parent.display().to_string(),
        canonical(copy_parent),
        std::env::temp_dir().display().to_string(),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        if home.components().count() > 1 {
            forbidden.push(home.display().to_string());
        }
    }
    forbidden.retain(|s| s.len() > 1);
    let (y, m, d) = today();
    let dates = [
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{y:04}/{m:02}/{d:02}"),
        format!("{d:02}.{m:02}.{y:04}"),
    ];

    for file in there {
        let path = file.path.to_string_lossy().replace('\\', "/");
        for needle in &forbidden {
            assert!(
                !file.contents.contains(needle.as_str()),
                "{path} contains {needle:?}"
            );
        }
        // The runtime and the examples are verbatim template copies (pinned byte for byte by
        // generated_snapshots.rs), and a hand-written example may well hold today's date: only
        // their generated header is the generator's.
        let generated_part: String =
            if path.starts_with("src/runtime/") || path.starts_with("examples/") {
                file.contents.lines().take(3).collect::<Vec<_>>().join("\n")
            } else {
                file.contents.clone()
            };
        for date in &dates {
            assert!(
                !generated_part.contains(date.as_str()),
                "{path} contains today's date {date:?}"
            );
        }
    }
}
