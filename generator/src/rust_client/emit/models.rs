//! Generated types: structs, enums and unions, in `models` files and in action files.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, doc_attrs, prose, schema_docs};
use super::tokens::{allow_many_arguments, rust_type, type_doc};
use crate::rust_client::names::RustIdent;
use crate::rust_client::plan::types::{
    EnumDef, EnumRepr, Field, Home, TaggedVariant, canonical_name,
};
use crate::rust_client::plan::{ApiPlan, ModelFile, RType, TypeDef, TypeId, TypeKind};

/// The tokens of one models file (`models/org.rs`).
pub fn model_file(api: &ApiPlan<'_>, file: &ModelFile) -> TokenStream {
    let mut imports: Vec<&RustIdent> = Vec::new();
    for &id in &file.types {
        let Some(def) = api.ty(id) else { continue };
        for used in crate::rust_client::plan::layout::mentioned(&def.kind) {
            let elsewhere = api.file_of.get(used).copied().flatten().is_some_and(|f| {
                api.files
                    .get(f)
                    .is_some_and(|other| other.module != file.module)
            });
            if let (true, Some(other)) = (elsewhere, api.ty(used)) {
                if !imports.contains(&&other.name) {
                    imports.push(&other.name);
                }
            }
        }
    }
    imports.sort();
    let imports = if imports.is_empty() {
        quote!()
    } else {
        quote!(use super::{#(#imports),*};)
    };
    let types = file.types.iter().map(|&id| type_def(api, id));
    quote! {
        #imports
        #(#types)*
    }
}

/// The definition of type `id`, for emission at its home.
pub fn type_def(api: &ApiPlan<'_>, id: TypeId) -> TokenStream {
    let Some(def) = api.ty(id) else {
        return quote!();
    };
    let docs = doc_attrs(&type_docs(api, def));
    match &def.kind {
        TypeKind::Struct {
            fields,
            extra,
            strict,
        } => structure(api, id, def, &docs, fields, extra.as_ref(), *strict),
        TypeKind::Enum(e) => value_enum(&def.name, &docs, e),
        TypeKind::Tagged { property, variants } => tagged(api, def, &docs, property, variants),
        TypeKind::Untagged(variants) => untagged(api, def, &docs, variants),
        TypeKind::Alias(ty) => {
            let name = &def.name;
            let ty = rust_type(api, ty, def.home);
            quote!(#docs pub type #name = #ty;)
        }
    }
}

fn type_docs(api: &ApiPlan<'_>, def: &TypeDef<'_>) -> Vec<String> {
    if canonical_name(&def.kind).is_some() && def.model.is_none() {
        return vec!["A value that is one of several JSON types; the variant says which.".into()];
    }
    let mut docs = Vec::new();
    if let Some(t) = &def.schema.title {
        docs.push(prose(t));
    }
    if let Some(d) = &def.schema.description {
        docs.push(prose(d));
    }
    if docs.is_empty() {
        docs.push(match (&def.place, def.model) {
            (Some(place), _) => place.clone(),
            (None, Some(model)) => format!("The `{model}` model."),
            (None, None) => format!("The `{}` type.", def.name.bare()),
        });
    }
    if let (Some(model), true) = (def.model, def.schema.deprecated) {
        docs.push(format!("Deprecated: the docs mark `{model}` deprecated."));
    }
    let _ = api;
    docs
}

fn structure(
    api: &ApiPlan<'_>,
    id: TypeId,
    def: &TypeDef<'_>,
    docs: &TokenStream,
    fields: &[Field<'_>],
    extra: Option<&(RustIdent, RType)>,
    strict: bool,
) -> TokenStream {
    let name = &def.name;
    let all_optional = fields.iter().all(|f| !f.required);
    let sensitive = fields.iter().any(|f| f.schema.sensitive);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !sensitive {
        derives.insert(0, quote!(Debug));
    }
    if all_optional {
        derives.push(quote!(Default));
    }
    let field_tokens = fields.iter().map(|f| field(api, def.home, f));
    let extra_field = extra.map(|(ident, ty)| {
        let ty = rust_type(api, ty, def.home);
        quote! {
            /// Keys the docs do not declare, with their values: kept when decoding and written
            /// back when encoding.
            pub #ident: std::collections::BTreeMap<String, #ty>,
        }
    });
    let debug = sensitive.then(|| redacting_debug(name, fields, extra));
    let serde = struct_serde(def, fields, extra, strict);
    let constructor = constructor(api, def, fields, extra, all_optional);
    let setters = api
        .request_types
        .get(id)
        .copied()
        .unwrap_or(false)
        .then(|| setters(api, def, fields));
    quote! {
        #docs
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens,)*
            #extra_field
        }
        #constructor
        #setters
        #debug
        #serde
    }
}

/// `Serialize` and `Deserialize` in a few lines over the runtime's object helpers (see
/// `runtime::Object`): serde's derives would expand to hundreds of lines per model.
fn struct_serde(
    def: &TypeDef<'_>,
    fields: &[Field<'_>],
    extra: Option<&(RustIdent, RType)>,
    strict: bool,
) -> TokenStream {
    let name = &def.name;
    let writes = fields.iter().map(|f| {
        let ident = &f.ident;
        let json = &f.json;
        if f.required {
            quote!(object.field(#json, &self.#ident)?;)
        } else {
            quote!(object.optional(#json, self.#ident.as_ref())?;)
        }
    });
    let write_rest = extra.map(|(ident, _)| quote!(object.rest(&self.#ident)?;));
    let reads = fields.iter().map(|f| {
        let ident = &f.ident;
        let json = &f.json;
        if f.required {
            quote!(#ident: object.required(#json)?)
        } else {
            quote!(#ident: object.optional(#json)?)
        }
    });
    let read_rest = extra.map(|(ident, _)| quote!(#ident: object.rest()?,));
    let what = format!("a `{}`", name.bare());
    let finish = if strict {
        let names = fields.iter().map(|f| &f.json);
        quote! {
            object.deny_unknown(&[#(#names),*])?;
            Ok(value)
        }
    } else {
        quote!(Ok(value))
    };
    // A struct without fields writes and reads nothing: its bindings need no `mut`.
    let empty = fields.is_empty() && extra.is_none();
    let object_binding = match (empty, strict) {
        (true, false) => quote!(let _object),
        (true, true) => quote!(let object),
        (false, _) => quote!(let mut object),
    };
    let writer_binding = if empty {
        quote!(let object)
    } else {
        quote!(let mut object)
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #writer_binding = crate::runtime::ObjectWriter::new(serializer)?;
                #(#writes)*
                #write_rest
                object.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #object_binding = crate::runtime::Object::decode(deserializer, #what)?;
                let value = Self {
                    #(#reads,)*
                    #read_rest
                };
                #finish
            }
        }
    }
}

fn field(api: &ApiPlan<'_>, home: Home, f: &Field<'_>) -> TokenStream {
    let ident = &f.ident;
    let mut docs = schema_docs(f.schema);
    if docs.is_empty() {
        docs.push(format!("The `{}` field.", f.json));
    }
    let docs = doc_attrs(&docs);
    if f.required {
        let ty = rust_type(api, &f.ty, home);
        quote!(#docs pub #ident: #ty)
    } else {
        // Absent and `null` both decode as `None`: `Option<Option<T>>` could never hold
        // `Some(None)` after decoding, so a nullable optional field is one `Option`.
        let inner = match &f.ty {
            RType::Option(inner) => inner.as_ref(),
            ty => ty,
        };
        let ty = rust_type(api, inner, home);
        quote!(#docs pub #ident: Option<#ty>)
    }
}

/// `new(required fields)`: structs are `#[non_exhaustive]` (so that adding a field is not a
/// breaking change), which makes struct literals unavailable outside the crate.
fn constructor(
    api: &ApiPlan<'_>,
    def: &TypeDef<'_>,
    fields: &[Field<'_>],
    extra: Option<&(RustIdent, RType)>,
    all_optional: bool,
) -> TokenStream {
    let name = &def.name;
    let args = fields.iter().filter(|f| f.required).map(|f| {
        let ident = &f.ident;
        match &f.ty {
            RType::String => quote!(#ident: impl Into<String>),
            ty => {
                let ty = rust_type(api, ty, def.home);
                quote!(#ident: #ty)
            }
        }
    });
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        match (f.required, &f.ty) {
            (true, RType::String) => quote!(#ident: #ident.into()),
            (true, _) => quote!(#ident),
            (false, _) => quote!(#ident: None),
        }
    });
    let extra_init = extra.map(|(ident, _)| quote!(#ident: std::collections::BTreeMap::new(),));
    let doc = if fields.is_empty() && extra.is_none() {
        format!(" A `{name}`: it has no fields (the same as `Default`).")
    } else if all_optional {
        format!(" A `{name}` with every field `None` (the same as `Default`).")
    } else if fields.iter().any(|f| !f.required) {
        format!(" A `{name}` with the required fields set and every optional field `None`.")
    } else {
        format!(" A `{name}` with every field set.")
    };
    let doc = match extra {
        Some((ident, _)) => format!("{doc} `{}` (other keys) is empty.", ident.bare()),
        None => doc,
    };
    let allow = allow_many_arguments(
        fields.iter().filter(|f| f.required).count(),
        "one argument per required field, in doc order: the struct is `#[non_exhaustive]`, so \
         this is how code outside the crate builds it",
    );
    quote! {
        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #extra_init }
            }
        }
    }
}

/// `with_<field>` setters for the optional fields of types sent in requests (nothing, not an
/// empty `impl`, when every field is required).
fn setters(api: &ApiPlan<'_>, def: &TypeDef<'_>, fields: &[Field<'_>]) -> TokenStream {
    let name = &def.name;
    if fields.iter().all(|f| f.required) {
        return quote!();
    }
    let methods = fields.iter().filter(|f| !f.required).map(|f| {
        let ident = &f.ident;
        let method = RustIdent::snake(&format!("with_{}", f.ident.bare()));
        let doc = format!(" Sets `{}`.", f.json);
        let inner = match &f.ty {
            RType::Option(inner) => inner.as_ref(),
            ty => ty,
        };
        match inner {
            RType::String => quote! {
                #[doc = #doc]
                pub fn #method(mut self, value: impl Into<String>) -> Self {
                    self.#ident = Some(value.into());
                    self
                }
            },
            ty => {
                let ty = rust_type(api, ty, def.home);
                quote! {
                    #[doc = #doc]
                    pub fn #method(mut self, value: #ty) -> Self {
                        self.#ident = Some(value);
                        self
                    }
                }
            }
        }
    });
    quote!(impl #name { #(#methods)* })
}

/// `Debug` that prints sensitive fields as `<redacted>` (serde still reads and writes them).
fn redacting_debug(
    name: &RustIdent,
    fields: &[Field<'_>],
    extra: Option<&(RustIdent, RType)>,
) -> TokenStream {
    let text = name.bare();
    let entries = fields.iter().map(|f| {
        let ident = &f.ident;
        let label = f.ident.bare();
        match (f.schema.sensitive, f.required) {
            (false, _) => quote!(.field(#label, &self.#ident)),
            (true, true) => quote!(.field(#label, &"<redacted>")),
            (true, false) => quote!(.field(#label, &self.#ident.as_ref().map(|_| "<redacted>"))),
        }
    });
    let extra = extra.map(|(ident, _)| {
        let label = ident.bare();
        quote!(.field(#label, &self.#ident))
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#text) #(#entries)* #extra .finish()
            }
        }
    }
}

/// An enum of accepted values. Decoding keeps a value it does not know (`Unknown`), so a newer
/// server never breaks it; parsing a value (`FromStr`, for flags and config files) is strict
/// and says which values are accepted; `Unknown` can be built to send a value the docs do not
/// list yet.
pub fn value_enum(name: &RustIdent, docs: &TokenStream, e: &EnumDef) -> TokenStream {
    if let [(variant, value)] = e.variants.as_slice() {
        return constant_enum(name, docs, e.repr, variant, value);
    }
    let variants: Vec<&RustIdent> = e.variants.iter().map(|(v, _)| v).collect();
    let variant_docs: Vec<String> = e
        .variants
        .iter()
        .map(|(_, v)| format!(" {}", code(v)))
        .collect();
    let values: Vec<&String> = e.variants.iter().map(|(_, v)| v).collect();
    let (unknown_ty, derives, wire_ty, serialize) = match e.repr {
        EnumRepr::String => (
            quote!(String),
            quote!(Debug, Clone, PartialEq, Eq, Hash),
            quote!(String),
            quote!(serializer.serialize_str(self.as_str())),
        ),
        EnumRepr::Integer => (
            quote!(i64),
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash),
            quote!(i64),
            quote!(serializer.serialize_i64(self.value())),
        ),
        EnumRepr::Number => (
            quote!(f64),
            quote!(Debug, Clone, Copy, PartialEq),
            quote!(f64),
            quote!(serializer.serialize_f64(self.value())),
        ),
    };
    let accessors = enum_accessors(e, &variants, &values);
    let values_doc = format!(
        " Every value the docs list, as written: {}.",
        values
            .iter()
            .map(|v| code(v))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let value_strs: Vec<String> = values.iter().map(|v| (*v).clone()).collect();
    let known_arms = e
        .variants
        .iter()
        .map(|(v, value)| quote!(#value => Some(Self::#v)));
    let traits = value_traits(
        name,
        " Parses one of [`Self::VALUES`]; any other text is an error naming them all.",
        &serialize,
        &quote!(<#wire_ty as serde::Deserialize>::deserialize(deserializer).map(Self::from_wire)),
    );
    quote! {
        #docs
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value the docs do not list: decoded from a newer server, or built to send one.
            Unknown(#unknown_ty),
        }

        impl #name {
            #[doc = #values_doc]
            pub const VALUES: &'static [&'static str] = &[#(#value_strs),*];

            #accessors

            /// The documented value written as `text`, if any.
            fn known(text: &str) -> Option<Self> {
                match text {
                    #(#known_arms,)*
                    _ => None,
                }
            }
        }

        #traits
    }
}

/// An enum of one value: a constant, decoded strictly (any other value is an error). This is
/// what tells apart union variants that fix a property, or several, to different constants.
fn constant_enum(
    name: &RustIdent,
    docs: &TokenStream,
    repr: EnumRepr,
    variant: &RustIdent,
    value: &str,
) -> TokenStream {
    let doc = format!(" {}", code(value));
    let expected = code(value);
    // `text == ""` is clippy's `comparison_to_empty`.
    let is_value = if value.is_empty() {
        quote!(text.is_empty())
    } else {
        quote!((text == #value))
    };
    let (derives, accessor, serialize, deserialize) = match repr {
        EnumRepr::String => (
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, Default),
            quote! {
                /// The value on the wire.
                pub fn as_str(&self) -> &'static str {
                    #value
                }

                /// The value on the wire (the same as [`Self::as_str`]).
                pub fn value(&self) -> &'static str {
                    #value
                }
            },
            quote!(serializer.serialize_str(#value)),
            quote! {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                Self::known(&text).ok_or_else(|| {
                    serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &#expected)
                })
            },
        ),
        EnumRepr::Integer | EnumRepr::Number => {
            let (ty, literal, derives) = if repr == EnumRepr::Integer {
                let n: i64 = value.parse().unwrap_or_default();
                (
                    quote!(i64),
                    proc_macro2::Literal::i64_unsuffixed(n),
                    quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, Default),
                )
            } else {
                let n: f64 = value.parse().unwrap_or_default();
                (
                    quote!(f64),
                    proc_macro2::Literal::f64_unsuffixed(n),
                    quote!(Debug, Clone, Copy, PartialEq, Default),
                )
            };
            let serialize = if repr == EnumRepr::Integer {
                quote!(serializer.serialize_i64(#literal))
            } else {
                quote!(serializer.serialize_f64(#literal))
            };
            (
                derives,
                quote! {
                    /// The value on the wire.
                    pub fn value(&self) -> #ty {
                        #literal
                    }
                },
                serialize,
                quote! {
                    let number = <#ty as serde::Deserialize>::deserialize(deserializer)?;
                    if number == #literal {
                        Ok(Self::#variant)
                    } else {
                        Err(serde::de::Error::custom(format!("expected {}, found {number}", #expected)))
                    }
                },
            )
        }
    };
    let traits = value_traits(
        name,
        " Parses the one allowed value; any other text is an error naming it.",
        &serialize,
        &deserialize,
    );
    quote! {
        #docs
        ///
        /// A constant: the docs allow only this value, so decoding any other is an error.
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #[doc = #doc]
            #[default]
            #variant,
        }

        impl #name {
            /// The one value the docs allow.
            pub const VALUES: &'static [&'static str] = &[#value];

            #accessor

            /// The value written as `text`, if it is the one allowed.
            fn known(text: &str) -> Option<Self> {
                #is_value.then_some(Self::#variant)
            }
        }

        #traits
    }
}

/// `Display`, `FromStr` (through the enum's `known`, documented by `from_str_doc`) and serde
/// for a value enum: the same four impls for every enum, whatever its representation.
fn value_traits(
    name: &RustIdent,
    from_str_doc: &str,
    serialize: &TokenStream,
    deserialize: &TokenStream,
) -> TokenStream {
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl std::str::FromStr for #name {
            type Err = crate::runtime::ParseEnumError;

            #[doc = #from_str_doc]
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::known(text).ok_or_else(|| crate::runtime::ParseEnumError::new(text, Self::VALUES))
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #deserialize
            }
        }
    }
}

/// `value()`/`as_str()` and `from_wire` of a value enum.
fn enum_accessors(e: &EnumDef, variants: &[&RustIdent], values: &[&String]) -> TokenStream {
    match e.repr {
        EnumRepr::String => quote! {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }

            /// The value on the wire (the same as [`Self::as_str`]).
            pub fn value(&self) -> &str {
                self.as_str()
            }

            fn from_wire(value: String) -> Self {
                Self::known(&value).unwrap_or(Self::Unknown(value))
            }
        },
        EnumRepr::Integer | EnumRepr::Number => {
            let (ty, literals): (TokenStream, Vec<TokenStream>) = match e.repr {
                EnumRepr::Integer => (
                    quote!(i64),
                    values
                        .iter()
                        .map(|v| {
                            let n: i64 = v.parse().unwrap_or_default();
                            let lit = proc_macro2::Literal::i64_unsuffixed(n);
                            quote!(#lit)
                        })
                        .collect(),
                ),
                _ => (
                    quote!(f64),
                    values
                        .iter()
                        .map(|v| {
                            let n: f64 = v.parse().unwrap_or_default();
                            let lit = proc_macro2::Literal::f64_unsuffixed(n);
                            quote!(#lit)
                        })
                        .collect(),
                ),
            };
            let from_wire = match e.repr {
                EnumRepr::Integer => quote! {
                    match value {
                        #( #literals => Self::#variants, )*
                        other => Self::Unknown(other),
                    }
                },
                _ => quote! {
                    #( if value == #literals { return Self::#variants; } )*
                    Self::Unknown(value)
                },
            };
            let literals2 = literals.clone();
            quote! {
                /// The value on the wire.
                pub fn value(&self) -> #ty {
                    match self {
                        #( Self::#variants => #literals2, )*
                        Self::Unknown(value) => *value,
                    }
                }

                fn from_wire(value: #ty) -> Self {
                    #from_wire
                }
            }
        }
    }
}

fn tagged(
    api: &ApiPlan<'_>,
    def: &TypeDef<'_>,
    docs: &TokenStream,
    property: &str,
    variants: &[TaggedVariant],
) -> TokenStream {
    let name = &def.name;
    let variant_tokens = variants.iter().map(|v| {
        let ident = &v.ident;
        let ty = rust_type(api, &v.ty, def.home);
        let tags: Vec<String> = v.tags.iter().map(|t| code(t)).collect();
        let doc = format!(" `{property}` is {}.", tags.join(" or "));
        quote!(#[doc = #doc] #ident(#ty))
    });
    let serialize_arms = variants.iter().map(|v| {
        let ident = &v.ident;
        let tag = v.tags.first().cloned().unwrap_or_default();
        quote!(Self::#ident(value) => crate::runtime::serialize_tagged(serializer, #property, #tag, value))
    });
    let deserialize_arms = variants.iter().map(|v| {
        let ident = &v.ident;
        let tags = &v.tags;
        quote!(Some(#(#tags)|*) => crate::runtime::tagged_variant(object).map(Self::#ident))
    });
    let doc = format!(
        " Chosen by the `{property}` property; a value this client does not know is kept whole \
         in `Unknown`."
    );
    let unknown_doc = format!(
        " An object whose `{property}` this client does not know (or that has none), as received."
    );
    quote! {
        #docs
        #[doc = ""]
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_tokens,)*
            #[doc = #unknown_doc]
            Unknown(serde_json::Map<String, serde_json::Value>),
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms,)*
                    Self::Unknown(object) => serde::Serialize::serialize(object, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, object) = crate::runtime::split_tagged(deserializer, #property)?;
                match tag.as_deref() {
                    #(#deserialize_arms,)*
                    _ => Ok(Self::Unknown(object)),
                }
            }
        }
    }
}

fn untagged(
    api: &ApiPlan<'_>,
    def: &TypeDef<'_>,
    docs: &TokenStream,
    variants: &[(RustIdent, RType)],
) -> TokenStream {
    let name = &def.name;
    let variant_tokens = variants.iter().map(|(ident, ty)| {
        let doc = format!(" The value as {}.", type_doc(api, ty, def.home));
        let ty = rust_type(api, ty, def.home);
        quote!(#[doc = #doc] #ident(#ty))
    });
    let serialize_arms = variants.iter().map(
        |(ident, _)| quote!(Self::#ident(value) => serde::Serialize::serialize(value, serializer)),
    );
    let attempts = variants
        .iter()
        .map(|(ident, _)| quote!(|value| crate::runtime::attempt(value).map(Self::#ident)));
    let what = format!("a `{}`", name.bare());
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_tokens,)*
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms,)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            /// The first variant, in doc order, whose shape the value has.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = crate::runtime::any_value(deserializer)?;
                crate::runtime::first_match(&value, #what, &[#(#attempts),*])
            }
        }
    }
}
