//! The rules of a schema that read other models, run once every model is converted: the tags
//! of a discriminated union, the distinguishability of an untagged one, and the members of an
//! `all_of`.

use super::accepts::accepts;
use super::models::ModelTable;
use super::shapes::{ObjectShape, kind_name, object, resolve};
use super::{Cx, objects};
use crate::ir::{Additional, Discriminator, Schema, SchemaKind};

/// Checks `schema` and everything in it, and completes the tags of its discriminators.
pub fn finish(cx: &mut Cx, table: &ModelTable, schema: &mut Schema) {
    match &mut schema.kind {
        SchemaKind::Array(array) => finish(cx, table, &mut array.items),
        SchemaKind::Object(object) => {
            for property in &mut object.properties {
                finish(cx, table, &mut property.schema);
            }
            if let Additional::Allowed(values) = &mut object.additional {
                finish(cx, table, values);
            }
        }
        SchemaKind::OneOf(union) => {
            for variant in &mut union.variants {
                finish(cx, table, variant);
            }
            match &mut union.discriminator {
                Some(discriminator) => tag(cx, table, &union.variants, discriminator),
                None => distinguishable(cx, table, &union.variants),
            }
        }
        SchemaKind::AllOf(members) => {
            for member in members.iter_mut() {
                finish(cx, table, member);
            }
            objects::check_all_of(cx, table, members);
        }
        _ => {}
    }
}

/// Completes the tags: a variant that `mapping` does not name is tagged by the string `enum` of
/// its own discriminator property. Every variant is an object with a tag, and no tag names two
/// variants.
fn tag(cx: &mut Cx, table: &ModelTable, variants: &[Schema], d: &mut Discriminator) {
    let mut tags = d.mapping.clone();
    for (i, variant) in variants.iter().enumerate() {
        let view = match object(table, variant) {
            ObjectShape::Object(view) => view,
            ObjectShape::Not(shape) => {
                cx.error_at(
                    &variant.origin,
                    format!(
                        "variant {} of this discriminated `one_of` is {}, not an object",
                        i + 1,
                        kind_name(shape)
                    ),
                    format!(
                        "a discriminator tells objects apart by their `{}` property: make every \
                         variant an object, or remove `discriminator`",
                        d.property
                    ),
                );
                continue;
            }
            ObjectShape::Unknown => continue,
        };
        if tags.iter().any(|(_, v)| *v == i) {
            continue;
        }
        let own = view
            .property(&d.property)
            .and_then(|(schema, _)| resolve(table, schema))
            .and_then(|r| match &r.schema.kind {
                SchemaKind::String(s) if !s.values.is_empty() => Some(s.values.clone()),
                _ => None,
            });
        match own {
            Some(values) => tags.extend(values.into_iter().map(|value| (value, i))),
            None => {
                let named = match variant.reference() {
                    Some(model) => format!(
                        ", or map a value to `{model}` under the discriminator's `mapping`"
                    ),
                    None => String::new(),
                };
                cx.error_at(
                    &variant.origin,
                    format!(
                        "variant {}{} of this discriminated `one_of` has no tag",
                        i + 1,
                        model_of(variant)
                    ),
                    format!(
                        "give its `{}` property a string `enum` of the values that name it \
                         (`enum: [..]`){named}",
                        d.property
                    ),
                );
            }
        }
    }
    for (k, (value, i)) in tags.iter().enumerate() {
        let earlier = tags
            .iter()
            .take(k)
            .find(|(other, j)| other == value && j != i);
        if let (Some((_, j)), Some(variant)) = (earlier, variants.get(*i)) {
            cx.error_at(
                &variant.origin,
                format!(
                    "the tag `{value}` names two variants of this `one_of` ({} and {})",
                    j + 1,
                    i + 1
                ),
                "each tag value names one variant: correct the `mapping` or the variants' enums",
            );
        }
    }
    tags.sort_by_key(|(_, i)| *i);
    d.mapping = tags;
}

/// Reports a variant of an untagged union that an earlier variant shadows: a decoder that tries
/// the variants in order never reaches it.
fn distinguishable(cx: &mut Cx, table: &ModelTable, variants: &[Schema]) {
    for (j, later) in variants.iter().enumerate().skip(1) {
        let Some((i, earlier)) = variants
            .iter()
            .take(j)
            .enumerate()
            .find(|(_, earlier)| accepts(table, earlier, later))
        else {
            continue;
        };
        let reorder = if accepts(table, later, earlier) {
            String::new()
        } else {
            format!(", or list variant {} before variant {}", j + 1, i + 1)
        };
        cx.error_at(
            &later.origin,
            format!(
                "variant {}{} of this `one_of` can never be decoded: variant {}{} before it \
                 accepts every value it accepts",
                j + 1,
                model_of(later),
                i + 1,
                model_of(earlier)
            ),
            format!(
                "add a `discriminator` (the property whose value names the variant){reorder}"
            ),
        );
    }
}

/// ` (`model`)` for a reference, nothing for an inline shape.
fn model_of(schema: &Schema) -> String {
    schema
        .reference()
        .map(|m| format!(" (`{m}`)"))
        .unwrap_or_default()
}
