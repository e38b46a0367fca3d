//! Creates a snapshot of a ThousandEyes test covering the last hour.
//!
//! ```text
//! THOUSANDEYES_TOKEN=… THOUSANDEYES_TEST_ID=… cargo run -p generated-client --example thousandeyes
//! ```
//! `THOUSANDEYES_BASE_URL` points it at another server (a local mock, say).

use generated_client::thousandeyes::{
    self, models::SnapshotRequest, snapshots::CreateTestSnapshotError,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = thousandeyes::Client::builder().token(var("THOUSANDEYES_TOKEN")?);
    if let Ok(url) = std::env::var("THOUSANDEYES_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    let request = SnapshotRequest::new("Last hour", "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z");
    match client
        .snapshots()
        .create_test_snapshot(var("THOUSANDEYES_TEST_ID")?, request)
        .send()
        .await
    {
        Ok(snapshot) => println!("snapshot {:?} created", snapshot.id),
        Err(error) => match error.api_error() {
            Some(CreateTestSnapshotError::BadRequest(invalid)) => {
                for item in invalid.errors.iter().flatten() {
                    println!("invalid {:?}: {:?}", item.field, item.message);
                }
            }
            _ => return Err(error.into()),
        },
    }
    Ok(())
}
