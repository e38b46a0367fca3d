//! The two ways of sending the same request: `PATCH /orgs/{orgId}?summaryInclude=x` with the
//! `losantdomain` header, a JSON body, and the 5 KB `Org` decoded from the answer.

use std::time::Duration;

use generated_client::losant::{self, models::Org, models::OrgPatch};
use reqwest::header::{ACCEPT, USER_AGENT};

use crate::fixture::ORG_ID;

/// The token both paths send.
pub const TOKEN: &str = "bench-token";

/// The `User-Agent` the generated client sends, sent by the hand-written path too.
pub const GENERATED_USER_AGENT: &str = "generated-client/0.1.0";

/// The per-attempt timeout of the generated client's default, set per request by hand.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The request body, built anew for each request by both paths.
pub fn body() -> OrgPatch {
    OrgPatch::new()
        .with_name("Benchmark Organization")
        .with_description("Renamed by the benchmark")
        .with_icon_color("#1e88e5")
}

/// The HTTP client both paths share, with the generated client's default settings.
pub fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        // The generated client follows redirects itself (it drops credentials when the origin
        // changes), so the client it is given must not.
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// The generated client, sending through `http`.
pub fn generated_client(
    http: reqwest::Client,
    base_url: &str,
) -> Result<losant::Client, losant::BuildError> {
    losant::Client::builder()
        .token(TOKEN)
        .base_url(base_url)
        .reqwest_client(http)
        .build()
}

/// The request through the generated client.
pub async fn generated(client: &losant::Client) -> Result<Org, String> {
    client
        .org()
        .patch(ORG_ID, body())
        .summary_include("x")
        .losantdomain("example.com")
        .send()
        .await
        .map_err(|e| e.to_string())
}

/// The same request written by hand with reqwest: the same headers, the same JSON body, the
/// same timeout, the status checked and the body decoded with serde_json into the same model.
pub async fn hand_written(http: &reqwest::Client, base_url: &str) -> Result<Org, String> {
    http.patch(format!("{base_url}/orgs/{ORG_ID}"))
        .query(&[("summaryInclude", "x")])
        .bearer_auth(TOKEN)
        .header("Accept-Version", "^1.30.0")
        .header(ACCEPT, "application/json")
        .header(USER_AGENT, GENERATED_USER_AGENT)
        .header("losantdomain", "example.com")
        .json(&body())
        .timeout(TIMEOUT)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(|e| e.to_string())?
        .json::<Org>()
        .await
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::Server;

    #[test]
    fn both_paths_send_the_same_request_and_decode_the_org() {
        let server = Server::start(crate::fixture::org_json().into()).unwrap();
        let base = format!("http://{}", server.addr());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let http = http_client().unwrap();
        let client = generated_client(http.clone(), &base).unwrap();
        server.record(true);
        let (a, b) = runtime.block_on(async {
            (
                generated(&client).await.unwrap(),
                hand_written(&http, &base).await.unwrap(),
            )
        });
        assert_eq!(a, b);
        let recorded = server.take_recorded();
        assert_eq!(recorded.len(), 2);
        assert_eq!(recorded[0], recorded[1]);
        assert_eq!(recorded[0].method, "PATCH");
        assert_eq!(recorded[0].uri, format!("/orgs/{ORG_ID}?summaryInclude=x"));
    }
}
