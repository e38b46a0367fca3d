//! The Rust pass over the IR: every Rust name, type, file and cargo feature of the client,
//! decided once, before any token is emitted. Problems only Rust has (two parameters that
//! become the same identifier, say) are reported here with their spec location.

pub mod actions;
mod labels;
pub mod layout;
mod merge;
pub mod types;

use std::collections::{BTreeSet, HashMap};

use crate::diagnostics::Diagnostics;
use crate::ir;
use crate::rust_client::names::{Namespace, RustIdent};
use crate::rust_client::pattern::CheckedPattern;

pub use self::actions::{ActionPlan, Input};
pub use self::layout::{ModelFile, Sizes};
pub use self::types::{RType, TypeDef, TypeId, TypeKind};

/// The plan of the whole crate.
#[derive(Debug)]
pub struct CratePlan<'ir> {
    /// One per API, in the IR's order.
    pub apis: Vec<ApiPlan<'ir>>,
}

/// The plan of one API module.
#[derive(Debug)]
pub struct ApiPlan<'ir> {
    /// The API.
    pub ir: &'ir ir::Api,
    /// Its module and cargo feature (`losant`).
    pub module: RustIdent,
    /// API-wide parameters: setters on the client builder and on every action.
    pub params: Vec<Input<'ir>>,
    /// Every generated type.
    pub types: Vec<TypeDef<'ir>>,
    /// The files of the `models` module.
    pub files: Vec<ModelFile>,
    /// The models file of each type (`None` for types emitted elsewhere).
    pub file_of: Vec<Option<usize>>,
    /// Type sizes, for boxing decisions in action files.
    pub sizes: Sizes,
    /// Whether each type is sent in requests (its structs get `with_*` setters).
    pub request_types: Vec<bool>,
    /// The resources.
    pub resources: Vec<ResourcePlan<'ir>>,
}

/// The plan of one resource module.
#[derive(Debug)]
pub struct ResourcePlan<'ir> {
    /// The resource.
    pub ir: &'ir ir::Resource,
    /// Its module, accessor method and file stem (`instance_api_tokens`).
    pub module: RustIdent,
    /// Its actions.
    pub actions: Vec<ActionPlan<'ir>>,
    /// The models files its actions use directly.
    pub model_files: BTreeSet<usize>,
    /// The pattern statics its actions check values against: name and pattern.
    pub patterns: Vec<(RustIdent, CheckedPattern)>,
}

impl ApiPlan<'_> {
    /// The cargo feature that enables the whole API (`losant`).
    pub fn feature(&self) -> String {
        self.module.bare().replace('_', "-")
    }

    /// The internal feature that enables the API module itself (`_losant`).
    pub fn base_feature(&self) -> String {
        format!("_{}", self.feature())
    }

    /// The feature of a resource (`losant-instance-api-tokens`).
    pub fn resource_feature(&self, resource: &ResourcePlan<'_>) -> String {
        format!(
            "{}-{}",
            self.feature(),
            resource.module.bare().replace('_', "-")
        )
    }

    /// The internal feature of a models file (`_losant-model-api-token-post`).
    pub fn file_feature(&self, file: &ModelFile) -> String {
        format!(
            "_{}-model-{}",
            self.feature(),
            file.module.bare().replace('_', "-")
        )
    }

    /// The type with id `id`.
    pub fn ty(&self, id: TypeId) -> Option<&TypeDef<'_>> {
        self.types.get(id)
    }

    /// The name of the checked pattern static for `pattern` in `resource`.
    pub fn pattern_static<'a>(
        resource: &'a ResourcePlan<'_>,
        pattern: &CheckedPattern,
    ) -> Option<&'a RustIdent> {
        resource
            .patterns
            .iter()
            .find(|(_, p)| p == pattern)
            .map(|(name, _)| name)
    }
}

/// Plans the client crate for `ir`; every Rust-only problem is reported.
pub fn plan(ir: &ir::Ir) -> Result<CratePlan<'_>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut modules = Namespace::default();
    let mut apis = Vec::new();
    for api in &ir.apis {
        let module = RustIdent::module(&api.name, "api");
        if !modules.claim_exact(&module) {
            diags.push(
                crate::diagnostics::Diagnostic::new(
                    &*api.origin.file,
                    api.origin.pos,
                    format!("two APIs become the module `{module}`"),
                )
                .with_help("rename one of them"),
            );
            continue;
        }
        apis.push(plan_api(api, module, &mut diags));
    }
    if diags.is_empty() {
        Ok(CratePlan { apis })
    } else {
        Err(diags)
    }
}

fn plan_api<'ir>(api: &'ir ir::Api, module: RustIdent, diags: &mut Diagnostics) -> ApiPlan<'ir> {
    let mut types = types::Types::build(api);
    let mut params = actions::plan_api_params(&mut types, api, diags);
    let mut resource_modules = Namespace::default();
    let mut planned = Vec::new();
    for (r, resource) in api.resources.iter().enumerate() {
        let module = RustIdent::module(&resource.name, "resource");
        if !resource_modules.claim_exact(&module) {
            diags.push(
                crate::diagnostics::Diagnostic::new(
                    &*resource.origin.file,
                    resource.origin.pos,
                    format!(
                        "resource `{}` becomes the module `{module}`, which another resource \
                         already has",
                        resource.name
                    ),
                )
                .with_help("rename one of the resources"),
            );
            continue;
        }
        let actions = actions::plan_resource(&mut types, r, resource, &module, diags);
        planned.push((resource, module, actions));
    }
    types.name_shared_shapes();
    let mut defs = types.defs;
    let mut action_lists: Vec<&mut Vec<ActionPlan<'ir>>> =
        planned.iter_mut().map(|(_, _, a)| a).collect();
    merge::merge_copies_of_models(&mut defs, &mut params, &mut action_lists);
    labels::label_untagged_variants(&mut defs);
    layout::box_recursion(&mut defs);
    layout::box_large_variants(&mut defs);
    let sizes = Sizes::new(&defs);
    let (files, file_of) = layout::model_files(&defs);
    let request_types = request_types(&defs, &params, planned.iter().flat_map(|(_, _, a)| a));
    let resources = planned
        .into_iter()
        .map(|(resource, module, actions)| {
            let model_files = used_files(&defs, &file_of, &actions);
            let patterns = pattern_statics(&actions);
            ResourcePlan {
                ir: resource,
                module,
                actions,
                model_files,
                patterns,
            }
        })
        .collect();
    ApiPlan {
        ir: api,
        module,
        params,
        types: defs,
        files,
        file_of,
        sizes,
        request_types,
        resources,
    }
}

/// The types reachable from any action's inputs or the API-wide parameters.
fn request_types<'a, 'ir: 'a>(
    defs: &[TypeDef<'_>],
    params: &[Input<'_>],
    actions: impl Iterator<Item = &'a ActionPlan<'ir>>,
) -> Vec<bool> {
    use self::actions::InputType;
    fn roots(ty: &InputType, out: &mut Vec<TypeId>) {
        match ty {
            InputType::Type(t, _) => t.named(out),
            InputType::List(inner) => roots(inner, out),
            _ => {}
        }
    }
    let mut stack = Vec::new();
    for input in params.iter().chain(actions.flat_map(|a| &a.inputs)) {
        roots(&input.ty, &mut stack);
    }
    let mut reached = vec![false; defs.len()];
    while let Some(id) = stack.pop() {
        match reached.get_mut(id) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        if let Some(def) = defs.get(id) {
            stack.extend(layout::mentioned(&def.kind));
        }
    }
    reached
}

/// The models files that a resource's actions (and the types in their files) mention.
fn used_files(
    defs: &[TypeDef<'_>],
    file_of: &[Option<usize>],
    actions: &[ActionPlan<'_>],
) -> BTreeSet<usize> {
    let mut ids: Vec<TypeId> = Vec::new();
    for action in actions {
        action_types(action, &mut ids);
        for &local in &action.local_types {
            if let Some(def) = defs.get(local) {
                ids.extend(layout::mentioned(&def.kind));
            }
        }
    }
    ids.iter()
        .filter_map(|&id| file_of.get(id).copied().flatten())
        .collect()
}

/// Every type an action's inputs, responses, errors and events mention.
pub fn action_types(action: &ActionPlan<'_>, out: &mut Vec<TypeId>) {
    use self::actions::{InputType, Payload, Success};
    fn input(ty: &InputType, out: &mut Vec<TypeId>) {
        match ty {
            InputType::Type(t, _) => t.named(out),
            InputType::List(inner) => input(inner, out),
            _ => {}
        }
    }
    fn payload(p: &Payload, out: &mut Vec<TypeId>) {
        if let Payload::Json(t) = p {
            t.named(out);
        }
    }
    for i in &action.inputs {
        input(&i.ty, out);
    }
    match &action.success {
        Success::Single(p) => payload(p, out),
        Success::Choice { variants, .. } => variants.iter().for_each(|v| payload(&v.payload, out)),
        Success::Events { kinds, .. } => kinds.iter().for_each(|(_, _, p)| payload(p, out)),
    }
    action.errors.iter().for_each(|v| payload(&v.payload, out));
}

/// Names the checked patterns of a resource's inputs: `ORG_ID_PATTERN`, shared by every input
/// with that name and pattern; a different pattern under a taken name gets a number.
fn pattern_statics(actions: &[ActionPlan<'_>]) -> Vec<(RustIdent, CheckedPattern)> {
    let mut out: Vec<(RustIdent, CheckedPattern)> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    let mut names = Namespace::default();
    for input in actions.iter().flat_map(|a| &a.inputs) {
        let Some(pattern) = &input.pattern else {
            continue;
        };
        let key = (input.ident.bare().to_owned(), pattern.source.clone());
        if by_key.contains_key(&key) || out.iter().any(|(_, p)| p == pattern) {
            continue;
        }
        let name = names.claim(RustIdent::screaming(&format!(
            "{}_pattern",
            input.ident.bare()
        )));
        by_key.insert(key, out.len());
        out.push((name, pattern.clone()));
    }
    out
}
