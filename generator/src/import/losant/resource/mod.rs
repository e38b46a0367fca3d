//! One resource of `apiInfo.json` and its docs page to a `resource:` spec file.
//!
//! Not transcribed, on purpose: the resource's `links` (the HAL links Losant's own web app
//! follows; the client has an accessor per resource instead) and the `auth` lists of
//! `apiInfo.json` (the permission each action checks on the server; the docs page lists every
//! scope that grants it, and that list is what `scopes` says).

mod pagination;
mod params;
mod responses;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::docs::{DocAction, DocAuth, DocPage};
use super::fixes::{self, show};
use super::report::{Loc, Report};
use super::schema::Transcriber;
use super::source::kind;
use crate::import::yaml_writer::{Entry, Node};
use pagination::Paging;

/// The methods the spec format knows.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/// What `denyOauthTokens: true` means, in the action's description.
const DENY_OAUTH: &str =
    "OAuth tokens are refused by this action: call it with an API or user token.";
/// What `allowUnverified: true` means, in the action's description.
const ALLOW_UNVERIFIED: &str =
    "Users whose email address is not verified yet may call this action.";
/// Why an action the docs say needs no token still sends one when the client has it.
const OPTIONAL_AUTH: &str = "The docs say no token is needed, but this resource's other actions \
take one (a private item opens with a token): the token is sent when the client has one.";

/// The comment on an action its docs page does not document (the event streams).
const NO_SECTION: &str = "The docs page has no section for this action: no scopes are documented.";

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

    /// Where problems go.
    pub(super) fn report(&mut self) -> &mut Report {
        self.schemas.report
    }

    /// Reports every key left in `rest`: nothing the importer does not know is dropped.
    pub(super) fn leftovers(&mut self, rest: Map<String, Value>, at: &Loc) {
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
        let mut comments = fixes::take_comments(&mut a);
        let mut node = Node::map();
        node.insert("name", Node::str(name));
        let (summary, description) = self.summary(name, &mut a, doc, at);
        node.insert("summary", Node::str(summary));
        if let Some(description) = description {
            node.insert("description", Node::str(description));
        }
        self.method_and_path(&mut a, at, &mut node);
        self.auth(doc, scoped, at, &mut node, &mut comments);
        // The server-side permission; the docs' scope list (above) is what a token needs.
        a.remove("auth");
        let sse = a.remove("sseStream") == Some(Value::Bool(true));
        let responses = match a.remove("responses") {
            Some(Value::Object(r)) => r,
            other => {
                let found = other.as_ref().map_or("nothing", kind);
                self.report().unexpressed(
                    &at.child("responses"),
                    format!("expected responses, found {found}"),
                );
                Map::new()
            }
        };
        let pagination = self.pagination(&a, &responses);
        let page_params = pagination.as_ref().map_or_else(Vec::new, Paging::params);
        let parameters = self.params(a.remove("params"), &at.child("params"), false, &page_params);
        if !parameters.is_empty() {
            node.insert("parameters", Node::Seq(parameters));
        }
        if let Some(pagination) = pagination {
            node.insert("pagination", pagination.node());
        }
        let (ok, errors) = self.responses(responses, &at.child("responses"), sse);
        node.insert("responses", Node::Map(ok));
        if !errors.is_empty() {
            node.insert("errors", Node::Map(errors));
        }
        self.leftovers(a, at);
        Entry { node, comments }
    }

    /// The summary, and the description with what `denyOauthTokens` and `allowUnverified` say.
    fn summary(
        &mut self,
        name: &str,
        a: &mut Map<String, Value>,
        doc: Option<&DocAction>,
        at: &Loc,
    ) -> (String, Option<String>) {
        let mut description = text(a.remove("description"));
        let summary = match text(a.remove("summary")) {
            Some(summary) => summary,
            // apiInfo.json gives some actions a description and no summary; the docs page shows
            // it as the summary.
            None => match description.take() {
                Some(description) => description,
                None => match doc.map(|d| d.summary.clone()).filter(|s| !s.is_empty()) {
                    Some(summary) => summary,
                    None => {
                        self.report().unexpressed(at, "no summary");
                        name.to_owned()
                    }
                },
            },
        };
        let mut parts: Vec<String> = description.into_iter().collect();
        if a.remove("denyOauthTokens") == Some(Value::Bool(true)) {
            parts.push(DENY_OAUTH.to_owned());
        }
        if a.remove("allowUnverified") == Some(Value::Bool(true)) {
            parts.push(ALLOW_UNVERIFIED.to_owned());
        }
        let description = (!parts.is_empty()).then(|| parts.join(" "));
        (summary, description)
    }

    /// `method` and the `path` suffix.
    fn method_and_path(&mut self, a: &mut Map<String, Value>, at: &Loc, node: &mut Node) {
        match a.remove("method") {
            Some(Value::String(m)) if METHODS.contains(&m.as_str()) => {
                node.insert("method", Node::str(m));
            }
            other => {
                let found = other.as_ref().map_or("(none)".into(), show);
                self.report()
                    .unexpressed(&at.child("method"), format!("unknown method {found}"));
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
    }

    /// `scopes` from the docs page, or `auth: none` for an action that hands out tokens (on a
    /// resource whose actions all need none).
    fn auth(
        &mut self,
        doc: Option<&DocAction>,
        scoped: bool,
        at: &Loc,
        node: &mut Node,
        comments: &mut Vec<String>,
    ) {
        match doc.map(|d| &d.auth) {
            Some(DocAuth::Scopes(scopes)) => {
                node.insert("scopes", Node::from(Value::from(scopes.clone())));
            }
            Some(DocAuth::NoToken) if !scoped => node.insert("auth", Node::str("none")),
            // The docs say no token is needed, yet the resource's other actions take one: a
            // public item that a token opens further (a private dashboard).
            Some(DocAuth::NoToken) => {
                comments.push(OPTIONAL_AUTH.into());
                node.insert("auth", Node::str("optional"));
            }
            Some(DocAuth::Missing) => {}
            Some(DocAuth::Other(text)) => self.report().unexpressed(
                at,
                format!("the docs' Authentication part is not understood: {text}"),
            ),
            None => comments.push(NO_SECTION.into()),
        }
    }
}

/// The text of a JSON string value.
pub(super) fn text(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}
