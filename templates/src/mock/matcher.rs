//! What an expectation compares a request with: path, query and header values, the body, the
//! parts of a multipart body and the fields of a form. Each matcher says why a request fails it.

use std::fmt;

use bytes::Bytes;
use serde_json::Value;

use super::deep;
use super::request::Received;
use super::spec::{ListStyle, Location};

/// One condition on a request. Generated typed setters build these; the constructors encode a
/// value the way the client does, so that a typed value matches what the client sends.
#[derive(Debug, Clone)]
pub struct Matcher {
    kind: Kind,
    /// The value is a secret: descriptions never show it.
    sensitive: bool,
}

#[derive(Debug, Clone)]
enum Kind {
    Path(&'static str, String),
    Query(String, QueryValue),
    Header(String, String),
    BodyJson(Value),
    BodyBytes(Bytes),
    Part(String, PartValue),
    Form(String, String),
    /// A value that could not be encoded: it never matches, and the expectation says why.
    Invalid(String),
}

#[derive(Debug, Clone)]
enum QueryValue {
    Text(String),
    List(Vec<String>, ListStyle),
    Json(Value),
    Deep(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
enum PartValue {
    Text(String),
    Json(Value),
    Bytes(Bytes),
    FileName(String),
}

impl Matcher {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            sensitive: false,
        }
    }

    /// The path parameter `name` is `value`.
    pub fn path(name: &'static str, value: impl Into<String>) -> Self {
        Self::new(Kind::Path(name, value.into()))
    }

    /// The query parameter `name` is `value` (one occurrence with exactly this value).
    pub fn query(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(Kind::Query(name.into(), QueryValue::Text(value.into())))
    }

    /// The list query parameter `name` holds exactly `values`, in order.
    pub fn query_list(name: impl Into<String>, values: Vec<String>, style: ListStyle) -> Self {
        Self::new(Kind::Query(name.into(), QueryValue::List(values, style)))
    }

    /// The query parameter `name` is `value` as JSON text (compared as JSON).
    pub fn query_json<T: serde::Serialize + ?Sized>(name: impl Into<String>, value: &T) -> Self {
        let name = name.into();
        match serde_json::to_value(value) {
            Ok(json) => Self::new(Kind::Query(name, QueryValue::Json(json))),
            Err(e) => Self::invalid(format!("query {name} cannot be encoded as JSON: {e}")),
        }
    }

    /// The query parameter `name` is `value` in bracket notation (compared pair by pair).
    pub fn query_deep<T: serde::Serialize + ?Sized>(name: impl Into<String>, value: &T) -> Self {
        let name = name.into();
        match serde_json::to_value(value) {
            Ok(json) => {
                let pairs = deep::pairs(&name, &json);
                Self::new(Kind::Query(name, QueryValue::Deep(pairs)))
            }
            Err(e) => Self::invalid(format!("query {name} cannot be encoded: {e}")),
        }
    }

    /// The header `name` is `value` (one of its values, if sent several times).
    pub fn header(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(Kind::Header(name.into(), value.into()))
    }

    /// The body is `value` as JSON (compared as JSON: key order and spacing do not matter).
    pub fn body_json<T: serde::Serialize + ?Sized>(value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(json) => Self::new(Kind::BodyJson(json)),
            Err(e) => Self::invalid(format!("the body cannot be encoded as JSON: {e}")),
        }
    }

    /// The body is exactly these bytes (a raw or text body).
    pub fn body_bytes(body: impl Into<Bytes>) -> Self {
        Self::new(Kind::BodyBytes(body.into()))
    }

    /// The multipart body has a part `name` whose content is the text `value`.
    pub fn part(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(Kind::Part(name.into(), PartValue::Text(value.into())))
    }

    /// The multipart body has a part `name` holding `value` as JSON (compared as JSON).
    pub fn part_json<T: serde::Serialize + ?Sized>(name: impl Into<String>, value: &T) -> Self {
        let name = name.into();
        match serde_json::to_value(value) {
            Ok(json) => Self::new(Kind::Part(name, PartValue::Json(json))),
            Err(e) => Self::invalid(format!("part {name} cannot be encoded as JSON: {e}")),
        }
    }

    /// The multipart body has a part `name` with exactly this content.
    pub fn part_bytes(name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self::new(Kind::Part(name.into(), PartValue::Bytes(content.into())))
    }

    /// The multipart body has a file part `name` with this file name.
    pub fn file_name(name: impl Into<String>, file_name: impl Into<String>) -> Self {
        Self::new(Kind::Part(
            name.into(),
            PartValue::FileName(file_name.into()),
        ))
    }

    /// The form body has a field `name` whose value is `value`.
    pub fn form(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(Kind::Form(name.into(), value.into()))
    }

    /// The value is a secret: the expectation's description and diagnostics do not show it.
    #[must_use]
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    fn invalid(reason: String) -> Self {
        Self::new(Kind::Invalid(reason))
    }

    /// Why this matcher can never match, when its value could not be encoded.
    pub(crate) fn invalid_reason(&self) -> Option<&str> {
        match &self.kind {
            Kind::Invalid(reason) => Some(reason),
            _ => None,
        }
    }

    /// The path, query or header parameter this matcher compares, with its single text value:
    /// what the spec can check at registration.
    pub(crate) fn param_value(&self) -> Option<(Location, &str, &str)> {
        match &self.kind {
            Kind::Path(name, value) => Some((Location::Path, name, value)),
            Kind::Query(name, QueryValue::Text(value)) => Some((Location::Query, name, value)),
            Kind::Header(name, value) => Some((Location::Header, name, value)),
            _ => None,
        }
    }

    /// `Ok` when `request` (with its routed path parameters) satisfies the matcher, else why not.
    pub(crate) fn check(&self, request: &Received, path: &[(&str, String)]) -> Result<(), String> {
        match &self.kind {
            Kind::Path(name, want) => {
                let got = path.iter().find(|(n, _)| n == name).map(|(_, v)| v);
                match got {
                    Some(got) if got == want => Ok(()),
                    Some(got) => Err(format!(
                        "path parameter {name} is {}, expected {}",
                        self.show(got),
                        self.show(want)
                    )),
                    None => Err(format!("the route has no path parameter {name}")),
                }
            }
            Kind::Query(name, want) => self.check_query(request, name, want),
            Kind::Header(name, want) => {
                let got = request.header_values(name);
                if got.iter().any(|g| g == want) {
                    return Ok(());
                }
                match got.first() {
                    None => Err(format!("header {name} is missing")),
                    Some(first) => Err(format!(
                        "header {name} is {}, expected {}",
                        self.show(first),
                        self.show(want)
                    )),
                }
            }
            Kind::BodyJson(want) => {
                let got: Value = serde_json::from_slice(&request.body)
                    .map_err(|e| format!("the body is not JSON: {e}"))?;
                match first_difference(want, &got, &mut String::new()) {
                    None => Ok(()),
                    Some(difference) => Err(format!("the body differs: {difference}")),
                }
            }
            Kind::BodyBytes(want) => {
                if request.body == *want {
                    Ok(())
                } else {
                    Err(format!(
                        "the body is {} bytes that differ from the expected {} bytes",
                        request.body.len(),
                        want.len()
                    ))
                }
            }
            Kind::Part(name, want) => self.check_part(request, name, want),
            Kind::Form(name, want) => {
                let fields = request.form_fields();
                let got = fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
                match got {
                    Some(got) if got == want => Ok(()),
                    Some(got) => Err(format!(
                        "form field {name} is {}, expected {}",
                        self.show(got),
                        self.show(want)
                    )),
                    None => Err(format!("form field {name} is missing")),
                }
            }
            Kind::Invalid(reason) => Err(reason.clone()),
        }
    }

    fn check_query(&self, request: &Received, name: &str, want: &QueryValue) -> Result<(), String> {
        let missing = || format!("query {name} is missing");
        match want {
            QueryValue::Text(want) => {
                let got = request.query_values(name);
                if got.iter().any(|g| g == want) {
                    return Ok(());
                }
                let first = got.first().ok_or_else(missing)?;
                Err(format!(
                    "query {name} is {}, expected {}",
                    self.show(first),
                    self.show(want)
                ))
            }
            QueryValue::List(want, style) => {
                let got = request.list_values(name, *style);
                if got == *want {
                    Ok(())
                } else if got.is_empty() {
                    Err(missing())
                } else {
                    Err(format!("query {name} is {got:?}, expected {want:?}"))
                }
            }
            QueryValue::Json(want) => {
                let text = request
                    .query_values(name)
                    .into_iter()
                    .next()
                    .ok_or_else(missing)?;
                let got: Value = serde_json::from_str(&text)
                    .map_err(|e| format!("query {name} is not JSON: {e}"))?;
                match first_difference(want, &got, &mut String::new()) {
                    None => Ok(()),
                    Some(difference) => Err(format!("query {name} differs: {difference}")),
                }
            }
            QueryValue::Deep(want) => {
                let mut got = request.deep_pairs(name);
                let mut want = want.clone();
                got.sort();
                want.sort();
                if got == want {
                    Ok(())
                } else if got.is_empty() {
                    Err(missing())
                } else {
                    Err(format!("query {name} is {got:?}, expected {want:?}"))
                }
            }
        }
    }

    fn check_part(&self, request: &Received, name: &str, want: &PartValue) -> Result<(), String> {
        let parts = request.parts()?;
        let Some(part) = parts.iter().find(|p| p.name == name) else {
            return Err(format!("part {name} is missing"));
        };
        match want {
            PartValue::Text(want) => {
                let got = part.text();
                if got == *want {
                    Ok(())
                } else {
                    Err(format!(
                        "part {name} is {}, expected {}",
                        self.show(&got),
                        self.show(want)
                    ))
                }
            }
            PartValue::Json(want) => {
                let got: Value = serde_json::from_slice(&part.body)
                    .map_err(|e| format!("part {name} is not JSON: {e}"))?;
                match first_difference(want, &got, &mut String::new()) {
                    None => Ok(()),
                    Some(difference) => Err(format!("part {name} differs: {difference}")),
                }
            }
            PartValue::Bytes(want) => {
                if part.body == *want {
                    Ok(())
                } else {
                    Err(format!(
                        "part {name} holds {} bytes that differ from the expected {} bytes",
                        part.body.len(),
                        want.len()
                    ))
                }
            }
            PartValue::FileName(want) => match &part.file_name {
                Some(got) if got == want => Ok(()),
                Some(got) => Err(format!(
                    "part {name} has the file name {got:?}, expected {want:?}"
                )),
                None => Err(format!("part {name} has no file name, expected {want:?}")),
            },
        }
    }

    /// A value as diagnostics show it: quoted, or `<redacted>` for a secret.
    fn show(&self, value: &str) -> String {
        if self.sensitive {
            "<redacted>".to_owned()
        } else {
            format!("{value:?}")
        }
    }
}

impl fmt::Display for Matcher {
    /// `orgId = "575e…"`, `query page = "2"`, `body = {"name":"x"}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Path(name, value) => write!(f, "{name} = {}", self.show(value)),
            Kind::Query(name, QueryValue::Text(value)) => {
                write!(f, "query {name} = {}", self.show(value))
            }
            Kind::Query(name, QueryValue::List(values, _)) => {
                write!(f, "query {name} = {values:?}")
            }
            Kind::Query(name, QueryValue::Json(value)) => {
                write!(f, "query {name} = {}", short_json(value))
            }
            Kind::Query(name, QueryValue::Deep(pairs)) => write!(f, "query {name} = {pairs:?}"),
            Kind::Header(name, value) => write!(f, "header {name} = {}", self.show(value)),
            Kind::BodyJson(_) if self.sensitive => f.write_str("body = <redacted>"),
            Kind::BodyJson(value) => write!(f, "body = {}", short_json(value)),
            Kind::BodyBytes(bytes) => write!(f, "body = {} bytes", bytes.len()),
            Kind::Part(name, PartValue::Text(value)) => {
                write!(f, "part {name} = {}", self.show(value))
            }
            Kind::Part(name, PartValue::Json(value)) => {
                write!(f, "part {name} = {}", short_json(value))
            }
            Kind::Part(name, PartValue::Bytes(bytes)) => {
                write!(f, "part {name} = {} bytes", bytes.len())
            }
            Kind::Part(name, PartValue::FileName(file)) => {
                write!(f, "part {name} with file name {file:?}")
            }
            Kind::Form(name, value) => write!(f, "form field {name} = {}", self.show(value)),
            Kind::Invalid(reason) => write!(f, "(invalid: {reason})"),
        }
    }
}

/// At most 200 characters of `value` as JSON.
pub(crate) fn short_json(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

/// The first place where `got` differs from `want`, as `at /a/0: expected 1, got 2`.
pub(crate) fn first_difference(want: &Value, got: &Value, at: &mut String) -> Option<String> {
    let here = |at: &String| {
        if at.is_empty() {
            "/".to_owned()
        } else {
            at.clone()
        }
    };
    match (want, got) {
        (Value::Object(want), Value::Object(got)) => {
            for (key, w) in want {
                let len = at.len();
                at.push('/');
                at.push_str(key);
                let found = match got.get(key) {
                    Some(g) => first_difference(w, g, at),
                    None => Some(format!("at {at}: missing, expected {}", short_json(w))),
                };
                at.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            got.keys()
                .find(|key| !want.contains_key(*key))
                .map(|key| format!("at {}: unexpected key {key:?}", here(at)))
        }
        (Value::Array(want), Value::Array(got)) if want.len() == got.len() => {
            want.iter().zip(got).enumerate().find_map(|(i, (w, g))| {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                let found = first_difference(w, g, at);
                at.truncate(len);
                found
            })
        }
        (want, got) if want == got => None,
        (want, got) => Some(format!(
            "at {}: expected {}, got {}",
            here(at),
            short_json(want),
            short_json(got)
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::first_difference;

    #[test]
    fn differences_name_the_first_differing_place() {
        let want = json!({"a": {"b": [1, 2]}, "c": "x"});
        assert_eq!(
            first_difference(&want, &want.clone(), &mut String::new()),
            None
        );
        let got = json!({"a": {"b": [1, 3]}, "c": "x"});
        assert_eq!(
            first_difference(&want, &got, &mut String::new()).as_deref(),
            Some("at /a/b/1: expected 2, got 3")
        );
        let got = json!({"a": {"b": [1, 2]}});
        assert_eq!(
            first_difference(&want, &got, &mut String::new()).as_deref(),
            Some("at /c: missing, expected \"x\"")
        );
        let got = json!({"a": {"b": [1, 2]}, "c": "x", "d": 1});
        assert_eq!(
            first_difference(&want, &got, &mut String::new()).as_deref(),
            Some("at /: unexpected key \"d\"")
        );
    }
}
