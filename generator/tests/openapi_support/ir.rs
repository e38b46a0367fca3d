//! IRs built in code: small helpers and two fixture APIs (`minimal_api`, `shapes_api`) in the
//! form validation gives them, so that an exported document read back equals them.

use std::path::{Path, PathBuf};

use generator::ir::*;

fn o() -> Origin {
    Origin::unknown()
}

/// An origin in the spec file `file` (`specs/shapes/files.yaml`).
pub fn origin_in(file: &str) -> Origin {
    Origin::new(
        std::sync::Arc::from(Path::new(file)),
        generator::Pos::default(),
    )
}

pub fn schema(kind: SchemaKind) -> Schema {
    Schema::new(kind, o())
}

pub fn string() -> Schema {
    schema(SchemaKind::String(StringType::default()))
}

pub fn integer() -> Schema {
    schema(SchemaKind::Integer {
        constraints: NumberConstraints::default(),
        values: Vec::new(),
    })
}

pub fn reference(name: &str) -> Schema {
    schema(SchemaKind::Ref(name.into()))
}

pub fn array(items: Schema) -> Schema {
    schema(SchemaKind::Array(ArrayType {
        items: Box::new(items),
        min_items: None,
        max_items: None,
        unique_items: false,
    }))
}

pub fn prop(name: &str, schema: Schema, required: bool) -> Property {
    Property {
        name: name.into(),
        schema,
        required,
        rust_name: None,
    }
}

pub fn object(properties: Vec<Property>) -> Schema {
    schema(SchemaKind::Object(ObjectType {
        properties,
        additional: Additional::Unspecified,
        key_pattern: None,
        min_properties: None,
        max_properties: None,
    }))
}

pub fn model(name: &str, schema: Schema) -> Model {
    Model {
        name: name.into(),
        schema,
        spec_file: PathBuf::new(),
        origin: o(),
    }
}

pub fn param(name: &str, location: ParamLocation, required: bool, schema: Schema) -> Param {
    Param {
        name: name.into(),
        location,
        required,
        description: None,
        deprecated: false,
        schema,
        style: None,
        rust_name: None,
        origin: o(),
    }
}

pub fn response(code: u16, description: &str, content: Content) -> Response {
    Response {
        status: Status::Code(code),
        description: description.into(),
        content,
        headers: Vec::new(),
        origin: o(),
    }
}

pub fn json(model: &str) -> Content {
    Content::Json {
        schema: reference(model),
        media_type: "application/json".into(),
    }
}

pub fn path(template: &[&str]) -> Vec<PathSegment> {
    template
        .iter()
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(p) => PathSegment::Param(p.into()),
                None => PathSegment::Literal((*s).into()),
            },
        )
        .collect()
}

pub fn action(name: &str, method: Method, segments: &[&str]) -> Action {
    Action {
        name: name.into(),
        summary: format!("The {name} action"),
        description: None,
        method,
        path: path(segments),
        deprecated: false,
        auth: Auth::Bearer,
        scopes: None,
        params: Vec::new(),
        body: None,
        responses: vec![response(200, "OK", Content::None)],
        errors: Vec::new(),
        pagination: None,
        origin: o(),
    }
}

pub fn api(name: &str, resources: Vec<Resource>, models: Vec<Model>) -> Api {
    Api {
        name: name.into(),
        title: format!("The {name} API"),
        description: None,
        base_url: "https://api.example.com/v1".into(),
        auth: Auth::Bearer,
        headers: Vec::new(),
        media_types: MediaTypes {
            request: "application/json".into(),
            success: vec!["application/json".into()],
            error: vec!["application/json".into()],
        },
        params: Vec::new(),
        idempotency_header: None,
        resources,
        models,
        spec_files: Vec::new(),
        origin: o(),
    }
}

pub fn resource(name: &str, actions: Vec<Action>) -> Resource {
    Resource {
        name: name.into(),
        title: name.to_uppercase(),
        description: None,
        actions,
        spec_file: PathBuf::new(),
        origin: o(),
    }
}

/// Fills in the spec files as the validator records them: `specs/<api>/<resource>.yaml` (snake
/// case) and `specs/<api>/models.yaml` where none is given, and the sorted list of all of them.
pub fn with_spec_files(mut api: Api) -> Api {
    let folder = PathBuf::from("specs").join(&api.name);
    for r in &mut api.resources {
        if r.spec_file.as_os_str().is_empty() {
            r.spec_file = folder.join(format!(
                "{}.yaml",
                heck::ToSnakeCase::to_snake_case(r.name.as_str())
            ));
        }
    }
    for m in &mut api.models {
        if m.spec_file.as_os_str().is_empty() {
            m.spec_file = folder.join("models.yaml");
        }
    }
    let mut files: Vec<PathBuf> = std::iter::once(folder.join("api.yaml"))
        .chain(api.resources.iter().map(|r| r.spec_file.clone()))
        .chain(api.models.iter().map(|m| m.spec_file.clone()))
        .collect();
    files.sort();
    files.dedup();
    api.spec_files = files;
    api
}

/// The smallest API: one resource with one JSON action.
pub fn minimal_api() -> Api {
    let mut get = action("get", Method::Get, &["/things/", "{thingId}"]);
    get.params
        .push(param("thingId", ParamLocation::Path, true, string()));
    get.responses = vec![response(200, "The thing", json("thing"))];
    with_spec_files(api(
        "minimal",
        vec![resource("things", vec![get])],
        vec![model("thing", object(vec![prop("id", string(), true)]))],
    ))
}

/// Every shape of bodies, responses, auth and pagination.
pub fn shapes_api() -> Api {
    let mut list = action("list", Method::Get, &["/files"]);
    let mut cursor = param("cursor", ParamLocation::Query, false, string());
    cursor.description = Some("Where the page starts".into());
    let mut limit = param("limit", ParamLocation::Query, false, {
        let mut s = integer();
        if let SchemaKind::Integer { constraints, .. } = &mut s.kind {
            constraints.minimum = Some(1.0);
            constraints.maximum = Some(100.0);
            constraints.format = Some("int32".into());
        }
        s.default = Some(serde_json::json!(20));
        s
    });
    limit.rust_name = Some("page_size".into());
    let mut tags = param("tag", ParamLocation::Query, false, array(string()));
    tags.style = Some(ParamStyle::Comma);
    let mut filter = param("filter", ParamLocation::Query, false, reference("filter"));
    filter.style = Some(ParamStyle::Json);
    let mut deep = param("where", ParamLocation::Query, false, reference("filter"));
    deep.style = Some(ParamStyle::DeepObject);
    let mut repeat = param("id", ParamLocation::Query, false, array(string()));
    repeat.style = Some(ParamStyle::Repeat);
    list.params = vec![cursor, limit, tags, filter, deep, repeat];
    list.scopes = Some(Scopes {
        any_of: vec![vec!["files.read".into()], vec!["admin".into()]],
    });
    list.pagination = Some(Pagination {
        style: PageStyle::Cursor {
            param: "cursor".into(),
            next: FieldPath(vec!["meta".into(), "next".into()]),
        },
        per_page: Some("limit".into()),
        items: FieldPath(vec!["items".into()]),
        total: Some(FieldPath(vec!["meta".into(), "total".into()])),
        origin: o(),
    });
    list.responses = vec![response(200, "A page of files", json("filePage"))];
    list.errors = vec![
        Response {
            status: Status::Class(4),
            description: "A client error".into(),
            content: Content::Json {
                schema: reference("problem"),
                media_type: "application/problem+json".into(),
            },
            headers: Vec::new(),
            origin: o(),
        },
        Response {
            status: Status::Default,
            description: "Anything else".into(),
            content: Content::Text { media_type: None },
            headers: Vec::new(),
            origin: o(),
        },
    ];

    let mut upload = action("upload", Method::Post, &["/files"]);
    upload.scopes = Some(Scopes {
        any_of: vec![vec!["files.write".into(), "files.read".into()]],
    });
    upload.body = Some(RequestBody::Multipart(vec![
        Part {
            name: "file".into(),
            description: Some("The file".into()),
            required: true,
            kind: PartKind::File {
                media_type: Some("image/png".into()),
            },
            rust_name: None,
            origin: o(),
        },
        Part {
            name: "meta".into(),
            description: None,
            required: false,
            kind: PartKind::Value(reference("filter")),
            rust_name: Some("metadata".into()),
            origin: o(),
        },
    ]));
    upload.responses = vec![
        Response {
            status: Status::Code(201),
            description: "Created".into(),
            content: json("file"),
            headers: vec![ResponseHeader {
                name: "Location".into(),
                description: Some("Where the file is".into()),
                schema: {
                    let mut s = string();
                    if let SchemaKind::String(st) = &mut s.kind {
                        st.format = Some("uri".into());
                    }
                    s
                },
                origin: o(),
            }],
            origin: o(),
        },
        response(202, "Queued", json("job")),
    ];

    let mut download = action(
        "download",
        Method::Get,
        &["/files/", "{fileId}", "/content"],
    );
    download.params = vec![param("fileId", ParamLocation::Path, true, string())];
    download.responses = vec![response(
        200,
        "The bytes",
        Content::Binary {
            media_type: Some("application/octet-stream".into()),
        },
    )];

    let mut replace = action("replace", Method::Put, &["/files/", "{fileId}", "/content"]);
    replace.params = vec![param("fileId", ParamLocation::Path, true, string())];
    replace.body = Some(RequestBody::Single(BodyParam {
        name: "content".into(),
        description: Some("The new bytes".into()),
        required: true,
        media_type: "application/octet-stream".into(),
        kind: BodyKind::Binary,
        rust_name: None,
        origin: o(),
    }));
    replace.responses = vec![response(204, "Replaced", Content::None)];

    let mut rename = action("rename", Method::Post, &["/files/", "{fileId}", "/name"]);
    rename.params = vec![param("fileId", ParamLocation::Path, true, string())];
    rename.body = Some(RequestBody::Single(BodyParam {
        name: "name".into(),
        description: None,
        required: true,
        media_type: "text/plain".into(),
        kind: BodyKind::Text,
        rust_name: None,
        origin: o(),
    }));
    rename.responses = vec![response(
        200,
        "Renamed",
        Content::Text {
            media_type: Some("text/plain".into()),
        },
    )];

    let mut login = action("login", Method::Post, &["/login"]);
    login.auth = Auth::None;
    login.body = Some(RequestBody::Form(vec![
        Part {
            name: "username".into(),
            description: None,
            required: true,
            kind: PartKind::Value(string()),
            rust_name: None,
            origin: o(),
        },
        Part {
            name: "password".into(),
            description: Some("The password".into()),
            required: true,
            kind: PartKind::Value({
                let mut s = string();
                s.sensitive = true;
                s
            }),
            rust_name: None,
            origin: o(),
        },
    ]));
    login.responses = vec![response(200, "A token", json("token"))];

    let mut watch = action("watch", Method::Get, &["/files/events"]);
    watch.responses = vec![response(
        200,
        "File events",
        Content::Events(vec![
            EventKind {
                name: "created".into(),
                description: Some("A file was created".into()),
                data: Some(reference("file")),
                origin: o(),
            },
            EventKind {
                name: "ping".into(),
                description: None,
                data: None,
                origin: o(),
            },
        ]),
    )];
    watch.errors = vec![Response {
        status: Status::Class(5),
        description: "Server trouble".into(),
        content: Content::Binary { media_type: None },
        headers: Vec::new(),
        origin: o(),
    }];

    let mut pages = action("pages", Method::Get, &["/files/numbered"]);
    pages.deprecated = true;
    pages.description = Some("Numbered pages.\n\nUse `list` instead.".into());
    pages.params = vec![param("page", ParamLocation::Query, false, integer()), {
        let mut h = param("X-Request-Id", ParamLocation::Header, true, string());
        h.description = Some("Traces the call".into());
        h.deprecated = true;
        // Validation records the parameter's `deprecated` on its schema too.
        h.schema.deprecated = true;
        h
    }];
    pages.pagination = Some(Pagination {
        style: PageStyle::Number {
            param: "page".into(),
            first: 1,
        },
        per_page: None,
        items: FieldPath(vec!["items".into()]),
        total: None,
        origin: o(),
    });
    pages.responses = vec![response(200, "A page", json("filePage"))];

    let mut links = action("links", Method::Get, &["/files/linked"]);
    links.pagination = Some(Pagination {
        style: PageStyle::NextLink {
            link: FieldPath(vec!["_links".into(), "next".into(), "href".into()]),
        },
        per_page: None,
        items: FieldPath(vec!["items".into()]),
        total: None,
        origin: o(),
    });
    links.responses = vec![response(200, "A page", json("filePage"))];

    let mut health = action("health", Method::Head, &["/health"]);
    health.auth = Auth::None;

    let files = Resource {
        name: "files".into(),
        title: "Files".into(),
        description: Some("Stored files.".into()),
        // `download` before `upload`: the paths object lists `upload` first (same path as
        // `list`), so the tag keeps the order.
        actions: vec![list, download, upload, replace, rename, watch, pages, links],
        spec_file: PathBuf::new(),
        origin: o(),
    };
    // Documented twice with one method and path: OpenAPI holds one operation there, the
    // export keeps the other in `x-more-operations`.
    let mut ping = health.clone();
    ping.name = "ping".into();
    let mut session = resource("session", vec![login, health, ping]);
    // A file name that is not the resource name's: the export keeps it (`x-spec-file`).
    session.spec_file = PathBuf::from("specs/shapes/auth.yaml");
    let files = Resource {
        spec_file: PathBuf::from("specs/shapes/files.yaml"),
        ..files
    };
    let mut models = shapes_models();
    for (i, m) in models.iter_mut().enumerate() {
        let file = if i < 3 {
            "specs/shapes/file_models.yaml"
        } else {
            "specs/shapes/models.yaml"
        };
        m.spec_file = PathBuf::from(file);
    }

    let mut out = api("shapes", vec![session, files], models);
    out.origin = origin_in("specs/shapes/api.yaml");
    out.description = Some("Every shape.".into());
    out.headers = vec![("Accept-Version".into(), "^1.0".into())];
    out.media_types.error = vec!["application/problem+json".into(), "application/json".into()];
    out.idempotency_header = Some("Idempotency-Key".into());
    let mut domain = param("domain", ParamLocation::Header, false, string());
    domain.description = Some("Domain scope".into());
    out.params = vec![
        domain,
        param(
            "pretty",
            ParamLocation::Query,
            false,
            schema(SchemaKind::Boolean { values: Vec::new() }),
        ),
    ];
    with_spec_files(out)
}

/// Models with every kind, constraint and union.
pub fn shapes_models() -> Vec<Model> {
    let mut name = string();
    if let SchemaKind::String(st) = &mut name.kind {
        st.pattern = Some("^[a-z]+$".into());
        st.min_length = Some(1);
        st.max_length = Some(64);
    }
    name.description = Some("A file name".into());
    name.example = Some(serde_json::json!("report"));
    let mut size = integer();
    if let SchemaKind::Integer { constraints, .. } = &mut size.kind {
        constraints.format = Some("int64".into());
        constraints.exclusive_minimum = Some(0.0);
        constraints.multiple_of = Some(512.0);
    }
    size.read_only = true;
    let mut ratio = schema(SchemaKind::Number {
        constraints: NumberConstraints {
            format: Some("double".into()),
            minimum: Some(0.0),
            maximum: Some(1.5),
            ..NumberConstraints::default()
        },
        values: Vec::new(),
    });
    ratio.nullable = true;
    let mut kind = schema(SchemaKind::String(StringType {
        values: vec!["image".into(), "text".into()],
        ..StringType::default()
    }));
    kind.nullable = true;
    kind.default = Some(serde_json::json!("text"));
    let mut owner = reference("owner");
    owner.nullable = true;
    owner.description = Some("Who owns it".into());
    let mut secret = string();
    secret.sensitive = true;
    secret.write_only = true;
    let mut legacy = string();
    legacy.deprecated = true;
    legacy.title = Some("Legacy".into());
    let mut labels = object(Vec::new());
    if let SchemaKind::Object(ob) = &mut labels.kind {
        ob.additional = Additional::Allowed(Box::new(string()));
        ob.key_pattern = Some("^[a-z]+$".into());
        ob.max_properties = Some(10);
    }
    let mut tags = array(string());
    if let SchemaKind::Array(a) = &mut tags.kind {
        a.min_items = Some(1);
        a.max_items = Some(5);
        a.unique_items = true;
    }
    let mut inline = object(vec![prop("x", integer(), true)]);
    inline.name = Some("FilePoint".into());
    if let SchemaKind::Object(ob) = &mut inline.kind {
        ob.additional = Additional::Forbidden;
    }
    let mut file = object(vec![
        prop("name", name, true),
        prop("size", size, true),
        prop("ratio", ratio, false),
        prop("kind", kind, false),
        prop("owner", owner, false),
        prop("secret", secret, false),
        prop("legacy", legacy, false),
        prop("labels", labels, false),
        prop("tags", tags, false),
        prop("point", inline, false),
        Property {
            name: "type".into(),
            schema: string(),
            required: false,
            rust_name: Some("kind_name".into()),
        },
    ]);
    file.description = Some("A stored file".into());
    let mut extra = object(vec![prop("id", string(), true)]);
    if let SchemaKind::Object(ob) = &mut extra.kind {
        ob.additional = Additional::Allowed(Box::new(schema(SchemaKind::Any)));
    }
    let owner_model = schema(SchemaKind::OneOf(OneOf {
        variants: vec![
            reference("user"),
            reference("team"),
            object(vec![prop(
                "kind",
                schema(SchemaKind::String(StringType {
                    values: vec!["bot".into()],
                    ..StringType::default()
                })),
                true,
            )]),
        ],
        discriminator: Some(Discriminator {
            property: "kind".into(),
            mapping: vec![("user".into(), 0), ("team".into(), 1), ("bot".into(), 2)],
        }),
    }));
    let user = object(vec![
        prop("kind", string(), true),
        prop("email", string(), true),
    ]);
    let team = schema(SchemaKind::AllOf(vec![
        reference("extra"),
        object(vec![
            prop("kind", string(), true),
            prop("members", array(reference("user")), false),
        ]),
    ]));
    let level = schema(SchemaKind::Integer {
        constraints: NumberConstraints::default(),
        values: vec![1, 2, 3],
    });
    let weight = schema(SchemaKind::Number {
        constraints: NumberConstraints::default(),
        values: vec![0.5, 1.0],
    });
    let always = schema(SchemaKind::Boolean { values: vec![true] });
    let anything = {
        let mut a = schema(SchemaKind::Any);
        a.description = Some("Free-form".into());
        a
    };
    let untagged = schema(SchemaKind::OneOf(OneOf {
        variants: vec![string(), integer()],
        discriminator: None,
    }));
    vec![
        model("file", file),
        model(
            "filePage",
            object(vec![
                prop("items", array(reference("file")), true),
                prop(
                    "meta",
                    object(vec![
                        prop("next", string(), false),
                        prop("total", integer(), false),
                    ]),
                    false,
                ),
                prop(
                    "_links",
                    object(vec![prop(
                        "next",
                        object(vec![prop("href", string(), true)]),
                        false,
                    )]),
                    false,
                ),
            ]),
        ),
        model("filter", object(vec![prop("name", string(), false)])),
        model("job", object(vec![prop("jobId", string(), true)])),
        model(
            "token",
            object(vec![prop(
                "token",
                {
                    let mut t = string();
                    t.sensitive = true;
                    t
                },
                true,
            )]),
        ),
        model("problem", object(vec![prop("title", string(), true)])),
        model("owner", owner_model),
        model("user", user),
        model("team", team),
        model("extra", extra),
        model("level", level),
        model("weight", weight),
        model("always", always),
        model("anything", anything),
        model("untagged", untagged),
    ]
}
