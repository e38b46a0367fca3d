//! The keys of one spec schema (or parameter, response, action) being built, written in a
//! fixed order.

use serde_json::Value;

use crate::import::yaml_writer::{Entry, Node};

/// Keys of a spec schema, in the order they are written.
const ORDER: &[&str] = &[
    "ref",
    "type",
    "name",
    "title",
    "description",
    "required",
    "nullable",
    "read_only",
    "write_only",
    "deprecated",
    "sensitive",
    "rust_name",
    "format",
    "enum",
    "pattern",
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "exclusive_minimum",
    "exclusive_maximum",
    "multiple_of",
    "items",
    "min_items",
    "max_items",
    "unique_items",
    "properties",
    "additional_properties",
    "values",
    "key_pattern",
    "min_properties",
    "max_properties",
    "one_of",
    "discriminator",
    "all_of",
    "default",
    "example",
];

/// The keys of one spec schema being built.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Fields {
    entries: Vec<(&'static str, Node)>,
    /// Lines appended to the description (per-value docs of a merged enum).
    pub appendix: Vec<String>,
}

impl Fields {
    /// Sets `key`, replacing an earlier value.
    pub fn set(&mut self, key: &'static str, node: Node) {
        match self.entries.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = node,
            None => self.entries.push((key, node)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, n)| n)
    }

    /// Removes `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let index = self.entries.iter().position(|(k, _)| *k == key)?;
        Some(self.entries.remove(index).1)
    }

    /// The string value of `key`.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Node::Scalar(Value::String(s))) => Some(s),
            _ => None,
        }
    }

    /// The schema as a YAML mapping, keys in [`ORDER`].
    pub fn into_node(self) -> Node {
        self.into_node_with(ORDER)
    }

    /// The keys as a YAML mapping, in `order` (keys not in it last).
    pub fn into_node_with(mut self, order: &[&str]) -> Node {
        if !self.appendix.is_empty() {
            let lines = self.appendix.join("\n");
            let text = match self.str("description") {
                Some(d) => format!("{d}\n\n{lines}"),
                None => lines,
            };
            self.set("description", Node::str(text));
        }
        let mut entries = self.entries;
        entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
        Node::Map(
            entries
                .into_iter()
                .map(|(k, n)| (k.to_owned(), Entry::from(n)))
                .collect(),
        )
    }
}
