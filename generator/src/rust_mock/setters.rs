//! The typed setters of an action's expectation builder: one per path, query and header
//! parameter, body, value part and form field, taking the type the client's builder takes and
//! encoding it as the client does, so that the same value matches.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::input_type;
use crate::ir::ParamStyle;
use crate::rust_client::emit::docs::prose;
use crate::rust_client::names::{Namespace, RustIdent};
use crate::rust_client::plan::actions::{BodyForm, Encoding, Input, InputType, Place, QueryForm};
use crate::rust_client::plan::{ActionPlan, ApiPlan};

/// The methods of `crate::mock::Expect` (and its traits' impls): a typed setter with one of
/// these names would collide, so it gets a `_param` suffix.
pub const MOCK_MEMBERS: &[&str] = &[
    "new",
    "matching",
    "match_query",
    "match_header",
    "match_body_json",
    "match_part",
    "match_file_name",
    "match_part_bytes",
    "times",
    "at_least",
    "at_most",
    "never",
    "delay",
    "with_status",
    "fails",
    "respond",
    "disconnects",
    "returns",
    "returns_pages",
    "event_interval",
    "streams",
    "streams_and_drops",
    "register",
    "register_reply",
    "stream_reply",
    "matcher_problems",
];

/// The typed setters of `action`, for `impl crate::mock::Expect<Marker>`.
pub fn setters(api: &ApiPlan<'_>, action: &ActionPlan<'_>) -> Vec<TokenStream> {
    let mut names = Namespace::with_reserved(MOCK_MEMBERS);
    // The client's names come first, so a renamed setter never takes another input's name.
    for input in &action.inputs {
        if !MOCK_MEMBERS.contains(&input.ident.bare()) {
            names.claim_exact(&input.ident);
        }
    }
    action
        .inputs
        .iter()
        .filter_map(|input| {
            let ident = if MOCK_MEMBERS.contains(&input.ident.bare()) {
                names.claim(input.ident.suffixed("_param"))
            } else {
                input.ident.clone()
            };
            setter(api, input, &ident)
        })
        .collect()
}

/// The setter of one input, or `None` for a file part (matched with `match_file_name` and
/// `match_part_bytes`).
fn setter(api: &ApiPlan<'_>, input: &Input<'_>, ident: &RustIdent) -> Option<TokenStream> {
    let wire = input.wire;
    let (what, matcher) = match &input.place {
        Place::Path => (
            format!("path parameter `{wire}`"),
            quote!(crate::mock::Matcher::path(#wire, value)),
        ),
        Place::Query(style) => (format!("query parameter `{wire}`"), query(input, *style)),
        Place::Header => (
            format!("header `{wire}`"),
            quote!(crate::mock::Matcher::header(#wire, value)),
        ),
        Place::Body { kind, .. } => (
            "body".to_owned(),
            match kind {
                BodyForm::Json => quote!(crate::mock::Matcher::body_json(&value)),
                BodyForm::Bytes | BodyForm::Text => quote!(crate::mock::Matcher::body_bytes(value)),
            },
        ),
        Place::Part => match &input.ty {
            InputType::File => return None,
            InputType::List(_) | InputType::Type(_, Encoding::Json) => (
                format!("part `{wire}`"),
                quote!(crate::mock::Matcher::part_json(#wire, &value)),
            ),
            _ => (
                format!("part `{wire}`"),
                quote!(crate::mock::Matcher::part(#wire, value)),
            ),
        },
        Place::FormField => (
            format!("form field `{wire}`"),
            quote!(crate::mock::Matcher::form(#wire, value)),
        ),
    };
    let (arg, convert) = argument(api, input);
    let sensitive = input.sensitive.then(|| quote!(.sensitive()));
    let mut doc = format!(" Matches requests whose {what} is `value`");
    doc.push_str(match &input.place {
        Place::Body {
            kind: BodyForm::Json,
            ..
        } => " (compared as JSON).",
        _ => ".",
    });
    let described = input
        .description
        .map(|d| format!(" {}", prose(d)).replace('\n', " "));
    let described = described.map(|d| quote!(#[doc = ""] #[doc = #d]));
    Some(quote! {
        #[doc = #doc]
        #described
        pub fn #ident(self, value: #arg) -> Self {
            #convert
            self.matching(#matcher #sensitive)
        }
    })
}

/// The matcher of a query parameter, written in its style.
fn query(input: &Input<'_>, style: Option<ParamStyle>) -> TokenStream {
    let wire = input.wire;
    match QueryForm::of(&input.ty, style) {
        QueryForm::Deep => quote!(crate::mock::Matcher::query_deep(#wire, &value)),
        QueryForm::Json => quote!(crate::mock::Matcher::query_json(#wire, &value)),
        QueryForm::List { comma } => {
            let style = if comma { quote!(Comma) } else { quote!(Repeat) };
            quote!(crate::mock::Matcher::query_list(#wire, value, crate::mock::ListStyle::#style))
        }
        QueryForm::Text => quote!(crate::mock::Matcher::query(#wire, value)),
    }
}

/// The setter's argument type, and the statement that turns `value` into what the matcher
/// takes: text for scalars and enums (their wire value), a list of texts for lists sent as
/// text, the value itself for what is sent as JSON.
fn argument(api: &ApiPlan<'_>, input: &Input<'_>) -> (TokenStream, TokenStream) {
    let as_json = matches!(
        (&input.ty, &input.place),
        (InputType::Type(_, Encoding::Json), _)
            | (InputType::List(_), Place::Part | Place::Body { .. })
            | (
                InputType::List(_),
                Place::Query(Some(ParamStyle::Json | ParamStyle::DeepObject))
            )
    );
    match &input.ty {
        InputType::Str => (
            quote!(impl Into<String>),
            quote!(let value: String = value.into();),
        ),
        InputType::Bytes => (
            quote!(impl Into<bytes::Bytes>),
            quote!(let value: bytes::Bytes = value.into();),
        ),
        InputType::List(item) if as_json => {
            let item = input_type(api, item);
            (
                quote!(impl IntoIterator<Item = #item>),
                quote!(let value: Vec<#item> = value.into_iter().collect();),
            )
        }
        InputType::List(item) => {
            let (arg, text) = match &**item {
                InputType::Str => (quote!(impl Into<String>), quote!(item.into())),
                other => (input_type(api, other), quote!(item.to_string())),
            };
            (
                quote!(impl IntoIterator<Item = #arg>),
                quote!(let value: Vec<String> = value.into_iter().map(|item| #text).collect();),
            )
        }
        ty if as_json => (input_type(api, ty), quote!()),
        ty => (input_type(api, ty), quote!(let value = value.to_string();)),
    }
}
