//! An API module (`losant/mod.rs`): the client, its builder's API-specific setters, the static
//! description the runtime needs, and the module list.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose};
use super::types::ident;
use crate::ir::{ApiIr, Location, ParamType};

/// The tokens of an API's `mod.rs`.
pub fn api_module(api: &ApiIr) -> TokenStream {
    let mut modules: Vec<String> = api.resources.iter().map(|r| r.module.clone()).collect();
    modules.push("models".into());
    modules.sort();
    let modules = modules.iter().map(|m| {
        let m = ident(m);
        quote!(#[rustfmt::skip] pub mod #m;)
    });
    let title = &api.title;
    let base_url = &api.base_url;
    let headers = api.headers.iter().map(|(k, v)| quote!((#k, #v)));
    let accept = &api.accept;
    let content_type = &api.content_type;
    let params = api.params.iter().map(|p| {
        let name = &p.wire_name;
        let loc = if p.location == Location::Header {
            quote!(Header)
        } else {
            quote!(Query)
        };
        quote!((#name, ParamLocation::#loc))
    });
    let setters = api.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        let mut docs = vec![format!(
            "Sends `{wire}` on every request unless a call sets its own."
        )];
        if let Some(d) = &p.description {
            docs.push(prose(d));
        }
        let docs = doc_attrs(&docs);
        match p.ty {
            ParamType::Boolean => quote! {
                #docs
                pub fn #name(self, value: bool) -> Self {
                    self.api_param(#wire, if value { "true" } else { "false" })
                }
            },
            ParamType::String => quote! {
                #docs
                pub fn #name(self, value: impl Into<String>) -> Self {
                    self.api_param(#wire, value)
                }
            },
            _ => quote! {
                #docs
                pub fn #name(self, value: impl std::fmt::Display) -> Self {
                    self.api_param(#wire, value.to_string())
                }
            },
        }
    });
    let builder_impl = if api.params.is_empty() {
        quote!()
    } else {
        quote!(impl ClientBuilder { #(#setters)* })
    };
    let accessors = api.resources.iter().map(|r| {
        let m = ident(&r.module);
        let doc = format!(" The actions on the {} resource.", prose(&r.title));
        quote! {
            #[doc = #doc]
            pub fn #m(&self) -> #m::Actions<'_> {
                #m::Actions::new(self)
            }
        }
    });
    let module_docs = {
        let mut d = vec![prose(&api.title)];
        if let Some(desc) = &api.description {
            d.push(prose(desc));
        }
        d.push(format!(
            "Default base URL: <{}>. Build a [`Client`] with [`Client::builder`].",
            api.base_url
        ));
        d.iter()
            .flat_map(|p| {
                let mut lines: Vec<String> = p.lines().map(|l| format!(" {l}")).collect();
                lines.push(String::new());
                lines
            })
            .collect::<Vec<_>>()
    };
    let module_docs = &module_docs[..module_docs.len().saturating_sub(1)];
    let client_doc = format!(
        " A client of the {}. Cheap to clone: clones share one connection pool.",
        prose(title)
    );
    quote! {
        #( #![doc = #module_docs] )*

        #(#modules)*

        use std::sync::Arc;

        use crate::runtime::{self, ApiInfo, Core, ParamLocation};
        pub use crate::runtime::{BuildError, Error, Refused, Response};

        static INFO: ApiInfo = ApiInfo {
            name: #title,
            default_base_url: #base_url,
            default_headers: &[#(#headers),*],
            accept: #accept,
            content_type: #content_type,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
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

            pub(crate) fn core(&self) -> &Arc<Core> {
                &self.core
            }

            #(#accessors)*
        }
    }
}
