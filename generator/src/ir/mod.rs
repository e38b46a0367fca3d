//! The neutral intermediate representation: the API as its docs describe it, every reference
//! resolved and every cross-file rule checked, and nothing that belongs to one emitter.
//!
//! Names are the documented ones (`deviceCounts`, `apiTokenPost`, `_links`), constraints are
//! structured values (a pattern, a length, an enum), not doc sentences, and media types,
//! authentication, scopes, examples, pagination and event streams are all here. The Rust client,
//! the mock server and the OpenAPI export each derive what they need from it: Rust names and
//! doc wording are a pass of the Rust emitters, not of validation.
//!
//! Every node that a later pass may need to point at keeps its [`Origin`] (spec file and
//! position). Origins do not take part in equality: two IRs are equal when they describe the same
//! API, wherever it was written (the OpenAPI round trip relies on this).

mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use self::schema::{
    Additional, ArrayType, Discriminator, NumberConstraints, ObjectType, OneOf, Property, Schema,
    SchemaKind, StringType,
};
pub use crate::load::spec::{Auth, Method, ParamStyle};
use crate::diagnostics::Pos;

/// Every API of a spec folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// The APIs, in folder-name order.
    pub apis: Vec<Api>,
}

/// Where a node was written: a spec file, as the loader was given its path (what diagnostics
/// print), and a position in it.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The spec file.
    pub file: Arc<Path>,
    /// The position in it.
    pub pos: Pos,
}

impl Origin {
    /// A node at `pos` in `file`.
    pub fn new(file: Arc<Path>, pos: Pos) -> Self {
        Self { file, pos }
    }

    /// An origin for nodes that no spec file holds (built in code, e.g. by an importer's test).
    pub fn unknown() -> Self {
        Self {
            file: Arc::from(Path::new("")),
            pos: Pos::default(),
        }
    }
}

/// Origins are metadata: they never make two descriptions of the same API differ.
impl PartialEq for Origin {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// One API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The API's name as written (`losant`); a snake_case identifier.
    pub name: String,
    /// Human title.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Default base URL, without a trailing `/`.
    pub base_url: String,
    /// How requests authenticate, unless an action says otherwise.
    pub auth: Auth,
    /// Headers sent on every request, in order.
    pub headers: Vec<(String, String)>,
    /// The API's media types.
    pub media_types: MediaTypes,
    /// Optional query and header parameters every action accepts.
    pub params: Vec<Param>,
    /// The header that carries an idempotency key, when the API documents one.
    pub idempotency_header: Option<String>,
    /// Resources, in file-name order.
    pub resources: Vec<Resource>,
    /// Named models, in file and then written order.
    pub models: Vec<Model>,
    /// The spec files this API was read from, relative to the spec root's parent, sorted.
    pub spec_files: Vec<PathBuf>,
    /// The `api:` file.
    pub origin: Origin,
}

/// The API-wide media types.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaTypes {
    /// `Content-Type` of JSON request bodies.
    pub request: String,
    /// Media types of JSON success bodies.
    pub success: Vec<String>,
    /// Media types of error bodies.
    pub error: Vec<String>,
}

/// A named model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The name as published (`apiTokenPost`).
    pub name: String,
    /// Its shape.
    pub schema: Schema,
    /// The spec file it is defined in, relative to the spec root's parent, `/`-separated
    /// (`specs/losant/models.yaml`).
    pub spec_file: PathBuf,
    /// Where the name was written.
    pub origin: Origin,
}

/// One resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// Name as in the docs (`instanceApiTokens`).
    pub name: String,
    /// Heading in the docs.
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// Actions, in doc order.
    pub actions: Vec<Action>,
    /// The spec file it was read from, relative to the spec root's parent, `/`-separated
    /// (`specs/losant/org.yaml`).
    pub spec_file: PathBuf,
    /// Where the name was written.
    pub origin: Origin,
}

/// One action (an operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Name as in the docs (`deviceCounts`).
    pub name: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description (Markdown).
    pub description: Option<String>,
    /// HTTP method.
    pub method: Method,
    /// The full path: the resource's path and the action's suffix.
    pub path: Vec<PathSegment>,
    /// Whether the docs mark it deprecated.
    pub deprecated: bool,
    /// How it authenticates: the API's scheme, or `none` for an action that hands out tokens.
    pub auth: Auth,
    /// What the token must hold, when the docs say.
    pub scopes: Option<Scopes>,
    /// Path, query and header parameters: the resource's path parameters first, then the
    /// action's own in doc order. API-wide parameters are in [`Api::params`], not repeated here.
    pub params: Vec<Param>,
    /// The request body, when the action takes one.
    pub body: Option<RequestBody>,
    /// The success responses (2xx), in doc order.
    pub responses: Vec<Response>,
    /// The documented error responses, in doc order.
    pub errors: Vec<Response>,
    /// How to walk pages, when paginated.
    pub pagination: Option<Pagination>,
    /// Where the name was written.
    pub origin: Origin,
}

impl Action {
    /// The path as a template: `/orgs/{orgId}/members`.
    pub fn path_template(&self) -> String {
        self.path
            .iter()
            .map(|s| match s {
                PathSegment::Literal(l) => l.clone(),
                PathSegment::Param(p) => format!("{{{p}}}"),
            })
            .collect()
    }

    /// The parameter named `name` (wire name).
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    /// Literal text (`/orgs/`).
    Literal(String),
    /// A path parameter, by wire name.
    Param(String),
}

/// What a token must hold: any one of the alternatives, each of which needs all its scopes.
#[derive(Debug, Clone, PartialEq)]
pub struct Scopes {
    /// The alternatives in doc order; never empty, and no alternative is empty.
    pub any_of: Vec<Vec<String>>,
}

impl Scopes {
    /// Every scope named, in doc order, without repeats.
    pub fn all_named(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for scope in self.any_of.iter().flatten() {
            if !out.contains(&scope.as_str()) {
                out.push(scope);
            }
        }
        out
    }

    /// Whether every alternative is a single scope (the Losant "any one of" form).
    pub fn is_any_one(&self) -> bool {
        self.any_of.iter().all(|a| a.len() == 1)
    }
}

/// Where a (non-body) parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParamLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Name on the wire, as documented.
    pub name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether the action needs it. Path parameters always are.
    pub required: bool,
    /// Documentation.
    pub description: Option<String>,
    /// Whether the docs mark it deprecated.
    pub deprecated: bool,
    /// Its type and constraints: a scalar (maybe with an enum, pattern or limits), an array of
    /// scalars, or a reference to a model. `sensitive`, `default` and `example` live here too.
    pub schema: Schema,
    /// How a query value is written; `None` for scalars (their plain text).
    pub style: Option<ParamStyle>,
    /// The `rust_name` override, when given.
    pub rust_name: Option<String>,
    /// Where the name was written.
    pub origin: Origin,
}

/// The request body.
#[allow(
    clippy::large_enum_variant,
    reason = "IR values are built once per spec and read by every emitter: plain variants keep their patterns simple, and size does not matter here"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// One value as the whole body.
    Single(BodyParam),
    /// A `multipart/form-data` body.
    Multipart(Vec<Part>),
    /// An `application/x-www-form-urlencoded` body.
    Form(Vec<Part>),
}

/// A body sent whole.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyParam {
    /// The parameter's documented name (`apiToken`).
    pub name: String,
    /// Documentation.
    pub description: Option<String>,
    /// Whether the action needs it.
    pub required: bool,
    /// Its `Content-Type`.
    pub media_type: String,
    /// What it holds.
    pub kind: BodyKind,
    /// The `rust_name` override, when given.
    pub rust_name: Option<String>,
    /// Where the name was written.
    pub origin: Origin,
}

/// What a whole body holds.
#[allow(
    clippy::large_enum_variant,
    reason = "IR values are built once per spec and read by every emitter: plain variants keep their patterns simple, and size does not matter here"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// A JSON value of this shape (usually a model reference).
    Json(Schema),
    /// Raw bytes.
    Binary,
    /// UTF-8 text.
    Text,
}

/// One part of a multipart body, or one field of a form body.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The part's name.
    pub name: String,
    /// Documentation.
    pub description: Option<String>,
    /// Whether the action needs it.
    pub required: bool,
    /// What it holds.
    pub kind: PartKind,
    /// The `rust_name` override, when given.
    pub rust_name: Option<String>,
    /// Where the name was written.
    pub origin: Origin,
}

/// What a part holds.
#[allow(
    clippy::large_enum_variant,
    reason = "IR values are built once per spec and read by every emitter: plain variants keep their patterns simple, and size does not matter here"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A file: bytes or a stream, with a file name and a content type (this one when the docs
    /// give it).
    File {
        /// The documented content type of the file, if any.
        media_type: Option<String>,
    },
    /// A value: scalars as text, models as JSON text.
    Value(Schema),
}

/// A documented status: an exact code, a class (`4XX`) or every other status (`default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// Every status of a class: 4 for `4XX`, 5 for `5XX`.
    Class(u8),
    /// Every status not otherwise documented.
    Default,
}

impl Status {
    /// `200`, `4XX`, `default`.
    pub fn key(&self) -> String {
        match self {
            Status::Code(c) => c.to_string(),
            Status::Class(c) => format!("{c}XX"),
            Status::Default => "default".into(),
        }
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Its status.
    pub status: Status,
    /// When it happens.
    pub description: String,
    /// Its body.
    pub content: Content,
    /// Documented headers, in doc order.
    pub headers: Vec<ResponseHeader>,
    /// Where the status was written.
    pub origin: Origin,
}

/// The body of a response.
#[allow(
    clippy::large_enum_variant,
    reason = "IR values are built once per spec and read by every emitter: plain variants keep their patterns simple, and size does not matter here"
)]
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No body (204, HEAD, or none documented).
    None,
    /// A JSON body.
    Json {
        /// Its shape (usually a model reference).
        schema: Schema,
        /// Its media type (the API's first, unless the response names another).
        media_type: String,
    },
    /// Raw bytes (a download).
    Binary {
        /// Its media type, when documented.
        media_type: Option<String>,
    },
    /// UTF-8 text.
    Text {
        /// Its media type, when documented.
        media_type: Option<String>,
    },
    /// A stream of server-sent events (`text/event-stream`).
    Events(Vec<EventKind>),
}

/// One kind of server-sent event.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKind {
    /// The event name (`event:` line; `message` when the server sends none).
    pub name: String,
    /// What it says.
    pub description: Option<String>,
    /// The shape of its `data:` as JSON, or `None` for plain text.
    pub data: Option<Schema>,
    /// Where the name was written.
    pub origin: Origin,
}

/// A documented response header.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The header name as documented (`Location`).
    pub name: String,
    /// What it says.
    pub description: Option<String>,
    /// Its type (a scalar) and format; `sensitive` marks a secret.
    pub schema: Schema,
    /// Where the name was written.
    pub origin: Origin,
}

/// How a paginated action walks its pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The style and its parameters.
    pub style: PageStyle,
    /// The integer query parameter holding the page size, when there is one.
    pub per_page: Option<String>,
    /// The path of the success body's field holding the items (an array).
    pub items: FieldPath,
    /// The path of the field holding the total number of items, when documented.
    pub total: Option<FieldPath>,
    /// Where `pagination:` was written.
    pub origin: Origin,
}

/// The three ways of getting to the next page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// Page numbers in an integer query parameter.
    Number {
        /// The query parameter.
        param: String,
        /// The number of the first page (0 or 1).
        first: u64,
    },
    /// A cursor from the body, sent back in a query parameter.
    Cursor {
        /// The query parameter.
        param: String,
        /// The body field holding the next cursor.
        next: FieldPath,
    },
    /// The next page's URL, from the body.
    NextLink {
        /// The body field holding the URL.
        link: FieldPath,
    },
}

/// A path to a field of a JSON body: JSON names from the outside in (`_links`, `next`, `href`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPath(pub Vec<String>);

impl FieldPath {
    /// `_links.next.href`.
    pub fn dotted(&self) -> String {
        self.0.join(".")
    }
}

impl Api {
    /// The model named `name`.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.name == name)
    }

    /// Follows references from `schema` to the first schema that is not a reference (a cycle
    /// of references, which validation rejects, ends at the last one seen).
    pub fn resolve<'a>(&'a self, schema: &'a Schema) -> &'a Schema {
        let mut current = schema;
        for _ in 0..=self.models.len() {
            match &current.kind {
                SchemaKind::Ref(name) => match self.model(name) {
                    Some(model) => current = &model.schema,
                    None => return current,
                },
                _ => return current,
            }
        }
        current
    }

    /// The spec file a resource was read from, relative to the spec root's parent.
    pub fn resource_file(resource: &Resource) -> &Path {
        &resource.spec_file
    }
}
