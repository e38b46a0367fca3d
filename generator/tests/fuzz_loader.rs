//! The loader and validation never panic, never hang and always say where the problem is,
//! whatever the input: property tests that mutate the checked-in spec files and the good
//! fixtures (one per construct of the format), deleting, duplicating and swapping lines,
//! replacing scalars with random text, control characters, huge numbers and keys of the format,
//! changing indentation, adding anchors and aliases, truncating, nesting deeply, and feed the
//! result to `generator::load::parse_file`, and for a quarter as many cases to the whole
//! `generator::load_and_validate` on a temporary copy of the API folder (folders of at most
//! `MAX_FOLDER_FILES` files).
//!
//! The default run is about 2,000 cases (1,600 files, 400 folders) and takes well under a minute in
//! debug. `PROPTEST_CASES` sets the number of single-file cases (folders get a quarter of it).
//! A long campaign:
//!
//! ```text
//! PROPTEST_CASES=200000 cargo test -p generator --release --test fuzz_loader
//! ```
//!
//! A failing case is shrunk to a minimal mutation list, printed, and saved in
//! `tests/fuzz_loader.proptest-regressions` (commit that file: the case is replayed first on
//! every later run).
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use generator::Diagnostics;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Single-file cases when `PROPTEST_CASES` is not set.
const DEFAULT_FILE_CASES: u32 = 1_600;
/// The most one case may take, file or folder.
const TIME_LIMIT: Duration = Duration::from_secs(2);

/// The spec files to mutate: the checked-in specs (path relative to `specs/`,
/// `losant/org.yaml`) and the good fixtures, one per construct of the format (as
/// `fixture-<case>-<api>/<file>`, so that each fixture's API folder stays a folder of its own),
/// with their text.
fn spec_files() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = Vec::new();
        for (api, folder) in api_folders(&specs_dir()) {
            push_yaml(&folder, Path::new(&api), &mut files);
        }
        let checked_in = files.len();
        assert!(
            checked_in >= 7,
            "expected the checked-in spec files, found {checked_in}"
        );
        let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        for case in fs::read_dir(&good).expect("tests/fixtures/good") {
            let case = case.expect("a folder entry");
            let name = case.file_name().to_string_lossy().into_owned();
            for (api, folder) in api_folders(&case.path()) {
                push_yaml(
                    &folder,
                    Path::new(&format!("fixture-{name}-{api}")),
                    &mut files,
                );
            }
        }
        assert!(
            files.len() > checked_in + 20,
            "expected the good fixtures too"
        );
        files.sort();
        files
    })
}

/// The API folders under a spec root: name and path.
fn api_folders(root: &Path) -> Vec<(String, PathBuf)> {
    fs::read_dir(root)
        .expect("a spec root")
        .map(|e| e.expect("a folder entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect()
}

/// Every `*.yaml` file of `folder`, as `relative/<file name>`.
fn push_yaml(folder: &Path, relative: &Path, out: &mut Vec<(PathBuf, String)>) {
    for file in fs::read_dir(folder).expect("an API folder") {
        let file = file.expect("a folder entry").path();
        if file.extension().is_some_and(|e| e == "yaml") {
            let text = fs::read_to_string(&file).expect("a spec file");
            let name = file.file_name().expect("a file name");
            out.push((relative.join(name), text));
        }
    }
}

/// Most files an API folder may have for whole-folder cases: a folder case copies, loads and
/// validates the whole folder, which for a complete API of hundreds of files takes seconds in a
/// debug build. Its files are still mutated one by one (`mutated_files_never_panic`).
const MAX_FOLDER_FILES: usize = 40;

/// The spec files of API folders small enough for whole-folder cases.
fn small_folder_files() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let files = spec_files();
        let in_folder =
            |dir: Option<&Path>| files.iter().filter(|(p, _)| p.parent() == dir).count();
        let small: Vec<(PathBuf, String)> = files
            .iter()
            .filter(|(p, _)| in_folder(p.parent()) <= MAX_FOLDER_FILES)
            .cloned()
            .collect();
        assert!(small.len() > 20, "expected small API folders to mutate");
        small
    })
}

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn file_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_FILE_CASES)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases.max(1),
        ..ProptestConfig::default()
    }
}

/// A position in a list of any length, taken modulo the length (shrinks toward the first).
#[derive(Debug, Clone, Copy)]
struct Index(usize);

impl Index {
    fn index(self, len: usize) -> usize {
        self.0 % len.max(1)
    }
}

fn index() -> impl Strategy<Value = Index> {
    any::<usize>().prop_map(Index)
}

/// One edit of a spec file's text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    /// Replaces the value of a `key: value` or `- value` line (or the whole line) with the text.
    ReplaceScalar(Index, String),
    /// Inserts the text at a byte position (moved back to a character boundary).
    InsertText(Index, String),
    /// Adds (positive) or removes (negative) spaces at the start of a line.
    Reindent(Index, i8),
    /// Replaces a line's indentation with a tab.
    TabIndent(Index),
    /// Puts an anchor (`&a`) before a line's value.
    Anchor(Index, &'static str),
    /// Replaces a line's value with an alias (`*a`).
    Alias(Index, &'static str),
    /// Cuts the text at a byte position (moved back to a character boundary).
    Truncate(Index),
    /// Replaces a line's value with nesting this deep: flow sequences, flow mappings or an
    /// indented block of mappings.
    Nest(Index, usize, Nesting),
}

#[derive(Debug, Clone, Copy)]
enum Nesting {
    FlowSeq,
    FlowMap,
    Block,
}

/// Text that is hard on a YAML reader and on the spec types.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any characters at all: control characters, newlines, BOM, NUL, astral planes.
        prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        // Printable ASCII, which YAML reads as syntax more often.
        "[ -~]{0,24}",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u128>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "",
            "~",
            "null",
            "true",
            "no",
            "-",
            "- -",
            "? x",
            ": x",
            "x: y: z",
            "[",
            "]",
            "{",
            "}",
            "[a, {b: c}]",
            "{a: [b, c]}",
            "'",
            "\"",
            "'it''s'",
            "\"\\u0000\\x\"",
            "|",
            ">-",
            "|+\n  a",
            "#",
            "# c",
            "&",
            "*",
            "&a",
            "*a",
            "*missing",
            "&a &b x",
            "!!str",
            "!!binary x",
            "!x y",
            "%YAML 1.2",
            "---",
            "...",
            "--- x",
            "@",
            "`",
            "\t",
            "\u{feff}",
            "\u{0}",
            "\u{7f}",
            // Keys and values of spec format v2, to reach every rule of validation.
            "one_of: [{type: 'null'}, {ref: a}]",
            "all_of: [{ref: a}, {type: object}]",
            "discriminator: {property: type, mapping: {a: a}}",
            "additional_properties: {type: string}",
            "additional_properties: false",
            "key_pattern: '^[a-z]+$'",
            "nullable: true",
            "sensitive: true",
            "type: 'null'",
            "type: map",
            "type: array",
            "type: binary",
            "type: file",
            "in: multipart",
            "in: form",
            "in: body",
            "style: deep_object",
            "style: comma",
            "media_type: text/plain",
            "events: {message: {}}",
            "scopes: [{all_of: [a, b]}]",
            "auth: none",
            "4XX",
            "5xx",
            "default",
            "{page: page, cursor: c}",
            "{next_link: a..b, items: x}",
            "minLength: 1",
            "min: 1",
            "required: [a, b]",
            "enum: []",
            "\u{2028}",
            "\r",
            "\r\n",
            "99999999999999999999999999999999",
            "-9223372036854775809",
            "9223372036854775807",
            "1e400",
            "-1e-400",
            ".inf",
            "-.inf",
            ".nan",
            "0x1F",
            "0o17",
            "1_000",
            "+1",
            "-0",
            "0.",
            "{a}",
            "/x/{y}/{",
            "{}",
            "}{",
            "/{a}{b}",
            "^[a-z]{5,2}$",
            "^[\\d]{99999999999999999999}$",
            "^[",
            "<<: *a",
            "<<",
            "? [a]: b",
            "[[[[[[[[[[",
            "日本語",
            "ünïcødé",
            "👍",
            "a\u{301}",
        ])
        .prop_map(str::to_owned),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let name = prop::sample::select(vec!["a", "b"]);
    let nesting = prop_oneof![
        Just(Nesting::FlowSeq),
        Just(Nesting::FlowMap),
        Just(Nesting::Block)
    ];
    prop_oneof![
        1 => index().prop_map(Mutation::DeleteLine),
        1 => index().prop_map(Mutation::DuplicateLine),
        1 => (index(), index()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        3 => (index(), nasty_text()).prop_map(|(i, t)| Mutation::ReplaceScalar(i, t)),
        2 => (index(), nasty_text()).prop_map(|(i, t)| Mutation::InsertText(i, t)),
        1 => (index(), -6i8..=6).prop_map(|(i, d)| Mutation::Reindent(i, d)),
        1 => index().prop_map(Mutation::TabIndent),
        1 => (index(), name.clone()).prop_map(|(i, n)| Mutation::Anchor(i, n)),
        1 => (index(), name).prop_map(|(i, n)| Mutation::Alias(i, n)),
        1 => index().prop_map(Mutation::Truncate),
        1 => (index(), 1usize..160, nesting).prop_map(|(i, d, n)| Mutation::Nest(i, d, n)),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..5)
}

/// The start of a line's value: after `key: `, after `- `, or after the indentation.
fn value_start(line: &str) -> usize {
    if let Some(i) = line.find(": ") {
        return i + 2;
    }
    let indent = line.len() - line.trim_start().len();
    if line[indent..].starts_with("- ") {
        indent + 2
    } else {
        indent
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let line = |i: &Index| i.index(lines.len());
        match m {
            Mutation::DeleteLine(i) => {
                lines.remove(line(i));
            }
            Mutation::DuplicateLine(i) => {
                let at = line(i);
                lines.insert(at, lines[at].clone());
            }
            Mutation::SwapLines(a, b) => {
                let (a, b) = (line(a), line(b));
                lines.swap(a, b);
            }
            Mutation::ReplaceScalar(i, new) => {
                let at = line(i);
                let start = value_start(&lines[at]);
                lines[at].replace_range(start.., new);
            }
            Mutation::Reindent(i, delta) => {
                let at = line(i);
                let l = &mut lines[at];
                if *delta >= 0 {
                    l.insert_str(0, &" ".repeat(delta.unsigned_abs().into()));
                } else {
                    let indent = l.len() - l.trim_start_matches(' ').len();
                    l.replace_range(..indent.min(delta.unsigned_abs().into()), "");
                }
            }
            Mutation::TabIndent(i) => {
                let at = line(i);
                let l = &mut lines[at];
                let indent = l.len() - l.trim_start_matches(' ').len();
                l.replace_range(..indent, "\t");
            }
            Mutation::Anchor(i, name) => {
                let at = line(i);
                let start = value_start(&lines[at]);
                lines[at].insert_str(start, &format!("&{name} "));
            }
            Mutation::Alias(i, name) => {
                let at = line(i);
                let start = value_start(&lines[at]);
                lines[at].replace_range(start.., &format!("*{name}"));
            }
            Mutation::Nest(i, depth, kind) => {
                let at = line(i);
                let start = value_start(&lines[at]);
                let indent = lines[at].len() - lines[at].trim_start().len();
                let nested = match kind {
                    Nesting::FlowSeq => format!("{}x{}", "[".repeat(*depth), "]".repeat(*depth)),
                    Nesting::FlowMap => format!("{}x{}", "{a: ".repeat(*depth), "}".repeat(*depth)),
                    Nesting::Block => (1..=*depth)
                        .map(|d| format!("\n{}k{d}:", " ".repeat(indent + 2 * d)))
                        .collect::<String>(),
                };
                lines[at].replace_range(start.., &nested);
            }
            Mutation::InsertText(..) | Mutation::Truncate(_) => {}
        }
        text = lines.join("\n");
        match m {
            Mutation::InsertText(i, new) => {
                let at = floor_boundary(&text, i.index(text.len() + 1));
                text.insert_str(at, new);
            }
            Mutation::Truncate(i) => {
                let at = floor_boundary(&text, i.index(text.len() + 1));
                text.truncate(at);
            }
            _ => {}
        }
    }
    text
}

/// Every diagnostic of a single file points at a line and column.
fn check_file_diagnostics(d: &Diagnostics, text: &str) -> Result<(), TestCaseError> {
    prop_assert!(!d.is_empty(), "an error without a diagnostic");
    for diagnostic in d.clone().sorted() {
        prop_assert!(
            diagnostic.pos.line >= 1 && diagnostic.pos.col >= 1,
            "a diagnostic without a position: {diagnostic}\n--- input ---\n{text}"
        );
        prop_assert!(
            !diagnostic.message.is_empty(),
            "an empty message at {diagnostic}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(file_cases()))]

    #[test]
    fn mutated_files_never_panic(file in index(), mutations in mutations()) {
        let (path, original) = &spec_files()[file.index(spec_files().len())];
        let text = apply(original, &mutations);
        let start = Instant::now();
        let result = generator::load::parse_file(path, &text);
        let elapsed = start.elapsed();
        prop_assert!(elapsed < TIME_LIMIT, "{} took {elapsed:?}", path.display());
        if let Err(d) = result {
            check_file_diagnostics(&d, &text)?;
        }
    }
}

proptest! {
    #![proptest_config(config(file_cases() / 4))]

    #[test]
    fn mutated_folders_never_panic(file in index(), mutations in mutations()) {
        let small = small_folder_files();
        let (path, original) = &small[file.index(small.len())];
        let api = path.parent().expect("an API folder");
        let tmp = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(tmp.path().join(api)).expect("the API folder");
        for (other, text) in spec_files().iter().filter(|(p, _)| p.parent() == Some(api)) {
            let text = if other == path { apply(original, &mutations) } else { text.clone() };
            fs::write(tmp.path().join(other), text).expect("a spec file");
        }
        let start = Instant::now();
        let result = generator::load_and_validate(tmp.path());
        let elapsed = start.elapsed();
        prop_assert!(elapsed < TIME_LIMIT, "{} took {elapsed:?}", path.display());
        if let Err(d) = result {
            let all = d.clone().sorted();
            prop_assert!(
                all.iter().any(|x| x.pos.line >= 1 && x.pos.col >= 1),
                "no diagnostic points at a line:\n{d}"
            );
            for x in &all {
                let inside = x.file.starts_with(tmp.path());
                prop_assert!(inside, "a diagnostic outside the spec folder: {x}");
            }
        }
    }
}

/// The mutations do what they say, so the properties above test what they claim.
#[test]
fn mutations_apply() {
    let text = "a:\n  b: c\n  d: [e]\n";
    let at = Index;
    assert_eq!(
        apply(text, &[Mutation::DeleteLine(at(1))]),
        "a:\n  d: [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::ReplaceScalar(at(1), "*x".into())]),
        "a:\n  b: *x\n  d: [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::Anchor(at(2), "a")]),
        "a:\n  b: c\n  d: &a [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::Reindent(at(1), -1)]),
        "a:\n b: c\n  d: [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::TabIndent(at(1))]),
        "a:\n\tb: c\n  d: [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::Nest(at(1), 2, Nesting::FlowSeq)]),
        "a:\n  b: [[x]]\n  d: [e]\n"
    );
    assert_eq!(
        apply(text, &[Mutation::Nest(at(1), 2, Nesting::Block)]),
        "a:\n  b: \n    k1:\n      k2:\n  d: [e]\n"
    );
    assert_eq!(apply("aé", &[Mutation::Truncate(Index(3))]), "aé");
    assert_eq!(apply("aé", &[Mutation::Truncate(Index(2))]), "a");
}

/// Regression: an alias copies its anchor's node, which the depth limit did not see. Chained
/// anchors, each nesting the previous one as deep as the limit allows, built a schema hundreds
/// of levels deep from a few KB and overflowed the stack while it was read (an abort that no
/// test can catch).
#[test]
fn aliases_cannot_nest_past_the_depth_limit() {
    // The anchors sit at depth 4 (root, `models`, the model, the `example` list).
    let per_anchor = generator::load::yaml::MAX_DEPTH - 5;
    let mut text = String::from("models:\n  deep:\n    description: x\n    example:\n");
    for k in 0..8 {
        let inner = if k == 0 {
            "{type: string}".to_owned()
        } else {
            format!("*l{}", k - 1)
        };
        let open = "{type: array, items: ".repeat(per_anchor);
        text.push_str(&format!(
            "      - &l{k} {open}{inner}{}\n",
            "}".repeat(per_anchor)
        ));
    }
    text.push_str("    type: array\n    items: *l7\n");
    let Err(d) = generator::load::parse_file(Path::new("deep.yaml"), &text) else {
        panic!("nesting past the limit through aliases was accepted");
    };
    let d = d.sorted();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(
        d[0].message,
        "nesting deeper than 32 levels (through this alias)"
    );
    // The first alias: line 6, after `      - &l1 ` and the 27 openings.
    assert_eq!((d[0].pos.line, d[0].pos.col), (6, 13 + 21 * per_anchor));
}

/// The deepest nesting the limit allows (a schema as deep as it can be) loads and validates on
/// a test thread's stack.
#[test]
fn deepest_allowed_nesting_loads() {
    // Depth: the root, `models` and the model are 3 mappings; the rest are `items` mappings.
    let nested = |levels: usize| {
        format!(
            "models:\n  deep:\n    type: array\n    items: {}{{type: string}}{}\n",
            "{type: array, items: ".repeat(levels - 1),
            "}".repeat(levels - 1)
        )
    };
    let levels = generator::load::yaml::MAX_DEPTH - 3;
    let too_deep = generator::load::parse_file(Path::new("deep.yaml"), &nested(levels + 1));
    let message = too_deep.err().map(|d| d.sorted()[0].message.clone());
    assert_eq!(
        message.as_deref(),
        Some("nesting deeper than 32 levels"),
        "one level more is rejected"
    );
    let text = nested(levels);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let demo = tmp.path().join("demo");
    fs::create_dir(&demo).expect("the API folder");
    let minimal = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal/demo");
    for name in ["api.yaml", "things.yaml", "models.yaml"] {
        fs::copy(minimal.join(name), demo.join(name)).expect("a copy");
    }
    fs::write(demo.join("deep.yaml"), &text).expect("deep.yaml");
    let run = move || generator::load_and_validate(tmp.path()).map(|ir| ir.apis[0].models.len());
    // The stack `cargo test` gives a test thread (unless RUST_MIN_STACK says otherwise).
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(run)
        .expect("a thread")
        .join()
        .expect("no panic");
    match result {
        Ok(files) => assert_eq!(files, 3),
        Err(d) => panic!("the deepest allowed nesting was rejected:\n{d}\n{text}"),
    }
}

/// The mutations reach every kind of outcome (so the properties above are not only ever
/// testing one error), and no message quotes input raw: no line breaks, no control or
/// bidirectional-formatting characters that would garble a terminal.
#[test]
fn mutations_reach_every_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = (index(), mutations());
    let (mut loaded, mut messages) = (0, Vec::new());
    for _ in 0..600 {
        let (file, mutations) = strategy.new_tree(&mut runner).expect("a case").current();
        let (path, original) = &spec_files()[file.index(spec_files().len())];
        let text = apply(original, &mutations);
        match generator::load::parse_file(path, &text) {
            Ok(_) => loaded += 1,
            Err(d) => messages.extend(d.sorted().into_iter().map(|d| d.message)),
        }
    }
    assert!(loaded > 10, "only {loaded} mutated files loaded");
    for kind in [
        "invalid YAML",
        "duplicate key",
        "unknown key",
        "unknown value",
        "missing required key",
        "nesting deeper than",
        "expected a",
        "the file is empty",
    ] {
        assert!(
            messages.iter().any(|m| m.starts_with(kind)),
            "no `{kind}` among {} messages",
            messages.len()
        );
    }
    for m in &messages {
        assert!(
            !m.chars().any(|c| c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "a message quotes input raw: {m:?}"
        );
    }
}
