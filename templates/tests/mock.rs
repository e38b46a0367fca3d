//! The mock server's runtime on its own, through raw HTTP requests: routing, the spec checks,
//! each kind of matcher and its diagnostic, cursor and next-link pages, dropped connections,
//! and the verification report. The actions are written by hand the way `rust_mock` generates
//! them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use client_templates::mock::{
    ActionSpec, ApiSpec, BodySpec, Documented, ListStyle, Location, Matcher, MockAction, MockPaged,
    MockReturns, PageSpec, PageStyle, ParamSpec, PartSpec, Reply, Segment, Server, ValueSpec,
    decodes,
};
use client_templates::runtime::Pattern;
use http::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

static ID: Pattern = Pattern {
    source: "^[a-f0-9]{4}$",
    ranges: &[('a', 'f'), ('0', '9')],
    min: 4,
    max: 4,
};

static API: ApiSpec = ApiSpec {
    name: "testapi",
    params: &[
        ParamSpec {
            name: "region",
            at: Location::Query,
            required: false,
            sensitive: false,
            value: ValueSpec::Text {
                pattern: None,
                values: &["eu", "us"],
                min_length: None,
                max_length: None,
            },
        },
        ParamSpec {
            name: "apiKey",
            at: Location::Query,
            required: false,
            sensitive: true,
            value: ValueSpec::Any,
        },
    ],
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Thing {
    name: String,
}

/// `PUT /things/{thingId}` with a JSON body, a required header and a list query parameter.
enum Put {}

static PUT: ActionSpec = ActionSpec {
    resource: "thing",
    action: "put",
    method: Method::PUT,
    path: &[Segment::Literal("/things/"), Segment::Param("thingId")],
    auth: true,
    params: &[
        ParamSpec {
            name: "thingId",
            at: Location::Path,
            required: true,
            sensitive: false,
            value: ValueSpec::Text {
                pattern: Some(&ID),
                values: &[],
                min_length: None,
                max_length: None,
            },
        },
        ParamSpec {
            name: "X-Secret",
            at: Location::Header,
            required: true,
            sensitive: true,
            value: ValueSpec::Any,
        },
        ParamSpec {
            name: "tags",
            at: Location::Query,
            required: false,
            sensitive: false,
            value: ValueSpec::List {
                style: ListStyle::Comma,
                item: &ValueSpec::Integer {
                    values: &[],
                    minimum: Some(0.0),
                    maximum: None,
                },
            },
        },
        ParamSpec {
            name: "filter",
            at: Location::Query,
            required: false,
            sensitive: false,
            value: ValueSpec::Deep,
        },
    ],
    body: BodySpec::Json {
        media_type: "application/json",
        required: true,
        decode: decodes::<Thing>,
    },
    pages: None,
};

impl MockAction for Put {
    const SPEC: &'static ActionSpec = &PUT;
    type Error = Thing;
    fn error(error: Thing) -> Reply {
        Reply::json(Documented::Class(4), "application/json", &error)
    }
}

impl MockReturns for Put {
    type Success = Thing;
    fn success(success: Thing) -> Reply {
        Reply::json(Documented::Code(200), "application/json", &success).success()
    }
}

/// `POST /login` with a form body.
enum Login {}

static LOGIN: ActionSpec = ActionSpec {
    resource: "session",
    action: "login",
    method: Method::POST,
    path: &[Segment::Literal("/login")],
    auth: false,
    params: &[],
    body: BodySpec::Form(&[
        PartSpec {
            name: "user",
            required: true,
            file: false,
            value: ValueSpec::Any,
        },
        PartSpec {
            name: "remember",
            required: false,
            file: false,
            value: ValueSpec::Boolean,
        },
    ]),
    pages: None,
};

impl MockAction for Login {
    const SPEC: &'static ActionSpec = &LOGIN;
    type Error = ();
    fn error((): ()) -> Reply {
        Reply::empty(Documented::Code(401))
    }
}

impl MockReturns for Login {
    type Success = ();
    fn success((): ()) -> Reply {
        Reply::empty(Documented::Code(204)).success()
    }
}

/// A page of things, walked by cursor or by next link.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Page {
    items: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Value>,
}

fn page(items: &[&str]) -> Page {
    Page {
        items: items.iter().map(|s| (*s).to_owned()).collect(),
        ..Page::default()
    }
}

macro_rules! list_action {
    ($marker:ident, $spec:ident, $path:literal, $style:expr) => {
        enum $marker {}

        static $spec: ActionSpec = ActionSpec {
            resource: "thing",
            action: $path,
            method: Method::GET,
            path: &[Segment::Literal(concat!("/", $path))],
            auth: false,
            params: &[],
            body: BodySpec::None,
            pages: Some(PageSpec {
                style: $style,
                items: &["items"],
            }),
        };

        impl MockAction for $marker {
            const SPEC: &'static ActionSpec = &$spec;
            type Error = ();
            fn error((): ()) -> Reply {
                Reply::empty(Documented::Default)
            }
        }

        impl MockReturns for $marker {
            type Success = Page;
            fn success(success: Page) -> Reply {
                Reply::json(Documented::Code(200), "application/json", &success).success()
            }
        }

        impl MockPaged for $marker {}
    };
}

list_action!(
    ByCursor,
    BY_CURSOR,
    "by-cursor",
    PageStyle::Cursor {
        param: "after",
        next: &["next"],
    }
);
list_action!(
    ByLink,
    BY_LINK,
    "by-link",
    PageStyle::Link {
        link: &["links", "next"],
    }
);

async fn server() -> Server {
    Server::start(&API, vec![&PUT, &LOGIN, &BY_CURSOR, &BY_LINK]).await
}

struct Answer {
    status: u16,
    headers: http::HeaderMap,
    text: String,
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

fn put(server: &Server, path_and_query: &str) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .put(format!("{}{path_and_query}", server.base_url()))
        .bearer_auth("t")
        .header("X-Secret", "s3cret")
        .json(&json!({"name": "a"}))
}

#[tokio::test]
async fn every_matcher_kind_matches_what_it_describes() {
    let server = server().await;
    let mocked = server
        .expect::<Put>()
        .matching(Matcher::path("thingId", "ab12"))
        .matching(Matcher::query_list(
            "tags",
            vec!["1".into(), "2".into()],
            ListStyle::Comma,
        ))
        .matching(Matcher::query_deep("filter", &json!({"a": ["x y"]})))
        .match_query("region", "eu")
        .match_header("x-secret", "s3cret")
        .matching(Matcher::body_json(&json!({"name": "a"})))
        .returns(Thing { name: "b".into() });

    let answer = send(put(
        &server,
        "/things/ab12?tags=1,2&filter%5Ba%5D%5B0%5D=x%20y&region=eu",
    ))
    .await;

    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.text, r#"{"name":"b"}"#);
    assert_eq!(answer.headers["content-type"], "application/json");
    assert_eq!(mocked.received(), 1);
    server.verify().unwrap();
}

#[tokio::test]
async fn a_failed_matcher_is_named_and_a_secret_is_not_shown() {
    let server = server().await;
    server
        .expect::<Put>()
        .matching(Matcher::header("X-Secret", "other").sensitive())
        .returns(Thing { name: "b".into() });

    let answer = send(put(&server, "/things/ab12")).await;

    assert_eq!(answer.status, 501);
    assert_eq!(answer.headers["x-mock-diagnostic"], "unmatched");
    assert_eq!(
        answer.text,
        "mock server of testapi: no expectation matched PUT /things/ab12: no expectation of \
         thing.put matches.\nExpectations, and why each did not match:\n  - #1 thing.put where \
         header X-Secret = <redacted>: header X-Secret is <redacted>, expected <redacted>"
    );
    server.reset();
}

#[tokio::test]
async fn the_spec_checks_list_every_violation() {
    let server = server().await;
    server.expect::<Put>().returns(Thing { name: "b".into() });

    let answer = send(
        reqwest::Client::new()
            .put(format!(
                "{}/things/ab12?tags=1,-2&region=mars",
                server.base_url()
            ))
            .header("content-type", "text/plain")
            .body("{\"nom\": 1}"),
    )
    .await;

    assert_eq!(answer.status, 400);
    assert_eq!(answer.headers["x-mock-diagnostic"], "spec");
    let lines: Vec<&str> = answer.text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "  - the action needs a token and the request has no `Authorization: Bearer …` header",
            "  - the required header X-Secret is missing",
            "  - query parameter tags is \"-2\", which is outside 0..",
            "  - query parameter region is \"mars\", which is not one of: eu, us",
            "  - the body's Content-Type is \"text/plain\", the documented one is \"application/json\"",
            "  - the body does not decode into the documented request model: missing field `name` at line 1 column 10",
        ]
    );
    server.reset();
}

#[tokio::test]
async fn requests_for_no_action_say_whether_the_path_exists() {
    let server = server().await;

    let wrong_method =
        send(reqwest::Client::new().get(format!("{}/things/ab12", server.base_url()))).await;
    let no_path = send(reqwest::Client::new().get(format!("{}/nothing", server.base_url()))).await;

    assert_eq!(wrong_method.status, 501);
    assert_eq!(
        wrong_method.text,
        "mock server of testapi: no expectation matched GET /things/ab12: no action of testapi \
         answers this method on this path (documented: PUT /things/{thingId}).\nNo expectation \
         is registered."
    );
    assert!(
        no_path
            .text
            .contains(": no action of testapi has this path."),
        "{}",
        no_path.text
    );
    assert_eq!(server.verify().unwrap_err().problems().len(), 2);
    server.reset();
}

#[tokio::test]
async fn form_fields_are_matched_and_checked() {
    let server = server().await;
    server
        .expect::<Login>()
        .matching(Matcher::form("user", "ada lovelace"))
        .times(1)
        .returns(());
    let login = |body: &'static str| {
        reqwest::Client::new()
            .post(format!("{}/login", server.base_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    };

    let ok = send(login("user=ada+lovelace&remember=true")).await;
    let bad = send(login("remember=maybe")).await;

    assert_eq!(ok.status, 204);
    assert_eq!(bad.status, 400);
    assert!(
        bad.text.ends_with(
            "\n  - the required form field user is missing\n  - form field remember is \
             \"maybe\", which is not `true` or `false`"
        ),
        "{}",
        bad.text
    );
    server.reset();
}

#[tokio::test]
async fn cursor_pages_hand_out_cursors_that_select_the_next_page() {
    let server = server().await;
    let mut last = page(&["c"]);
    last.next = None;
    server
        .expect::<ByCursor>()
        .returns_pages(vec![page(&["a"]), page(&["b"]), last]);
    let get =
        |query: &str| reqwest::Client::new().get(format!("{}/by-cursor{query}", server.base_url()));

    let first: Value = serde_json::from_str(&send(get("")).await.text).unwrap();
    let second: Value =
        serde_json::from_str(&send(get("?after=mock-cursor-1")).await.text).unwrap();
    let third: Value = serde_json::from_str(&send(get("?after=mock-cursor-2")).await.text).unwrap();
    let unknown = send(get("?after=bogus")).await;

    assert_eq!(first, json!({"items": ["a"], "next": "mock-cursor-1"}));
    assert_eq!(second, json!({"items": ["b"], "next": "mock-cursor-2"}));
    assert_eq!(third, json!({"items": ["c"]}));
    assert_eq!(unknown.status, 501);
    assert!(
        unknown.text.ends_with(
            "cannot serve it: query after is \"bogus\", a cursor none of the pages hands out"
        ),
        "{}",
        unknown.text
    );
    server.reset();
}

#[tokio::test]
async fn link_pages_link_to_the_next_page_with_the_same_query() {
    let server = server().await;
    let mut second = page(&["b"]);
    second.links = Some(json!({"next": "/by-link?custom=1"}));
    server
        .expect::<ByLink>()
        .returns_pages(vec![page(&["a"]), second, page(&["c"])]);
    let base = server.base_url().to_owned();
    let get = |url: String| reqwest::Client::new().get(url);

    let first: Value =
        serde_json::from_str(&send(get(format!("{base}/by-link?region=eu"))).await.text).unwrap();
    let next = first["links"]["next"].as_str().unwrap().to_owned();
    let second: Value = serde_json::from_str(&send(get(next.clone())).await.text).unwrap();
    let third: Value =
        serde_json::from_str(&send(get(format!("{base}/by-link?custom=1"))).await.text).unwrap();

    assert_eq!(next, format!("{base}/by-link?region=eu&__mock_page=1"));
    assert_eq!(
        second,
        json!({"items": ["b"], "links": {"next": "/by-link?custom=1"}})
    );
    assert_eq!(third, json!({"items": ["c"]}));
    server.verify().unwrap();
}

#[tokio::test]
async fn a_disconnecting_expectation_closes_the_connection() {
    let server = server().await;
    server.expect::<Login>().disconnects();

    let result = reqwest::Client::new()
        .post(format!("{}/login", server.base_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("user=a")
        .send()
        .await;

    assert!(result.is_err(), "{result:?}");
    server.verify().unwrap();
}

#[tokio::test]
async fn a_status_outside_the_documented_class_is_reported() {
    let server = server().await;
    server
        .expect::<Put>()
        .with_status(404)
        .fails(Thing { name: "x".into() });
    server
        .expect::<Put>()
        .with_status(503)
        .fails(Thing { name: "y".into() });

    let answer = send(put(&server, "/things/ab12")).await;
    let report = server.verify().unwrap_err();

    assert_eq!(answer.status, 404);
    assert_eq!(
        report.problems(),
        ["expectation #2 thing.put cannot work: status 503 is not the documented Class(4)"]
    );
    server.reset();
}

#[tokio::test]
#[should_panic(
    expected = "mock server of testapi verification failed, 1 problem:\n1. expectation #1 thing.put wanted exactly 1 request, and received 0"
)]
async fn dropping_the_server_verifies_it() {
    let server = server().await;
    server
        .expect::<Put>()
        .times(1)
        .returns(Thing { name: "b".into() });
}

#[tokio::test]
async fn a_dropped_server_stops_serving() {
    let server = server().await;
    let url = format!("{}/login", server.base_url());
    drop(server);

    let result = reqwest::Client::new().post(url).send().await;

    assert!(result.is_err(), "{result:?}");
}

#[test]
fn starting_outside_a_tokio_runtime_is_an_error_not_a_panic() {
    let result = futures::executor::block_on(Server::try_start(&API, vec![&PUT]));

    let error = result.unwrap_err();
    assert!(error.to_string().contains("no reactor running"), "{error}");
}

#[tokio::test]
async fn diagnostics_never_repeat_a_secret_query_value() {
    let server = server().await;

    let answer = send(reqwest::Client::new().get(format!(
        "{}/nothing?apiKey=s3cret&region=eu",
        server.base_url()
    )))
    .await;

    assert!(
        answer.text.starts_with(
            "mock server of testapi: no expectation matched GET /nothing?apiKey=<redacted>&region=eu:"
        ),
        "{}",
        answer.text
    );
    assert!(!server.verify().unwrap_err().to_string().contains("s3cret"));
    server.reset();
}
