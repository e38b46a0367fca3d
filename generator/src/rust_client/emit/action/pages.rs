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
    let items = owned_chain(&plan.items);
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
            runtime::items(self.pages(), |page: #page_ty| #items.unwrap_or_default())
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
            let count = ref_chain(&plan.items, quote!(.map_or(0, Vec::len)));
            let total = match &plan.total {
                Some(access) => ref_chain(
                    access,
                    quote!(.and_then(|total| u64::try_from(*total).ok())),
                ),
                None => quote!(None),
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
                    |page| #total,
                )
            }
        }
        PageWalk::Cursor { input, next } => {
            let Some(cursor) = action.inputs.get(*input) else {
                return quote!(futures::stream::empty());
            };
            let field = &cursor.ident;
            let next = ref_chain(next, quote!(.cloned()));
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
            let next = ref_chain(next, quote!(.cloned()));
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

/// `Some(page)...` following `access` by reference from `page: &T`, then `tail` on the
/// `Option<&Leaf>`.
fn ref_chain(access: &Access, tail: TokenStream) -> TokenStream {
    let mut steps = access.steps.iter();
    let mut chain = match steps.next() {
        Some((field, true)) => quote!(page.#field.as_ref()),
        Some((field, false)) => quote!(Some(&page.#field)),
        None => quote!(Some(page)),
    };
    for (field, optional) in steps {
        chain = if *optional {
            quote!(#chain.and_then(|value| value.#field.as_ref()))
        } else {
            quote!(#chain.map(|value| &value.#field))
        };
    }
    quote!(#chain #tail)
}

/// `Some(page)...` following `access` by value, moving the items out of the page.
fn owned_chain(access: &Access) -> TokenStream {
    let mut steps = access.steps.iter();
    let mut chain = match steps.next() {
        Some((field, true)) => quote!(page.#field),
        Some((field, false)) => quote!(Some(page.#field)),
        None => quote!(Some(page)),
    };
    for (field, optional) in steps {
        chain = if *optional {
            quote!(#chain.and_then(|value| value.#field))
        } else {
            quote!(#chain.map(|value| value.#field))
        };
    }
    chain
}
