//! The `api:` file: title, base URL, auth, media types and API-wide parameters.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::Cx;
use super::document::{child, follow, object, spec_file, str_of};
use super::fields::Fields;
use super::models::DEFAULT_FILE;
use super::operations::Op;
use super::params::{self, Converted, PARAM_ORDER, is_json};
use super::security::{self, Scheme, Schemes, auth_mode};
use crate::import::yaml_writer::{Entry, Node};

/// Where no server is documented (or only a relative one).
const PLACEHOLDER_HOST: &str = "http://localhost";

/// The API's media types: the most common JSON media type of request bodies, of successes and
/// of errors (`application/json` when none), or the exporter's `x-media-types`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Media {
    /// `Content-Type` of JSON request bodies.
    pub request: String,
    /// The first JSON success media type (a response with another one names it).
    pub success: String,
    /// The first JSON error media type.
    pub error: String,
    /// Every success media type of `x-media-types` (else just `success`).
    pub success_all: Vec<String>,
    /// Every error media type of `x-media-types` (else just `error`).
    pub error_all: Vec<String>,
}

/// The API file and what the actions need to know of it.
pub(super) struct ApiInfo {
    /// The `api:` file's root.
    pub node: Node,
    /// How the API authenticates: `bearer`, `optional` or `none`.
    pub auth: &'static str,
    /// The media types.
    pub media: Media,
    /// `$ref`s of the parameters that are API-wide (not repeated on each action).
    pub api_params: HashSet<String>,
    /// The security schemes.
    pub schemes: Schemes,
    /// Its file name: the exporter's `x-spec-file`, else `api.yaml`.
    pub file: String,
}

/// Builds the `api:` file of the API `name`.
pub(super) fn api(cx: &mut Cx, name: &str, ops: &[Op]) -> ApiInfo {
    let doc = cx.doc;
    let info = doc.get("info").unwrap_or(&Value::Null);
    let schemes = security::schemes(cx);
    let auth = api_auth(cx, &schemes, ops);
    let media = media(doc, ops);
    let (parameters, api_params) = api_parameters(cx, &schemes);

    let mut api = Node::map();
    api.insert("name", Node::str(name));
    api.insert("title", Node::str(str_of(info, "title").unwrap_or(name)));
    if let Some(d) = str_of(info, "description") {
        api.insert("description", Node::str(d));
    }
    api.insert("base_url", Node::str(base_url(cx)));
    api.insert("auth", Node::str(auth));
    if let Some(headers) = doc.get("x-headers").and_then(Value::as_object) {
        let entries = headers
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), Entry::from(Node::str(v.as_str()?)))))
            .collect::<Vec<_>>();
        if !entries.is_empty() {
            api.insert("headers", Node::Map(entries));
        }
    }
    let mut media_types = Node::map();
    media_types.insert("request", Node::str(media.request.as_str()));
    let list = |l: &[String]| {
        Node::Seq(
            l.iter()
                .map(|m| Entry::from(Node::str(m.as_str())))
                .collect(),
        )
    };
    media_types.insert("success", list(&media.success_all));
    media_types.insert("error", list(&media.error_all));
    api.insert("media_types", media_types);
    if !parameters.is_empty() {
        api.insert(
            "parameters",
            Node::Seq(parameters.into_iter().map(Entry::from).collect()),
        );
    }
    if let Some(header) = str_of(doc, "x-idempotency-header") {
        api.insert("idempotency_header", Node::str(header));
    }
    let mut root = Node::map();
    root.insert("api", api);
    ApiInfo {
        node: root,
        auth,
        media,
        api_params,
        schemes,
        file: spec_file(doc)
            .filter(|f| *f != DEFAULT_FILE)
            .unwrap_or("api.yaml")
            .to_owned(),
    }
}

/// How the API authenticates: `bearer` when the document's own `security` names a bearer
/// scheme (`optional` when it also allows no credentials, an empty requirement), else when an
/// operation does (or takes an `Authorization` header); `none` otherwise.
fn api_auth(cx: &mut Cx, schemes: &Schemes, ops: &[Op]) -> &'static str {
    let doc = cx.doc;
    let is_bearer = |list: &Value| {
        list.as_array().into_iter().flatten().any(|r| {
            object(r)
                .keys()
                .any(|k| schemes.get(k) == Some(&Scheme::Bearer))
        })
    };
    if let Some(root) = doc.get("security") {
        let anonymous = root
            .as_array()
            .into_iter()
            .flatten()
            .any(|r| object(r).is_empty());
        return auth_mode(is_bearer(root), anonymous);
    }
    let authorization_header = |op: &Op| {
        let own = op
            .value
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        own.chain(op.shared.iter().map(|(p, _)| *p)).any(|p| {
            follow(doc, p, "").is_ok_and(|(p, _)| {
                str_of(p, "in") == Some("header")
                    && str_of(p, "name").is_some_and(|n| n.eq_ignore_ascii_case("authorization"))
            })
        })
    };
    let any = ops
        .iter()
        .any(|op| op.value.get("security").is_some_and(is_bearer) || authorization_header(op));
    let declared = ops.iter().any(|op| op.value.get("security").is_some()) || !schemes.is_empty();
    if !any && !declared {
        cx.report(
            "",
            "the document declares no security: the API is imported with `auth: none` (write `auth: bearer` in api.yaml if it takes a token)",
        );
    }
    if any { "bearer" } else { "none" }
}

/// The API's media types (see [`Media`]).
fn media(doc: &Value, ops: &[Op]) -> Media {
    if let Some(given) = doc.get("x-media-types") {
        let list = |key: &str| -> Vec<String> {
            given
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        let (success_all, error_all) = (list("success"), list("error"));
        let first = |l: &[String]| {
            l.first()
                .cloned()
                .unwrap_or_else(|| "application/json".into())
        };
        return Media {
            request: str_of(given, "request")
                .unwrap_or("application/json")
                .to_owned(),
            success: first(&success_all),
            error: first(&error_all),
            success_all,
            error_all,
        };
    }
    let mut request = Counter::default();
    let mut success = Counter::default();
    let mut error = Counter::default();
    let json_keys = |v: &Value| -> Vec<String> {
        follow(doc, v, "")
            .ok()
            .and_then(|(v, _)| v.get("content"))
            .map(object)
            .into_iter()
            .flatten()
            .map(|(m, _)| m.clone())
            .filter(|m| is_json(m))
            .collect()
    };
    for op in ops {
        if let Some(body) = op.value.get("requestBody") {
            json_keys(body).into_iter().for_each(|m| request.add(m));
        }
        for (status, response) in op.value.get("responses").map(object).into_iter().flatten() {
            let counter = if status.starts_with('2') {
                &mut success
            } else {
                &mut error
            };
            json_keys(response).into_iter().for_each(|m| counter.add(m));
        }
    }
    let (success, error) = (success.most(), error.most());
    Media {
        request: request.most(),
        success_all: vec![success.clone()],
        error_all: vec![error.clone()],
        success,
        error,
    }
}

/// Counts media types, remembering which came first.
#[derive(Default)]
struct Counter {
    counts: BTreeMap<String, (usize, usize)>,
}

impl Counter {
    fn add(&mut self, media: String) {
        let next = self.counts.len();
        self.counts.entry(media).or_insert((0, next)).0 += 1;
    }

    /// The most common media type (the first seen among equals), or `application/json`.
    fn most(&self) -> String {
        self.counts
            .iter()
            .max_by(|(_, (a, ai)), (_, (b, bi))| a.cmp(b).then(bi.cmp(ai)))
            .map_or_else(|| "application/json".to_owned(), |(m, _)| m.clone())
    }
}

/// The base URL: the first server's URL with its variables' defaults, without a trailing `/`.
fn base_url(cx: &mut Cx) -> String {
    let doc = cx.doc;
    let servers = doc.get("servers").and_then(Value::as_array);
    let Some(server) = servers.and_then(|s| s.first()) else {
        cx.report(
            "",
            format!("the document names no server: the base URL is `{PLACEHOLDER_HOST}` (set the real one in api.yaml or on the client builder)"),
        );
        return PLACEHOLDER_HOST.to_owned();
    };
    if let Some(rest) = servers.filter(|s| s.len() > 1) {
        let others: Vec<&str> = rest
            .iter()
            .skip(1)
            .filter_map(|s| str_of(s, "url"))
            .collect();
        cx.report(
            "/servers",
            format!("only the first server is the base URL; the others ({}) can be set on the client builder", others.join(", ")),
        );
    }
    let mut url = str_of(server, "url").unwrap_or_default().to_owned();
    let variables = server.get("variables").map(object);
    for (name, variable) in variables.into_iter().flatten() {
        let default = str_of(variable, "default").unwrap_or_default();
        url = url.replace(&format!("{{{name}}}"), default);
    }
    if variables.is_some_and(|v| !v.is_empty()) {
        cx.report(
            "/servers/0/variables",
            "server variables are replaced by their defaults in the base URL",
        );
    }
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        let joined = format!("{PLACEHOLDER_HOST}/{}", url.trim_start_matches('/'));
        cx.report(
            "/servers/0/url",
            format!("`{url}` is not an absolute http(s) URL: the base URL is `{joined}`"),
        );
        url = joined;
    }
    url.trim_end_matches('/').to_owned()
}

/// The API-wide parameters: the exporter's (components marked `x-api-parameter`) and API keys.
fn api_parameters(cx: &mut Cx, schemes: &Schemes) -> (Vec<Node>, HashSet<String>) {
    let doc = cx.doc;
    let mut nodes = Vec::new();
    let mut refs = HashSet::new();
    let components = doc.pointer("/components/parameters").map(object);
    for (key, param) in components.into_iter().flatten() {
        if param.get("x-api-parameter").and_then(Value::as_bool) != Some(true) {
            continue;
        }
        let at = child("/components/parameters", key);
        if let Converted::Param { node, .. } = params::parameter(cx, param, &at, "api") {
            nodes.push(node);
            refs.insert(format!("#{at}"));
        }
    }
    for (scheme, kind) in schemes {
        if let Scheme::ApiKey { location, name } = kind {
            let mut keys = Fields::default();
            keys.set("name", Node::str(name.as_str()));
            keys.set("in", Node::str(location.as_str()));
            keys.set("type", Node::str("string"));
            keys.set(
                "description",
                Node::str(format!("API key (security scheme `{scheme}`)")),
            );
            keys.set("sensitive", Node::Scalar(Value::Bool(true)));
            nodes.push(keys.into_node_with(PARAM_ORDER));
        }
    }
    (nodes, refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_media_type_wins_and_ties_go_to_the_first() {
        let mut c = Counter::default();
        assert_eq!(c.most(), "application/json");
        c.add("b".into());
        c.add("a".into());
        assert_eq!(c.most(), "b");
        c.add("a".into());
        assert_eq!(c.most(), "a");
    }
}
