//! An action's file: its builder (parameters, `send`, pagination), its error enum and the
//! enums of its parameters.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{code, doc_attrs, prose};
use super::patterns::PatternNames;
use super::types::{ident, rust_type};
use crate::ir::{
    ActionIr, ApiIr, EnumIr, Location, Method, ParamIr, ParamType, PathPart, PatternIr, ResourceIr,
    TypeIr,
};

/// The tokens of one action's file (`org/device_counts.rs`).
pub fn action_file(
    api: &ApiIr,
    resource: &ResourceIr,
    action: &ActionIr,
    patterns: &PatternNames,
) -> TokenStream {
    let builder = ident(&action.type_name);
    let error = ident(&action.error_type);
    let info = format_ident!("INFO");
    let success_ty = action
        .successes
        .first()
        .map_or(quote!(serde_json::Value), |r| {
            rust_type(&r.ty, &quote!(models))
        });
    let resource_name = &resource.name;
    let action_name = &action.name;
    let method = match action.method {
        Method::Get => quote!(GET),
        Method::Post => quote!(POST),
        Method::Put => quote!(PUT),
        Method::Patch => quote!(PATCH),
        Method::Delete => quote!(DELETE),
        Method::Head => quote!(HEAD),
    };
    let scopes = &action.scopes;
    let fields = action.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = param_type(&p.ty);
        if p.required {
            quote!(#name: #ty)
        } else {
            quote!(#name: Option<#ty>)
        }
    });
    let api_fields = api.params.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = param_type(&p.ty);
        quote!(#name: Option<#ty>)
    });
    let setters = action
        .params
        .iter()
        .filter(|p| !p.required)
        .chain(&api.params)
        .map(setter);
    let statements = request_statements(api, action, patterns);
    let pagination = pagination(action, &error);
    let error_enum = error_enum(action);
    let enums = action.params.iter().filter_map(|p| match &p.ty {
        ParamType::Enum(e) => Some(param_enum(e, p)),
        _ => None,
    });
    let docs = doc_attrs(&builder_docs(api, resource, action));
    let api_module = ident(&api.module);
    let required: Vec<&ParamIr> = action.params.iter().filter(|p| p.required).collect();
    let new_args = required.iter().map(|p| {
        let name = ident(&p.rust_name);
        let ty = param_type(&p.ty);
        quote!(#name: #ty)
    });
    let new_required = required.iter().map(|p| ident(&p.rust_name));
    let new_optional = action
        .params
        .iter()
        .filter(|p| !p.required)
        .chain(&api.params)
        .map(|p| ident(&p.rust_name));
    let uses_stream = action.pagination.is_some();
    let stream = if uses_stream {
        quote!(
            use futures::Stream;
        )
    } else {
        quote!()
    };
    let uses_models = action
        .params
        .iter()
        .any(|p| matches!(p.ty, ParamType::Model(_)))
        || action
            .successes
            .iter()
            .any(|r| matches!(r.ty, TypeIr::Named(_)))
        || action
            .errors
            .iter()
            .any(|e| matches!(e.ty, TypeIr::Named(_)));
    let models_import = if uses_models {
        quote!(use crate::#api_module::models;)
    } else {
        quote!()
    };
    let runtime_module = if uses_stream { quote!(self,) } else { quote!() };
    let module_doc = format!(" The `{}` action: [`{}`].", action.name, action.type_name);
    let send_doc = format!(
        " Sends the request and decodes the documented success body ([`{}`]).",
        quote!(#success_ty).to_string().replace(' ', "")
    );
    quote! {
        #![doc = #module_doc]

        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;

        #stream
        #models_import
        use crate::runtime::{#runtime_module ActionInfo, Core, Error, ErrorBody, Response, StatusCode};

        static #info: ActionInfo = ActionInfo {
            resource: #resource_name,
            action: #action_name,
            method: http::Method::#method,
            scopes: #builder::SCOPES,
        };


        #docs
        #[derive(Debug, Clone)]
        #[must_use = "the request is sent only when `.send()` is awaited"]
        pub struct #builder {
            core: Arc<Core>,
            #(#fields,)*
            #(#api_fields,)*
            timeout: Option<Duration>,
        }

        impl #builder {
            /// The scopes that allow this action, in the order the docs list them; a token
            /// needs any one of them.
            pub const SCOPES: &'static [&'static str] = &[#(#scopes),*];

            pub(super) fn new(core: Arc<Core>, #(#new_args),*) -> Self {
                Self {
                    core,
                    #(#new_required,)*
                    #(#new_optional: None,)*
                    timeout: None,
                }
            }

            #(#setters)*

            /// Overrides the client's timeout for each attempt of this call.
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            #[doc = #send_doc]
            pub async fn send(self) -> Result<#success_ty, Error<#error>> {
                Ok(self.send_with_response().await?.into_body())
            }

            /// Sends the request; the response also carries the status and headers.
            pub async fn send_with_response(self) -> Result<Response<#success_ty>, Error<#error>> {
                let mut call = self.core.call(&#info);
                #(#statements)*
                call.timeout(self.timeout);
                call.send().await
            }

            #pagination
        }

        #error_enum
        #(#enums)*
    }
}

pub(super) fn param_type(ty: &ParamType) -> TokenStream {
    match ty {
        ParamType::String => quote!(String),
        ParamType::Integer => quote!(i64),
        ParamType::Number => quote!(f64),
        ParamType::Boolean => quote!(bool),
        ParamType::Enum(e) => {
            let name = ident(&e.name);
            quote!(#name)
        }
        ParamType::Model(m) => {
            let name = ident(m);
            quote!(models::#name)
        }
    }
}

fn builder_docs(api: &ApiIr, resource: &ResourceIr, action: &ActionIr) -> Vec<String> {
    let mut docs = vec![prose(&action.summary)];
    if let Some(d) = &action.description {
        docs.push(prose(d));
    }
    let method = format!("{:?}", action.method).to_uppercase();
    let path: String = action
        .path
        .iter()
        .map(|p| match p {
            PathPart::Literal(l) => l.clone(),
            PathPart::Param(i) => action
                .params
                .get(*i)
                .map_or_else(String::new, |p| format!("{{{}}}", p.wire_name)),
        })
        .collect();
    docs.push(format!(
        "`{method} {path}` ({} {}.{})",
        api.title, resource.name, action.name
    ));
    let scopes: Vec<String> = action.scopes.iter().map(|s| code(s)).collect();
    docs.push(format!(
        "# Scopes\n\nThe token needs any one of: {} (see [`Self::SCOPES`]).",
        scopes.join(", ")
    ));
    let mut params = vec!["# Parameters".to_owned(), String::new()];
    for p in action.params.iter().chain(&api.params) {
        params.push(param_line(p, action));
    }
    docs.push(params.join("\n"));
    let mut responses = vec!["# Responses".to_owned(), String::new()];
    for r in &action.successes {
        responses.push(format!(
            "- `{}`: {} ({})",
            r.status,
            type_link(&r.ty),
            prose(&r.description)
        ));
    }
    for e in &action.errors {
        responses.push(format!(
            "- `{}`: [`Error::Api`] with [`{}::{}`]: {} ({})",
            e.status,
            action.error_type,
            e.variant,
            type_link(&e.ty),
            prose(&e.description)
        ));
    }
    docs.push(responses.join("\n"));
    docs
}

fn type_link(ty: &TypeIr) -> String {
    match ty {
        TypeIr::Named(n) => format!("[`models::{n}`]"),
        other => format!("`{other:?}`"),
    }
}

fn param_line(p: &ParamIr, action: &ActionIr) -> String {
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "JSON body",
    };
    let is_api_wide = !action.params.iter().any(|a| a.wire_name == p.wire_name);
    let how = if p.required {
        format!(
            "`{}` (argument)",
            crate::validate::names::bare(&p.rust_name)
        )
    } else {
        format!(
            "[`{0}`](Self::{0})",
            crate::validate::names::bare(&p.rust_name)
        )
    };
    let mut line = format!("- {how}, {location} `{}`", p.wire_name);
    if is_api_wide {
        line.push_str(", also settable on the client builder");
    }
    if let Some(d) = &p.description {
        line.push_str(": ");
        line.push_str(&prose(d));
    }
    let mut facts = Vec::new();
    if let Some(pattern) = &p.pattern {
        let checked = if matches!(pattern, PatternIr::Checked { .. }) {
            ", checked before sending"
        } else {
            ""
        };
        facts.push(format!("pattern {}{checked}", code(pattern.source())));
    }
    if let Some(d) = &p.default {
        facts.push(format!("server default {}", code(d)));
    }
    if let Some(e) = &p.example {
        facts.push(format!("example {}", code(e)));
    }
    if !facts.is_empty() {
        line.push_str(&format!(" ({})", facts.join("; ")));
    }
    line
}

fn setter(p: &ParamIr) -> TokenStream {
    let name = ident(&p.rust_name);
    let mut docs = vec![format!(
        "Sets `{}` ({}).",
        p.wire_name,
        match p.location {
            Location::Query => "query",
            Location::Header => "header",
            Location::Path => "path",
            Location::Body => "body",
        }
    )];
    if let Some(d) = &p.description {
        docs.push(prose(d));
    }
    let docs = doc_attrs(&docs);
    match &p.ty {
        ParamType::String => quote! {
            #docs
            pub fn #name(mut self, value: impl Into<String>) -> Self {
                self.#name = Some(value.into());
                self
            }
        },
        ty => {
            let ty = param_type(ty);
            quote! {
                #docs
                pub fn #name(mut self, value: #ty) -> Self {
                    self.#name = Some(value);
                    self
                }
            }
        }
    }
}

/// The statements that add each parameter to `call`.
fn request_statements(api: &ApiIr, action: &ActionIr, patterns: &PatternNames) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for part in &action.path {
        match part {
            PathPart::Literal(l) => out.push(quote!(call.path(#l);)),
            PathPart::Param(i) => {
                let Some(p) = action.params.get(*i) else {
                    continue;
                };
                let name = ident(&p.rust_name);
                let wire = &p.wire_name;
                let value = match &p.ty {
                    ParamType::String => quote!(&self.#name),
                    ParamType::Enum(_) => quote!(self.#name.as_str()),
                    _ => quote!(&self.#name.to_string()),
                };
                let pattern = match &p.pattern {
                    Some(PatternIr::Checked { .. }) => {
                        let pattern = patterns.ident(p);
                        quote!(Some(&super::#pattern))
                    }
                    _ => quote!(None),
                };
                out.push(quote!(call.path_param(#wire, #value, #pattern);));
            }
        }
    }
    for p in action
        .params
        .iter()
        .filter(|p| matches!(p.location, Location::Query | Location::Header))
    {
        let wire = &p.wire_name;
        let value = value_expr(p);
        if let (Some(PatternIr::Checked { .. }), ParamType::String) = (&p.pattern, &p.ty) {
            let pattern = patterns.ident(p);
            let name = ident(&p.rust_name);
            out.push(if p.required {
                quote!(call.check(#wire, &self.#name, &super::#pattern);)
            } else {
                quote!(if let Some(value) = &self.#name { call.check(#wire, value, &super::#pattern); })
            });
        }
        match p.location {
            Location::Query => out.push(quote!(call.query(#wire, #value);)),
            _ => out.push(quote!(call.header(#wire, #value);)),
        }
    }
    for p in &api.params {
        let wire = &p.wire_name;
        let value = value_expr(p);
        out.push(quote!(call.api_param(#wire, #value);));
    }
    for p in action
        .params
        .iter()
        .filter(|p| p.location == Location::Body)
    {
        let name = ident(&p.rust_name);
        if p.required {
            out.push(quote!(call.json_body(&self.#name);));
        } else {
            out.push(quote!(if let Some(body) = &self.#name { call.json_body(body); }));
        }
    }
    out
}

/// An `Option<&str>` expression for a query or header parameter's value.
fn value_expr(p: &ParamIr) -> TokenStream {
    let name = ident(&p.rust_name);
    match (&p.ty, p.required) {
        (ParamType::String, true) => quote!(Some(self.#name.as_str())),
        (ParamType::String, false) => quote!(self.#name.as_deref()),
        (ParamType::Boolean, true) => quote!(Some(if self.#name { "true" } else { "false" })),
        (ParamType::Boolean, false) => quote!(self.#name.map(|v| if v { "true" } else { "false" })),
        (ParamType::Enum(_), true) => quote!(Some(self.#name.as_str())),
        (ParamType::Enum(_), false) => quote!(self.#name.map(|v| v.as_str())),
        (_, true) => quote!(Some(self.#name.to_string().as_str())),
        (_, false) => quote!(self.#name.map(|v| v.to_string()).as_deref()),
    }
}

fn pagination(action: &ActionIr, error: &proc_macro2::Ident) -> TokenStream {
    let Some(pg) = &action.pagination else {
        return quote!();
    };
    let (Some(page), Some(per_page)) = (
        action.params.get(pg.page_param),
        action.params.get(pg.per_page_param),
    ) else {
        return quote!();
    };
    let item_ty = rust_type(&pg.item_ty, &quote!(models));
    let page_field = ident(&page.rust_name);
    let read_u64 = |p: &ParamIr| {
        let f = ident(&p.rust_name);
        match p.ty {
            ParamType::Integer => quote!(self.#f.and_then(|v| u64::try_from(v).ok())),
            _ => quote!(self.#f.as_deref().and_then(|v| v.parse::<u64>().ok())),
        }
    };
    let first_page = read_u64(page);
    let per_page_value = read_u64(per_page);
    let default_per_page = per_page
        .default
        .as_deref()
        .and_then(|d| d.parse::<u64>().ok());
    let per_page_expr = match default_per_page.map(proc_macro2::Literal::u64_unsuffixed) {
        Some(d) => quote!(Some(#per_page_value.unwrap_or(#d))),
        None => quote!(#per_page_value),
    };
    let set_page = match page.ty {
        ParamType::Integer => quote!(request.#page_field = i64::try_from(page).ok();),
        _ => quote!(request.#page_field = Some(page.to_string());),
    };
    let items_field = ident(&pg.items_field);
    let items = if pg.items_optional {
        quote!(body.#items_field.unwrap_or_default())
    } else {
        quote!(body.#items_field)
    };
    let total = match &pg.total_field {
        Some((field, optional)) => {
            let field = ident(field);
            if *optional {
                quote!(body.#field.and_then(|total| u64::try_from(total).ok()))
            } else {
                quote!(u64::try_from(body.#field).ok())
            }
        }
        None => quote!(None),
    };
    let doc = format!(
        " Every item across all pages, as a stream: requests page after page (from the page set with [`Self::{}`], else 0) and stops after the last one, or after the first error.",
        crate::validate::names::bare(&page.rust_name)
    );
    quote! {
        #[doc = #doc]
        pub fn items(self) -> impl Stream<Item = Result<#item_ty, Error<#error>>> {
            let first_page = #first_page.unwrap_or(0);
            let page_size = #per_page_expr;
            runtime::paginate(first_page, move |page| {
                let mut request = self.clone();
                #set_page
                async move {
                    let body = request.send().await?;
                    Ok(runtime::Page { total: #total, items: #items, page_size })
                }
            })
        }
    }
}

fn error_enum(action: &ActionIr) -> TokenStream {
    let name = ident(&action.error_type);
    let doc = format!(
        " The documented error responses of [`{}`], decoded per status.",
        action.type_name
    );
    let variants = action.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let ty = rust_type(&e.ty, &quote!(models));
        let doc = format!(" `{}`: {}", e.status, prose(&e.description));
        quote!(#[doc = #doc] #v(#ty))
    });
    let arms = action.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let status = proc_macro2::Literal::u16_unsuffixed(e.status);
        quote!(#status => Some(serde_json::from_slice(body).map(Self::#v)))
    });
    let display_arms = action.errors.iter().map(|e| {
        let v = ident(&e.variant);
        let text = e.description.replace('{', "{{").replace('}', "}}");
        let fmt = format!("{text}: {{body:?}}");
        quote!(Self::#v(body) => write!(f, #fmt))
    });
    let display_body = if action.errors.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#display_arms,)* })
    };
    let formatter = if action.errors.is_empty() {
        quote!(_)
    } else {
        quote!(f)
    };
    let status_param = if action.errors.is_empty() {
        quote!(_status)
    } else {
        quote!(status)
    };
    let body_param = if action.errors.is_empty() {
        quote!(_body)
    } else {
        quote!(body)
    };
    let decode_body = if action.errors.is_empty() {
        quote!(None)
    } else {
        quote!(match status.as_u16() { #(#arms,)* _ => None })
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants,)* }

        impl ErrorBody for #name {
            fn decode(#status_param: StatusCode, #body_param: &[u8]) -> Option<Result<Self, serde_json::Error>> {
                #decode_body
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, #formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                #display_body
            }
        }
    }
}

/// A closed enum of a parameter's accepted values.
fn param_enum(e: &EnumIr, p: &ParamIr) -> TokenStream {
    let name = ident(&e.name);
    let doc = format!(" Accepted values of `{}`.", p.wire_name);
    let variants: Vec<_> = e.variants.iter().map(|(v, _)| ident(v)).collect();
    let docs: Vec<String> = e
        .variants
        .iter()
        .map(|(_, v)| format!(" {}", code(v)))
        .collect();
    let values = e.variants.iter().map(|(_, v)| v);
    let empty = e.variants.is_empty();
    let as_str_body = if empty {
        quote!(match self {})
    } else {
        quote!(match self { #( Self::#variants => #values, )* })
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name { #( #[doc = #docs] #variants, )* }

        impl #name {
            /// The value sent on the wire.
            pub fn as_str(self) -> &'static str {
                #as_str_body
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
