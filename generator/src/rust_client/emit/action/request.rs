//! The statements of `send_with_response` that put each input on the wire.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Content, ParamStyle, PathSegment};
use crate::rust_client::plan::actions::{BodyForm, Encoding, Input, InputType, Place, QueryForm};
use crate::rust_client::plan::types::EnumRepr;
use crate::rust_client::plan::{ActionPlan, ApiPlan, RType, ResourcePlan, TypeKind};

/// Every statement that adds the action's path, parameters and body to `call`.
pub fn statements(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for segment in &action.ir.path {
        match segment {
            PathSegment::Literal(literal) => out.push(quote!(call.path(#literal);)),
            PathSegment::Param(name) => {
                let Some(input) = action.inputs.iter().find(|i| i.wire == name) else {
                    continue;
                };
                let wire = input.wire;
                let ident = &input.ident;
                let value = match &input.ty {
                    InputType::Str => quote!(&self.#ident),
                    _ => quote!(&self.#ident.to_string()),
                };
                let pattern = pattern_ref(resource, input);
                let pattern = match pattern {
                    Some(p) => quote!(Some(&#p)),
                    None => quote!(None),
                };
                out.push(quote!(call.path_param(#wire, #value, #pattern);));
            }
        }
    }
    for input in &action.inputs {
        match &input.place {
            Place::Query(style) => out.push(query(api, resource, input, *style)),
            Place::Header => out.push(header(api, resource, input)),
            Place::Path | Place::Body { .. } | Place::Part | Place::FormField => {}
        }
    }
    for input in &api.params {
        out.push(api_param(api, input));
    }
    out.extend(accept(api, action));
    out.extend(body(api, action));
    out
}

/// `call.accept(..)` when a success body has a media type the API's `Accept` does not list (a
/// download, text, JSON of its own type): the action's success media types, then the error
/// ones. Event streams set their own.
fn accept(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> Option<TokenStream> {
    let success: Vec<&str> = action
        .ir
        .responses
        .iter()
        .filter_map(|r| media_type(&r.content))
        .collect();
    let listed = &api.ir.media_types.success;
    if success.iter().all(|m| listed.iter().any(|l| l == m)) {
        return None;
    }
    let mut types: Vec<&str> = Vec::new();
    let errors = action
        .ir
        .errors
        .iter()
        .filter_map(|r| media_type(&r.content));
    let api_errors = api.ir.media_types.error.iter().map(String::as_str);
    for media in success.into_iter().chain(errors).chain(api_errors) {
        if !types.contains(&media) {
            types.push(media);
        }
    }
    let accept = types.join(", ");
    Some(quote!(call.accept(#accept);))
}

/// The media type a response's body is sent as; `*/*` or `text/*` when the docs give none.
fn media_type(content: &Content) -> Option<&str> {
    match content {
        Content::Json { media_type, .. } => Some(media_type),
        Content::Binary { media_type } => Some(media_type.as_deref().unwrap_or("*/*")),
        Content::Text { media_type } => Some(media_type.as_deref().unwrap_or("text/*")),
        Content::None | Content::Events(_) => None,
    }
}

/// The pattern static an input is checked against, as a path from the action's file.
fn pattern_ref(resource: &ResourcePlan<'_>, input: &Input<'_>) -> Option<TokenStream> {
    let pattern = input.pattern.as_ref()?;
    let name = ApiPlan::pattern_static(resource, pattern)?;
    Some(quote!(super::#name))
}

/// An `Option<&str>` expression of a scalar or enum input's text.
fn text(api: &ApiPlan<'_>, input: &Input<'_>) -> TokenStream {
    let ident = &input.ident;
    let string_enum = match &input.ty {
        InputType::Type(RType::Named(id), Encoding::Value) => api
            .ty(*id)
            .is_some_and(|d| matches!(&d.kind, TypeKind::Enum(e) if e.repr == EnumRepr::String)),
        _ => false,
    };
    if string_enum {
        return if input.required {
            quote!(Some(self.#ident.as_str()))
        } else {
            quote!(self.#ident.as_ref().map(|value| value.as_str()))
        };
    }
    match (&input.ty, input.required) {
        (InputType::Str, true) => quote!(Some(self.#ident.as_str())),
        (InputType::Str, false) => quote!(self.#ident.as_deref()),
        (InputType::Bool, true) => quote!(Some(if self.#ident { "true" } else { "false" })),
        (InputType::Bool, false) => {
            quote!(self.#ident.map(|value| if value { "true" } else { "false" }))
        }
        (_, true) => quote!(Some(self.#ident.to_string().as_str())),
        (_, false) => quote!(self.#ident.as_ref().map(ToString::to_string).as_deref()),
    }
}

fn query(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    input: &Input<'_>,
    style: Option<ParamStyle>,
) -> TokenStream {
    let wire = input.wire;
    let ident = &input.ident;
    let value = if input.required {
        quote!(Some(&self.#ident))
    } else {
        quote!(self.#ident.as_ref())
    };
    match (QueryForm::of(&input.ty, style), &input.ty) {
        (QueryForm::Deep, _) => quote!(call.query_deep(#wire, #value);),
        (QueryForm::Json, _) => quote!(call.query_json(#wire, #value);),
        (QueryForm::List { comma }, InputType::List(item)) => {
            let style = if comma {
                quote!(runtime::ListStyle::Comma)
            } else {
                quote!(runtime::ListStyle::Repeat)
            };
            let values = list_texts(input, item);
            quote! {
                {
                    let values: Vec<String> = #values;
                    call.query_list(#wire, values.iter().map(String::as_str), #style);
                }
            }
        }
        _ => {
            let check = check(resource, input);
            let text = text(api, input);
            quote!(#check call.query(#wire, #text);)
        }
    }
}

/// The texts of a list input's items, as a `Vec<String>` expression.
fn list_texts(input: &Input<'_>, item: &InputType) -> TokenStream {
    let ident = &input.ident;
    let iter = if input.required {
        quote!(self.#ident.iter())
    } else {
        quote!(self.#ident.iter().flatten())
    };
    match item {
        InputType::Str => quote!(#iter.cloned().collect()),
        InputType::Bool => {
            quote!(#iter.map(|v| if *v { "true" } else { "false" }.to_owned()).collect())
        }
        _ => quote!(#iter.map(ToString::to_string).collect()),
    }
}

/// The local check of a string input's pattern, when the client can check it.
fn check(resource: &ResourcePlan<'_>, input: &Input<'_>) -> TokenStream {
    let Some(pattern) = pattern_ref(resource, input) else {
        return quote!();
    };
    let wire = input.wire;
    let ident = &input.ident;
    if input.required {
        quote!(call.check(#wire, &self.#ident, &#pattern);)
    } else {
        quote!(if let Some(value) = &self.#ident { call.check(#wire, value, &#pattern); })
    }
}

fn header(api: &ApiPlan<'_>, resource: &ResourcePlan<'_>, input: &Input<'_>) -> TokenStream {
    let wire = input.wire;
    let check = check(resource, input);
    let text = text(api, input);
    quote!(#check call.header(#wire, #text);)
}

fn api_param(api: &ApiPlan<'_>, input: &Input<'_>) -> TokenStream {
    let wire = input.wire;
    let text = text(api, input);
    quote!(call.api_param(#wire, #text);)
}

/// The body: JSON, bytes, text, a multipart form or a URL-encoded form. Inputs are moved out
/// of `self` (the builder is consumed), so bytes and files are not copied.
fn body(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let parts: Vec<&Input<'_>> = action
        .inputs
        .iter()
        .filter(|i| i.place == Place::Part)
        .collect();
    let fields: Vec<&Input<'_>> = action
        .inputs
        .iter()
        .filter(|i| i.place == Place::FormField)
        .collect();
    for input in &action.inputs {
        let Place::Body { media_type, kind } = &input.place else {
            continue;
        };
        let ident = &input.ident;
        let put = match kind {
            BodyForm::Json if *media_type != api.ir.media_types.request => {
                quote!(call.json_body_as(&body, #media_type);)
            }
            BodyForm::Json => quote!(call.json_body(&body);),
            BodyForm::Bytes => quote!(call.bytes_body(body, #media_type);),
            BodyForm::Text => quote!(call.text_body(body, #media_type);),
        };
        // `request` consumes the builder, so the body moves into the call without a copy.
        out.push(if input.required {
            quote!({ let body = self.#ident; #put })
        } else {
            quote!(if let Some(body) = self.#ident { #put })
        });
    }
    if !parts.is_empty() {
        let adds = parts.iter().map(|input| part(input));
        out.push(quote! {
            let mut form = runtime::Multipart::new();
            #(#adds)*
            call.multipart(form);
        });
    }
    if !fields.is_empty() {
        let adds = fields.iter().map(|input| {
            let wire = input.wire;
            let ident = &input.ident;
            // The plan allows only scalars and enums in forms.
            let value = match &input.ty {
                InputType::Str => quote!(value),
                _ => quote!(value.to_string()),
            };
            if input.required {
                quote!({ let value = self.#ident; fields.push((#wire, #value)); })
            } else {
                quote!(if let Some(value) = self.#ident { fields.push((#wire, #value)); })
            }
        });
        out.push(quote! {
            let mut fields: Vec<(&'static str, String)> = Vec::new();
            #(#adds)*
            call.form(fields);
        });
    }
    out
}

fn part(input: &Input<'_>) -> TokenStream {
    let wire = input.wire;
    let ident = &input.ident;
    let add = match &input.ty {
        InputType::File => quote!(form.file(#wire, value);),
        InputType::Str => quote!(form.text(#wire, value);),
        InputType::Type(_, Encoding::Json) | InputType::List(_) => {
            quote!(form.json(#wire, &value);)
        }
        _ => quote!(form.text(#wire, value.to_string());),
    };
    if input.required {
        quote!({ let value = self.#ident; #add })
    } else {
        quote!(if let Some(value) = self.#ident { #add })
    }
}
