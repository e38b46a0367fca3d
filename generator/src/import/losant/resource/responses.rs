//! Responses: success and error statuses, their models, and server-sent events.

use serde_json::{Map, Value};

use super::{ResourceWriter, text};
use crate::import::losant::fixes::{self, show};
use crate::import::losant::report::Loc;
use crate::import::yaml_writer::{Entry, Node};

/// Documented statuses and their responses, in source order.
type Statuses = Vec<(String, Entry)>;
impl ResourceWriter<'_, '_> {
    /// Success and error responses, in source order.
    pub(super) fn responses(
        &mut self,
        responses: Map<String, Value>,
        at: &Loc,
        sse: bool,
    ) -> (Statuses, Statuses) {
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in responses {
            let at = at.child(&status);
            let Value::Object(mut r) = response else {
                self.report()
                    .unexpressed(&at, "a response must be an object");
                continue;
            };
            let comments = fixes::take_comments(&mut r);
            let mut node = Node::map();
            let description = text(r.remove("description")).unwrap_or_default();
            if let Some(schema) = r.remove("schema") {
                match schema
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|s| s.strip_prefix("#/definitions/"))
                {
                    Some(model) if self.schemas.models.contains(model) => {
                        node.insert("model", Node::str(model))
                    }
                    _ => self.report().unexpressed(
                        &at.child("schema"),
                        format!(
                            "a response schema that is not a reference to a published schema: {}",
                            show(&schema)
                        ),
                    ),
                }
            }
            node.insert("description", Node::str(description));
            if let Some(events) = r.remove("sseEvents") {
                node.insert("events", self.events(events, &at.child("sseEvents")));
            } else if sse && status.starts_with('2') {
                self.report()
                    .unexpressed(&at, "a server-sent-event stream without `sseEvents`");
            }
            self.leftovers(r, &at);
            let class_ok = status.len() == 3 && status.chars().all(|c| c.is_ascii_digit());
            if !class_ok {
                self.report()
                    .unexpressed(&at, format!("`{status}` is not an HTTP status"));
            }
            let entry = Entry { node, comments };
            if status.starts_with('2') {
                ok.push((status, entry));
            } else {
                errors.push((status, entry));
            }
        }
        (ok, errors)
    }

    fn events(&mut self, events: Value, at: &Loc) -> Node {
        let Value::Object(events) = events else {
            self.report()
                .unexpressed(at, "`sseEvents` must be an object");
            return Node::map();
        };
        let mut out = Vec::new();
        for (name, event) in events {
            let at = at.child(&name);
            let Value::Object(mut e) = event else {
                self.report().unexpressed(&at, "an event must be an object");
                continue;
            };
            let mut node = Node::map();
            if let Some(schema) = e.remove("schema") {
                match schema
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|s| s.strip_prefix("#/definitions/"))
                {
                    Some(model) if self.schemas.models.contains(model) => {
                        node.insert("model", Node::str(model))
                    }
                    _ => self.report().unexpressed(
                        &at.child("schema"),
                        format!("an event schema that is not a reference: {}", show(&schema)),
                    ),
                }
            }
            if let Some(description) = text(e.remove("description")) {
                node.insert("description", Node::str(description));
            }
            self.leftovers(e, &at);
            out.push((name, Entry::from(node)));
        }
        Node::Map(out)
    }
}
