//! The OpenAPI document as a JSON value: parsing (JSON or YAML), the version, JSON pointers and
//! local references.

use serde_json::{Map, Value};

use super::ImportError;
use crate::load::yaml;

/// Most `$ref` hops followed before a chain is reported as a cycle.
const MAX_REF_HOPS: usize = 32;

/// Parses `text` as JSON when it starts like JSON, else as YAML (with the loader's parser, which
/// bounds nesting and aliases).
pub(super) fn parse(text: &str) -> Result<Value, ImportError> {
    if text.trim_start().starts_with('{') {
        return serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            line: e.line(),
            col: e.column(),
            message: e.to_string(),
        });
    }
    let (root, problems) = yaml::parse(text);
    if let Some(problem) = problems.first() {
        return Err(ImportError::Syntax {
            line: problem.pos.line,
            col: problem.pos.col,
            message: problem.message.clone(),
        });
    }
    root.map(|node| node.to_json())
        .ok_or_else(|| ImportError::NotOpenApi("the document is empty".into()))
}

/// Checks that the document is OpenAPI 3.0 or 3.1. The importer reads both the same way: each
/// version's spelling of a construct (3.0's `nullable` and boolean `exclusiveMinimum`, 3.1's type
/// lists and `const`) means the same in the other, so a document mixing them is read too.
pub(super) fn check_version(doc: &Value) -> Result<(), ImportError> {
    if doc.get("swagger").is_some() {
        return Err(ImportError::NotOpenApi(
            "this is a Swagger 2.0 document; convert it to OpenAPI 3 first (e.g. with swagger2openapi)".into(),
        ));
    }
    let Some(text) = doc.get("openapi").and_then(Value::as_str) else {
        return Err(ImportError::NotOpenApi(
            "the document has no `openapi` version string at its root".into(),
        ));
    };
    if text.starts_with("3.0.") || text.starts_with("3.1.") {
        Ok(())
    } else {
        Err(ImportError::NotOpenApi(format!(
            "OpenAPI {text} is not supported; the importer reads 3.0 and 3.1"
        )))
    }
}

/// `parent` + `/` + the escaped `token` (RFC 6901).
pub(super) fn child(parent: &str, token: &str) -> String {
    format!("{parent}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// The object `value` holds, or an empty one.
pub(super) fn object(value: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    value.as_object().unwrap_or(&EMPTY)
}

/// A string member of `value`.
pub(super) fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The exporter's `x-spec-file` of `value` (the spec file a node was written in), when it is a
/// plain YAML file name (no folder, not hidden).
pub(super) fn spec_file(value: &Value) -> Option<&str> {
    let name = str_of(value, "x-spec-file")?;
    let plain = !name.contains(['/', '\\', ':'])
        && !name.starts_with('.')
        && (name.ends_with(".yaml") || name.ends_with(".yml"))
        && name.len() <= 255;
    plain.then_some(name)
}

/// What a `$ref` points at.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Target {
    /// A schema under `#/components/schemas/`, by name.
    Schema(String),
    /// Another place in this document, as a JSON pointer (without `#`).
    Local(String),
    /// Another document (`other.yaml#/...`, `https://...`), which the importer does not read.
    Remote(String),
}

/// Classifies a `$ref` value.
pub(super) fn target(reference: &str) -> Target {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Target::Remote(reference.to_owned());
    };
    let pointer = percent_decode(fragment);
    if let Some(name) = pointer.strip_prefix("/components/schemas/") {
        if !name.contains('/') {
            return Target::Schema(name.replace("~1", "/").replace("~0", "~"));
        }
    }
    Target::Local(pointer)
}

/// Follows `$ref`s from `value` (at `pointer`) to an object that is not a reference: a
/// parameter, response, request body or header. Returns it with its pointer, or why not.
pub(super) fn follow<'a>(
    doc: &'a Value,
    value: &'a Value,
    pointer: &str,
) -> Result<(&'a Value, String), String> {
    let mut current = value;
    let mut at = pointer.to_owned();
    for _ in 0..MAX_REF_HOPS {
        let Some(reference) = str_of(current, "$ref") else {
            return Ok((current, at));
        };
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(format!(
                "the remote reference `{reference}` is not followed (only references inside the document are)"
            ));
        };
        at = percent_decode(fragment);
        current = doc
            .pointer(&at)
            .ok_or_else(|| format!("`{reference}` points at nothing"))?;
    }
    Err(format!(
        "more than {MAX_REF_HOPS} `$ref` hops from here: a reference cycle"
    ))
}

/// Decodes `%XX` escapes (URI fragments may escape `{`, `}` and spaces).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(child("/paths", "/orgs/{id}"), "/paths/~1orgs~1{id}");
        assert_eq!(child("", "a~b"), "/a~0b");
    }

    #[test]
    fn spec_files_are_plain_yaml_names() {
        assert_eq!(
            spec_file(&json!({"x-spec-file": "org.yaml"})),
            Some("org.yaml")
        );
        for bad in [
            "../x.yaml",
            "a/b.yaml",
            ".hidden.yaml",
            "x.json",
            "C:x.yaml",
        ] {
            assert_eq!(spec_file(&json!({"x-spec-file": bad})), None, "{bad}");
        }
    }

    #[test]
    fn references_are_classified() {
        assert_eq!(
            target("#/components/schemas/Org"),
            Target::Schema("Org".into())
        );
        assert_eq!(
            target("#/components/schemas/a~1b"),
            Target::Schema("a/b".into())
        );
        assert_eq!(
            target("#/components/responses/Error"),
            Target::Local("/components/responses/Error".into())
        );
        assert_eq!(
            target("#/paths/~1a%7Bb%7D"),
            Target::Local("/paths/~1a{b}".into())
        );
        assert_eq!(
            target("other.yaml#/x"),
            Target::Remote("other.yaml#/x".into())
        );
    }

    #[test]
    fn follow_stops_on_cycles_and_dangling_references() {
        let doc = json!({"components": {"responses": {
            "A": {"$ref": "#/components/responses/B"},
            "B": {"$ref": "#/components/responses/A"},
            "C": {"description": "ok"},
            "D": {"$ref": "#/components/responses/C"}
        }}});
        let d = &doc["components"]["responses"];
        assert!(follow(&doc, &d["A"], "/x").unwrap_err().contains("cycle"));
        let (c, at) = follow(&doc, &d["D"], "/x").unwrap();
        assert_eq!(
            (c, at.as_str()),
            (&json!({"description": "ok"}), "/components/responses/C")
        );
        let missing = json!({"$ref": "#/nowhere"});
        assert!(
            follow(&doc, &missing, "/x")
                .unwrap_err()
                .contains("points at nothing")
        );
    }

    #[test]
    fn yaml_and_json_parse_to_the_same_value() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a: {get: {responses: {'200': {description: ok}}}}\nn: 1.5\n";
        let json = r#"{"openapi": "3.1.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}, "n": 1.5}"#;
        assert_eq!(parse(yaml).unwrap(), parse(json).unwrap());
        assert!(matches!(
            parse("{\"a\": ").unwrap_err(),
            ImportError::Syntax { line: 1, .. }
        ));
        assert!(matches!(
            parse("a: [").unwrap_err(),
            ImportError::Syntax { .. }
        ));
    }

    #[test]
    fn versions() {
        assert!(check_version(&json!({"openapi": "3.0.3"})).is_ok());
        assert!(check_version(&json!({"openapi": "3.1.0"})).is_ok());
        let swagger = check_version(&json!({"swagger": "2.0"})).unwrap_err();
        assert!(swagger.to_string().contains("Swagger"), "{swagger}");
        assert!(check_version(&json!({"openapi": "4.0.0"})).is_err());
        assert!(check_version(&json!({"openapi": 3.1})).is_err());
        assert!(check_version(&json!({})).is_err());
    }
}
