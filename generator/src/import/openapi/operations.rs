//! Operations to actions, grouped into resources.
//!
//! - Resource: the operation's first tag; without tags, the first literal path segment after
//!   the segments that every path shares (`/v1/tasks/{task}` groups as `tasks` when every path
//!   starts with `/v1`); `root` when that segment is a parameter or there is none.
//! - Resource path: the literal segments that all its actions' paths start with (`/v1/tasks`);
//!   each action's `path` is the rest. Path parameters stay with the actions, in the
//!   document's order, so the generated methods take them as the document lists them.
//! - Action name: the `operationId` (without a `<resource>.` prefix, which the exporter
//!   writes); without one, the method and the path in camelCase (`getOrgsByOrgIdMembers`).

use std::collections::{BTreeMap, HashSet};

use heck::{ToSnakeCase, ToTitleCase, ToUpperCamelCase};
use serde_json::Value;

use super::Cx;
use super::api::ApiInfo;
use super::bodies::{BodyContext, request_body};
use super::document::{child, follow, object, spec_file, str_of};
use super::models::DEFAULT_FILE;
use super::params::{self, Converted};
use super::responses::responses;
use super::schema::{Fields, resolve};
use super::security::{OpAuth, requirements};
use crate::import::yaml_writer::{Entry, Node};

/// HTTP methods of a path item, as OpenAPI spells them.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

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

/// One operation of the document.
pub(super) struct Op<'a> {
    /// Its path template.
    pub path: String,
    /// Its method, lowercase.
    pub method: &'static str,
    /// The operation object.
    pub value: &'a Value,
    /// The path item's parameters (shared by its operations), with their pointer.
    pub shared: Vec<(&'a Value, String)>,
    /// Where the operation is.
    pub pointer: String,
}

/// Every operation, in document order; `trace` operations and unreadable path items are
/// reported and left out.
pub(super) fn list<'a>(cx: &mut Cx<'a>) -> Vec<Op<'a>> {
    let doc = cx.doc;
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        cx.report("", "the document has no `paths`: no actions are imported");
        return out;
    };
    for (path, raw_item) in paths {
        let item_at = child("/paths", path);
        let (item, at) = match follow(doc, raw_item, &item_at) {
            Ok(found) => found,
            Err(why) => {
                cx.report(&item_at, format!("{why}: the path is dropped"));
                continue;
            }
        };
        let path = if path.starts_with('/') {
            path.clone()
        } else {
            cx.report(
                &item_at,
                format!("the path `{path}` does not start with `/`: imported as `/{path}`"),
            );
            format!("/{path}")
        };
        let shared: Vec<(&Value, String)> = item
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, p)| (p, child(&child(&at, "parameters"), &i.to_string())))
            .collect();
        let more = item
            .get("x-more-operations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, op)| {
                let method = str_of(op, "method")?;
                let op_at = child(&child(&at, "x-more-operations"), &i.to_string());
                Some((method, (op, op_at)))
            });
        let own = object(item)
            .iter()
            .map(|(k, v)| (k.as_str(), (v, child(&at, k))));
        for (key, (value, op_at)) in own.chain(more) {
            match METHODS.iter().find(|m| **m == key) {
                Some(&"trace") => {
                    cx.report(&op_at, "TRACE operations cannot be expressed: dropped")
                }
                Some(method) => out.push(Op {
                    path: path.clone(),
                    method,
                    value,
                    shared: shared.clone(),
                    pointer: op_at,
                }),
                None if key == "servers" => cx.report(
                    &op_at,
                    "servers of one path cannot be expressed: its actions use the API's base URL",
                ),
                None => {}
            }
        }
    }
    out
}

/// A resource file to write.
pub(super) struct ResourceOut {
    /// Its file name (`instances.yaml`).
    pub file: String,
    /// The `resource:` value.
    pub node: Node,
}

/// What the document says about a tag.
#[derive(Default)]
struct TagInfo<'a> {
    description: Option<String>,
    title: Option<&'a str>,
    order: Vec<&'a str>,
    /// The exporter's `x-spec-file`: the resource's file name.
    file: Option<&'a str>,
}

/// Converts every operation and groups the actions into resources.
pub(super) fn resources(cx: &mut Cx, api: &ApiInfo, ops: &[Op]) -> Vec<ResourceOut> {
    let shared = shared_prefix(ops);
    let mut groups: Vec<(String, Vec<&Op>)> = Vec::new();
    for op in ops {
        let resource = resource_of(op, shared);
        match groups.iter_mut().find(|(r, _)| *r == resource) {
            Some((_, list)) => list.push(op),
            None => groups.push((resource, vec![op])),
        }
    }
    let tags = tag_info(cx);
    let mut taken_resources = HashSet::new();
    let mut taken_files: HashSet<String> = [api.file.as_str(), DEFAULT_FILE]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut out = Vec::new();
    for (resource, group) in groups {
        let info = tags.get(resource.as_str());
        let mut name = resource.clone();
        let mut n = 1;
        while !taken_resources.insert(clash_key(&name)) {
            n += 1;
            name = format!("{resource}{n}");
        }
        if name != resource {
            cx.report("/tags", format!("the resource `{resource}` is named `{name}`: its name clashes with another resource's"));
        }
        let given = info
            .and_then(|i| i.file)
            .filter(|f| !taken_files.contains(*f))
            .map(str::to_owned);
        let file = match given {
            Some(file) => file,
            None => {
                let stem = match name.to_snake_case() {
                    s if s.is_empty() => "resource".to_owned(),
                    s => s,
                };
                let mut file = format!("{stem}.yaml");
                let mut n = 1;
                while taken_files.contains(&file) {
                    n += 1;
                    file = format!("{stem}_{n}.yaml");
                }
                file
            }
        };
        taken_files.insert(file.clone());
        let node = resource_node(cx, api, &name, info, &group);
        out.push(ResourceOut { file, node });
    }
    out
}

/// The spec `resource:` value of one group of operations.
fn resource_node(
    cx: &mut Cx,
    api: &ApiInfo,
    name: &str,
    info: Option<&TagInfo>,
    group: &[&Op],
) -> Node {
    let prefix = common_literal_prefix(group);
    let mut node = Node::map();
    node.insert("name", Node::str(name));
    let title = info
        .and_then(|i| i.title)
        .map_or_else(|| name.to_title_case(), str::to_owned);
    node.insert("title", Node::str(title));
    if let Some(d) = info.and_then(|i| i.description.clone()) {
        node.insert("description", Node::str(d));
    }
    node.insert("path", Node::str(prefix.clone()));
    let mut taken = HashSet::new();
    let mut actions: Vec<(String, Entry)> = Vec::new();
    for op in group {
        let mark = cx.findings.len();
        let wanted = action_name(op, name);
        let mut action = wanted.clone();
        let mut n = 1;
        while !taken.insert(clash_key(&action)) {
            n += 1;
            action = format!("{wanted}{n}");
        }
        if action != wanted {
            cx.report(
                &op.pointer,
                format!("the action is named `{action}`: `{wanted}` clashes with another action of `{name}`"),
            );
        }
        let node = action_node(cx, api, op, &action, &prefix);
        let entry = Entry {
            node,
            comments: cx.comments_since(mark),
        };
        actions.push((
            str_of(op.value, "operationId")
                .unwrap_or(&action)
                .to_owned(),
            entry,
        ));
    }
    if let Some(order) = info.map(|i| &i.order).filter(|o| !o.is_empty()) {
        actions.sort_by_key(|(id, _)| order.iter().position(|o| o == id).unwrap_or(order.len()));
    }
    node.insert(
        "actions",
        Node::Seq(actions.into_iter().map(|(_, e)| e).collect()),
    );
    node
}

/// One action.
fn action_node(cx: &mut Cx, api: &ApiInfo, op: &Op, name: &str, prefix: &str) -> Node {
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
    if auth.bearer != api.bearer {
        keys.set(
            "auth",
            Node::str(if auth.bearer { "bearer" } else { "none" }),
        );
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

/// What the document's `tags` say, by tag name.
fn tag_info<'a>(cx: &Cx<'a>) -> BTreeMap<&'a str, TagInfo<'a>> {
    let doc = cx.doc;
    let mut out = BTreeMap::new();
    for tag in doc
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(name) = str_of(tag, "name") else {
            continue;
        };
        let mut description = str_of(tag, "description").map(str::to_owned);
        if let Some(url) = tag.get("externalDocs").and_then(|d| str_of(d, "url")) {
            description = Some(match description {
                Some(d) => format!("{d}\n\nMore: {url}"),
                None => format!("More: {url}"),
            });
        }
        let order = tag
            .get("x-action-order")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        out.insert(
            name,
            TagInfo {
                description,
                title: str_of(tag, "x-displayName"),
                order,
                file: spec_file(tag),
            },
        );
    }
    out
}

/// The segments of a path template, without the leading `/`.
fn segments(path: &str) -> Vec<&str> {
    path.strip_prefix('/').unwrap_or(path).split('/').collect()
}

fn is_literal(segment: &str) -> bool {
    !segment.contains('{')
}

/// How many leading literal segments every path shares (a path's last segment never counts, so
/// that every operation keeps a segment to be grouped by).
fn shared_prefix(ops: &[Op]) -> usize {
    let mut iter = ops.iter().map(|op| {
        let mut s = segments(&op.path);
        s.pop();
        s
    });
    let Some(first) = iter.next() else { return 0 };
    let mut len = first.iter().take_while(|s| is_literal(s)).count();
    for other in iter {
        len = len.min(
            first
                .iter()
                .zip(&other)
                .take_while(|(a, b)| a == b && is_literal(a))
                .count(),
        );
    }
    len
}

/// The resource an operation belongs to.
fn resource_of(op: &Op, shared: usize) -> String {
    let tag = op
        .value
        .get("tags")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    if let Some(tag) = tag {
        return tag.to_owned();
    }
    match segments(&op.path).get(shared) {
        Some(segment) if is_literal(segment) && !segment.is_empty() => (*segment).to_owned(),
        _ => "root".to_owned(),
    }
}

/// The literal segments every operation of a resource starts with, as a path (`/v1/tasks`), or
/// the empty path.
fn common_literal_prefix(group: &[&Op]) -> String {
    let mut iter = group.iter().map(|op| segments(&op.path));
    let Some(first) = iter.next() else {
        return String::new();
    };
    let mut len = first.iter().take_while(|s| is_literal(s)).count();
    for other in iter {
        len = len.min(first.iter().zip(&other).take_while(|(a, b)| a == b).count());
    }
    first.iter().take(len).map(|s| format!("/{s}")).collect()
}

/// The action name of an operation in `resource`.
fn action_name(op: &Op, resource: &str) -> String {
    if let Some(id) = str_of(op.value, "operationId").filter(|id| !id.is_empty()) {
        let prefix = format!("{resource}.");
        return id
            .strip_prefix(&prefix)
            .filter(|rest| !rest.is_empty())
            .unwrap_or(id)
            .to_owned();
    }
    let mut name = op.method.to_owned();
    for segment in segments(&op.path) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                name.push_str("By");
                name.push_str(&param.to_upper_camel_case());
            }
            None => name.push_str(&segment.to_upper_camel_case()),
        }
    }
    name
}

/// An action name as a summary: `control_hold` and `controlHold` become `Control hold`.
fn sentence(name: &str) -> String {
    let words = name.to_snake_case().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

/// Names that become the same Rust identifier clash.
fn clash_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn op<'a>(path: &str, method: &'static str, value: &'a Value) -> Op<'a> {
        Op {
            path: path.into(),
            method,
            value,
            shared: Vec::new(),
            pointer: String::new(),
        }
    }

    #[test]
    fn untagged_operations_group_by_the_first_unshared_literal_segment() {
        let v = json!({});
        let ops = [
            op("/v1/tasks/{task}", "get", &v),
            op("/v1/tasks", "get", &v),
            op("/v1/control/hold", "post", &v),
            op("/v1/{x}", "get", &v),
        ];
        let shared = shared_prefix(&ops);
        assert_eq!(shared, 1);
        let groups: Vec<String> = ops.iter().map(|o| resource_of(o, shared)).collect();
        assert_eq!(groups, ["tasks", "tasks", "control", "root"]);
        let single = [op("/v1/things", "get", &v)];
        assert_eq!(resource_of(&single[0], shared_prefix(&single)), "things");
    }

    #[test]
    fn the_first_tag_wins() {
        let v = json!({"tags": ["disks", "hidden"]});
        assert_eq!(resource_of(&op("/x/y", "get", &v), 0), "disks");
    }

    #[test]
    fn resource_paths_are_the_shared_literal_segments() {
        let v = json!({});
        let a = op("/v1/tasks/{task}/events", "get", &v);
        let b = op("/v1/tasks", "post", &v);
        assert_eq!(common_literal_prefix(&[&a, &b]), "/v1/tasks");
        let c = op("/{id}", "get", &v);
        assert_eq!(common_literal_prefix(&[&a, &c]), "");
        let d = op("/v1/task/{id}", "get", &v);
        assert_eq!(common_literal_prefix(&[&b, &d]), "/v1");
    }

    #[test]
    fn path_parameters_are_read_from_the_template() {
        assert_eq!(path_parameters("/a/{x}/b/{y}.json"), ["x", "y"]);
        assert!(path_parameters("/a").is_empty());
    }

    #[test]
    fn summaries_from_names() {
        assert_eq!(sentence("control_hold"), "Control hold");
        assert_eq!(sentence("getOrgsByOrgId"), "Get orgs by org id");
        assert_eq!(sentence("header-arg"), "Header arg");
    }

    #[test]
    fn action_names() {
        let with_id = json!({"operationId": "org.get"});
        assert_eq!(action_name(&op("/o", "get", &with_id), "org"), "get");
        assert_eq!(action_name(&op("/o", "get", &with_id), "other"), "org.get");
        let without = json!({});
        assert_eq!(
            action_name(&op("/orgs/{orgId}/members", "get", &without), "orgs"),
            "getOrgsByOrgIdMembers"
        );
    }
}
