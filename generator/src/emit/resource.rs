//! A resource's module file (`org.rs`): the accessor with one method per action, the
//! actions' modules (`org/delete.rs`, …) and their re-exports, and the shared pattern statics.

use proc_macro2::TokenStream;
use quote::quote;

use super::action::param_type;
use super::docs::{doc_attrs, prose};
use super::patterns::PatternNames;
use super::types::ident;
use crate::ir::{ActionIr, ApiIr, ParamIr, ParamType, ResourceIr};

pub fn resource_file(api: &ApiIr, resource: &ResourceIr, names: &PatternNames) -> TokenStream {
    let accessor = ident(&resource.module);
    let methods = resource
        .actions
        .iter()
        .map(|a| accessor_method(api, resource, a));
    let patterns = super::patterns::pattern_statics(resource, names);
    let modules: Vec<_> = resource.actions.iter().map(|a| ident(&a.module)).collect();
    let exports = resource.actions.iter().map(|a| {
        let module = ident(&a.module);
        let mut names = vec![ident(&a.type_name), ident(&a.error_type)];
        names.extend(a.params.iter().filter_map(|p| match &p.ty {
            ParamType::Enum(e) => Some(ident(&e.name)),
            _ => None,
        }));
        quote!(pub use self::#module::{#(#names),*};)
    });
    let uses_models = resource
        .actions
        .iter()
        .flat_map(|a| &a.params)
        .any(|p| matches!(p.ty, ParamType::Model(_)));
    let models_import = if uses_models {
        quote!(models,)
    } else {
        quote!()
    };
    let uses_patterns = !patterns.is_empty();
    let runtime_import = if uses_patterns {
        quote!(
            use crate::runtime;
        )
    } else {
        quote!()
    };
    // Rustdoc cannot link a raw identifier (`Client::r#loop`): name it without a link then.
    let accessor_text = accessor.to_string();
    let getter = if accessor_text.starts_with("r#") {
        format!("`Client::{accessor_text}()`")
    } else {
        format!("[`Client::{accessor_text}`]")
    };
    let doc = format!(
        " Actions on the {} resource; get them with {getter}.",
        prose(&resource.title)
    );
    let mut module_docs = vec![format!(
        "The {} resource: `{}`.",
        prose(&resource.title),
        resource.name
    )];
    if let Some(d) = &resource.description {
        module_docs.push(prose(d));
    }
    let list: Vec<String> = resource
        .actions
        .iter()
        .map(|a| format!("- [`{}`]: {}", a.type_name, prose(&a.summary)))
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

/// Rust argument type of a positional parameter.
fn positional(p: &ParamIr) -> TokenStream {
    match &p.ty {
        ParamType::String => quote!(impl Into<String>),
        ty => param_type(ty),
    }
}

fn accessor_method(api: &ApiIr, resource: &ResourceIr, action: &ActionIr) -> TokenStream {
    let method = ident(&action.method_name);
    let builder = ident(&action.type_name);
    let required: Vec<&ParamIr> = action.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = positional(p);
        quote!(#name: #ty)
    });
    let stores = required.iter().map(|p| {
        let name = ident(&p.rust_name);
        match &p.ty {
            ParamType::String => quote!(#name.into()),
            _ => quote!(#name),
        }
    });
    let mut docs = vec![prose(&action.summary)];
    let has_setters = action.params.iter().any(|p| !p.required) || !api.params.is_empty();
    docs.push(if has_setters {
        format!("Builds the request; set optional parameters on the returned [`{}`], then call [`{0}::send`]. See [`{0}`] for the scopes, parameters and errors.", action.type_name)
    } else {
        format!("Builds the request; call [`{}::send`] on it. See [`{0}`] for the scopes, parameters and errors.", action.type_name)
    });
    let docs = doc_attrs(&docs);
    let example = example(api, resource, action);
    quote! {
        #docs
        #example
        pub fn #method(&self, #(#args),*) -> #builder {
            #builder::new(Arc::clone(self.client.core()), #(#stores),*)
        }
    }
}

/// A `no_run` doctest calling the action.
fn example(api: &ApiIr, resource: &ResourceIr, action: &ActionIr) -> TokenStream {
    let module = format!("generated_client::{}", api.module);
    let mut fn_args = vec![format!("client: {module}::Client")];
    let mut call_args = Vec::new();
    for p in action.params.iter().filter(|p| p.required) {
        let value = match &p.ty {
            ParamType::Model(m) => {
                fn_args.push(format!("{}: {module}::models::{m}", p.rust_name));
                p.rust_name.clone()
            }
            ParamType::String => format!("{:?}", p.example.clone().unwrap_or_else(|| "…".into())),
            ParamType::Integer => p
                .example
                .clone()
                .filter(|e| e.parse::<i64>().is_ok())
                .unwrap_or_else(|| "0".into()),
            ParamType::Number => "0.0".into(),
            ParamType::Boolean => "true".into(),
            ParamType::Enum(e) => format!(
                "{module}::{}::{}::{}",
                resource.module,
                e.name,
                e.variants.first().map_or("Unknown", |v| v.0.as_str())
            ),
        };
        call_args.push(value);
    }
    let lines = [
        "```no_run".to_owned(),
        format!(
            "# async fn example({}) -> Result<(), Box<dyn std::error::Error>> {{",
            fn_args.join(", ")
        ),
        format!(
            "let response = client.{}().{}({}).send().await?;",
            resource.module,
            action.method_name,
            call_args.join(", ")
        ),
        "println!(\"{response:?}\");".into(),
        "# Ok(())".into(),
        "# }".into(),
        "```".into(),
    ];
    let lines = lines.iter().map(|l| format!(" {l}"));
    quote!(#[doc = ""] #[doc = " # Example"] #[doc = ""] #( #[doc = #lines] )*)
}
