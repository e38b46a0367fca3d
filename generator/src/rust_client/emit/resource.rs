//! A resource's module file (`org.rs`): the accessor with one method per action, the actions'
//! modules and their re-exports, and the pattern statics its actions check values against.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose, value_text};
use super::tokens::{allow_many_arguments, input_tokens, pattern_literal, rust_type};
use crate::rust_client::plan::actions::{Input, InputType, Success};
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ActionPlan, ApiPlan, RType, ResourcePlan};

/// The tokens of a resource's module file.
pub fn resource_file(api: &ApiPlan<'_>, r: usize, resource: &ResourcePlan<'_>) -> TokenStream {
    let accessor = &resource.module;
    let methods = resource
        .actions
        .iter()
        .enumerate()
        .map(|(a, action)| accessor_method(api, r, a, resource, action));
    let modules: Vec<_> = resource.actions.iter().map(|a| &a.module).collect();
    let exports = resource.actions.iter().map(|a| {
        let module = &a.module;
        let mut names = vec![&a.builder, &a.error];
        match &a.success {
            Success::Choice { name, .. } | Success::Events { name, .. } => names.push(name),
            Success::Single(_) => {}
        }
        if let Some(h) = &a.headers {
            names.push(&h.name);
        }
        names.extend(
            a.local_types
                .iter()
                .filter_map(|&id| api.ty(id).map(|d| &d.name)),
        );
        quote!(pub use self::#module::{#(#names),*};)
    });
    let patterns = resource.patterns.iter().map(|(name, p)| {
        let literal = pattern_literal(p, &quote!(runtime));
        quote!(static #name: runtime::Pattern = #literal;)
    });
    let runtime_import = (!resource.patterns.is_empty()).then(|| {
        quote!(
            use crate::runtime;
        )
    });
    let models_import = resource
        .actions
        .iter()
        .flat_map(|a| a.inputs.iter().filter(|i| i.required))
        .any(|i| input_uses_models(api, &i.ty))
        .then(|| quote!(models,));
    // Rustdoc cannot link a raw identifier (`Client::r#loop`): name it without a link then.
    let getter = if accessor.is_raw() {
        format!("`Client::{accessor}()`")
    } else {
        format!("[`Client::{accessor}`]")
    };
    let doc = format!(
        " Actions on the {} resource; get them with {getter}.",
        prose(&resource.ir.title)
    );
    let mut module_docs = vec![format!(
        "The {} resource: `{}`.",
        prose(&resource.ir.title),
        resource.ir.name
    )];
    if let Some(d) = &resource.ir.description {
        module_docs.push(prose(d));
    }
    // `- [`X`]: word` would be a link reference definition (clippy's `doc_nested_refdefs`
    // where a summary is one word): the escaped colon keeps `[`X`]` a link.
    let list: Vec<String> = resource
        .actions
        .iter()
        .map(|a| format!("- [`{}`]\\: {}", a.builder, prose(&a.ir.summary)))
        .collect();
    module_docs.push(list.join("\n"));
    let module_docs: Vec<String> = module_docs
        .join("\n\n")
        .lines()
        .map(|l| format!(" {l}").trim_end().to_owned())
        .collect();
    quote! {
        #( #![doc = #module_docs] )*

        use std::sync::Arc;

        use super::{#models_import Client};
        #runtime_import

        #(mod #modules;)*

        #(#exports)*

        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        pub struct Actions<'c> {
            client: &'c Client,
        }

        impl<'c> Actions<'c> {
            pub(super) fn new(client: &'c Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#patterns)*
    }
}

fn input_uses_models(api: &ApiPlan<'_>, ty: &InputType) -> bool {
    match ty {
        InputType::Type(t, _) => super::tokens::uses_models(api, t),
        InputType::List(inner) => input_uses_models(api, inner),
        _ => false,
    }
}

/// The Rust argument type of a positional input, and how it is stored.
fn positional(api: &ApiPlan<'_>, at: Home, input: &Input<'_>) -> (TokenStream, TokenStream) {
    let ident = &input.ident;
    match &input.ty {
        InputType::Str => (quote!(impl Into<String>), quote!(#ident.into())),
        InputType::Bytes => (quote!(impl Into<bytes::Bytes>), quote!(#ident.into())),
        InputType::List(item) if **item == InputType::Str => (
            quote!(impl IntoIterator<Item = impl Into<String>>),
            quote!(#ident.into_iter().map(Into::into).collect()),
        ),
        InputType::List(item) => {
            let item = item_type(api, at, item);
            (
                quote!(impl IntoIterator<Item = #item>),
                quote!(#ident.into_iter().collect()),
            )
        }
        other => (item_type(api, at, other), quote!(#ident)),
    }
}

fn item_type(api: &ApiPlan<'_>, at: Home, ty: &InputType) -> TokenStream {
    // Types of the action's file are re-exported by this module.
    input_tokens(ty, &|t| rust_type(api, t, at), &quote!(crate::runtime))
}

fn accessor_method(
    api: &ApiPlan<'_>,
    r: usize,
    a: usize,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
) -> TokenStream {
    let method = &action.method;
    let builder = &action.builder;
    let at = Home::Action(r, a);
    let required: Vec<&Input<'_>> = action.inputs.iter().filter(|i| i.required).collect();
    let (args, stores): (Vec<_>, Vec<_>) = required
        .iter()
        .map(|input| {
            let ident = &input.ident;
            let (ty, store) = positional(api, at, input);
            (quote!(#ident: #ty), store)
        })
        .unzip();
    let mut docs = vec![prose(&action.ir.summary)];
    let has_setters = action.inputs.iter().any(|i| !i.required) || !api.params.is_empty();
    docs.push(if has_setters {
        format!(
            "Builds the request: set optional parameters on the returned [`{builder}`], then \
             `.await` it (or call [`{builder}::send`]). See [`{builder}`] for the scopes, \
             parameters and errors."
        )
    } else {
        format!(
            "Builds the request: `.await` it (or call [`{builder}::send`]). See [`{builder}`] \
             for the scopes, parameters and errors."
        )
    });
    let docs = doc_attrs(&docs);
    let example = example(api, resource, action);
    let deprecated = action
        .ir
        .deprecated
        .then(|| quote!(#[deprecated = "the docs mark this action deprecated"]));
    let allow = allow_many_arguments(
        1 + required.len(),
        "one argument per required parameter, in doc order: how every action is called",
    );
    quote! {
        #docs
        #example
        #deprecated
        #allow
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder::new(Arc::clone(self.client.core()), #(#stores),*)
        }
    }
}

/// A `no_run` doctest calling the action with its documented examples. It does not print the
/// response: a response may hold a secret.
fn example(api: &ApiPlan<'_>, resource: &ResourcePlan<'_>, action: &ActionPlan<'_>) -> TokenStream {
    let module = format!("generated_client::{}", api.module);
    let mut fn_args = vec![format!("client: {module}::Client")];
    let mut call_args = Vec::new();
    for input in action.inputs.iter().filter(|i| i.required) {
        let example = input
            .schema
            .and_then(|s| s.example.as_ref())
            .map(value_text);
        let value = match &input.ty {
            InputType::Str => format!("{:?}", example.unwrap_or_else(|| "…".into())),
            InputType::I64 => example
                .filter(|e| e.parse::<i64>().is_ok())
                .unwrap_or_else(|| "0".into()),
            InputType::F64 => "0.0".into(),
            InputType::Bool => "true".into(),
            InputType::Bytes => "b\"data\".to_vec()".into(),
            _ => {
                // As written in code: a keyword stays raw (`r#type`).
                let name = input.ident.as_str();
                fn_args.push(format!(
                    "{name}: {}",
                    example_type(api, resource, action, input)
                ));
                name.to_owned()
            }
        };
        call_args.push(value);
    }
    let binding = match &action.success {
        Success::Single(crate::rust_client::plan::actions::Payload::None) => "",
        Success::Events { .. } => "let events = ",
        _ => "let response = ",
    };
    let lines = [
        "```no_run".to_owned(),
        format!(
            "# async fn example({}) -> Result<(), Box<dyn std::error::Error>> {{",
            fn_args.join(", ")
        ),
        format!(
            "{binding}client.{}().{}({}).await?;",
            resource.module,
            action.method,
            call_args.join(", ")
        ),
        "# Ok(())".into(),
        "# }".into(),
        "```".into(),
    ];
    let lines = lines.iter().map(|l| format!(" {l}"));
    quote!(#[doc = ""] #[doc = " # Example"] #[doc = ""] #( #[doc = #lines] )*)
}

/// The type of an example's argument, as a path from outside the crate.
fn example_type(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
    input: &Input<'_>,
) -> String {
    let _ = action;
    external_input(api, resource, &input.ty)
}

fn external_input(api: &ApiPlan<'_>, resource: &ResourcePlan<'_>, ty: &InputType) -> String {
    let module = format!("generated_client::{}", api.module);
    match ty {
        InputType::Str => "String".into(),
        InputType::I64 => "i64".into(),
        InputType::F64 => "f64".into(),
        InputType::Bool => "bool".into(),
        InputType::Bytes => "bytes::Bytes".into(),
        InputType::File => format!("{module}::FilePart"),
        InputType::List(inner) => format!("Vec<{}>", external_input(api, resource, inner)),
        InputType::Type(t, _) => external_type(api, resource, t),
    }
}

fn external_type(api: &ApiPlan<'_>, resource: &ResourcePlan<'_>, ty: &RType) -> String {
    let module = format!("generated_client::{}", api.module);
    match ty {
        RType::Named(id) => match api.ty(*id) {
            Some(def) => match def.home {
                Home::Models => format!("{module}::models::{}", def.name),
                Home::Api => format!("{module}::{}", def.name),
                Home::Action(..) => format!("{module}::{}::{}", resource.module, def.name),
            },
            None => "serde_json::Value".into(),
        },
        RType::Vec(inner) => format!("Vec<{}>", external_type(api, resource, inner)),
        RType::Map(inner) => format!(
            "std::collections::BTreeMap<String, {}>",
            external_type(api, resource, inner)
        ),
        RType::Option(inner) => format!("Option<{}>", external_type(api, resource, inner)),
        RType::Boxed(inner) => format!("Box<{}>", external_type(api, resource, inner)),
        RType::String => "String".into(),
        RType::I64 => "i64".into(),
        RType::F64 => "f64".into(),
        RType::Bool => "bool".into(),
        RType::Json => "serde_json::Value".into(),
    }
}
