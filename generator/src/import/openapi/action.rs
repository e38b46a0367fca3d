//! One operation to one action: summary, method, path, auth and scopes, parameters and body,
//! pagination, responses.

use serde_json::Value;

use super::Cx;
use super::api::ApiInfo;
use super::bodies::{BodyContext, request_body};
use super::document::{child, follow, object, str_of};
use super::fields::Fields;
use super::grouping::sentence;
use super::inspect::resolve;
use super::operations::Op;
use super::params::{self, Converted};
use super::responses::responses;
use super::security::{OpAuth, auth_mode, requirements};
use crate::import::yaml_writer::{Entry, Node};

/// Keys of a spec action, in the order they are written.
const ACTION_ORDER: &[&str] = &[
    "name",
    "summary",
    "description",
    "method",
    "path",
    "deprecated",
    "auth",
    "scopes",
    "parameters",
    "pagination",
    "responses",
    "errors",
];

/// Keys of a spec pagination, in the order they are written.
const PAGINATION_KEYS: &[&str] = &[
    "page",
    "first_page",
    "cursor",
    "next_cursor",
    "next_link",
    "per_page",
    "items",
    "total",
];

/// One action.
pub(super) fn action_node(cx: &mut Cx, api: &ApiInfo, op: &Op, name: &str, prefix: &str) -> Node {
    let doc = cx.doc;
    let v = op.value;
    let mut keys = Fields::default();
    keys.set("name", Node::str(name));
    let mut description = str_of(v, "description").map(str::to_owned);
    if let Some(url) = v.get("externalDocs").and_then(|d| str_of(d, "url")) {
        description = Some(match description {
            Some(d) => format!("{d}\n\nMore: {url}"),
            None => format!("More: {url}"),
        });
    }
    let summary = match (str_of(v, "summary"), &description) {
        (Some(s), _) => s.to_owned(),
        (None, Some(d)) => {
            let first = d.lines().next().unwrap_or_default().trim().to_owned();
            if first == d.trim() {
                description = None;
            }
            first
        }
        (None, None) => sentence(name),
    };
    keys.set("summary", Node::str(summary));
    if let Some(d) = description {
        keys.set("description", Node::str(d));
    }
    keys.set("method", Node::str(op.method.to_ascii_uppercase()));
    let suffix = op.path.get(prefix.len()..).unwrap_or_default();
    if !suffix.is_empty() {
        keys.set("path", Node::str(suffix));
    }
    if v.get("deprecated").and_then(Value::as_bool) == Some(true) {
        keys.set("deprecated", Node::Scalar(Value::Bool(true)));
    }

    let (parameters, names, authorization) = parameters(cx, api, op, name);
    let security = v
        .get("security")
        .map(|s| (s, child(&op.pointer, "security")));
    let security = security.or_else(|| doc.get("security").map(|s| (s, "/security".to_owned())));
    let mut auth = match security {
        Some((list, at)) => requirements(cx, &api.schemes, list, &at),
        None => OpAuth::default(),
    };
    auth.bearer |= authorization;
    let mode = auth_mode(auth.bearer, auth.optional);
    if mode != api.auth {
        keys.set("auth", Node::str(mode));
    }
    if let Some(scopes) = auth.scopes {
        keys.set("scopes", scopes_node(scopes));
    }

    let mut parameters = parameters;
    if let Some(body) = v.get("requestBody") {
        let ctx = BodyContext {
            operation: name,
            name: str_of(v, "x-codegen-request-body-name"),
            media: &api.media,
            taken: &names,
        };
        parameters.extend(request_body(
            cx,
            body,
            &child(&op.pointer, "requestBody"),
            &ctx,
        ));
    }
    if !parameters.is_empty() {
        keys.set(
            "parameters",
            Node::Seq(parameters.into_iter().map(Entry::from).collect()),
        );
    }
    if let Some(pagination) = pagination(cx, op, &names) {
        keys.set("pagination", pagination);
    }
    let converted = responses(
        cx,
        v.get("responses"),
        &child(&op.pointer, "responses"),
        name,
        &api.media,
    );
    keys.set("responses", entries(converted.success));
    if !converted.errors.is_empty() {
        keys.set("errors", entries(converted.errors));
    }
    for key in ["callbacks", "servers"] {
        if v.get(key).is_some() {
            cx.report(
                &child(&op.pointer, key),
                format!("`{key}` cannot be expressed: dropped"),
            );
        }
    }
    keys.into_node_with(ACTION_ORDER)
}

fn entries(list: Vec<(String, Node)>) -> Node {
    Node::Map(list.into_iter().map(|(k, n)| (k, Entry::from(n))).collect())
}

/// The action's parameters (the path item's, overridden by the operation's own of the same name
/// and location), their names, and whether one was an `Authorization` header.
fn parameters(cx: &mut Cx, api: &ApiInfo, op: &Op, name: &str) -> (Vec<Node>, Vec<String>, bool) {
    let doc = cx.doc;
    let own: Vec<(&Value, String)> = op
        .value
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, p)| (p, child(&child(&op.pointer, "parameters"), &i.to_string())))
        .collect();
    let key = |raw: &Value| {
        follow(doc, raw, "").ok().map(|(p, _)| {
            (
                str_of(p, "name").map(str::to_owned),
                str_of(p, "in").map(str::to_owned),
            )
        })
    };
    let own_keys: Vec<_> = own.iter().map(|(p, _)| key(p)).collect();
    let all = op
        .shared
        .iter()
        .filter(|(p, _)| !own_keys.contains(&key(p)))
        .chain(own.iter());
    let mut nodes = Vec::new();
    let mut names = Vec::new();
    let mut authorization = false;
    let in_path = path_parameters(&op.path);
    for (raw, at) in all {
        if str_of(raw, "$ref").is_some_and(|r| api.api_params.contains(r)) {
            continue;
        }
        match params::parameter(cx, raw, at, name) {
            Converted::Param { name, location, .. }
                if location == "path" && !in_path.contains(&name.as_str()) =>
            {
                cx.report(
                    at,
                    format!(
                        "the path `{}` has no `{{{name}}}`: the parameter is dropped",
                        op.path
                    ),
                );
            }
            Converted::Param { name, node, .. } => {
                names.push(name);
                nodes.push(node);
            }
            Converted::Authorization => authorization = true,
            Converted::Dropped => {}
        }
    }
    let missing: Vec<&str> = in_path
        .iter()
        .copied()
        .filter(|p| !names.iter().any(|n| n == p))
        .collect();
    for missing in missing {
        cx.report(
            &op.pointer,
            format!(
                "the path parameter `{missing}` is not declared: imported as a required string"
            ),
        );
        let mut keys = Fields::default();
        keys.set("name", Node::str(missing));
        keys.set("in", Node::str("path"));
        keys.set("type", Node::str("string"));
        keys.set("required", Node::Scalar(Value::Bool(true)));
        names.push(missing.to_owned());
        nodes.push(keys.into_node_with(params::PARAM_ORDER));
    }
    (nodes, names, authorization)
}

/// The `{name}`s of a path template.
fn path_parameters(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Scopes as the spec writes them: any one entry suffices; an entry needing several scopes is
/// `{all_of: [..]}`.
fn scopes_node(alternatives: Vec<Vec<String>>) -> Node {
    Node::Seq(
        alternatives
            .into_iter()
            .map(|alt| match alt.as_slice() {
                [one] => Entry::from(Node::str(one.as_str())),
                _ => {
                    let mut all = Node::map();
                    all.insert(
                        "all_of",
                        Node::Seq(alt.into_iter().map(|s| Entry::from(Node::str(s))).collect()),
                    );
                    Entry::from(all)
                }
            })
            .collect(),
    )
}

/// The exporter's `x-pagination`, or Oxide's `x-dropshot-pagination` (a `page_token` cursor and
/// a `limit`, pages with `items` and `next_page`).
fn pagination(cx: &mut Cx, op: &Op, names: &[String]) -> Option<Node> {
    if let Some(given) = op.value.get("x-pagination").and_then(Value::as_object) {
        let mut node = Node::map();
        for key in PAGINATION_KEYS {
            if let Some(value) = given.get(*key) {
                node.insert(*key, Node::from(value.clone()));
            }
        }
        return Some(node);
    }
    op.value.get("x-dropshot-pagination")?;
    let at = child(&op.pointer, "x-dropshot-pagination");
    let has = |n: &str| names.iter().any(|p| p == n);
    let page = success_schema(cx.doc, op)
        .and_then(|s| s.get("properties"))
        .map(object);
    let has_field = |f: &str| page.is_some_and(|p| p.contains_key(f));
    if !(has("page_token") && has("limit") && has_field("items") && has_field("next_page")) {
        cx.report(
            &at,
            "the action is not imported as paginated: dropshot pagination needs the query parameters `page_token` and `limit` and a page with `items` and `next_page`",
        );
        return None;
    }
    let mut node = Node::map();
    node.insert("cursor", Node::str("page_token"));
    node.insert("per_page", Node::str("limit"));
    node.insert("next_cursor", Node::str("next_page"));
    node.insert("items", Node::str("items"));
    Some(node)
}

/// The JSON schema of the operation's first 2xx response, references followed.
fn success_schema<'a>(doc: &'a Value, op: &Op<'a>) -> Option<&'a Value> {
    let responses = op.value.get("responses").map(object)?;
    let (_, raw) = responses.iter().find(|(k, _)| k.starts_with('2'))?;
    let (response, _) = follow(doc, raw, "").ok()?;
    let content = response.get("content").map(object)?;
    let (_, media) = content.iter().find(|(m, _)| params::is_json(m))?;
    resolve(doc, media.get("schema")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_parameters_are_read_from_the_template() {
        assert_eq!(path_parameters("/a/{x}/b/{y}.json"), ["x", "y"]);
        assert!(path_parameters("/a").is_empty());
    }
}
