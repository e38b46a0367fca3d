//! Tests of API-wide parameters set on the builder. `ClientBuilder::api_param` is crate-private
//! (generated setters call it), so these live inside the crate rather than under `tests/`.

use std::sync::Arc;

use http::Method;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::runtime::{
    ActionInfo, Api, ApiInfo, Auth, BuildError, CallOptions, ClientBuilder, Core, Error, ErrorBody,
    ParamLocation, StatusCode,
};

struct ParamApi;

static INFO: ApiInfo = ApiInfo {
    name: "paramapi",
    title: "Param API",
    default_base_url: "https://api.invalid",
    default_headers: &[],
    accept: "application/json",
    content_type: "application/json",
    user_agent: "generated-client/0.1.0",
    auth: Auth::Bearer,
    idempotency_header: None,
};

impl Api for ParamApi {
    type Client = Arc<Core>;
    const INFO: &'static ApiInfo = &INFO;
    const PARAMS: &'static [(&'static str, ParamLocation)] = &[
        ("losantdomain", ParamLocation::Header),
        ("region", ParamLocation::Query),
    ];

    fn wrap(core: Arc<Core>) -> Arc<Core> {
        core
    }
}

static LIST: ActionInfo = ActionInfo {
    resource: "things",
    action: "get",
    method: Method::GET,
    route: "/things",
    scopes: &[&["things.get"]],
    auth: Auth::Bearer,
};

#[derive(Debug)]
struct NoErrors;

impl std::fmt::Display for NoErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no documented errors")
    }
}

impl ErrorBody for NoErrors {
    fn decode(_: StatusCode, _: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        None
    }
}

async fn send(
    core: &Core,
    domain: Option<&str>,
    region: Option<&str>,
) -> Result<(), Error<NoErrors>> {
    let mut call = core.call(&LIST, &CallOptions::default());
    call.path("/things");
    call.api_param("losantdomain", domain);
    call.api_param("region", region);
    call.send_empty().await.map(drop)
}

#[tokio::test]
async fn builder_values_are_sent_unless_a_call_overrides_them() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let core = ClientBuilder::<ParamApi>::new()
        .token("t")
        .base_url(server.uri())
        .api_param("losantdomain", "first.example")
        .api_param("losantdomain", "example.com")
        .api_param("region", "eu west")
        .build()
        .expect("builds");

    send(&core, None, None).await.expect("sent");
    send(&core, Some("other.example"), Some("us"))
        .await
        .expect("sent");

    let requests = server.received_requests().await.expect("recording");
    let seen: Vec<(Option<&str>, Option<&str>)> = requests
        .iter()
        .map(|r| {
            let domain = r.headers.get("losantdomain").and_then(|v| v.to_str().ok());
            (domain, r.url.query())
        })
        .collect();
    assert_eq!(
        seen,
        [
            (Some("example.com"), Some("region=eu%20west")),
            (Some("other.example"), Some("region=us")),
        ]
    );
}

#[test]
fn build_rejects_header_params_that_cannot_be_sent_and_unknown_params() {
    let bad = ClientBuilder::<ParamApi>::new()
        .token("t")
        .api_param("losantdomain", "a\r\nX-Injected: 1")
        .build();
    assert!(matches!(
        bad,
        Err(BuildError::InvalidApiParam {
            name: "losantdomain",
            ..
        })
    ));

    let query_with_newline = ClientBuilder::<ParamApi>::new()
        .token("t")
        .api_param("region", "line\nbreak")
        .build();
    assert!(
        query_with_newline.is_ok(),
        "query values are percent-encoded"
    );

    let unknown = ClientBuilder::<ParamApi>::new()
        .token("t")
        .api_param("nope", "x")
        .build();
    assert!(matches!(
        unknown,
        Err(BuildError::UnknownApiParam { name: "nope" })
    ));
}
