//! The Rust types of an API: IR schemas lifted to named types where Rust needs one (objects,
//! enums, unions), named after where they appear, and identical inline shapes emitted once.
//!
//! Naming rules (documented in specs/README.md):
//! - a model is UpperCamelCase of its spec name (`apiTokenPost` -> `ApiTokenPost`), with a
//!   `Model` suffix where it would shadow a name the generated code uses (`String`, `Clone`);
//! - an inline shape is named after its place: the owner's name + the property
//!   (`Org.members` -> `OrgMembers`), `Item` for array items, `Value` for map values, the
//!   variant's tag or position for union variants; a `name:` in the spec overrides this;
//! - a derived name already taken gets `2`, `3`, … in the order types are created (models in
//!   spec order first, then inline shapes depth-first), so the result is deterministic;
//! - an inline shape identical to one already created (same structure and docs) reuses it.

use std::collections::HashMap;

use crate::ir::{self, Additional, Schema, SchemaKind};
use crate::rust_client::names::{MODULE_TYPES, Namespace, PRELUDE_TYPES, RustIdent, variant_names};

/// Index of a type in [`Types::defs`].
pub type TypeId = usize;

/// A Rust type as used by a field, a parameter or a response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RType {
    /// `String`.
    String,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// `serde_json::Value`.
    Json,
    /// A generated type.
    Named(TypeId),
    /// `Vec<T>`.
    Vec(Box<RType>),
    /// `BTreeMap<String, T>`.
    Map(Box<RType>),
    /// `Option<T>`: a nullable value.
    Option(Box<RType>),
    /// `Box<T>`: breaks a cycle, or keeps a large enum variant small.
    Boxed(Box<RType>),
}

impl RType {
    /// The generated types this type mentions directly.
    pub fn named(&self, out: &mut Vec<TypeId>) {
        match self {
            RType::Named(id) => {
                if !out.contains(id) {
                    out.push(*id);
                }
            }
            RType::Vec(t) | RType::Map(t) | RType::Option(t) | RType::Boxed(t) => t.named(out),
            RType::String | RType::I64 | RType::F64 | RType::Bool | RType::Json => {}
        }
    }
}

/// Where a type is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Home {
    /// In the API's `models` module.
    Models,
    /// In an action's file (parameter enums): resource index, action index.
    Action(usize, usize),
    /// In the API's module (enums of API-wide parameters).
    Api,
}

/// A generated type.
#[derive(Debug, Clone)]
pub struct TypeDef<'ir> {
    /// Its Rust name.
    pub name: RustIdent,
    /// The schema it was made from (docs, constraints, origin).
    pub schema: &'ir Schema,
    /// The spec model it is, for named models.
    pub model: Option<&'ir str>,
    /// Where it appears, for the docs of inline shapes (`The members field of Org.`).
    pub place: Option<String>,
    /// What it is.
    pub kind: TypeKind<'ir>,
    /// Where it is emitted.
    pub home: Home,
    /// The named model whose file holds it (types of the `models` module).
    pub owner: Option<TypeId>,
}

/// The kinds of generated types.
#[derive(Debug, Clone)]
pub enum TypeKind<'ir> {
    /// A struct with named fields, and the map of extra keys when the schema keeps them.
    Struct {
        /// Declared properties, in doc order.
        fields: Vec<Field<'ir>>,
        /// The field holding other keys, when documented.
        extra: Option<(RustIdent, RType)>,
        /// Whether decoding refuses keys it does not declare: only an untagged union's inline
        /// variant that forbids other keys (that is how the union tells it apart).
        strict: bool,
    },
    /// An enum of accepted values that keeps values it does not know.
    Enum(EnumDef),
    /// A union chosen by a tag property; keeps unknown tags.
    Tagged {
        /// The JSON property holding the tag.
        property: String,
        /// Variants in doc order.
        variants: Vec<TaggedVariant>,
    },
    /// A union tried in order (validation proved the variants distinguishable).
    Untagged(Vec<(RustIdent, RType)>),
    /// Another name for a type.
    Alias(RType),
}

/// A field of a struct.
#[derive(Debug, Clone)]
pub struct Field<'ir> {
    /// JSON name.
    pub json: String,
    /// Rust name.
    pub ident: RustIdent,
    /// Rust type without the `Option` of an optional field.
    pub ty: RType,
    /// Whether it is always present.
    pub required: bool,
    /// Its schema (docs, constraints, sensitivity).
    pub schema: &'ir Schema,
}

/// The values of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// How values are written.
    pub repr: EnumRepr,
    /// Variant name and value as written, in doc order.
    pub variants: Vec<(RustIdent, String)>,
}

/// How an enum's values are written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumRepr {
    /// JSON strings.
    String,
    /// JSON integers.
    Integer,
    /// JSON numbers.
    Number,
}

/// A variant of a tagged union.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// Rust name.
    pub ident: RustIdent,
    /// The tag value that selects it and is written when encoding (one per variant: see
    /// [`one_tag_each`]; empty only for a variant no tag selects).
    pub tags: Vec<String>,
    /// Its content: a struct, usually.
    pub ty: RType,
}

/// Every type of one API, and the lookups to build them.
pub struct Types<'ir> {
    /// The API.
    pub api: &'ir ir::Api,
    /// Every type, in creation order.
    pub defs: Vec<TypeDef<'ir>>,
    /// Spec model name -> type.
    pub models: HashMap<&'ir str, TypeId>,
    names: Namespace,
    shapes: HashMap<String, TypeId>,
    /// The named model being lifted: inline types created meanwhile live in its file.
    owner: Option<TypeId>,
    /// Type names taken in each resource module (its actions' builders, errors and enums).
    resource_names: HashMap<usize, Namespace>,
    /// Where the shape being lifted is, as a JSON path from its model (`org.members[]`), for
    /// the docs of inline types; empty outside models.
    path: Vec<String>,
    /// Where each inline `models` type is used: the model holding the field, and the name the
    /// field alone suggests (`role`, `membersItem`); see [`Types::name_shared_shapes`].
    uses: HashMap<TypeId, Vec<(Option<TypeId>, String)>>,
}

impl<'ir> Types<'ir> {
    /// Names every model of `api` first (so references may point forward), then lifts them.
    pub fn build(api: &'ir ir::Api) -> Self {
        let mut this = Self {
            api,
            defs: Vec::new(),
            models: HashMap::new(),
            names: Namespace::with_reserved(PRELUDE_TYPES),
            shapes: HashMap::new(),
            owner: None,
            resource_names: HashMap::new(),
            path: Vec::new(),
            uses: HashMap::new(),
        };
        for model in &api.models {
            let name =
                this.names
                    .claim(RustIdent::type_name(&model.name, "Model", &[PRELUDE_TYPES]));
            this.models.insert(&model.name, this.defs.len());
            this.defs.push(TypeDef {
                name,
                schema: &model.schema,
                model: Some(&model.name),
                place: None,
                kind: TypeKind::Alias(RType::Json),
                home: Home::Models,
                owner: Some(this.defs.len()),
            });
        }
        for model in &api.models {
            let Some(&id) = this.models.get(model.name.as_str()) else {
                continue;
            };
            this.owner = Some(id);
            this.path = vec![model.name.clone()];
            let name = this.defs.get(id).map(|d| d.name.bare().to_owned());
            let hint = name.unwrap_or_default();
            let kind = match this.shape_kind(&model.schema, &hint, Home::Models) {
                Some(kind) if !model.schema.nullable => kind,
                // A nullable model with a shape of its own: the shape gets its own type and the
                // model is `Option` of it, so `null` decodes as `None`.
                Some(kind) => {
                    let inner = this.push(
                        &model.schema,
                        &format!("{hint}Value"),
                        None,
                        kind,
                        Home::Models,
                    );
                    TypeKind::Alias(RType::Option(Box::new(RType::Named(inner))))
                }
                None => TypeKind::Alias(this.type_of(&model.schema, &hint, None, Home::Models)),
            };
            if let Some(def) = this.defs.get_mut(id) {
                def.kind = kind;
            }
        }
        this.owner = None;
        this.path.clear();
        this
    }

    /// Records that the field `property` of the model being lifted has type `ty`.
    fn record_use(&mut self, ty: &RType, property: &str) {
        let (inner, suffix) = match ty {
            RType::Named(_) => (ty, ""),
            RType::Option(inner) | RType::Boxed(inner) => (inner.as_ref(), ""),
            RType::Vec(inner) => (inner.as_ref(), "Item"),
            RType::Map(inner) => (inner.as_ref(), "Value"),
            _ => return,
        };
        let RType::Named(id) = inner else { return };
        let inline = self
            .defs
            .get(*id)
            .is_some_and(|d| d.model.is_none() && d.home == Home::Models);
        if inline {
            let name = format!("{}{suffix}", RustIdent::camel(property).bare());
            self.uses.entry(*id).or_default().push((self.owner, name));
        }
    }

    /// Renames the inline shapes that several models share after what they share: the words the
    /// models' names start with, then the field they are used in (the most common one). A
    /// `status` enum of `apiToken`, `apiTokenPost` and `apiTokenPatch` is `ApiTokenStatus`; a
    /// `role` enum of `org`, `orgInvitePost` and `apiToken` is `Role`, not `ApiTokenDefaultRole`
    /// after the first field that happened to use it. Shapes named after a renamed one follow
    /// it (`…ApplicationRolesItemRole`). A name already taken leaves the shape's name alone.
    pub fn name_shared_shapes(&mut self) {
        let mut renamed: Vec<(String, String)> = Vec::new();
        let mut ids: Vec<TypeId> = self.uses.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let Some(uses) = self.uses.get(&id) else {
                continue;
            };
            let owners: std::collections::BTreeSet<Option<TypeId>> =
                uses.iter().map(|(owner, _)| *owner).collect();
            if owners.len() < 2 {
                continue;
            }
            let owner_names: Vec<&str> = owners
                .iter()
                .filter_map(|o| o.and_then(|id| self.defs.get(id)))
                .filter_map(|d| d.model)
                .collect();
            let prefix = common_words(&owner_names);
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (_, name) in uses {
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((name, 1)),
                }
            }
            // The most common name; the first used wins a tie.
            let Some(best) = counts
                .iter()
                .fold(None::<(&str, usize)>, |best, &(name, count)| match best {
                    Some((_, most)) if most >= count => best,
                    _ => Some((name, count)),
                })
                .map(|(name, _)| {
                    let name = format!("{prefix}{}", RustIdent::camel(name).bare());
                    RustIdent::type_name(&name, "Type", &[PRELUDE_TYPES])
                })
            else {
                continue;
            };
            let Some(def) = self.defs.get(id) else {
                continue;
            };
            if canonical_name(&def.kind).is_some() || def.name == best {
                continue;
            }
            if self.names.claim_exact(&best) {
                let old = def.name.clone();
                self.names.release(&old);
                renamed.push((old.bare().to_owned(), best.bare().to_owned()));
                if let Some(def) = self.defs.get_mut(id) {
                    def.name = best;
                }
            }
        }
        self.follow_renames(&renamed);
    }

    /// Renames the inline shapes whose derived names start with a renamed shape's old name.
    fn follow_renames(&mut self, renamed: &[(String, String)]) {
        for id in 0..self.defs.len() {
            let Some(def) = self.defs.get(id) else {
                continue;
            };
            if def.model.is_some() || def.home != Home::Models {
                continue;
            }
            let current = def.name.bare().to_owned();
            let Some(new) = renamed.iter().find_map(|(old, new)| {
                let rest = current.strip_prefix(old.as_str())?;
                // A whole word must follow: `OrgRole` is no child of `Org`.
                rest.starts_with(|c: char| c.is_ascii_uppercase())
                    .then(|| format!("{new}{rest}"))
            }) else {
                continue;
            };
            let new = RustIdent::camel(&new);
            if self.names.claim_exact(&new) {
                if let Some(def) = self.defs.get_mut(id) {
                    self.names.release(&def.name);
                    def.name = new;
                }
            }
        }
    }

    /// The JSON path of the shape being lifted (`org.members[]`), when it is in a model.
    fn here(&self) -> Option<String> {
        (!self.path.is_empty()).then(|| self.path.concat())
    }

    /// Runs `lift` with `step` added to the JSON path.
    fn within<T>(&mut self, step: String, lift: impl FnOnce(&mut Self) -> T) -> T {
        let inside = !self.path.is_empty();
        if inside {
            self.path.push(step);
        }
        let out = lift(self);
        if inside {
            self.path.pop();
        }
        out
    }

    /// The Rust type of `schema`, lifting inline objects, enums and unions to types named
    /// `hint` (or the schema's `name:`) emitted at `home`.
    pub fn type_of(
        &mut self,
        schema: &'ir Schema,
        hint: &str,
        place: Option<String>,
        home: Home,
    ) -> RType {
        let inner = match self.shape_kind(schema, hint, home) {
            Some(kind) => self.lift_named(schema, kind, hint, place, home),
            None => self.plain_type(schema, hint, home),
        };
        if schema.nullable && !matches!(inner, RType::Option(_)) {
            RType::Option(Box::new(inner))
        } else {
            inner
        }
    }

    /// The type `kind` of `schema`, lifted under the schema's `name:` or else `hint`.
    fn lift_named(
        &mut self,
        schema: &'ir Schema,
        kind: TypeKind<'ir>,
        hint: &str,
        place: Option<String>,
        home: Home,
    ) -> RType {
        let hint = schema.name.as_deref().unwrap_or(hint);
        RType::Named(self.lift(schema, hint, place, kind, home))
    }

    /// Types that need no definition of their own.
    fn plain_type(&mut self, schema: &'ir Schema, hint: &str, home: Home) -> RType {
        match &schema.kind {
            SchemaKind::Any => RType::Json,
            SchemaKind::String(_) => RType::String,
            SchemaKind::Integer { .. } => RType::I64,
            SchemaKind::Number { .. } => RType::F64,
            SchemaKind::Boolean { .. } => RType::Bool,
            SchemaKind::Array(array) => {
                let hint = format!("{hint}Item");
                let item = self.within("[]".into(), |t| t.type_of(&array.items, &hint, None, home));
                RType::Vec(Box::new(item))
            }
            SchemaKind::Object(object) => match &object.additional {
                Additional::Allowed(values) => {
                    let hint = format!("{hint}Value");
                    let value = self.within("{}".into(), |t| t.type_of(values, &hint, None, home));
                    RType::Map(Box::new(value))
                }
                // An object with nothing declared: any keys, any values.
                Additional::Unspecified | Additional::Forbidden => {
                    RType::Map(Box::new(RType::Json))
                }
            },
            SchemaKind::Ref(name) => match self.models.get(name.as_str()) {
                Some(id) => RType::Named(*id),
                None => RType::Json,
            },
            // Unions and all_of always have a shape; kept for completeness.
            SchemaKind::OneOf(_) | SchemaKind::AllOf(_) => RType::Json,
        }
    }

    /// The kind of type `schema` needs, or `None` when a plain Rust type will do.
    fn shape_kind(&mut self, schema: &'ir Schema, hint: &str, home: Home) -> Option<TypeKind<'ir>> {
        match &schema.kind {
            SchemaKind::String(s) if !s.values.is_empty() => {
                Some(TypeKind::Enum(enum_def(EnumRepr::String, s.values.clone())))
            }
            SchemaKind::Integer { values, .. } if !values.is_empty() => {
                Some(TypeKind::Enum(enum_def(
                    EnumRepr::Integer,
                    values.iter().map(i64::to_string).collect(),
                )))
            }
            SchemaKind::Number { values, .. } if !values.is_empty() => {
                Some(TypeKind::Enum(enum_def(
                    EnumRepr::Number,
                    values.iter().map(f64::to_string).collect(),
                )))
            }
            SchemaKind::Object(object) if !object.properties.is_empty() => {
                let properties = object.properties.iter().map(|p| (p, p.required)).collect();
                Some(self.struct_kind(properties, &object.additional, hint, home))
            }
            SchemaKind::AllOf(members) => Some(self.all_of_kind(members, hint, home)),
            SchemaKind::OneOf(one_of) => Some(match &one_of.discriminator {
                Some(d) => self.tagged_kind(&one_of.variants, d, hint, home),
                None => self.untagged_kind(&one_of.variants, hint, home),
            }),
            _ => None,
        }
    }

    fn struct_kind(
        &mut self,
        properties: Vec<(&'ir ir::Property, bool)>,
        additional: &'ir Additional,
        owner: &str,
        home: Home,
    ) -> TypeKind<'ir> {
        let mut fields = Vec::new();
        let mut idents = Namespace::default();
        for (property, required) in properties {
            let ident = property
                .rust_name
                .as_deref()
                .map_or_else(|| RustIdent::snake(&property.name), RustIdent::snake);
            let ident = idents.claim(ident);
            let hint = format!("{owner}{}", RustIdent::camel(&property.name).bare());
            let place = match self.here() {
                Some(path) => format!("The `{}` field of `{path}`.", property.name),
                None => format!("The `{}` field.", property.name),
            };
            let ty = self.within(format!(".{}", property.name), |t| {
                t.type_of(&property.schema, &hint, Some(place), home)
            });
            self.record_use(&ty, &property.name);
            fields.push(Field {
                json: property.name.clone(),
                ident,
                ty,
                required,
                schema: &property.schema,
            });
        }
        let extra = match additional {
            Additional::Allowed(values) => {
                let ty = self.type_of(values, &format!("{owner}Value"), None, home);
                Some((idents.claim(RustIdent::snake("extra")), ty))
            }
            Additional::Unspecified | Additional::Forbidden => None,
        };
        TypeKind::Struct {
            fields,
            extra,
            strict: false,
        }
    }

    /// `all_of`: the properties of every member (references followed), merged in order. A
    /// property is required when any member requires it; its first declaration gives its shape
    /// (validation reports conflicting ones).
    fn all_of_kind(&mut self, members: &'ir [Schema], owner: &str, home: Home) -> TypeKind<'ir> {
        let api = self.api;
        let mut properties: Vec<(&'ir ir::Property, bool)> = Vec::new();
        let mut additional: &'ir Additional = &Additional::Unspecified;
        for member in members {
            let SchemaKind::Object(object) = &api.resolve(member).kind else {
                continue;
            };
            for p in &object.properties {
                match properties.iter_mut().find(|(q, _)| q.name == p.name) {
                    Some((_, required)) => *required |= p.required,
                    None => properties.push((p, p.required)),
                }
            }
            if matches!(object.additional, Additional::Allowed(_)) {
                additional = &object.additional;
            }
        }
        self.struct_kind(properties, additional, owner, home)
    }

    fn tagged_kind(
        &mut self,
        variants: &'ir [Schema],
        discriminator: &'ir ir::Discriminator,
        owner: &str,
        home: Home,
    ) -> TypeKind<'ir> {
        let mut out = Vec::new();
        let mut idents = Namespace::with_reserved(&["Unknown"]);
        for (index, variant) in variants.iter().enumerate() {
            let tags: Vec<String> = discriminator
                .mapping
                .iter()
                .filter(|(_, i)| *i == index)
                .map(|(tag, _)| tag.clone())
                .collect();
            let label = match (variant.reference(), tags.first()) {
                (Some(model), _) => model.to_owned(),
                (None, Some(tag)) => tag.clone(),
                (None, None) => format!("Variant{}", index + 1),
            };
            let ident = idents.claim(RustIdent::camel(&label));
            let hint = format!("{owner}{}", ident.bare());
            let ty = match (&variant.kind, variant.reference()) {
                // An inline object variant: its tag property is implied by the variant, and
                // the union writes it when encoding, so the struct does not repeat it.
                (SchemaKind::Object(object), None) if !object.properties.is_empty() => {
                    let properties = object
                        .properties
                        .iter()
                        .filter(|p| p.name != discriminator.property)
                        .map(|p| (p, p.required))
                        .collect();
                    let kind = self.struct_kind(properties, &object.additional, &hint, home);
                    let place = match (self.here(), tags.first()) {
                        (Some(path), Some(tag)) => format!(
                            "The variant of `{path}` whose `{}` is `{tag}`.",
                            discriminator.property
                        ),
                        _ => format!("A variant, tagged by `{}`.", discriminator.property),
                    };
                    RType::Named(self.lift(variant, &hint, Some(place), kind, home))
                }
                _ => self.type_of(variant, &hint, None, home),
            };
            out.push(TaggedVariant { ident, tags, ty });
        }
        TypeKind::Tagged {
            property: discriminator.property.clone(),
            variants: one_tag_each(out, &mut idents),
        }
    }

    fn untagged_kind(&mut self, variants: &'ir [Schema], owner: &str, home: Home) -> TypeKind<'ir> {
        let mut out: Vec<(RustIdent, RType)> = Vec::new();
        for (index, variant) in variants.iter().enumerate() {
            let hint = format!("{owner}Variant{}", index + 1);
            let ty = match &variant.kind {
                // An inline object that forbids other keys is decoded strictly here: that is
                // how the union tells it from its other variants (see validate::accepts).
                SchemaKind::Object(object)
                    if !object.properties.is_empty()
                        && object.additional == Additional::Forbidden =>
                {
                    let properties = object.properties.iter().map(|p| (p, p.required)).collect();
                    let mut kind = self.struct_kind(properties, &object.additional, &hint, home);
                    if let TypeKind::Struct { strict, .. } = &mut kind {
                        *strict = true;
                    }
                    let lifted = self.lift_named(variant, kind, &hint, None, home);
                    if variant.nullable {
                        RType::Option(Box::new(lifted))
                    } else {
                        lifted
                    }
                }
                _ => self.type_of(variant, &hint, None, home),
            };
            // A placeholder: `labels::label_untagged_variants` names every variant once all
            // types have their final names.
            out.push((RustIdent::camel(&format!("Variant{}", index + 1)), ty));
        }
        TypeKind::Untagged(out)
    }

    /// Adds a type, or returns the identical one made before.
    fn lift(
        &mut self,
        schema: &'ir Schema,
        hint: &str,
        place: Option<String>,
        kind: TypeKind<'ir>,
        home: Home,
    ) -> TypeId {
        let canonical = canonical_name(&kind);
        let key = match &canonical {
            // Scalar unions mean the same wherever they appear; their docs live on the field.
            Some(name) => format!("{home:?}|{name}"),
            None => fingerprint(schema, &kind, home),
        };
        if let Some(&id) = self.shapes.get(&key) {
            return id;
        }
        let name = canonical.unwrap_or_else(|| hint.to_owned());
        let id = self.push(schema, &name, place, kind, home);
        self.shapes.insert(key, id);
        id
    }

    fn push(
        &mut self,
        schema: &'ir Schema,
        name: &str,
        place: Option<String>,
        kind: TypeKind<'ir>,
        home: Home,
    ) -> TypeId {
        let (name, owner) = match home {
            Home::Models => {
                let name = RustIdent::type_name(name, "Type", &[PRELUDE_TYPES]);
                (self.names.claim(name), self.owner)
            }
            Home::Api => {
                let name = RustIdent::type_name(name, "Type", &[PRELUDE_TYPES, MODULE_TYPES]);
                (self.names.claim(name), None)
            }
            Home::Action(resource, _) => {
                let name = RustIdent::type_name(name, "Type", &[PRELUDE_TYPES, MODULE_TYPES]);
                (self.resource_namespace(resource).claim(name), None)
            }
        };
        self.defs.push(TypeDef {
            name,
            schema,
            model: None,
            place,
            kind,
            home,
            owner,
        });
        self.defs.len() - 1
    }
}

impl Types<'_> {
    /// The type names of a resource module, where its actions' types are re-exported.
    pub fn resource_namespace(&mut self, resource: usize) -> &mut Namespace {
        self.resource_names
            .entry(resource)
            .or_insert_with(|| Namespace::with_reserved_lists(&[PRELUDE_TYPES, MODULE_TYPES]))
    }
}

/// Splits a variant that several tag values select into one variant per value, all holding
/// the same type: a variant must remember its tag, or a value decoded under its second tag
/// (`custom-html`, `MEAN`) would be written back under its first (`custom-chart`, `FIRST`).
/// The first value keeps the variant's name; the others are named after their value, claimed
/// after every first name so that those do not change.
fn one_tag_each(variants: Vec<TaggedVariant>, idents: &mut Namespace) -> Vec<TaggedVariant> {
    let mut extra_idents: Vec<Vec<RustIdent>> = Vec::new();
    for variant in &variants {
        let others = variant.tags.iter().skip(1);
        extra_idents.push(
            others
                .map(|tag| idents.claim(RustIdent::camel(tag)))
                .collect(),
        );
    }
    let mut out = Vec::new();
    for (variant, extra) in variants.into_iter().zip(extra_idents) {
        let TaggedVariant { ident, tags, ty } = variant;
        let mut tags = tags.into_iter();
        let first: Vec<String> = tags.next().into_iter().collect();
        out.push(TaggedVariant {
            ident,
            tags: first,
            ty: ty.clone(),
        });
        for (ident, tag) in extra.into_iter().zip(tags) {
            out.push(TaggedVariant {
                ident,
                tags: vec![tag],
                ty: ty.clone(),
            });
        }
    }
    out
}

/// What the spec names of several models start with, as a type-name prefix: `ApiToken` for
/// `apiToken`, `apiTokens` and `apiTokenPost`; empty when they share nothing. The prefix ends
/// where a word ends in at least one name (its end, or before an upper-case letter), so that
/// `dashboard` and `dashes` share nothing rather than `Dash`.
fn common_words(names: &[&str]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut len = first.len();
    for name in names {
        len = len.min(
            first
                .bytes()
                .zip(name.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    let boundary = |at: usize| {
        names.iter().any(|name| match name.as_bytes().get(at) {
            None => at == name.len(),
            Some(next) => next.is_ascii_uppercase(),
        })
    };
    while len > 0 && !boundary(len) {
        len -= 1;
    }
    first
        .get(..len)
        .map(|prefix| RustIdent::camel(prefix).bare().to_owned())
        .filter(|prefix| prefix != "Empty")
        .unwrap_or_default()
}

fn enum_def(repr: EnumRepr, values: Vec<String>) -> EnumDef {
    let numeric = repr != EnumRepr::String;
    let variants = variant_names(&values, numeric)
        .into_iter()
        .zip(values)
        .collect();
    EnumDef { repr, variants }
}

/// A name that says what a shape is, for shapes that are the same wherever they appear: a
/// union of scalars (`StringOrNumberOrBool`).
pub fn canonical_name(kind: &TypeKind<'_>) -> Option<String> {
    let TypeKind::Untagged(variants) = kind else {
        return None;
    };
    let scalars: Option<Vec<&str>> = variants
        .iter()
        .map(|(_, ty)| match ty {
            RType::String => Some("String"),
            RType::I64 => Some("Integer"),
            RType::F64 => Some("Number"),
            RType::Bool => Some("Bool"),
            _ => None,
        })
        .collect();
    scalars.map(|s| s.join("Or"))
}

/// What makes two inline shapes the same type: their kind (with nested shapes already reduced
/// to type ids), their docs and where they are emitted.
fn fingerprint(schema: &Schema, kind: &TypeKind<'_>, home: Home) -> String {
    let kind_text = kind_key(kind, |f| {
        format!(
            "{}:{:?}:{}:{:?}:{}:{}",
            f.json,
            f.ty,
            f.required,
            f.ident,
            docs_key(f.schema),
            f.schema.sensitive
        )
    });
    format!("{home:?}|{}|{kind_text}", docs_key(schema))
}

/// A type's kind as text, each struct field written by `field_key`: two kinds with the same
/// key are the same type to whoever chose `field_key`.
pub fn kind_key(kind: &TypeKind<'_>, field_key: impl Fn(&Field<'_>) -> String) -> String {
    match kind {
        TypeKind::Struct {
            fields,
            extra,
            strict,
        } => {
            let fields: Vec<String> = fields.iter().map(field_key).collect();
            format!("struct{strict}{{{}}}{extra:?}", fields.join(","))
        }
        TypeKind::Enum(e) => format!("enum{e:?}"),
        TypeKind::Tagged { property, variants } => format!("tagged{property}{variants:?}"),
        TypeKind::Untagged(variants) => format!("untagged{variants:?}"),
        TypeKind::Alias(ty) => format!("alias{ty:?}"),
    }
}

fn docs_key(schema: &Schema) -> String {
    format!(
        "{:?}{:?}{:?}{:?}{}{}{}",
        schema.title,
        schema.description,
        schema.default,
        schema.example,
        schema.read_only,
        schema.write_only,
        schema.deprecated
    )
}

#[cfg(test)]
mod tests {
    use super::{Namespace, RType, RustIdent, TaggedVariant, common_words, one_tag_each};

    fn variant(ident: &str, tags: &[&str]) -> TaggedVariant {
        TaggedVariant {
            ident: RustIdent::camel(ident),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            ty: RType::Json,
        }
    }

    #[test]
    fn a_variant_of_several_tags_becomes_one_variant_per_tag_after_its_first() {
        let mut idents = Namespace::with_reserved(&["Unknown", "CustomChart", "Image"]);
        let split = one_tag_each(
            vec![
                variant("custom-chart", &["custom-chart", "custom-html"]),
                variant("image", &["image"]),
            ],
            &mut idents,
        );
        let got: Vec<(String, Vec<String>)> = split
            .iter()
            .map(|v| (v.ident.as_str().to_owned(), v.tags.clone()))
            .collect();
        let want = [
            ("CustomChart", "custom-chart"),
            ("CustomHtml", "custom-html"),
            ("Image", "image"),
        ]
        .map(|(ident, tag)| (ident.to_owned(), vec![tag.to_owned()]));
        assert_eq!(got, want);
    }

    #[test]
    fn shared_prefixes_end_at_a_word() {
        assert_eq!(
            common_words(&["apiToken", "apiTokens", "apiTokenPost"]),
            "ApiToken"
        );
        assert_eq!(common_words(&["org", "orgPatch"]), "Org");
        assert_eq!(common_words(&["dashboard", "dashes"]), "");
        assert_eq!(common_words(&["apiToken", "application"]), "");
        assert_eq!(common_words(&["device"]), "Device");
    }
}
