//! Fixes of the JSON Schemas (`schemas/*.json`), applied to every schema node before it is
//! transcribed.

use serde_json::{Map, Value};

use super::{Fix, apply, show};
use crate::import::losant::report::{Loc, Report};

/// A list written as one alternative of `anyOf` (`validateContextSuccess.ctx`).
pub const LIST_IN_ANY_OF: Fix = Fix {
    name: "list-in-any-of",
    reason: "a list was written as one alternative of anyOf/oneOf; its items are alternatives",
};

/// `orgInvites`: the whole invitation schema is written under `items.properties`.
pub const SCHEMA_IN_PROPERTIES: Fix = Fix {
    name: "schema-in-properties",
    reason: "a whole object schema was written under `properties`; it describes this object",
};

/// `resourceJobExecutionLogs`, `applicationJobLog.input`: property schemas beside `properties`.
pub const PROPERTIES_OUTSIDE_PROPERTIES: Fix = Fix {
    name: "properties-outside-properties",
    reason: "this property was written beside `properties` instead of inside it",
};

/// `integration.sqsConfig`, `resourceJob`: Joi's `min`/`max` written as schema keys.
pub const JOI_MIN_MAX: Fix = Fix {
    name: "joi-min-max",
    reason: "Joi-style min/max keys: JSON Schema says minLength/maxLength on strings, minimum/maximum on numbers",
};

/// `instanceOrgPost.members`: `maxItems: "10"`.
pub const NUMBER_AS_STRING: Fix = Fix {
    name: "number-as-string",
    reason: "a numeric limit was written as a string",
};

/// `notebook.inputs`: `maxItems` written on the item schema of the array.
pub const MAX_ITEMS_ON_ITEM: Fix = Fix {
    name: "max-items-on-item",
    reason: "an array limit was written on the array's item schema; it limits the array",
};

/// An example or default that is not one of the accepted values.
pub const EXAMPLE_NOT_IN_ENUM: Fix = Fix {
    name: "example-not-in-enum",
    reason: "the example is not one of the accepted values, so it is left out",
};

/// The keywords of a schema object; any other key holding an object is a misplaced property.
const KEYWORDS: &[&str] = &[
    "$schema",
    "$ref",
    "$id",
    "$comment",
    super::MARK,
    "type",
    "title",
    "description",
    "default",
    "example",
    "examples",
    "enum",
    "const",
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "required",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependencies",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "if",
    "then",
    "else",
    "definitions",
    "readOnly",
    "writeOnly",
    "deprecated",
    "min",
    "max",
];

/// The numeric limits.
const LIMITS: &[&str] = &[
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];

/// Applies every schema fix to `schema` and to each schema inside it (`at` is its location).
pub fn run(schema: &mut Value, at: &Loc, report: &mut Report) {
    let Value::Object(node) = schema else {
        return;
    };
    list_in_any_of(node, at, report);
    schema_in_properties(node, at, report);
    properties_outside_properties(node, at, report);
    joi_min_max(node, at, report);
    number_as_string(node, at, report);
    max_items_on_item(node, at, report);
    example_not_in_enum(node, at, report);
    for (key, child) in node.iter_mut() {
        let at = at.child(key);
        match (key.as_str(), child) {
            ("properties" | "patternProperties" | "definitions", Value::Object(map)) => {
                for (name, schema) in map.iter_mut() {
                    run(schema, &at.child(name), report);
                }
            }
            ("oneOf" | "anyOf" | "allOf" | "items", Value::Array(list)) => {
                for (i, schema) in list.iter_mut().enumerate() {
                    run(schema, &at.index(i), report);
                }
            }
            (
                "items" | "additionalProperties" | "not" | "if" | "then" | "else" | "contains",
                schema,
            ) => run(schema, &at, report),
            _ => {}
        }
    }
}

/// Splices lists found inside `anyOf`, `oneOf` or `allOf` into the list.
pub fn list_in_any_of(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    for key in ["anyOf", "oneOf", "allOf"] {
        let Some(Value::Array(list)) = node.get_mut(key) else {
            continue;
        };
        if !list.iter().any(Value::is_array) {
            continue;
        }
        let mut spliced = Vec::new();
        let mut lists = 0;
        for item in std::mem::take(list) {
            match item {
                Value::Array(inner) => {
                    lists += 1;
                    spliced.extend(inner);
                }
                other => spliced.push(other),
            }
        }
        *list = spliced;
        let detail = format!("{lists} nested list(s) in `{key}` spliced into it");
        apply(&LIST_IN_ANY_OF, node, at, detail, report);
    }
}

/// Lifts a schema written under `properties` (its `type` is a string, which no property schema
/// is) into the node.
pub fn schema_in_properties(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    let nested = matches!(
        node.get("properties"),
        Some(Value::Object(p)) if p.get("type").is_some_and(Value::is_string)
    );
    if !nested {
        return;
    }
    let Some(Value::Object(inner)) = node.remove("properties") else {
        return;
    };
    let keys: Vec<String> = inner.keys().cloned().collect();
    for (key, value) in inner {
        // The outer `type: object` agrees with the inner one; the inner values win otherwise,
        // since they are the schema that was meant.
        node.insert(key, value);
    }
    let detail = format!("`properties` held the keys {}", keys.join(", "));
    apply(&SCHEMA_IN_PROPERTIES, node, at, detail, report);
}

/// Moves keys that are not schema keywords and hold an object into `properties`: those of this
/// object, and those written inside an array property, which belong beside it
/// (`paletteResponse.customNodes.instanceNodes`: a closing brace one level too deep).
pub fn properties_outside_properties(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    lift_from_arrays(node, at, report);
    if node.get("type").and_then(Value::as_str) == Some("array") || node.contains_key("items") {
        return;
    }
    for name in misplaced(node) {
        let Some(mut property) = node.remove(&name) else {
            continue;
        };
        if let Value::Object(p) = &mut property {
            let detail = format!("`{name}` moved into `properties`");
            apply(
                &PROPERTIES_OUTSIDE_PROPERTIES,
                p,
                &at.child(&name),
                detail,
                report,
            );
        }
        let properties = node
            .entry("properties")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(properties) = properties {
            properties.insert(name, property);
        }
    }
}

/// The keys of `node` that hold an object but are no schema keyword.
fn misplaced(node: &Map<String, Value>) -> Vec<String> {
    node.iter()
        .filter(|(k, v)| v.is_object() && !KEYWORDS.contains(&k.as_str()))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Moves property schemas written inside an array property of `node` to `node`'s properties,
/// right after that array.
fn lift_from_arrays(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    let Some(Value::Object(properties)) = node.get_mut("properties") else {
        return;
    };
    let has_misplaced = properties.values().any(|p| {
        p.as_object()
            .is_some_and(|p| p.contains_key("items") && !misplaced(p).is_empty())
    });
    if !has_misplaced {
        return;
    }
    let mut rebuilt = Map::new();
    for (name, mut schema) in std::mem::take(properties) {
        let mut lifted = Vec::new();
        if let Value::Object(array) = &mut schema {
            if array.contains_key("items") {
                for key in misplaced(array) {
                    if let Some(value) = array.remove(&key) {
                        lifted.push((key, value));
                    }
                }
            }
        }
        rebuilt.insert(name.clone(), schema);
        for (key, mut value) in lifted {
            if let Value::Object(p) = &mut value {
                let detail = format!(
                    "`{key}` was written inside the array `{name}`; it is a property beside it"
                );
                let from = at.child("properties").child(&name).child(&key);
                apply(&PROPERTIES_OUTSIDE_PROPERTIES, p, &from, detail, report);
            }
            rebuilt.insert(key, value);
        }
    }
    *properties = rebuilt;
}

/// Renames Joi's `min`/`max` to the JSON Schema keyword for the node's type.
pub fn joi_min_max(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    if !node.contains_key("min") && !node.contains_key("max") {
        return;
    }
    let (min, max) = match node.get("type").and_then(Value::as_str) {
        Some("string") => ("minLength", "maxLength"),
        Some("array") => ("minItems", "maxItems"),
        Some("object") => ("minProperties", "maxProperties"),
        _ => ("minimum", "maximum"),
    };
    let mut said = Vec::new();
    for (joi, keyword) in [("min", min), ("max", max)] {
        if let Some(value) = node.remove(joi) {
            said.push(format!("{joi}: {}", show(&value)));
            // A node that also has the keyword keeps it: it is the JSON Schema one.
            node.entry(keyword).or_insert(value);
        }
    }
    let detail = format!("the source says `{}`; read as {min}/{max}", said.join(", "));
    apply(&JOI_MIN_MAX, node, at, detail, report);
}

/// Turns numeric limits written as strings of digits into numbers.
pub fn number_as_string(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    let mut fixed = Vec::new();
    for key in LIMITS {
        let Some(Value::String(text)) = node.get(*key) else {
            continue;
        };
        let number = text
            .trim()
            .parse::<u64>()
            .map(Value::from)
            .ok()
            .or_else(|| {
                text.trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
            });
        if let Some(number) = number {
            fixed.push(format!("{key}: {}", show(&Value::String(text.clone()))));
            node.insert((*key).to_owned(), number);
        }
    }
    if !fixed.is_empty() {
        let detail = format!("the source says `{}`", fixed.join(", "));
        apply(&NUMBER_AS_STRING, node, at, detail, report);
    }
}

/// Moves `minItems`/`maxItems` from an array's item schema (when the items are not arrays) to
/// the array.
pub fn max_items_on_item(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    let mut moved = Vec::new();
    if let Some(Value::Object(items)) = node.get_mut("items") {
        let items_are_arrays = items.get("type").and_then(Value::as_str) == Some("array")
            || items.contains_key("items");
        if !items_are_arrays {
            for key in ["minItems", "maxItems"] {
                if let Some(value) = items.remove(key) {
                    moved.push((key, value));
                }
            }
        }
    }
    if moved.is_empty() {
        return;
    }
    let mut said = Vec::new();
    for (key, value) in moved {
        said.push(format!("{key}: {}", show(&value)));
        node.entry(key).or_insert(value);
    }
    let detail = format!("`items` said `{}`", said.join(", "));
    apply(&MAX_ITEMS_ON_ITEM, node, at, detail, report);
}

/// Leaves out an `example` (or `default`) that is not one of `enum`.
pub fn example_not_in_enum(node: &mut Map<String, Value>, at: &Loc, report: &mut Report) {
    let Some(Value::Array(values)) = node.get("enum") else {
        return;
    };
    let outside: Vec<&str> = ["example", "default"]
        .into_iter()
        .filter(|key| node.get(*key).is_some_and(|v| !values.contains(v)))
        .collect();
    for key in outside {
        if let Some(value) = node.remove(key) {
            let detail = format!("the source gives the {key} {}", show(&value));
            apply(&EXAMPLE_NOT_IN_ENUM, node, at, detail, report);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::import::losant::fixes::MARK;

    fn fixed(mut schema: Value) -> (Value, Report) {
        let mut report = Report::default();
        run(&mut schema, &Loc::file("schemas/t.json"), &mut report);
        (schema, report)
    }

    fn names(report: &Report) -> Vec<&str> {
        report.fixes.iter().map(|f| f.name).collect()
    }

    #[test]
    fn list_in_any_of_splices_the_list() {
        let (schema, report) =
            fixed(json!({"anyOf": [[{"type": "string"}, {"type": "number"}], {"type": "object"}]}));
        assert_eq!(
            schema.get("anyOf"),
            Some(&json!([{"type": "string"}, {"type": "number"}, {"type": "object"}]))
        );
        assert_eq!(names(&report), ["list-in-any-of"]);
        assert!(schema.get(MARK).is_some());
    }

    #[test]
    fn schema_in_properties_lifts_the_nested_schema() {
        let (schema, report) = fixed(
            json!({"type": "array", "items": {"type": "object", "properties": {
                "title": "Organization Invitation", "type": "object",
                "properties": {"id": {"type": "string"}}
            }}}),
        );
        let items = schema.get("items").expect("items");
        assert_eq!(items.get("title"), Some(&json!("Organization Invitation")));
        assert_eq!(
            items.get("properties"),
            Some(&json!({"id": {"type": "string"}}))
        );
        assert_eq!(names(&report), ["schema-in-properties"]);
        assert_eq!(
            report.fixes.first().map(|f| f.at.to_string()).as_deref(),
            Some("schemas/t.json#/items")
        );
    }

    #[test]
    fn properties_outside_properties_are_moved_in_and_marked() {
        let (schema, report) = fixed(json!({"type": "object",
            "properties": {"id": {"type": "string"}},
            "retryDelay": {"type": "integer"}, "maxProperties": 3}));
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .expect("properties");
        assert_eq!(properties.keys().collect::<Vec<_>>(), ["id", "retryDelay"]);
        assert!(
            properties
                .get("retryDelay")
                .and_then(|p| p.get(MARK))
                .is_some()
        );
        assert!(schema.get("retryDelay").is_none());
        assert_eq!(names(&report), ["properties-outside-properties"]);
        assert_eq!(
            report.fixes.first().map(|f| f.at.to_string()).as_deref(),
            Some("schemas/t.json#/retryDelay")
        );
    }

    #[test]
    fn properties_inside_an_array_property_are_lifted_beside_it() {
        let (schema, report) = fixed(json!({"type": "object", "properties": {
            "customNodes": {"type": "array", "items": {"type": "object"}, "instanceNodes": {"type": "array"}},
            "other": {"type": "string"}}}));
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .expect("properties");
        assert_eq!(
            properties.keys().collect::<Vec<_>>(),
            ["customNodes", "instanceNodes", "other"]
        );
        assert!(
            schema
                .pointer("/properties/customNodes/instanceNodes")
                .is_none()
        );
        assert!(
            schema
                .pointer("/properties/customNodes/properties")
                .is_none()
        );
        assert_eq!(names(&report), ["properties-outside-properties"]);
    }

    #[test]
    fn joi_min_max_follows_the_type() {
        let (schema, report) = fixed(json!({"properties": {
            "s": {"type": "string", "min": 4, "max": 128},
            "n": {"type": "integer", "min": 0, "max": 5}}}));
        assert_eq!(schema.pointer("/properties/s/minLength"), Some(&json!(4)));
        assert_eq!(schema.pointer("/properties/s/maxLength"), Some(&json!(128)));
        assert_eq!(schema.pointer("/properties/n/minimum"), Some(&json!(0)));
        assert_eq!(schema.pointer("/properties/n/maximum"), Some(&json!(5)));
        assert!(schema.pointer("/properties/s/min").is_none());
        assert_eq!(names(&report), ["joi-min-max", "joi-min-max"]);
    }

    #[test]
    fn number_as_string_becomes_a_number() {
        let (schema, report) =
            fixed(json!({"type": "array", "maxItems": "10", "items": {"type": "string"}}));
        assert_eq!(schema.get("maxItems"), Some(&json!(10)));
        assert_eq!(names(&report), ["number-as-string"]);
    }

    #[test]
    fn max_items_on_item_moves_to_the_array() {
        let (schema, report) = fixed(
            json!({"type": "array", "items": {"maxItems": 100, "oneOf": [{"type": "object"}]}}),
        );
        assert_eq!(schema.get("maxItems"), Some(&json!(100)));
        assert!(schema.pointer("/items/maxItems").is_none());
        assert_eq!(names(&report), ["max-items-on-item"]);
    }

    #[test]
    fn example_not_in_enum_is_left_out() {
        let (schema, report) =
            fixed(json!({"type": "string", "enum": ["a", "b"], "example": "c", "default": "a"}));
        assert!(schema.get("example").is_none());
        assert_eq!(schema.get("default"), Some(&json!("a")));
        assert_eq!(names(&report), ["example-not-in-enum"]);
    }

    #[test]
    fn correct_schemas_are_left_alone() {
        let source = json!({"type": "object", "properties": {
            "a": {"type": "string", "minLength": 1, "enum": ["x"], "example": "x"},
            "b": {"type": "array", "maxItems": 3, "items": {"type": "array", "maxItems": 2}}}});
        let (schema, report) = fixed(source.clone());
        assert_eq!(schema, source);
        assert!(report.fixes.is_empty());
    }
}
