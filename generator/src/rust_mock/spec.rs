//! The static description the mock server checks requests against (`crate::mock::ActionSpec`
//! and `ApiSpec`): routes, parameters with their documented constraints, bodies, pagination.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::input_type;
use crate::ir::{Auth, PageStyle, ParamStyle, PathSegment, Schema, SchemaKind};
use crate::rust_client::emit::tokens::pattern_literal;
use crate::rust_client::pattern;
use crate::rust_client::plan::actions::{BodyForm, Encoding, Input, InputType, Place, QueryForm};
use crate::rust_client::plan::{ActionPlan, ApiPlan, ResourcePlan};

/// `crate::mock::ActionSpec { … }` of `action` of `resource`, whose pattern statics the mock
/// file defines too ([`pattern_statics`]).
pub fn action_spec(
    api: &ApiPlan<'_>,
    resource: &ResourcePlan<'_>,
    action: &ActionPlan<'_>,
) -> TokenStream {
    let resource_name = &resource.ir.name;
    let ir = action.ir;
    let name = &ir.name;
    let method = format_ident!("{}", ir.method.as_str());
    let path = ir.path.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(crate::mock::Segment::Literal(#text)),
        PathSegment::Param(name) => quote!(crate::mock::Segment::Param(#name)),
    });
    let auth = ir.auth == Auth::Bearer;
    let params = action
        .inputs
        .iter()
        .filter(|i| matches!(i.place, Place::Path | Place::Query(_) | Place::Header))
        .map(|i| param_spec(api, Some(resource), i));
    let body = body_spec(api, action);
    let pages = match &ir.pagination {
        Some(p) if action.pagination.is_some() => {
            let items = &p.items.0;
            let style = match &p.style {
                PageStyle::Number { param, first } => {
                    let first = Literal::u64_unsuffixed(*first);
                    quote!(crate::mock::PageStyle::Number { param: #param, first: #first })
                }
                PageStyle::Cursor { param, next } => {
                    let next = &next.0;
                    quote!(crate::mock::PageStyle::Cursor { param: #param, next: &[#(#next),*] })
                }
                PageStyle::NextLink { link } => {
                    let link = &link.0;
                    quote!(crate::mock::PageStyle::Link { link: &[#(#link),*] })
                }
            };
            quote!(Some(crate::mock::PageSpec { style: #style, items: &[#(#items),*] }))
        }
        _ => quote!(None),
    };
    quote! {
        crate::mock::ActionSpec {
            resource: #resource_name,
            action: #name,
            method: http::Method::#method,
            path: &[#(#path),*],
            auth: #auth,
            params: &[#(#params),*],
            body: #body,
            pages: #pages,
        }
    }
}

/// The pattern statics of a resource's mock file: the ones the client's resource module has,
/// under the same names (each is used by a parameter's spec).
pub fn pattern_statics(resource: &ResourcePlan<'_>) -> Vec<TokenStream> {
    resource
        .patterns
        .iter()
        .map(|(name, p)| {
            let pattern = pattern_literal(p, &quote!(crate::runtime));
            quote!(static #name: crate::runtime::Pattern = #pattern;)
        })
        .collect()
}

/// `crate::mock::ParamSpec { … }` of a path, query or header input; its pattern is the
/// resource's static of that pattern when it has one.
fn param_spec(
    api: &ApiPlan<'_>,
    resource: Option<&ResourcePlan<'_>>,
    input: &Input<'_>,
) -> TokenStream {
    let name = input.wire;
    let (at, style) = match &input.place {
        Place::Path => (quote!(Path), None),
        Place::Header => (quote!(Header), None),
        _ => (
            quote!(Query),
            match &input.place {
                Place::Query(style) => *style,
                _ => None,
            },
        ),
    };
    let required = input.required;
    let sensitive = input.sensitive;
    let shared = input
        .pattern
        .as_ref()
        .zip(resource)
        .and_then(|(pattern, resource)| ApiPlan::pattern_static(resource, pattern));
    let value = match (shared, input.schema) {
        (Some(name), Some(schema)) => scalar_spec(api.ir.resolve(schema), Some(quote!(&#name))),
        _ => value_spec(api, &input.ty, input.schema, style),
    };
    quote! {
        crate::mock::ParamSpec {
            name: #name,
            at: crate::mock::Location::#at,
            required: #required,
            sensitive: #sensitive,
            value: #value,
        }
    }
}

/// What a value of type `ty` (documented by `schema`, written in `style`) must be.
fn value_spec(
    api: &ApiPlan<'_>,
    ty: &InputType,
    schema: Option<&Schema>,
    style: Option<ParamStyle>,
) -> TokenStream {
    match (QueryForm::of(ty, style), ty) {
        (QueryForm::Deep, _) => quote!(crate::mock::ValueSpec::Deep),
        (QueryForm::Json, _) => json_spec(api, ty),
        (QueryForm::List { comma }, InputType::List(item)) => {
            let style = if comma { quote!(Comma) } else { quote!(Repeat) };
            let items = schema.and_then(|s| match &api.ir.resolve(s).kind {
                SchemaKind::Array(array) => Some(&*array.items),
                _ => None,
            });
            let item = value_spec(api, item, items, None);
            quote!(crate::mock::ValueSpec::List { style: crate::mock::ListStyle::#style, item: &#item })
        }
        (_, InputType::File | InputType::Bytes) => quote!(crate::mock::ValueSpec::Any),
        _ => match schema {
            Some(schema) => scalar_spec(api.ir.resolve(schema), None),
            None => quote!(crate::mock::ValueSpec::Any),
        },
    }
}

/// JSON text that decodes into the input's Rust type.
fn json_spec(api: &ApiPlan<'_>, ty: &InputType) -> TokenStream {
    let ty = input_type(api, ty);
    quote!(crate::mock::ValueSpec::Json(crate::mock::decodes_text::<#ty>))
}

/// The constraints of a scalar (or enum) schema; `pattern` names the static of its pattern
/// when the caller has one.
fn scalar_spec(schema: &Schema, pattern: Option<TokenStream>) -> TokenStream {
    match &schema.kind {
        SchemaKind::String(s) => {
            let integral = matches!(s.format.as_deref(), Some("int32" | "int64"));
            if integral && s.values.is_empty() && s.pattern.is_none() {
                return quote!(crate::mock::ValueSpec::Integer {
                    values: &[],
                    minimum: None,
                    maximum: None
                });
            }
            let pattern = match pattern {
                Some(shared) => Some(shared),
                None => s.pattern.as_deref().and_then(pattern::translate).map(|p| {
                    let value = pattern_literal(&p, &quote!(crate::runtime));
                    quote!(&#value)
                }),
            };
            let unconstrained =
                s.values.is_empty() && s.min_length.is_none() && s.max_length.is_none();
            let Some(pattern) = pattern else {
                if unconstrained {
                    return quote!(crate::mock::ValueSpec::Any);
                }
                let values = &s.values;
                let min_length = option_u64(s.min_length);
                let max_length = option_u64(s.max_length);
                return quote! {
                    crate::mock::ValueSpec::Text {
                        pattern: None,
                        values: &[#(#values),*],
                        min_length: #min_length,
                        max_length: #max_length,
                    }
                };
            };
            let pattern = quote!(Some(#pattern));
            let values = &s.values;
            let min_length = option_u64(s.min_length);
            let max_length = option_u64(s.max_length);
            quote! {
                crate::mock::ValueSpec::Text {
                    pattern: #pattern,
                    values: &[#(#values),*],
                    min_length: #min_length,
                    max_length: #max_length,
                }
            }
        }
        SchemaKind::Integer {
            constraints,
            values,
        } => {
            let minimum = option_f64(constraints.minimum);
            let maximum = option_f64(constraints.maximum);
            let values = values.iter().map(|v| Literal::i64_unsuffixed(*v));
            quote!(crate::mock::ValueSpec::Integer { values: &[#(#values),*], minimum: #minimum, maximum: #maximum })
        }
        // An enum of numbers is sent as the text of its values.
        SchemaKind::Number { values, .. } if !values.is_empty() => {
            let values: Vec<String> = values.iter().map(f64::to_string).collect();
            quote!(crate::mock::ValueSpec::Text { pattern: None, values: &[#(#values),*], min_length: None, max_length: None })
        }
        SchemaKind::Number { constraints, .. } => {
            let minimum = option_f64(constraints.minimum);
            let maximum = option_f64(constraints.maximum);
            quote!(crate::mock::ValueSpec::Number { minimum: #minimum, maximum: #maximum })
        }
        SchemaKind::Boolean { .. } => quote!(crate::mock::ValueSpec::Boolean),
        _ => quote!(crate::mock::ValueSpec::Any),
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn option_f64(value: Option<f64>) -> TokenStream {
    match value {
        Some(v) if v.is_finite() => {
            let v = Literal::f64_suffixed(v);
            quote!(Some(#v))
        }
        _ => quote!(None),
    }
}

/// What the request body must be.
fn body_spec(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> TokenStream {
    if let Some(input) = action
        .inputs
        .iter()
        .find(|i| matches!(i.place, Place::Body { .. }))
    {
        let Place::Body { media_type, kind } = &input.place else {
            return quote!(crate::mock::BodySpec::None);
        };
        let required = input.required;
        return match kind {
            BodyForm::Json => {
                let ty = input_type(api, &input.ty);
                quote! {
                    crate::mock::BodySpec::Json {
                        media_type: #media_type,
                        required: #required,
                        decode: crate::mock::decodes::<#ty>,
                    }
                }
            }
            BodyForm::Bytes => {
                quote!(crate::mock::BodySpec::Bytes { media_type: #media_type, required: #required })
            }
            BodyForm::Text => {
                quote!(crate::mock::BodySpec::Text { media_type: #media_type, required: #required })
            }
        };
    }
    let parts = part_specs(api, action, &Place::Part);
    if !parts.is_empty() {
        return quote!(crate::mock::BodySpec::Multipart(&[#(#parts),*]));
    }
    let fields = part_specs(api, action, &Place::FormField);
    if !fields.is_empty() {
        return quote!(crate::mock::BodySpec::Form(&[#(#fields),*]));
    }
    quote!(crate::mock::BodySpec::None)
}

fn part_specs(api: &ApiPlan<'_>, action: &ActionPlan<'_>, place: &Place) -> Vec<TokenStream> {
    action
        .inputs
        .iter()
        .filter(|i| i.place == *place)
        .map(|input| {
            let name = input.wire;
            let required = input.required;
            let file = input.ty == InputType::File;
            // Parts holding models or lists are JSON; the others are plain text.
            let value = match &input.ty {
                InputType::List(_) | InputType::Type(_, Encoding::Json) => json_spec(api, &input.ty),
                ty => value_spec(api, ty, input.schema, None),
            };
            quote! {
                crate::mock::PartSpec { name: #name, required: #required, file: #file, value: #value }
            }
        })
        .collect()
}

/// `crate::mock::ApiSpec { … }` of the API.
pub fn api_spec(api: &ApiPlan<'_>) -> TokenStream {
    let name = &api.ir.name;
    let params = api.params.iter().map(|input| param_spec(api, None, input));
    quote!(crate::mock::ApiSpec { name: #name, params: &[#(#params),*] })
}
