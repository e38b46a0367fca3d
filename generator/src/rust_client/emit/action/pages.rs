//! `pages()` and `items()` of a paginated action: streams over every page, and over every item
//! of every page, built on the runtime's page walks.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::tokens::rust_type;
use crate::rust_client::plan::actions::{Access, InputType, PagePlan, PageWalk};
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ActionPlan, ApiPlan};

/// The two stream methods, or nothing for an action that is not paginated.
pub fn page_methods(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> TokenStream {
    let Some(plan) = &action.pagination else {
        return quote!();
    };
    let error = &action.error;
    let page_ty = rust_type(api, &plan.page, at);
    let item_ty = rust_type(api, &plan.item, at);
    let items = items_expr(&plan.items);
    let walk = walk(action, plan);
    quote! {
        /// Every page, as a stream of whole success bodies: requests the next page only when
        /// the previous one has been consumed, and ends after the last page or the first error.
        /// A walk longer than the page limit ([`Self::max_pages`]) ends with an error.
        pub fn pages(self) -> impl futures::Stream<Item = Result<#page_ty, Error<#error>>> + Send {
            #walk
        }

        /// Every item of every page, as a stream (see [`Self::pages`]).
        pub fn items(self) -> impl futures::Stream<Item = Result<#item_ty, Error<#error>>> + Send {
            runtime::items(self.pages(), |page: #page_ty| #items)
        }
    }
}

fn walk(action: &ActionPlan<'_>, plan: &PagePlan) -> TokenStream {
    let limits = quote!(self.core.page_limits(&INFO, &self.options));
    match &plan.style {
        PageWalk::Number { input, first } => {
            let Some(page) = action.inputs.get(*input) else {
                return quote!(futures::stream::empty());
            };
            let field = &page.ident;
            let first = proc_macro2::Literal::u64_unsuffixed(*first);
            let write = match page.ty {
                InputType::I64 => {
                    quote!(request.#field = Some(i64::try_from(page).unwrap_or(i64::MAX));)
                }
                _ => quote!(request.#field = Some(page.to_string());),
            };
            let count = count_expr(&plan.items);
            // Without a documented total the closure ignores its page (`|_|`, not an unused
            // `page`).
            let total = match &plan.total {
                Some(access) => {
                    let total = total_expr(access);
                    quote!(|page| #total)
                }
                None => quote!(|_| None),
            };
            quote! {
                let first = runtime::start_page(self.#field.as_ref(), #first);
                let limits = #limits;
                runtime::pages_by_number(
                    first,
                    limits,
                    move |page| {
                        let mut request = self.clone();
                        #write
                        request.send()
                    },
                    |page| #count,
                    #total,
                )
            }
        }
        PageWalk::Cursor { input, next } => {
            let Some(cursor) = action.inputs.get(*input) else {
                return quote!(futures::stream::empty());
            };
            let field = &cursor.ident;
            let next = next_expr(next);
            quote! {
                let limits = #limits;
                runtime::pages_by_cursor(
                    limits,
                    move |cursor: Option<String>| {
                        let mut request = self.clone();
                        if cursor.is_some() {
                            request.#field = cursor;
                        }
                        request.send()
                    },
                    |page| #next,
                )
            }
        }
        PageWalk::Link { next } => {
            let next = next_expr(next);
            quote! {
                let limits = #limits;
                runtime::pages_by_link(
                    limits,
                    move |link: Option<runtime::NextLink>| {
                        let mut request = self.clone();
                        request.next_page = link;
                        request.send()
                    },
                    |page| #next,
                )
            }
        }
    }
}

/// Follows `access` from `page`: by reference (`page: &T`) or by value (moving out of the
/// page). Returns the expression and whether it is an `Option` (some step was optional): by
/// reference an `Option<&Leaf>` or a place of type `Leaf`, by value an `Option<Leaf>` or a
/// `Leaf`. Required steps are plain field accesses, so that no `Some(..)` is built only to be
/// unwrapped (clippy's `unnecessary_literal_unwrap`).
fn chain(access: &Access, by_ref: bool) -> (TokenStream, bool) {
    let mut expr = quote!(page);
    let mut in_option = false;
    for (field, optional) in &access.steps {
        expr = match (in_option, *optional, by_ref) {
            (false, false, _) => quote!(#expr.#field),
            (false, true, true) => quote!(#expr.#field.as_ref()),
            (false, true, false) => quote!(#expr.#field),
            (true, true, true) => quote!(#expr.and_then(|value| value.#field.as_ref())),
            (true, true, false) => quote!(#expr.and_then(|value| value.#field)),
            (true, false, true) => quote!(#expr.map(|value| &value.#field)),
            (true, false, false) => quote!(#expr.map(|value| value.#field)),
        };
        in_option |= *optional;
    }
    (expr, in_option)
}

/// The number of items of a page (`page: &T`).
fn count_expr(access: &Access) -> TokenStream {
    match chain(access, true) {
        (items, true) => quote!(#items.map_or(0, Vec::len)),
        (items, false) => quote!(#items.len()),
    }
}

/// The total number of items a page reports, as an `Option<u64>`.
fn total_expr(access: &Access) -> TokenStream {
    match chain(access, true) {
        (total, true) => quote!(#total.and_then(|total| u64::try_from(*total).ok())),
        (total, false) => quote!(u64::try_from(#total).ok()),
    }
}

/// The next cursor or link of a page, as an `Option<String>`.
fn next_expr(access: &Access) -> TokenStream {
    match chain(access, true) {
        (next, true) => quote!(#next.cloned()),
        (next, false) => quote!(Some(#next.clone())),
    }
}

/// The items of a page, moved out of it (`page: T`), as a `Vec`.
fn items_expr(access: &Access) -> TokenStream {
    match chain(access, false) {
        (items, true) => quote!(#items.unwrap_or_default()),
        (items, false) => items,
    }
}
