//! Recursive models: a struct that contains itself (directly or through other models, not
//! through a `Vec` or map) would have infinite size, so such fields get a `Box`.

use std::collections::{HashMap, HashSet};

use crate::ir::{ModelFileIr, ModelKind, TypeIr};

/// Wraps in `Box` every field or variant whose type leads back to its own model.
pub fn box_recursive_fields(files: &mut [ModelFileIr]) {
    // Model -> the models it holds inline (not behind a Vec or map, which already allocate).
    let mut holds: HashMap<String, Vec<String>> = HashMap::new();
    for model in files.iter().flat_map(|f| &f.models) {
        let mut inner = Vec::new();
        match &model.kind {
            ModelKind::Struct(fields) => {
                fields.iter().for_each(|f| inline_names(&f.ty, &mut inner))
            }
            ModelKind::OneOf(variants) => variants
                .iter()
                .for_each(|(_, t)| inline_names(t, &mut inner)),
            ModelKind::Alias(t) => inline_names(t, &mut inner),
            ModelKind::Enum(_) => {}
        }
        holds.insert(model.name.clone(), inner);
    }
    for model in files.iter_mut().flat_map(|f| &mut f.models) {
        let owner = model.name.clone();
        let leads_back = |ty: &TypeIr| {
            let mut names = Vec::new();
            inline_names(ty, &mut names);
            names.iter().any(|n| reaches(&holds, n, &owner))
        };
        match &mut model.kind {
            ModelKind::Struct(fields) => {
                for field in fields.iter_mut().filter(|f| leads_back(&f.ty)) {
                    field.ty = boxed(std::mem::replace(&mut field.ty, TypeIr::Any));
                }
            }
            ModelKind::OneOf(variants) => {
                for (_, ty) in variants.iter_mut().filter(|(_, t)| leads_back(t)) {
                    *ty = boxed(std::mem::replace(ty, TypeIr::Any));
                }
            }
            ModelKind::Alias(_) | ModelKind::Enum(_) => {}
        }
    }
}

/// `Option<T>` boxes its content; anything else is boxed whole.
fn boxed(ty: TypeIr) -> TypeIr {
    match ty {
        TypeIr::Nullable(inner) => TypeIr::Nullable(Box::new(TypeIr::Boxed(inner))),
        other => TypeIr::Boxed(Box::new(other)),
    }
}

fn inline_names(ty: &TypeIr, out: &mut Vec<String>) {
    match ty {
        TypeIr::Named(n) => out.push(n.clone()),
        TypeIr::Nullable(inner) => inline_names(inner, out),
        _ => {}
    }
}

fn reaches(holds: &HashMap<String, Vec<String>>, from: &str, target: &str) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(name) = stack.pop() {
        if name == target {
            return true;
        }
        if seen.insert(name.clone()) {
            stack.extend(holds.get(&name).into_iter().flatten().cloned());
        }
    }
    false
}
