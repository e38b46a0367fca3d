//! `specs/spec.schema.json` is the schema generated from the spec types, every checked-in spec
//! file names it, and every checked-in spec file is valid under it.
//!
//! When the spec types change, rewrite the schema with `cargo xtask schema`, or with
//! `UPDATE_SCHEMA=1 cargo test -p generator --test schema`.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::fs;
use std::path::{Path, PathBuf};

use generator::Pos;
use generator::load::schema::json_schema_text;
use generator::load::yaml::{self, Node, NodeKind};
use serde_json::Value;

const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=../spec.schema.json";

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Every `*.yaml` file of every API folder under `root`, sorted.
fn spec_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for api in fs::read_dir(root).expect("the spec folder") {
        let api = api.expect("a folder entry").path();
        if !api.is_dir() {
            continue;
        }
        for file in fs::read_dir(&api).expect("an API folder") {
            let file = file.expect("a folder entry").path();
            if file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn schema_file_is_up_to_date() {
    let path = specs_dir().join("spec.schema.json");
    let expected = json_schema_text();
    let actual = fs::read_to_string(&path).unwrap_or_default();
    if actual == expected {
        return;
    }
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        fs::write(&path, &expected).expect("writing specs/spec.schema.json");
        eprintln!("rewrote {}", path.display());
        return;
    }
    let diff = similar::TextDiff::from_lines(&actual, &expected)
        .unified_diff()
        .header(
            "specs/spec.schema.json (checked in)",
            "generated from generator/src/load/spec.rs",
        )
        .to_string();
    let shown: String = diff.lines().take(60).map(|l| format!("{l}\n")).collect();
    panic!(
        "specs/spec.schema.json is stale: run `cargo xtask schema` (or \
         `UPDATE_SCHEMA=1 cargo test -p generator --test schema`) and commit the result.\n{shown}"
    );
}

#[test]
fn spec_files_name_the_schema() {
    let files = spec_files(&specs_dir());
    assert!(
        files.len() >= 7,
        "expected the checked-in spec files, found {files:?}"
    );
    for file in files {
        let text = fs::read_to_string(&file).expect("a spec file");
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            SCHEMA_COMMENT,
            "{} must start with `{SCHEMA_COMMENT}` so that editors validate it",
            file.display()
        );
    }
}

/// Where the value at a JSON pointer (`/resource/actions/0`) was written.
fn locate(node: &Node, pointer: &str) -> Pos {
    let mut node = node;
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        let next = match &node.kind {
            NodeKind::Seq(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.kind, NodeKind::Scalar { text, .. } if *text == segment))
                .map(|(_, v)| v),
            NodeKind::Scalar { .. } => None,
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node.pos
}

/// The generated schema, compiled: whole, and each `oneOf` branch (one per top-level key) on
/// its own, because a failed `oneOf` only says that no branch matched.
struct Checker {
    whole: jsonschema::Validator,
    branches: Vec<(String, jsonschema::Validator)>,
}

impl Checker {
    fn new() -> Self {
        let schema: Value = serde_json::from_str(&json_schema_text()).expect("the schema is JSON");
        let whole = jsonschema::validator_for(&schema)
            .expect("the generated schema is a valid JSON Schema");
        let branches = schema["oneOf"]
            .as_array()
            .expect("a `oneOf` of the three kinds of file")
            .iter()
            .map(|branch| {
                let key = branch["required"][0]
                    .as_str()
                    .expect("a branch requires its key")
                    .to_owned();
                let mut branch = branch.clone();
                branch["$defs"] = schema["$defs"].clone();
                branch["$schema"] = schema["$schema"].clone();
                (
                    key,
                    jsonschema::validator_for(&branch).expect("a valid branch schema"),
                )
            })
            .collect::<Vec<_>>();
        assert_eq!(
            branches.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["api", "resource", "models"]
        );
        Self { whole, branches }
    }

    /// Every problem the schema finds in `text`, as `line:col: message (at `pointer`)`.
    fn problems(&self, text: &str) -> Vec<String> {
        let (root, problems) = yaml::parse(text);
        assert!(problems.is_empty(), "not valid YAML: {problems:?}");
        let root = root.expect("a YAML document");
        let instance = root.to_json();
        if self.whole.is_valid(&instance) {
            return Vec::new();
        }
        // The branch of the file's one top-level key explains the problem; without one, the
        // whole schema's "not valid under any of the schemas listed in oneOf" is all there is.
        let key = instance
            .as_object()
            .filter(|o| o.len() == 1)
            .and_then(|o| o.keys().next());
        let validator = self
            .branches
            .iter()
            .find(|(k, _)| Some(k) == key)
            .map_or(&self.whole, |(_, v)| v);
        let problems: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| {
                let pointer = e.instance_path().to_string();
                let pos = locate(&root, &pointer);
                let mut message = e.to_string();
                if message.len() > 200 {
                    let cut = (0..=200)
                        .rev()
                        .find(|&i| message.is_char_boundary(i))
                        .unwrap_or(0);
                    message.truncate(cut);
                    message.push('…');
                }
                format!("{}:{}: {message} (at `{pointer}`)", pos.line, pos.col)
            })
            .collect();
        assert!(
            !problems.is_empty(),
            "the schema rejects {text:?} without saying why"
        );
        problems
    }
}

#[test]
fn spec_files_match_the_schema() {
    let checker = Checker::new();
    // The checked-in specs, and every good fixture: one per construct of the format, so that
    // the schema is known to accept all of it.
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let mut roots = vec![specs_dir()];
    for case in fs::read_dir(&good).expect("tests/fixtures/good") {
        roots.push(case.expect("a folder entry").path());
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for root in &roots {
        for file in spec_files(root) {
            let text = fs::read_to_string(&file).expect("a spec file");
            for problem in checker.problems(&text) {
                failures.push(format!("{}:{problem}", file.display()));
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} files checked");
    assert!(
        failures.is_empty(),
        "spec files the schema rejects:\n{}",
        failures.join("\n")
    );
}

/// The schema catches what the loader rejects, at the right place, so the check above can
/// fail. Pointers are JSON pointers; the empty one is the whole file.
#[test]
fn schema_rejects_mistakes() {
    let checker = Checker::new();
    let api = "api:\n  name: x\n  title: t\n  base_url: u\n  auth: bearer\n  \
               media_types: {request: a, success: [a], error: [a]}\n";
    assert_eq!(checker.problems(api), Vec::<String>::new());
    let cases = [
        ("resources:\n  name: x\n".to_owned(), ""),
        ("api: {}\nmodels: {}\n".to_owned(), ""),
        (api.replace("auth: bearer", "auth: basic"), "/api/auth"),
        (api.replace("  title: t\n", ""), "/api"),
        (api.replace("title: t", "titel: t"), "/api"),
        (
            "models:\n  a:\n    type: strng\n".to_owned(),
            "/models/a/type",
        ),
        (
            "models:\n  a:\n    type: string\n    max_length: '10'\n".to_owned(),
            "/models/a/max_length",
        ),
        (
            "models:\n  a:\n    type: object\n    propertes: {}\n".to_owned(),
            "/models/a",
        ),
        (
            "models:\n  a:\n    type: array\n    items: {type: string, required: maybe}\n"
                .to_owned(),
            "/models/a/items",
        ),
    ];
    for (text, pointer) in &cases {
        let problems = checker.problems(text);
        assert!(
            problems
                .iter()
                .any(|p| p.ends_with(&format!("(at `{pointer}`)"))),
            "the schema should reject {text:?} at `{pointer}`; it said {problems:#?}"
        );
    }
}
