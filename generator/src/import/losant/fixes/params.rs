//! Fixes of `apiInfo.json`: actions, their parameters and responses.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::schema::example_not_in_enum;
use super::{Fix, apply, show};
use crate::import::losant::report::{Loc, Report};

/// `instanceApiTokens.get`, `userApiTokens.get`: "Collection of API tokens" returning `apiToken`.
pub const COLLECTION_RETURNS_ONE: Fix = Fix {
    name: "collection-returns-one",
    reason: "documented as one item but described as a collection: the body is the collection model",
};

/// `edgeDeployments.get filterEmpty`, `file.move name`, ...: query parameters without a type.
pub const UNTYPED_QUERY_SCALAR: Fix = Fix {
    name: "untyped-query-scalar",
    reason: "this query parameter has no type; it is read from its example, accepted values and pattern",
};

/// `devices.get tagFilter`, `auditLogs.get auditLogFilter`, ...: a schema but no type.
pub const UNTYPED_QUERY_MODEL: Fix = Fix {
    name: "untyped-query-model",
    reason: "this query parameter has a schema but no type; Losant's SDKs send it in bracket notation",
};

/// `applicationTemplates.get keywords`: `type: array` without `items`.
pub const ARRAY_WITHOUT_ITEMS: Fix = Fix {
    name: "array-without-items",
    reason: "this array parameter has no item type; its example is a list of strings",
};

/// `page: 0`, `asBytes: false` on parameters documented as strings.
pub const STRING_PARAM_VALUES: Fix = Fix {
    name: "string-param-values",
    reason: "documented as a string, but its default, example or values were written as JSON numbers or booleans",
};

/// Applies the parameter and response fixes to one action of `apiInfo.json`.
pub fn run_action(
    action: &mut Map<String, Value>,
    at: &Loc,
    schemas: &BTreeMap<String, Value>,
    report: &mut Report,
) {
    if let Some(Value::Object(responses)) = action.get_mut("responses") {
        for (status, response) in responses.iter_mut() {
            if let Value::Object(response) = response {
                let at = at.child("responses").child(status);
                collection_returns_one(response, &at, schemas, report);
            }
        }
    }
    if let Some(Value::Array(params)) = action.get_mut("params") {
        for (i, param) in params.iter_mut().enumerate() {
            if let Value::Object(param) = param {
                run_param(param, &at.child("params").index(i), report);
            }
        }
    }
}

/// Applies the parameter fixes to one parameter (of an action or a resource).
pub fn run_param(param: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    untyped_query_scalar(param, at, report);
    untyped_query_model(param, at, report);
    array_without_items(param, at, report);
    string_param_values(param, at, report);
    example_not_in_enum(param, at, report);
}

/// Replaces a single-item model by its collection when the response says it is a collection.
pub fn collection_returns_one(
    response: &mut Map<String, Value>,
    at: &Loc,
    schemas: &BTreeMap<String, Value>,
    report: &mut Report,
) {
    let says_collection = response
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| d.to_ascii_lowercase().starts_with("collection of"));
    let Some(model) = response
        .get("schema")
        .and_then(|s| s.get("$ref"))
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/definitions/"))
        .map(str::to_owned)
    else {
        return;
    };
    let is_collection = |name: &str| {
        schemas
            .get(name)
            .and_then(|s| s.pointer("/properties/items"))
            .is_some()
    };
    let collection = format!("{model}s");
    if says_collection && !is_collection(&model) && is_collection(&collection) {
        response.insert(
            "schema".into(),
            json!({"$ref": format!("#/definitions/{collection}")}),
        );
        let detail = format!("the source names `{model}`; the body is `{collection}`");
        apply(&COLLECTION_RETURNS_ONE, response, at, detail, report);
    }
}

/// Gives a type to a query parameter that has none and no schema: `boolean` when its example
/// or default is a boolean, else `string`.
pub fn untyped_query_scalar(param: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    if !is_query(param) || param.contains_key("type") || param.contains_key("schema") {
        return;
    }
    let boolean = ["example", "default"]
        .iter()
        .any(|k| param.get(*k).is_some_and(Value::is_boolean));
    let ty = if boolean { "boolean" } else { "string" };
    param.insert("type".into(), json!(ty));
    let detail = format!("typed `{ty}`");
    apply(&UNTYPED_QUERY_SCALAR, param, at, detail, report);
}

/// A query parameter with a schema but no type is sent as its model in bracket notation.
pub fn untyped_query_model(param: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    if !is_query(param) || param.contains_key("type") || !param.contains_key("schema") {
        return;
    }
    param.insert("$style".into(), json!("deep_object"));
    let detail =
        "sent as `name[key]=value` (qs.stringify in the JS SDK, flatten_params in the Python SDK)";
    apply(&UNTYPED_QUERY_MODEL, param, at, detail.into(), report);
}

/// An array parameter without `items`: items typed after the example's elements.
pub fn array_without_items(param: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    if param.get("type").and_then(Value::as_str) != Some("array") || param.contains_key("items") {
        return;
    }
    let strings = param
        .get("example")
        .and_then(Value::as_array)
        .is_some_and(|items| items.iter().all(Value::is_string));
    if !strings {
        return;
    }
    param.insert("items".into(), json!({"type": "string"}));
    if is_query(param) {
        param.insert("$style".into(), json!("deep_object"));
    }
    let detail = "items typed `string`, sent as `name[0]=a&name[1]=b` as Losant's SDKs send arrays";
    apply(&ARRAY_WITHOUT_ITEMS, param, at, detail.into(), report);
}

/// Writes the default, example and accepted values of a string parameter as strings.
pub fn string_param_values(param: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    if param.get("type").and_then(Value::as_str) != Some("string") {
        return;
    }
    let mut changed = Vec::new();
    for key in ["default", "example"] {
        if let Some(value) = param.get_mut(key) {
            if let Some(text) = scalar_text(value) {
                changed.push(format!("{key}: {}", show(value)));
                *value = Value::String(text);
            }
        }
    }
    if let Some(Value::Array(values)) = param.get_mut("enum") {
        let mut any = false;
        for value in values.iter_mut() {
            if let Some(text) = scalar_text(value) {
                any = true;
                *value = Value::String(text);
            }
        }
        if any {
            changed.push("enum: [...]".into());
        }
    }
    if !changed.is_empty() {
        let detail = format!("the source says `{}`", changed.join(", "));
        apply(&STRING_PARAM_VALUES, param, at, detail, report);
    }
}

fn is_query(param: &Map<String, Value>) -> bool {
    param.get("in").and_then(Value::as_str) == Some("query")
}

/// The text of a number or boolean (the form it takes in a query string).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::losant::fixes::MARK;

    fn param(value: Value) -> (Map<String, Value>, Report) {
        let Value::Object(mut param) = value else {
            panic!("an object");
        };
        let mut report = Report::default();
        run_param(
            &mut param,
            &Loc::pointer("apiInfo.json", "/x/params/0"),
            &mut report,
        );
        param.remove(MARK);
        (param, report)
    }

    fn names(report: &Report) -> Vec<&str> {
        report.fixes.iter().map(|f| f.name).collect()
    }

    #[test]
    fn collection_returns_one_uses_the_collection_model() {
        let schemas = BTreeMap::from([
            ("apiToken".to_owned(), json!({"properties": {"id": {}}})),
            ("apiTokens".to_owned(), json!({"properties": {"items": {}}})),
        ]);
        let mut action = json!({"responses": {
            "200": {"description": "Collection of API tokens", "schema": {"$ref": "#/definitions/apiToken"}},
            "201": {"description": "The token", "schema": {"$ref": "#/definitions/apiToken"}}}});
        let mut report = Report::default();
        if let Value::Object(action) = &mut action {
            run_action(
                action,
                &Loc::pointer("apiInfo.json", "/a/actions/get"),
                &schemas,
                &mut report,
            );
        }
        assert_eq!(
            action.pointer("/responses/200/schema/$ref"),
            Some(&json!("#/definitions/apiTokens"))
        );
        assert_eq!(
            action.pointer("/responses/201/schema/$ref"),
            Some(&json!("#/definitions/apiToken"))
        );
        assert_eq!(names(&report), ["collection-returns-one"]);
        assert_eq!(
            report.fixes.first().map(|f| f.at.to_string()).as_deref(),
            Some("apiInfo.json#/a/actions/get/responses/200")
        );
    }

    #[test]
    fn untyped_query_scalar_reads_the_example() {
        let (p, report) = param(json!({"in": "query", "name": "filterEmpty", "example": true}));
        assert_eq!(p.get("type"), Some(&json!("boolean")));
        let (p, _) = param(json!({"in": "query", "name": "name", "example": "fileA"}));
        assert_eq!(p.get("type"), Some(&json!("string")));
        assert_eq!(names(&report), ["untyped-query-scalar"]);
    }

    #[test]
    fn untyped_query_model_is_sent_in_bracket_notation() {
        let (p, report) = param(
            json!({"in": "query", "name": "tagFilter", "schema": {"$ref": "#/definitions/deviceTagFilter"}}),
        );
        assert_eq!(p.get("$style"), Some(&json!("deep_object")));
        assert!(p.get("type").is_none());
        assert_eq!(names(&report), ["untyped-query-model"]);
        // A typed object is JSON-encoded, as documented: no fix.
        let (p, report) = param(
            json!({"in": "query", "name": "query", "type": "object", "schema": {"$ref": "#/definitions/q"}}),
        );
        assert!(p.get("$style").is_none());
        assert!(report.fixes.is_empty());
    }

    #[test]
    fn array_without_items_gets_string_items() {
        let (p, report) = param(
            json!({"in": "query", "name": "keywords", "type": "array", "example": ["gps", "aws"]}),
        );
        assert_eq!(p.get("items"), Some(&json!({"type": "string"})));
        assert_eq!(p.get("$style"), Some(&json!("deep_object")));
        assert_eq!(names(&report), ["array-without-items"]);
    }

    #[test]
    fn string_param_values_become_strings() {
        let (p, report) = param(
            json!({"in": "query", "name": "resolution", "type": "string",
            "enum": ["86400000", "3600000"], "default": 86400000, "example": 86400000}),
        );
        assert_eq!(p.get("default"), Some(&json!("86400000")));
        assert_eq!(p.get("example"), Some(&json!("86400000")));
        assert_eq!(names(&report), ["string-param-values"]);
        let (p, _) =
            param(json!({"in": "query", "name": "asBytes", "type": "string", "default": false}));
        assert_eq!(p.get("default"), Some(&json!("false")));
    }

    #[test]
    fn example_not_in_enum_is_left_out_of_parameters() {
        let (p, report) = param(
            json!({"in": "query", "name": "filterField", "type": "string", "enum": ["name", "status"], "example": "key"}),
        );
        assert!(p.get("example").is_none());
        assert_eq!(names(&report), ["example-not-in-enum"]);
    }
}
