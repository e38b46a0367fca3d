//! Where types need a `Box`, and which file and cargo feature each model lives behind.
//!
//! - A struct that contains itself (directly or through other types, not through a `Vec` or a
//!   map) would have infinite size: such fields get a `Box`.
//! - An enum whose variants differ a lot in size wastes memory and trips clippy's
//!   `large_enum_variant`: variants larger than [`MAX_INLINE_VARIANT`] bytes get a `Box`. Sizes
//!   are upper bounds (every field rounded up to 8 bytes), so an unboxed variant is never larger
//!   than the bound and no two unboxed variants differ by more than clippy's 200 bytes.
//! - Every named model has a file; inline types live in the file of the model that first needed
//!   them. Each file is compiled behind an internal cargo feature that enables the features of
//!   the files it uses, and each resource's feature enables the files its actions use: a crate
//!   that enables one resource compiles exactly the models that resource needs.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::types::{RType, TypeDef, TypeId, TypeKind};
use crate::rust_client::names::RustIdent;

/// Variants larger than this many bytes are boxed.
pub const MAX_INLINE_VARIANT: u64 = 128;

/// Boxes every field or variant whose type leads back to its own type without indirection.
pub fn box_recursion(defs: &mut [TypeDef<'_>]) {
    let holds: Vec<Vec<TypeId>> = defs.iter().map(|d| inline_types(&d.kind)).collect();
    for owner in 0..defs.len() {
        let leads_back = |ty: &RType| {
            let mut names = Vec::new();
            inline_named(ty, &mut names);
            names.iter().any(|&n| reaches(&holds, n, owner))
        };
        let Some(def) = defs.get_mut(owner) else {
            continue;
        };
        for ty in contents_mut(&mut def.kind) {
            if leads_back(ty) {
                *ty = boxed(std::mem::replace(ty, RType::Json));
            }
        }
    }
}

/// Boxes union variants larger than [`MAX_INLINE_VARIANT`]; call after [`box_recursion`].
pub fn box_large_variants(defs: &mut [TypeDef<'_>]) {
    let sizes = Sizes::new(defs);
    let mut changes: Vec<(TypeId, usize)> = Vec::new();
    for (id, def) in defs.iter().enumerate() {
        let variants: Vec<&RType> = match &def.kind {
            TypeKind::Tagged { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Untagged(variants) => variants.iter().map(|(_, t)| t).collect(),
            _ => continue,
        };
        for (index, ty) in variants.into_iter().enumerate() {
            if sizes.of(ty) > MAX_INLINE_VARIANT {
                changes.push((id, index));
            }
        }
    }
    for (id, index) in changes {
        let Some(def) = defs.get_mut(id) else {
            continue;
        };
        let slot = match &mut def.kind {
            TypeKind::Tagged { variants, .. } => variants.get_mut(index).map(|v| &mut v.ty),
            TypeKind::Untagged(variants) => variants.get_mut(index).map(|(_, t)| t),
            _ => None,
        };
        if let Some(ty) = slot {
            *ty = RType::Boxed(Box::new(std::mem::replace(ty, RType::Json)));
        }
    }
}

/// Upper bounds of type sizes in bytes.
#[derive(Debug)]
pub struct Sizes {
    of_def: Vec<u64>,
}

impl Sizes {
    /// Sizes of every type; types must hold each other only acyclically (after
    /// [`box_recursion`]).
    pub fn new(defs: &[TypeDef<'_>]) -> Self {
        let mut memo: Vec<Option<u64>> = vec![None; defs.len()];
        for id in 0..defs.len() {
            def_size(defs, id, &mut memo, 0);
        }
        Self {
            of_def: memo.into_iter().map(|s| s.unwrap_or(8)).collect(),
        }
    }

    /// The upper bound of `ty`'s size.
    pub fn of(&self, ty: &RType) -> u64 {
        type_size(ty, &|id| self.of_def.get(id).copied().unwrap_or(8))
    }
}

/// `serde_json::Value` and its map with `preserve_order` (an `IndexMap`) both stay under this.
const JSON_SIZE: u64 = 80;

fn type_size(ty: &RType, named: &dyn Fn(TypeId) -> u64) -> u64 {
    match ty {
        RType::String | RType::Vec(_) | RType::Map(_) => 24,
        RType::I64 | RType::F64 | RType::Bool | RType::Boxed(_) => 8,
        RType::Json => JSON_SIZE,
        RType::Named(id) => named(*id),
        RType::Option(inner) => type_size(inner, named) + 8,
    }
}

fn def_size(defs: &[TypeDef<'_>], id: TypeId, memo: &mut Vec<Option<u64>>, depth: usize) -> u64 {
    if let Some(Some(size)) = memo.get(id) {
        return *size;
    }
    // A cycle that boxing missed cannot happen; the depth guard keeps a bug from recursing
    // forever, at the price of a wrong (small) estimate.
    if depth > defs.len() {
        return 8;
    }
    let Some(def) = defs.get(id) else { return 8 };
    let size_of = |ty: &RType, memo: &mut Vec<Option<u64>>| {
        let mut named_sizes = HashMap::new();
        let mut ids = Vec::new();
        ty.named(&mut ids);
        for n in ids {
            named_sizes.insert(n, def_size(defs, n, memo, depth + 1));
        }
        type_size(ty, &|n| named_sizes.get(&n).copied().unwrap_or(8))
    };
    let size = match &def.kind {
        TypeKind::Struct { fields, extra, .. } => {
            let mut total = extra.as_ref().map_or(0, |_| 24);
            for f in fields {
                let field = size_of(&f.ty, memo);
                let field = if f.required { field } else { field + 8 };
                total += field.div_ceil(8) * 8;
            }
            total.max(8)
        }
        TypeKind::Enum(_) => 32,
        TypeKind::Tagged { variants, .. } => {
            let largest = variants
                .iter()
                .map(|v| size_of(&v.ty, memo))
                .max()
                .unwrap_or(0);
            largest.max(JSON_SIZE) + 8
        }
        TypeKind::Untagged(variants) => {
            variants
                .iter()
                .map(|(_, t)| size_of(t, memo))
                .max()
                .unwrap_or(0)
                + 8
        }
        TypeKind::Alias(ty) => size_of(ty, memo),
    };
    if let Some(slot) = memo.get_mut(id) {
        *slot = Some(size);
    }
    size
}

/// The types a type holds without indirection (not behind a `Vec`, map or `Box`).
fn inline_types(kind: &TypeKind<'_>) -> Vec<TypeId> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct { fields, .. } => {
            fields.iter().for_each(|f| inline_named(&f.ty, &mut out))
        }
        TypeKind::Tagged { variants, .. } => {
            variants.iter().for_each(|v| inline_named(&v.ty, &mut out))
        }
        TypeKind::Untagged(variants) => {
            variants.iter().for_each(|(_, t)| inline_named(t, &mut out))
        }
        TypeKind::Alias(t) => inline_named(t, &mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

fn contents_mut<'a>(kind: &'a mut TypeKind<'_>) -> Vec<&'a mut RType> {
    match kind {
        TypeKind::Struct { fields, .. } => fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Tagged { variants, .. } => variants.iter_mut().map(|v| &mut v.ty).collect(),
        TypeKind::Untagged(variants) => variants.iter_mut().map(|(_, t)| t).collect(),
        TypeKind::Alias(_) | TypeKind::Enum(_) => Vec::new(),
    }
}

fn inline_named(ty: &RType, out: &mut Vec<TypeId>) {
    match ty {
        RType::Named(id) => out.push(*id),
        RType::Option(inner) => inline_named(inner, out),
        _ => {}
    }
}

/// `Option<T>` boxes its content; anything else is boxed whole.
fn boxed(ty: RType) -> RType {
    match ty {
        RType::Option(inner) => RType::Option(Box::new(RType::Boxed(inner))),
        other => RType::Boxed(Box::new(other)),
    }
}

fn reaches(holds: &[Vec<TypeId>], from: TypeId, target: TypeId) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == target {
            return true;
        }
        if seen.insert(id) {
            stack.extend(holds.get(id).into_iter().flatten().copied());
        }
    }
    false
}

/// Every type a type mentions, through any indirection.
pub fn mentioned(kind: &TypeKind<'_>) -> Vec<TypeId> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct { fields, extra, .. } => {
            fields.iter().for_each(|f| f.ty.named(&mut out));
            if let Some((_, ty)) = extra {
                ty.named(&mut out);
            }
        }
        TypeKind::Tagged { variants, .. } => variants.iter().for_each(|v| v.ty.named(&mut out)),
        TypeKind::Untagged(variants) => variants.iter().for_each(|(_, t)| t.named(&mut out)),
        TypeKind::Alias(t) => t.named(&mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

/// One file of the `models` module.
#[derive(Debug, Clone)]
pub struct ModelFile {
    /// File stem and module name (`api_token_post`).
    pub module: RustIdent,
    /// The types it holds: the named model first, then its inline types in creation order.
    pub types: Vec<TypeId>,
    /// The other files its types use, sorted.
    pub uses: BTreeSet<usize>,
}

/// Groups the `models` types into files, one per named model.
pub fn model_files(defs: &[TypeDef<'_>]) -> (Vec<ModelFile>, Vec<Option<usize>>) {
    let mut files: Vec<ModelFile> = Vec::new();
    let mut file_of_model: HashMap<TypeId, usize> = HashMap::new();
    let mut modules = crate::rust_client::names::Namespace::default();
    for (id, def) in defs.iter().enumerate() {
        if def.model.is_some() {
            let module = modules.claim(RustIdent::module(def.name.bare(), "model"));
            file_of_model.insert(id, files.len());
            files.push(ModelFile {
                module: RustIdent::snake(module.bare()),
                types: Vec::new(),
                uses: BTreeSet::new(),
            });
        }
    }
    let mut file_of: Vec<Option<usize>> = vec![None; defs.len()];
    for (id, def) in defs.iter().enumerate() {
        let file = def
            .owner
            .and_then(|owner| file_of_model.get(&owner).copied());
        if let (Some(file), Some(slot)) = (file, file_of.get_mut(id)) {
            *slot = Some(file);
            if let Some(f) = files.get_mut(file) {
                f.types.push(id);
            }
        }
    }
    for file in 0..files.len() {
        let mut uses = BTreeSet::new();
        for &id in files.get(file).map_or(&[][..], |f| &f.types) {
            let Some(def) = defs.get(id) else { continue };
            for used in mentioned(&def.kind) {
                if let Some(Some(other)) = file_of.get(used) {
                    if *other != file {
                        uses.insert(*other);
                    }
                }
            }
        }
        if let Some(f) = files.get_mut(file) {
            f.uses = uses;
        }
    }
    (files, file_of)
}
