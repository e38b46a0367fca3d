//! Futures that generated `send` methods return.

use super::response::Response;
use super::send::Pending;

/// The body of the response `response` resolves to: what `send` returns, where
/// `send_with_response` also gives the status and headers.
pub fn into_body<T: Send + 'static, E: Send + 'static>(
    response: Pending<Response<T>, E>,
) -> Pending<T, E> {
    Box::pin(async move { response.await.map(Response::into_body) })
}
