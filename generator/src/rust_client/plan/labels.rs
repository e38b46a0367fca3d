//! The names of untagged union variants: what each holds (`String`, `List`, `Org`), without the
//! union's own name in front. They are given once every type has its final name.

use super::types::{RType, TypeDef, TypeKind};
use crate::rust_client::names::{Namespace, RustIdent};

/// Names every untagged union's variants after the final names of what they hold: the names
/// given while planning may since have been changed by [`Types::name_shared_shapes`](super::types::Types::name_shared_shapes) or by
/// merging a copy into its published model.
pub fn label_untagged_variants(defs: &mut [TypeDef<'_>]) {
    for id in 0..defs.len() {
        let Some(TypeKind::Untagged(variants)) = defs.get(id).map(|d| &d.kind) else {
            continue;
        };
        let owner = defs
            .get(id)
            .map(|d| d.name.bare().to_owned())
            .unwrap_or_default();
        let mut idents = Namespace::default();
        let labels: Vec<RustIdent> = variants
            .iter()
            .map(|(_, ty)| idents.claim(without_owner(variant_label(defs, ty), &owner)))
            .collect();
        if let Some(TypeKind::Untagged(variants)) = defs.get_mut(id).map(|d| &mut d.kind) {
            for ((label, _), new) in variants.iter_mut().zip(labels) {
                *label = new;
            }
        }
    }
}

/// A label without the union's own name in front (`Duration::Variant1` holds a
/// `DurationVariant1`): clippy's `enum_variant_names` and plain reading both want it gone.
fn without_owner(label: RustIdent, owner: &str) -> RustIdent {
    match label.bare().strip_prefix(owner) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => RustIdent::camel(rest),
        _ => label,
    }
}

/// The name of an untagged variant: what it holds (`String`, `Number`, `Org`, `List`).
fn variant_label(defs: &[TypeDef<'_>], ty: &RType) -> RustIdent {
    let label = match ty {
        RType::String => "String",
        RType::I64 => "Integer",
        RType::F64 => "Number",
        RType::Bool => "Bool",
        RType::Json => "Other",
        RType::Vec(_) => "List",
        RType::Map(_) => "Map",
        RType::Named(id) => {
            return defs
                .get(*id)
                .map_or_else(|| RustIdent::camel("Other"), |d| d.name.clone());
        }
        RType::Option(inner) | RType::Boxed(inner) => return variant_label(defs, inner),
    };
    RustIdent::camel(label)
}
