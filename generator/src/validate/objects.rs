//! `all_of`: every member is an object (inline, or a reference to an object model), and a
//! property that two members declare has the same shape in both.

use super::Cx;
use super::models::ModelTable;
use super::shapes::{ObjectShape, kind_name, object};
use crate::ir::{Additional, Schema, SchemaKind};

/// Checks the members of one `all_of`.
pub fn check_all_of(cx: &mut Cx, table: &ModelTable, members: &[Schema]) {
    // Property name -> (its shape, the member that declared it first).
    let mut declared: Vec<(&str, &Schema, usize)> = Vec::new();
    for (i, member) in members.iter().enumerate() {
        let view = match object(table, member) {
            ObjectShape::Object(view) => view,
            ObjectShape::Not(shape) => {
                cx.error_at(
                    &member.origin,
                    format!(
                        "`all_of` entry {} is {}, not an object",
                        i + 1,
                        kind_name(shape)
                    ),
                    "`all_of` merges the properties of objects: use inline objects or \
                     references to object models",
                );
                continue;
            }
            ObjectShape::Unknown => continue,
        };
        for (name, shape, _) in view.properties {
            match declared.iter().find(|(n, _, _)| *n == name) {
                Some((_, first, j)) if *j != i && !same_shape(first, shape) => {
                    cx.error_at(
                        &shape.origin,
                        format!(
                            "property `{name}` is declared by `all_of` entries {} and {} with \
                             different shapes",
                            j + 1,
                            i + 1
                        ),
                        "a value has one shape: make the declarations the same, or declare it \
                         in one entry",
                    );
                }
                Some(_) => {}
                None => declared.push((name, shape, i)),
            }
        }
    }
}

/// Whether two schemas describe the same values, whatever their docs say.
pub fn same_shape(a: &Schema, b: &Schema) -> bool {
    shape_of(a) == shape_of(b)
}

/// `schema` without its documentation (title, description, examples, flags that do not change
/// which values are accepted), at every level.
fn shape_of(schema: &Schema) -> Schema {
    let mut out = Schema::new(strip(&schema.kind), schema.origin.clone());
    out.nullable = schema.nullable;
    out
}

fn strip(kind: &SchemaKind) -> SchemaKind {
    match kind {
        SchemaKind::Array(array) => {
            let mut array = array.clone();
            array.items = Box::new(shape_of(&array.items));
            SchemaKind::Array(array)
        }
        SchemaKind::Object(object) => {
            let mut object = object.clone();
            for property in &mut object.properties {
                property.schema = shape_of(&property.schema);
                property.rust_name = None;
            }
            if let Additional::Allowed(values) = &object.additional {
                object.additional = Additional::Allowed(Box::new(shape_of(values)));
            }
            SchemaKind::Object(object)
        }
        SchemaKind::OneOf(union) => {
            let mut union = union.clone();
            union.variants = union.variants.iter().map(shape_of).collect();
            SchemaKind::OneOf(union)
        }
        SchemaKind::AllOf(members) => SchemaKind::AllOf(members.iter().map(shape_of).collect()),
        other => other.clone(),
    }
}
