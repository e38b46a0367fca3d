//! The trait impls that type an action's responses: `MockAction` (its errors), `MockReturns`
//! (its success body), `MockPaged`, and `MockStreams` (its events), each encoding a typed value
//! as the documented status, media type and body.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::full_type;
use crate::ir::{Content, Response, Status};
use crate::rust_client::names::RustIdent;
use crate::rust_client::plan::actions::{Payload, Success, Variant};
use crate::rust_client::plan::{ActionPlan, ApiPlan, ResourcePlan};

/// The trait impls of `marker`, the marker type of `action`; `spec` names its static spec.
pub fn impls(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
    marker: &RustIdent,
    spec: &RustIdent,
) -> TokenStream {
    let module = &api.module;
    let resource_module = &resource.module;
    let error = &action.error;
    let error_path = quote!(crate::#module::#resource_module::#error);
    let arms = action.errors.iter().map(|v| {
        let ident = &v.ident;
        let (has_body, reply) = reply(v.response, &v.payload, false);
        let binding = has_body.then(|| quote!((body)));
        quote!(#error_path::#ident #binding => #reply)
    });
    let mut out = quote! {
        impl crate::mock::MockAction for #marker {
            const SPEC: &'static crate::mock::ActionSpec = &#spec;
            type Error = #error_path;

            fn error(error: Self::Error) -> crate::mock::Reply {
                match error { #(#arms,)* }
            }
        }
    };
    match &action.success {
        Success::Single(payload) => {
            let ty = match payload {
                Payload::None => quote!(()),
                Payload::Json(ty) => full_type(api, ty),
                Payload::Bytes => quote!(bytes::Bytes),
                Payload::Text => quote!(String),
            };
            let first = action.ir.responses.first();
            let body = match first {
                Some(response) => {
                    let (has_body, reply) = reply(response, payload, true);
                    if has_body {
                        quote!({ let body = success; #reply })
                    } else {
                        quote!({ let () = success; #reply })
                    }
                }
                None => quote!({
                    let () = success;
                    crate::mock::Reply::empty(crate::mock::Documented::Code(200))
                }),
            };
            out.extend(quote! {
                impl crate::mock::MockReturns for #marker {
                    type Success = #ty;

                    fn success(success: Self::Success) -> crate::mock::Reply #body
                }
            });
            if action.pagination.is_some() {
                out.extend(quote!(impl crate::mock::MockPaged for #marker {}));
            }
        }
        Success::Choice { name, variants } => {
            let path = quote!(crate::#module::#resource_module::#name);
            let arms = variants.iter().map(|v: &Variant<'_>| {
                let ident = &v.ident;
                let (has_body, reply) = reply(v.response, &v.payload, true);
                let binding = has_body.then(|| quote!((body)));
                quote!(#path::#ident #binding => #reply)
            });
            out.extend(quote! {
                impl crate::mock::MockReturns for #marker {
                    type Success = #path;

                    fn success(success: Self::Success) -> crate::mock::Reply {
                        match success { #(#arms,)* }
                    }
                }
            });
        }
        Success::Events { name, kinds } => {
            let path = quote!(crate::#module::#resource_module::#name);
            let arms = kinds.iter().map(|(ident, kind, payload)| {
                let event = &kind.name;
                match payload {
                    Payload::Json(_) => {
                        quote!(#path::#ident(data) => crate::mock::event_json(#event, &data))
                    }
                    Payload::Text => quote!(#path::#ident(data) => Ok((#event.to_owned(), data))),
                    Payload::None | Payload::Bytes => {
                        quote!(#path::#ident => Ok((#event.to_owned(), String::new())))
                    }
                }
            });
            out.extend(quote! {
                impl crate::mock::MockStreams for #marker {
                    type Event = #path;

                    fn event(event: Self::Event) -> Result<(String, String), String> {
                        match event {
                            #(#arms,)*
                            #path::Unknown { event, data } => Ok((event, data)),
                        }
                    }
                }
            });
        }
    }
    out
}

/// Whether a variant holding `payload` has a body (bound as `body`), and the expression of
/// its reply.
fn reply(response: &Response, payload: &Payload, success: bool) -> (bool, TokenStream) {
    let documented = documented(response.status);
    let finish = success.then(|| quote!(.success()));
    let media_type = |fallback: &'static str| match &response.content {
        Content::Json { media_type, .. } => media_type.clone(),
        Content::Binary { media_type } | Content::Text { media_type } => {
            media_type.clone().unwrap_or_else(|| fallback.to_owned())
        }
        Content::None | Content::Events(_) => fallback.to_owned(),
    };
    match payload {
        Payload::None => (
            false,
            quote!(crate::mock::Reply::empty(#documented) #finish),
        ),
        Payload::Json(_) => {
            let media_type = media_type("application/json");
            (
                true,
                quote!(crate::mock::Reply::json(#documented, #media_type, &body) #finish),
            )
        }
        Payload::Bytes | Payload::Text => {
            let media_type = media_type(if *payload == Payload::Text {
                "text/plain; charset=utf-8"
            } else {
                "application/octet-stream"
            });
            (
                true,
                quote!(crate::mock::Reply::bytes(#documented, #media_type, body) #finish),
            )
        }
    }
}

fn documented(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(crate::mock::Documented::Code(#code))
        }
        Status::Class(class) => {
            let class = Literal::u8_unsuffixed(class);
            quote!(crate::mock::Documented::Class(#class))
        }
        Status::Default => quote!(crate::mock::Documented::Default),
    }
}
