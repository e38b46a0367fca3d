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
    pub(super) fn limits(
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
    pub(super) fn numbers(
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
