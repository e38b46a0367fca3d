//! The spec format as Rust types: what a YAML file under `specs/` may say.
//!
//! These types are the single source of truth for the format: the loader reads them and
//! `specs/spec.schema.json` is generated from them. `specs/README.md` documents them.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use super::spanned::{Item, Spanned};

/// A spec file: exactly one of the three top-level keys.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SpecFile {
    /// The API-wide file (`api.yaml`).
    Api(Item<Api>),
    /// One resource and its actions.
    Resource(Item<Resource>),
    /// Models: schema name -> schema.
    Models(IndexMap<Spanned<String>, Item<Schema>>),
}

/// API-wide settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Rust module and cargo feature name, snake_case (`losant`).
    pub name: Spanned<String>,
    /// Human title, used in rustdoc.
    pub title: String,
    /// Longer description, rustdoc of the API module.
    pub description: Option<String>,
    /// Default base URL; the client builder can override it.
    pub base_url: Spanned<String>,
    /// Authentication scheme.
    pub auth: Auth,
    /// Headers sent on every request, in order.
    #[serde(default)]
    pub headers: IndexMap<Spanned<String>, Spanned<String>>,
    /// Media types of bodies.
    pub media_types: MediaTypes,
    /// Parameters every action accepts; settable on the client builder.
    #[serde(default)]
    pub parameters: Vec<Item<Parameter>>,
}

/// How requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// `Authorization: Bearer <token>`.
    Bearer,
}

/// Media types of request and response bodies.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaTypes {
    /// `Content-Type` of request bodies.
    pub request: String,
    /// Media types of success bodies.
    pub success: Vec<String>,
    /// Media types of error bodies.
    pub error: Vec<String>,
}

/// A resource: a path and the actions on it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Name as in the docs (`instanceApiTokens`).
    pub name: Spanned<String>,
    /// Heading in the docs.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Path template (`/orgs/{orgId}`).
    pub path: Spanned<String>,
    /// Path parameters shared by every action (`in: path` is implied).
    #[serde(default)]
    pub path_parameters: Vec<Item<Parameter>>,
    /// The actions, in doc order.
    pub actions: Spanned<Vec<Item<Action>>>,
}

/// One action (operation) on a resource.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Name as in the docs (`deviceCounts`, `create_test_snapshot`).
    pub name: Spanned<String>,
    /// One-line summary.
    pub summary: String,
    /// Longer description (Markdown).
    pub description: Option<String>,
    /// HTTP method.
    pub method: Method,
    /// Suffix appended to the resource path.
    #[serde(default)]
    pub path: Spanned<String>,
    /// Scopes that allow the action (any one of them), in doc order.
    pub scopes: Spanned<Vec<String>>,
    /// Parameters in doc order.
    #[serde(default)]
    pub parameters: Vec<Item<Parameter>>,
    /// How to walk pages, when the action is paginated.
    pub pagination: Option<Spanned<Pagination>>,
    /// Success statuses (2xx) -> response.
    pub responses: Spanned<IndexMap<Spanned<String>, Item<Response>>>,
    /// Error statuses -> response.
    #[serde(default)]
    pub errors: IndexMap<Spanned<String>, Item<Response>>,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD
    Head,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// The JSON body.
    Body,
}

/// Scalar types of non-body parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScalarType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
}

/// A parameter of an action (or of every action, or a resource's path parameter).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Name on the wire, as documented.
    pub name: Spanned<String>,
    /// Where it goes; implied `path` under `path_parameters`.
    #[serde(rename = "in")]
    pub location: Option<Spanned<Location>>,
    /// Type of a non-body parameter.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<ScalarType>>,
    /// Model of a body parameter.
    pub model: Option<Spanned<String>>,
    /// Whether the action needs it (a positional argument) or not (a builder setter).
    #[serde(default)]
    pub required: bool,
    /// Documentation.
    pub description: Option<String>,
    /// What the server assumes when absent (documentation; the client does not send it).
    pub default: Option<Spanned<Value>>,
    /// An example value (documentation).
    pub example: Option<Spanned<Value>>,
    /// Accepted values.
    #[serde(rename = "enum")]
    pub values: Option<Spanned<Vec<Spanned<Value>>>>,
    /// Regular expression the value must match.
    pub pattern: Option<Spanned<String>>,
    /// Format hint (`date-time`, `int64`, …).
    pub format: Option<String>,
    /// Rust name override.
    pub rust_name: Option<Spanned<String>>,
}

/// How a paginated action walks its pages.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Query parameter holding the 0-based page number.
    pub page: String,
    /// Query parameter holding the page size.
    pub per_page: String,
    /// Field of the success model holding the page's items.
    pub items: String,
    /// Field of the success model holding the total number of items.
    pub total: Option<String>,
}

/// A documented response.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The body's model.
    pub model: Spanned<String>,
    /// When it happens.
    pub description: String,
}

/// Types a schema can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SchemaType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A JSON object with known properties.
    Object,
    /// A JSON array.
    Array,
    /// A JSON object with arbitrary keys.
    Map,
    /// JSON null; only inside `one_of`.
    Null,
    /// Free-form JSON.
    Any,
}

/// The shape of a model, a property or an array item.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The type (or use `ref` or `one_of`).
    #[serde(rename = "type")]
    pub ty: Option<Spanned<SchemaType>>,
    /// A named model of the same API.
    #[serde(rename = "ref")]
    pub reference: Option<Spanned<String>>,
    /// Alternatives, tried in order.
    pub one_of: Option<Spanned<Vec<Item<Schema>>>>,
    /// Display name in the docs.
    pub title: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// Rust type name of an inline object, enum or `one_of`.
    pub name: Option<Spanned<String>>,
    /// JSON field name -> schema, for objects.
    pub properties: Option<IndexMap<Spanned<String>, Item<Schema>>>,
    /// Whether a property is always present.
    pub required: Option<Spanned<bool>>,
    /// Rust field name override for a property.
    pub rust_name: Option<Spanned<String>>,
    /// Set by the server (documentation).
    pub read_only: Option<bool>,
    /// Element schema, for arrays.
    pub items: Option<Box<Item<Schema>>>,
    /// Value schema, for maps.
    pub values: Option<Box<Item<Schema>>>,
    /// Accepted values, for string and integer enums.
    #[serde(rename = "enum")]
    pub values_enum: Option<Spanned<Vec<Spanned<Value>>>>,
    /// Format hint.
    pub format: Option<String>,
    /// Regular expression.
    pub pattern: Option<String>,
    /// Shortest string.
    pub min_length: Option<u64>,
    /// Longest string.
    pub max_length: Option<u64>,
    /// Smallest number.
    pub minimum: Option<f64>,
    /// Largest number.
    pub maximum: Option<f64>,
    /// Fewest array items.
    pub min_items: Option<u64>,
    /// Most array items.
    pub max_items: Option<u64>,
    /// Whether array items are distinct.
    pub unique_items: Option<bool>,
    /// Default value (documentation; must be one of `enum` when both are given).
    pub default: Option<Spanned<Value>>,
    /// Example value (documentation; must be one of `enum` when both are given).
    pub example: Option<Spanned<Value>>,
}
