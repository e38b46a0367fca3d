//! Page-number pagination, recognised from the parameters and the collection model.

use serde_json::{Map, Value};

use super::ResourceWriter;
use crate::import::yaml_writer::Node;

/// How a list action pages: Losant's `page`/`perPage` query parameters and its collection
/// model's `items` and `totalCount`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Paging {
    /// The page-number parameter.
    page: &'static str,
    /// The page-size parameter.
    per_page: &'static str,
    /// The field of the collection holding the page's items.
    items: &'static str,
    /// The field holding the total count, when the collection has one.
    total: Option<&'static str>,
}

impl Paging {
    /// The parameters that hold page numbers and sizes.
    pub(super) fn params(&self) -> Vec<&'static str> {
        vec![self.page, self.per_page]
    }

    /// The `pagination:` mapping.
    pub(super) fn node(&self) -> Node {
        let mut p = Node::map();
        p.insert("page", Node::str(self.page));
        p.insert("per_page", Node::str(self.per_page));
        p.insert("items", Node::str(self.items));
        if let Some(total) = self.total {
            p.insert("total", Node::str(total));
        }
        p
    }
}

impl ResourceWriter<'_, '_> {
    /// Page-number pagination: the action has `page` and `perPage` query parameters and its
    /// first success model has an `items` array (and `totalCount`).
    pub(super) fn pagination(
        &self,
        a: &Map<String, Value>,
        responses: &Map<String, Value>,
    ) -> Option<Paging> {
        let params = a.get("params")?.as_array()?;
        let has = |name: &str| {
            params.iter().any(|p| {
                p.get("name").and_then(Value::as_str) == Some(name)
                    && p.get("in").and_then(Value::as_str) == Some("query")
            })
        };
        if !has("page") || !has("perPage") {
            return None;
        }
        let model = responses
            .iter()
            .find(|(status, _)| status.starts_with('2'))
            .and_then(|(_, r)| r.pointer("/schema/$ref"))
            .and_then(Value::as_str)?
            .strip_prefix("#/definitions/")?;
        let properties = self.raw.get(model)?.get("properties")?.as_object()?;
        let items = properties.get("items")?.get("type").and_then(Value::as_str) == Some("array");
        items.then(|| Paging {
            page: "page",
            per_page: "perPage",
            items: "items",
            total: properties
                .contains_key("totalCount")
                .then_some("totalCount"),
        })
    }
}
