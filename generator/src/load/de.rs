//! A serde `Deserializer` over [`Node`] that records every problem instead of stopping at the
//! first.
//!
//! Recoverable mistakes (unknown keys, unknown enum values, values of the wrong type) are
//! recorded and replaced by a placeholder so reading goes on; the placeholder never reaches
//! the generator because any recorded problem fails the run. Problems that serde's derived code
//! raises itself (a missing required key) end the current [`Item`](super::spanned::Item), which
//! records nothing and lets its siblings be read.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, VariantAccess,
    Visitor,
};

use super::spanned::{EITHER_MAGIC, ITEM_MAGIC, SPANNED_MAGIC};
use super::suggest;
use super::yaml::{Node, NodeKind, Scalar, shown};
use crate::diagnostics::{Pos, did_you_mean};

/// Problems recorded while deserializing one file.
#[derive(Debug, Default)]
pub struct Sink {
    problems: RefCell<Vec<Problem>>,
}

/// One recorded problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where.
    pub pos: Pos,
    /// What.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Sink {
    fn push(&self, pos: Pos, message: String, help: Option<String>) {
        self.problems
            .borrow_mut()
            .push(Problem { pos, message, help });
    }

    /// Every problem recorded so far.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems.into_inner()
    }
}

/// The error serde sees. It is recorded in the [`Sink`] the first time it crosses a node, so
/// by the time it reaches the caller it only says "stop".
#[derive(Debug)]
pub struct Error {
    message: String,
    help: Option<String>,
    recorded: bool,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self {
            message: msg.to_string(),
            help: None,
            recorded: false,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Self {
            message: format!("missing required key `{field}`"),
            help: Some(format!("add `{field}:` to the mapping that starts here")),
            recorded: false,
        }
    }
}

/// Deserializes `T` from `node`, recording problems in `sink`. `None` when a problem stopped it.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node, sink: &'de Sink) -> Option<T> {
    T::deserialize(NodeDe { node, sink }).ok()
}

/// A deserializer for one node.
#[derive(Clone, Copy)]
pub struct NodeDe<'a> {
    node: &'a Node,
    sink: &'a Sink,
}

impl<'a> NodeDe<'a> {
    fn at(self, node: &'a Node) -> Self {
        Self {
            node,
            sink: self.sink,
        }
    }

    /// Records `err` at this node unless an inner node already did.
    fn record(self, mut err: Error) -> Error {
        if !err.recorded {
            self.sink
                .push(self.node.pos, err.message.clone(), err.help.take());
            err.recorded = true;
        }
        err
    }

    fn wrong_type(self, expected: &str) {
        self.sink.push(
            self.node.pos,
            format!("expected {expected}, found {}", self.node.describe()),
            Some(format!("write {expected} here")),
        );
    }

    /// The text of a string-like scalar. Plain numbers and booleans are accepted as text
    /// (`example: 0` for a string parameter), nulls and collections are not.
    fn text(self) -> Option<&'a str> {
        match &self.node.kind {
            NodeKind::Scalar { text, .. } if self.node.scalar() != Some(Scalar::Null) => Some(text),
            _ => None,
        }
    }

    fn integer(self) -> Option<i64> {
        match self.node.scalar() {
            Some(Scalar::Int(i)) => Some(i),
            _ => None,
        }
    }
}

macro_rules! integer_methods {
    ($($method:ident => $visit:ident: $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = match self.integer().map(<$ty>::try_from) {
                Some(Ok(v)) => v,
                Some(Err(_)) => {
                    self.sink.push(
                        self.node.pos,
                        format!("{} is out of range for this key", self.node.describe()),
                        Some(format!("use a number from {} to {}", <$ty>::MIN, <$ty>::MAX)),
                    );
                    0
                }
                None => {
                    let quoted = matches!(&self.node.kind, NodeKind::Scalar { text, plain: false } if text.parse::<i64>().is_ok());
                    if quoted {
                        self.sink.push(self.node.pos, format!("expected a number, found {}", self.node.describe()), Some("remove the quotes".into()));
                    } else {
                        self.wrong_type("a whole number");
                    }
                    0
                }
            };
            visitor.$visit(value).map_err(|e| self.record(e))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match (&self.node.kind, self.node.scalar()) {
            (NodeKind::Seq(items), _) => visitor.visit_seq(Seq {
                items: items.iter(),
                de: self,
            }),
            (NodeKind::Map(entries), _) => visitor.visit_map(Map::new(self, entries, None)),
            (_, Some(Scalar::Null)) => visitor.visit_unit(),
            (_, Some(Scalar::Bool(b))) => visitor.visit_bool(b),
            (_, Some(Scalar::Int(i))) => visitor.visit_i64(i),
            (_, Some(Scalar::Float(f))) => visitor.visit_f64(f),
            (_, Some(Scalar::Str(s))) => visitor.visit_str(s),
            (_, None) => visitor.visit_unit(),
        };
        result.map_err(|e| self.record(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match self.node.scalar() {
            Some(Scalar::Bool(b)) => b,
            _ => {
                self.wrong_type("`true` or `false`");
                false
            }
        };
        visitor.visit_bool(value).map_err(|e| self.record(e))
    }

    integer_methods! {
        deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64,
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match self.node.scalar() {
            Some(Scalar::Int(i)) => i as f64,
            Some(Scalar::Float(f)) => f,
            _ => {
                self.wrong_type("a number");
                0.0
            }
        };
        visitor.visit_f64(value).map_err(|e| self.record(e))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let text = self.text().unwrap_or_else(|| {
            self.wrong_type("a string");
            ""
        });
        visitor.visit_borrowed_str(text).map_err(|e| self.record(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = if self.node.scalar() == Some(Scalar::Null) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        };
        result.map_err(|e| self.record(e))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit().map_err(|e| self.record(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match name {
            SPANNED_MAGIC => visitor.visit_seq(SpannedSeq { de: self, step: 0 }),
            ITEM_MAGIC => visitor.visit_newtype_struct(self),
            EITHER_MAGIC => {
                let variant = match &self.node.kind {
                    NodeKind::Map(_) => "map",
                    _ => "scalar",
                };
                visitor.visit_enum(Enum {
                    variant,
                    value: Some(self),
                })
            }
            _ => visitor.visit_newtype_struct(self),
        };
        result.map_err(|e| self.record(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items: &[Node] = match &self.node.kind {
            NodeKind::Seq(items) => items,
            _ => {
                self.wrong_type("a list");
                &[]
            }
        };
        visitor
            .visit_seq(Seq {
                items: items.iter(),
                de: self,
            })
            .map_err(|e| self.record(e))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_mapping(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.visit_mapping(Some(fields), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Fix (diagnostics): the spec file itself is the one enum written as a one-key mapping
        // (`api:`, `resource:`, `models:`); every other enum of the format is a plain value
        // (`method: GET`). The messages used to be the same for both ("unknown value the string
        // \"resources\"", "keep one of them; each needs its own file or entry"), and a plain
        // enum written as a mapping (`method: {GET: x}`) was accepted with its value ignored.
        if name != SPEC_FILE_ENUM {
            let known = self
                .text()
                .and_then(|t| variants.iter().copied().find(|v| *v == t));
            let variant = match (known, self.node.scalar()) {
                (Some(variant), _) => variant,
                (None, Some(Scalar::Str(text))) => {
                    let help = match did_you_mean(text, variants.iter().copied()) {
                        Some(close) => {
                            format!("did you mean `{close}`? accepted: {}", list(variants))
                        }
                        None => format!("accepted: {}", list(variants)),
                    };
                    self.sink.push(
                        self.node.pos,
                        format!("unknown value `{}`", shown(text)),
                        Some(help),
                    );
                    variants.first().copied().unwrap_or("")
                }
                (None, _) => {
                    self.wrong_type(&format!("one of {}", list(variants)));
                    variants.first().copied().unwrap_or("")
                }
            };
            // A placeholder variant after a recorded problem keeps the siblings being read.
            return visitor
                .visit_enum(Enum {
                    variant,
                    value: None,
                })
                .map_err(|e| self.record(e));
        }
        let single = match &self.node.kind {
            NodeKind::Map(entries) => match entries.as_slice() {
                [(key, value)] => Some((key, value)),
                _ => None,
            },
            _ => None,
        };
        let (key, value) = match (single, &self.node.kind) {
            (Some(entry), _) => entry,
            (None, NodeKind::Map(entries)) => {
                fn name(k: &Node) -> &str {
                    match &k.kind {
                        NodeKind::Scalar { text, .. } if k.scalar() != Some(Scalar::Null) => text,
                        _ => "",
                    }
                }
                let quoted = |keys: &[&(Node, Node)]| {
                    let names: Vec<String> = keys
                        .iter()
                        .map(|(k, _)| format!("`{}`", shown(name(k))))
                        .collect();
                    names.join(", ")
                };
                let (known, other): (Vec<_>, Vec<_>) = entries
                    .iter()
                    .partition(|(k, _)| variants.contains(&name(k)));
                // Point at the key that is most likely the mistake, and say what to do with it.
                let (at, message, help) = match (known.as_slice(), other.as_slice()) {
                    ([_, second, ..], _) => (
                        second.0.pos,
                        format!(
                            "a spec file has exactly one top-level key, this one has {}",
                            quoted(&known)
                        ),
                        "split the file: `api:`, `resource:` and `models:` each go in a file \
                         of their own"
                            .to_owned(),
                    ),
                    ([(only, _)], [(first, _), ..]) => (
                        first.pos,
                        format!(
                            "a spec file has exactly one top-level key, `{}:`; this one also \
                             has {}",
                            name(only),
                            quoted(&other)
                        ),
                        format!(
                            "indent {} under `{}:`, or remove it",
                            quoted(&other),
                            name(only)
                        ),
                    ),
                    _ => (
                        entries.first().map_or(self.node.pos, |(k, _)| k.pos),
                        format!(
                            "none of the top-level keys ({}) is `api`, `resource` or `models`",
                            quoted(&other)
                        ),
                        "start the file with `api:`, `resource:` or `models:` and indent these \
                         keys under it"
                            .to_owned(),
                    ),
                };
                self.sink.push(at, message, Some(help));
                return Err(stop());
            }
            (None, _) => {
                let (keys, found) = (list(variants), self.node.describe());
                let message =
                    format!("expected a mapping with one top-level key ({keys}), found {found}");
                let help =
                    "start the file with `api:`, `resource:` or `models:` (see specs/README.md)";
                self.sink.push(self.node.pos, message, Some(help.into()));
                return Err(stop());
            }
        };
        let key_name = self.at(key).text().unwrap_or("");
        let Some(variant) = variants.iter().copied().find(|v| *v == key_name) else {
            let accepted = variants
                .iter()
                .map(|v| format!("`{v}:`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match did_you_mean(key_name, variants.iter().copied()) {
                Some(close) => {
                    format!("did you mean `{close}`? a spec file starts with one of {accepted}")
                }
                None => format!("a spec file starts with one of {accepted}"),
            };
            self.sink.push(
                key.pos,
                format!("unknown top-level key `{}`", shown(key_name)),
                Some(help),
            );
            return Err(stop());
        };
        visitor
            .visit_enum(Enum {
                variant,
                value: Some(self.at(value)),
            })
            .map_err(|e| self.record(e))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl<'de> NodeDe<'de> {
    fn visit_mapping<V: Visitor<'de>>(
        self,
        fields: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (entries, replaced): (&[(Node, Node)], bool) = match &self.node.kind {
            NodeKind::Map(entries) => (entries, false),
            _ => {
                self.wrong_type("a mapping of `key: value` lines");
                (&[], true)
            }
        };
        let result = visitor.visit_map(Map::new(self, entries, fields));
        match result {
            // A mapping replaced after a type error misses every key: the type error says it all.
            Err(mut e) if replaced => {
                e.recorded = true;
                Err(e)
            }
            other => other.map_err(|e| self.record(e)),
        }
    }
}

/// The serde name of [`SpecFile`](super::spec::SpecFile), the only enum written as a key.
const SPEC_FILE_ENUM: &str = "SpecFile";

/// An error that has already been recorded: it only stops the current [`Item`](super::spanned::Item).
fn stop() -> Error {
    Error {
        message: String::new(),
        help: None,
        recorded: true,
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Node>,
    de: NodeDe<'a>,
}

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(node) => seed.deserialize(self.de.at(node)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    /// Every entry, to read a sibling key (`type`) when suggesting a fix for an unknown key.
    all: &'a [(Node, Node)],
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
    de: NodeDe<'a>,
    fields: Option<&'static [&'static str]>,
}

impl<'a> Map<'a> {
    fn new(
        de: NodeDe<'a>,
        entries: &'a [(Node, Node)],
        fields: Option<&'static [&'static str]>,
    ) -> Self {
        Self {
            all: entries,
            entries: entries.iter(),
            value: None,
            de,
            fields,
        }
    }
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let (all, de) = (self.all, self.de);
        for (key, value) in self.entries.by_ref() {
            if let Some(fields) = self.fields {
                let name = self.de.at(key).text();
                if name == Some("required") && fields.contains(&"properties") {
                    if let NodeKind::Seq(names) = &value.kind {
                        report_required_list(self.de.at(value), names);
                        continue;
                    }
                }
                let Some(name) = name.filter(|n| fields.contains(n)) else {
                    report_unknown_key(self.de.at(key), fields, sibling(all, de, "type"));
                    continue;
                };
                self.value = Some(value);
                return seed.deserialize(name.into_deserializer()).map(Some);
            }
            self.value = Some(value);
            return seed.deserialize(self.de.at(key)).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(self.de.at(value)),
            None => Err(de::Error::custom("value requested before key")),
        }
    }
}

/// The text of the scalar under `key` among `entries`, if any.
fn sibling<'a>(entries: &'a [(Node, Node)], de: NodeDe<'a>, key: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|(k, _)| de.at(k).text() == Some(key))
        .and_then(|(_, v)| de.at(v).text())
}

/// `required: [a, b]`, JSON Schema's list of required properties, where this format marks each
/// property `required: true`.
fn report_required_list(value: NodeDe<'_>, names: &[Node]) {
    let listed: Vec<String> = names
        .iter()
        .filter_map(|n| value.at(n).text())
        .map(|n| format!("`{}`", shown(n)))
        .collect();
    let help = if listed.is_empty() {
        "mark each required property with `required: true` under `properties`".to_owned()
    } else {
        format!(
            "mark each required property instead: `required: true` under {} in `properties`",
            listed.join(", ")
        )
    };
    value.sink.push(
        value.node.pos,
        "`required` is a flag on each property, not a list of property names".into(),
        Some(help),
    );
}

fn report_unknown_key(key: NodeDe<'_>, fields: &[&str], ty: Option<&str>) {
    let Some(name) = key.text() else {
        // A null, list or mapping where a key goes (`: x`, `? [a]: b`).
        let message = format!("expected a key name, found {}", key.node.describe());
        let help = format!("allowed keys here: {}", list(fields));
        key.sink.push(key.node.pos, message, Some(help));
        return;
    };
    let allowed = list(fields);
    let help = if name == "<<" {
        "YAML merge keys are not supported; write the keys out".to_owned()
    } else if let Some(help) = suggest::key(name, fields, ty) {
        help
    } else {
        match did_you_mean(name, fields.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("allowed keys here: {allowed}"),
        }
    };
    key.sink.push(
        key.node.pos,
        format!("unknown key `{}`", shown(name)),
        Some(help),
    );
}

/// Hands a [`Spanned`](super::spanned::Spanned) its line, column and value.
struct SpannedSeq<'a> {
    de: NodeDe<'a>,
    step: u8,
}

impl<'de> SeqAccess<'de> for SpannedSeq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.step += 1;
        let pos = self.de.node.pos;
        match self.step {
            1 => seed
                .deserialize(de::value::U64Deserializer::<Error>::new(pos.line as u64))
                .map(Some),
            2 => seed
                .deserialize(de::value::U64Deserializer::<Error>::new(pos.col as u64))
                .map(Some),
            3 => seed.deserialize(self.de).map(Some),
            _ => Ok(None),
        }
    }
}

struct Enum<'a> {
    variant: &'static str,
    value: Option<NodeDe<'a>>,
}

impl<'de> EnumAccess<'de> for Enum<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let value = seed.deserialize(self.variant.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> VariantAccess<'de> for Enum<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom(format!(
                "`{}` needs a value",
                self.variant
            ))),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(value) => de::Deserializer::deserialize_seq(value, visitor),
            None => Err(de::Error::custom(format!(
                "`{}` needs a list",
                self.variant
            ))),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(value) => value.visit_mapping(Some(fields), visitor),
            None => Err(de::Error::custom(format!(
                "`{}` needs a mapping",
                self.variant
            ))),
        }
    }
}
