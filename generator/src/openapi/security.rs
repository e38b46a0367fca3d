//! Auth and scopes as OpenAPI security: one HTTP bearer scheme, with the scopes an action needs
//! as OpenAPI 3.1 role names in its requirements ("any one of" as alternative requirement
//! objects, "all of" as one object with several scopes).
//!
//! An OAuth2 scheme would list the scopes too, but it needs the authorization and token URLs of
//! a flow, which the specs do not document; `x-scopes` on the bearer scheme lists every scope
//! instead.

use serde_json::{Map, Value, json};

use crate::ir::{Action, Api, Auth};

/// The name of the bearer scheme under `components/securitySchemes`.
pub(super) const SCHEME: &str = "bearer";

/// Whether any action of `api` sends the bearer token.
pub(super) fn uses_bearer(api: &Api) -> bool {
    api.auth == Auth::Bearer
        || api
            .resources
            .iter()
            .flat_map(|r| &r.actions)
            .any(|a| a.auth != Auth::None)
}

/// The document's `security` (every action's unless it says otherwise).
pub(super) fn root(api: &Api) -> Option<Value> {
    match api.auth {
        Auth::Bearer => Some(json!([{ SCHEME: [] }])),
        // An empty requirement object: calling without credentials is allowed too.
        Auth::Optional => Some(json!([{}, { SCHEME: [] }])),
        Auth::None => None,
    }
}

/// An operation's `security`, when it differs from the document's: `[]` for `auth: none`, one
/// requirement per scope alternative, or a bare bearer requirement in an API without auth.
pub(super) fn requirements(api: &Api, action: &Action) -> Option<Value> {
    let bearer = |scopes: Option<&crate::ir::Scopes>| -> Vec<Value> {
        match scopes {
            Some(scopes) => scopes
                .any_of
                .iter()
                .map(|all| json!({ SCHEME: all }))
                .collect(),
            None => vec![json!({ SCHEME: [] })],
        }
    };
    match (action.auth, &action.scopes) {
        (Auth::None, _) if api.auth == Auth::None => None,
        (Auth::None, _) => Some(json!([])),
        (Auth::Bearer, None) if api.auth == Auth::Bearer => None,
        (Auth::Optional, None) if api.auth == Auth::Optional => None,
        (Auth::Bearer, scopes) => Some(Value::Array(bearer(scopes.as_ref()))),
        (Auth::Optional, scopes) => {
            // An empty requirement object first: calling without credentials is allowed too.
            let mut list = vec![json!({})];
            list.extend(bearer(scopes.as_ref()));
            Some(Value::Array(list))
        }
    }
}

/// `components/securitySchemes`, when an action sends the token.
pub(super) fn schemes(api: &Api) -> Option<Value> {
    if !uses_bearer(api) {
        return None;
    }
    let mut scopes: Vec<&str> = Vec::new();
    for action in api.resources.iter().flat_map(|r| &r.actions) {
        for scope in action.scopes.iter().flat_map(|s| s.all_named()) {
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
    }
    let mut scheme = Map::new();
    scheme.insert("type".into(), json!("http"));
    scheme.insert("scheme".into(), json!("bearer"));
    scheme.insert(
        "description".into(),
        json!("`Authorization: Bearer <token>`. The scopes an operation lists in its security requirement are those the token must hold (any one requirement suffices)."),
    );
    if !scopes.is_empty() {
        scheme.insert("x-scopes".into(), json!(scopes));
    }
    Some(json!({ SCHEME: scheme }))
}
