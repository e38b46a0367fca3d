//! Writes spec files: a small YAML tree with comments, printed in the layout the hand-written
//! specs use (block mappings, flow style for short lists and short mappings of scalars).
//!
//! serde_yaml cannot write comments, and an importer's named fixes must land as a comment next
//! to what they fix, so importers build a [`Node`] tree and [`render`] prints it. Output is
//! deterministic and reads back through the loader with the same values (strings that YAML would
//! read as numbers, booleans or null are quoted).

use serde_json::Value;

/// Longest line a flow collection may make before it is written as a block.
const FLOW_WIDTH: usize = 100;

/// A YAML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar: a JSON string, number, boolean or null.
    Scalar(Value),
    /// A list.
    Seq(Vec<Entry>),
    /// A mapping, in order.
    Map(Vec<(String, Entry)>),
}

/// A value with the comment lines written above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value.
    pub node: Node,
    /// Comment lines, without `#`.
    pub comments: Vec<String>,
}

impl From<Node> for Entry {
    fn from(node: Node) -> Self {
        Self {
            node,
            comments: Vec::new(),
        }
    }
}

impl Node {
    /// A string scalar.
    pub fn str(s: impl Into<String>) -> Self {
        Node::Scalar(Value::String(s.into()))
    }

    /// An empty mapping, to push entries into.
    pub fn map() -> Self {
        Node::Map(Vec::new())
    }

    /// Appends `key: value` to a mapping (does nothing on other nodes).
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Entry>) {
        if let Node::Map(entries) = self {
            entries.push((key.into(), value.into()));
        }
    }

    /// Appends `key: value` with a comment above it.
    pub fn insert_commented(&mut self, key: impl Into<String>, value: Node, comment: &str) {
        let mut entry = Entry::from(value);
        entry.comments.extend(comment.lines().map(str::to_owned));
        self.insert(key, entry);
    }

    /// Whether this is a mapping or a list with nothing in it.
    pub fn is_empty_collection(&self) -> bool {
        matches!(self, Node::Map(m) if m.is_empty()) || matches!(self, Node::Seq(s) if s.is_empty())
    }
}

impl From<Value> for Node {
    /// Objects become mappings and arrays lists, recursively.
    fn from(value: Value) -> Self {
        match value {
            Value::Array(items) => Node::Seq(
                items
                    .into_iter()
                    .map(|v| Entry::from(Node::from(v)))
                    .collect(),
            ),
            Value::Object(map) => Node::Map(
                map.into_iter()
                    .map(|(k, v)| (k, Entry::from(Node::from(v))))
                    .collect(),
            ),
            scalar => Node::Scalar(scalar),
        }
    }
}

/// The text of a spec file: `header` comment lines, then `root`, ending with a newline.
pub fn render(header: &[&str], root: &Node) -> String {
    let mut out = String::new();
    for line in header {
        push_comment(&mut out, 0, line);
    }
    match root {
        Node::Map(entries) => write_map(&mut out, 0, entries),
        Node::Seq(items) => write_seq(&mut out, 0, items),
        Node::Scalar(v) => {
            out.push_str(&scalar(v));
            out.push('\n');
        }
    }
    out
}

fn write_map(out: &mut String, indent: usize, entries: &[(String, Entry)]) {
    for (key, entry) in entries {
        for comment in &entry.comments {
            push_comment(out, indent, comment);
        }
        pad(out, indent);
        out.push_str(&key_text(key));
        out.push(':');
        write_value(out, indent, key.chars().count() + 2, &entry.node);
    }
}

fn write_seq(out: &mut String, indent: usize, items: &[Entry]) {
    for entry in items {
        for comment in &entry.comments {
            push_comment(out, indent, comment);
        }
        pad(out, indent);
        out.push('-');
        match &entry.node {
            // `- key: value` with the rest of the mapping aligned under the first key. Items
            // of a list are always written as blocks, as the hand-written specs write their
            // parameters and actions (`- name: get` then one key per line), even when short.
            // (Fix: a short mapping of scalars used to be written `- {name: get, method: GET}`,
            // which `layout_matches_hand_written_specs` refused.)
            Node::Map(entries) if !entries.is_empty() => {
                out.push(' ');
                let mut rest = String::new();
                write_map(&mut rest, indent + 2, entries);
                out.push_str(rest.trim_start());
            }
            node => write_value(out, indent, 2, node),
        }
    }
}

/// Writes what follows `key:` or `-`: a scalar or flow collection on the same line, or a block
/// on the next lines. `used` is how much of the line the key took.
fn write_value(out: &mut String, indent: usize, used: usize, node: &Node) {
    if let Node::Scalar(value) = node {
        write_scalar(out, indent, used, value);
        return;
    }
    if let Some(text) = flow(node).filter(|t| indent + used + t.len() <= FLOW_WIDTH) {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    out.push('\n');
    match node {
        Node::Map(entries) => write_map(out, indent + 2, entries),
        Node::Seq(items) => write_seq(out, indent + 2, items),
        Node::Scalar(v) => {
            // A scalar too long for the line still goes on one line: YAML folding would change
            // nothing but the layout, and one line diffs better.
            pad(out, indent + 2);
            out.push_str(&scalar(v));
            out.push('\n');
        }
    }
}

/// Writes a scalar value after `key:` or `-`: on the same line when it fits, else a long text as
/// a folded block (`>-`, wrapped at [`FLOW_WIDTH`]) when folding reads it back unchanged, else
/// on the next line. (Extension for the importers: long descriptions used to be one quoted line
/// each, and commas forced quotes even outside flow collections, where YAML allows them.)
fn write_scalar(out: &mut String, indent: usize, used: usize, value: &Value) {
    let text = match value {
        Value::String(s) => block_string(s),
        other => scalar(other),
    };
    if indent + used + text.len() < FLOW_WIDTH {
        out.push(' ');
        out.push_str(&text);
        out.push('\n');
        return;
    }
    if let Value::String(s) = value {
        if foldable(s) {
            out.push_str(" >-\n");
            let width = FLOW_WIDTH.saturating_sub(indent + 2).max(20);
            for line in wrap(s, width) {
                pad(out, indent + 2);
                out.push_str(&line);
                out.push('\n');
            }
            return;
        }
    }
    // A scalar too long for the line that cannot be folded still goes on one line: one line
    // diffs better than an escaped multi-line string.
    out.push('\n');
    pad(out, indent + 2);
    out.push_str(&text);
    out.push('\n');
}

/// Whether a folded block scalar (`>-`) reads back as exactly `s`: one line of printable text
/// whose words are separated by single spaces.
fn foldable(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && !s.contains("  ") && !s.chars().any(|c| c.is_control())
}

/// The words of `s` on lines of at most `width` characters (a longer word gets its own line).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// A string outside flow collections: commas and brackets need no quotes there.
fn block_string(s: &str) -> String {
    let without_flow = s.replace([',', '[', ']', '{', '}'], "x");
    let starts_with_flow = s.starts_with(['[', ']', '{', '}', ',']);
    if !starts_with_flow && is_plain_safe(&without_flow) && is_plain_safe_chars(s) {
        s.to_owned()
    } else {
        string(s)
    }
}

/// The one-line form of `node`, when it has one: scalars, and collections of scalars without
/// comments.
fn flow(node: &Node) -> Option<String> {
    match node {
        Node::Scalar(v) => Some(scalar(v)),
        Node::Seq(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|e| match &e.node {
                    Node::Scalar(v) if e.comments.is_empty() => Some(scalar(v)),
                    _ => None,
                })
                .collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
        Node::Map(entries) => {
            let parts: Option<Vec<String>> = entries
                .iter()
                .map(|(k, e)| match &e.node {
                    Node::Scalar(v) if e.comments.is_empty() => {
                        Some(format!("{}: {}", key_text(k), scalar(v)))
                    }
                    _ => None,
                })
                .collect();
            Some(format!("{{{}}}", parts?.join(", ")))
        }
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let text = n.to_string();
            // `1e3` and `1.0` must read back as the number they are.
            if n.is_f64() && !text.contains(['.', 'e', 'E']) {
                format!("{text}.0")
            } else {
                text
            }
        }
        Value::String(s) => string(s),
        // Collections are written by the caller; a nested one here is written as JSON, which is
        // valid YAML flow syntax.
        other => other.to_string(),
    }
}

/// A mapping key. Spec keys are read as text, so numbers and booleans stay plain (`200:`, as
/// the hand-written specs write status codes); only what would read as null is quoted.
fn key_text(key: &str) -> String {
    let reads_as_text = key.parse::<f64>().is_ok() && !key.contains(char::is_whitespace)
        || matches!(key, "true" | "false");
    if reads_as_text {
        key.to_owned()
    } else {
        string(key)
    }
}

/// A string as a plain scalar when YAML reads it back as the same string, else quoted.
fn string(s: &str) -> String {
    if is_plain_safe(s) {
        return s.to_owned();
    }
    if s.chars().any(|c| c.is_control()) {
        // Double quotes are the only style that can escape control characters.
        return serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
    }
    format!("'{}'", s.replace('\'', "''"))
}

/// Whether every character of `s` may stand in a plain scalar (ASCII, no control characters).
fn is_plain_safe_chars(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii() && !c.is_control())
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved = matches!(
        s,
        "~" | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | "Yes"
            | "No"
            | "On"
            | "Off"
    );
    let numeric = s.parse::<f64>().is_ok()
        || s.starts_with(['.', '+', '-']) && s.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        || s.starts_with("0x")
        || s.starts_with("0o")
        || s.eq_ignore_ascii_case(".inf")
        || s.eq_ignore_ascii_case(".nan");
    let bad_start = "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace();
    let bad_inside = s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.ends_with(char::is_whitespace)
        || s.contains(['\n', '\r', '\t', ',', '[', ']', '{', '}'])
        || s.chars().any(|c| c.is_control() || !c.is_ascii());
    !(reserved || numeric || bad_start || bad_inside)
}

fn push_comment(out: &mut String, indent: usize, text: &str) {
    pad(out, indent);
    if text.is_empty() {
        out.push_str("#\n");
    } else {
        out.push_str("# ");
        out.push_str(text.trim_end());
        out.push('\n');
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::load::yaml;

    /// Reads `text` back with the loader's YAML parser as JSON.
    fn read_back(text: &str) -> Value {
        let (root, problems) = yaml::parse(text);
        assert!(problems.is_empty(), "{problems:?}\n{text}");
        root.as_ref().map_or(Value::Null, yaml::Node::to_json)
    }

    #[test]
    fn values_read_back_unchanged() {
        let value = json!({
            "strings": ["0", "1.5", "true", "null", "~", "yes", "", " lead", "trail ", "a: b",
                        "a #b", "#x", "-x", "- x", "it's", "tab\there", "line\nbreak", "é",
                        "{{dashboard.duration}}", "[x]", "a,b", "ok_plain-text.value",
                        "/orgs/{orgId}/x[0]", "a, b: c", "- a, b", "{x}, y", "word, ".repeat(40).trim().to_owned(),
                        format!("{} #not a comment: {}", "long text ".repeat(12).trim(), "end")],
            "numbers": [0, -1, 1.5, 1e21, 86400000],
            "flags": [true, false, null],
            "nested": {"deep": {"list": [{"a": 1, "b": [1, 2]}, {"c": {}}], "empty": []}},
            "odd key: here": "v",
            "'quoted'": 1
        });
        let text = render(&["header"], &Node::from(value.clone()));
        assert_eq!(read_back(&text), value, "{text}");
    }

    #[test]
    fn layout_matches_hand_written_specs() {
        let mut root = Node::map();
        let mut api = Node::map();
        api.insert("name", Node::str("org"));
        api.insert_commented(
            "scopes",
            Node::from(json!(["all.Organization", "org.get"])),
            "Fix: the reason.",
        );
        api.insert(
            "responses",
            Node::from(json!({"200": {"model": "org", "description": "Organization information"}})),
        );
        let mut action = Node::map();
        action.insert("name", Node::str("get"));
        action.insert("method", Node::str("GET"));
        api.insert("actions", Node::Seq(vec![Entry::from(action)]));
        root.insert("resource", api);
        let text = render(
            &["yaml-language-server: $schema=../spec.schema.json"],
            &root,
        );
        let expected = "\
# yaml-language-server: $schema=../spec.schema.json
resource:
  name: org
  # Fix: the reason.
  scopes: [all.Organization, org.get]
  responses:
    200: {model: org, description: Organization information}
  actions:
    - name: get
      method: GET
";
        assert_eq!(text, expected);
    }
}
