//! The generator's output depends only on the specs and templates: the same on every run, in
//! every checkout, on every day.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use generator::write::{GeneratedFile, write_crate};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate lives in the workspace")
        .to_path_buf()
}

fn generate(specs: &Path) -> Vec<GeneratedFile> {
    match generator::generate(specs, &workspace().join("templates")) {
        Ok(files) => files,
        Err(e) => panic!("generating from {} failed:\n{e}", specs.display()),
    }
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
fn generating_twice_gives_the_same_files() {
    let specs = workspace().join("specs");
    let first = generate(&specs);
    let second = generate(&specs);
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.path, b.path);
        assert!(
            a.contents == b.contents,
            "{} differs between two runs",
            a.path.display()
        );
    }
}

#[test]
fn written_crates_are_byte_identical() {
    let specs = workspace().join("specs");
    let one = tempfile::tempdir().expect("temp dir");
    let two = tempfile::tempdir().expect("temp dir");
    let first = generate(&specs);
    let report = write_crate(one.path(), &first).expect("write the first crate");
    assert_eq!(
        report.written.len(),
        first.len(),
        "a fresh dir gets every file"
    );
    assert!(report.removed.is_empty() && report.unchanged == 0);
    write_crate(two.path(), &generate(&specs)).expect("write the second crate");

    let (a, b) = (tree(one.path()), tree(two.path()));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two crates hold different files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between the two crates");
    }
    let expected: Vec<String> = first
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(
        a.keys().cloned().collect::<Vec<_>>(),
        {
            let mut e = expected;
            e.sort();
            e
        },
        "the written tree is exactly the generated files"
    );

    // Writing again changes nothing.
    let again = write_crate(one.path(), &first).expect("write again");
    assert!(again.written.is_empty(), "rewritten: {:?}", again.written);
    assert!(again.removed.is_empty(), "removed: {:?}", again.removed);
    assert_eq!(again.unchanged, first.len());
}

#[test]
fn output_does_not_depend_on_where_the_specs_are() {
    // The same specs in a temporary folder (named `specs`, like the checkout's) give the same
    // files: headers name spec files relative to the spec root's parent.
    let copy = tempfile::tempdir().expect("temp dir");
    let specs = copy.path().join("specs");
    copy_dir(&workspace().join("specs"), &specs);
    let here = generate(&workspace().join("specs"));
    let there = generate(&specs);
    assert_eq!(here, there);
}

#[test]
fn output_holds_no_machine_specific_paths_or_dates() {
    let out = tempfile::tempdir().expect("temp dir");
    let copy = tempfile::tempdir().expect("temp dir");
    let specs = copy.path().join("specs");
    copy_dir(&workspace().join("specs"), &specs);
    let files = generate(&specs);
    write_crate(out.path(), &files).expect("write the crate");

    let canonical = |p: &Path| {
        p.canonicalize()
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    };
    let mut forbidden = vec![
        workspace().display().to_string(),
        canonical(&workspace()),
        out.path().display().to_string(),
        canonical(out.path()),
        copy.path().display().to_string(),
        canonical(copy.path()),
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

    let written = tree(out.path());
    assert_eq!(written.len(), files.len());
    for (path, bytes) in &written {
        let text = String::from_utf8_lossy(bytes);
        for needle in &forbidden {
            assert!(
                !text.contains(needle.as_str()),
                "{path} contains {needle:?}"
            );
        }
        // The runtime and the examples are verbatim template copies (pinned byte for byte by
        // generated_snapshots.rs), and a hand-written example may well hold today's date: only
        // their generated header is the generator's.
        let generated_part: String =
            if path.starts_with("src/runtime/") || path.starts_with("examples/") {
                text.lines().take(3).collect::<Vec<_>>().join("\n")
            } else {
                text.into_owned()
            };
        for date in &dates {
            assert!(
                !generated_part.contains(date.as_str()),
                "{path} contains today's date {date:?}"
            );
        }
    }
}
