//! Models: one file per spec model, holding it and the inline types derived from it.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, prose};
use super::types::{ident, named_in, rust_type};
use crate::ir::{EnumIr, FieldIr, ModelFileIr, ModelIr, ModelKind, TypeIr};

/// The tokens of one models file.
pub fn model_file(file: &ModelFileIr) -> TokenStream {
    let defined: Vec<&str> = file.models.iter().map(|m| m.name.as_str()).collect();
    let mut used = Vec::new();
    for model in &file.models {
        match &model.kind {
            ModelKind::Struct(fields) => fields.iter().for_each(|f| named_in(&f.ty, &mut used)),
            ModelKind::OneOf(variants) => variants.iter().for_each(|(_, t)| named_in(t, &mut used)),
            ModelKind::Alias(t) => named_in(t, &mut used),
            ModelKind::Enum(_) => {}
        }
    }
    used.retain(|n| !defined.contains(&n.as_str()));
    used.sort();
    let imports = used.iter().map(|n| ident(n));
    let imports = if used.is_empty() {
        quote!()
    } else {
        quote!(use super::{#(#imports),*};)
    };
    let needs_serde = file
        .models
        .iter()
        .any(|m| !matches!(m.kind, ModelKind::Alias(_)));
    let serde = if needs_serde {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    } else {
        quote!()
    };
    let needs_fmt = file
        .models
        .iter()
        .any(|m| matches!(m.kind, ModelKind::Enum(_)));
    let fmt = if needs_fmt {
        quote!(
            use std::fmt;
        )
    } else {
        quote!()
    };
    let models = file.models.iter().map(model);
    quote! {
        #fmt
        #serde
        #imports
        #(#models)*
    }
}

fn model_docs(model: &ModelIr) -> TokenStream {
    let mut paragraphs = Vec::new();
    if let Some(title) = &model.title {
        paragraphs.push(prose(title));
    }
    if let Some(d) = &model.description {
        paragraphs.push(prose(d));
    }
    if paragraphs.is_empty() {
        paragraphs.push(format!("The `{}` model.", model.name));
    }
    doc_attrs(&paragraphs)
}

fn model(model: &ModelIr) -> TokenStream {
    let docs = model_docs(model);
    let name = ident(&model.name);
    match &model.kind {
        ModelKind::Struct(fields) => structure(&docs, &model.name, fields),
        ModelKind::Enum(e) => value_enum(&docs, e),
        ModelKind::OneOf(variants) => {
            let variants = variants.iter().map(|(v, ty)| {
                let v = ident(v);
                let ty = rust_type(ty, &quote!());
                let doc = format!(
                    " The value as `{}`.",
                    quote!(#ty).to_string().replace(' ', "")
                );
                quote!(#[doc = #doc] #v(#ty))
            });
            quote! {
                #docs
                ///
                /// The first alternative that matches the JSON wins.
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[serde(untagged)]
                pub enum #name { #(#variants,)* }
            }
        }
        ModelKind::Alias(ty) => {
            let ty = rust_type(ty, &quote!());
            quote!(#docs pub type #name = #ty;)
        }
    }
}

fn structure(docs: &TokenStream, name: &str, fields: &[FieldIr]) -> TokenStream {
    let name = ident(name);
    let all_optional = fields.iter().all(|f| !f.required);
    let derive_default = if all_optional {
        quote!(Default,)
    } else {
        quote!()
    };
    let field_tokens = fields.iter().map(|f| {
        let rust = ident(&f.rust_name);
        let ty = rust_type(&f.ty, &quote!());
        let docs: Vec<String> = f.docs.iter().map(|d| prose(d)).collect();
        let docs = if docs.is_empty() { doc_attrs(&[format!("The `{}` field.", f.json_name)]) } else { doc_attrs(&docs) };
        let rename = (crate::validate::names::bare(&f.rust_name) != f.json_name).then(|| {
            let json = &f.json_name;
            quote!(rename = #json,)
        });
        if f.required {
            let attr = rename.map(|r| quote!(#[serde(#r)]));
            quote!(#docs #attr pub #rust: #ty)
        } else {
            // Absent and `null` both decode as `None`: `Option<Option<T>>` could never hold
            // `Some(None)` after decoding, so a nullable optional field is one `Option`.
            let ty = match &f.ty {
                TypeIr::Nullable(inner) => rust_type(inner, &quote!()),
                _ => ty,
            };
            quote!(#docs #[serde(#rename default, skip_serializing_if = "Option::is_none")] pub #rust: Option<#ty>)
        }
    });
    let constructor = constructor(&name, fields, all_optional);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default Serialize, Deserialize)]
        pub struct #name { #(#field_tokens,)* }
        #constructor
    }
}

/// `new(required fields)`, so that a body with required fields is easy to build; structs with
/// only optional fields use `Default` instead.
fn constructor(name: &proc_macro2::Ident, fields: &[FieldIr], all_optional: bool) -> TokenStream {
    if all_optional {
        return quote!();
    }
    let args = fields.iter().filter(|f| f.required).map(|f| {
        let rust = ident(&f.rust_name);
        match &f.ty {
            TypeIr::String => quote!(#rust: impl Into<String>),
            ty => {
                let ty = rust_type(ty, &quote!());
                quote!(#rust: #ty)
            }
        }
    });
    let inits = fields.iter().map(|f| {
        let rust = ident(&f.rust_name);
        match (f.required, &f.ty) {
            (true, TypeIr::String) => quote!(#rust: #rust.into()),
            (true, _) => quote!(#rust),
            (false, _) => quote!(#rust: None),
        }
    });
    let doc = if fields.iter().any(|f| !f.required) {
        format!(" A `{name}` with the required fields set and every optional field `None`.")
    } else {
        format!(" A `{name}` with every field set.")
    };
    quote! {
        impl #name {
            #[doc = #doc]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* }
            }
        }
    }
}

/// A string or integer enum that keeps values it does not know.
fn value_enum(docs: &TokenStream, e: &EnumIr) -> TokenStream {
    let name = ident(&e.name);
    let variant_docs: Vec<String> = e
        .variants
        .iter()
        .map(|(_, v)| format!(" {}", code(v)))
        .collect();
    let variants: Vec<_> = e.variants.iter().map(|(v, _)| ident(v)).collect();
    let values = e.variants.iter().map(|(_, v)| v);
    if e.integer {
        let numbers: Vec<proc_macro2::Literal> = e
            .variants
            .iter()
            .map(|(_, v)| proc_macro2::Literal::i64_unsuffixed(v.parse().unwrap_or_default()))
            .collect();
        return quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
            #[serde(from = "i64", into = "i64")]
            pub enum #name {
                #( #[doc = #variant_docs] #variants, )*
                /// A value this version of the client does not know, kept as sent.
                Unknown(i64),
            }
            impl #name {
                /// The value on the wire.
                pub fn value(self) -> i64 {
                    match self { #( Self::#variants => #numbers, )* Self::Unknown(v) => v }
                }
            }
            impl From<i64> for #name {
                fn from(value: i64) -> Self {
                    match value { #( #numbers => Self::#variants, )* other => Self::Unknown(other) }
                }
            }
            impl From<#name> for i64 {
                fn from(value: #name) -> Self { value.value() }
            }
            impl fmt::Display for #name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", self.value()) }
            }
        };
    }
    let values2 = values.clone();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum #name {
            #( #[doc = #variant_docs] #[serde(rename = #values)] #variants, )*
            /// A value this version of the client does not know, kept as sent.
            #[serde(untagged)]
            Unknown(String),
        }
        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self { #( Self::#variants => #values2, )* Self::Unknown(v) => v }
            }
        }
        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    }
}
