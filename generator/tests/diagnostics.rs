//! Every class of spec mistake, each in a tiny spec of its own, with the full diagnostics text
//! pinned: file:line:col, what is wrong and how to fix it.
//!
//! Fixtures live in `tests/fixtures/bad/<case>/demo/` (a complete spec root with one API
//! folder); cases that need generated or binary content (non-UTF-8, size and depth limits,
//! alias bombs) are written to a temporary copy of `tests/fixtures/good/minimal/`. Snapshots
//! are in `tests/snapshots/`; review a changed one with `cargo insta review` (or run with
//! `INSTA_UPDATE=always` and read the diff).

use std::fs;
use std::path::{Path, PathBuf};

use generator::ir::{ModelKind, ParamType, TypeIr};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Loads the spec root `root`, which must fail, and renders its diagnostics with the location
/// of `root` replaced by `label`, so that snapshots do not depend on the checkout's location.
fn render(root: &Path, label: &str) -> String {
    let diagnostics = match generator::load_and_validate(root) {
        Ok(_) => panic!("{label} loaded without a diagnostic"),
        Err(d) => d,
    };
    for d in diagnostics.clone().sorted() {
        // Only a problem with a whole folder (no `api:` file) has no line to point at.
        assert!(
            (d.pos.line >= 1 && d.pos.col >= 1) || d.file.is_dir(),
            "{label}: a diagnostic without a position: {d}"
        );
        assert!(d.help.is_some(), "{label}: a diagnostic without help: {d}");
    }
    let text = diagnostics
        .to_string()
        .replace(&root.display().to_string(), label)
        .replace('\\', "/");
    assert!(
        !text.contains(env!("CARGO_MANIFEST_DIR")),
        "{label}: the rendered diagnostics contain the checkout location:\n{text}"
    );
    text
}

/// Declares one test per folder of `tests/fixtures/bad/`, each pinning that fixture's
/// diagnostics, and the list of folders that must all have a test.
macro_rules! bad_fixtures {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let case = stringify!($case);
                let root = fixtures().join("bad").join(case);
                insta::assert_snapshot!(render(&root, &format!("bad/{case}")));
            }
        )*

        const BAD_FIXTURES: &[&str] = &[$(stringify!($case)),*];
    };
}

bad_fixtures! {
    unknown_key,
    missing_required_key,
    wrong_type_list,
    wrong_type_quoted_number,
    undefined_model,
    path_param_undeclared,
    path_param_unused,
    duplicate_action,
    duplicate_param,
    default_not_in_enum,
    example_not_in_enum,
    bad_status,
    success_not_2xx,
    error_in_2xx,
    property_rust_collision,
    action_rust_collision,
    schema_two_kinds,
    empty_scopes,
    duplicate_yaml_key,
    invalid_yaml,
    empty_file,
    no_api_file,
    two_top_level_keys,
    missing_top_level_key,
    stray_top_level_key,
    unknown_top_level_key,
    several_problems,
    several_validation_problems,
}

#[test]
fn every_bad_fixture_has_a_test() {
    let mut on_disk: Vec<String> = fs::read_dir(fixtures().join("bad"))
        .expect("tests/fixtures/bad")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = BAD_FIXTURES.to_vec();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "add the new fixture folder to `bad_fixtures!`"
    );
}

/// The base of the generated cases must itself be valid, or they would test nothing.
#[test]
fn minimal_fixture_is_valid() {
    let root = fixtures().join("good/minimal");
    if let Err(d) = generator::load_and_validate(&root) {
        panic!("the minimal fixture has problems:\n{d}");
    }
}

/// A temporary copy of `good/minimal` with `file` (in the `demo` API folder) set to `bytes`.
fn minimal_with(file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let from = fixtures().join("good/minimal/demo");
    let to = tmp.path().join("demo");
    fs::create_dir(&to).expect("the API folder");
    for entry in fs::read_dir(&from).expect("the minimal fixture") {
        let entry = entry.expect("a folder entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("a copy");
    }
    fs::write(to.join(file), bytes).expect("the generated file");
    tmp
}

#[test]
fn non_utf8_file() {
    let tmp = minimal_with(
        "notes.yaml",
        b"models:\n  note:\n    description: caf\xe9 au lait\n    type: string\n",
    );
    insta::assert_snapshot!(render(tmp.path(), "generated/non_utf8"));
}

#[test]
fn nesting_deeper_than_the_limit() {
    let depth = generator::load::yaml::MAX_DEPTH + 10;
    let text = format!(
        "models:\n  deep:\n    type: string\n    example: {}x{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let tmp = minimal_with("deep.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/too_deep"));
}

#[test]
fn alias_bomb() {
    // Each level is a list of ten aliases to the previous one: level n expands to 10^n scalars.
    let mut text = String::from("models:\n  bomb:\n    type: string\n    example:\n");
    text.push_str("      - &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..6 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        text.push_str(&format!("      - &l{level} [{aliases}]\n"));
    }
    let tmp = minimal_with("bomb.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/alias_bomb"));
}

#[test]
fn file_over_the_size_limit() {
    let limit = usize::try_from(generator::load::MAX_FILE_BYTES).expect("a small limit");
    let mut text = String::from("models:\n  big:\n    type: string\n    description: >-\n");
    while text.len() <= limit {
        text.push_str("      a line of a very long description that goes on and on\n");
    }
    let tmp = minimal_with("big.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/too_large"));
}

/// Names that are Rust keywords, start with digits, are not ASCII or differ only by case must
/// load without a single diagnostic and get valid, distinct Rust names.
#[test]
fn hostile_but_valid_names() {
    let root = fixtures().join("good/hostile_names");
    let ir = match generator::load_and_validate(&root) {
        Ok(ir) => ir,
        Err(d) => panic!("hostile but valid names were rejected:\n{d}"),
    };
    let [api] = ir.apis.as_slice() else {
        panic!("one API expected")
    };
    assert_eq!(api.module, "hostile");
    assert_eq!(api.params[0].rust_name, "super_");

    let [resource] = api.resources.as_slice() else {
        panic!("one resource expected")
    };
    assert_eq!(
        (resource.name.as_str(), resource.module.as_str()),
        ("type", "type_resource")
    );
    let actions: Vec<(&str, &str, &str)> = resource
        .actions
        .iter()
        .map(|a| {
            (
                a.name.as_str(),
                a.method_name.as_str(),
                a.type_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("match", "r#match", "Match"),
            ("self", "self_", "SelfType"),
            ("3dModels", "_3d_models", "V3dModels")
        ]
    );

    let matching = &resource.actions[0];
    let params: Vec<(&str, &str, bool)> = matching
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.rust_name.as_str(), p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("crate", "crate_", true),
            ("Self", "self_", true),
            ("match", "r#match", true),
            ("type", "r#type", false),
            ("2fa", "_2fa", false),
            ("größe", "gr_e", false),
        ]
    );
    let ParamType::Enum(order) = &matching.params[3].ty else {
        panic!("`type` is an enum")
    };
    assert_eq!(order.name, "MatchType");
    assert_eq!(
        order.variants,
        [
            ("Asc", "asc"),
            ("AscUpper", "ASC"),
            ("Desc", "desc"),
            ("Empty", ""),
            ("V86400000", "86400000"),
            ("AgentToAgent", "agent-to-agent"),
        ]
        .map(|(v, w)| (v.to_owned(), w.to_owned()))
    );
    let ParamType::Enum(empty) = &matching.params[5].ty else {
        panic!("`größe` is an enum")
    };
    assert!(empty.integer && empty.variants.is_empty(), "{empty:?}");
    assert_eq!(matching.errors[0].ty, TypeIr::Named("OnlyInErrors".into()));

    let model = |name: &str| {
        api.model_files
            .iter()
            .flat_map(|f| &f.models)
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("model `{name}`"))
    };
    let ModelKind::Struct(fields) = &model("Node").kind else {
        panic!("Node is a struct")
    };
    let field = |json: &str| {
        fields
            .iter()
            .find(|f| f.json_name == json)
            .unwrap_or_else(|| panic!("field `{json}`"))
    };
    let names: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.json_name.as_str(), f.rust_name.as_str()))
        .take(7)
        .collect();
    assert_eq!(
        names,
        [
            ("type", "r#type"),
            ("self", "self_"),
            ("match", "r#match"),
            ("crate", "crate_"),
            ("3d", "_3d"),
            ("名前", "value"),
            ("_links", "links"),
        ]
    );
    // The recursive model: through a Vec it needs no box, directly and through Option it does.
    let node = || Box::new(TypeIr::Named("Node".into()));
    assert_eq!(field("children").ty, TypeIr::List(node()));
    assert_eq!(field("parent").ty, TypeIr::Boxed(node()));
    assert_eq!(
        field("sibling").ty,
        TypeIr::Nullable(Box::new(TypeIr::Boxed(node())))
    );
    assert_eq!(
        field("maybe").ty,
        TypeIr::Nullable(Box::new(TypeIr::Named("NodeMaybe".into())))
    );
    let ModelKind::OneOf(maybe) = &model("NodeMaybe").kind else {
        panic!("NodeMaybe is a one_of")
    };
    assert_eq!(
        maybe,
        &[
            ("String".to_owned(), TypeIr::String),
            ("Integer".to_owned(), TypeIr::Integer)
        ]
    );

    let variants = |name: &str| match &model(name).kind {
        ModelKind::Enum(e) => e
            .variants
            .iter()
            .map(|(v, _)| v.clone())
            .collect::<Vec<_>>(),
        other => panic!("{name} is an enum, not {other:?}"),
    };
    assert_eq!(
        variants("NodeOrder"),
        ["Asc", "AscUpper", "Desc", "DescUpper", "AscMixed"]
    );
    assert_eq!(variants("NodeInterval"), ["V60", "V86400000"]);
    assert_eq!(
        variants("NodeMode"),
        ["AgentToAgent", "AgentToServer", "Empty"]
    );
    assert!(variants("NodeNothing").is_empty());

    // Model files are modules and file stems at once: keywords must not reach them bare.
    let modules: Vec<(&str, &str)> = api
        .model_files
        .iter()
        .map(|f| (f.module.as_str(), f.models[0].name.as_str()))
        .collect();
    assert_eq!(
        modules,
        [
            ("node", "Node"),
            ("type_", "Type"),
            ("self_type", "SelfType"),
            ("crate_", "Crate"),
            ("only_in_errors", "OnlyInErrors"),
        ]
    );
}
