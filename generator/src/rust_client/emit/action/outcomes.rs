//! What an action's responses decode into: its error enum, its enum of success bodies when
//! several statuses have different ones, its event enum, and its typed response headers.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::docs::{code, prose};
use super::super::tokens::rust_type;
use crate::ir::{EventKind, Status};
use crate::rust_client::names::RustIdent;
use crate::rust_client::plan::actions::{HeadersPlan, InputType, Payload, Variant, decode_order};
use crate::rust_client::plan::layout::MAX_INLINE_VARIANT;
use crate::rust_client::plan::types::Home;
use crate::rust_client::plan::{ActionPlan, ApiPlan, RType, TypeKind};

/// The Rust type of a payload in an action's file; large ones are boxed so that the enum stays
/// small (and clippy's `large_enum_variant` quiet).
fn payload_type(api: &ApiPlan<'_>, at: Home, payload: &Payload) -> Option<TokenStream> {
    match payload {
        Payload::None => None,
        Payload::Json(ty) => {
            let tokens = rust_type(api, ty, at);
            Some(if api.sizes.of(ty) > MAX_INLINE_VARIANT {
                quote!(Box<#tokens>)
            } else {
                tokens
            })
        }
        Payload::Bytes => Some(quote!(bytes::Bytes)),
        Payload::Text => Some(quote!(String)),
    }
}

/// The expression decoding `body` (`&[u8]`) into variant `ident`, as
/// `Option<Result<Self, serde_json::Error>>`.
fn decode_expr(payload: &Payload, ident: &RustIdent) -> TokenStream {
    match payload {
        Payload::None => quote!(Some(Ok(Self::#ident))),
        Payload::Json(_) => quote!(Some(serde_json::from_slice(body).map(Self::#ident))),
        Payload::Bytes => quote!(Some(Ok(Self::#ident(bytes::Bytes::copy_from_slice(body))))),
        Payload::Text => {
            quote!(Some(Ok(Self::#ident(String::from_utf8_lossy(body).into_owned()))))
        }
    }
}

fn status_pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Class(class) => {
            let lo = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100);
            let hi = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100 + 99);
            quote!(#lo..=#hi)
        }
        Status::Default => quote!(_),
    }
}

fn variant_tokens(api: &ApiPlan<'_>, at: Home, variants: &[Variant<'_>]) -> Vec<TokenStream> {
    variants
        .iter()
        .map(|v| {
            let ident = &v.ident;
            let doc = format!(
                " `{}`: {}",
                v.response.status.key(),
                prose(&v.response.description)
            );
            match payload_type(api, at, &v.payload) {
                Some(ty) => quote!(#[doc = #doc] #ident(#ty)),
                None => quote!(#[doc = #doc] #ident),
            }
        })
        .collect()
}

/// The `decode(status, body)` of an `ErrorBody` or `SuccessBody` over `variants`: its
/// parameters (`_`-prefixed when unused) and its body, a `match status.as_u16()` (exact codes,
/// then classes, then default), or the one variant's decode when only `default` is documented
/// (a match of `_` alone is clippy's `match_single_binding`).
fn decode_fn(variants: &[Variant<'_>]) -> TokenStream {
    let reads_body = variants.iter().any(|v| v.payload != Payload::None);
    let body_param = if reads_body {
        quote!(body)
    } else {
        quote!(_body)
    };
    let (status_param, decode) = match variants {
        [] => (quote!(_status), quote!(None)),
        [only] if only.response.status == Status::Default => {
            (quote!(_status), decode_expr(&only.payload, &only.ident))
        }
        _ => {
            let arms = decode_order(variants).into_iter().map(|v| {
                let pattern = status_pattern(v.response.status);
                let decode = decode_expr(&v.payload, &v.ident);
                quote!(#pattern => #decode)
            });
            let catch_all = (!variants
                .iter()
                .any(|v| v.response.status == Status::Default))
            .then(|| quote!(_ => None,));
            (
                quote!(status),
                quote!(match status.as_u16() { #(#arms,)* #catch_all }),
            )
        }
    };
    quote! {
        fn decode(#status_param: StatusCode, #body_param: &[u8]) -> Option<Result<Self, serde_json::Error>> {
            #decode
        }
    }
}

/// The action's error enum, its `ErrorBody` and a readable `Display`.
pub fn error_enum(api: &ApiPlan<'_>, at: Home, action: &ActionPlan<'_>) -> TokenStream {
    let name = &action.error;
    let doc = format!(
        " The documented error responses of [`{}`], decoded by status.",
        action.builder
    );
    let variants = variant_tokens(api, at, &action.errors);
    let decode = decode_fn(&action.errors);
    let display = if action.errors.is_empty() {
        quote!(match *self {})
    } else {
        let arms = action.errors.iter().map(|v| display_arm(api, v));
        quote!(match self { #(#arms,)* })
    };
    let formatter = if action.errors.is_empty() {
        quote!(_f)
    } else {
        quote!(f)
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name { #(#variants,)* }

        impl ErrorBody for #name {
            #decode
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, #formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #display
            }
        }
    }
}

/// `Self::NotFound(body) => ...`: the documented description, then the body's own message when
/// its model has one (`message`, `detail`, `title`, `error_description`, `error`).
fn display_arm(api: &ApiPlan<'_>, v: &Variant<'_>) -> TokenStream {
    let ident = &v.ident;
    let description = v.response.description.trim_end_matches('.').to_owned();
    // The description is part of the format string, so its braces are escaped.
    let with = |tail: &str| {
        format!(
            "{}: {tail}",
            description.replace('{', "{{").replace('}', "}}")
        )
    };
    match &v.payload {
        Payload::None => quote!(Self::#ident => f.write_str(#description)),
        Payload::Json(ty) => match message_field(api, ty) {
            Some((field, true)) => {
                let text = with("{}");
                quote!(Self::#ident(body) => write!(f, #text, body.#field))
            }
            Some((field, false)) => {
                let text = with("{message}");
                quote! {
                    Self::#ident(body) => match body.#field.as_deref() {
                        Some(message) => write!(f, #text),
                        None => f.write_str(#description),
                    }
                }
            }
            None => quote!(Self::#ident(_) => f.write_str(#description)),
        },
        Payload::Text => {
            let text = with("{text}");
            quote!(Self::#ident(text) => write!(f, #text))
        }
        Payload::Bytes => quote!(Self::#ident(_) => f.write_str(#description)),
    }
}

/// A top-level string field that carries a human-readable message, and whether it is required.
fn message_field<'a>(api: &'a ApiPlan<'_>, ty: &RType) -> Option<(&'a RustIdent, bool)> {
    let id = match ty {
        RType::Named(id) => *id,
        RType::Boxed(inner) => return message_field(api, inner),
        _ => return None,
    };
    let def = api.ty(id)?;
    match &def.kind {
        TypeKind::Struct { fields, .. } => {
            ["message", "detail", "title", "error_description", "error"]
                .iter()
                .find_map(|name| {
                    fields
                        .iter()
                        .find(|f| f.json == *name && f.ty == RType::String)
                        .map(|f| (&f.ident, f.required))
                })
        }
        TypeKind::Alias(inner) => message_field(api, inner),
        _ => None,
    }
}

/// The enum of an action whose success statuses have different bodies.
pub fn choice_enum(
    api: &ApiPlan<'_>,
    at: Home,
    action: &ActionPlan<'_>,
    name: &RustIdent,
    variants: &[Variant<'_>],
) -> TokenStream {
    let doc = format!(
        " What [`{}`] returns: one variant per documented success status.",
        action.builder
    );
    let variant_tokens = variant_tokens(api, at, variants);
    let decode = decode_fn(variants);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name { #(#variant_tokens,)* }

        impl runtime::SuccessBody for #name {
            #decode
        }
    }
}

/// The enum of an event stream's events; an event this client does not know is kept.
pub fn event_enum(
    api: &ApiPlan<'_>,
    at: Home,
    action: &ActionPlan<'_>,
    name: &RustIdent,
    kinds: &[(RustIdent, &EventKind, Payload)],
) -> TokenStream {
    let doc = format!(
        " The data of the events [`{}`] streams, by event name.",
        action.builder
    );
    let variants = kinds.iter().map(|(ident, kind, payload)| {
        let mut doc = format!(" `{}`", kind.name);
        if let Some(d) = &kind.description {
            doc.push_str(": ");
            doc.push_str(&prose(d));
        }
        match payload_type(api, at, payload) {
            Some(ty) => quote!(#[doc = #doc] #ident(#ty)),
            None => quote!(#[doc = #doc] #ident),
        }
    });
    let arms = kinds.iter().map(|(ident, kind, payload)| {
        let event = &kind.name;
        match payload {
            Payload::Json(_) => quote!(#event => serde_json::from_str(data).map(Self::#ident)),
            Payload::Text => quote!(#event => Ok(Self::#ident(data.to_owned()))),
            Payload::None | Payload::Bytes => quote!(#event => Ok(Self::#ident)),
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
            /// An event the docs do not list: its name and data, as sent.
            Unknown {
                /// The event name.
                event: String,
                /// The data, unparsed.
                data: String,
            },
        }

        impl runtime::EventData for #name {
            fn decode(event: &str, data: &str) -> Result<Self, serde_json::Error> {
                match event {
                    #(#arms,)*
                    _ => Ok(Self::Unknown { event: event.to_owned(), data: data.to_owned() }),
                }
            }
        }
    }
}

/// The typed view of an action's documented response headers.
pub fn headers_struct(action: &ActionPlan<'_>, plan: &HeadersPlan<'_>) -> TokenStream {
    let name = &plan.name;
    let doc = format!(
        " The documented response headers of [`{}`]; read them with [`{name}::from_headers`] \
         from a response's headers ([`Response::headers`]).",
        action.builder
    );
    let fields = plan.headers.iter().map(|(ident, header, ty)| {
        let mut doc = format!(" {}", code(&header.name));
        if let Some(d) = &header.description {
            doc.push_str(": ");
            doc.push_str(&prose(d));
        }
        let ty = scalar(ty);
        quote!(#[doc = #doc] pub #ident: Option<#ty>)
    });
    let reads = plan.headers.iter().map(|(ident, header, ty)| {
        let wire = &header.name;
        let parse = match ty {
            InputType::Str => quote!(.map(str::to_owned)),
            _ => quote!(.and_then(|text| text.trim().parse().ok())),
        };
        quote!(#ident: headers.get(#wire).and_then(|value| value.to_str().ok())#parse)
    });
    let sensitive = plan.headers.iter().any(|(_, h, _)| h.schema.sensitive);
    let derive_debug = (!sensitive).then(|| quote!(Debug,));
    let debug = sensitive.then(|| {
        let text = name.bare();
        let entries = plan.headers.iter().map(|(ident, header, _)| {
            let label = ident.bare();
            if header.schema.sensitive {
                quote!(.field(#label, &self.#ident.as_ref().map(|_| "<redacted>")))
            } else {
                quote!(.field(#label, &self.#ident))
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#text) #(#entries)* .finish()
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(#derive_debug Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name { #(#fields,)* }

        impl #name {
            /// Reads the documented headers; one that is absent or not of its documented type is
            /// `None` (its raw value stays in the response's headers).
            pub fn from_headers(headers: &runtime::HeaderMap) -> Self {
                Self { #(#reads,)* }
            }
        }

        #debug
    }
}

fn scalar(ty: &InputType) -> TokenStream {
    match ty {
        InputType::I64 => quote!(i64),
        InputType::F64 => quote!(f64),
        InputType::Bool => quote!(bool),
        _ => quote!(String),
    }
}
