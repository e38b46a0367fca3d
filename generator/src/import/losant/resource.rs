//! One resource of `apiInfo.json` and its docs page to a `resource:` spec file.
//!
//! Not transcribed, on purpose: the resource's `links` (the HAL links Losant's own web app
//! follows; the client has an accessor per resource instead) and the `auth` lists of
//! `apiInfo.json` (the permission each action checks on the server; the docs page lists every
//! scope that grants it, and that list is what `scopes` says).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::docs::{DocAction, DocAuth, DocPage};
use super::fixes::{self, params, show};
use super::report::{Loc, Report};
use super::schema::Transcriber;
use super::sensitive;
use super::source::kind;
use crate::import::yaml_writer::{Entry, Node};

/// The comment on the page-number parameters of a paginated action.
const PAGE_COMMENT: &str =
    "Losant documents page numbers as strings; `format: int64` lets the client count pages.";

/// Documented statuses and their responses, in source order.
type Statuses = Vec<(String, Entry)>;

/// Converts one resource.
pub struct ResourceWriter<'a, 'r> {
    /// Schema transcription (references, report).
    pub schemas: &'a mut Transcriber<'r>,
    /// The published schemas, to recognise collections.
    pub raw: &'a BTreeMap<String, Value>,
}

impl ResourceWriter<'_, '_> {
    /// The `resource:` mapping of `name` (fixes already applied to `res`).
    pub fn resource(
        &mut self,
        name: &str,
        mut res: Map<String, Value>,
        page: Option<&DocPage>,
        at: &Loc,
    ) -> Node {
        let mut node = Node::map();
        node.insert("name", Node::str(name));
        let title = match page {
            Some(page) => page.title.clone(),
            None => {
                self.report().unexpressed(
                    at,
                    format!("no docs page `docs/{name}.md`: no title, description or scopes"),
                );
                name.to_owned()
            }
        };
        node.insert("title", Node::str(title));
        if let Some(description) = page
            .map(|p| p.description.clone())
            .filter(|d| !d.is_empty())
        {
            node.insert("description", Node::str(description));
        }
        match res.remove("path") {
            Some(Value::String(path)) => node.insert("path", Node::str(path)),
            other => {
                self.report().unexpressed(
                    &at.child("path"),
                    format!(
                        "expected a path, found {}",
                        other.as_ref().map_or("nothing", kind)
                    ),
                );
                node.insert("path", Node::str(""));
            }
        }
        let path_params = self.params(res.remove("params"), &at.child("params"), true, &[]);
        if !path_params.is_empty() {
            node.insert("path_parameters", Node::Seq(path_params));
        }
        // Deliberately not transcribed (see the module docs).
        res.remove("links");
        res.remove("auth");
        let scoped = page.is_some_and(|p| {
            p.actions
                .iter()
                .any(|a| matches!(a.auth, DocAuth::Scopes(_)))
        });
        let mut actions = Vec::new();
        let mut documented = Vec::new();
        match res.remove("actions") {
            Some(Value::Object(list)) => {
                for (action, value) in list {
                    documented.push(action.clone());
                    let at = at.child("actions").child(&action);
                    let doc = page.and_then(|p| p.actions.iter().find(|a| a.documents(&action)));
                    match value {
                        Value::Object(value) => {
                            actions.push(self.action(&action, value, doc, scoped, &at))
                        }
                        other => self.report().unexpressed(
                            &at,
                            format!("an action must be an object, found {}", kind(&other)),
                        ),
                    }
                }
            }
            other => self.report().unexpressed(
                &at.child("actions"),
                format!(
                    "expected an object of actions, found {}",
                    other.as_ref().map_or("nothing", kind)
                ),
            ),
        }
        node.insert("actions", Node::Seq(actions));
        self.leftovers(res, at);
        if let Some(page) = page {
            for doc in page
                .actions
                .iter()
                .filter(|d| !documented.iter().any(|a| d.documents(a)))
            {
                let at = Loc::pointer(&page.file, format!("line {}", doc.line));
                let what = format!(
                    "a section (`{}`) for an action that apiInfo.json does not have",
                    doc.heading
                );
                self.report().unexpressed(&at, what);
            }
        }
        node
    }

    fn report(&mut self) -> &mut Report {
        self.schemas.report
    }

    fn leftovers(&mut self, rest: Map<String, Value>, at: &Loc) {
        for (key, value) in rest {
            self.report().unexpressed(
                &at.child(&key),
                format!(
                    "`{key}: {}` has no counterpart in the spec format",
                    show(&value)
                ),
            );
        }
    }

    /// One action.
    fn action(
        &mut self,
        name: &str,
        mut a: Map<String, Value>,
        doc: Option<&DocAction>,
        scoped: bool,
        at: &Loc,
    ) -> Entry {
        let mut comments = Vec::new();
        let no_token = doc.is_some_and(|d| d.auth == DocAuth::NoToken);
        if no_token && scoped {
            params::optional_token(&mut a, at, self.schemas.report);
        }
        comments.extend(fixes::take_comments(&mut a));
        let mut node = Node::map();
        node.insert("name", Node::str(name));
        let summary = text(a.remove("summary"));
        let mut description = text(a.remove("description"));
        let summary = match (summary, &description) {
            (Some(summary), _) => summary,
            // apiInfo.json gives some actions a description and no summary; the docs page shows
            // it as the summary.
            (None, Some(_)) => description.take().unwrap_or_default(),
            (None, None) => match doc.map(|d| d.summary.clone()).filter(|s| !s.is_empty()) {
                Some(summary) => summary,
                None => {
                    self.report().unexpressed(at, "no summary");
                    name.to_owned()
                }
            },
        };
        node.insert("summary", Node::str(summary));
        let mut notes = Vec::new();
        if a.remove("denyOauthTokens") == Some(Value::Bool(true)) {
            notes.push(
                "OAuth tokens are refused by this action: call it with an API or user token.",
            );
        }
        if a.remove("allowUnverified") == Some(Value::Bool(true)) {
            notes.push("Users whose email address is not verified yet may call this action.");
        }
        let description = description
            .into_iter()
            .chain(notes.into_iter().map(str::to_owned))
            .collect::<Vec<_>>()
            .join(" ");
        if !description.is_empty() {
            node.insert("description", Node::str(description));
        }
        match a.remove("method") {
            Some(Value::String(m))
                if ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
                    .contains(&m.as_str()) =>
            {
                node.insert("method", Node::str(m));
            }
            other => {
                self.report().unexpressed(
                    &at.child("method"),
                    format!(
                        "unknown method {}",
                        other.as_ref().map_or("(none)".into(), show)
                    ),
                );
                node.insert("method", Node::str("GET"));
            }
        }
        match a.remove("path") {
            Some(Value::String(path)) if !path.is_empty() => node.insert("path", Node::str(path)),
            Some(Value::String(_)) | None => {}
            Some(other) => self.report().unexpressed(
                &at.child("path"),
                format!("expected a path, found {}", kind(&other)),
            ),
        }
        match doc.map(|d| &d.auth) {
            Some(DocAuth::Scopes(scopes)) => {
                node.insert("scopes", Node::from(Value::from(scopes.clone())));
            }
            Some(DocAuth::NoToken) if !scoped => node.insert("auth", Node::str("none")),
            Some(DocAuth::NoToken) => {}
            Some(DocAuth::Missing) => {}
            Some(DocAuth::Other(text)) => {
                self.report().unexpressed(
                    at,
                    format!("the docs' Authentication part is not understood: {text}"),
                );
            }
            None => comments.push(
                "The docs page has no section for this action: no scopes are documented.".into(),
            ),
        }
        // The server-side permission; the docs' scope list (above) is what a token needs.
        a.remove("auth");
        let sse = a.remove("sseStream") == Some(Value::Bool(true));
        let responses = match a.remove("responses") {
            Some(Value::Object(r)) => r,
            other => {
                self.report().unexpressed(
                    &at.child("responses"),
                    format!(
                        "expected responses, found {}",
                        other.as_ref().map_or("nothing", kind)
                    ),
                );
                Map::new()
            }
        };
        let pagination = self.pagination(&a, &responses);
        let page_params: Vec<&str> = match &pagination {
            Some((page, per_page, _, _)) => vec![page.as_str(), per_page.as_str()],
            None => Vec::new(),
        };
        let parameters = self.params(a.remove("params"), &at.child("params"), false, &page_params);
        if !parameters.is_empty() {
            node.insert("parameters", Node::Seq(parameters));
        }
        if let Some((page, per_page, items, total)) = pagination.clone() {
            let mut p = Node::map();
            p.insert("page", Node::str(page));
            p.insert("per_page", Node::str(per_page));
            p.insert("items", Node::str(items));
            if let Some(total) = total {
                p.insert("total", Node::str(total));
            }
            node.insert("pagination", p);
        }
        let (ok, errors) = self.responses(responses, &at.child("responses"), sse);
        node.insert("responses", Node::Map(ok));
        if !errors.is_empty() {
            node.insert("errors", Node::Map(errors));
        }
        self.leftovers(a, at);
        Entry { node, comments }
    }

    /// Page-number pagination: the action has `page` and `perPage` query parameters and its
    /// first success model has an `items` array (and `totalCount`).
    fn pagination(
        &self,
        a: &Map<String, Value>,
        responses: &Map<String, Value>,
    ) -> Option<(String, String, String, Option<String>)> {
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
        let items_is_array =
            properties.get("items")?.get("type").and_then(Value::as_str) == Some("array");
        items_is_array.then(|| {
            let total = properties
                .contains_key("totalCount")
                .then(|| "totalCount".to_owned());
            (
                "page".to_owned(),
                "perPage".to_owned(),
                "items".to_owned(),
                total,
            )
        })
    }

    /// Parameters (`path_only` for a resource's path parameters); `page_params` get
    /// `format: int64`.
    fn params(
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
                let style = match (location.as_str(), ty.as_deref(), style) {
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

    /// Success and error responses, in source order.
    fn responses(
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

/// The text of a JSON string value.
fn text(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}
