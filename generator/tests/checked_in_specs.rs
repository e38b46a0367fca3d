//! The checked-in specs load without a single diagnostic and hold what the docs describe.

use std::collections::BTreeSet;
use std::path::Path;

use generator::ir::{ModelKind, ParamType, TypeIr};

fn specs() -> generator::ir::Ir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    match generator::load_and_validate(&root) {
        Ok(ir) => ir,
        Err(d) => panic!("the checked-in specs have problems:\n{d}"),
    }
}

#[test]
fn counts_match_the_docs() {
    let ir = specs();
    let apis: Vec<&str> = ir.apis.iter().map(|a| a.module.as_str()).collect();
    assert_eq!(apis, ["losant", "thousandeyes"]);
    let resources: Vec<&str> = ir
        .apis
        .iter()
        .flat_map(|a| &a.resources)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(resources, ["instanceApiTokens", "org", "snapshots"]);
    let actions: usize = ir
        .apis
        .iter()
        .flat_map(|a| &a.resources)
        .map(|r| r.actions.len())
        .sum();
    assert_eq!(actions, 16);
}

#[test]
fn every_referenced_model_is_defined() {
    let ir = specs();
    for api in &ir.apis {
        let defined: BTreeSet<&str> = api
            .model_files
            .iter()
            .flat_map(|f| &f.models)
            .map(|m| m.name.as_str())
            .collect();
        let mut referenced = BTreeSet::new();
        let mut visit = |ty: &TypeIr| collect(ty, &mut referenced);
        for model in api.model_files.iter().flat_map(|f| &f.models) {
            match &model.kind {
                ModelKind::Struct(fields) => fields.iter().for_each(|f| visit(&f.ty)),
                ModelKind::OneOf(v) => v.iter().for_each(|(_, t)| visit(t)),
                ModelKind::Alias(t) => visit(t),
                ModelKind::Enum(_) => {}
            }
        }
        for action in api.resources.iter().flat_map(|r| &r.actions) {
            action.successes.iter().for_each(|r| visit(&r.ty));
            action.errors.iter().for_each(|r| visit(&r.ty));
            for p in &action.params {
                if let ParamType::Model(m) = &p.ty {
                    visit(&TypeIr::Named(m.clone()));
                }
            }
        }
        for name in &referenced {
            assert!(
                defined.contains(name.as_str()),
                "{}: `{name}` is referenced but not defined",
                api.module
            );
        }
        assert!(
            referenced.len() > 5,
            "{}: suspiciously few references",
            api.module
        );
    }
}

fn collect(ty: &TypeIr, out: &mut BTreeSet<String>) {
    match ty {
        TypeIr::Named(n) => {
            out.insert(n.clone());
        }
        TypeIr::List(t) | TypeIr::Map(t) | TypeIr::Nullable(t) | TypeIr::Boxed(t) => {
            collect(t, out)
        }
        _ => {}
    }
}

#[test]
fn scopes_keep_doc_order() {
    let ir = specs();
    let org = ir.apis[0]
        .resources
        .iter()
        .find(|r| r.name == "org")
        .expect("org resource");
    let delete = org
        .actions
        .iter()
        .find(|a| a.name == "delete")
        .expect("org.delete");
    assert_eq!(
        delete.scopes,
        ["all.Organization", "all.User", "org.*", "org.delete"]
    );
    let remove = org
        .actions
        .iter()
        .find(|a| a.name == "removeMember")
        .expect("org.removeMember");
    let positional: Vec<&str> = remove
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.rust_name.as_str())
        .collect();
    assert_eq!(positional, ["org_id", "user_id"]);
}
