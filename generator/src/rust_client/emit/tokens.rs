//! Rust types as tokens, named from where the tokens are emitted.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Auth;
use crate::rust_client::pattern::CheckedPattern;
use crate::rust_client::plan::actions::InputType;
use crate::rust_client::plan::types::{Home, TypeId};
use crate::rust_client::plan::{ApiPlan, RType};

/// Renders `ty` for code emitted at `at`: types of the same place by their bare name, models
/// from elsewhere as `models::Name` (every file that names a model imports `models`).
pub fn rust_type(api: &ApiPlan<'_>, ty: &RType, at: Home) -> TokenStream {
    type_tokens(ty, &|id| {
        let Some(def) = api.ty(id) else {
            return quote!(serde_json::Value);
        };
        let name = &def.name;
        match (def.home, at) {
            (Home::Models, Home::Models) => quote!(#name),
            (Home::Models, _) => quote!(models::#name),
            (Home::Api, Home::Api) => quote!(#name),
            (Home::Api, _) => quote!(super::#name),
            (Home::Action(..), _) => quote!(#name),
        }
    })
}

/// The Rust type of an input: `named` renders a generated type (by [`rust_type`] or an
/// absolute path), and `runtime` is the path of the runtime module where the tokens go
/// (`runtime` where a file imports it, `crate::runtime` elsewhere).
pub fn input_tokens(
    ty: &InputType,
    named: &impl Fn(&RType) -> TokenStream,
    runtime: &TokenStream,
) -> TokenStream {
    match ty {
        InputType::Str => quote!(String),
        InputType::I64 => quote!(i64),
        InputType::F64 => quote!(f64),
        InputType::Bool => quote!(bool),
        InputType::Type(t, _) => named(t),
        InputType::List(inner) => {
            let inner = input_tokens(inner, named, runtime);
            quote!(Vec<#inner>)
        }
        InputType::Bytes => quote!(bytes::Bytes),
        InputType::File => quote!(#runtime::FilePart),
    }
}

/// The literal `<runtime>::Pattern { … }` of a checked pattern (`runtime` as for
/// [`input_tokens`]).
pub fn pattern_literal(p: &CheckedPattern, runtime: &TokenStream) -> TokenStream {
    let source = &p.source;
    let ranges = p.ranges.iter().map(|(a, b)| quote!((#a, #b)));
    let min = proc_macro2::Literal::usize_unsuffixed(p.min);
    let max = if p.max == usize::MAX {
        quote!(usize::MAX)
    } else {
        let max = proc_macro2::Literal::usize_unsuffixed(p.max);
        quote!(#max)
    };
    quote!(#runtime::Pattern { source: #source, ranges: &[#(#ranges),*], min: #min, max: #max })
}

/// How the runtime names an API's or action's authentication.
pub fn auth_tokens(auth: Auth) -> TokenStream {
    match auth {
        Auth::Bearer => quote!(runtime::Auth::Bearer),
        Auth::Optional => quote!(runtime::Auth::Optional),
        Auth::None => quote!(runtime::Auth::None),
    }
}

/// Renders `ty` with `named` writing each generated type's path (the rest is the same
/// wherever the tokens go).
pub fn type_tokens(ty: &RType, named: &impl Fn(TypeId) -> TokenStream) -> TokenStream {
    match ty {
        RType::String => quote!(String),
        RType::I64 => quote!(i64),
        RType::F64 => quote!(f64),
        RType::Bool => quote!(bool),
        RType::Json => quote!(serde_json::Value),
        RType::Named(id) => named(*id),
        RType::Vec(inner) => {
            let inner = type_tokens(inner, named);
            quote!(Vec<#inner>)
        }
        RType::Map(inner) => {
            let inner = type_tokens(inner, named);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        RType::Option(inner) => {
            let inner = type_tokens(inner, named);
            quote!(Option<#inner>)
        }
        RType::Boxed(inner) => {
            let inner = type_tokens(inner, named);
            quote!(Box<#inner>)
        }
    }
}

/// `ty` as rustdoc text with links to generated types (`[`models::Org`]`, `Vec<[`Item`]>`).
pub fn type_doc(api: &ApiPlan<'_>, ty: &RType, at: Home) -> String {
    match ty {
        RType::String => "`String`".into(),
        RType::I64 => "`i64`".into(),
        RType::F64 => "`f64`".into(),
        RType::Bool => "`bool`".into(),
        RType::Json => "`serde_json::Value`".into(),
        RType::Named(_) => {
            let path = rust_type(api, ty, at).to_string().replace(' ', "");
            format!("[`{path}`]")
        }
        RType::Vec(inner) => format!("`Vec` of {}", type_doc(api, inner, at)),
        RType::Map(inner) => format!("a map of {}", type_doc(api, inner, at)),
        RType::Option(inner) | RType::Boxed(inner) => type_doc(api, inner, at),
    }
}

/// Whether `ty` mentions a type of the `models` module.
pub fn uses_models(api: &ApiPlan<'_>, ty: &RType) -> bool {
    let mut ids = Vec::new();
    ty.named(&mut ids);
    ids.iter()
        .any(|id| api.ty(*id).is_some_and(|d| d.home == Home::Models))
}

/// The most arguments clippy's `too_many_arguments` accepts (its default threshold).
const MAX_ARGUMENTS: usize = 7;

/// `#[allow(clippy::too_many_arguments)]` with `reason`, on a function of `count` arguments
/// (`self` included) above clippy's threshold. Only for functions that take one argument per
/// required field or parameter by design: the lint is right about hand-written code, not about
/// a signature that mirrors the docs.
pub fn allow_many_arguments(count: usize, reason: &str) -> Option<TokenStream> {
    (count > MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments, reason = #reason)]))
}
