//! An action's file (`org/device_counts.rs`): its builder (inputs, setters, `send`, pages), what
//! its responses decode into, and the enums of its parameters.

mod docs;
mod outcomes;
mod pages;
mod request;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attrs, prose};
use super::models::type_def;
use super::tokens::{allow_many_arguments, auth_tokens, input_tokens, rust_type, uses_models};
use crate::ir::Method;
use crate::rust_client::plan::actions::{Input, InputType, PageWalk, Payload, Success};
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ActionPlan, ApiPlan, ResourcePlan, action_types};

/// The tokens of one action's file.
pub fn action_file(
    api: &ApiPlan<'_>,
    r: usize,
    resource: &ResourcePlan<'_>,
    a: usize,
    action: &ActionPlan<'_>,
) -> TokenStream {
    let at = Home::Action(r, a);
    let builder = &action.builder;
    let error = &action.error;
    let info = info_static(resource, action);
    let (output, send_body) = send_parts(api, at, action);
    let fields = action.inputs.iter().map(|input| {
        let ident = &input.ident;
        let ty = field_type(api, at, &input.ty);
        if input.required {
            quote!(#ident: #ty)
        } else {
            quote!(#ident: Option<#ty>)
        }
    });
    let api_fields = api.params.iter().map(|input| {
        let ident = &input.ident;
        let ty = field_type(api, Home::Api, &input.ty);
        quote!(#ident: Option<#ty>)
    });
    let link_field = matches!(
        action.pagination.as_ref().map(|p| &p.style),
        Some(PageWalk::Link { .. })
    );
    let next_page_field = link_field.then(|| quote!(next_page: Option<runtime::NextLink>,));
    let next_page_init = link_field.then(|| quote!(next_page: None,));
    let next_page_use = link_field.then(|| {
        quote!(if let Some(link) = &self.next_page {
            call.next_link(link);
        })
    });
    let required: Vec<&Input<'_>> = action.inputs.iter().filter(|i| i.required).collect();
    let new_args = required.iter().map(|input| {
        let ident = &input.ident;
        let ty = field_type(api, at, &input.ty);
        quote!(#ident: #ty)
    });
    let new_required = required.iter().map(|input| &input.ident);
    let new_allow = allow_many_arguments(
        1 + required.len(),
        "the accessor passes the client and every required parameter, in doc order",
    );
    let new_optional = action
        .inputs
        .iter()
        .filter(|i| !i.required)
        .chain(&api.params)
        .map(|input| &input.ident);
    let setters = action
        .inputs
        .iter()
        .filter(|i| !i.required)
        .map(|input| setter(api, at, input, false))
        .chain(
            api.params
                .iter()
                .map(|input| setter(api, Home::Api, input, true)),
        );
    let option_setters = option_setters(api, action);
    let statements = request::statements(api, resource, action);
    let page_methods = pages::page_methods(api, at, action);
    let streaming = response_methods(action, &output);
    let outcome_types = outcome_types(api, at, action);
    let local_types = action.local_types.iter().map(|&id| type_def(api, id));
    let docs = doc_attrs(&docs::builder_docs(api, at, resource, action));
    let scopes: Vec<&str> = action
        .ir
        .scopes
        .as_ref()
        .map(|s| s.all_named())
        .unwrap_or_default();
    let scopes_doc = docs::scopes_const_doc(action);
    let models_import = needs_models(api, action).then(|| {
        let module = &api.module;
        quote!(use crate::#module::models;)
    });
    let debug = debug_impl(action, api);
    // A file part may be a stream, which can be sent once: such builders are not `Clone`.
    let mut derives = Vec::new();
    if debug.is_none() {
        derives.push(quote!(Debug));
    }
    if !action.inputs.iter().any(|i| i.ty == InputType::File) {
        derives.push(quote!(Clone));
    }
    let derives = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));

    let module_doc = format!(" The `{}` action: [`{builder}`].", action.ir.name);
    let response_import = (!matches!(action.success, Success::Events { .. })).then(|| {
        quote!(
            use crate::runtime::Response;
        )
    });
    let send_doc = docs::send_doc(api, at, action);
    quote! {
        #![doc = #module_doc]

        use std::sync::Arc;
        use std::time::Duration;

        #models_import
        use crate::runtime::{self, ActionInfo, CallOptions, Core, Error, ErrorBody, StatusCode};
        #response_import

        #info

        #docs
        #derives
        #[must_use = "the request is sent only when the builder is awaited or `.send()` is called"]
        pub struct #builder {
            core: Arc<Core>,
            #(#fields,)*
            #(#api_fields,)*
            #next_page_field
            options: CallOptions,
        }

        impl #builder {
            #[doc = #scopes_doc]
            pub const SCOPES: &'static [&'static str] = &[#(#scopes),*];

            #new_allow
            pub(super) fn new(core: Arc<Core>, #(#new_args),*) -> Self {
                Self {
                    core,
                    #(#new_required,)*
                    #(#new_optional: None,)*
                    #next_page_init
                    options: CallOptions::default(),
                }
            }

            #(#setters)*

            #option_setters

            #[doc = #send_doc]
            pub fn send(self) -> impl std::future::Future<Output = Result<#output, Error<#error>>> + Send + 'static {
                #send_body
            }

            #streaming

            #page_methods

            /// The request, assembled but not sent; the builder's values move into it.
            fn request(self) -> runtime::Call {
                let mut call = self.core.call(&INFO, &self.options);
                #(#statements)*
                #next_page_use
                call
            }
        }

        impl std::future::IntoFuture for #builder {
            type Output = Result<#output, Error<#error>>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

            /// Awaiting the builder sends the request, like [`Self::send`].
            fn into_future(self) -> Self::IntoFuture {
                #send_body
            }
        }

        #debug

        #outcome_types
        #(#local_types)*
    }
}

/// The action's static description.
fn info_static(resource: &ResourcePlan<'_>, action: &ActionPlan<'_>) -> TokenStream {
    let resource_name = &resource.ir.name;
    let action_name = &action.ir.name;
    let method = format_ident!("{}", action.ir.method.as_str());
    let route = action.ir.path_template();
    let alternatives = action
        .ir
        .scopes
        .iter()
        .flat_map(|s| &s.any_of)
        .map(|alt| quote!(&[#(#alt),*]));
    let auth = auth_tokens(action.ir.auth);
    quote! {
        static INFO: ActionInfo = ActionInfo {
            resource: #resource_name,
            action: #action_name,
            method: http::Method::#method,
            route: #route,
            scopes: &[#(#alternatives),*],
            auth: #auth,
        };
    }
}

/// What `send` returns, and its body: an expression of a future over the assembled call.
fn send_parts(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> (TokenStream, TokenStream) {
    let body = match response_method(&action.success) {
        Some(method) => quote!(runtime::into_body(self.request().#method())),
        None => quote!(self.request().send_events()),
    };
    let output = match &action.success {
        Success::Single(Payload::None) => quote!(()),
        Success::Single(Payload::Json(ty)) => rust_type(api, ty, at),
        Success::Single(Payload::Bytes) => quote!(bytes::Bytes),
        Success::Single(Payload::Text) => quote!(String),
        Success::Choice { name, .. } => quote!(#name),
        Success::Events { name, .. } => {
            let error = &action.error;
            quote!(runtime::EventStream<#name, #error>)
        }
    };
    (output, body)
}

/// The runtime's method that sends the call and reads the whole response (status, headers
/// and the decoded body); `None` for event streams, which are read as they arrive.
fn response_method(success: &Success<'_>) -> Option<proc_macro2::Ident> {
    let name = match success {
        Success::Events { .. } => return None,
        Success::Single(Payload::None) => "send_empty",
        Success::Single(Payload::Json(_)) => "send_json",
        Success::Single(Payload::Bytes) => "send_bytes",
        Success::Single(Payload::Text) => "send_text",
        Success::Choice { .. } => "send_choice",
    };
    Some(format_ident!("{name}"))
}

/// `send_with_response` (status and headers too) for every action but event streams, and
/// `send_streaming` for downloads. `output` is the success body type.
fn response_methods(action: &ActionPlan<'_>, output: &TokenStream) -> TokenStream {
    let error = &action.error;
    let Some(method) = response_method(&action.success) else {
        return quote!();
    };
    let download = matches!(action.success, Success::Single(Payload::Bytes)).then(|| {
        quote! {
            /// Sends the request and streams the body as it arrives, without the client's
            /// response size limit; a pause longer than the idle timeout ends the stream with
            /// an error.
            pub fn send_streaming(
                self,
            ) -> impl std::future::Future<Output = Result<Response<runtime::ByteStream>, Error<#error>>> + Send + 'static {
                self.request().send_streaming()
            }
        }
    });
    quote! {
        /// Sends the request; the response also carries the status and headers.
        pub fn send_with_response(
            self,
        ) -> impl std::future::Future<Output = Result<Response<#output>, Error<#error>>> + Send + 'static {
            self.request().#method()
        }

        #download
    }
}

/// Per-call options: timeouts and extra headers on every action; an idempotency key where the
/// API has one; a page limit on paginated actions; reconnection on event streams.
fn option_setters(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> TokenStream {
    let idempotency = (api.ir.idempotency_header.is_some()
        && matches!(action.ir.method, Method::Post | Method::Patch))
    .then(|| {
        quote! {
            /// Sends this idempotency key instead of a generated one (the same key is reused on
            /// every retry of this call either way).
            pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
                self.options.set_idempotency_key(key);
                self
            }
        }
    });
    let pages = action.pagination.is_some().then(|| {
        quote! {
            /// The most pages [`Self::pages`] and [`Self::items`] fetch before ending with an
            /// error, instead of the client's limit.
            pub fn max_pages(mut self, pages: u64) -> Self {
                self.options.set_max_pages(pages);
                self
            }
        }
    });
    let events = matches!(action.success, Success::Events { .. }).then(|| {
        quote! {
            /// Whether a dropped stream reconnects by itself (sending `Last-Event-ID`), instead
            /// of the client's setting.
            pub fn reconnect(mut self, reconnect: bool) -> Self {
                self.options.set_reconnect(reconnect);
                self
            }

            /// The longest pause between bytes of the stream before it ends with an error.
            pub fn idle_timeout(mut self, idle: Duration) -> Self {
                self.options.set_idle_timeout(idle);
                self
            }
        }
    });
    quote! {
        /// Overrides the client's timeout for each attempt of this call.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.options.set_timeout(timeout);
            self
        }

        /// Bounds this whole call (every attempt, backoff and `Retry-After` wait), instead of
        /// the client's operation timeout.
        pub fn operation_timeout(mut self, timeout: Duration) -> Self {
            self.options.set_operation_timeout(timeout);
            self
        }

        /// Adds a header to this call. A name or value that cannot be sent (CR, LF, other
        /// control characters) is refused when sending, without echoing the value.
        pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.options.add_header(name, value);
            self
        }

        #idempotency
        #pages
        #events
    }
}

/// The type of a builder field holding an input.
fn field_type(api: &ApiPlan<'_>, at: Home, ty: &InputType) -> TokenStream {
    input_tokens(ty, &|t| rust_type(api, t, at), &quote!(runtime))
}

/// The setter of an optional input.
fn setter(api: &ApiPlan<'_>, at: Home, input: &Input<'_>, api_wide: bool) -> TokenStream {
    let ident = &input.ident;
    let mut docs = vec![docs::setter_doc(input, api_wide)];
    if let Some(d) = input.description {
        docs.push(prose(d));
    }
    let docs = doc_attrs(&docs);
    match &input.ty {
        InputType::Str => quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<String>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
        InputType::Bytes => quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<bytes::Bytes>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
        InputType::List(item) => {
            let (arg, collect) = match item.as_ref() {
                InputType::Str => (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    quote!(values.into_iter().map(Into::into).collect()),
                ),
                other => {
                    let item = field_type(api, at, other);
                    (
                        quote!(impl IntoIterator<Item = #item>),
                        quote!(values.into_iter().collect()),
                    )
                }
            };
            quote! {
                #docs
                pub fn #ident(mut self, values: #arg) -> Self {
                    self.#ident = Some(#collect);
                    self
                }
            }
        }
        ty => {
            let ty = field_type(api, at, ty);
            quote! {
                #docs
                pub fn #ident(mut self, value: #ty) -> Self {
                    self.#ident = Some(value);
                    self
                }
            }
        }
    }
}

/// The types that decode the action's responses.
fn outcome_types(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> TokenStream {
    let error = outcomes::error_enum(api, at, action);
    let success = match &action.success {
        Success::Choice { name, variants } => {
            outcomes::choice_enum(api, at, action, name, variants)
        }
        Success::Events { name, kinds } => outcomes::event_enum(api, at, action, name, kinds),
        Success::Single(_) => quote!(),
    };
    let headers = action
        .headers
        .as_ref()
        .map(|plan| outcomes::headers_struct(action, plan));
    quote!(#error #success #headers)
}

/// Whether the action's file names a type of the `models` module.
fn needs_models(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> bool {
    let mut ids = Vec::new();
    action_types(action, &mut ids);
    for &local in &action.local_types {
        if let Some(def) = api.ty(local) {
            ids.extend(crate::rust_client::plan::layout::mentioned(&def.kind));
        }
    }
    ids.iter()
        .any(|&id| uses_models(api, &crate::rust_client::plan::RType::Named(id)))
}

/// A `Debug` that redacts sensitive inputs, when the action has any.
fn debug_impl(action: &ActionPlan<'_>, api: &ApiPlan<'_>) -> Option<TokenStream> {
    let inputs: Vec<&Input<'_>> = action.inputs.iter().chain(&api.params).collect();
    if !inputs.iter().any(|i| i.sensitive) {
        return None;
    }
    let builder = &action.builder;
    let text = builder.bare();
    let entries = inputs.iter().map(|input| {
        let ident = &input.ident;
        let label = input.ident.bare();
        match (input.sensitive, input.required) {
            (false, _) => quote!(.field(#label, &self.#ident)),
            (true, true) => quote!(.field(#label, &"<redacted>")),
            (true, false) => quote!(.field(#label, &self.#ident.as_ref().map(|_| "<redacted>"))),
        }
    });
    Some(quote! {
        impl std::fmt::Debug for #builder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#text)
                    .field("core", &self.core)
                    #(#entries)*
                    .field("options", &self.options)
                    .finish()
            }
        }
    })
}
