//! Inline shapes that are a published model: an array's items written out in full instead of
//! referencing the model they copy (Losant's `orgInvites` items are its `orgInvite` model) become
//! that model, so that `OrgInvites` is `Vec<OrgInvite>` rather than a vector of a second,
//! identical type named after wherever the shape first appeared.
//!
//! "The same" means the same fields (names, types, requiredness, field docs) or the same enum
//! values; the type-level title, description and examples may differ (the copy usually lacks
//! them). The merged inline type is left out of every file.

use std::collections::HashMap;

use super::actions::{ActionPlan, Input, InputType, Payload, Success};
use super::types::{Home, RType, TypeDef, TypeId, TypeKind, kind_key};

/// Redirects every use of an inline `models` type that has the structure of a named model to
/// that model; returns how many types were merged. `actions` are the plans of every resource.
pub fn merge_copies_of_models(
    defs: &mut [TypeDef<'_>],
    params: &mut [Input<'_>],
    actions: &mut [&mut Vec<ActionPlan<'_>>],
) -> usize {
    let mut models: HashMap<String, TypeId> = HashMap::new();
    for (id, def) in defs.iter().enumerate() {
        if def.model.is_some() {
            models.entry(structure(&def.kind)).or_insert(id);
        }
    }
    let mut into: HashMap<TypeId, TypeId> = HashMap::new();
    for (id, def) in defs.iter().enumerate() {
        if def.model.is_none() && def.home == Home::Models {
            if let Some(&model) = models.get(&structure(&def.kind)) {
                into.insert(id, model);
            }
        }
    }
    if into.is_empty() {
        return 0;
    }
    for def in defs.iter_mut() {
        for ty in contents_mut(&mut def.kind) {
            redirect(ty, &into);
        }
    }
    for &merged in into.keys() {
        if let Some(def) = defs.get_mut(merged) {
            // In no file: never emitted.
            def.owner = None;
        }
    }
    for input in params.iter_mut() {
        redirect_input(&mut input.ty, &into);
    }
    for action in actions.iter_mut().flat_map(|list| list.iter_mut()) {
        redirect_action(action, &into);
    }
    into.len()
}

/// A type's structure: its kind with the docs of the type itself left out. (Inline shapes are
/// never aliases, so a model that is one matches nothing.)
fn structure(kind: &TypeKind<'_>) -> String {
    kind_key(kind, |f| {
        format!(
            "{}:{:?}:{}:{:?}:{:?}:{}",
            f.json, f.ty, f.required, f.schema.title, f.schema.description, f.schema.sensitive
        )
    })
}

fn contents_mut<'a>(kind: &'a mut TypeKind<'_>) -> Vec<&'a mut RType> {
    match kind {
        TypeKind::Struct { fields, extra, .. } => {
            let mut out: Vec<&mut RType> = fields.iter_mut().map(|f| &mut f.ty).collect();
            if let Some((_, ty)) = extra {
                out.push(ty);
            }
            out
        }
        TypeKind::Tagged { variants, .. } => variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Untagged(variants) => variants.iter_mut().map(|(_, t)| t).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    }
}

fn redirect(ty: &mut RType, into: &HashMap<TypeId, TypeId>) {
    match ty {
        RType::Named(id) => {
            if let Some(&model) = into.get(id) {
                *id = model;
            }
        }
        RType::Vec(inner) | RType::Map(inner) | RType::Option(inner) | RType::Boxed(inner) => {
            redirect(inner, into)
        }
        RType::String | RType::I64 | RType::F64 | RType::Bool | RType::Json => {}
    }
}

fn redirect_input(ty: &mut InputType, into: &HashMap<TypeId, TypeId>) {
    match ty {
        InputType::Type(t, _) => redirect(t, into),
        InputType::List(inner) => redirect_input(inner, into),
        _ => {}
    }
}

fn redirect_payload(payload: &mut Payload, into: &HashMap<TypeId, TypeId>) {
    if let Payload::Json(ty) = payload {
        redirect(ty, into);
    }
}

fn redirect_action(action: &mut ActionPlan<'_>, into: &HashMap<TypeId, TypeId>) {
    for input in &mut action.inputs {
        redirect_input(&mut input.ty, into);
    }
    match &mut action.success {
        Success::Single(payload) => redirect_payload(payload, into),
        Success::Choice { variants, .. } => {
            for v in variants {
                redirect_payload(&mut v.payload, into);
            }
        }
        Success::Events { kinds, .. } => {
            for (_, _, payload) in kinds {
                redirect_payload(payload, into);
            }
        }
    }
    for v in &mut action.errors {
        redirect_payload(&mut v.payload, into);
    }
    if let Some(pages) = &mut action.pagination {
        redirect(&mut pages.page, into);
        redirect(&mut pages.item, into);
    }
}
