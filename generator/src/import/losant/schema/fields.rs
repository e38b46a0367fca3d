//! The keys of one schema being built, and the order they are written in.

use serde_json::Value;

use crate::import::yaml_writer::{Entry, Node};

/// Spec keys in the order they are written; `example` comes last because model examples are
/// long.
const ORDER: &[&str] = &[
    "title",
    "description",
    "type",
    "ref",
    "required",
    "nullable",
    "sensitive",
    "read_only",
    "write_only",
    "deprecated",
    "format",
    "pattern",
    "min_length",
    "max_length",
    "minimum",
    "exclusive_minimum",
    "maximum",
    "exclusive_maximum",
    "multiple_of",
    "enum",
    "min_items",
    "max_items",
    "unique_items",
    "items",
    "min_properties",
    "max_properties",
    "key_pattern",
    "properties",
    "additional_properties",
    "values",
    "discriminator",
    "one_of",
    "all_of",
    "default",
    "example",
];

/// The keys of one schema being built, written in [`ORDER`] by [`Fields::finish`].
#[derive(Debug, Default)]
pub struct Fields(Vec<(&'static str, Entry)>);

impl Fields {
    /// Sets `key` unless it is set already (the first writer wins: an outer title stays).
    pub fn set(&mut self, key: &'static str, value: impl Into<Entry>) {
        if !self.has(key) {
            self.0.push((key, value.into()));
        }
    }

    /// Sets every key of `other` that is not set already.
    pub fn merge(&mut self, other: Fields) {
        for (key, value) in other.0 {
            self.set(key, value);
        }
    }

    /// Whether `key` is set.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    pub(super) fn text(&self, key: &str) -> Option<String> {
        self.0.iter().find_map(|(k, e)| match &e.node {
            Node::Scalar(Value::String(s)) if *k == key => Some(s.clone()),
            _ => None,
        })
    }

    pub(super) fn replace(&mut self, key: &'static str, value: Node) {
        self.0.retain(|(k, _)| *k != key);
        self.0.push((key, value.into()));
    }

    /// The mapping, keys in [`ORDER`].
    pub fn finish(mut self) -> Node {
        let rank = |key: &str| ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len());
        self.0.sort_by_key(|(k, _)| rank(k));
        Node::Map(self.0.into_iter().map(|(k, e)| (k.to_owned(), e)).collect())
    }
}

/// `true`, for flags.
pub(super) fn flag() -> Node {
    Node::Scalar(Value::Bool(true))
}

/// `type: any`.
pub(super) fn any() -> Node {
    let mut node = Node::map();
    node.insert("type", Node::str("any"));
    node
}
