//! Which resource an operation belongs to, the resource's path, and the names of actions.
//!
//! - Resource: the operation's first tag; without tags, the first literal path segment after
//!   the segments that every path shares (`/v1/tasks/{task}` groups as `tasks` when every path
//!   starts with `/v1`); `root` when that segment is a parameter or there is none.
//! - Resource path: the literal segments that all its actions' paths start with (`/v1/tasks`),
//!   or none (`''`) when they share none; each action's `path` is the rest.
//! - Action name: the `operationId` (without a `<resource>.` prefix, which the exporter
//!   writes); without one, the method and the path in camelCase (`getOrgsByOrgIdMembers`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::document::str_of;
use super::operations::Op;

/// The segments of a path template, without the leading `/`.
fn segments(path: &str) -> Vec<&str> {
    path.strip_prefix('/').unwrap_or(path).split('/').collect()
}

fn is_literal(segment: &str) -> bool {
    !segment.contains('{')
}

/// How many leading literal segments every path shares (a path's last segment never counts, so
/// that every operation keeps a segment to be grouped by).
pub(super) fn shared_prefix(ops: &[Op]) -> usize {
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
pub(super) fn resource_of(op: &Op, shared: usize) -> String {
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
pub(super) fn common_literal_prefix(group: &[&Op]) -> String {
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
pub(super) fn action_name(op: &Op, resource: &str) -> String {
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
pub(super) fn sentence(name: &str) -> String {
    let words = name.to_snake_case().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_owned(),
    }
}

/// Names that become the same Rust identifier clash.
pub(super) fn clash_key(name: &str) -> String {
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
