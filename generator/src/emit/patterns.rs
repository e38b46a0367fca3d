//! The statics holding the patterns a resource's parameters are checked against. They live in
//! the resource's module, where every action's file can reach them.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Location, ParamIr, ParamType, PatternIr, ResourceIr};

/// The names of a resource's pattern statics: `ORG_ID_PATTERN`, shared by every parameter of
/// the resource with that name and pattern; a different pattern under a name already taken
/// gets a number (`ID_PATTERN_2`). Built once per resource, looked up per parameter.
pub(super) struct PatternNames {
    /// (parameter Rust name, pattern source) -> static name.
    names: HashMap<(String, String), String>,
}

impl PatternNames {
    /// Names every checked pattern of `resource`, in the order the parameters appear.
    pub(super) fn new(resource: &ResourceIr) -> Self {
        let mut names: HashMap<(String, String), String> = HashMap::new();
        let mut taken: HashSet<String> = HashSet::new();
        for p in resource.actions.iter().flat_map(|a| &a.params) {
            let Some(pattern @ PatternIr::Checked { .. }) = &p.pattern else {
                continue;
            };
            let key = (p.rust_name.clone(), pattern.source().to_owned());
            if names.contains_key(&key) {
                continue;
            }
            // Snake-case names are valid upper-case identifiers too (`_2fa` -> `_2FA`).
            let base = format!(
                "{}_PATTERN",
                crate::validate::names::bare(&p.rust_name).to_uppercase()
            );
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            names.insert(key, name);
        }
        Self { names }
    }

    /// The static checking `p`'s pattern.
    pub(super) fn ident(&self, p: &ParamIr) -> proc_macro2::Ident {
        let source = p.pattern.as_ref().map_or("", PatternIr::source);
        let name = self
            .names
            .get(&(p.rust_name.clone(), source.to_owned()))
            .map_or("PATTERN", String::as_str);
        format_ident!("{name}")
    }
}

/// Every pattern static of the resource, each once.
pub(super) fn pattern_statics(resource: &ResourceIr, names: &PatternNames) -> Vec<TokenStream> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for p in resource.actions.iter().flat_map(|a| &a.params) {
        let name = names.ident(p);
        if seen.contains(&name.to_string()) {
            continue;
        }
        if let Some(tokens) = pattern_static(&name, p) {
            seen.insert(name.to_string());
            out.push(tokens);
        }
    }
    out
}

fn pattern_static(name: &proc_macro2::Ident, p: &ParamIr) -> Option<TokenStream> {
    let Some(PatternIr::Checked {
        source,
        ranges,
        min,
        max,
    }) = &p.pattern
    else {
        return None;
    };
    // Query and header patterns are checked on string parameters only.
    if p.location == Location::Body || (p.location != Location::Path && p.ty != ParamType::String) {
        return None;
    }
    let ranges = ranges.iter().map(|(a, b)| quote!((#a, #b)));
    let min = proc_macro2::Literal::usize_unsuffixed(*min);
    let max = if *max == usize::MAX {
        quote!(usize::MAX)
    } else {
        let max = proc_macro2::Literal::usize_unsuffixed(*max);
        quote!(#max)
    };
    Some(quote! {
        static #name: runtime::Pattern = runtime::Pattern { source: #source, ranges: &[#(#ranges),*], min: #min, max: #max };
    })
}
