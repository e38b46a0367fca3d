//! The intermediate representation: what the emitters need, with every name already a valid,
//! unique Rust identifier and every reference resolved. It knows nothing of YAML or of
//! `quote!`, so further emitters (a mock server, an OpenAPI export) can share it.

use std::path::PathBuf;

pub use crate::load::spec::{Location, Method};

/// Every API of a spec folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// The APIs, in folder-name order.
    pub apis: Vec<ApiIr>,
}

/// One API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiIr {
    /// Module and cargo feature name (`losant`).
    pub module: String,
    /// Human title.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Default base URL.
    pub base_url: String,
    /// Headers sent on every request.
    pub headers: Vec<(String, String)>,
    /// `Content-Type` of request bodies.
    pub content_type: String,
    /// `Accept` header value.
    pub accept: String,
    /// Parameters every action accepts.
    pub params: Vec<ParamIr>,
    /// Resources, in file-name order.
    pub resources: Vec<ResourceIr>,
    /// Models and the inline types derived from them, grouped by the model that holds them.
    pub model_files: Vec<ModelFileIr>,
    /// The spec files this API was read from, relative to the spec root.
    pub spec_files: Vec<PathBuf>,
}

/// One resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceIr {
    /// Name as in the docs (`instanceApiTokens`).
    pub name: String,
    /// Module and accessor name (`instance_api_tokens`).
    pub module: String,
    /// Heading in the docs.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Actions, in doc order.
    pub actions: Vec<ActionIr>,
    /// The spec file, relative to the spec root.
    pub spec_file: PathBuf,
}

/// One action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionIr {
    /// Name as in the docs (`deviceCounts`).
    pub name: String,
    /// Method on the resource accessor (`device_counts`).
    pub method_name: String,
    /// Module (and file stem) of the action inside its resource's folder (`device_counts`).
    pub module: String,
    /// Builder type (`DeviceCounts`).
    pub type_name: String,
    /// Error enum type (`DeviceCountsError`).
    pub error_type: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// HTTP method.
    pub method: Method,
    /// The full path: literals and path parameters (indices into `params`).
    pub path: Vec<PathPart>,
    /// Scopes that allow it, in doc order.
    pub scopes: Vec<String>,
    /// Parameters: the required ones first in call order, then the optional ones in doc order.
    /// API-wide parameters are not repeated here.
    pub params: Vec<ParamIr>,
    /// The success responses (all with the same model).
    pub successes: Vec<ResponseIr>,
    /// The documented error responses, by status.
    pub errors: Vec<ErrorIr>,
    /// How to walk pages, when paginated.
    pub pagination: Option<PaginationIr>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A path parameter: index into the action's `params`.
    Param(usize),
}

/// A parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamIr {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust name of the argument or setter.
    pub rust_name: String,
    /// Where it goes.
    pub location: Location,
    /// Its Rust type.
    pub ty: ParamType,
    /// Whether it is positional.
    pub required: bool,
    /// Documentation.
    pub description: Option<String>,
    /// Documented server-side default.
    pub default: Option<String>,
    /// Documented example.
    pub example: Option<String>,
    /// Pattern the value must match.
    pub pattern: Option<PatternIr>,
}

/// The Rust type of a parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamType {
    /// `String`, taken as `impl Into<String>`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A generated enum of accepted values, in the resource module.
    Enum(EnumIr),
    /// A model (body parameters).
    Model(String),
}

/// A regular expression a value must match.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternIr {
    /// A shape the client checks: `^[ranges]{min,max}$`.
    Checked {
        /// The expression as written.
        source: String,
        /// Allowed character ranges, inclusive.
        ranges: Vec<(char, char)>,
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
    },
    /// Anything else: documented, checked by the server.
    Documented(String),
}

impl PatternIr {
    /// The expression as written.
    pub fn source(&self) -> &str {
        match self {
            PatternIr::Checked { source, .. } | PatternIr::Documented(source) => source,
        }
    }
}

/// A documented success response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseIr {
    /// HTTP status.
    pub status: u16,
    /// Rust type of the body.
    pub ty: TypeIr,
    /// When it happens.
    pub description: String,
}

/// A documented error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorIr {
    /// HTTP status.
    pub status: u16,
    /// Variant of the action's error enum (`NotFound`).
    pub variant: String,
    /// Rust type of the body.
    pub ty: TypeIr,
    /// When it happens.
    pub description: String,
}

/// Pagination of an action.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginationIr {
    /// Index of the page parameter in the action's params.
    pub page_param: usize,
    /// Index of the page-size parameter.
    pub per_page_param: usize,
    /// Rust field of the success model holding the items.
    pub items_field: String,
    /// Whether that field is optional.
    pub items_optional: bool,
    /// Rust type of one item.
    pub item_ty: TypeIr,
    /// Rust field holding the total count, and whether it is optional.
    pub total_field: Option<(String, bool)>,
}

/// A Rust type used by a field, a response or a parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeIr {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `serde_json::Value`.
    Any,
    /// A model of the same API, by Rust name.
    Named(String),
    /// `Vec<T>`.
    List(Box<TypeIr>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeIr>),
    /// `Option<T>` (a nullable value).
    Nullable(Box<TypeIr>),
    /// `Box<T>`: breaks a cycle of models that contain each other.
    Boxed(Box<TypeIr>),
}

/// The models that live in one file of the generated `models` module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFileIr {
    /// File stem (`api_token_post`).
    pub module: String,
    /// The models: the named one first, then the inline types it holds.
    pub models: Vec<ModelIr>,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelIr {
    /// Rust type name.
    pub name: String,
    /// Display name in the docs.
    pub title: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// What it is.
    pub kind: ModelKind,
}

/// The kinds of generated types.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// A struct with named fields.
    Struct(Vec<FieldIr>),
    /// A string or integer enum that keeps unknown values.
    Enum(EnumIr),
    /// One of several shapes (an untagged enum).
    OneOf(Vec<(String, TypeIr)>),
    /// Another name for a type (`pub type OrgInvites = Vec<OrgInvite>`).
    Alias(TypeIr),
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIr {
    /// JSON name.
    pub json_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Rust type, without the `Option` of an optional field.
    pub ty: TypeIr,
    /// Whether it is always present.
    pub required: bool,
    /// Documentation: description, then constraints.
    pub docs: Vec<String>,
}

/// An enum of accepted values.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumIr {
    /// Rust type name.
    pub name: String,
    /// Whether the values are integers (else strings).
    pub integer: bool,
    /// Variants in doc order: Rust name and value as written.
    pub variants: Vec<(String, String)>,
}
