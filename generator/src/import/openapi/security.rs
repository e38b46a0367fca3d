//! Security schemes and requirements to the spec's `auth` and `scopes`.
//!
//! HTTP bearer, OAuth2 and OpenID Connect schemes all send `Authorization: Bearer <token>`, the
//! spec's `auth: bearer`; their scopes (or OpenAPI 3.1 role names) become `scopes`. An API key
//! in a header or the query becomes an API-wide parameter (set once on the client builder);
//! other schemes (HTTP basic, cookies, mutual TLS) cannot be sent by the generated client and
//! are reported.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Cx;
use super::document::{child, object, str_of};

/// What the generated client can do with a security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scheme {
    /// A bearer token (HTTP bearer, OAuth2, OpenID Connect).
    Bearer,
    /// An API key sent in a header or the query, under this name.
    ApiKey {
        /// `header` or `query`.
        location: String,
        /// The header or query parameter name.
        name: String,
    },
    /// Something the client cannot send.
    Unsupported,
}

/// The document's security schemes by name.
pub(super) type Schemes = BTreeMap<String, Scheme>;

/// Reads `components/securitySchemes`, reporting what the client cannot send.
pub(super) fn schemes(cx: &mut Cx) -> Schemes {
    let doc = cx.doc;
    let mut out = Schemes::new();
    let defined = doc.pointer("/components/securitySchemes").map(object);
    for (name, raw) in defined.into_iter().flatten() {
        let at = child("/components/securitySchemes", name);
        let scheme = match (str_of(raw, "type"), str_of(raw, "scheme")) {
            (Some("http"), Some(s)) if s.eq_ignore_ascii_case("bearer") => Scheme::Bearer,
            (Some("oauth2" | "openIdConnect"), _) => Scheme::Bearer,
            (Some("apiKey"), _) => match (str_of(raw, "in"), str_of(raw, "name")) {
                (Some(location @ ("header" | "query")), Some(key)) => {
                    cx.report(
                        &at,
                        format!("the API key `{key}` ({location}) is imported as an API-wide parameter: set it once on the client builder"),
                    );
                    Scheme::ApiKey {
                        location: location.to_owned(),
                        name: key.to_owned(),
                    }
                }
                _ => {
                    cx.report(
                        &at,
                        "an API key in a cookie cannot be sent by the generated client: operations that need it are imported without credentials",
                    );
                    Scheme::Unsupported
                }
            },
            (kind, scheme) => {
                let what = scheme.or(kind).unwrap_or("this scheme");
                cx.report(
                    &at,
                    format!("`{what}` authentication cannot be sent by the generated client: operations that need it are imported without credentials"),
                );
                Scheme::Unsupported
            }
        };
        out.insert(name.clone(), scheme);
    }
    out
}

/// How one operation authenticates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct OpAuth {
    /// Whether it sends the bearer token.
    pub bearer: bool,
    /// Whether calling without credentials is allowed too (an empty requirement).
    pub optional: bool,
    /// What the token must hold: any one alternative, each needing all its scopes; `None` when
    /// a token without scopes suffices or none are documented.
    pub scopes: Option<Vec<Vec<String>>>,
}

/// The spec's `auth:` for requirements that a bearer token satisfies (`bearer`), and that
/// also allow sending no credentials (`anonymous`).
pub(super) fn auth_mode(bearer: bool, anonymous: bool) -> &'static str {
    match (bearer, anonymous) {
        (true, true) => "optional",
        (true, false) => "bearer",
        (false, _) => "none",
    }
}

/// Reads a list of security requirements (`security` of the root or of an operation).
pub(super) fn requirements(cx: &mut Cx, schemes: &Schemes, list: &Value, pointer: &str) -> OpAuth {
    let Some(requirements) = list.as_array() else {
        cx.report(pointer, "`security` is not a list: ignored");
        return OpAuth::default();
    };
    let mut alternatives: Vec<Vec<String>> = Vec::new();
    let mut bearer = false;
    let mut unscoped = false;
    let mut anonymous = false;
    for (i, requirement) in requirements.iter().enumerate() {
        let at = child(pointer, &i.to_string());
        let entries = object(requirement);
        if entries.is_empty() {
            anonymous = true;
            continue;
        }
        let mut scopes: Vec<String> = Vec::new();
        let mut uses_bearer = false;
        for (name, listed) in entries {
            match schemes.get(name) {
                Some(Scheme::Bearer) => {
                    uses_bearer = true;
                    for scope in listed.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !scopes.iter().any(|s| s == scope) {
                            scopes.push(scope.to_owned());
                        }
                    }
                }
                Some(Scheme::ApiKey { .. } | Scheme::Unsupported) => {}
                None => cx.report(
                    &child(&at, name),
                    format!("`{name}` names no security scheme under components/securitySchemes: ignored"),
                ),
            }
        }
        if uses_bearer {
            bearer = true;
            if scopes.is_empty() {
                unscoped = true;
            } else if !alternatives.contains(&scopes) {
                alternatives.push(scopes);
            }
        }
    }
    OpAuth {
        bearer,
        optional: anonymous && bearer,
        scopes: (bearer && !unscoped && !alternatives.is_empty()).then_some(alternatives),
    }
}
