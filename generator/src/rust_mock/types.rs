//! Rust types as absolute paths (`crate::losant::models::Org`), so that a mock file needs no
//! imports and none of its names can shadow another.

use proc_macro2::TokenStream;
use quote::quote;

use crate::rust_client::plan::actions::InputType;
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ApiPlan, RType};

/// `ty` as an absolute path from the crate root.
pub fn full_type(api: &ApiPlan<'_>, ty: &RType) -> TokenStream {
    let module = &api.module;
    match ty {
        RType::String => quote!(String),
        RType::I64 => quote!(i64),
        RType::F64 => quote!(f64),
        RType::Bool => quote!(bool),
        RType::Json => quote!(serde_json::Value),
        RType::Named(id) => {
            let Some(def) = api.ty(*id) else {
                return quote!(serde_json::Value);
            };
            let name = &def.name;
            match def.home {
                Home::Models => quote!(crate::#module::models::#name),
                Home::Api => quote!(crate::#module::#name),
                // Types of an action's file are re-exported by its resource module.
                Home::Action(r, _) => match api.resources.get(r) {
                    Some(resource) => {
                        let resource = &resource.module;
                        quote!(crate::#module::#resource::#name)
                    }
                    None => quote!(serde_json::Value),
                },
            }
        }
        RType::Vec(inner) => {
            let inner = full_type(api, inner);
            quote!(Vec<#inner>)
        }
        RType::Map(inner) => {
            let inner = full_type(api, inner);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        RType::Option(inner) => {
            let inner = full_type(api, inner);
            quote!(Option<#inner>)
        }
        RType::Boxed(inner) => {
            let inner = full_type(api, inner);
            quote!(Box<#inner>)
        }
    }
}

/// The Rust type an input holds, as the client's builder stores it.
pub fn input_type(api: &ApiPlan<'_>, ty: &InputType) -> TokenStream {
    match ty {
        InputType::Str => quote!(String),
        InputType::I64 => quote!(i64),
        InputType::F64 => quote!(f64),
        InputType::Bool => quote!(bool),
        InputType::Type(t, _) => full_type(api, t),
        InputType::List(inner) => {
            let inner = input_type(api, inner);
            quote!(Vec<#inner>)
        }
        InputType::Bytes => quote!(bytes::Bytes),
        InputType::File => quote!(crate::runtime::FilePart),
    }
}
