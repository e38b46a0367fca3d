//! Rust names from documented names: case conversion, keywords, and names that are not
//! identifiers at all. Every function returns a valid identifier for any input.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` can escape.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers, and `_`: these get a trailing underscore.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated code uses from std, serde and the runtime; a model may not shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "String",
    "Vec",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "BTreeMap",
    "Value",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Debug",
    "Clone",
    "PartialEq",
    "Default",
    "Display",
    "From",
    "Into",
    "Actions",
    "Client",
    "Error",
    "ErrorBody",
    "Response",
    "StatusCode",
    "Duration",
    "Api",
];

/// `deviceCounts` -> `device_counts`, `type` -> `r#type`, `self` -> `self_`, `3d` -> `_3d`.
pub fn snake(raw: &str) -> String {
    let mut s = ascii_words(raw).to_snake_case();
    if s.is_empty() {
        s.push_str("value");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape_keyword(s)
}

/// `apiTokenPost` -> `ApiTokenPost`, `86400000` -> `V86400000`, `` -> `Empty`.
pub fn camel(raw: &str) -> String {
    let mut s = ascii_words(raw).to_upper_camel_case();
    if s.is_empty() {
        return "Empty".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if s == "Self" {
        // `Self_` would trip the camel-case lint; a type or variant named after `Self` reads
        // as what it is.
        s.push_str("Type");
    }
    s
}

/// A type name for a model: [`camel`], with a `Model` suffix where it would shadow a type the
/// generated code relies on (a model named `String` becomes `StringModel`).
pub fn model_type(raw: &str) -> String {
    let s = camel(raw);
    if RESERVED_TYPES.contains(&s.as_str()) && s != "Error" {
        format!("{s}Model")
    } else {
        s
    }
}

/// Type names the generated resource modules import; an action's types may not take them.
pub const RESOURCE_MODULE_TYPES: &[&str] = &[
    "Actions",
    "ActionInfo",
    "Arc",
    "Client",
    "Core",
    "Duration",
    "Error",
    "ErrorBody",
    "Response",
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Stream",
    "StatusCode",
    "Self",
];

/// Module names the generated code relies on; an API or resource module may not take them.
pub const RESERVED_MODULES: &[&str] = &[
    "models",
    "runtime",
    "client",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "http",
    "futures",
    "reqwest",
    "bytes",
    "tokio",
    "tracing",
    "fmt",
    "super",
    "crate",
    "self_",
];

/// A module name that is a plain identifier (not raw, not reserved): `type` -> `type_api`.
pub fn module(raw: &str, suffix: &str) -> String {
    let s = snake(raw);
    let bare = bare(&s);
    if bare != s || RESERVED_MODULES.contains(&bare) || s.ends_with('_') {
        format!("{}_{suffix}", bare.trim_end_matches('_'))
    } else {
        s
    }
}

/// The identifier without an `r#` prefix, for building other names from it.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn escape_keyword(s: String) -> String {
    if UNRAWABLE.contains(&s.as_str()) {
        format!("{s}_")
    } else if RAW_KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// Keeps ASCII letters and digits; anything else separates words. Non-ASCII letters are
/// dropped: identifiers stay ASCII so that no lint about confusable characters fires.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Enum variant names for `values`, in order: UpperCamelCase, made unique. A value that differs
/// from an earlier one only by case gets a suffix saying how it is written (`ASC` -> `AscUpper`,
/// `asc` after `Asc` -> `AscLower`); any remaining clash gets a number.
pub fn variant_names(values: &[String], integer: bool) -> Vec<String> {
    let mut taken: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let base = if integer {
            format!("V{}", value.replace('-', "Minus"))
        } else {
            camel(value)
        };
        let mut name = base.clone();
        if taken.contains(&name) {
            let suffix = if value.chars().any(|c| c.is_ascii_alphabetic())
                && !value.chars().any(|c| c.is_ascii_lowercase())
            {
                "Upper"
            } else if !value.chars().any(|c| c.is_ascii_uppercase()) {
                "Lower"
            } else {
                "Mixed"
            };
            name = format!("{base}{suffix}");
        }
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.push(name);
    }
    taken
}

/// The `reqwest`/`http` variant name of a status (`404` -> `NotFound`), or `Status499`.
pub fn status_variant(status: u16) -> String {
    let name = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    name.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        assert_eq!(snake("deviceCounts"), "device_counts");
        assert_eq!(snake("create_test_snapshot"), "create_test_snapshot");
        assert_eq!(snake("_links"), "links");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3d"), "_3d");
        assert_eq!(snake("ünï"), "n");
        assert_eq!(snake("日本"), "value");
        assert_eq!(snake("losantdomain"), "losantdomain");
    }

    #[test]
    fn camel_names() {
        assert_eq!(camel("apiTokenPost"), "ApiTokenPost");
        assert_eq!(camel("86400000"), "V86400000");
        assert_eq!(camel(""), "Empty");
        assert_eq!(camel("agent-to-agent"), "AgentToAgent");
        assert_eq!(camel("Self"), "SelfType");
        assert_eq!(model_type("string"), "StringModel");
        assert_eq!(model_type("error"), "Error");
    }

    #[test]
    fn variants_differing_by_case() {
        let values: Vec<String> = ["asc", "desc", "ASC", "DESC", ""]
            .map(String::from)
            .to_vec();
        assert_eq!(
            variant_names(&values, false),
            ["Asc", "Desc", "AscUpper", "DescUpper", "Empty"]
        );
        let values: Vec<String> = ["60", "-1"].map(String::from).to_vec();
        assert_eq!(variant_names(&values, true), ["V60", "VMinus1"]);
    }
}
