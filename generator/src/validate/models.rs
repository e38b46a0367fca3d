//! Models: spec schemas to Rust types, with inline shapes named after where they appear.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::names::{camel, model_type, snake, variant_names};
use super::{Cx, value_text};
use crate::diagnostics::Pos;
use crate::ir::{EnumIr, FieldIr, ModelFileIr, ModelIr, ModelKind, TypeIr};
use crate::load::spanned::Spanned;
use crate::load::spec::{Schema, SchemaType};

/// Where a Rust type name was first given, to report clashes.
struct Origin {
    file: PathBuf,
    pos: Pos,
    what: String,
}

/// Builds the model files of one API and resolves model references.
pub struct Models<'a> {
    cx: &'a mut Cx,
    /// Spec name -> Rust type name.
    names: HashMap<String, String>,
    /// Rust type name -> where it was defined.
    taken: HashMap<String, Origin>,
    file: PathBuf,
    /// Documentation for the next inline type that has none: where it appears.
    origin: Option<String>,
}

/// The spec name -> Rust name table, for actions to resolve their models.
pub type ModelNames = HashMap<String, String>;

impl<'a> Models<'a> {
    /// Registers every model name first, so that references may point forward.
    pub fn new(cx: &'a mut Cx, models: &[(PathBuf, Spanned<String>, Schema)]) -> Self {
        let mut this = Self {
            cx,
            names: HashMap::new(),
            taken: HashMap::new(),
            file: PathBuf::new(),
            origin: None,
        };
        for (file, name, _) in models {
            if let Some(first) = this.names.get(&name.value) {
                let first = first.clone();
                this.cx.error(
                    file,
                    name.pos,
                    format!("model `{}` is defined twice", name.value),
                    format!("rename or remove one; the first becomes `{first}`"),
                );
                continue;
            }
            let rust = model_type(&name.value);
            this.claim(file, name.pos, &rust, format!("model `{}`", name.value));
            this.names.insert(name.value.clone(), rust);
        }
        this
    }

    /// Converts every model, grouped into one file per named model.
    pub fn build(
        mut self,
        models: &[(PathBuf, Spanned<String>, Schema)],
    ) -> (Vec<ModelFileIr>, ModelNames) {
        let mut files = Vec::new();
        let mut seen = BTreeSet::new();
        for (file, name, schema) in models {
            if !seen.insert(name.value.as_str()) {
                continue;
            }
            self.file = file.clone();
            let rust = model_type(&name.value);
            let mut out = Vec::new();
            if nullable_choice(schema) {
                // A model that is one of several shapes or null: the shapes get an enum of
                // their own and the model is `Option` of it, so `null` decodes as `None`.
                let value = format!("{rust}Value");
                self.claim(
                    file,
                    name.pos,
                    &value,
                    format!("the shapes of model `{}`", name.value),
                );
                if let Some(kind) = self.named_shape(schema, &value, &mut out) {
                    out.insert(0, model(&value, schema, kind));
                }
                let ty = TypeIr::Nullable(Box::new(TypeIr::Named(value)));
                out.insert(0, model(&rust, schema, ModelKind::Alias(ty)));
                files.push(ModelFileIr {
                    module: model_module(&rust),
                    models: out,
                });
                continue;
            }
            match self.named_shape(schema, &rust, &mut out) {
                Some(kind) => {
                    self.check_one_kind(schema);
                    out.insert(0, model(&rust, schema, kind));
                }
                None => {
                    let ty = self.type_of(schema, &rust, name.pos, &mut out);
                    out.insert(0, model(&rust, schema, ModelKind::Alias(ty)));
                }
            }
            files.push(ModelFileIr {
                module: model_module(&rust),
                models: out,
            });
        }
        super::boxing::box_recursive_fields(&mut files);
        (files, self.names)
    }

    fn claim(&mut self, file: &Path, pos: Pos, rust: &str, what: String) {
        if let Some(first) = self.taken.get(rust) {
            let msg = format!(
                "{what} becomes the Rust type `{rust}`, already used by {} ({}:{})",
                first.what,
                first.file.display(),
                first.pos.line
            );
            let (file, first_what) = (file.to_owned(), first.what.clone());
            self.cx.error(&file, pos, msg, format!("give one of them a different name (`name:` on an inline shape), not {first_what}"));
        } else {
            self.taken.insert(
                rust.to_owned(),
                Origin {
                    file: file.to_owned(),
                    pos,
                    what,
                },
            );
        }
    }

    /// The kind of type `schema` defines when it needs a type of its own (object, enum,
    /// one_of), or `None` for shapes that are plain Rust types.
    fn named_shape(
        &mut self,
        schema: &Schema,
        name: &str,
        out: &mut Vec<ModelIr>,
    ) -> Option<ModelKind> {
        if schema.reference.is_some() {
            return None;
        }
        if let Some(one_of) = &schema.one_of {
            let alternatives: Vec<&Schema> =
                one_of.value.iter().filter_map(|i| i.0.as_ref()).collect();
            let non_null: Vec<&Schema> = alternatives
                .iter()
                .copied()
                .filter(|s| !is_null(s))
                .collect();
            if non_null.len() < 2 {
                return None; // a nullable single shape: `Option<T>`
            }
            let mut variants: Vec<(String, TypeIr)> = Vec::new();
            for (i, alt) in non_null.iter().enumerate() {
                let ty = self.type_of(alt, &format!("{name}Variant{}", i + 1), one_of.pos, out);
                let base = variant_name(&ty);
                let mut vname = base.clone();
                let mut n = 2;
                while variants.iter().any(|(v, _)| *v == vname) {
                    vname = format!("{base}{n}");
                    n += 1;
                }
                variants.push((vname, ty));
            }
            return Some(ModelKind::OneOf(variants));
        }
        let ty = schema.ty.as_ref()?;
        match ty.value {
            SchemaType::String | SchemaType::Integer => {
                let values = schema.values_enum.as_ref()?;
                let enum_ir = self.enum_of(values, name, ty.value == SchemaType::Integer);
                self.check_among_values(schema, &enum_ir);
                Some(ModelKind::Enum(enum_ir))
            }
            SchemaType::Object => {
                let props = schema.properties.as_ref()?;
                Some(ModelKind::Struct(self.fields(props, name, out)))
            }
            _ => None,
        }
    }

    fn enum_of(
        &mut self,
        values: &Spanned<Vec<Spanned<Value>>>,
        name: &str,
        integer: bool,
    ) -> EnumIr {
        let mut texts = Vec::new();
        for v in &values.value {
            match (&v.value, integer) {
                (Value::Number(n), true) if n.is_i64() => texts.push(n.to_string()),
                (Value::String(s), false) => texts.push(s.clone()),
                (other, _) => {
                    let expected = if integer { "whole numbers" } else { "strings" };
                    let file = self.file.clone();
                    self.cx.error(&file, v.pos, format!("enum value {} is not of the enum's type", value_text(other)), format!("the values of this enum must all be {expected}; quote numbers meant as strings"));
                }
            }
        }
        let mut unique = BTreeSet::new();
        for (v, text) in values.value.iter().zip(&texts) {
            if !unique.insert(text.clone()) {
                let file = self.file.clone();
                self.cx.error(
                    &file,
                    v.pos,
                    format!("enum value `{text}` is listed twice"),
                    "remove the second one",
                );
            }
        }
        let variants = variant_names(&texts, integer)
            .into_iter()
            .zip(texts)
            .collect();
        EnumIr {
            name: name.to_owned(),
            integer,
            variants,
        }
    }

    /// Fix (validation): a schema with two of `type`, `ref` and `one_of` silently used one and
    /// ignored the other (`{type: string, ref: org}` was an `Org`); it is now reported.
    fn check_one_kind(&mut self, schema: &Schema) {
        let kinds = [
            schema.ty.as_ref().map(|t| ("type", t.pos)),
            schema.reference.as_ref().map(|r| ("ref", r.pos)),
            schema.one_of.as_ref().map(|o| ("one_of", o.pos)),
        ];
        let given: Vec<(&str, Pos)> = kinds.into_iter().flatten().collect();
        if let [(first, _), (second, pos), ..] = given.as_slice() {
            let file = self.file.clone();
            self.cx.error(&file, *pos, format!("a schema takes only one of `type`, `ref` and `one_of`; this one has `{first}` and `{second}`"), format!("remove `{first}` or `{second}`"));
        }
    }

    /// Fix (validation): README promises that `default` and `example` must be among `enum`,
    /// but only parameters were checked; a model or property enum accepted any value.
    fn check_among_values(&mut self, schema: &Schema, enum_ir: &EnumIr) {
        let texts: Vec<&str> = enum_ir.variants.iter().map(|(_, v)| v.as_str()).collect();
        let file = self.file.clone();
        self.cx.check_among(
            &file,
            schema.default.as_ref(),
            schema.example.as_ref(),
            &texts,
        );
    }

    fn fields(
        &mut self,
        props: &indexmap::IndexMap<Spanned<String>, crate::load::spanned::Item<Schema>>,
        owner: &str,
        out: &mut Vec<ModelIr>,
    ) -> Vec<FieldIr> {
        let mut fields: Vec<FieldIr> = Vec::new();
        let mut rust_names: HashMap<String, (String, Pos)> = HashMap::new();
        for (json, item) in props {
            let Some(schema) = &item.0 else { continue };
            let rust_name = schema
                .rust_name
                .as_ref()
                .map_or_else(|| snake(&json.value), |n| n.value.clone());
            let file = self.file.clone();
            if let Some(rn) = &schema.rust_name {
                if snake(&rn.value) != rn.value {
                    self.cx.error(
                        &file,
                        rn.pos,
                        format!(
                            "`rust_name: {}` is not a snake_case Rust identifier",
                            rn.value
                        ),
                        format!("use `{}`", snake(&rn.value)),
                    );
                }
            }
            if let Some((first, line)) = rust_names.get(&rust_name) {
                self.cx.error(
                    &file,
                    json.pos,
                    format!(
                        "properties `{first}` and `{}` both become the Rust field `{rust_name}`",
                        json.value
                    ),
                    format!(
                        "add `rust_name:` to one of them (the first is at line {})",
                        line.line
                    ),
                );
            } else {
                rust_names.insert(rust_name.clone(), (json.value.clone(), json.pos));
            }
            let hint = format!("{owner}{}", camel(&json.value));
            self.origin = Some(format!("The `{}` field of `{owner}`.", json.value));
            let ty = self.type_of(schema, &hint, json.pos, out);
            self.origin = None;
            let required = schema.required.as_ref().is_some_and(|r| r.value);
            fields.push(FieldIr {
                json_name: json.value.clone(),
                rust_name,
                ty,
                required,
                docs: field_docs(schema),
            });
        }
        fields
    }

    /// The Rust type of `schema`; inline objects, enums and one_ofs become models named `hint`
    /// (or their `name:`), pushed to `out`.
    pub fn type_of(
        &mut self,
        schema: &Schema,
        hint: &str,
        at: Pos,
        out: &mut Vec<ModelIr>,
    ) -> TypeIr {
        self.check_one_kind(schema);
        let file = self.file.clone();
        if let Some(reference) = &schema.reference {
            return self
                .cx
                .resolve_model(&file, reference, &self.names)
                .map_or(TypeIr::Any, TypeIr::Named);
        }
        if let Some(one_of) = &schema.one_of {
            let alternatives: Vec<&Schema> =
                one_of.value.iter().filter_map(|i| i.0.as_ref()).collect();
            let nullable = alternatives.iter().any(|s| is_null(s));
            let non_null: Vec<&Schema> = alternatives.into_iter().filter(|s| !is_null(s)).collect();
            let inner = match non_null.as_slice() {
                [] => {
                    self.cx.error(
                        &file,
                        one_of.pos,
                        "`one_of` needs at least one non-null alternative",
                        "list the shapes the value can take",
                    );
                    TypeIr::Any
                }
                [single] => self.type_of(single, hint, one_of.pos, out),
                _ => self.inline_model(schema, hint, at, out),
            };
            return if nullable {
                TypeIr::Nullable(Box::new(inner))
            } else {
                inner
            };
        }
        let Some(ty) = &schema.ty else {
            self.cx.error(
                &file,
                at,
                "this schema has no `type`, `ref` or `one_of`",
                "add `type: string` (or object, array, …), `ref: <model>` or `one_of: [...]`",
            );
            return TypeIr::Any;
        };
        if schema.values_enum.is_some()
            && !matches!(ty.value, SchemaType::String | SchemaType::Integer)
        {
            self.cx.error(
                &file,
                ty.pos,
                "`enum` applies to `type: string` or `type: integer` only",
                "remove `enum` or change the type",
            );
        }
        match ty.value {
            SchemaType::String | SchemaType::Integer if schema.values_enum.is_some() => {
                self.inline_model(schema, hint, at, out)
            }
            SchemaType::String => TypeIr::String,
            SchemaType::Integer => TypeIr::Integer,
            SchemaType::Number => TypeIr::Number,
            SchemaType::Boolean => TypeIr::Boolean,
            SchemaType::Any => TypeIr::Any,
            SchemaType::Null => {
                self.cx.error(
                    &file,
                    ty.pos,
                    "`type: null` is only meaningful inside `one_of`",
                    "use `one_of: [{type: null}, <schema>]` for a nullable value",
                );
                TypeIr::Any
            }
            SchemaType::Array => match schema.items.as_deref().and_then(|i| i.0.as_ref()) {
                Some(items) => TypeIr::List(Box::new({
                    self.origin = self
                        .origin
                        .take()
                        .map(|o| format!("One item of {}", lowercase_first(&o)));
                    self.type_of(items, &format!("{hint}Item"), ty.pos, out)
                })),
                None => {
                    if schema.items.is_none() {
                        self.cx.error(
                            &file,
                            ty.pos,
                            "an array needs `items`",
                            "add `items: {type: string}` (or the element's schema)",
                        );
                    }
                    TypeIr::List(Box::new(TypeIr::Any))
                }
            },
            SchemaType::Map => match schema.values.as_deref().and_then(|v| v.0.as_ref()) {
                Some(values) => TypeIr::Map(Box::new(self.type_of(
                    values,
                    &format!("{hint}Value"),
                    ty.pos,
                    out,
                ))),
                None => TypeIr::Map(Box::new(TypeIr::Any)),
            },
            SchemaType::Object if schema.properties.is_some() => {
                self.inline_model(schema, hint, at, out)
            }
            // An object without properties is free-form.
            SchemaType::Object => TypeIr::Map(Box::new(TypeIr::Any)),
        }
    }

    fn inline_model(
        &mut self,
        schema: &Schema,
        hint: &str,
        at: Pos,
        out: &mut Vec<ModelIr>,
    ) -> TypeIr {
        let (name, pos) = match &schema.name {
            Some(n) => (super::names::model_type(&n.value), n.pos),
            None => (hint.to_owned(), at),
        };
        let file = self.file.clone();
        self.claim(
            &file,
            pos,
            &name,
            format!("the inline shape at line {}", pos.line),
        );
        let index = out.len();
        let mut inline = model(&name, schema, ModelKind::Alias(TypeIr::Any));
        if inline.title.is_none() && inline.description.is_none() {
            inline.description = self.origin.take();
        }
        out.push(inline);
        if let Some(kind) = self.named_shape(schema, &name, out) {
            if let Some(slot) = out.get_mut(index) {
                slot.kind = kind;
            }
        }
        TypeIr::Named(name)
    }
}

/// The model file's module name, which is both a file stem and an identifier (`mod org;`).
/// Fix (validation): this used to strip `r#` from keywords, so a model named `type` became
/// `mod type;`, which does not parse; keywords now get a trailing underscore (`type_`),
/// which is a valid identifier and file stem alike.
fn model_module(rust_type: &str) -> String {
    let module = snake(rust_type);
    match module.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => module,
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A `one_of` of two or more shapes plus `null`.
fn nullable_choice(schema: &Schema) -> bool {
    let Some(one_of) = &schema.one_of else {
        return false;
    };
    let alternatives = one_of.value.iter().filter_map(|i| i.0.as_ref());
    let (nulls, shapes): (Vec<&Schema>, Vec<&Schema>) = alternatives.partition(|s| is_null(s));
    !nulls.is_empty() && shapes.len() >= 2
}

fn is_null(schema: &Schema) -> bool {
    schema
        .ty
        .as_ref()
        .is_some_and(|t| t.value == SchemaType::Null)
}

fn model(name: &str, schema: &Schema, kind: ModelKind) -> ModelIr {
    ModelIr {
        name: name.to_owned(),
        title: schema.title.clone(),
        description: schema.description.clone(),
        kind,
    }
}

fn variant_name(ty: &TypeIr) -> String {
    match ty {
        TypeIr::String => "String".into(),
        TypeIr::Integer => "Integer".into(),
        TypeIr::Number => "Number".into(),
        TypeIr::Boolean => "Bool".into(),
        TypeIr::Any => "Other".into(),
        TypeIr::Named(n) => n.clone(),
        TypeIr::List(_) => "List".into(),
        TypeIr::Map(_) => "Map".into(),
        TypeIr::Nullable(inner) | TypeIr::Boxed(inner) => variant_name(inner),
    }
}

/// Description, then the documented constraints, one per line.
fn field_docs(schema: &Schema) -> Vec<String> {
    let mut docs = Vec::new();
    if let Some(title) = &schema.title {
        docs.push(title.clone());
    }
    if let Some(d) = &schema.description {
        docs.push(d.clone());
    }
    let mut facts = Vec::new();
    if let Some(f) = &schema.format {
        facts.push(format!("Format: `{f}`."));
    }
    if let Some(p) = &schema.pattern {
        facts.push(format!("Pattern: `{p}`."));
    }
    match (schema.min_length, schema.max_length) {
        (Some(lo), Some(hi)) => facts.push(format!("Length: {lo} to {hi} characters.")),
        (Some(lo), None) => facts.push(format!("At least {lo} characters.")),
        (None, Some(hi)) => facts.push(format!("At most {hi} characters.")),
        (None, None) => {}
    }
    match (schema.minimum, schema.maximum) {
        (Some(lo), Some(hi)) => facts.push(format!("From {lo} to {hi}.")),
        (Some(lo), None) => facts.push(format!("At least {lo}.")),
        (None, Some(hi)) => facts.push(format!("At most {hi}.")),
        (None, None) => {}
    }
    match (schema.min_items, schema.max_items) {
        (Some(lo), Some(hi)) => facts.push(format!("{lo} to {hi} items.")),
        (Some(lo), None) => facts.push(format!("At least {lo} items.")),
        (None, Some(hi)) => facts.push(format!("At most {hi} items.")),
        (None, None) => {}
    }
    if schema.unique_items == Some(true) {
        facts.push("Items are unique.".into());
    }
    if schema.read_only == Some(true) {
        facts.push("Read-only: set by the server.".into());
    }
    if let Some(d) = &schema.default {
        facts.push(format!("Default: `{}`.", value_text(&d.value)));
    }
    if let Some(e) = &schema.example {
        facts.push(format!("Example: `{}`.", value_text(&e.value)));
    }
    if !facts.is_empty() {
        docs.push(facts.join(" "));
    }
    docs
}
