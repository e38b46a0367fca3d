//! An API module (`losant/mod.rs`): the client, its builder's API-specific setters, the static
//! description the runtime needs, and the module list (each resource behind its feature).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose};
use super::models::type_def;
use super::tokens::auth_tokens;
use crate::rust_client::plan::ApiPlan;
use crate::rust_client::plan::actions::{Input, InputType, Place};
use crate::rust_client::plan::types::Home;

/// The tokens of an API's `mod.rs`.
pub fn api_module(api: &ApiPlan<'_>) -> TokenStream {
    let ir = api.ir;
    let resources = api.resources.iter().map(|r| {
        let m = &r.module;
        let feature = api.resource_feature(r);
        quote!(#[cfg(feature = #feature)] #[rustfmt::skip] pub mod #m;)
    });
    let name = &ir.name;
    let title = &ir.title;
    let base_url = &ir.base_url;
    let headers = ir.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let mut accept: Vec<&str> = Vec::new();
    for media in ir.media_types.success.iter().chain(&ir.media_types.error) {
        if !accept.contains(&media.as_str()) {
            accept.push(media);
        }
    }
    let accept = accept.join(", ");
    let content_type = &ir.media_types.request;
    let auth = auth_tokens(ir.auth);
    let idempotency = match &ir.idempotency_header {
        Some(h) => quote!(Some(#h)),
        None => quote!(None),
    };
    let params = api.params.iter().map(|p| {
        let wire = p.wire;
        let loc = if p.place == Place::Header {
            quote!(Header)
        } else {
            quote!(Query)
        };
        quote!((#wire, ParamLocation::#loc))
    });
    let setters: Vec<TokenStream> = api.params.iter().map(client_setter).collect();
    let builder_impl = (!setters.is_empty()).then(|| quote!(impl ClientBuilder { #(#setters)* }));
    let accessors = api.resources.iter().map(|r| {
        let m = &r.module;
        let feature = api.resource_feature(r);
        let doc = format!(" The actions on the {} resource.", prose(&r.ir.title));
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub fn #m(&self) -> #m::Actions<'_> {
                #m::Actions::new(self)
            }
        }
    });
    let local_types = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, d)| d.home == Home::Api)
        .map(|(id, _)| type_def(api, id));
    let module_docs = module_docs(api);
    let client_doc = format!(
        " A client of the {}. Cheap to clone: clones share one connection pool.",
        prose(title)
    );
    let resource_features: Vec<String> = api
        .resources
        .iter()
        .map(|r| api.resource_feature(r))
        .collect();
    let core_cfg = match resource_features.as_slice() {
        [only] => quote!(#[cfg(feature = #only)]),
        all => quote!(#[cfg(any(#(feature = #all),*))]),
    };
    quote! {
        #( #![doc = #module_docs] )*

        #(#resources)*
        #[rustfmt::skip]
        pub mod models;
        #[cfg(feature = "mock")]
        #[rustfmt::skip]
        pub mod mock;

        use std::sync::Arc;

        use crate::runtime::{self, ApiInfo, Core, ParamLocation};
        pub use crate::runtime::{
            BuildError, ByteStream, Error, Event, EventStream, FilePart, Operation,
            PaginationError, ParseEnumError, RedirectError, Refused, Response, TimeoutKind,
            TokenError,
        };

        static INFO: ApiInfo = ApiInfo {
            name: #name,
            title: #title,
            default_base_url: #base_url,
            default_headers: &[#(#headers),*],
            accept: #accept,
            content_type: #content_type,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            auth: #auth,
            idempotency_header: #idempotency,
        };

        /// Describes this API to the runtime.
        #[derive(Debug, Clone, Copy)]
        pub struct Api;

        impl runtime::Api for Api {
            type Client = Client;
            const INFO: &'static ApiInfo = &INFO;
            const PARAMS: &'static [(&'static str, ParamLocation)] = &[#(#params),*];

            fn wrap(core: Arc<Core>) -> Client {
                Client { core }
            }
        }

        /// Configures and builds a [`Client`]: token, base URL, timeouts, retries, scopes.
        pub type ClientBuilder = runtime::ClientBuilder<Api>;

        #builder_impl

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: Arc<Core>,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            #core_cfg
            pub(crate) fn core(&self) -> &Arc<Core> {
                &self.core
            }

            #(#accessors)*
        }

        #(#local_types)*
    }
}

fn module_docs(api: &ApiPlan<'_>) -> Vec<String> {
    let ir = api.ir;
    let mut paragraphs = vec![prose(&ir.title)];
    if let Some(d) = &ir.description {
        paragraphs.push(prose(d));
    }
    paragraphs.push(format!(
        "Default base URL: <{}>. Build a [`Client`] with [`Client::builder`].",
        ir.base_url
    ));
    paragraphs.push(format!(
        "Cargo features: `{}` enables every resource; `{}-<resource>` (e.g. `{}`) enables one \
         resource and exactly the models it uses.",
        api.feature(),
        api.feature(),
        api.resources
            .first()
            .map_or_else(|| api.feature(), |r| api.resource_feature(r))
    ));
    let mut lines = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(p.lines().map(|l| format!(" {l}").trim_end().to_owned()));
    }
    lines
}

/// A client-builder setter for an API-wide parameter.
fn client_setter(p: &Input<'_>) -> TokenStream {
    let ident = &p.ident;
    let wire = p.wire;
    let mut docs = vec![format!(
        "Sends `{wire}` on every request unless a call sets its own."
    )];
    if let Some(d) = p.description {
        docs.push(prose(d));
    }
    let docs = doc_attrs(&docs);
    match p.ty {
        InputType::Bool => quote! {
            #docs
            pub fn #ident(self, value: bool) -> Self {
                self.api_param(#wire, if value { "true" } else { "false" })
            }
        },
        InputType::Str => quote! {
            #docs
            pub fn #ident(self, value: impl Into<String>) -> Self {
                self.api_param(#wire, value)
            }
        },
        _ => quote! {
            #docs
            pub fn #ident(self, value: impl std::fmt::Display) -> Self {
                self.api_param(#wire, value.to_string())
            }
        },
    }
}
