//! Rustdoc text: spec prose made safe for rustdoc's lints (`-D warnings` in CI), and `#[doc]`
//! attributes from lines.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{NumberConstraints, Schema, SchemaKind};

/// `#[doc = "..."]` attributes, one per line, with a blank line between paragraphs.
pub fn doc_attrs<S: AsRef<str>>(paragraphs: &[S]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| !p.trim().is_empty())
    {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(
            p.trim_end()
                .lines()
                .map(|l| format!(" {l}").trim_end().to_owned()),
        );
    }
    quote! { #( #[doc = #lines] )* }
}

/// Prose from a spec, safe for rustdoc: outside code spans, brackets are escaped (they would
/// read as intra-doc links), `<`/`>` become entities (they would read as HTML tags) and bare
/// URLs are wrapped in `<…>`.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let escaped = part
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('[', "\\[")
            .replace(']', "\\]");
        out.push_str(&wrap_urls(&escaped));
    }
    // An odd number of backticks leaves a code span open; close it so rustdoc does not warn.
    if text.matches('`').count() % 2 == 1 {
        out.push('`');
    }
    out
}

fn wrap_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut rest = text;
    while let Some(start) = ["http://", "https://"]
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
    {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '\\'))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &tail[url.len()..];
    }
    out.push_str(rest);
    out
}

/// Inline code: the value in backticks, with backticks inside replaced so the span stays one.
pub fn code(value: &str) -> String {
    if value.is_empty() {
        return "`\"\"`".into();
    }
    format!("`{}`", value.replace('`', "'"))
}

/// The documented constraints of a schema, as one sentence each: format, pattern, lengths,
/// limits, item counts, defaults, examples.
pub fn schema_facts(schema: &Schema) -> Vec<String> {
    let mut facts = Vec::new();
    match &schema.kind {
        SchemaKind::String(s) => {
            if let Some(f) = &s.format {
                facts.push(format!("Format: {}.", code(f)));
            }
            if let Some(p) = &s.pattern {
                facts.push(format!("Pattern: {}.", code(p)));
            }
            range(&mut facts, s.min_length, s.max_length, "characters");
        }
        SchemaKind::Integer { constraints, .. } | SchemaKind::Number { constraints, .. } => {
            number_facts(&mut facts, constraints);
        }
        SchemaKind::Array(array) => {
            range(&mut facts, array.min_items, array.max_items, "items");
            if array.unique_items {
                facts.push("Items are unique.".into());
            }
        }
        SchemaKind::Object(object) => {
            if let Some(p) = &object.key_pattern {
                facts.push(format!("Keys match {}.", code(p)));
            }
            range(
                &mut facts,
                object.min_properties,
                object.max_properties,
                "keys",
            );
        }
        SchemaKind::Boolean { values } if values.len() == 1 => {
            if let Some(v) = values.first() {
                facts.push(format!("Always `{v}`."));
            }
        }
        _ => {}
    }
    if schema.read_only {
        facts.push("Read-only: set by the server.".into());
    }
    if schema.write_only {
        facts.push("Write-only: sent, never returned.".into());
    }
    if schema.sensitive {
        facts.push("Sensitive: printed as `<redacted>` by `Debug`.".into());
    }
    if let Some(d) = &schema.default {
        facts.push(format!("Default: {}.", code(&value_text(d))));
    }
    if let Some(e) = &schema.example {
        facts.push(format!("Example: {}.", code(&value_text(e))));
    }
    facts
}

fn number_facts(facts: &mut Vec<String>, c: &NumberConstraints) {
    if let Some(f) = &c.format {
        facts.push(format!("Format: {}.", code(f)));
    }
    match (c.minimum, c.maximum) {
        (Some(lo), Some(hi)) => facts.push(format!("From {lo} to {hi}.")),
        (Some(lo), None) => facts.push(format!("At least {lo}.")),
        (None, Some(hi)) => facts.push(format!("At most {hi}.")),
        (None, None) => {}
    }
    if let Some(v) = c.exclusive_minimum {
        facts.push(format!("Greater than {v}."));
    }
    if let Some(v) = c.exclusive_maximum {
        facts.push(format!("Less than {v}."));
    }
    if let Some(v) = c.multiple_of {
        facts.push(format!("A multiple of {v}."));
    }
}

fn range(facts: &mut Vec<String>, lo: Option<u64>, hi: Option<u64>, what: &str) {
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo == hi => facts.push(format!("Exactly {lo} {what}.")),
        (Some(lo), Some(hi)) => facts.push(format!("{lo} to {hi} {what}.")),
        (Some(lo), None) => facts.push(format!("At least {lo} {what}.")),
        (None, Some(hi)) => facts.push(format!("At most {hi} {what}.")),
        (None, None) => {}
    }
}

/// A JSON value as a person writes it: strings unquoted.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The paragraphs documenting a schema: title, description, then its facts on one line.
pub fn schema_docs(schema: &Schema) -> Vec<String> {
    let mut docs = Vec::new();
    if let Some(t) = &schema.title {
        docs.push(prose(t));
    }
    if let Some(d) = &schema.description {
        docs.push(prose(d));
    }
    let facts = schema_facts(schema);
    if !facts.is_empty() {
        docs.push(facts.join(" "));
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_rustdoc_safe() {
        assert_eq!(prose("see [RFC3986] <b>"), "see \\[RFC3986\\] &lt;b&gt;");
        assert_eq!(prose("at https://a.b/c. Next"), "at <https://a.b/c>. Next");
        assert_eq!(prose("`[keep]` [x]"), "`[keep]` \\[x\\]");
        assert_eq!(prose("odd ` tick"), "odd ` tick`");
    }
}
