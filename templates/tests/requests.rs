//! What goes on the wire: headers, path and query encoding, and what is refused before sending.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use client_templates::runtime::{CallOptions, Error, Pattern, Refused};
use common::raw::{RawServer, Reply};
use common::{GET_THING, POST_THING, TOKEN, Thing, ThingResult, client, get_thing, post_thing};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn thing_json() -> serde_json::Value {
    serde_json::json!({"id": "t1", "count": 3})
}

async fn server_answering_things() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json()))
        .mount(&server)
        .await;
    server
}

fn header<'r>(request: &'r wiremock::Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

#[tokio::test]
async fn every_request_carries_auth_accept_user_agent_and_default_headers() {
    let server = server_answering_things().await;
    let client = client(&server.uri());

    get_thing(&client, "t1").await.expect("get succeeds");
    post_thing(&client, &common::thing())
        .await
        .expect("post succeeds");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(
            header(request, "authorization"),
            Some("Bearer secret-token-123")
        );
        assert_eq!(header(request, "accept"), Some("application/json"));
        assert_eq!(
            header(request, "user-agent"),
            Some("generated-client/0.1.0")
        );
        assert_eq!(header(request, "accept-version"), Some("^1.30.0"));
    }
    let (get, post) = (&requests[0], &requests[1]);
    assert_eq!(get.method.as_str(), "GET");
    assert_eq!(
        header(get, "content-type"),
        None,
        "a bodiless GET has no Content-Type"
    );
    assert_eq!(post.method.as_str(), "POST");
    assert_eq!(header(post, "content-type"), Some("application/json"));
    assert_eq!(
        post.body_json::<Thing>().expect("JSON body"),
        common::thing()
    );
}

#[tokio::test]
async fn base_url_with_trailing_slash_and_path_prefix_is_joined_once() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/things/t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(thing_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&format!("{}/v1/", server.uri()));

    get_thing(&client, "t1").await.expect("get succeeds");
}

#[tokio::test]
async fn path_values_are_one_encoded_segment_on_the_wire() {
    let server = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let client = client(&server.url);
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        ("%2E%2E", "%252E%252E"),
        (" ", "%20"),
        ("é", "%C3%A9"),
        ("...", "..."),
        ("a-b_c.d~e", "a-b_c.d~e"),
        ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"),
        ("nul\0", "nul%00"),
        ("../../admin?x=1#f", "..%2F..%2Fadmin%3Fx%3D1%23f"),
    ];

    for (value, _) in cases {
        get_thing(&client, value).await.expect("get succeeds");
    }

    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("GET /things/{encoded} HTTP/1.1"))
        .collect();
    assert_eq!(server.request_lines(), expected);
}

#[tokio::test]
async fn dot_segments_and_empty_path_values_are_refused_without_sending() {
    let server = RawServer::start(Reply::json("{}")).await;
    let client = client(&server.url);

    for value in ["..", ".", ""] {
        let error = get_thing(&client, value).await.expect_err("refused");
        assert!(
            matches!(
                &error,
                Error::Refused {
                    reason: Refused::InvalidParameter {
                        name: "thingId",
                        ..
                    },
                    ..
                }
            ),
            "{value:?}: {error:?}"
        );
    }
    assert_eq!(server.request_lines(), Vec::<String>::new());
}

#[tokio::test]
async fn query_values_are_encoded_and_round_trip() {
    let server = server_answering_things().await;
    let client = client(&server.uri());
    let tricky = "a&b=c#d+e f/é?%";

    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things");
    call.query("q", Some(tricky));
    call.query("omitted", None);
    call.query("sort field", Some("name"));
    let _: Thing = call
        .send_json::<Thing, common::ThingError>()
        .await
        .expect("ok")
        .into_body();

    let requests = server.received_requests().await.expect("recording");
    let url = &requests[0].url;
    assert_eq!(
        url.query(),
        Some("q=a%26b%3Dc%23d%2Be%20f%2F%C3%A9%3F%25&sort%20field=name")
    );
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("q".to_owned(), tricky.to_owned()),
            ("sort field".to_owned(), "name".to_owned()),
        ]
    );
}

#[tokio::test]
async fn api_params_go_where_the_api_declares_them_per_call() {
    let server = server_answering_things().await;
    let client = client(&server.uri());

    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things");
    call.api_param("domain", Some("example.com"));
    call.api_param("region", Some("eu west"));
    call.api_param("domain-not-set", None);
    let error = call
        .send_json::<Thing, common::ThingError>()
        .await
        .expect_err("unknown param");
    assert!(matches!(
        error,
        Error::Refused {
            reason: Refused::InvalidParameter {
                name: "domain-not-set",
                ..
            },
            ..
        }
    ));

    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things");
    call.api_param("domain", Some("example.com"));
    call.api_param("region", Some("eu west"));
    call.send_json::<Thing, common::ThingError>()
        .await
        .expect("ok");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 1, "the refused call sent nothing");
    assert_eq!(header(&requests[0], "domain"), Some("example.com"));
    assert_eq!(requests[0].url.query(), Some("region=eu%20west"));
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_without_sending() {
    let server = server_answering_things().await;
    let client = client(&server.uri());

    for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb", "bell\u{7}"] {
        let mut call = client.core.call(&GET_THING, &CallOptions::default());
        call.path("/things");
        call.header("X-Request-Note", Some(value));
        let error = call
            .send_json::<Thing, common::ThingError>()
            .await
            .expect_err("refused");
        let Error::Refused {
            reason: Refused::InvalidParameter { name, reason },
            ..
        } = &error
        else {
            panic!("expected a refusal, got {error:?}");
        };
        assert_eq!(*name, "X-Request-Note");
        assert!(!reason.contains(value), "the value is not echoed: {reason}");
    }
    assert_eq!(common::request_count(&server).await, 0);
}

static THING_ID: Pattern = Pattern {
    source: "^[A-Fa-f\\d]{24}$",
    ranges: &[('A', 'F'), ('a', 'f'), ('0', '9')],
    min: 24,
    max: 24,
};

async fn get_checked(client: &common::TestClient, id: &str) -> ThingResult<Thing> {
    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things/");
    call.path_param("thingId", id, Some(&THING_ID));
    call.send_json().await
}

#[tokio::test]
async fn values_not_matching_the_pattern_are_refused_naming_the_pattern_not_the_value() {
    let server = server_answering_things().await;
    let client = client(&server.uri());

    let error = get_checked(&client, "../../admin")
        .await
        .expect_err("refused");
    let message = error.to_string();
    assert_eq!(
        message,
        "testapi thing.get was refused before sending: invalid parameter `thingId`: \
         the value does not match the pattern ^[A-Fa-f\\d]{24}$"
    );
    assert_eq!(common::request_count(&server).await, 0);

    get_checked(&client, "575ec7417ae143cd83dc4a96")
        .await
        .expect("valid id is sent");
    assert_eq!(common::request_count(&server).await, 1);
}

#[tokio::test]
async fn actions_outside_the_granted_scopes_are_refused_naming_the_allowing_scopes() {
    let server = server_answering_things().await;
    let client = common::builder(&server.uri())
        .scopes(["thing.get"])
        .build()
        .expect("builds");

    get_thing(&client, "t1")
        .await
        .expect("thing.get is granted");
    let error = post_thing(&client, &common::thing())
        .await
        .expect_err("refused");

    match &error {
        Error::Refused {
            reason:
                Refused::MissingScope {
                    allowed_by,
                    granted,
                },
            action,
            ..
        } => {
            assert_eq!(*allowed_by, POST_THING.scopes);
            assert_eq!(granted, &["thing.get".to_owned()]);
            assert_eq!(action.to_string(), "testapi thing.post");
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("all.Thing or thing.* or thing.post"),
        "{message}"
    );
    assert!(!message.contains(TOKEN));
    assert_eq!(
        common::request_count(&server).await,
        1,
        "only the GET was sent"
    );
}

#[tokio::test]
async fn a_wildcard_scope_matches_when_the_docs_list_it() {
    let server = server_answering_things().await;
    let client = common::builder(&server.uri())
        .scopes(["thing.*"])
        .build()
        .expect("builds");

    post_thing(&client, &common::thing())
        .await
        .expect("thing.* allows thing.post");
}

#[test]
fn build_rejects_missing_token_bad_urls_and_unsendable_tokens() {
    use client_templates::runtime::{BuildError, ClientBuilder};
    use common::TestApi;

    let no_token = ClientBuilder::<TestApi>::new().build();
    assert!(matches!(no_token, Err(BuildError::MissingToken)));
    let empty_token = ClientBuilder::<TestApi>::new().token("  ").build();
    assert!(matches!(empty_token, Err(BuildError::MissingToken)));

    let bad_token = ClientBuilder::<TestApi>::new().token("a\r\nb").build();
    assert!(matches!(bad_token, Err(BuildError::InvalidToken)));

    for url in [
        "not a url",
        "ftp://example.com",
        "https://example.com/?q=1",
        "/relative",
    ] {
        let result = common::builder(url).build();
        assert!(
            matches!(result, Err(BuildError::InvalidBaseUrl { .. })),
            "{url}"
        );
    }

    let with_credentials = common::builder("https://user:hunter2@example.com").build();
    let message = with_credentials
        .expect_err("credentials refused")
        .to_string();
    assert!(!message.contains("hunter2"), "{message}");
}

#[tokio::test]
async fn per_call_headers_replace_defaults_and_bad_ones_are_refused_without_echo() {
    let server = server_answering_things().await;
    let client = client(&server.uri());
    let mut options = CallOptions::default();
    options.add_header("X-Request-Id", "abc");
    options.add_header("Accept-Version", "^2.0.0");

    common::get_thing_with(&client, "t1", &options)
        .await
        .expect("sent");

    for (name, value) in [("X-Note", "a\r\nX-Injected: 1"), ("Bad Name", "v")] {
        let mut bad = CallOptions::default();
        bad.add_header(name, value);
        let error = common::get_thing_with(&client, "t1", &bad)
            .await
            .expect_err("refused");
        let Error::Refused {
            reason: Refused::InvalidHeader { name: refused, .. },
            ..
        } = &error
        else {
            panic!("expected InvalidHeader, got {error:?}");
        };
        assert_eq!(refused, name);
        assert!(!error.to_string().contains("Injected"), "{error}");
    }
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 1, "refused calls sent nothing");
    assert_eq!(header(&requests[0], "x-request-id"), Some("abc"));
    let versions: Vec<_> = requests[0]
        .headers
        .get_all("accept-version")
        .iter()
        .collect();
    assert_eq!(
        versions,
        ["^2.0.0"],
        "the call's header replaces the default"
    );
}

#[tokio::test]
async fn lists_json_and_deep_objects_go_in_the_query_as_documented() {
    use client_templates::runtime::ListStyle;

    let server = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let client = client(&server.url);
    let filter = serde_json::json!({"name": "a b", "tags": ["x", "y"]});

    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things");
    call.query_list("expand", ["owner", "a,b"], ListStyle::Comma);
    call.query_list("id", ["1", "2"], ListStyle::Repeat);
    call.query_list("empty", [], ListStyle::Comma);
    call.query_json("query", Some(&filter));
    call.query_deep("filter", Some(&filter));
    call.accept("application/hal+json");
    call.send_json::<Thing, common::ThingError>()
        .await
        .expect("sent");

    let head = &server.heads()[0];
    let line = head.lines().next().unwrap();
    assert_eq!(
        line,
        "GET /things?expand=owner,a%2Cb&id=1&id=2\
         &query=%7B%22name%22%3A%22a%20b%22%2C%22tags%22%3A%5B%22x%22%2C%22y%22%5D%7D\
         &filter%5Bname%5D=a%20b&filter%5Btags%5D%5B0%5D=x&filter%5Btags%5D%5B1%5D=y HTTP/1.1"
    );
    assert!(
        head.to_ascii_lowercase()
            .contains("accept: application/hal+json\r\n"),
        "{head}"
    );
}

#[tokio::test]
async fn a_scope_set_needs_all_of_its_scopes() {
    use client_templates::runtime::ActionInfo;
    static BOTH: ActionInfo = ActionInfo {
        resource: "alert",
        action: "update",
        method: http::Method::PUT,
        route: "/alerts",
        scopes: &[&["alerts.edit", "tests.edit"]],
        auth: client_templates::runtime::Auth::Bearer,
    };
    let server = server_answering_things().await;
    let send = |scopes: &'static [&'static str]| {
        let client = common::builder(&server.uri())
            .scopes(scopes.iter().copied())
            .build()
            .expect("builds");
        async move {
            let mut call = client.core.call(&BOTH, &CallOptions::default());
            call.path("/alerts");
            call.send_json::<Thing, common::ThingError>().await
        }
    };

    let error = send(&["alerts.edit"]).await.expect_err("one of two");
    assert!(
        error.to_string().contains(
            "(alerts.edit) do not cover what this action needs: (alerts.edit and tests.edit);"
        ),
        "{error}"
    );
    send(&["tests.edit", "alerts.edit"])
        .await
        .expect("both held");
    assert_eq!(common::request_count(&server).await, 1);
}
