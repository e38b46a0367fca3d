//! The checked-in specs load without a single diagnostic and hold what the docs describe.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use generator::ir::{
    Additional, BodyKind, Content, FieldPath, Ir, PageStyle, ParamLocation, PartKind, RequestBody,
    Schema, SchemaKind,
};

/// The models of the Losant specs, as the importer writes them from the 336 published schemas
/// (`import_losant.rs` pins the same count on a fresh import).
const MODELS_LOSANT: usize = 335;

/// The checked-in specs, loaded and validated once for every test here.
fn specs() -> &'static Ir {
    static IR: OnceLock<Ir> = OnceLock::new();
    IR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        match generator::load_and_validate(&root) {
            Ok(ir) => ir,
            Err(d) => panic!("the checked-in specs have problems:\n{d}"),
        }
    })
}

/// The API named `name`.
fn api<'a>(ir: &'a Ir, name: &str) -> &'a generator::ir::Api {
    ir.apis
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no API {name}"))
}

/// The resource named `name` of `api`.
fn resource<'a>(api: &'a generator::ir::Api, name: &str) -> &'a generator::ir::Resource {
    api.resources
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

/// The whole published Losant API (99 resources, 375 actions) and the ThousandEyes snapshots
/// action.
#[test]
fn counts_match_the_docs() {
    let ir = specs();
    let apis: Vec<&str> = ir.apis.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(apis, ["losant", "thousandeyes"]);
    let count = |name: &str| {
        let api = api(ir, name);
        let actions: usize = api.resources.iter().map(|r| r.actions.len()).sum();
        (api.resources.len(), actions, api.models.len())
    };
    assert_eq!(count("losant"), (99, 375, MODELS_LOSANT));
    assert_eq!(count("thousandeyes"), (1, 1, 16));
    let losant = api(ir, "losant");
    for name in [
        "instanceApiTokens",
        "org",
        "devices",
        "device",
        "dashboard",
        "auth",
    ] {
        resource(losant, name);
    }
}

/// Every spec file of an API is named relative to the spec root's parent, sorted: exactly the
/// YAML files of its folder.
#[test]
fn spec_files_are_relative_to_the_spec_roots_parent() {
    let ir = specs();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    for api in &ir.apis {
        let mut on_disk: Vec<PathBuf> = std::fs::read_dir(root.join(&api.name))
            .expect("the API folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".yaml"))
            .map(|name| PathBuf::from(format!("specs/{}/{name}", api.name)))
            .collect();
        on_disk.sort();
        assert_eq!(api.spec_files, on_disk, "{}", api.name);
    }
    let losant = api(ir, "losant");
    assert_eq!(
        resource(losant, "org").spec_file,
        Path::new("specs/losant/org.yaml")
    );
    let org_model = losant.model("org").expect("the org model");
    assert_eq!(
        org_model.spec_file,
        Path::new("specs/losant/models_org.yaml")
    );
}

#[test]
fn every_referenced_model_is_defined() {
    let ir = specs();
    for api in &ir.apis {
        let defined: BTreeSet<&str> = api.models.iter().map(|m| m.name.as_str()).collect();
        let mut referenced = BTreeSet::new();
        for model in &api.models {
            collect(&model.schema, &mut referenced);
        }
        for action in api.resources.iter().flat_map(|r| &r.actions) {
            for param in &action.params {
                collect(&param.schema, &mut referenced);
            }
            match &action.body {
                Some(RequestBody::Single(body)) => {
                    if let BodyKind::Json(schema) = &body.kind {
                        collect(schema, &mut referenced);
                    }
                }
                Some(RequestBody::Multipart(parts) | RequestBody::Form(parts)) => {
                    for part in parts {
                        if let PartKind::Value(schema) = &part.kind {
                            collect(schema, &mut referenced);
                        }
                    }
                }
                None => {}
            }
            for response in action.responses.iter().chain(&action.errors) {
                match &response.content {
                    Content::Json { schema, .. } => collect(schema, &mut referenced),
                    Content::Events(events) => {
                        for data in events.iter().filter_map(|e| e.data.as_ref()) {
                            collect(data, &mut referenced);
                        }
                    }
                    _ => {}
                }
            }
        }
        for name in &referenced {
            assert!(
                defined.contains(name.as_str()),
                "{}: `{name}` is referenced but not defined",
                api.name
            );
        }
        assert!(
            referenced.len() > 5,
            "{}: suspiciously few references",
            api.name
        );
    }
}

fn collect(schema: &Schema, out: &mut BTreeSet<String>) {
    match &schema.kind {
        SchemaKind::Ref(name) => {
            out.insert(name.clone());
        }
        SchemaKind::Array(array) => collect(&array.items, out),
        SchemaKind::Object(object) => {
            for property in &object.properties {
                collect(&property.schema, out);
            }
            if let Additional::Allowed(values) = &object.additional {
                collect(values, out);
            }
        }
        SchemaKind::OneOf(union) => union.variants.iter().for_each(|v| collect(v, out)),
        SchemaKind::AllOf(members) => members.iter().for_each(|m| collect(m, out)),
        _ => {}
    }
}

/// The scopes of `org.delete` in the order its docs page lists them (the newer release lists
/// the `bounded` and `only` scopes too), and its parameters in doc order.
#[test]
fn scopes_and_parameters_keep_doc_order() {
    let ir = specs();
    let org = resource(api(ir, "losant"), "org");
    let delete = org
        .actions
        .iter()
        .find(|a| a.name == "delete")
        .expect("org.delete");
    let scopes = delete.scopes.as_ref().expect("org.delete lists scopes");
    assert_eq!(
        scopes.all_named(),
        [
            "all.Organization",
            "all.Organization.bounded",
            "all.User",
            "all.User.bounded",
            "only.Organization",
            "only.Organization.bounded",
            "org.*",
            "org.delete"
        ]
    );
    assert!(scopes.is_any_one());
    let remove = org
        .actions
        .iter()
        .find(|a| a.name == "removeMember")
        .expect("org.removeMember");
    let params: Vec<(&str, ParamLocation, bool)> = remove
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("orgId", ParamLocation::Path, true),
            ("userId", ParamLocation::Query, true),
            ("summaryExclude", ParamLocation::Query, false),
            ("summaryInclude", ParamLocation::Query, false),
        ]
    );
}

/// Losant documents page numbers as strings: the parameters stay strings, marked `int64`, and
/// the collection pages by number from 0.
#[test]
fn losant_tokens_page_by_number() {
    let ir = specs();
    let get = resource(api(ir, "losant"), "instanceApiTokens")
        .actions
        .iter()
        .find(|a| a.name == "get")
        .expect("instanceApiTokens.get");
    let pagination = get
        .pagination
        .as_ref()
        .expect("instanceApiTokens.get pages");
    assert_eq!(
        pagination.style,
        PageStyle::Number {
            param: "page".into(),
            first: 0
        }
    );
    assert_eq!(pagination.per_page.as_deref(), Some("perPage"));
    assert_eq!(pagination.items, FieldPath(vec!["items".into()]));
    assert_eq!(pagination.total, Some(FieldPath(vec!["totalCount".into()])));
    let page = get.param("page").expect("the page parameter");
    let SchemaKind::String(string) = &page.schema.kind else {
        panic!(
            "`page` keeps its documented string type: {:?}",
            page.schema.kind
        );
    };
    assert_eq!(string.format.as_deref(), Some("int64"));
}

#[test]
fn thousandeyes_uses_its_media_types() {
    let ir = specs();
    let action = &resource(api(ir, "thousandeyes"), "snapshots").actions[0];
    let Content::Json { media_type, .. } = &action.responses[0].content else {
        panic!("the snapshot is returned as JSON");
    };
    assert_eq!(media_type, "application/hal+json");
    for error in &action.errors {
        if let Content::Json { media_type, .. } = &error.content {
            assert_eq!(media_type, "application/problem+json", "{:?}", error.status);
        }
    }
}
