//! The checked-in specs load without a single diagnostic and hold what the docs describe.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use generator::ir::{
    Additional, BodyKind, Content, FieldPath, Ir, PageStyle, ParamLocation, PartKind, RequestBody,
    Schema, SchemaKind,
};

fn specs() -> Ir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    match generator::load_and_validate(&root) {
        Ok(ir) => ir,
        Err(d) => panic!("the checked-in specs have problems:\n{d}"),
    }
}

#[test]
fn counts_match_the_docs() {
    let ir = specs();
    let apis: Vec<&str> = ir.apis.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(apis, ["losant", "thousandeyes"]);
    let resources: Vec<&str> = ir
        .apis
        .iter()
        .flat_map(|a| &a.resources)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(resources, ["instanceApiTokens", "org", "snapshots"]);
    let actions: Vec<usize> = ir
        .apis
        .iter()
        .flat_map(|a| &a.resources)
        .map(|r| r.actions.len())
        .collect();
    // The seed pages: 2 Instance Api Tokens actions, 13 Org actions, 1 ThousandEyes action.
    assert_eq!(actions, [2, 13, 1]);
    let models: Vec<usize> = ir.apis.iter().map(|a| a.models.len()).collect();
    assert_eq!(models, [24, 16]);
}

#[test]
fn spec_files_are_relative_to_the_spec_roots_parent() {
    let ir = specs();
    let files: Vec<PathBuf> = ir.apis.iter().flat_map(|a| a.spec_files.clone()).collect();
    let expected = [
        "specs/losant/api.yaml",
        "specs/losant/instance_api_tokens.yaml",
        "specs/losant/models.yaml",
        "specs/losant/org.yaml",
        "specs/thousandeyes/api.yaml",
        "specs/thousandeyes/models.yaml",
        "specs/thousandeyes/snapshots.yaml",
    ];
    assert_eq!(files, expected.map(PathBuf::from));
    let org = &ir.apis[0].resources[1];
    assert_eq!(org.spec_file, Path::new("specs/losant/org.yaml"));
    assert_eq!(
        ir.apis[0].models[0].spec_file,
        Path::new("specs/losant/models.yaml")
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

#[test]
fn scopes_and_parameters_keep_doc_order() {
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
    let scopes = delete.scopes.as_ref().expect("org.delete lists scopes");
    assert_eq!(
        scopes.all_named(),
        ["all.Organization", "all.User", "org.*", "org.delete"]
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
    let get = &ir.apis[0].resources[0].actions[0];
    assert_eq!(get.name, "get");
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
    let api = &ir.apis[1];
    let action = &api.resources[0].actions[0];
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
