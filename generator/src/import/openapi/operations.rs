//! The document's operations, grouped into resources (the rules are in `grouping.rs`), each
//! resource with its actions (`action.rs`) and its file.

use std::collections::{BTreeMap, HashSet};

use heck::{ToSnakeCase, ToTitleCase};
use serde_json::Value;

use super::Cx;
use super::action::action_node;
use super::api::ApiInfo;
use super::document::{child, follow, object, spec_file, str_of};
use super::grouping::{action_name, clash_key, common_literal_prefix, resource_of, shared_prefix};
use super::models::DEFAULT_FILE;
use crate::import::yaml_writer::{Entry, Node};

/// HTTP methods of a path item, as OpenAPI spells them.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
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
