//! The models of an import: the document's `components/schemas`, then the models made from
//! inline shapes (`<Operation>Body`, `<Operation>Response`, …), with unique names.

use std::collections::{BTreeMap, HashMap, HashSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use super::document::{child, object, spec_file};
use super::{Cx, schema};
use crate::import::yaml_writer::{Entry, Node};

/// Every model of the import, in output order.
#[derive(Debug, Default)]
pub(super) struct Models {
    /// Component schema name -> model name (the same, unless two names clashed).
    components: HashMap<String, String>,
    /// The models in output order; a component's node is filled in by [`convert_components`].
    entries: Vec<(String, Entry)>,
    /// Names taken, compared as [`clash_key`]s.
    taken: HashSet<String>,
    /// Pointer of an inline shape already made a model -> its name, so that a shape that many
    /// operations reference (`#/components/responses/Error`) becomes one model.
    inline: HashMap<String, String>,
    /// Inline shapes made models, by the name they wanted and their source: the same shape
    /// written out in several operations under the same title becomes one model.
    same: Vec<(String, Value, String)>,
    /// Model name -> the file the exporter's `x-spec-file` puts it in.
    files: HashMap<String, String>,
}

impl Models {
    /// A unique model name: `wanted`, or `wanted2`, `wanted3`, … when a model whose name differs
    /// only in case or punctuation exists (the Rust type names would clash).
    pub fn reserve(&mut self, wanted: &str) -> String {
        let wanted = if wanted.is_empty() { "Model" } else { wanted };
        let mut name = wanted.to_owned();
        let mut n = 1;
        while !self.taken.insert(clash_key(&name)) {
            n += 1;
            name = format!("{wanted}{n}");
        }
        name
    }

    /// The model name of the component schema `name`, when the document has it.
    pub fn component(&self, name: &str) -> Option<&str> {
        self.components.get(name).map(String::as_str)
    }

    /// Adds a model under a name from [`Self::reserve`].
    pub fn push(&mut self, name: String, node: Node, comments: Vec<String>) {
        self.entries.push((name, Entry { node, comments }));
    }

    /// The `models:` files: file name -> mapping, in file-name order. A model goes to the file
    /// its `x-spec-file` names unless another kind of file has that name (`taken`), else to
    /// `models.yaml`.
    pub fn take_files(&mut self, taken: &HashSet<String>) -> Vec<(String, Node)> {
        let mut out: BTreeMap<String, Vec<(String, Entry)>> = BTreeMap::new();
        for (name, entry) in std::mem::take(&mut self.entries) {
            let file = self
                .files
                .get(&name)
                .filter(|f| !taken.contains(*f))
                .map_or_else(|| DEFAULT_FILE.to_owned(), String::clone);
            out.entry(file).or_default().push((name, entry));
        }
        out.into_iter()
            .map(|(file, entries)| (file, Node::Map(entries)))
            .collect()
    }
}

/// The models file of models that name none.
pub(super) const DEFAULT_FILE: &str = "models.yaml";

/// `FooBar`, `foo_bar` and `foo-bar` become the same Rust type name: they clash.
fn clash_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The name for a model made from an inline shape: its `title` when that is a plain
/// identifier-like word (the name the document's authors gave it, e.g. `EnrolBody`); for a shape
/// inside a shared component (`#/components/responses/Error`), the component's name; else
/// `<Operation><suffix>` in UpperCamelCase (`InstanceListResponse`).
pub(super) fn inline_name(schema: &Value, pointer: &str, operation: &str, suffix: &str) -> String {
    if let Some(title) = schema.get("title").and_then(Value::as_str) {
        let mut chars = title.chars();
        if chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return title.to_owned();
        }
    }
    let shared = ["responses", "requestBodies", "parameters", "headers"]
        .iter()
        .find_map(|kind| pointer.strip_prefix(&format!("/components/{kind}/")))
        .and_then(|rest| rest.split('/').next())
        .map(|key| {
            key.replace("~1", "/")
                .replace("~0", "~")
                .to_upper_camel_case()
        });
    match shared {
        Some(name) if !name.is_empty() => name,
        _ => format!("{}{}", operation.to_upper_camel_case(), suffix),
    }
}

/// Makes a named model of the inline `schema` at `pointer` (once per pointer); returns its name.
pub(super) fn add_inline(cx: &mut Cx, schema: &Value, pointer: &str, wanted: &str) -> String {
    if let Some(name) = cx.models.inline.get(pointer) {
        return name.clone();
    }
    let same = cx
        .models
        .same
        .iter()
        .find(|(w, v, _)| w == wanted && v == schema);
    if let Some((_, _, name)) = same {
        return name.clone();
    }
    let name = cx.models.reserve(wanted);
    cx.models.inline.insert(pointer.to_owned(), name.clone());
    cx.models
        .same
        .push((wanted.to_owned(), schema.clone(), name.clone()));
    let mark = cx.findings.len();
    let node = schema::convert(cx, schema, pointer);
    let comments = cx.comments_since(mark);
    cx.models.push(name.clone(), node, comments);
    name
}

/// Reserves a name for every schema under `components/schemas`, reporting renamed ones.
pub(super) fn declare_components(cx: &mut Cx) {
    let doc = cx.doc;
    let schemas = doc
        .pointer("/components/schemas")
        .map(object)
        .into_iter()
        .flatten();
    for (name, _) in schemas {
        let model = cx.models.reserve(name);
        if model != *name {
            cx.report(
                &child("/components/schemas", name),
                format!("the model is named `{model}`: `{name}` clashes with another model's Rust type name"),
            );
        }
        cx.models.components.insert(name.clone(), model);
    }
}

/// Converts every schema under `components/schemas`, placing them before the inline models.
pub(super) fn convert_components(cx: &mut Cx) {
    let doc = cx.doc;
    let schemas = doc
        .pointer("/components/schemas")
        .map(object)
        .into_iter()
        .flatten();
    let mut converted = Vec::new();
    for (name, value) in schemas {
        let Some(model) = cx.models.component(name).map(str::to_owned) else {
            continue;
        };
        if let Some(file) = spec_file(value) {
            cx.models.files.insert(model.clone(), file.to_owned());
        }
        let mark = cx.findings.len();
        let node = schema::convert(cx, value, &child("/components/schemas", name));
        let comments = cx.comments_since(mark);
        converted.push((model, Entry { node, comments }));
    }
    converted.append(&mut cx.models.entries);
    cx.models.entries = converted;
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn names_that_clash_as_rust_types_get_a_number() {
        let mut models = Models::default();
        assert_eq!(models.reserve("FooBar"), "FooBar");
        assert_eq!(models.reserve("foo_bar"), "foo_bar2");
        assert_eq!(models.reserve("foo-bar"), "foo-bar3");
        assert_eq!(models.reserve(""), "Model");
    }

    #[test]
    fn inline_names_prefer_a_plain_title() {
        let at = "/paths/~1a/get";
        assert_eq!(
            inline_name(&json!({"title": "EnrolBody"}), at, "enrol", "Body"),
            "EnrolBody"
        );
        assert_eq!(
            inline_name(
                &json!({"title": "A title"}),
                at,
                "instance_list",
                "Response"
            ),
            "InstanceListResponse"
        );
        assert_eq!(
            inline_name(&json!({}), at, "getOrgs", "Body"),
            "GetOrgsBody"
        );
        let shared = "/components/responses/not_found/content/application~1json/schema";
        assert_eq!(
            inline_name(&json!({}), shared, "getOrgs", "Error404"),
            "NotFound"
        );
    }
}
