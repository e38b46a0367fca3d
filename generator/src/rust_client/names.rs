//! Rust names from documented names. [`RustIdent`] is the only way an identifier reaches
//! `quote!`: it is built by the case conversions below, which return a valid identifier for
//! any input (keywords are escaped, digits prefixed, non-ASCII dropped).

use std::fmt;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};

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

/// Names every generated file may use unqualified: the prelude, and the serde derives model
/// files import. A type with such a name gets a suffix (`Model`, `Action`, `Type`), so that
/// `Clone`, `Option` or `Result` as documented names compile and document cleanly. `New` is
/// here too: structs and builders have a constructor `new`, which clippy's
/// `self_named_constructors` refuses in a type named `New`.
pub const PRELUDE_TYPES: &[&str] = &[
    "New",
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
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "PartialEq",
    "Eq",
    "Hash",
    "PartialOrd",
    "Ord",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Serialize",
    "Deserialize",
    "Display",
    "FromStr",
];

/// Names the resource and action modules use unqualified (runtime imports, the accessor and the
/// client): an action's types may not take them (a model may: models are always named through
/// `models::`).
pub const MODULE_TYPES: &[&str] = &[
    "Arc",
    "Duration",
    "ActionInfo",
    "CallOptions",
    "Core",
    "Error",
    "ErrorBody",
    "Response",
    "StatusCode",
    "Actions",
    "Client",
    "ClientBuilder",
    "Api",
    "IntoFuture",
    "Future",
    "Stream",
    "Pin",
    "BuildError",
    "Refused",
    "Event",
    "EventStream",
    "FilePart",
    "ByteStream",
    "Bytes",
    "HeaderMap",
];

/// Module names the generated code relies on; an API or resource module may not take them.
pub const RESERVED_MODULES: &[&str] = &[
    "models",
    "runtime",
    "client",
    "mock",
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

/// An identifier, valid by construction. Raw identifiers keep their `r#` (`r#type`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustIdent(String);

impl RustIdent {
    /// snake_case of `raw`: `deviceCounts` -> `device_counts`, `type` -> `r#type`, `self` ->
    /// `self_`, `3d` -> `_3d`, `日本` -> `value`.
    pub fn snake(raw: &str) -> Self {
        let mut s = ascii_words(raw).to_snake_case();
        if s.is_empty() {
            s.push_str("value");
        }
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            s.insert(0, '_');
        }
        Self(escape_keyword(s))
    }

    /// UpperCamelCase of `raw`: `apiTokenPost` -> `ApiTokenPost`, `86400000` -> `V86400000`,
    /// `` -> `Empty`, `Self` -> `SelfType`.
    pub fn camel(raw: &str) -> Self {
        let mut s = ascii_words(raw).to_upper_camel_case();
        if s.is_empty() {
            return Self("Empty".into());
        }
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            s.insert(0, 'V');
        }
        if s == "Self" {
            s.push_str("Type");
        }
        Self(s)
    }

    /// A type name: [`camel`](Self::camel), with `suffix` added where it would shadow one of
    /// `reserved` (`String` -> `StringModel`, `Clone` -> `CloneAction`).
    pub fn type_name(raw: &str, suffix: &str, reserved: &[&[&str]]) -> Self {
        let name = Self::camel(raw);
        if reserved.iter().any(|list| list.contains(&name.0.as_str())) {
            Self(format!("{}{suffix}", name.0))
        } else {
            name
        }
    }

    /// SCREAMING_SNAKE_CASE of `raw`, for statics and constants.
    pub fn screaming(raw: &str) -> Self {
        let mut s = ascii_words(raw).to_shouty_snake_case();
        if s.is_empty() {
            s.push_str("VALUE");
        }
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            s.insert(0, '_');
        }
        Self(escape_keyword(s))
    }

    /// A module name that is a plain identifier and a file stem (never raw, never reserved):
    /// `type` -> `type_api` with `suffix` `api`.
    pub fn module(raw: &str, suffix: &str) -> Self {
        let s = Self::snake(raw);
        let bare = s.bare();
        if bare != s.0 || RESERVED_MODULES.contains(&bare) || s.0.ends_with('_') {
            Self::snake(&format!("{}_{suffix}", bare.trim_end_matches('_')))
        } else {
            s
        }
    }

    /// This identifier followed by `suffix` (camel or snake, as `suffix` is written), re-checked.
    pub fn suffixed(&self, suffix: &str) -> Self {
        let joined = format!("{}{suffix}", self.bare());
        if joined.starts_with(|c: char| c.is_ascii_uppercase()) {
            Self::camel_verbatim(&joined)
        } else {
            Self(escape_keyword(joined))
        }
    }

    /// An UpperCamelCase name kept as written when it is already an identifier (`Status499`).
    fn camel_verbatim(s: &str) -> Self {
        if !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !s.starts_with(|c: char| c.is_ascii_digit())
        {
            Self(escape_keyword(s.to_owned()))
        } else {
            Self::camel(s)
        }
    }

    /// The identifier as written in code (`r#type`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identifier without `r#`, for building other names and for rustdoc text.
    pub fn bare(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// Whether it is a raw identifier (rustdoc cannot link `Client::r#loop`).
    pub fn is_raw(&self) -> bool {
        self.0.starts_with("r#")
    }

    /// The identifier as a token.
    pub fn ident(&self) -> Ident {
        match self.0.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(&self.0, Span::call_site()),
        }
    }
}

impl fmt::Display for RustIdent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToTokens for RustIdent {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(self.ident());
    }
}

/// Makes names unique in the order they are claimed: the first keeps its name, later ones get
/// `2`, `3`, … (the documented rule for derived type names that clash).
#[derive(Debug, Default)]
pub struct Namespace {
    taken: std::collections::HashSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// A namespace where every name of every list is already taken.
    pub fn with_reserved_lists(lists: &[&[&str]]) -> Self {
        Self {
            taken: lists
                .iter()
                .flat_map(|l| l.iter())
                .map(|s| (*s).to_owned())
                .collect(),
        }
    }

    /// `name`, or `name` with the smallest number from 2 that is free; claims it.
    pub fn claim(&mut self, name: RustIdent) -> RustIdent {
        if self.taken.insert(name.0.clone()) {
            return name;
        }
        let mut n = 2;
        loop {
            let candidate = name.suffixed(&n.to_string());
            if self.taken.insert(candidate.0.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Frees `name`, for a type renamed after it was named.
    pub fn release(&mut self, name: &RustIdent) {
        self.taken.remove(&name.0);
    }

    /// Claims `name` as is; `false` when it was already taken.
    pub fn claim_exact(&mut self, name: &RustIdent) -> bool {
        self.taken.insert(name.0.clone())
    }
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
/// `asc` after `Asc` -> `AscLower`); any remaining clash gets a number. `Unknown` is kept for
/// the variant holding values the spec does not list.
pub fn variant_names(values: &[String], numeric: bool) -> Vec<RustIdent> {
    let mut taken: Vec<String> = vec!["Unknown".into()];
    let mut out = Vec::with_capacity(values.len());
    for value in values {
        let base = if numeric {
            RustIdent::camel(&format!(
                "V{}",
                value.replace('-', "Minus").replace('.', "Dot")
            ))
        } else {
            RustIdent::camel(value)
        };
        let mut name = base.clone();
        if taken.contains(&name.0) {
            let suffix = if value.chars().any(|c| c.is_ascii_alphabetic())
                && !value.chars().any(|c| c.is_ascii_lowercase())
            {
                "Upper"
            } else if !value.chars().any(|c| c.is_ascii_uppercase()) {
                "Lower"
            } else {
                "Mixed"
            };
            name = base.suffixed(suffix);
        }
        let mut n = 2;
        while taken.contains(&name.0) {
            name = base.suffixed(&n.to_string());
            n += 1;
        }
        taken.push(name.0.clone());
        out.push(name);
    }
    out
}

/// The variant name of an error status (`404` -> `NotFound`, `4XX` -> `ClientError`), or
/// `Status499` for codes without a common name.
pub fn status_variant(status: crate::ir::Status) -> RustIdent {
    use crate::ir::Status;
    let name = match status {
        Status::Class(4) => "ClientError",
        Status::Class(5) => "ServerError",
        Status::Class(_) => "OtherClass",
        Status::Default => "Other",
        Status::Code(code) => match code {
            200 => "Ok",
            201 => "Created",
            202 => "Accepted",
            203 => "NonAuthoritative",
            204 => "NoContent",
            205 => "ResetContent",
            206 => "PartialContent",
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
            _ => return RustIdent(format!("Status{code}")),
        },
    };
    RustIdent(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_names() {
        let s = |raw: &str| RustIdent::snake(raw).0;
        assert_eq!(s("deviceCounts"), "device_counts");
        assert_eq!(s("create_test_snapshot"), "create_test_snapshot");
        assert_eq!(s("_links"), "links");
        assert_eq!(s("type"), "r#type");
        assert_eq!(s("self"), "self_");
        assert_eq!(s("3d"), "_3d");
        assert_eq!(s("ünï"), "n");
        assert_eq!(s("日本"), "value");
        assert_eq!(s("$and"), "and");
    }

    #[test]
    fn type_names() {
        assert_eq!(RustIdent::camel("apiTokenPost").0, "ApiTokenPost");
        assert_eq!(RustIdent::camel("86400000").0, "V86400000");
        assert_eq!(RustIdent::camel("").0, "Empty");
        assert_eq!(RustIdent::camel("Self").0, "SelfType");
        let models: &[&[&str]] = &[PRELUDE_TYPES];
        let actions: &[&[&str]] = &[PRELUDE_TYPES, MODULE_TYPES];
        assert_eq!(
            RustIdent::type_name("string", "Model", models).0,
            "StringModel"
        );
        assert_eq!(RustIdent::type_name("error", "Model", models).0, "Error");
        assert_eq!(
            RustIdent::type_name("clone", "Action", actions).0,
            "CloneAction"
        );
        assert_eq!(
            RustIdent::type_name("error", "Action", actions).0,
            "ErrorAction"
        );
        assert_eq!(
            RustIdent::type_name("apiToken", "Model", models).0,
            "ApiToken"
        );
        assert_eq!(RustIdent::module("type", "api").0, "type_api");
        assert_eq!(RustIdent::module("models", "api").0, "models_api");
    }

    #[test]
    fn namespaces_number_later_claims() {
        let mut ns = Namespace::with_reserved(&["Error"]);
        assert_eq!(ns.claim(RustIdent::camel("flowStats")).0, "FlowStats");
        assert_eq!(ns.claim(RustIdent::camel("flow_stats")).0, "FlowStats2");
        assert_eq!(ns.claim(RustIdent::camel("error")).0, "Error2");
        let ns = Namespace::with_reserved_lists(&[PRELUDE_TYPES, MODULE_TYPES]);
        assert!(ns.contains("Duration") && ns.contains("Vec"));
    }

    #[test]
    fn variants_differing_by_case() {
        let values: Vec<String> = ["asc", "desc", "ASC", "DESC", "", "unknown"]
            .map(String::from)
            .to_vec();
        let names: Vec<String> = variant_names(&values, false)
            .into_iter()
            .map(|n| n.0)
            .collect();
        assert_eq!(
            names,
            [
                "Asc",
                "Desc",
                "AscUpper",
                "DescUpper",
                "Empty",
                "UnknownLower"
            ]
        );
        let values: Vec<String> = ["60", "-1", "0.5"].map(String::from).to_vec();
        let names: Vec<String> = variant_names(&values, true)
            .into_iter()
            .map(|n| n.0)
            .collect();
        assert_eq!(names, ["V60", "VMinus1", "V0Dot5"]);
    }
}
