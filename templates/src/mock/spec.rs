//! What the mock knows of an API and its actions, from the spec: routes, parameters with their
//! documented constraints, bodies and pagination. Generated code writes these as constants; the
//! server routes every request with them and refuses what the real API would refuse.

use http::Method;

use crate::runtime::Pattern;

/// An API as the mock sees it.
#[derive(Debug)]
pub struct ApiSpec {
    /// The API's name, e.g. `losant`: the diagnostics start with it.
    pub name: &'static str,
    /// The optional query and header parameters every action accepts.
    pub params: &'static [ParamSpec],
}

/// One action as the mock sees it.
#[derive(Debug)]
pub struct ActionSpec {
    /// The resource's name as the spec writes it, e.g. `org`.
    pub resource: &'static str,
    /// The action's name as the spec writes it, e.g. `get`.
    pub action: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, literal pieces and parameters in order.
    pub path: &'static [Segment],
    /// Whether the action needs a bearer token (`Authorization: Bearer …`).
    pub auth: bool,
    /// Its path, query and header parameters (API-wide ones are in [`ApiSpec::params`]).
    pub params: &'static [ParamSpec],
    /// What its request body must be.
    pub body: BodySpec,
    /// How it pages, when it does.
    pub pages: Option<PageSpec>,
}

impl ActionSpec {
    /// `org.get`.
    pub(crate) fn name(&self) -> String {
        format!("{}.{}", self.resource, self.action)
    }

    /// `GET /orgs/{orgId}`.
    pub(crate) fn route(&self) -> String {
        let mut route = format!("{} ", self.method);
        for segment in self.path {
            match segment {
                Segment::Literal(text) => route.push_str(text),
                Segment::Param(name) => {
                    route.push('{');
                    route.push_str(name);
                    route.push('}');
                }
            }
        }
        route
    }
}

/// A piece of a path template.
#[derive(Debug)]
pub enum Segment {
    /// Literal text, e.g. `/orgs/`.
    Literal(&'static str),
    /// A path parameter (exactly one path segment), by wire name.
    Param(&'static str),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

impl Location {
    /// `path parameter`, `query parameter`, `header`.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Self::Path => "path parameter",
            Self::Query => "query parameter",
            Self::Header => "header",
        }
    }
}

/// A path, query or header parameter.
#[derive(Debug)]
pub struct ParamSpec {
    /// Its name on the wire.
    pub name: &'static str,
    /// Where it goes.
    pub at: Location,
    /// Whether a request must carry it.
    pub required: bool,
    /// A secret: diagnostics never repeat its value.
    pub sensitive: bool,
    /// What its value must be.
    pub value: ValueSpec,
}

/// What a parameter's (or a part's) value must be, as documented.
#[derive(Debug)]
pub enum ValueSpec {
    /// Any text.
    Any,
    /// Text, with the documented constraints.
    Text {
        /// The pattern the value matches, when it has a form the runtime checks.
        pattern: Option<&'static Pattern>,
        /// The accepted values; empty when any text is.
        values: &'static [&'static str],
        /// Fewest characters.
        min_length: Option<u64>,
        /// Most characters.
        max_length: Option<u64>,
    },
    /// A whole number.
    Integer {
        /// The accepted values; empty when any number is.
        values: &'static [i64],
        /// Smallest value.
        minimum: Option<f64>,
        /// Largest value.
        maximum: Option<f64>,
    },
    /// Any number.
    Number {
        /// Smallest value.
        minimum: Option<f64>,
        /// Largest value.
        maximum: Option<f64>,
    },
    /// `true` or `false`.
    Boolean,
    /// A list in the query string.
    List {
        /// How the items are written.
        style: ListStyle,
        /// What each item must be.
        item: &'static ValueSpec,
    },
    /// JSON text that decodes into the documented type.
    Json(fn(&str) -> Result<(), String>),
    /// An object or list in bracket notation (`filter[0][key]=a`); only its presence is checked.
    Deep,
}

/// How a list parameter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `a=1&a=2`.
    Repeat,
    /// `a=1,2`.
    Comma,
}

/// What an action's request body must be.
#[derive(Debug)]
pub enum BodySpec {
    /// The action takes no body (one sent anyway is ignored, as servers do).
    None,
    /// A JSON body.
    Json {
        /// The documented `Content-Type`.
        media_type: &'static str,
        /// Whether the body is required.
        required: bool,
        /// Decodes the body into the documented request model.
        decode: fn(&[u8]) -> Result<(), String>,
    },
    /// Raw bytes.
    Bytes {
        /// The documented `Content-Type`.
        media_type: &'static str,
        /// Whether the body is required.
        required: bool,
    },
    /// UTF-8 text.
    Text {
        /// The documented `Content-Type`.
        media_type: &'static str,
        /// Whether the body is required.
        required: bool,
    },
    /// A `multipart/form-data` body.
    Multipart(&'static [PartSpec]),
    /// An `application/x-www-form-urlencoded` body.
    Form(&'static [PartSpec]),
}

/// One part of a multipart body, or one field of a form.
#[derive(Debug)]
pub struct PartSpec {
    /// The part's name.
    pub name: &'static str,
    /// Whether a request must carry it.
    pub required: bool,
    /// A file part (its content is not checked); otherwise a value.
    pub file: bool,
    /// What a value part's text must be.
    pub value: ValueSpec,
}

/// How a paginated action pages, with JSON field paths into its success body.
#[derive(Debug)]
pub struct PageSpec {
    /// How the next page is asked for.
    pub style: PageStyle,
    /// The path of the field holding the items, e.g. `["items"]`.
    pub items: &'static [&'static str],
}

/// The three ways of asking for the next page.
#[derive(Debug)]
pub enum PageStyle {
    /// Page numbers in an integer query parameter.
    Number {
        /// The query parameter.
        param: &'static str,
        /// The number of the first page.
        first: u64,
    },
    /// A cursor from the body, sent back in a query parameter.
    Cursor {
        /// The query parameter.
        param: &'static str,
        /// The body field holding the next cursor.
        next: &'static [&'static str],
    },
    /// The next page's URL, from the body.
    Link {
        /// The body field holding the URL.
        link: &'static [&'static str],
    },
}

/// Decodes `body` as JSON into `T`: the body check of a JSON request body, as a function
/// pointer for [`BodySpec::Json`].
pub fn decodes<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<(), String> {
    serde_json::from_slice::<T>(body)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Decodes `text` as JSON into `T`: the check of a JSON query parameter or part, as a
/// function pointer for [`ValueSpec::Json`].
pub fn decodes_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<(), String> {
    serde_json::from_str::<T>(text)
        .map(drop)
        .map_err(|e| e.to_string())
}
