//! The models of one API: every name first (so that references may point forward), then each
//! shape, then the rules that need every model (cycles of references, all_of members,
//! discriminator tags, distinguishable unions).

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;

use super::schema::{Convert, Place};
use super::{Cx, relative, shared, unions};
use crate::diagnostics::did_you_mean;
use crate::ir::{Model, Origin, Schema, SchemaKind};
use crate::load::ApiFiles;
use crate::load::spanned::Spanned;
use crate::load::spec;

/// The models of one API by name, as far as they are known.
#[derive(Debug, Clone, Default)]
pub struct ModelTable {
    entries: IndexMap<String, Entry>,
    /// Whether every file that may define models was read.
    complete: bool,
}

#[derive(Debug, Clone)]
enum Entry {
    /// Defined; its shape is not converted yet.
    Pending,
    /// Defined, with its shape.
    Loaded(Box<Schema>),
    /// Its definition failed to load (and was reported).
    Failed,
}

/// What a model name stands for.
#[derive(Debug, Clone, Copy)]
pub enum Lookup<'a> {
    /// A model with this shape.
    Found(&'a Schema),
    /// A model whose shape is not known (it failed to load, or may be in a file that could not
    /// be read): checks that need its shape are skipped.
    Unknown,
}

impl ModelTable {
    /// The model `name`, when its shape is known.
    pub fn lookup(&self, name: &str) -> Lookup<'_> {
        match self.entries.get(name) {
            Some(Entry::Loaded(schema)) => Lookup::Found(schema),
            _ => Lookup::Unknown,
        }
    }

    /// Whether `reference` may be used: reports a model that is not defined, with the closest
    /// defined name. A model that failed to load, or that may be in a file that could not be
    /// read, is not reported again.
    pub fn check_ref(&self, cx: &mut Cx, file: &Path, reference: &Spanned<String>) -> bool {
        if self.entries.contains_key(&reference.value) {
            return true;
        }
        if !self.complete {
            return false;
        }
        let help = match did_you_mean(&reference.value, self.entries.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "define it under `models:` in this API's folder".into(),
        };
        cx.error(
            file,
            reference.pos,
            format!("reference to undefined model `{}`", reference.value),
            help,
        );
        false
    }
}

/// One model as written.
struct Written<'a> {
    file: Arc<Path>,
    name: &'a Spanned<String>,
    schema: Option<&'a spec::Schema>,
}

/// Builds the table and the IR models of one API, in file and then written order.
pub fn build(cx: &mut Cx, root: &Path, files: &ApiFiles) -> (ModelTable, Vec<Model>) {
    let mut written: Vec<Written> = files
        .models
        .iter()
        .map(|(file, name, schema)| Written {
            file: shared(file),
            name,
            schema: Some(schema),
        })
        .chain(files.failed_models.iter().map(|(file, name)| Written {
            file: shared(file),
            name,
            schema: None,
        }))
        .collect();
    written.sort_by(|a, b| (&a.file, a.name.pos).cmp(&(&b.file, b.name.pos)));
    if !files.failed_models.is_empty() || !files.models_complete {
        cx.left_out();
    }

    let mut table = ModelTable {
        entries: IndexMap::new(),
        complete: files.models_complete,
    };
    let mut first: Vec<&Written> = Vec::new();
    for model in &written {
        if let Some(earlier) = first.iter().find(|m| m.name.value == model.name.value) {
            cx.error(
                &model.file,
                model.name.pos,
                format!(
                    "model `{}` is defined twice (first in {} at line {})",
                    model.name.value,
                    earlier.file.display(),
                    earlier.name.pos.line
                ),
                "rename or remove one of them",
            );
            continue;
        }
        let entry = if model.schema.is_some() {
            Entry::Pending
        } else {
            Entry::Failed
        };
        table.entries.insert(model.name.value.clone(), entry);
        first.push(model);
    }

    let mut converted: Vec<(&Written, Schema)> = Vec::new();
    for model in &first {
        let Some(schema) = model.schema else { continue };
        let mut convert = Convert {
            cx: &mut *cx,
            file: &model.file,
            models: &table,
        };
        converted.push((model, convert.schema(schema, model.name.pos, Place::Model)));
    }
    for (model, schema) in &converted {
        table
            .entries
            .insert(model.name.value.clone(), Entry::Loaded(Box::new(schema.clone())));
    }
    report_reference_cycles(cx, &table);

    // The rules that read other models, on a snapshot of the table (they only add discriminator
    // tags, which no other rule reads).
    let snapshot = table.clone();
    let mut models = Vec::new();
    for (model, mut schema) in converted {
        unions::finish(cx, &snapshot, &mut schema);
        table
            .entries
            .insert(model.name.value.clone(), Entry::Loaded(Box::new(schema.clone())));
        models.push(Model {
            name: model.name.value.clone(),
            schema,
            spec_file: relative(root, &model.file),
            origin: Origin::new(model.file.clone(), model.name.pos),
        });
    }
    (table, models)
}

/// Reports models that are only references which come back to them (`a: {ref: b}`,
/// `b: {ref: a}`): no value has such a shape. Each cycle is reported once, at its first model.
fn report_reference_cycles(cx: &mut Cx, table: &ModelTable) {
    for (start, entry) in &table.entries {
        let Entry::Loaded(schema) = entry else {
            continue;
        };
        let mut chain: Vec<&str> = vec![start];
        let mut current = schema;
        while let SchemaKind::Ref(next) = &current.kind {
            if next == start {
                let first = chain.iter().all(|name| {
                    table.entries.get_index_of(*name) >= table.entries.get_index_of(start.as_str())
                });
                if first {
                    chain.push(next);
                    cx.error_at(
                        &schema.origin,
                        format!(
                            "model `{start}` is a reference that comes back to itself: {}",
                            chain.join(" -> ")
                        ),
                        "give one of these models a shape of its own (`type: ...`)",
                    );
                }
                break;
            }
            if chain.contains(&next.as_str()) {
                break; // a cycle that does not pass through `start`: reported at its own first model
            }
            chain.push(next);
            match table.entries.get(next.as_str()) {
                Some(Entry::Loaded(target)) => current = target,
                _ => break,
            }
        }
    }
}
