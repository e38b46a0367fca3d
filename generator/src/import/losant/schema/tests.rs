//! Tests of the schema transcription: each conversion rule, and that odd input is reported
//! rather than lost or panicked on.

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{Value, json};

use super::Transcriber;
use crate::import::losant::fixes;
use crate::import::losant::report::{Loc, Report};
use crate::import::yaml_writer::render;

/// The YAML a schema becomes (after the fixes), and the report.
fn yaml(mut schema: Value) -> (String, Report) {
    let models: BTreeSet<String> = ["device".to_owned()].into();
    let mut report = Report::default();
    let at = Loc::file("schemas/t.json");
    fixes::schema::run(&mut schema, &at, &mut report);
    let entry = Transcriber {
        models: &models,
        report: &mut report,
    }
    .schema(schema, &at, None);
    (render(&[], &entry.node), report)
}

fn clean(schema: Value) -> String {
    let (text, report) = yaml(schema);
    assert!(report.unexpressed.is_empty(), "{:?}", report.unexpressed);
    text
}

#[test]
fn a_list_of_types_is_a_union_with_the_keys_that_apply_to_each_and_null_as_nullable() {
    let text = clean(json!({"type": ["string", "number", "boolean", "null"], "maxLength": 255}));
    assert_eq!(
        text,
        "nullable: true\none_of:\n  - type: string\n    max_length: 255\n  - type: number\n  - type: boolean\n"
    );
    assert_eq!(
        clean(json!({"type": ["string", "null"], "minLength": 1})),
        "type: string\nnullable: true\nmin_length: 1\n"
    );
}

#[test]
fn string_alternatives_merge_into_one_string() {
    let ids_or_templates = json!({"oneOf": [
        {"type": "string", "pattern": "^[A-Fa-f\\d]{24}$"},
        {"type": "string", "minLength": 4, "maxLength": 255, "pattern": ".*{{.+}}.*"}]});
    assert_eq!(
        clean(ids_or_templates),
        "type: string\npattern: (?:^[A-Fa-f\\d]{24}$)|(?:.*{{.+}}.*)\n"
    );
    let values = json!({"oneOf": [{"oneOf": [{"type": "string", "enum": ["FIRST", "LAST"]}, {"type": "string", "enum": ["NONE"]}]}, {"type": "null"}]});
    assert_eq!(
        clean(values),
        "type: string\nnullable: true\nenum: [FIRST, LAST, NONE]\n"
    );
}

#[test]
fn objects_fixing_one_property_to_distinct_values_get_a_discriminator() {
    let blocks = json!({"oneOf": [
        {"type": "object", "properties": {"id": {"type": "string"}, "blockType": {"type": "string", "enum": ["graph"]}}},
        {"type": "object", "properties": {"id": {"type": "string"}, "blockType": {"type": "string", "enum": ["custom-chart", "custom-html"]}}}]});
    let text = clean(blocks);
    assert!(
        text.starts_with("discriminator: {property: blockType}\none_of:\n"),
        "{text}"
    );
    // Two alternatives with the same value: no discriminator, an untagged union.
    let text = clean(json!({"oneOf": [
        {"type": "object", "properties": {"op": {"enum": ["set"]}, "a": {"type": "string"}}},
        {"type": "object", "properties": {"op": {"enum": ["set"]}, "b": {"type": "string"}}}]}));
    assert!(!text.contains("discriminator"), "{text}");
    assert!(text.starts_with("one_of:\n"), "{text}");
}

#[test]
fn required_field_sets_mark_the_common_fields_and_describe_the_rest() {
    let text = clean(json!({"type": "object", "description": "A report.",
        "properties": {"cron": {"type": "string"}, "toEmail": {"type": "string"}, "callbackUrl": {"type": "string"}},
        "anyOf": [{"required": ["cron", "toEmail"]}, {"required": ["cron", "callbackUrl"]}]}));
    assert_eq!(
        text,
        "description: 'A report. Also required: `toEmail`, or `callbackUrl` (at least one of these).'\n\
         type: object\n\
         properties:\n  cron: {type: string, required: true}\n  toEmail: {type: string}\n  callbackUrl: {type: string}\n"
    );
}

#[test]
fn pattern_properties_become_map_values_or_additional_properties() {
    assert_eq!(
        clean(
            json!({"type": "object", "patternProperties": {"^[0-9a-zA-Z_-]{1,255}$": {"type": "number"}}, "additionalProperties": false})
        ),
        "type: map\nkey_pattern: ^[0-9a-zA-Z_-]{1,255}$\nvalues: {type: number}\n"
    );
    assert_eq!(
        clean(
            json!({"type": "object", "properties": {"id": {"type": "string"}}, "patternProperties": {".*": {"type": "string"}}})
        ),
        "type: object\nproperties:\n  id: {type: string}\nadditional_properties: {type: string}\n"
    );
}

#[test]
fn objects_that_declare_nothing_keep_every_key() {
    assert_eq!(
        clean(json!({"type": "object"})),
        "type: map\nvalues: {type: any}\n"
    );
    assert_eq!(
        clean(json!({"type": "object", "additionalProperties": false})),
        "type: object\nadditional_properties: false\n"
    );
    assert_eq!(clean(json!({})), "type: any\n");
}

#[test]
fn untyped_enums_take_the_type_of_their_values() {
    assert_eq!(
        clean(json!({"enum": [1, 0, null]})),
        "type: integer\nnullable: true\nenum: [1, 0]\n"
    );
    assert_eq!(
        clean(json!({"enum": ["on"]})),
        "type: string\nenum: ['on']\n"
    );
}

#[test]
fn references_secrets_and_required_properties() {
    let text = clean(
        json!({"type": "object", "required": ["password"], "properties": {
        "device": {"$ref": "#/definitions/device"},
        "password": {"type": "string", "minLength": 12}}}),
    );
    assert_eq!(
        text,
        "type: object\nproperties:\n  device: {ref: device}\n  password: {type: string, required: true, sensitive: true, min_length: 12}\n"
    );
}

#[test]
fn fix_comments_land_next_to_the_fixed_property() {
    let text = clean(
        json!({"type": "object", "properties": {"region": {"type": "string", "min": 4, "max": 128}}}),
    );
    assert_eq!(
        text,
        format!(
            "type: object\nproperties:\n  # Fix (joi-min-max): {}\n  #   the source says `min: 4, max: 128`; read as minLength/maxLength\n  region: {{type: string, min_length: 4, max_length: 128}}\n",
            fixes::schema::JOI_MIN_MAX.reason
        )
    );
}

#[test]
fn what_has_no_counterpart_is_reported_with_its_pointer() {
    let (text, report) = yaml(json!({"type": "object", "properties": {
        "a": {"type": "string", "not": {"enum": ["x"]}},
        "b": {"$ref": "#/definitions/nowhere"},
        "c": {"type": "string", "enum": ["x", 5]},
        "d": {"type": 5}}}));
    let lines: Vec<String> = report.unexpressed.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "schemas/t.json#/properties/a/not: `not: {\"enum\":[\"x\"]}` has no counterpart in the spec format",
            "schemas/t.json#/properties/b/$ref: `$ref: \"#/definitions/nowhere\"` names no published schema",
            "schemas/t.json#/properties/c/enum: the value 5 is not a string",
            "schemas/t.json#/properties/d/type: a type must be text or a list, found 5",
        ]
    );
    assert!(text.contains("b: {type: any}"), "{text}");
}

/// Any JSON value, nested a few levels, with the keys schemas use.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "type",
        "properties",
        "items",
        "oneOf",
        "anyOf",
        "allOf",
        "enum",
        "required",
        "min",
        "max",
        "maxItems",
        "patternProperties",
        "additionalProperties",
        "$ref",
        "default",
        "example",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "string",
            "object",
            "array",
            "null",
            "number",
            "#/definitions/device",
            "10"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..5).prop_map(|entries| {
                Value::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_is_transcribed_or_reported_without_panicking(schema in json_value()) {
        let (text, _) = yaml(schema);
        let (root, problems) = crate::load::yaml::parse(&text);
        prop_assert!(problems.is_empty(), "{text}");
        prop_assert!(root.is_some());
    }
}
