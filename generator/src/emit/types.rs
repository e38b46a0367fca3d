//! Rust types and identifiers as tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeIr;

/// An identifier from a name the validator produced (`r#type` stays raw).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The tokens of `ty`. Models are named through `models_path` (`super` inside the models
/// module, `super::models` from a resource module).
pub fn rust_type(ty: &TypeIr, models_path: &TokenStream) -> TokenStream {
    match ty {
        TypeIr::String => quote!(String),
        TypeIr::Integer => quote!(i64),
        TypeIr::Number => quote!(f64),
        TypeIr::Boolean => quote!(bool),
        TypeIr::Any => quote!(serde_json::Value),
        TypeIr::Named(name) => {
            let name = ident(name);
            if models_path.is_empty() {
                quote!(#name)
            } else {
                quote!(#models_path::#name)
            }
        }
        TypeIr::List(inner) => {
            let inner = rust_type(inner, models_path);
            quote!(Vec<#inner>)
        }
        TypeIr::Map(inner) => {
            let inner = rust_type(inner, models_path);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeIr::Nullable(inner) => {
            let inner = rust_type(inner, models_path);
            quote!(Option<#inner>)
        }
        TypeIr::Boxed(inner) => {
            let inner = rust_type(inner, models_path);
            quote!(Box<#inner>)
        }
    }
}

/// Names of the models `ty` mentions, for `use` lists.
pub fn named_in(ty: &TypeIr, out: &mut Vec<String>) {
    match ty {
        TypeIr::Named(n) if !out.contains(n) => out.push(n.clone()),
        TypeIr::List(t) | TypeIr::Map(t) | TypeIr::Nullable(t) | TypeIr::Boxed(t) => {
            named_in(t, out)
        }
        _ => {}
    }
}
