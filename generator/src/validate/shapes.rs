//! Looking through references: the shape a schema has once its `ref`s are followed, and the
//! properties of an object with its `all_of` members merged.

use super::models::{Lookup, ModelTable};
use crate::ir::{Additional, Schema, SchemaKind};

/// How many references or `all_of` levels are followed before giving up (a loop of references
/// is reported on its own; here it only has to end).
const MAX_HOPS: usize = 64;

/// A schema with its references followed.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// The first schema on the way that is not a reference.
    pub schema: &'a Schema,
    /// Whether a schema on the way accepts `null`.
    pub nullable: bool,
}

/// Follows references from `schema`. `None` when a model on the way has no known shape (it
/// failed to load) or the references loop: checks that need the shape are skipped.
pub fn resolve<'a>(table: &'a ModelTable, schema: &'a Schema) -> Option<Resolved<'a>> {
    let mut current = schema;
    let mut nullable = schema.nullable;
    for _ in 0..MAX_HOPS {
        let SchemaKind::Ref(name) = &current.kind else {
            return Some(Resolved {
                schema: current,
                nullable,
            });
        };
        match table.lookup(name) {
            Lookup::Found(target) => {
                current = target;
                nullable |= target.nullable;
            }
            Lookup::Unknown => return None,
        }
    }
    None
}

/// The properties of an object, its `all_of` members merged.
#[derive(Debug, Clone)]
pub struct ObjectView<'a> {
    /// Name, shape and whether it is required, in declaration order (a property declared by
    /// several members appears once, required when any member requires it).
    pub properties: Vec<(&'a str, &'a Schema, bool)>,
    /// What the object says about other keys (the first member that says anything).
    pub additional: &'a Additional,
}

impl<'a> ObjectView<'a> {
    /// The property `name`: its shape and whether it is required.
    pub fn property(&self, name: &str) -> Option<(&'a Schema, bool)> {
        self.properties
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, schema, required)| (*schema, *required))
    }
}

/// What a schema is, seen as an object.
#[derive(Debug, Clone)]
pub enum ObjectShape<'a> {
    /// An object (or an `all_of` of objects).
    Object(ObjectView<'a>),
    /// Something else: this schema (references followed).
    Not(&'a Schema),
    /// Not known: a model on the way failed to load.
    Unknown,
}

static UNSPECIFIED: Additional = Additional::Unspecified;

/// `schema` seen as an object.
pub fn object<'a>(table: &'a ModelTable, schema: &'a Schema) -> ObjectShape<'a> {
    object_within(table, schema, 0)
}

fn object_within<'a>(table: &'a ModelTable, schema: &'a Schema, depth: usize) -> ObjectShape<'a> {
    if depth > MAX_HOPS {
        return ObjectShape::Unknown;
    }
    let Some(resolved) = resolve(table, schema) else {
        return ObjectShape::Unknown;
    };
    match &resolved.schema.kind {
        SchemaKind::Object(object) => ObjectShape::Object(ObjectView {
            properties: object
                .properties
                .iter()
                .map(|p| (p.name.as_str(), &p.schema, p.required))
                .collect(),
            additional: &object.additional,
        }),
        SchemaKind::AllOf(members) => {
            let mut merged = ObjectView {
                properties: Vec::new(),
                additional: &UNSPECIFIED,
            };
            for member in members {
                match object_within(table, member, depth + 1) {
                    ObjectShape::Object(view) => merge(&mut merged, view),
                    ObjectShape::Not(_) => return ObjectShape::Not(resolved.schema),
                    ObjectShape::Unknown => return ObjectShape::Unknown,
                }
            }
            ObjectShape::Object(merged)
        }
        _ => ObjectShape::Not(resolved.schema),
    }
}

fn merge<'a>(into: &mut ObjectView<'a>, view: ObjectView<'a>) {
    for (name, schema, required) in view.properties {
        match into.properties.iter_mut().find(|(n, _, _)| *n == name) {
            Some(existing) => existing.2 |= required,
            None => into.properties.push((name, schema, required)),
        }
    }
    if matches!(into.additional, Additional::Unspecified) {
        into.additional = view.additional;
    }
}

/// How a schema's kind reads in a message: "a string", "an object".
pub fn kind_name(schema: &Schema) -> &'static str {
    match &schema.kind {
        SchemaKind::Any => "any value",
        SchemaKind::String(_) => "a string",
        SchemaKind::Integer { .. } => "an integer",
        SchemaKind::Number { .. } => "a number",
        SchemaKind::Boolean { .. } => "a boolean",
        SchemaKind::Array(_) => "an array",
        SchemaKind::Object(_) => "an object",
        SchemaKind::Ref(_) => "a reference",
        SchemaKind::OneOf(_) => "a `one_of`",
        SchemaKind::AllOf(_) => "an `all_of`",
    }
}
