//! Parameters: of a resource's path, and of an action (path, query, header, body, multipart).

use serde_json::{Map, Value};

use super::{ResourceWriter, text};
use crate::import::losant::fixes::{self, show};
use crate::import::losant::report::Loc;
use crate::import::losant::sensitive;
use crate::import::losant::source::kind;
use crate::import::yaml_writer::{Entry, Node};

/// The comment on the page-number parameters of a paginated action.
const PAGE_COMMENT: &str =
    "Losant documents page numbers as strings; `format: int64` lets the client count pages.";

impl ResourceWriter<'_, '_> {
    /// Parameters (`path_only` for a resource's path parameters); `page_params` get
    /// `format: int64`.
    pub(super) fn params(
        &mut self,
        list: Option<Value>,
        at: &Loc,
        path_only: bool,
        page_params: &[&str],
    ) -> Vec<Entry> {
        let list = match list {
            None => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(other) => {
                self.report().unexpressed(
                    at,
                    format!("expected a list of parameters, found {}", kind(&other)),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, p) in list.into_iter().enumerate() {
            let at = at.index(i);
            match p {
                Value::Object(p) => out.push(self.param(p, &at, path_only, page_params)),
                other => self.report().unexpressed(
                    &at,
                    format!("a parameter must be an object, found {}", kind(&other)),
                ),
            }
        }
        out
    }

    fn param(
        &mut self,
        mut p: Map<String, Value>,
        at: &Loc,
        path_only: bool,
        page_params: &[&str],
    ) -> Entry {
        let mut comments = fixes::take_comments(&mut p);
        let mut node = Node::map();
        let name = text(p.remove("name")).unwrap_or_else(|| {
            self.schemas
                .report
                .unexpressed(at, "a parameter without a name");
            String::new()
        });
        node.insert("name", Node::str(name.clone()));
        let location = text(p.remove("in")).unwrap_or_default();
        let known = ["path", "query", "header", "body", "multipart", "form"];
        if !known.contains(&location.as_str()) {
            self.report()
                .unexpressed(&at.child("in"), format!("unknown location `{location}`"));
        }
        if path_only && location != "path" {
            self.report().unexpressed(
                &at.child("in"),
                "a resource parameter that is not in the path",
            );
        }
        if !path_only {
            node.insert("in", Node::str(location.clone()));
        }
        self.shape(&mut p, &location, at, &mut node);
        match p.remove("required") {
            Some(Value::Bool(true)) => node.insert("required", Node::Scalar(Value::Bool(true))),
            Some(Value::Bool(false)) | None if location == "path" => {
                node.insert("required", Node::Scalar(Value::Bool(true)))
            }
            Some(Value::Bool(false)) | None => {}
            Some(other) => self.report().unexpressed(
                &at.child("required"),
                format!("expected a boolean, found {}", show(&other)),
            ),
        }
        if page_params.contains(&name.as_str()) {
            node.insert("format", Node::str("int64"));
            if name == "page" {
                comments.push(PAGE_COMMENT.into());
            }
        }
        for (from, to) in [("pattern", "pattern")] {
            if let Some(value) = text(p.remove(from)) {
                node.insert(to, Node::str(value));
            }
        }
        for (from, to) in [("minLength", "min_length"), ("maxLength", "max_length")] {
            if let Some(value) = p.remove(from) {
                node.insert(to, Node::from(value));
            }
        }
        if let Some(description) = text(p.remove("description")) {
            node.insert("description", Node::str(description));
        }
        for key in ["enum", "default", "example"] {
            if let Some(value) = p.remove(key) {
                node.insert(key, Node::from(value));
            }
        }
        if sensitive::is_secret(&name) {
            node.insert("sensitive", Node::Scalar(Value::Bool(true)));
        }
        if p.remove("deprecated") == Some(Value::Bool(true)) {
            node.insert("deprecated", Node::Scalar(Value::Bool(true)));
        }
        self.leftovers(p, at);
        Entry { node, comments }
    }

    /// The parameter's `type` (with `items` and `style`) or `model` (with `style` for query
    /// models: JSON text when documented as an object, else what a fix chose).
    fn shape(&mut self, p: &mut Map<String, Value>, location: &str, at: &Loc, node: &mut Node) {
        let ty = text(p.remove("type"));
        let style = text(p.remove("$style"));
        match p.remove("schema") {
            Some(schema) => {
                let model = schema
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                    .map(str::to_owned);
                match model {
                    Some(model)
                        if self.schemas.models.contains(&model)
                            && schema.as_object().is_some_and(|o| o.len() == 1) =>
                    {
                        node.insert("model", Node::str(model));
                    }
                    _ => self.report().unexpressed(
                        &at.child("schema"),
                        format!(
                            "a parameter schema that is not a reference to a published schema: {}",
                            show(&schema)
                        ),
                    ),
                }
                let style = match (location, ty.as_deref(), style) {
                    (_, _, Some(style)) => Some(style),
                    ("query", Some("object"), None) => Some("json".to_owned()),
                    _ => None,
                };
                if let Some(style) = style {
                    node.insert("style", Node::str(style));
                }
            }
            None => {
                let ty = ty.unwrap_or_else(|| {
                    self.schemas
                        .report
                        .unexpressed(at, "a parameter without a type or schema");
                    "string".to_owned()
                });
                node.insert("type", Node::str(ty));
                if let Some(items) = p.remove("items") {
                    let items = self.schemas.schema(items, &at.child("items"), None);
                    node.insert("items", items);
                }
                if let Some(style) = style {
                    node.insert("style", Node::str(style));
                }
            }
        }
    }
}
