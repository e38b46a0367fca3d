//! One spec schema to an IR schema, with the rules that a schema can check on its own: one kind
//! key, keys that fit the kind, enums, defaults and examples, limits in order, `items` on
//! arrays, `additional_properties` and `key_pattern`. Rules that need other models (all_of
//! members, discriminator tags, distinguishable unions) run once every model is converted.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::constraints::{self, KindKey};
use super::models::ModelTable;
use super::{Cx, value_text};
use crate::diagnostics::{Pos, did_you_mean};
use crate::ir::{
    Additional, ArrayType, Discriminator, NumberConstraints, ObjectType, OneOf, Origin, Property,
    Schema, SchemaKind, StringType,
};
use crate::load::spanned::{ScalarOrMap, Spanned};
use crate::load::spec::{self, SchemaType};

/// Where a schema is written: decides whether `required` and `rust_name` mean something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A named model.
    Model,
    /// A property of an object.
    Property,
    /// Anything else: an array's items, a union's variant.
    Nested,
    /// A parameter's own type and constraints (which has fewer keys than a schema).
    Parameter,
}

/// Converts spec schemas of one file.
pub struct Convert<'a> {
    /// Where problems go.
    pub cx: &'a mut Cx,
    /// The file being read.
    pub file: &'a Arc<Path>,
    /// The API's models, to check references.
    pub models: &'a ModelTable,
}

impl Convert<'_> {
    /// The IR form of `s`, written at `at`.
    pub fn schema(&mut self, s: &spec::Schema, at: Pos, place: Place) -> Schema {
        let origin = Origin::new(self.file.clone(), at);
        let Some((key, key_pos)) = self.kind_key(s, at) else {
            let mut out = Schema::new(SchemaKind::Any, origin);
            document(&mut out, s);
            return out;
        };
        constraints::check(self.cx, self.file, s, key, key_pos, place);
        let mut out = match key {
            KindKey::Ref => self.reference(s, origin),
            KindKey::OneOf => match &s.one_of {
                Some(list) => self.one_of(s, list, origin),
                None => Schema::new(SchemaKind::Any, origin),
            },
            KindKey::AllOf => match &s.all_of {
                Some(list) => self.all_of(list, origin),
                None => Schema::new(SchemaKind::Any, origin),
            },
            KindKey::Type(ty) => {
                let kind = self.typed(s, ty, key_pos, place);
                Schema::new(kind, origin)
            }
        };
        document(&mut out, s);
        self.examples(&mut out, s);
        out
    }

    /// The one key that says what kind of schema this is; reports a second one, or none.
    fn kind_key(&mut self, s: &spec::Schema, at: Pos) -> Option<(KindKey, Pos)> {
        let given: Vec<(KindKey, Pos, &str)> = [
            s.ty.as_ref()
                .map(|t| (KindKey::Type(t.value), t.pos, "type")),
            s.reference.as_ref().map(|r| (KindKey::Ref, r.pos, "ref")),
            s.one_of.as_ref().map(|o| (KindKey::OneOf, o.pos, "one_of")),
            s.all_of.as_ref().map(|a| (KindKey::AllOf, a.pos, "all_of")),
        ]
        .into_iter()
        .flatten()
        .collect();
        match given.as_slice() {
            [] => {
                self.cx.error(
                    self.file,
                    at,
                    "this schema has no `type`, `ref`, `one_of` or `all_of`",
                    "add `type: string` (or integer, number, boolean, object, array, map, any), \
                     `ref: <model>`, `one_of: [...]` or `all_of: [...]`",
                );
                None
            }
            [(key, pos, _)] => Some((*key, *pos)),
            [(key, pos, first), (_, second_pos, second), ..] => {
                self.cx.error(
                    self.file,
                    *second_pos,
                    format!(
                        "a schema takes one of `type`, `ref`, `one_of` and `all_of`; this one \
                         has `{first}` and `{second}`"
                    ),
                    format!("remove `{first}` or `{second}`"),
                );
                Some((*key, *pos))
            }
        }
    }

    fn reference(&mut self, s: &spec::Schema, origin: Origin) -> Schema {
        let name = s
            .reference
            .as_ref()
            .map(|r| {
                self.models.check_ref(self.cx, self.file, r);
                r.value.clone()
            })
            .unwrap_or_default();
        Schema::new(SchemaKind::Ref(name), origin)
    }

    /// A union: `null` entries make it nullable, and a single other entry is that entry.
    fn one_of(
        &mut self,
        s: &spec::Schema,
        list: &Spanned<Vec<crate::load::spanned::Item<spec::Schema>>>,
        origin: Origin,
    ) -> Schema {
        let mut variants = Vec::new();
        let mut null = false;
        for item in &list.value {
            let Some(entry) = &item.0 else {
                self.cx.left_out();
                continue;
            };
            if is_null(entry) {
                null = true;
                continue;
            }
            let pos = first_pos(entry).unwrap_or(list.pos);
            variants.push(self.schema(entry, pos, Place::Nested));
        }
        let mut out = match variants.len() {
            0 => {
                self.cx.error(
                    self.file,
                    list.pos,
                    "this `one_of` has no shape besides `null`",
                    "list the shapes the value can take (a `{type: 'null'}` entry only adds null)",
                );
                Schema::new(SchemaKind::Any, origin)
            }
            1 => {
                if let Some(d) = &s.discriminator {
                    self.cx.error(
                        self.file,
                        d.pos,
                        "a `discriminator` tells two or more variants apart; this `one_of` has one",
                        "remove `discriminator`, or list the other variants",
                    );
                }
                let mut only = variants.pop().unwrap_or_else(|| Schema::new(SchemaKind::Any, origin.clone()));
                // The entry stands for the whole union: the union's own docs and place win.
                only.origin = origin;
                only
            }
            _ => {
                let discriminator = s
                    .discriminator
                    .as_ref()
                    .map(|d| self.discriminator(d, &variants));
                Schema::new(
                    SchemaKind::OneOf(OneOf {
                        variants,
                        discriminator,
                    }),
                    origin,
                )
            }
        };
        out.nullable |= null;
        out
    }

    /// The discriminator with the tags its `mapping` gives; tags that variants fix with a
    /// one-value `enum` are added once every model is known.
    fn discriminator(
        &mut self,
        d: &Spanned<spec::Discriminator>,
        variants: &[Schema],
    ) -> Discriminator {
        let mut mapping = Vec::new();
        let refs: Vec<&str> = variants.iter().filter_map(Schema::reference).collect();
        for (value, model) in &d.value.mapping {
            match variants
                .iter()
                .position(|v| v.reference() == Some(model.value.as_str()))
            {
                Some(i) => mapping.push((value.value.clone(), i)),
                None => {
                    if self.models.check_ref(self.cx, self.file, model) {
                        let help = if refs.is_empty() {
                            "`mapping` names the models of `ref` variants; this `one_of` has none"
                                .to_owned()
                        } else {
                            format!("map it to one of the `ref` variants: {}", quoted(&refs))
                        };
                        self.cx.error(
                            self.file,
                            model.pos,
                            format!(
                                "`mapping` maps `{}` to `{}`, which is not a variant of this `one_of`",
                                value.value, model.value
                            ),
                            help,
                        );
                    }
                }
            }
        }
        Discriminator {
            property: d.value.property.value.clone(),
            mapping,
        }
    }

    fn all_of(
        &mut self,
        list: &Spanned<Vec<crate::load::spanned::Item<spec::Schema>>>,
        origin: Origin,
    ) -> Schema {
        let mut members = Vec::new();
        for item in &list.value {
            let Some(entry) = &item.0 else {
                self.cx.left_out();
                continue;
            };
            let pos = first_pos(entry).unwrap_or(list.pos);
            members.push(self.schema(entry, pos, Place::Nested));
        }
        if list.value.is_empty() {
            self.cx.error(
                self.file,
                list.pos,
                "this `all_of` lists no schemas",
                "list the object schemas whose properties the value has, or remove `all_of`",
            );
        }
        Schema::new(SchemaKind::AllOf(members), origin)
    }

    fn typed(&mut self, s: &spec::Schema, ty: SchemaType, pos: Pos, place: Place) -> SchemaKind {
        self.check_limits(s, pos);
        match ty {
            SchemaType::String => SchemaKind::String(StringType {
                format: s.format.clone(),
                pattern: s.pattern.clone(),
                min_length: s.min_length,
                max_length: s.max_length,
                values: self.enum_of(s, "strings", |v| v.as_str().map(str::to_owned)),
            }),
            SchemaType::Integer => SchemaKind::Integer {
                constraints: numbers(s),
                values: self.enum_of(s, "whole numbers", Value::as_i64),
            },
            SchemaType::Number => SchemaKind::Number {
                constraints: numbers(s),
                values: self.enum_of(s, "numbers", Value::as_f64),
            },
            SchemaType::Boolean => SchemaKind::Boolean {
                values: self.enum_of(s, "`true` or `false`", Value::as_bool),
            },
            SchemaType::Array => SchemaKind::Array(self.array(s, pos)),
            SchemaType::Object => SchemaKind::Object(self.object(s, pos)),
            SchemaType::Map => {
                let values = match s.values.as_deref().and_then(|v| v.0.as_ref()) {
                    Some(values) => {
                        let at = first_pos(values).unwrap_or(pos);
                        self.schema(values, at, Place::Nested)
                    }
                    None => Schema::new(SchemaKind::Any, Origin::new(self.file.clone(), pos)),
                };
                SchemaKind::Object(ObjectType {
                    properties: Vec::new(),
                    additional: Additional::Allowed(Box::new(values)),
                    key_pattern: s.key_pattern.clone(),
                    min_properties: s.min_properties,
                    max_properties: s.max_properties,
                })
            }
            SchemaType::Null => {
                let help = if place == Place::Property {
                    "write the property's shape with `nullable: true`, or `one_of: [{type: 'null'}, <shape>]`"
                } else {
                    "use `nullable: true` on a shape, or `one_of: [{type: 'null'}, <shape>]`"
                };
                self.cx.error(
                    self.file,
                    pos,
                    "`type: null` only means something as an entry of `one_of`",
                    help,
                );
                SchemaKind::Any
            }
            SchemaType::Any => SchemaKind::Any,
        }
    }

    fn array(&mut self, s: &spec::Schema, pos: Pos) -> ArrayType {
        let items = match s.items.as_deref() {
            Some(item) => match &item.0 {
                Some(items) => {
                    let at = first_pos(items).unwrap_or(pos);
                    self.schema(items, at, Place::Nested)
                }
                None => {
                    self.cx.left_out();
                    Schema::new(SchemaKind::Any, Origin::new(self.file.clone(), pos))
                }
            },
            None => {
                self.cx.error(
                    self.file,
                    pos,
                    "an array needs `items`",
                    "add `items: {type: string}` (or the element's schema; `{type: any}` when the \
                     docs do not say)",
                );
                Schema::new(SchemaKind::Any, Origin::new(self.file.clone(), pos))
            }
        };
        ArrayType {
            items: Box::new(items),
            min_items: s.min_items,
            max_items: s.max_items,
            unique_items: s.unique_items.unwrap_or(false),
        }
    }

    fn object(&mut self, s: &spec::Schema, pos: Pos) -> ObjectType {
        let mut properties = Vec::new();
        for (name, item) in s.properties.iter().flatten() {
            let Some(schema) = &item.0 else {
                self.cx.left_out();
                continue;
            };
            properties.push(Property {
                name: name.value.clone(),
                schema: self.schema(schema, name.pos, Place::Property),
                required: schema.required.as_ref().is_some_and(|r| r.value),
                rust_name: schema.rust_name.as_ref().map(|r| r.value.clone()),
            });
        }
        let additional = match &s.additional_properties {
            None => Additional::Unspecified,
            Some(given) => match &given.value {
                ScalarOrMap::Scalar(false) => Additional::Forbidden,
                ScalarOrMap::Scalar(true) => Additional::Allowed(Box::new(Schema::new(
                    SchemaKind::Any,
                    Origin::new(self.file.clone(), given.pos),
                ))),
                ScalarOrMap::Map(schema) => {
                    let at = first_pos(schema).unwrap_or(given.pos);
                    Additional::Allowed(Box::new(self.schema(schema, at, Place::Nested)))
                }
            },
        };
        self.check_key_pattern(s, &additional, pos);
        ObjectType {
            properties,
            additional,
            key_pattern: s.key_pattern.clone(),
            min_properties: s.min_properties,
            max_properties: s.max_properties,
        }
    }

    /// `key_pattern` describes the keys beyond the declared properties, so there must be some.
    fn check_key_pattern(&mut self, s: &spec::Schema, additional: &Additional, pos: Pos) {
        if s.key_pattern.is_none() {
            return;
        }
        let at = s.additional_properties.as_ref().map_or(pos, |a| a.pos);
        match additional {
            Additional::Allowed(_) => {}
            Additional::Forbidden => self.cx.error(
                self.file,
                at,
                "`key_pattern` describes other keys, which `additional_properties: false` forbids",
                "remove `key_pattern`, or allow the other keys with `additional_properties`",
            ),
            Additional::Unspecified => self.cx.error(
                self.file,
                at,
                "`key_pattern` describes the keys beyond `properties`, but this object does not \
                 say that it has any",
                "add `additional_properties` (`true`, or the schema of those keys' values)",
            ),
        }
    }

    /// Lower limits that exceed their upper limits, and a non-positive `multiple_of`.
    fn check_limits(&mut self, s: &spec::Schema, pos: Pos) {
        let as_f64 = |v: Option<u64>| v.map(|v| v as f64);
        let pairs = [
            ("min_length", as_f64(s.min_length), "max_length", as_f64(s.max_length)),
            ("min_items", as_f64(s.min_items), "max_items", as_f64(s.max_items)),
            (
                "min_properties",
                as_f64(s.min_properties),
                "max_properties",
                as_f64(s.max_properties),
            ),
            ("minimum", s.minimum, "maximum", s.maximum),
        ];
        for (lo_key, lo, hi_key, hi) in pairs {
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if lo > hi {
                    self.cx.error(
                        self.file,
                        pos,
                        format!("`{lo_key}` ({lo}) is more than `{hi_key}` ({hi})"),
                        "swap them, or correct the one the docs misstate",
                    );
                }
            }
        }
        if let Some(m) = s.multiple_of.filter(|m| *m <= 0.0) {
            self.cx.error(
                self.file,
                pos,
                format!("`multiple_of` is {m}; it must be more than 0"),
                "write the step the values are multiples of, or remove it",
            );
        }
    }

    /// The values of `enum`, each of the schema's type and none twice.
    fn enum_of<T>(
        &mut self,
        s: &spec::Schema,
        expected: &str,
        read: impl Fn(&Value) -> Option<T>,
    ) -> Vec<T> {
        let Some(values) = &s.values_enum else {
            return Vec::new();
        };
        if values.value.is_empty() {
            self.cx.error(
                self.file,
                values.pos,
                "an empty `enum` accepts no value at all",
                "list the accepted values, or remove `enum`",
            );
        }
        let mut out = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for v in &values.value {
            let text = value_text(&v.value);
            let Some(value) = read(&v.value) else {
                let hint = if expected == "strings" {
                    "; quote numbers and booleans meant as strings"
                } else {
                    ""
                };
                self.cx.error(
                    self.file,
                    v.pos,
                    format!("enum value `{text}` is not of the schema's type"),
                    format!("the values of this enum must all be {expected}{hint}"),
                );
                continue;
            };
            if seen.contains(&text) {
                self.cx.error(
                    self.file,
                    v.pos,
                    format!("enum value `{text}` is listed twice"),
                    "remove the second one",
                );
                continue;
            }
            seen.push(text);
            out.push(value);
        }
        out
    }

    /// Checks `default` and `example` against the kind and the enum, and keeps them.
    fn examples(&mut self, out: &mut Schema, s: &spec::Schema) {
        for (key, given) in [("default", &s.default), ("example", &s.example)] {
            let Some(given) = given else { continue };
            let Some(value) = self.fit(out, key, given) else {
                continue;
            };
            match key {
                "default" => out.default = Some(value),
                _ => out.example = Some(value),
            }
        }
    }

    /// `value` as a value of `schema`'s kind (numbers and booleans written for a string become
    /// its text), or a reported problem.
    fn fit(&mut self, schema: &Schema, key: &str, value: &Spanned<Value>) -> Option<Value> {
        let v = &value.value;
        if v.is_null() && schema.nullable {
            return Some(Value::Null);
        }
        let text = value_text(v);
        let (fits, expected, accepted): (Option<Value>, &str, Vec<String>) = match &schema.kind {
            SchemaKind::String(string) => (
                match v {
                    Value::String(_) => Some(v.clone()),
                    Value::Number(_) | Value::Bool(_) => Some(Value::String(text.clone())),
                    _ => None,
                },
                "a string",
                string.values.clone(),
            ),
            SchemaKind::Integer { values, .. } => (
                v.as_i64().map(Value::from),
                "a whole number",
                values.iter().map(i64::to_string).collect(),
            ),
            SchemaKind::Number { values, .. } => (
                v.is_number().then(|| v.clone()),
                "a number",
                values.iter().map(|n| number_text(*n)).collect(),
            ),
            SchemaKind::Boolean { values } => (
                v.as_bool().map(Value::from),
                "`true` or `false`",
                values.iter().map(bool::to_string).collect(),
            ),
            SchemaKind::Array(_) => (v.is_array().then(|| v.clone()), "a list", Vec::new()),
            SchemaKind::Object(_) => (v.is_object().then(|| v.clone()), "a mapping", Vec::new()),
            _ => (Some(v.clone()), "", Vec::new()),
        };
        let Some(fitted) = fits else {
            let shown = if text.chars().count() > 40 {
                "this value".to_owned()
            } else {
                format!("`{text}`")
            };
            self.cx.error(
                self.file,
                value.pos,
                format!("{key} {shown} is not {expected}"),
                format!("write {expected} here, as the schema's type says, or remove `{key}`"),
            );
            return None;
        };
        let fitted_text = match fitted.as_f64() {
            Some(n) if matches!(schema.kind, SchemaKind::Number { .. }) => number_text(n),
            _ => value_text(&fitted),
        };
        if accepted.is_empty() || accepted.contains(&fitted_text) {
            return Some(fitted);
        }
        let list = accepted.join(", ");
        let help = match did_you_mean(&fitted_text, accepted.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`? accepted: {list}"),
            None => format!("use one of: {list}, or remove `{key}`"),
        };
        self.cx.error(
            self.file,
            value.pos,
            format!("{key} `{fitted_text}` is not among the accepted values"),
            help,
        );
        None
    }
}

/// Copies what `s` documents onto `out`, keeping what `out` already has where `s` says nothing
/// (a one-entry `one_of` keeps its entry's docs unless the union has its own).
fn document(out: &mut Schema, s: &spec::Schema) {
    if s.title.is_some() {
        out.title = s.title.clone();
    }
    if s.description.is_some() {
        out.description = s.description.clone();
    }
    if let Some(name) = &s.name {
        out.name = Some(name.value.clone());
    }
    out.nullable |= s.nullable == Some(true);
    out.read_only |= s.read_only == Some(true);
    out.write_only |= s.write_only == Some(true);
    out.deprecated |= s.deprecated == Some(true);
    out.sensitive |= s.sensitive == Some(true);
}

/// A number as the docs write it: `2`, not `2.0`.
fn number_text(n: f64) -> String {
    Value::from(n)
        .as_f64()
        .filter(|n| n.fract() == 0.0 && n.abs() < 1e15)
        .map_or_else(|| n.to_string(), |n| format!("{n:.0}"))
}

fn numbers(s: &spec::Schema) -> NumberConstraints {
    NumberConstraints {
        format: s.format.clone(),
        minimum: s.minimum,
        maximum: s.maximum,
        exclusive_minimum: s.exclusive_minimum,
        exclusive_maximum: s.exclusive_maximum,
        multiple_of: s.multiple_of,
    }
}

/// A `{type: 'null'}` entry of a `one_of`.
fn is_null(s: &spec::Schema) -> bool {
    s.ty.as_ref().is_some_and(|t| t.value == SchemaType::Null)
        && s.reference.is_none()
        && s.one_of.is_none()
        && s.all_of.is_none()
}

/// Where a schema written without a key of its own (an array's items, a union's entry) starts:
/// its first key that keeps a position.
pub fn first_pos(s: &spec::Schema) -> Option<Pos> {
    [
        s.ty.as_ref().map(|t| t.pos),
        s.reference.as_ref().map(|r| r.pos),
        s.one_of.as_ref().map(|o| o.pos),
        s.all_of.as_ref().map(|a| a.pos),
        s.name.as_ref().map(|n| n.pos),
        s.discriminator.as_ref().map(|d| d.pos),
        s.additional_properties.as_ref().map(|a| a.pos),
        s.values_enum.as_ref().map(|v| v.pos),
        s.required.as_ref().map(|r| r.pos),
        s.rust_name.as_ref().map(|r| r.pos),
        s.default.as_ref().map(|d| d.pos),
        s.example.as_ref().map(|e| e.pos),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// `a`, `b` as a list of quoted names.
pub fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
