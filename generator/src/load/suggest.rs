//! Fixes for unknown keys that a spelling distance cannot find: JSON Schema's and OpenAPI's
//! spellings of our keys, and Joi's `min`/`max`, whose meaning depends on the schema's type.

/// The help line for the unknown key `name` in a mapping that accepts `fields`, whose `type` is
/// `ty` when it has one; `None` when nothing more specific than "did you mean" applies.
pub fn key(name: &str, fields: &[&str], ty: Option<&str>) -> Option<String> {
    let has = |key: &str| fields.contains(&key);
    let fixed = match name {
        "$ref" if has("ref") => "write `ref: <model name>`: a model of this API, by name",
        "patternProperties" if has("additional_properties") => {
            "use `additional_properties` (the schema of the other keys' values) with \
             `key_pattern` (the pattern those keys match)"
        }
        "anyOf" if has("one_of") => {
            "did you mean `one_of`? it lists the shapes a value can take"
        }
        "const" if has("enum") => "write a one-value `enum`",
        "propertyName" if has("property") => "did you mean `property`?",
        "schema" if has("in") => {
            "write the schema's keys (`type`, `items`, `enum`, `format`, ...) on the parameter \
             itself, or name a `model`"
        }
        "min" | "max" if has("min_length") => return Some(limit(name, fields, ty)),
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_owned());
    }
    let snake = snake_case(name);
    (snake != name && has(&snake))
        .then(|| format!("did you mean `{snake}`? keys are snake_case here"))
}

/// `min`/`max` (Joi's spelling) as the key that bounds a value of type `ty`.
fn limit(name: &str, fields: &[&str], ty: Option<&str>) -> String {
    let min = name == "min";
    let key = match ty {
        Some("string") => Some(if min { "min_length" } else { "max_length" }),
        Some("array") => Some(if min { "min_items" } else { "max_items" }),
        Some("integer" | "number") => Some(if min { "minimum" } else { "maximum" }),
        Some("object" | "map") => Some(if min {
            "min_properties"
        } else {
            "max_properties"
        }),
        _ => None,
    };
    match key.filter(|k| fields.contains(k)) {
        Some(key) => format!("did you mean `{key}`?"),
        None if min => {
            "use `min_length` (strings), `min_items` (arrays) or `minimum` (numbers)".to_owned()
        }
        None => "use `max_length` (strings), `max_items` (arrays) or `maximum` (numbers)".to_owned(),
    }
}

/// `minLength` -> `min_length`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &[&str] = &[
        "type",
        "ref",
        "one_of",
        "all_of",
        "additional_properties",
        "key_pattern",
        "enum",
        "min_length",
        "max_length",
        "minimum",
        "maximum",
        "min_items",
        "max_items",
        "min_properties",
        "max_properties",
        "read_only",
    ];

    #[test]
    fn min_and_max_follow_the_type() {
        let help = |name, ty| key(name, SCHEMA, ty).unwrap_or_default();
        assert_eq!(help("min", Some("string")), "did you mean `min_length`?");
        assert_eq!(help("max", Some("array")), "did you mean `max_items`?");
        assert_eq!(help("min", Some("integer")), "did you mean `minimum`?");
        assert_eq!(help("max", Some("object")), "did you mean `max_properties`?");
        assert!(help("min", None).contains("`min_items` (arrays)"));
    }

    #[test]
    fn json_schema_spellings() {
        let help = |name| key(name, SCHEMA, None).unwrap_or_default();
        assert_eq!(help("minLength"), "did you mean `min_length`? keys are snake_case here");
        assert_eq!(help("maxItems"), "did you mean `max_items`? keys are snake_case here");
        assert!(help("additionalProperties").contains("`additional_properties`"));
        assert!(help("oneOf").contains("`one_of`"));
        assert!(help("allOf").contains("`all_of`"));
        assert!(help("readOnly").contains("`read_only`"));
        assert!(help("$ref").contains("`ref: <model name>`"));
        assert!(help("patternProperties").contains("`key_pattern`"));
        assert_eq!(key("fooBar", SCHEMA, None), None);
    }
}
