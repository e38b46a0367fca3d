//! Keys copied from JSON Schema to the spec with at most a rename: formats, patterns, limits,
//! accepted values and documentation.

use serde_json::{Map, Value};

use super::Transcriber;
use super::fields::{Fields, flag};
use super::json_type_fits;
use crate::import::losant::fixes::show;
use crate::import::losant::report::Loc;
use crate::import::yaml_writer::Node;

impl Transcriber<'_> {
    /// Copies text keys.
    pub(super) fn copy(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        self.copy_kind(s, at, out, keys, "text", |v| match v {
            Value::String(text) => Some(Node::str(text)),
            _ => None,
        });
    }

    /// Copies whole-number limits.
    pub(super) fn limits(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        self.copy_kind(s, at, out, keys, "a whole number", |v| match v {
            Value::Number(n) if n.as_u64().is_some() => Some(Node::Scalar(Value::Number(n))),
            _ => None,
        });
    }

    /// Copies numeric limits.
    pub(super) fn numbers(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
    ) {
        self.copy_kind(s, at, out, keys, "a number", |v| match v {
            Value::Number(n) => Some(Node::Scalar(Value::Number(n))),
            _ => None,
        });
    }

    /// Moves each of `keys` (`(from, to)`) from `s` to `out` when `accept` takes its value,
    /// and reports it as unexpressed, naming what was `expected`, when it does not.
    fn copy_kind(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        keys: &[(&str, &'static str)],
        expected: &str,
        accept: fn(Value) -> Option<Node>,
    ) {
        for (from, to) in keys {
            let Some(value) = s.remove(*from) else {
                continue;
            };
            let found = show(&value);
            match accept(value) {
                Some(node) => out.set(to, node),
                None => self.report.unexpressed(
                    &at.child(from),
                    format!("expected {expected}, found {found}"),
                ),
            }
        }
    }

    /// `enum` of a scalar type.
    pub(super) fn values(
        &mut self,
        s: &mut Map<String, Value>,
        at: &Loc,
        out: &mut Fields,
        ty: &str,
    ) {
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
    pub(super) fn extras(&mut self, s: &mut Map<String, Value>, out: &mut Fields) {
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
