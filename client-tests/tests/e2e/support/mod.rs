//! What the tests share: clients aimed at a local server, the recording server, exhaustive
//! request checks, and realistic response bodies.

pub mod fixtures;
pub mod server;
pub mod wire;

use std::fmt::Display;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use generated_client::{losant, thousandeyes};
use serde_json::Value;

pub use server::Server;

/// The API token; it must never show up in `Debug` or `Display` output.
pub const TOKEN: &str = "tok-3f9a1c77e2b84d0c-SECRET";

pub const ORG_ID: &str = "575ed6e87ae143cd83dc4aa8";
pub const USER_ID: &str = "575ed70c7ae143cd83dc4aa9";
pub const INVITE_ID: &str = "575ed71e7ae143cd83dc4aaa";
pub const INSTANCE_ID: &str = "575ec7417ae143cd83dc4a96";
pub const APP_ID: &str = "575ec8687ae143cd83dc4a97";
pub const DASHBOARD_ID: &str = "575ece2b7ae143cd83dc4a9b";
pub const DEVICE_ID: &str = "575ecf887ae143cd83dc4aa2";
pub const TEST_ID: &str = "202701";

/// A future of one call reduced to whether it succeeded, so that calls of different actions
/// fit in one table.
pub type Sent = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// Boxes a call's future for a table of calls; an error becomes its `Display`.
pub fn sent<T, E: Display>(call: impl Future<Output = Result<T, E>> + Send + 'static) -> Sent {
    Box::pin(async move { call.await.map(drop).map_err(|error| error.to_string()) })
}

/// A Losant client builder aimed at `url`, with millisecond retry backoffs.
pub fn losant_builder(url: &str) -> losant::ClientBuilder {
    losant::Client::builder()
        .token(TOKEN)
        .base_url(url)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

pub fn losant(server: &Server) -> losant::Client {
    losant_builder(&server.url)
        .build()
        .expect("the Losant client builds")
}

/// A ThousandEyes client builder aimed at `url`, under `/v7` like the real base URL.
pub fn thousandeyes_builder(url: &str) -> thousandeyes::ClientBuilder {
    thousandeyes::Client::builder()
        .token(TOKEN)
        .base_url(format!("{url}/v7"))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

pub fn thousandeyes(server: &Server) -> thousandeyes::Client {
    thousandeyes_builder(&server.url)
        .build()
        .expect("the ThousandEyes client builds")
}

/// Re-encoding a decoded model gives back the JSON it was decoded from: no field of the body
/// was dropped or renamed. Numbers compare as f64, since some model fields are `f64` and
/// re-encode `12` as `12.0`.
pub fn assert_round_trip<T: serde::Serialize>(decoded: &T, original: &Value) {
    let again = serde_json::to_value(decoded).expect("models serialize");
    assert_eq!(
        normalize(&again),
        normalize(original),
        "the decoded model lost or changed fields"
    );
}

fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().expect("finite number")),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}
