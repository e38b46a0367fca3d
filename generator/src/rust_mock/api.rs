//! An API's mock module (`losant/mock/mod.rs`): the typed `MockServer`, its accessor per
//! resource (each behind the resource's feature), and the API-wide part of the spec.

use proc_macro2::TokenStream;
use quote::quote;

use super::spec;
use crate::rust_client::emit::docs::prose;
use crate::rust_client::plan::ApiPlan;

/// The tokens of an API's `mock/mod.rs`.
pub fn api_file(api: &ApiPlan<'_>) -> TokenStream {
    let module = &api.module;
    let title = prose(&api.ir.title);
    let features: Vec<String> = api
        .resources
        .iter()
        .map(|r| api.resource_feature(r))
        .collect();
    let modules: Vec<_> = api.resources.iter().map(|r| &r.module).collect();
    let accessors = api.resources.iter().zip(&features).map(|(r, feature)| {
        let m = &r.module;
        let doc = format!(
            " Expectations of the {} resource: one builder per action.",
            prose(&r.ir.title)
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub fn #m(&self) -> #m::Actions<'_> {
                #m::Actions::new(&self.server)
            }
        }
    });
    let api_spec = spec::api_spec(api);
    let module_docs = [
        format!(" A typed mock server of the {title}, for tests (cargo feature `mock`)."),
        String::new(),
        format!(
            " [`MockServer::start`] serves on 127.0.0.1; point a [`Client`](crate::{module}::Client) \
             at [`MockServer::base_url`], then set an expectation per call the test makes: \
             `server.<resource>().<action>()`, its typed matchers, and a response (`returns` \
             takes what the client's `send` returns, `fails` takes the action's error enum)."
        ),
        String::new(),
        " Every request is checked against the spec first (a request the real API would refuse \
         is answered 400 with the reasons); a request no expectation matches is answered 501 \
         with a diagnostic that says why each expectation did not match. Both are reported by \
         [`MockServer::verify`], with the expectations that did not get their requests, and \
         dropping the server panics with that report."
            .to_owned(),
    ];
    quote! {
        #( #![doc = #module_docs] )*

        #(#[cfg(feature = #features)] #[rustfmt::skip] pub mod #modules;)*

        pub use crate::mock::{Expect, Matcher, MockReport, Mocked};

        static API: crate::mock::ApiSpec = #api_spec;

        /// A mock server of the API on 127.0.0.1, stopped and verified when dropped (see the
        /// module docs).
        #[derive(Debug)]
        pub struct MockServer {
            server: crate::mock::Server,
        }

        impl MockServer {
            /// Starts a server on a free port of 127.0.0.1, on the current tokio runtime.
            ///
            /// # Panics
            ///
            /// Outside a tokio runtime, or when no port can be bound (see [`Self::try_start`]).
            pub async fn start() -> Self {
                Self { server: crate::mock::Server::start(&API, actions()).await }
            }

            /// Starts a server on a free port of 127.0.0.1, on the current tokio runtime.
            ///
            /// # Errors
            ///
            /// Outside a tokio runtime, or when no port can be bound.
            pub async fn try_start() -> std::io::Result<Self> {
                let server = crate::mock::Server::try_start(&API, actions()).await?;
                Ok(Self { server })
            }

            /// `http://127.0.0.1:<port>`: the base URL to build the client with.
            pub fn base_url(&self) -> &str {
                self.server.base_url()
            }

            /// Every problem so far: requests refused by the spec checks, requests no
            /// expectation matched, expectations that could not be set up or did not get the
            /// requests they wanted.
            ///
            /// # Errors
            ///
            /// The report, when there is any problem.
            pub fn verify(&self) -> Result<(), MockReport> {
                self.server.verify()
            }

            /// Forgets every expectation and every problem seen so far.
            pub fn reset(&self) {
                self.server.reset();
            }

            #(#accessors)*
        }

        /// The actions of the enabled resources.
        fn actions() -> Vec<&'static crate::mock::ActionSpec> {
            let tables: &[&[&'static crate::mock::ActionSpec]] = &[#(#[cfg(feature = #features)] #modules::ACTIONS,)*];
            tables.concat()
        }
    }
}
