//! Exhaustive checks of what a request carried: method, path, every query pair, every header
//! and the JSON body.

use serde_json::Value;

use super::TOKEN;
use super::server::Seen;

pub const LOSANT_ACCEPT: &str = "application/json";
pub const LOSANT_ACCEPT_VERSION: &str = "^1.30.0";
pub const THOUSANDEYES_ACCEPT: &str =
    "application/hal+json, application/json, application/problem+json";

/// The SDKs' values of Losant's API-wide query flags, as every fully-specified call sends them.
pub const LOSANT_FLAGS: [(&str, &str); 3] = [
    ("_actions", "false"),
    ("_links", "true"),
    ("_embedded", "true"),
];

/// What a request must carry beyond the headers every request of the API has.
#[derive(Debug, Clone)]
pub struct Wire {
    pub method: &'static str,
    pub path: String,
    pub query: Vec<(&'static str, &'static str)>,
    pub body: Option<Value>,
}

/// The query holds exactly `expected` (decoded by the server), in any order.
pub fn assert_query(seen: &Seen, expected: &[(&str, &str)]) {
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    want.sort();
    let mut got = seen.query_pairs();
    got.sort();
    assert_eq!(got, want, "query of {}", seen.uri);
    if expected.is_empty() {
        assert_eq!(seen.raw_query(), None, "no query string at all");
    }
}

/// Checks method, path, the full query, every header and the JSON body of a Losant request
/// (`losantdomain` is the API-wide header, when the call set one).
pub fn assert_losant_request(seen: &Seen, wire: &Wire, losantdomain: Option<&str>) {
    let mut extra = vec![("accept-version", LOSANT_ACCEPT_VERSION)];
    if let Some(domain) = losantdomain {
        extra.push(("losantdomain", domain));
    }
    let authorization = format!("Bearer {TOKEN}");
    assert_request(seen, wire, Some(&authorization), LOSANT_ACCEPT, &extra);
}

/// Like [`assert_losant_request`], for a request that must carry no `Authorization` at all.
pub fn assert_tokenless_losant_request(seen: &Seen, wire: &Wire) {
    let extra = [("accept-version", LOSANT_ACCEPT_VERSION)];
    assert_request(seen, wire, None, LOSANT_ACCEPT, &extra);
}

/// Checks method, path, the full query, every header and the JSON body of a ThousandEyes
/// request.
pub fn assert_thousandeyes_request(seen: &Seen, wire: &Wire) {
    let authorization = format!("Bearer {TOKEN}");
    assert_request(seen, wire, Some(&authorization), THOUSANDEYES_ACCEPT, &[]);
}

fn assert_request(
    seen: &Seen,
    wire: &Wire,
    authorization: Option<&str>,
    accept: &str,
    extra: &[(&str, &str)],
) {
    assert_eq!(seen.method.as_str(), wire.method, "method of {}", seen.uri);
    assert_eq!(seen.path(), wire.path, "path");
    assert_query(seen, &wire.query);

    assert_eq!(seen.header("authorization"), authorization, "Authorization");
    assert_eq!(seen.header("accept"), Some(accept));
    let user_agent = seen.header("user-agent").expect("a User-Agent");
    assert!(
        user_agent.starts_with("generated-client/"),
        "User-Agent {user_agent:?} should start with generated-client/"
    );
    for (name, value) in extra {
        assert_eq!(seen.header(name), Some(*value), "header {name}");
    }

    let mut allowed = vec!["accept", "user-agent", "host"];
    if authorization.is_some() {
        allowed.push("authorization");
    }
    allowed.extend(extra.iter().map(|(name, _)| *name));
    match &wire.body {
        Some(expected) => {
            assert_eq!(seen.header("content-type"), Some("application/json"));
            allowed.extend(["content-type", "content-length"]);
            assert_eq!(&seen.json(), expected, "JSON body of {}", seen.uri);
        }
        None => {
            assert_eq!(
                seen.header("content-type"),
                None,
                "no Content-Type without a body"
            );
            assert!(
                seen.body.is_empty(),
                "no body expected, got {:?}",
                String::from_utf8_lossy(&seen.body)
            );
        }
    }
    let unexpected: Vec<&str> = seen
        .headers
        .keys()
        .map(|name| name.as_str())
        .filter(|name| !allowed.contains(name))
        .collect();
    assert!(unexpected.is_empty(), "unexpected headers: {unexpected:?}");
}
