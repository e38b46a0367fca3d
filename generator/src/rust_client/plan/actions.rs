//! What the Rust client needs to know about each action: its type and method names, its inputs
//! in call order with their Rust types and where they go on the wire, what `send` returns, its
//! error variants and how its pages are walked.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{
    self, BodyKind, Content, EventKind, PageStyle, ParamLocation, ParamStyle, PartKind,
    RequestBody, Schema, SchemaKind, Status,
};
use crate::rust_client::names::{
    MODULE_TYPES, Namespace, PRELUDE_TYPES, RustIdent, status_variant,
};
use crate::rust_client::pattern::{self, CheckedPattern};

use super::types::{Home, RType, TypeId, TypeKind, Types};

/// Builder methods an input's setter must not shadow, and builder fields it must not take.
const BUILDER_MEMBERS: &[&str] = &[
    "core",
    "options",
    "new",
    "send",
    "send_with_response",
    "send_streaming",
    "timeout",
    "operation_timeout",
    "header",
    "idempotency_key",
    "max_pages",
    "pages",
    "items",
    "reconnect",
    "idle_timeout",
    "into_future",
    "request",
];

/// One action, planned.
#[derive(Debug, Clone)]
pub struct ActionPlan<'ir> {
    /// The action.
    pub ir: &'ir ir::Action,
    /// Method on the resource accessor (`device_counts`).
    pub method: RustIdent,
    /// Module and file stem (`device_counts`).
    pub module: RustIdent,
    /// Builder type (`DeviceCounts`).
    pub builder: RustIdent,
    /// Error enum (`DeviceCountsError`).
    pub error: RustIdent,
    /// Inputs: positional ones in call order, then optional ones in doc order. API-wide
    /// parameters are not repeated here.
    pub inputs: Vec<Input<'ir>>,
    /// What a successful `send` returns.
    pub success: Success<'ir>,
    /// The error variants, in doc order.
    pub errors: Vec<Variant<'ir>>,
    /// How its pages are walked.
    pub pagination: Option<PagePlan>,
    /// The typed view of its documented response headers.
    pub headers: Option<HeadersPlan<'ir>>,
    /// Types emitted in its file (parameter enums), in creation order.
    pub local_types: Vec<TypeId>,
}

/// One input of an action: a parameter, the body, or a part of a multipart or form body.
#[derive(Debug, Clone)]
pub struct Input<'ir> {
    /// Name on the wire.
    pub wire: &'ir str,
    /// Rust name of the field, argument and setter.
    pub ident: RustIdent,
    /// Its Rust type.
    pub ty: InputType,
    /// Whether it is a positional argument (required).
    pub required: bool,
    /// Where it goes.
    pub place: Place,
    /// Documentation.
    pub description: Option<&'ir str>,
    /// Its schema, for documented constraints (none for file parts and raw bodies).
    pub schema: Option<&'ir Schema>,
    /// The pattern checked before sending, when the client can check it.
    pub pattern: Option<CheckedPattern>,
    /// A secret: redacted in `Debug`.
    pub sensitive: bool,
}

/// The Rust type of an input.
#[derive(Debug, Clone, PartialEq)]
pub enum InputType {
    /// `String`, taken as `impl Into<String>`.
    Str,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// A generated type: an enum (sent as its value) or a model (sent as JSON).
    Type(RType, Encoding),
    /// A list, taken as `impl IntoIterator`.
    List(Box<InputType>),
    /// Raw bytes, taken as `impl Into<Bytes>`.
    Bytes,
    /// A file part (`runtime::FilePart`).
    File,
}

/// How a generated type is written as a parameter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// An enum: its wire value as text.
    Value,
    /// A model: JSON (or the parameter's style).
    Json,
}

/// How a query value is written: decided here once, so that the client and its mock agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// Bracket notation (`filter[a]=1`).
    Deep,
    /// One JSON text.
    Json,
    /// A list: one item per repeated key, or (`comma`) the items joined by commas.
    List {
        /// Whether the items are joined by commas.
        comma: bool,
    },
    /// The value's text.
    Text,
}

impl QueryForm {
    /// The form of a value of type `ty` written in `style`.
    pub fn of(ty: &InputType, style: Option<ParamStyle>) -> Self {
        match (ty, style) {
            (
                InputType::Type(_, Encoding::Json) | InputType::List(_),
                Some(ParamStyle::DeepObject),
            ) => Self::Deep,
            (InputType::Type(_, Encoding::Json), _)
            | (InputType::List(_), Some(ParamStyle::Json)) => Self::Json,
            (InputType::List(_), style) => Self::List {
                comma: style == Some(ParamStyle::Comma),
            },
            _ => Self::Text,
        }
    }
}

/// Where an input goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A path segment.
    Path,
    /// The query string, written in this style (`None` for scalars).
    Query(Option<ParamStyle>),
    /// A request header.
    Header,
    /// The whole body.
    Body {
        /// Its `Content-Type`.
        media_type: String,
        /// JSON, bytes or text.
        kind: BodyForm,
    },
    /// A part of a multipart body.
    Part,
    /// A field of a form body.
    FormField,
}

/// How a whole body is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyForm {
    /// Serialized as JSON.
    Json,
    /// Sent as is.
    Bytes,
    /// UTF-8 text.
    Text,
}

/// What a successful `send` returns.
#[derive(Debug, Clone)]
pub enum Success<'ir> {
    /// One body type for every success status.
    Single(Payload),
    /// Several success statuses with different bodies: an enum, one variant per status.
    Choice {
        /// The enum (`ApplyTemplateResponse`).
        name: RustIdent,
        /// Its variants.
        variants: Vec<Variant<'ir>>,
    },
    /// A stream of server-sent events.
    Events {
        /// The event enum (`StateStreamEvent`).
        name: RustIdent,
        /// One variant per documented event kind.
        kinds: Vec<(RustIdent, &'ir EventKind, Payload)>,
    },
}

/// The body of one response.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// No body.
    None,
    /// JSON of this type.
    Json(RType),
    /// Raw bytes.
    Bytes,
    /// UTF-8 text.
    Text,
}

/// A documented response as a variant of an enum.
#[derive(Debug, Clone)]
pub struct Variant<'ir> {
    /// Variant name (`NotFound`, `Accepted`).
    pub ident: RustIdent,
    /// The response.
    pub response: &'ir ir::Response,
    /// Its body.
    pub payload: Payload,
}

/// How an action's pages are walked.
#[derive(Debug, Clone)]
pub struct PagePlan {
    /// The style, with the inputs it sets.
    pub style: PageWalk,
    /// The page-size input, when there is one.
    pub per_page: Option<usize>,
    /// The success body type (a page).
    pub page: RType,
    /// The path to the items, and one item's type.
    pub items: Access,
    /// The item type.
    pub item: RType,
    /// The path to the total count.
    pub total: Option<Access>,
}

/// The three ways to the next page.
#[derive(Debug, Clone)]
pub enum PageWalk {
    /// Page numbers in the input at this index.
    Number {
        /// Index into [`ActionPlan::inputs`].
        input: usize,
        /// The first page's number.
        first: u64,
    },
    /// A cursor sent in the input at this index, read from `next`.
    Cursor {
        /// Index into [`ActionPlan::inputs`].
        input: usize,
        /// Where the next cursor is.
        next: Access,
    },
    /// The next page's URL, read from `next`.
    Link {
        /// Where the next URL is.
        next: Access,
    },
}

/// A path into a body: struct fields from the outside in.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    /// Each step's field and whether it is an `Option` (optional or nullable).
    pub steps: Vec<(RustIdent, bool)>,
}

/// The typed view of an action's documented response headers.
#[derive(Debug, Clone)]
pub struct HeadersPlan<'ir> {
    /// The struct (`CreateHeaders`).
    pub name: RustIdent,
    /// Accessor name, header, and its scalar type.
    pub headers: Vec<(RustIdent, &'ir ir::ResponseHeader, InputType)>,
}

/// Methods of a resource's accessor that an action's method must not take (its constructor).
const ACCESSOR_MEMBERS: &[&str] = &["new"];

/// Plans the actions of resource `r` of `types.api`, whose module is `resource_module`.
pub fn plan_resource<'ir>(
    types: &mut Types<'ir>,
    r: usize,
    resource: &'ir ir::Resource,
    resource_module: &RustIdent,
    diags: &mut Diagnostics,
) -> Vec<ActionPlan<'ir>> {
    let mut methods = Namespace::default();
    // An action module named like its resource's module (`header_arg/header_arg.rs`) is
    // clippy's `module_inception`: it is suffixed like a reserved one.
    let mut modules = Namespace::with_reserved(&["models", "runtime", resource_module.bare()]);
    let mut out = Vec::new();
    for (a, action) in resource.actions.iter().enumerate() {
        // A name the accessor itself uses gets a suffix, like a type named after a prelude
        // type (`new` -> `new_action`); two actions with one method name are reported.
        let mut method = RustIdent::snake(&action.name);
        if ACCESSOR_MEMBERS.contains(&method.as_str()) {
            method = method.suffixed("_action");
        }
        if !methods.claim_exact(&method) {
            diags.push(
                Diagnostic::new(
                    &*action.origin.file,
                    action.origin.pos,
                    format!(
                        "action `{}` becomes the method `{method}`, which another action of this \
                         resource already has",
                        action.name
                    ),
                )
                .with_help("rename one of the actions; methods of a resource need distinct snake_case names"),
            );
            continue;
        }
        let mut module = RustIdent::module(&action.name, "action");
        if modules.contains(module.as_str()) {
            module = RustIdent::module(&format!("{}_action", module.bare()), "action");
        }
        let module = modules.claim(module);
        let ns = types.resource_namespace(r);
        let builder = ns.claim(RustIdent::type_name(
            &action.name,
            "Action",
            &[PRELUDE_TYPES, MODULE_TYPES],
        ));
        let error = ns.claim(builder.suffixed("Error"));
        let mut planner = ActionPlanner {
            types: &mut *types,
            home: Home::Action(r, a),
            builder: &builder,
            diags: &mut *diags,
            local_start: 0,
        };
        planner.local_start = planner.types.defs.len();
        let inputs = planner.inputs(action);
        let success = planner.success(r, action);
        let errors = planner.variants(&action.errors, false);
        let pagination = planner.pagination(action, &inputs, &success);
        let headers = planner.headers(r, action);
        let local_types = (planner.local_start..planner.types.defs.len())
            .filter(|&id| {
                planner
                    .types
                    .defs
                    .get(id)
                    .is_some_and(|d| d.home == Home::Action(r, a))
            })
            .collect();
        out.push(ActionPlan {
            ir: action,
            method,
            module,
            builder,
            error,
            inputs,
            success,
            errors,
            pagination,
            headers,
            local_types,
        });
    }
    out
}

/// Plans the API-wide parameters (builder setters on every action and on the client builder).
pub fn plan_api_params<'ir>(
    types: &mut Types<'ir>,
    api: &'ir ir::Api,
    diags: &mut Diagnostics,
) -> Vec<Input<'ir>> {
    let builder = RustIdent::camel("Api");
    let mut planner = ActionPlanner {
        types,
        home: Home::Api,
        builder: &builder,
        diags,
        local_start: 0,
    };
    let mut idents = Namespace::with_reserved(BUILDER_MEMBERS);
    api.params
        .iter()
        .filter_map(|p| planner.param(p, &mut idents))
        .collect()
}

struct ActionPlanner<'a, 'ir> {
    types: &'a mut Types<'ir>,
    home: Home,
    builder: &'a RustIdent,
    diags: &'a mut Diagnostics,
    local_start: usize,
}

impl<'ir> ActionPlanner<'_, 'ir> {
    /// Inputs in call order: path parameters as the path uses them, then other required
    /// parameters in doc order, then the body and required parts; then optional inputs in doc
    /// order.
    fn inputs(&mut self, action: &'ir ir::Action) -> Vec<Input<'ir>> {
        let mut idents = Namespace::with_reserved(BUILDER_MEMBERS);
        let mut all: Vec<Input<'ir>> = Vec::new();
        for p in &action.params {
            if let Some(input) = self.param(p, &mut idents) {
                all.push(input);
            }
        }
        match &action.body {
            Some(RequestBody::Single(body)) => {
                if let Some(input) = self.body(body, &mut idents) {
                    all.push(input);
                }
            }
            Some(RequestBody::Multipart(parts)) => {
                for part in parts {
                    all.extend(self.part(part, Place::Part, &mut idents));
                }
            }
            Some(RequestBody::Form(parts)) => {
                for part in parts {
                    all.extend(self.part(part, Place::FormField, &mut idents));
                }
            }
            None => {}
        }
        let path_order: Vec<&str> = action
            .path
            .iter()
            .filter_map(|s| match s {
                ir::PathSegment::Param(name) => Some(name.as_str()),
                ir::PathSegment::Literal(_) => None,
            })
            .collect();
        let mut ordered: Vec<Input<'ir>> = Vec::new();
        for name in path_order {
            if let Some(i) = all
                .iter()
                .position(|p| p.wire == name && p.place == Place::Path)
            {
                ordered.push(all.remove(i));
            }
        }
        let (required, optional): (Vec<_>, Vec<_>) = all.into_iter().partition(|p| p.required);
        let (bodies, others): (Vec<_>, Vec<_>) = required
            .into_iter()
            .partition(|p| matches!(p.place, Place::Body { .. } | Place::Part | Place::FormField));
        ordered.extend(others);
        ordered.extend(bodies);
        ordered.extend(optional);
        ordered
    }

    fn claim(
        &mut self,
        idents: &mut Namespace,
        wire: &str,
        rust_name: Option<&str>,
        origin: &ir::Origin,
    ) -> Option<RustIdent> {
        let mut ident = RustIdent::snake(rust_name.unwrap_or(wire));
        if let Some(given) = rust_name {
            if RustIdent::snake(given).as_str() != given {
                self.diags.push(
                    Diagnostic::new(
                        &*origin.file,
                        origin.pos,
                        format!("`rust_name: {given}` is not a snake_case Rust identifier"),
                    )
                    .with_help(format!("use `{}`", RustIdent::snake(given))),
                );
            }
        }
        if BUILDER_MEMBERS.contains(&ident.bare()) {
            ident = ident.suffixed("_param");
        }
        if idents.claim_exact(&ident) {
            return Some(ident);
        }
        self.diags.push(
            Diagnostic::new(
                &*origin.file,
                origin.pos,
                format!("`{wire}` becomes the Rust name `{ident}`, which another parameter of this action already has"),
            )
            .with_help("add `rust_name:` to one of them"),
        );
        None
    }

    fn param(&mut self, p: &'ir ir::Param, idents: &mut Namespace) -> Option<Input<'ir>> {
        let ident = self.claim(idents, &p.name, p.rust_name.as_deref(), &p.origin)?;
        let hint = format!(
            "{}{}",
            self.builder.bare(),
            RustIdent::camel(&p.name).bare()
        );
        let place = format!(
            "The accepted values of `{}` of [`{}`].",
            p.name, self.builder
        );
        let ty = self.input_type(&p.schema, &hint, place);
        let place = match p.location {
            ParamLocation::Path => Place::Path,
            ParamLocation::Query => Place::Query(p.style),
            ParamLocation::Header => Place::Header,
        };
        let pattern = match (&p.schema.kind, &ty) {
            (SchemaKind::String(s), InputType::Str) => {
                s.pattern.as_deref().and_then(pattern::translate)
            }
            _ => None,
        };
        Some(Input {
            wire: &p.name,
            ident,
            ty,
            required: p.required || p.location == ParamLocation::Path,
            place,
            description: p.description.as_deref(),
            schema: Some(&p.schema),
            pattern,
            sensitive: p.schema.sensitive,
        })
    }

    fn body(&mut self, body: &'ir ir::BodyParam, idents: &mut Namespace) -> Option<Input<'ir>> {
        let ident = self.claim(idents, &body.name, body.rust_name.as_deref(), &body.origin)?;
        let (ty, form, schema) = match &body.kind {
            BodyKind::Json(schema) => {
                let hint = format!("{}Body", self.builder.bare());
                let ty = self.types.type_of(schema, &hint, None, self.home);
                (
                    InputType::Type(ty, Encoding::Json),
                    BodyForm::Json,
                    Some(schema),
                )
            }
            BodyKind::Binary => (InputType::Bytes, BodyForm::Bytes, None),
            BodyKind::Text => (InputType::Str, BodyForm::Text, None),
        };
        Some(Input {
            wire: &body.name,
            ident,
            ty,
            required: body.required,
            place: Place::Body {
                media_type: body.media_type.clone(),
                kind: form,
            },
            description: body.description.as_deref(),
            schema,
            pattern: None,
            sensitive: schema.is_some_and(|s| s.sensitive),
        })
    }

    fn part(
        &mut self,
        part: &'ir ir::Part,
        place: Place,
        idents: &mut Namespace,
    ) -> Option<Input<'ir>> {
        let ident = self.claim(idents, &part.name, part.rust_name.as_deref(), &part.origin)?;
        let (ty, schema) = match &part.kind {
            PartKind::File { .. } => (InputType::File, None),
            PartKind::Value(schema) => {
                let hint = format!(
                    "{}{}",
                    self.builder.bare(),
                    RustIdent::camel(&part.name).bare()
                );
                let place = format!(
                    "The accepted values of `{}` of [`{}`].",
                    part.name, self.builder
                );
                (self.input_type(schema, &hint, place), Some(schema))
            }
        };
        let structured = matches!(
            ty,
            InputType::List(_) | InputType::Type(_, Encoding::Json) | InputType::File
        );
        if place == Place::FormField && structured {
            self.diags.push(
                Diagnostic::new(
                    &*part.origin.file,
                    part.origin.pos,
                    format!("form field `{}` is not a scalar or an enum", part.name),
                )
                .with_help("URL-encoded forms carry text: use `type: string` (or integer, number, boolean), or send the body as multipart"),
            );
            return None;
        }
        Some(Input {
            wire: &part.name,
            ident,
            ty,
            required: part.required,
            place,
            description: part.description.as_deref(),
            schema,
            pattern: None,
            sensitive: schema.is_some_and(|s| s.sensitive),
        })
    }

    /// The Rust type of a parameter or part value.
    fn input_type(&mut self, schema: &'ir Schema, hint: &str, place: String) -> InputType {
        match &schema.kind {
            SchemaKind::String(s) if s.values.is_empty() => InputType::Str,
            SchemaKind::Integer { values, .. } if values.is_empty() => InputType::I64,
            SchemaKind::Number { values, .. } if values.is_empty() => InputType::F64,
            SchemaKind::Boolean { .. } => InputType::Bool,
            SchemaKind::Array(array) => {
                InputType::List(Box::new(self.input_type(&array.items, hint, place)))
            }
            _ => {
                let ty = self.types.type_of(schema, hint, Some(place), self.home);
                let encoding = if self.is_value(&ty) {
                    Encoding::Value
                } else {
                    Encoding::Json
                };
                InputType::Type(ty, encoding)
            }
        }
    }

    /// Whether `ty` is written as a plain value (an enum, or an alias of a scalar).
    fn is_value(&self, ty: &RType) -> bool {
        match ty {
            RType::Named(id) => match self.types.defs.get(*id).map(|d| &d.kind) {
                Some(TypeKind::Enum(_)) => true,
                Some(TypeKind::Alias(inner)) => self.is_value(inner),
                _ => false,
            },
            RType::String | RType::I64 | RType::F64 | RType::Bool => true,
            _ => false,
        }
    }

    fn success(&mut self, r: usize, action: &'ir ir::Action) -> Success<'ir> {
        if let Some(response) = action
            .responses
            .iter()
            .find(|resp| matches!(resp.content, Content::Events(_)))
        {
            let Content::Events(kinds) = &response.content else {
                return Success::Single(Payload::None);
            };
            if action.responses.len() > 1 {
                self.diags.push(
                    Diagnostic::new(
                        &*response.origin.file,
                        response.origin.pos,
                        "an event stream must be the action's only success response",
                    )
                    .with_help("move the other success responses to an action of their own"),
                );
            }
            let name = self
                .types
                .resource_namespace(r)
                .claim(self.builder.suffixed("Event"));
            let mut idents = Namespace::with_reserved(&["Unknown"]);
            let kinds = kinds
                .iter()
                .map(|kind| {
                    let ident = idents.claim(RustIdent::camel(&kind.name));
                    let payload = match &kind.data {
                        Some(schema) => {
                            let hint = format!("{}{}", name.bare(), ident.bare());
                            Payload::Json(self.types.type_of(schema, &hint, None, self.home))
                        }
                        None => Payload::Text,
                    };
                    (ident, kind, payload)
                })
                .collect();
            return Success::Events { name, kinds };
        }
        let variants = self.variants(&action.responses, true);
        let first = variants.first().map(|v| v.payload.clone());
        match first {
            Some(payload) if variants.iter().all(|v| v.payload == payload) => {
                Success::Single(payload)
            }
            Some(_) => {
                let name = self
                    .types
                    .resource_namespace(r)
                    .claim(self.builder.suffixed("Response"));
                Success::Choice { name, variants }
            }
            None => Success::Single(Payload::None),
        }
    }

    fn variants(&mut self, responses: &'ir [ir::Response], success: bool) -> Vec<Variant<'ir>> {
        let mut idents = Namespace::default();
        responses
            .iter()
            .map(|response| {
                let ident = idents.claim(status_variant(response.status));
                let payload = match &response.content {
                    Content::None | Content::Events(_) => Payload::None,
                    Content::Json { schema, .. } => {
                        let what = if success { "Response" } else { "Error" };
                        let hint = format!("{}{what}{}", self.builder.bare(), ident.bare());
                        Payload::Json(self.types.type_of(schema, &hint, None, self.home))
                    }
                    Content::Binary { .. } => Payload::Bytes,
                    Content::Text { .. } => Payload::Text,
                };
                Variant {
                    ident,
                    response,
                    payload,
                }
            })
            .collect()
    }

    fn pagination(
        &mut self,
        action: &'ir ir::Action,
        inputs: &[Input<'ir>],
        success: &Success<'ir>,
    ) -> Option<PagePlan> {
        let pagination = action.pagination.as_ref()?;
        let Success::Single(Payload::Json(page)) = success else {
            return None;
        };
        let input = |name: &str| inputs.iter().position(|i| i.wire == name);
        let (items, item) = self.access(page, &pagination.items.0)?;
        let RType::Vec(item) = item else { return None };
        let total = match &pagination.total {
            Some(path) => Some(self.access(page, &path.0)?.0),
            None => None,
        };
        let style = match &pagination.style {
            PageStyle::Number { param, first } => PageWalk::Number {
                input: input(param)?,
                first: *first,
            },
            PageStyle::Cursor { param, next } => PageWalk::Cursor {
                input: input(param)?,
                next: self.access(page, &next.0)?.0,
            },
            PageStyle::NextLink { link } => PageWalk::Link {
                next: self.access(page, &link.0)?.0,
            },
        };
        Some(PagePlan {
            style,
            per_page: pagination.per_page.as_deref().and_then(input),
            page: page.clone(),
            items,
            item: *item,
            total,
        })
    }

    /// The field path `path` into values of type `ty`, and the type it reaches.
    fn access(&self, ty: &RType, path: &[String]) -> Option<(Access, RType)> {
        let mut steps = Vec::new();
        let mut current = ty.clone();
        for name in path {
            let id = self.struct_of(&current)?;
            let TypeKind::Struct { fields, .. } = &self.types.defs.get(id)?.kind else {
                return None;
            };
            let field = fields.iter().find(|f| f.json == *name)?;
            let nullable = matches!(field.ty, RType::Option(_));
            steps.push((field.ident.clone(), !field.required || nullable));
            current = unwrap_option(&field.ty);
        }
        Some((Access { steps }, current))
    }

    fn struct_of(&self, ty: &RType) -> Option<TypeId> {
        match ty {
            RType::Named(id) => match &self.types.defs.get(*id)?.kind {
                TypeKind::Struct { .. } => Some(*id),
                TypeKind::Alias(inner) => self.struct_of(inner),
                _ => None,
            },
            RType::Option(inner) | RType::Boxed(inner) => self.struct_of(inner),
            _ => None,
        }
    }

    fn headers(&mut self, r: usize, action: &'ir ir::Action) -> Option<HeadersPlan<'ir>> {
        let mut idents = Namespace::default();
        let mut headers: Vec<(RustIdent, &'ir ir::ResponseHeader, InputType)> = Vec::new();
        for header in action.responses.iter().flat_map(|resp| &resp.headers) {
            if headers
                .iter()
                .any(|(_, h, _)| h.name.eq_ignore_ascii_case(&header.name))
            {
                continue;
            }
            let ty = match &header.schema.kind {
                SchemaKind::Integer { .. } => InputType::I64,
                SchemaKind::Number { .. } => InputType::F64,
                SchemaKind::Boolean { .. } => InputType::Bool,
                _ => InputType::Str,
            };
            headers.push((idents.claim(RustIdent::snake(&header.name)), header, ty));
        }
        if headers.is_empty() {
            return None;
        }
        let name = self
            .types
            .resource_namespace(r)
            .claim(self.builder.suffixed("Headers"));
        Some(HeadersPlan { name, headers })
    }
}

fn unwrap_option(ty: &RType) -> RType {
    match ty {
        RType::Option(inner) | RType::Boxed(inner) => unwrap_option(inner),
        other => other.clone(),
    }
}

/// Every error status of `action` answered by a variant, for `ErrorBody::decode`: exact codes
/// first, then classes, then `default`.
pub fn decode_order<'a, 'ir>(variants: &'a [Variant<'ir>]) -> Vec<&'a Variant<'ir>> {
    let mut ordered: Vec<&Variant<'ir>> = variants.iter().collect();
    ordered.sort_by_key(|v| match v.response.status {
        Status::Code(_) => 0,
        Status::Class(_) => 1,
        Status::Default => 2,
    });
    ordered
}
