//! Futures that generated `send` methods return.

use std::future::Future;

use super::error::Error;
use super::response::Response;

/// The body of the response `response` resolves to: what `send` returns, where
/// `send_with_response` also gives the status and headers.
pub async fn into_body<T, E>(
    response: impl Future<Output = Result<Response<T>, Error<E>>>,
) -> Result<T, Error<E>> {
    response.await.map(Response::into_body)
}
