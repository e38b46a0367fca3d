//! The statics holding the patterns a resource's parameters are checked against. They live in
//! the resource's module, where every action's file can reach them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Location, ParamIr, ParamType, PatternIr, ResourceIr};

/// The static holding a parameter's pattern: `ORG_ID_PATTERN`, shared by every parameter of
/// the resource with that name and pattern; a different pattern under a name already taken
/// gets a number (`ID_PATTERN_2`).
pub(super) fn pattern_ident(resource: &ResourceIr, p: &ParamIr) -> proc_macro2::Ident {
    let source = p.pattern.as_ref().map_or("", PatternIr::source);
    let name = pattern_table(resource)
        .into_iter()
        .find(|(rust, src, _)| *rust == p.rust_name && src == source)
        .map_or_else(|| "PATTERN".to_owned(), |(_, _, name)| name);
    format_ident!("{name}")
}

/// (parameter Rust name, pattern source, static name) for every checked pattern, in order.
fn pattern_table(resource: &ResourceIr) -> Vec<(String, String, String)> {
    let mut table: Vec<(String, String, String)> = Vec::new();
    for p in resource.actions.iter().flat_map(|a| &a.params) {
        let Some(pattern @ PatternIr::Checked { .. }) = &p.pattern else {
            continue;
        };
        if table
            .iter()
            .any(|(r, s, _)| *r == p.rust_name && s == pattern.source())
        {
            continue;
        }
        // Snake-case names are valid upper-case identifiers too (`_2fa` -> `_2FA`).
        let base = format!(
            "{}_PATTERN",
            crate::validate::names::bare(&p.rust_name).to_uppercase()
        );
        let mut name = base.clone();
        let mut n = 2;
        while table.iter().any(|(_, _, taken)| *taken == name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        table.push((p.rust_name.clone(), pattern.source().to_owned(), name));
    }
    table
}

/// Every pattern static of the resource, each once.
pub(super) fn pattern_statics(resource: &ResourceIr) -> Vec<TokenStream> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for action in &resource.actions {
        for p in &action.params {
            let name = pattern_ident(resource, p).to_string();
            if seen.contains(&name) {
                continue;
            }
            if let Some(tokens) = pattern_static(resource, p) {
                seen.push(name);
                out.push(tokens);
            }
        }
    }
    out
}

fn pattern_static(resource: &ResourceIr, p: &ParamIr) -> Option<TokenStream> {
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
    let name = pattern_ident(resource, p);
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
