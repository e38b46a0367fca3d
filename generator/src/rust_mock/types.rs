//! Rust types as absolute paths (`crate::losant::models::Org`), so that a mock file needs no
//! imports and none of its names can shadow another.

use proc_macro2::TokenStream;
use quote::quote;

use crate::rust_client::emit::tokens::{input_tokens, type_tokens};
use crate::rust_client::plan::actions::InputType;
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ApiPlan, RType};

/// `ty` as an absolute path from the crate root.
pub fn full_type(api: &ApiPlan<'_>, ty: &RType) -> TokenStream {
    let module = &api.module;
    type_tokens(ty, &|id| {
        let Some(def) = api.ty(id) else {
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
    })
}

/// The Rust type an input holds, as the client's builder stores it.
pub fn input_type(api: &ApiPlan<'_>, ty: &InputType) -> TokenStream {
    input_tokens(ty, &|t| full_type(api, t), &quote!(crate::runtime))
}
