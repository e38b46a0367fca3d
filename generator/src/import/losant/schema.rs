//! JSON Schema (draft-07, as Losant publishes it) to the spec format's schemas.
//!
//! Conversions that are not fixes (the data is right, the format says it differently):
//! - `type: [a, b, null]` -> `one_of` of `a` and `b` (each with the keys that apply to it) and
//!   `nullable: true`; `type: [a, null]` -> `type: a` and `nullable: true`.
//! - `oneOf`/`anyOf` of schemas -> `one_of`: nested `oneOf` lists are flattened, `{type: null}`
//!   becomes `nullable`, and alternatives that are all strings are merged into one string
//!   (serde cannot tell two strings apart, so the second would never be chosen): accepted
//!   values are united, patterns are joined with `|`. Objects that all fix one property to
//!   distinct values (`blockType: [graph]`) get that property as `discriminator`.
//! - `anyOf`/`oneOf` of `required` lists (one of several sets of fields is required): the
//!   fields every set names are `required: true`; the rest is said in the description.
//! - `patternProperties` -> `values` of a `map` (no declared properties) or
//!   `additional_properties` (with properties), the pattern as `key_pattern`; an object that
//!   declares nothing is a `map` of any values, so that nothing is dropped on decode.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::fixes::{self, show};
use super::report::{Loc, Report};
use super::sensitive;
use super::source::kind;
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

    /// Whether `key` is set.
    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| *k == key)
    }

    fn text(&self, key: &str) -> Option<String> {
        self.0.iter().find_map(|(k, e)| match &e.node {
            Node::Scalar(Value::String(s)) if *k == key => Some(s.clone()),
            _ => None,
        })
    }

    fn replace(&mut self, key: &'static str, value: Node) {
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

fn flag() -> Node {
    Node::Scalar(Value::Bool(true))
}

/// Converts schemas, reporting what it cannot express.
pub struct Transcriber<'a> {
    /// Every model name, to check references.
    pub models: &'a BTreeSet<String>,
    /// Where problems and fixes go.
    pub report: &'a mut Report,
}

impl Transcriber<'_> {
    /// A whole schema (a model, a property, an item) with its fix comments. `property` is the
    /// JSON name when the schema is an object's property.
    pub fn schema(&mut self, value: Value, at: &Loc, property: Option<&str>) -> Entry {
        let (fields, comments) = self.fields(value, at, property);
        Entry {
            node: fields.finish(),
            comments,
        }
    }

    /// The keys of a schema, not yet ordered, and its fix comments.
    pub fn fields(
        &mut self,
        value: Value,
        at: &Loc,
        property: Option<&str>,
    ) -> (Fields, Vec<String>) {
        let mut out = Fields::default();
        let mut s = match value {
            Value::Object(s) => s,
            Value::Bool(true) => {
                out.set("type", Node::str("any"));
                return (out, Vec::new());
            }
            other => {
                self.report.unexpressed(
                    at,
                    format!("a schema must be an object, found {}", kind(&other)),
                );
                out.set("type", Node::str("any"));
                return (out, Vec::new());
            }
        };
        let mut comments = fixes::take_comments(&mut s);
        s.remove("$schema");
        for (from, to) in [("title", "title"), ("description", "description")] {
            if let Some(value) = s.remove(from) {
                match value {
                    Value::String(text) => out.set(to, Node::str(text)),
                    other => self.report.unexpressed(
                        &at.child(from),
                        format!("expected text, found {}", kind(&other)),
                    ),
                }
            }
        }
        if property.is_some_and(sensitive::is_secret) {
            out.set("sensitive", flag());
        }
        if let Some(reference) = s.remove("$ref") {
            self.reference(&reference, &at.child("$ref"), &mut out);
        } else if let Some(key) = union_key(&s) {
            self.union(key, &mut s, at, &mut out, &mut comments);
        } else if let Some(all) = s.remove("allOf") {
            self.all_of(all, &at.child("allOf"), &mut out);
        } else {
            self.typed(&mut s, at, &mut out);
        }
        if !["type", "ref", "one_of", "all_of"]
            .iter()
            .any(|k| out.has(k))
        {
            // Every shape above either sets one of these or reported why it could not.
            out.set("type", Node::str("any"));
        }
        self.extras(&mut s, &mut out);
        for (key, value) in s {
            self.report.unexpressed(
                &at.child(&key),
                format!(
                    "`{key}: {}` has no counterpart in the spec format",
                    show(&value)
                ),
            );
        }
        (out, comments)
    }

    fn reference(&mut self, reference: &Value, at: &Loc, out: &mut Fields) {
        let name = reference
            .as_str()
            .and_then(|r| r.strip_prefix("#/definitions/"));
        match name {
            Some(name) if self.models.contains(name) => out.set("ref", Node::str(name)),
            _ => {
                self.report.unexpressed(
                    at,
                    format!("`$ref: {}` names no published schema", show(reference)),
                );
                out.set("type", Node::str("any"));
            }
        }
    }

    fn all_of(&mut self, all: Value, at: &Loc, out: &mut Fields) {
        let Value::Array(list) = all else {
            self.report.unexpressed(at, "`allOf` is not a list");
            return;
        };
        let items = list
            .into_iter()
            .enumerate()
            .map(|(i, v)| self.schema(v, &at.index(i), None))
            .collect();
        out.set("all_of", Node::Seq(items));
    }

    /// `oneOf` or `anyOf` of schemas.
    fn union(
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
                    for (k, e) in fields.0 {
                        out.set(k, e);
                    }
                    comments.extend(more);
                }
            }
            _ if variants.iter().all(|(v, _)| is_plain_string(v)) => {
                merge_strings(&variants, out);
            }
            _ => {
                let discriminator = discriminator(&variants);
                let items = variants
                    .into_iter()
                    .map(|(v, at)| self.schema(v, &at, None))
                    .collect();
                out.set("one_of", Node::Seq(items));
                if let Some(property) = discriminator {
                    let mut d = Node::map();
                    d.insert("property", Node::str(property));
                    out.set("discriminator", d);
                }
            }
        }
    }

    /// A schema with a `type` (or none): scalars, arrays, objects, and lists of types.
    fn typed(&mut self, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
        let mut types = match s.remove("type") {
            None => infer_types(s),
            Some(Value::String(t)) => vec![t],
            Some(Value::Array(list)) => list
                .into_iter()
                .filter_map(|t| match t {
                    Value::String(t) => Some(t),
                    other => {
                        self.report.unexpressed(
                            &at.child("type"),
                            format!("a type must be text, found {}", show(&other)),
                        );
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.report.unexpressed(
                    &at.child("type"),
                    format!("a type must be text or a list, found {}", show(&other)),
                );
                Vec::new()
            }
        };
        if let Some(Value::Array(values)) = s.get_mut("enum") {
            let before = values.len();
            values.retain(|v| !v.is_null());
            if values.len() < before && !types.iter().any(|t| t == "null") {
                types.push("null".into());
            }
        }
        let nullable = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        dedup(&mut types);
        if nullable {
            out.set("nullable", flag());
        }
        match types.as_slice() {
            [] if nullable => {
                self.report
                    .unexpressed(at, "a schema that only accepts null");
                out.set("type", Node::str("any"));
            }
            [] => out.set("type", Node::str("any")),
            [one] => {
                let one = one.clone();
                self.single(&one, s, at, out);
            }
            many => {
                let many = many.to_vec();
                self.several(&many, s, at, out);
            }
        }
    }

    /// `type: [a, b]`: one `one_of` variant per type, each with the keys that apply to it.
    fn several(
        &mut self,
        types: &[String],
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
    ) {
        let shared = s.clone();
        let mut used = BTreeSet::new();
        let mut items = Vec::new();
        for ty in types {
            let mut copy = shared.clone();
            if let Some(Value::Array(values)) = copy.get_mut("enum") {
                values.retain(|v| json_type_fits(ty, v));
                if values.is_empty() {
                    copy.remove("enum");
                    used.insert("enum".to_owned());
                }
            }
            let mut fields = Fields::default();
            self.single(ty, &mut copy, at, &mut fields);
            used.extend(shared.keys().filter(|k| !copy.contains_key(*k)).cloned());
            items.push(Entry::from(fields.finish()));
        }
        for key in used {
            s.remove(&key);
        }
        out.set("one_of", Node::Seq(items));
    }

    /// One type and the keys that apply to it (removed from `s`).
    fn single(&mut self, ty: &str, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
        match ty {
            "string" => {
                out.set("type", Node::str("string"));
                self.copy(s, at, out, &[("format", "format"), ("pattern", "pattern")]);
                self.limits(
                    s,
                    at,
                    out,
                    &[("minLength", "min_length"), ("maxLength", "max_length")],
                );
                self.values(s, at, out, ty);
            }
            "integer" | "number" => {
                out.set("type", Node::str(ty));
                self.copy(s, at, out, &[("format", "format")]);
                self.numbers(
                    s,
                    at,
                    out,
                    &[
                        ("minimum", "minimum"),
                        ("maximum", "maximum"),
                        ("exclusiveMinimum", "exclusive_minimum"),
                        ("exclusiveMaximum", "exclusive_maximum"),
                        ("multipleOf", "multiple_of"),
                    ],
                );
                self.values(s, at, out, ty);
            }
            "boolean" => {
                out.set("type", Node::str("boolean"));
                self.values(s, at, out, ty);
            }
            "array" => {
                out.set("type", Node::str("array"));
                self.limits(
                    s,
                    at,
                    out,
                    &[("minItems", "min_items"), ("maxItems", "max_items")],
                );
                if let Some(unique) = s.remove("uniqueItems") {
                    if unique == Value::Bool(true) {
                        out.set("unique_items", flag());
                    }
                }
                let items = match s.remove("items") {
                    Some(items @ Value::Object(_)) => self.schema(items, &at.child("items"), None),
                    Some(other) => {
                        self.report.unexpressed(
                            &at.child("items"),
                            format!("tuple `items` ({}) has no counterpart", kind(&other)),
                        );
                        Entry::from(any())
                    }
                    None => Entry::from(any()),
                };
                out.set("items", items);
            }
            "object" => self.object(s, at, out),
            other => {
                self.report
                    .unexpressed(&at.child("type"), format!("unknown type `{other}`"));
                out.set("type", Node::str("any"));
            }
        }
    }

    fn object(&mut self, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
        let mut required = self.names(s.remove("required"), &at.child("required"));
        let (also, sentence) = self.required_sets(s, at);
        for name in also {
            if !required.contains(&name) {
                required.push(name);
            }
        }
        let properties = match s.remove("properties") {
            Some(Value::Object(p)) => p,
            Some(other) => {
                self.report.unexpressed(
                    &at.child("properties"),
                    format!("`properties` must be an object, found {}", kind(&other)),
                );
                Map::new()
            }
            None => Map::new(),
        };
        let pattern = self.pattern_properties(s, at);
        let additional = s.remove("additionalProperties");
        if properties.is_empty() {
            for name in &required {
                self.report.unexpressed(
                    &at.child("required"),
                    format!("`{name}` is required but the object declares no properties"),
                );
            }
            match (pattern, additional) {
                (Some((key_pattern, values)), extra) => {
                    out.set("type", Node::str("map"));
                    if let Some(key_pattern) = key_pattern {
                        out.set("key_pattern", Node::str(key_pattern));
                    }
                    out.set("values", values);
                    if matches!(extra, Some(Value::Object(_)) | Some(Value::Bool(true))) {
                        self.report.unexpressed(
                            &at.child("additionalProperties"),
                            "other keys beside `patternProperties` have no counterpart",
                        );
                    }
                }
                (None, Some(Value::Bool(false))) => {
                    out.set("type", Node::str("object"));
                    out.set("additional_properties", Node::Scalar(Value::Bool(false)));
                }
                (None, Some(values @ Value::Object(_))) => {
                    out.set("type", Node::str("map"));
                    let values = self.schema(values, &at.child("additionalProperties"), None);
                    out.set("values", values);
                }
                (None, _) => {
                    // Nothing declared: any keys with any values, all kept.
                    out.set("type", Node::str("map"));
                    out.set("values", any());
                }
            }
        } else {
            out.set("type", Node::str("object"));
            let mut entries = Vec::new();
            for (name, schema) in properties {
                let (mut fields, comments) =
                    self.fields(schema, &at.child("properties").child(&name), Some(&name));
                if required.contains(&name) {
                    fields.set("required", flag());
                }
                entries.push((
                    name,
                    Entry {
                        node: fields.finish(),
                        comments,
                    },
                ));
            }
            for name in required
                .iter()
                .filter(|n| !entries.iter().any(|(p, _)| p == *n))
            {
                self.report.unexpressed(
                    &at.child("required"),
                    format!("`{name}` is required but not declared"),
                );
            }
            out.set("properties", Node::Map(entries));
            match (pattern, additional) {
                (Some((key_pattern, values)), extra) => {
                    if let Some(key_pattern) = key_pattern {
                        out.set("key_pattern", Node::str(key_pattern));
                    }
                    out.set("additional_properties", values);
                    if matches!(extra, Some(Value::Object(_)) | Some(Value::Bool(true))) {
                        self.report.unexpressed(
                            &at.child("additionalProperties"),
                            "other keys beside `patternProperties` have no counterpart",
                        );
                    }
                }
                (None, Some(Value::Bool(b))) => {
                    out.set("additional_properties", Node::Scalar(Value::Bool(b)));
                }
                (None, Some(values @ Value::Object(_))) => {
                    let values = self.schema(values, &at.child("additionalProperties"), None);
                    out.set("additional_properties", values);
                }
                (None, Some(other)) => self.report.unexpressed(
                    &at.child("additionalProperties"),
                    format!("expected a boolean or a schema, found {}", kind(&other)),
                ),
                (None, None) => {}
            }
        }
        self.limits(
            s,
            at,
            out,
            &[
                ("minProperties", "min_properties"),
                ("maxProperties", "max_properties"),
            ],
        );
        if let Some(sentence) = sentence {
            let text = match out.text("description") {
                Some(d) => format!("{} {sentence}", d.trim_end()),
                None => sentence,
            };
            out.replace("description", Node::str(text));
        }
    }

    /// `patternProperties` with one pattern: the key pattern (none when it matches every key)
    /// and the value schema.
    fn pattern_properties(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
    ) -> Option<(Option<String>, Entry)> {
        let at = at.child("patternProperties");
        match s.remove("patternProperties")? {
            Value::Object(map) if map.len() == 1 => {
                let (pattern, schema) = map.into_iter().next()?;
                let values = self.schema(schema, &at.child(&pattern), None);
                let every_key = matches!(pattern.as_str(), ".*" | "^.*$" | "^.*" | "");
                Some(((!every_key).then_some(pattern), values))
            }
            other => {
                self.report.unexpressed(
                    &at,
                    format!(
                        "`patternProperties` with other than one pattern ({})",
                        show(&other)
                    ),
                );
                None
            }
        }
    }

    /// `anyOf`/`oneOf` whose alternatives only list required fields: the fields every
    /// alternative requires, and a sentence for the rest.
    fn required_sets(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
    ) -> (Vec<String>, Option<String>) {
        let Some(key) = ["anyOf", "oneOf"].into_iter().find(|k| {
            s.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|l| is_required_sets(l))
        }) else {
            return (Vec::new(), None);
        };
        let Some(Value::Array(list)) = s.remove(key) else {
            return (Vec::new(), None);
        };
        let sets: Vec<Vec<String>> = list
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                self.names(
                    v.get("required").cloned(),
                    &at.child(key).index(i).child("required"),
                )
            })
            .collect();
        let common: Vec<String> = sets
            .first()
            .map(|first| {
                first
                    .iter()
                    .filter(|n| sets.iter().all(|set| set.contains(n)))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let rest: Vec<Vec<String>> = sets
            .iter()
            .map(|set| {
                set.iter()
                    .filter(|n| !common.contains(n))
                    .cloned()
                    .collect()
            })
            .collect();
        if rest.iter().any(Vec::is_empty) {
            // One alternative needs nothing beyond the common fields: nothing more to say.
            return (common, None);
        }
        let groups: Vec<String> = rest
            .iter()
            .map(|group| {
                let names: Vec<String> = group.iter().map(|n| format!("`{n}`")).collect();
                match names.split_last() {
                    Some((last, [])) => last.clone(),
                    Some((last, init)) => format!("{} and {last}", init.join(", ")),
                    None => String::new(),
                }
            })
            .collect();
        let how = if key == "oneOf" {
            "exactly one"
        } else {
            "at least one"
        };
        let sentence = format!("Also required: {} ({how} of these).", groups.join(", or "));
        (common, Some(sentence))
    }

    /// A list of names (`required`).
    fn names(&mut self, value: Option<Value>, at: &Loc) -> Vec<String> {
        match value {
            None => Vec::new(),
            Some(Value::Array(list)) => list
                .into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s),
                    other => {
                        self.report.unexpressed(
                            at,
                            format!("a required name must be text, found {}", show(&other)),
                        );
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.report.unexpressed(
                    at,
                    format!("`required` must be a list, found {}", show(&other)),
                );
                Vec::new()
            }
        }
    }

    /// Copies text keys.
    fn copy(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        for (from, to) in keys {
            match s.remove(*from) {
                None => {}
                Some(Value::String(text)) => out.set(to, Node::str(text)),
                Some(other) => self.report.unexpressed(
                    &at.child(from),
                    format!("expected text, found {}", show(&other)),
                ),
            }
        }
    }

    /// Copies whole-number limits.
    fn limits(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        for (from, to) in keys {
            match s.remove(*from) {
                None => {}
                Some(Value::Number(n)) if n.as_u64().is_some() => {
                    out.set(to, Node::Scalar(Value::Number(n)));
                }
                Some(other) => self.report.unexpressed(
                    &at.child(from),
                    format!("expected a whole number, found {}", show(&other)),
                ),
            }
        }
    }

    /// Copies numeric limits.
    fn numbers(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        for (from, to) in keys {
            match s.remove(*from) {
                None => {}
                Some(Value::Number(n)) => out.set(to, Node::Scalar(Value::Number(n))),
                Some(other) => self.report.unexpressed(
                    &at.child(from),
                    format!("expected a number, found {}", show(&other)),
                ),
            }
        }
    }

    /// `enum` of a scalar type.
    fn values(&mut self, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields, ty: &str) {
        let Some(values) = s.remove("enum") else {
            return;
        };
        let Value::Array(values) = values else {
            self.report.unexpressed(
                &at.child("enum"),
                format!("`enum` must be a list, found {}", show(&values)),
            );
            return;
        };
        let mut kept = Vec::new();
        for value in values {
            if json_type_fits(ty, &value) {
                if !kept.contains(&value) {
                    kept.push(value);
                }
            } else if !value.is_null() {
                self.report.unexpressed(
                    &at.child("enum"),
                    format!("the value {} is not a {ty}", show(&value)),
                );
            }
        }
        if !kept.is_empty() {
            out.set("enum", Node::from(Value::Array(kept)));
        }
    }

    /// Documentation keys any schema may have.
    fn extras(&mut self, s: &mut Map<String, Value>, out: &mut Fields) {
        if let Some(default) = s.remove("default") {
            out.set("default", Node::from(default));
        }
        if let Some(example) = s.remove("example") {
            out.set("example", Node::from(example));
        }
        if let Some(Value::Array(mut examples)) = s.remove("examples") {
            if !examples.is_empty() {
                out.set("example", Node::from(examples.swap_remove(0)));
            }
        }
        for (from, to) in [
            ("readOnly", "read_only"),
            ("writeOnly", "write_only"),
            ("deprecated", "deprecated"),
        ] {
            if let Some(value) = s.remove(from) {
                if value == Value::Bool(true) {
                    out.set(to, flag());
                }
            }
        }
    }
}

/// `type: any`.
fn any() -> Node {
    let mut node = Node::map();
    node.insert("type", Node::str("any"));
    node
}

/// The union keyword of `s`, when it is a union of schemas (not of required-field sets).
fn union_key(s: &Map<String, Value>) -> Option<&'static str> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find(|key| match s.get(*key) {
            Some(Value::Array(list)) => !is_required_sets(list),
            Some(_) => true,
            None => false,
        })
}

/// Whether every alternative only lists required fields.
fn is_required_sets(list: &[Value]) -> bool {
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

/// The types a schema without `type` has, from its other keys.
fn infer_types(s: &Map<String, Value>) -> Vec<String> {
    if let Some(Value::Array(values)) = s.get("enum") {
        let mut types: Vec<String> = values.iter().map(|v| json_type(v).to_owned()).collect();
        dedup(&mut types);
        return types;
    }
    let has = |keys: &[&str]| keys.iter().any(|k| s.contains_key(*k));
    if has(&[
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "minProperties",
        "maxProperties",
    ]) {
        vec!["object".into()]
    } else if has(&["items", "minItems", "maxItems", "uniqueItems"]) {
        vec!["array".into()]
    } else if has(&["minLength", "maxLength", "pattern", "format"]) {
        vec!["string".into()]
    } else if has(&["minimum", "maximum", "multipleOf"]) {
        vec!["number".into()]
    } else {
        Vec::new()
    }
}

fn dedup(types: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    types.retain(|t| seen.insert(t.clone()));
}

/// The JSON Schema type of a value (`integer` for whole numbers).
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether `value` is a value of type `ty`.
fn json_type_fits(ty: &str, value: &Value) -> bool {
    let actual = json_type(value);
    actual == ty || (ty == "number" && actual == "integer")
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
/// alternative that every alternative declares with accepted values (strings), no value
/// naming two alternatives.
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
                p.get(*name)
                    .and_then(|s| s.get("enum"))
                    .and_then(Value::as_array)
                    .is_some_and(|values| {
                        !values.is_empty()
                            && values
                                .iter()
                                .all(|v| v.as_str().is_some_and(|s| seen.insert(s.to_owned())))
                    })
            })
        })
        .cloned()
}

#[cfg(test)]
mod tests;
