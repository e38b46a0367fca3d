//! Objects: declared properties (with `required`), other keys (`patternProperties`,
//! `additionalProperties`) and sets of required fields given as `anyOf`/`oneOf`.

use serde_json::{Map, Value};

use super::Transcriber;
use super::fields::{Fields, any, flag};
use super::union::is_required_sets;
use crate::import::losant::fixes::show;
use crate::import::losant::report::Loc;
use crate::import::losant::source::kind;
use crate::import::yaml_writer::{Entry, Node};

impl Transcriber<'_> {
    /// An object: a `map` when it declares no properties, else an `object`.
    pub(super) fn object(&mut self, s: &mut Map<String, Value>, at: &Loc, out: &mut Fields) {
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
}
