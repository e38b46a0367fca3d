//! The spec format as Rust types: what a YAML file under `specs/` may say.
//!
//! These types are the single source of truth for the format: the loader reads them and
//! `specs/spec.schema.json` is generated from them. `specs/README.md` documents them.
//!
//! A maintainer omits what the docs do not give: every key that a doc page may lack is optional
//! here, and its absence means "not documented" (no scopes, no response body, no pattern), never
//! a silent default that the generated client would act on.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use super::spanned::{Item, ScalarOrMap, Spanned};

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
    /// How requests authenticate; an action can say `auth: none` on its own.
    pub auth: Spanned<Auth>,
    /// Headers sent on every request, in order.
    #[serde(default)]
    pub headers: IndexMap<Spanned<String>, Spanned<String>>,
    /// Media types of bodies.
    pub media_types: MediaTypes,
    /// Parameters every action accepts; settable on the client builder.
    #[serde(default)]
    pub parameters: Vec<Item<Parameter>>,
    /// A request header that carries an idempotency key (e.g. `Idempotency-Key`). When given,
    /// the client sends a key generated once per call (the same on every retry) with POST and
    /// PATCH requests, which makes them safe to retry after a timeout or a 5xx.
    pub idempotency_header: Option<Spanned<String>>,
}

/// How requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// No credentials are sent (an API, or an action that hands out tokens).
    None,
    /// The token is sent when the client has one: a public resource that a token opens
    /// further (a public dashboard, say); a client built without a token may call it.
    Optional,
}

/// Media types of request and response bodies.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaTypes {
    /// `Content-Type` of JSON request bodies.
    pub request: String,
    /// Media types of JSON success bodies.
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
    /// Whether the docs mark the action deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// `none` for an action that sends no credentials (e.g. the one that hands out tokens);
    /// absent means the API's `auth`.
    pub auth: Option<Spanned<Auth>>,
    /// What a token must hold to call the action, in doc order: any one entry suffices; an
    /// entry is a scope, or `{all_of: [..]}` when several are needed together. Absent when the
    /// docs list none.
    pub scopes: Option<Spanned<Vec<Spanned<ScopeEntry>>>>,
    /// Parameters in doc order.
    #[serde(default)]
    pub parameters: Vec<Item<Parameter>>,
    /// How to walk pages, when the action is paginated.
    pub pagination: Option<Spanned<Pagination>>,
    /// Success statuses (2xx) -> response.
    pub responses: Spanned<IndexMap<Spanned<String>, Item<Response>>>,
    /// Error statuses (a code, `4XX`, `5XX` or `default`) -> response.
    #[serde(default)]
    pub errors: IndexMap<Spanned<String>, Item<Response>>,
}

/// One entry of an action's `scopes`: a scope, or several that are needed together.
pub type ScopeEntry = ScalarOrMap<String, AllOf>;

/// Scopes that are all needed together (`{all_of: [Edit alert rules, Edit tests]}`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllOf {
    /// The scopes, every one of which is needed.
    pub all_of: Vec<String>,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
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
    /// OPTIONS
    Options,
}

impl Method {
    /// The method as HTTP writes it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
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
    /// The whole request body (JSON by default; see `type` and `media_type`).
    Body,
    /// One part of a `multipart/form-data` body.
    Multipart,
    /// One field of an `application/x-www-form-urlencoded` body.
    Form,
}

/// Types of parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list of `items` (query parameters: see `style`).
    Array,
    /// A file part of a multipart body: bytes or a stream, with a file name and content type.
    File,
    /// Raw bytes: a body sent as is (`in: body`, e.g. `application/octet-stream`).
    Binary,
}

/// How a query parameter's value is written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    /// Arrays: the key repeated per item (`tag=a&tag=b`); the default for arrays.
    Repeat,
    /// Arrays: items joined with commas (`tag=a,b`).
    Comma,
    /// The value as JSON text (`query={"name":"x"}`); the default for object models.
    Json,
    /// Objects and arrays in bracket notation (`filter[0][key]=a`), as `qs` and Rails write them.
    DeepObject,
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
    /// Its type; or name a `model` instead.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<ParamType>>,
    /// A model of this API as the parameter's type: a JSON body, a JSON or bracket-encoded
    /// query value, or an enum model sent as its plain value.
    pub model: Option<Spanned<String>>,
    /// The element of a `type: array` parameter.
    pub items: Option<Box<Item<Schema>>>,
    /// How a query value is written (arrays and models).
    pub style: Option<Spanned<ParamStyle>>,
    /// `Content-Type` of a body or multipart part, when not the API's JSON request type.
    pub media_type: Option<Spanned<String>>,
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
    /// Shortest string.
    pub min_length: Option<u64>,
    /// Longest string.
    pub max_length: Option<u64>,
    /// Smallest number.
    pub minimum: Option<f64>,
    /// Largest number.
    pub maximum: Option<f64>,
    /// A secret (a password, a key): never printed by `Debug` or in errors.
    #[serde(default)]
    pub sensitive: bool,
    /// Whether the docs mark it deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// Rust name override.
    pub rust_name: Option<Spanned<String>>,
}

/// How a paginated action walks its pages. One of three styles, chosen by the keys given:
/// page numbers (`page`), a cursor (`cursor` and `next_cursor`) or a link to the next page
/// (`next_link`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Page numbers: the integer query parameter holding the page number.
    pub page: Option<Spanned<String>>,
    /// Page numbers: the number of the first page; 0 by default.
    pub first_page: Option<u64>,
    /// The integer query parameter holding the page size (any style).
    pub per_page: Option<Spanned<String>>,
    /// Cursor: the query parameter that carries the cursor.
    pub cursor: Option<Spanned<String>>,
    /// Cursor: the body field (a dotted path) holding the next page's cursor; absent, null or
    /// empty on the last page.
    pub next_cursor: Option<Spanned<String>>,
    /// Link: the body field (a dotted path, e.g. `_links.next.href`) holding the next page's
    /// URL; absent or null on the last page.
    pub next_link: Option<Spanned<String>>,
    /// The body field (a dotted path) holding the page's items.
    pub items: Spanned<String>,
    /// The body field (a dotted path) holding the total number of items, when documented.
    pub total: Option<Spanned<String>>,
}

/// A documented response.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// When it happens.
    pub description: String,
    /// The JSON body's model; absent (with no `type` or `events`) when there is no body.
    pub model: Option<Spanned<String>>,
    /// A body that is not JSON: `binary` (a download) or `text`.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<BodyType>>,
    /// The body's media type, when not the API's.
    pub media_type: Option<Spanned<String>>,
    /// A stream of server-sent events: event name -> event.
    pub events: Option<Spanned<IndexMap<Spanned<String>, Item<Event>>>>,
    /// Documented response headers: name -> header.
    #[serde(default)]
    pub headers: IndexMap<Spanned<String>, Item<ResponseHeader>>,
}

/// A body that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyType {
    /// Raw bytes (a file download).
    Binary,
    /// UTF-8 text.
    Text,
}

/// One kind of server-sent event.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The model its `data:` decodes into (JSON); absent when the data is plain text.
    pub model: Option<Spanned<String>>,
    /// What it says.
    pub description: Option<String>,
}

/// A documented response header.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseHeader {
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Spanned<ScalarType>,
    /// What it says.
    pub description: Option<String>,
    /// Format hint (`uri`, `date-time`, …).
    pub format: Option<String>,
    /// A secret: never printed by `Debug`.
    #[serde(default)]
    pub sensitive: bool,
}

/// Scalar types.
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
    /// A JSON object with arbitrary keys (`values` gives their schema).
    Map,
    /// JSON null; only inside `one_of`.
    Null,
    /// Free-form JSON.
    Any,
}

/// How a `one_of` tells its variants apart: by a property every variant has.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discriminator {
    /// The JSON property whose value names the variant (`blockType`, `type`).
    pub property: Spanned<String>,
    /// Tag value -> model name, for `ref` variants whose model does not fix the value with a
    /// one-value `enum`.
    #[serde(default)]
    pub mapping: IndexMap<Spanned<String>, Spanned<String>>,
}

/// `additional_properties`: `false` (no other keys), `true` (any other keys, kept) or the
/// schema of the other keys' values (kept).
pub type AdditionalProperties = ScalarOrMap<bool, Box<Schema>>;

/// The shape of a model, a property or an array item.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The type (or use `ref`, `one_of` or `all_of`).
    #[serde(rename = "type")]
    pub ty: Option<Spanned<SchemaType>>,
    /// A named model of the same API.
    #[serde(rename = "ref")]
    pub reference: Option<Spanned<String>>,
    /// Alternatives: the value is exactly one of them.
    pub one_of: Option<Spanned<Vec<Item<Schema>>>>,
    /// How the `one_of` alternatives are told apart.
    pub discriminator: Option<Spanned<Discriminator>>,
    /// Object schemas whose properties are all merged into this one.
    pub all_of: Option<Spanned<Vec<Item<Schema>>>>,
    /// Display name in the docs.
    pub title: Option<String>,
    /// Documentation.
    pub description: Option<String>,
    /// Rust type name of an inline object, enum or union.
    pub name: Option<Spanned<String>>,
    /// JSON field name -> schema, for objects.
    pub properties: Option<IndexMap<Spanned<String>, Item<Schema>>>,
    /// Keys beyond `properties`, for objects.
    pub additional_properties: Option<Spanned<AdditionalProperties>>,
    /// Regular expression the keys of `additional_properties` (or of a `map`) match.
    pub key_pattern: Option<String>,
    /// Fewest keys.
    pub min_properties: Option<u64>,
    /// Most keys.
    pub max_properties: Option<u64>,
    /// Whether a property is always present.
    pub required: Option<Spanned<bool>>,
    /// Rust field name override for a property.
    pub rust_name: Option<Spanned<String>>,
    /// Set by the server (documentation).
    pub read_only: Option<bool>,
    /// Sent by the client, never returned (documentation).
    pub write_only: Option<bool>,
    /// Whether the docs mark it deprecated.
    pub deprecated: Option<bool>,
    /// A secret (a token, a password): `Debug` prints it redacted; serde still round-trips it.
    pub sensitive: Option<bool>,
    /// Whether `null` is accepted too (the same as a `one_of` with `{type: 'null'}`).
    pub nullable: Option<bool>,
    /// Element schema, for arrays.
    pub items: Option<Box<Item<Schema>>>,
    /// Value schema, for maps.
    pub values: Option<Box<Item<Schema>>>,
    /// Accepted values, for string, integer, number and boolean schemas.
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
    /// Every value is greater than this.
    pub exclusive_minimum: Option<f64>,
    /// Every value is less than this.
    pub exclusive_maximum: Option<f64>,
    /// Every value is a multiple of this.
    pub multiple_of: Option<f64>,
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
