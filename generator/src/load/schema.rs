//! The JSON Schema of the spec format, generated from the spec types in [`super::spec`].
//!
//! `specs/spec.schema.json` is this schema, pretty-printed; every spec file names it in its first
//! line (`# yaml-language-server: $schema=../spec.schema.json`) so that editors check keys and
//! types while you type. `cargo test -p generator` fails when the file is stale and
//! `cargo xtask schema` rewrites it.

use serde_json::Value;

use super::spec::SpecFile;

/// The schema's title.
pub const TITLE: &str = "API client generator spec file";

/// The schema's description.
pub const DESCRIPTION: &str = "One YAML file of an API's spec folder under specs/: exactly one of \
`api:`, `resource:` or `models:`. The format is documented in specs/README.md; this schema is \
generated from generator/src/load/spec.rs (regenerate it with `cargo xtask schema`).";

/// The JSON Schema of a spec file.
pub fn json_schema() -> Value {
    let generated = schemars::schema_for!(SpecFile).to_value();
    let Value::Object(generated) = generated else {
        // The schema of a Rust enum is always a JSON object; anything else is passed on as is.
        return generated;
    };
    // `$schema`, title and description first, so that the file reads from the top.
    let mut schema = serde_json::Map::new();
    if let Some(dialect) = generated.get("$schema") {
        schema.insert("$schema".into(), dialect.clone());
    }
    schema.insert("title".into(), TITLE.into());
    schema.insert("description".into(), DESCRIPTION.into());
    for (key, value) in generated {
        if !schema.contains_key(&key) {
            schema.insert(key, value);
        }
    }
    Value::Object(schema)
}

/// [`json_schema`] as the text of `specs/spec.schema.json`: pretty-printed, with a trailing
/// newline.
pub fn json_schema_text() -> String {
    // Serializing a `Value` cannot fail (its keys are strings).
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
