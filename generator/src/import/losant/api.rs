//! The `api:` file: what the published folder does not say per action.

use serde_json::json;

use crate::import::yaml_writer::{Entry, Node};

/// The `Accept-Version` Losant's own SDK sends: `losant-rest` 4.2.0, the release the published
/// folder comes from, was generated for API version 1.30.0 and sends `^1.30.0`
/// (`lib/api/index.js`). The folder itself names no version.
pub const ACCEPT_VERSION: &str = "^1.30.0";

/// The `api:` mapping.
pub fn api() -> Node {
    let mut api = Node::map();
    api.insert("name", Node::str("losant"));
    api.insert("title", Node::str("Losant API"));
    api.insert(
        "description",
        Node::str("The Losant IoT platform REST API."),
    );
    api.insert("base_url", Node::str("https://api.losant.com"));
    api.insert("auth", Node::str("bearer"));
    let mut headers = Node::map();
    headers.insert("Accept-Version", Node::str(ACCEPT_VERSION));
    api.insert_commented(
        "headers",
        headers,
        "losant-rest 4.2.0 (the release the published folder comes from) sends Accept-Version ^1.30.0.",
    );
    api.insert(
        "media_types",
        Node::from(json!({
            "request": "application/json",
            "success": ["application/json"],
            "error": ["application/json"],
        })),
    );
    let parameters = vec![
        Entry::from(Node::from(json!({
            "name": "losantdomain",
            "in": "header",
            "type": "string",
            "description": "Domain scope of request (rarely needed)",
            "example": "example.com",
        }))),
        flag("_actions", "Return resource actions in the response"),
        flag("_links", "Return hypermedia links in the response"),
        flag("_embedded", "Return embedded resources in the response"),
    ];
    api.insert_commented(
        "parameters",
        Node::Seq(parameters),
        "Every Losant action accepts these (losant-rest's lib/api/constants/globalParams.json; the docs\n\
         list losantdomain on every action). Losant's SDKs send `_actions=false&_links=true&_embedded=true`\n\
         on every call; here the three flags are only sent when set on the client or on the call.",
    );
    let mut root = Node::map();
    root.insert("api", api);
    root
}

fn flag(name: &str, description: &str) -> Entry {
    Entry::from(Node::from(json!({
        "name": name,
        "in": "query",
        "type": "boolean",
        "description": description,
    })))
}
