//! `oneOf`/`anyOf` of schemas: flattened, `null` as `nullable`, string alternatives merged, a
//! discriminator found for objects that fix one property to distinct values.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::Transcriber;
use super::fields::{Fields, flag};
use crate::import::losant::report::Loc;
use crate::import::losant::source::kind;
use crate::import::yaml_writer::{Entry, Node};

/// Keys that leave a string free: any of them makes the merged string union keep no pattern.
const STRING_KEYS: &[&str] = &[
    "type",
    "enum",
    "pattern",
    "minLength",
    "maxLength",
    "format",
    "title",
    "description",
];

impl Transcriber<'_> {
    /// `oneOf` or `anyOf` of schemas.
    pub(super) fn union(
        &mut self,
        key: &str,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        comments: &mut Vec<String>,
    ) {
        let list = match s.remove(key) {
            Some(Value::Array(list)) => list,
            other => {
                let found = other.as_ref().map_or("nothing", kind);
                self.report.unexpressed(
                    &at.child(key),
                    format!("`{key}` must be a list, found {found}"),
                );
                out.set("type", Node::str("any"));
                return;
            }
        };
        let mut variants = Vec::new();
        flatten(list, &at.child(key), &mut variants);
        let before = variants.len();
        variants.retain(|(v, _)| v.get("type").and_then(Value::as_str) != Some("null"));
        if variants.len() < before {
            out.set("nullable", flag());
        }
        match variants.as_slice() {
            [] => {
                self.report.unexpressed(at, "a union of `null` alone");
                out.set("type", Node::str("any"));
            }
            [_] => {
                if let Some((variant, at)) = variants.pop() {
                    let (fields, more) = self.fields(variant, &at, None);
                    out.merge(fields);
                    comments.extend(more);
                }
            }
            _ if variants.iter().all(|(v, _)| is_plain_string(v)) => {
                merge_strings(&variants, out);
            }
            _ => {
                let items = self.alternatives(variants);
                out.merge(items);
            }
        }
    }

    /// The `one_of` of several alternatives, not all strings. Strings are merged into one
    /// alternative (a decoder could never choose between two strings), and objects told apart
    /// by a property become a discriminated union: the whole union when there is nothing else,
    /// else one alternative of its own next to the string.
    fn alternatives(&mut self, variants: Vec<(Value, Loc)>) -> Fields {
        let (strings, others): (Vec<_>, Vec<_>) =
            variants.into_iter().partition(|(v, _)| is_plain_string(v));
        let mut items: Vec<Entry> = Vec::new();
        match strings.as_slice() {
            [] => {}
            [(only, at)] => items.push(self.schema(only.clone(), at, None)),
            several => {
                let mut merged = Fields::default();
                merge_strings(several, &mut merged);
                items.push(Entry::from(merged.finish()));
            }
        }
        let discriminator = (others.len() > 1).then(|| discriminator(&others)).flatten();
        let objects: Vec<Entry> = others
            .into_iter()
            .map(|(v, at)| self.schema(v, &at, None))
            .collect();
        let Some(property) = discriminator else {
            items.extend(objects);
            let mut out = Fields::default();
            out.set("one_of", Node::Seq(items));
            return out;
        };
        let mut tagged = Fields::default();
        tagged.set("one_of", Node::Seq(objects));
        tagged.set("discriminator", discriminator_node(property));
        if items.is_empty() {
            return tagged;
        }
        // Scalars and lists beside the tagged objects: the tagged union is one alternative.
        items.push(Entry::from(tagged.finish()));
        let mut out = Fields::default();
        out.set("one_of", Node::Seq(items));
        out
    }
}

fn discriminator_node(property: String) -> Node {
    let mut d = Node::map();
    d.insert("property", Node::str(property));
    d
}

/// The union keyword of `s`, when it is a union of schemas (not of required-field sets).
pub(super) fn union_key(s: &Map<String, Value>) -> Option<&'static str> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find(|key| match s.get(*key) {
            Some(Value::Array(list)) => !is_required_sets(list),
            Some(_) => true,
            None => false,
        })
}

/// Whether every alternative only lists required fields.
pub(super) fn is_required_sets(list: &[Value]) -> bool {
    !list.is_empty()
        && list.iter().all(|v| {
            v.as_object().is_some_and(|o| {
                o.keys().all(|k| k == "required") && o.get("required").is_some_and(Value::is_array)
            })
        })
}

/// Appends the alternatives of `list` to `out`, splicing nested `oneOf`-only alternatives.
fn flatten(list: Vec<Value>, at: &Loc, out: &mut Vec<(Value, Loc)>) {
    for (i, item) in list.into_iter().enumerate() {
        let at = at.index(i);
        match item {
            Value::Object(mut o) if o.len() == 1 && o.get("oneOf").is_some_and(Value::is_array) => {
                if let Some(Value::Array(inner)) = o.remove("oneOf") {
                    flatten(inner, &at.child("oneOf"), out);
                }
            }
            other => out.push((other, at)),
        }
    }
}

/// Whether a union alternative is a string with nothing but string keys.
fn is_plain_string(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.get("type").and_then(Value::as_str) == Some("string")
            && o.keys().all(|k| STRING_KEYS.contains(&k.as_str()))
    })
}

/// Merges string alternatives into one string: accepted values united when every alternative
/// lists them, else patterns joined (enum values as literal alternatives) when every
/// alternative has one, and length limits kept when every alternative has them.
fn merge_strings(variants: &[(Value, Loc)], out: &mut Fields) {
    out.set("type", Node::str("string"));
    let objects: Vec<&Map<String, Value>> =
        variants.iter().filter_map(|(v, _)| v.as_object()).collect();
    let enums: Vec<Option<&Vec<Value>>> = objects
        .iter()
        .map(|o| o.get("enum").and_then(Value::as_array))
        .collect();
    if enums.iter().all(Option::is_some) {
        let mut values: Vec<Value> = Vec::new();
        for value in enums.iter().flatten().flat_map(|v| v.iter()) {
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
        out.set("enum", Node::from(Value::Array(values)));
        return;
    }
    let patterns: Option<Vec<String>> = objects
        .iter()
        .map(|o| {
            match (
                o.get("pattern").and_then(Value::as_str),
                o.get("enum").and_then(Value::as_array),
            ) {
                (Some(p), _) => Some(p.to_owned()),
                (None, Some(values)) => {
                    let literals: Vec<String> = values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(regex_literal)
                        .collect();
                    Some(format!("^(?:{})$", literals.join("|")))
                }
                (None, None) => None,
            }
        })
        .collect();
    if let Some(patterns) = patterns {
        let joined: Vec<String> = patterns.iter().map(|p| format!("(?:{p})")).collect();
        out.set("pattern", Node::str(joined.join("|")));
    }
    let all_have = |key: &str| {
        objects
            .iter()
            .all(|o| o.get(key).and_then(Value::as_u64).is_some())
    };
    if all_have("minLength") {
        if let Some(min) = objects
            .iter()
            .filter_map(|o| o.get("minLength").and_then(Value::as_u64))
            .min()
        {
            out.set("min_length", Node::Scalar(Value::from(min)));
        }
    }
    if all_have("maxLength") {
        if let Some(max) = objects
            .iter()
            .filter_map(|o| o.get("maxLength").and_then(Value::as_u64))
            .max()
        {
            out.set("max_length", Node::Scalar(Value::from(max)));
        }
    }
    let formats: BTreeSet<Option<&str>> = objects
        .iter()
        .map(|o| o.get("format").and_then(Value::as_str))
        .collect();
    if let [Some(format)] = formats.into_iter().collect::<Vec<_>>().as_slice() {
        out.set("format", Node::str(*format));
    }
}

/// `text` with the regular-expression metacharacters escaped.
fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The property that tells object alternatives apart: the first property of the first
/// alternative that every alternative declares with accepted values (strings, directly or as a
/// union of string enums), no value naming two alternatives.
fn discriminator(variants: &[(Value, Loc)]) -> Option<String> {
    let properties: Option<Vec<&Map<String, Value>>> = variants
        .iter()
        .map(|(v, _)| v.get("properties").and_then(Value::as_object))
        .collect();
    let properties = properties?;
    let first = properties.first()?;
    first
        .keys()
        .find(|name| {
            let mut seen = BTreeSet::new();
            properties.iter().all(|p| {
                p.get(*name).and_then(string_values).is_some_and(|values| {
                    !values.is_empty() && values.into_iter().all(|v| seen.insert(v.to_owned()))
                })
            })
        })
        .cloned()
}

/// The accepted values of a string schema: its `enum`, or the union of the `enum`s of a
/// `oneOf`/`anyOf` of plain strings.
fn string_values(schema: &Value) -> Option<Vec<&str>> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().map(Value::as_str).collect();
    }
    let alternatives = ["oneOf", "anyOf"]
        .iter()
        .find_map(|key| schema.get(*key).and_then(Value::as_array))?;
    let mut out = Vec::new();
    for alternative in alternatives {
        if !is_plain_string(alternative) {
            return None;
        }
        out.extend(string_values(alternative)?);
    }
    Some(out)
}
