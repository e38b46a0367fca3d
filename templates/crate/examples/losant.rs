//! Reads an organization and lists an instance's API tokens.
//!
//! ```text
//! LOSANT_TOKEN=… LOSANT_ORG_ID=… LOSANT_INSTANCE_ID=… cargo run -p generated-client --example losant
//! ```
//! `LOSANT_BASE_URL` points it at another server (a local mock, say).

use futures::StreamExt;
use generated_client::losant;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let mut builder = losant::Client::builder().token(var("LOSANT_TOKEN")?);
    if let Ok(url) = std::env::var("LOSANT_BASE_URL") {
        builder = builder.base_url(url);
    }
    let client = builder.build()?;

    let org = client.org().get(var("LOSANT_ORG_ID")?).send().await?;
    println!(
        "organization: {}",
        org.name.as_deref().unwrap_or("(unnamed)")
    );

    let tokens = client
        .instance_api_tokens()
        .get(var("LOSANT_INSTANCE_ID")?)
        .per_page("50")
        .items();
    let mut tokens = std::pin::pin!(tokens);
    while let Some(token) = tokens.next().await {
        let token = token?;
        println!(
            "token: {} ({:?})",
            token.name.as_deref().unwrap_or("?"),
            token.status
        );
    }
    Ok(())
}
