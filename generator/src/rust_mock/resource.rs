//! A resource's mock file (`losant/mock/org.rs`): the accessor `server.org()` with one method
//! per action, and per action a marker type, its static spec, its trait impls and its typed
//! setters.

use proc_macro2::TokenStream;
use quote::quote;

use super::{replies, setters, spec};
use crate::rust_client::emit::docs::prose;
use crate::rust_client::names::RustIdent;
use crate::rust_client::plan::{ActionPlan, ApiPlan, ResourcePlan};

/// Methods of std traits that clippy's `should_implement_trait` knows, taking only `&self`.
const STD_TRAIT_METHODS: &[&str] = &[
    "clone",
    "default",
    "deref",
    "deref_mut",
    "drop",
    "hash",
    "into_iter",
    "neg",
    "next",
    "not",
    "borrow",
    "borrow_mut",
    "as_ref",
    "as_mut",
];

/// The tokens of a resource's mock file.
pub fn resource_file(api: &ApiPlan<'_>, resource: &ResourcePlan<'_>) -> TokenStream {
    let module = &api.module;
    let resource_module = &resource.module;
    let statics: Vec<RustIdent> = resource
        .actions
        .iter()
        // `_SPEC` names never meet the `_PATTERN` names of the pattern statics.
        .map(|a| RustIdent::screaming(&format!("{}_spec", a.module.bare())))
        .collect();
    let actions = resource
        .actions
        .iter()
        .zip(&statics)
        .map(|(action, spec)| action_items(api, resource, action, spec));
    let patterns = spec::pattern_statics(resource);
    let methods = resource.actions.iter().map(|action| {
        let method = &action.method;
        let marker = &action.builder;
        let doc = format!(
            " Expects a request of [`{marker}`](crate::{module}::{resource_module}::{marker}), \
             `{} {}`: set its matchers, then its response.",
            action.ir.method.as_str(),
            action.ir.path_template()
        );
        // `server.application().clone()` mirrors the client's `clone` action, which clippy reads
        // as a would-be `Clone::clone`; the name is the API's, so the lint is wrong here.
        let trait_like = STD_TRAIT_METHODS
            .contains(&method.bare())
            .then(|| quote!(#[allow(clippy::should_implement_trait, reason = "named after the API's action")]));
        quote! {
            #[doc = #doc]
            #trait_like
            pub fn #method(&self) -> crate::mock::Expect<#marker> {
                self.server.expect()
            }
        }
    });
    let doc = format!(
        " Expectations of the {} resource; get them with `MockServer::{resource_module}()`.",
        prose(&resource.ir.title)
    );
    let module_doc = format!(
        " The mock of the {} resource: `server.{resource_module}()`, one expectation builder \
         per action.",
        prose(&resource.ir.title)
    );
    quote! {
        #![doc = #module_doc]

        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        pub struct Actions<'s> {
            server: &'s crate::mock::Server,
        }

        impl<'s> Actions<'s> {
            pub(super) fn new(server: &'s crate::mock::Server) -> Self {
                Self { server }
            }

            #(#methods)*
        }

        /// Every action of the resource, for routing and spec checks.
        pub(super) static ACTIONS: &[&crate::mock::ActionSpec] = &[#(&#statics),*];

        #(#patterns)*

        #(#actions)*
    }
}

/// An action's marker type, static spec, trait impls and typed setters.
fn action_items(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
    spec: &RustIdent,
) -> TokenStream {
    let module = &api.module;
    let resource_module = &resource.module;
    let marker = &action.builder;
    let doc = format!(
        " The `{}.{}` action for the mock server: the expectations of \
         [`{marker}`](crate::{module}::{resource_module}::{marker}) are `Expect<{marker}>`.",
        resource.ir.name, action.ir.name
    );
    let spec_tokens = spec::action_spec(api, resource, action);
    let impls = replies::impls(api, resource, action, marker, spec);
    let setters = setters::setters(api, action);
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl crate::mock::Expect<#marker> {
                #(#setters)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub enum #marker {}

        static #spec: crate::mock::ActionSpec = #spec_tokens;

        #impls

        #setters
    }
}
