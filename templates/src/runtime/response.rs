//! A successful response, and the mapping of a complete response to success or error.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::api::Operation;
use super::attempt::RawResponse;
use super::error::{Error, ErrorBody};

/// A successful (2xx) response with its decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The status, the headers and the decoded body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

/// Turns a complete response into the call's result: a 2xx body goes through `success`; any
/// other status through the action's [`ErrorBody`]. The content type is not checked, since
/// servers mislabel JSON; a body that does not decode is an [`Error::Decode`] either way.
#[allow(
    clippy::result_large_err,
    reason = "the error's size is the public `Error`'s; it is built once per call, after a \
              network round trip that dwarfs moving it"
)]
pub(crate) fn decode<T, E: ErrorBody>(
    action: Operation,
    raw: RawResponse,
    success: impl FnOnce(&[u8]) -> Result<T, serde_json::Error>,
) -> Result<Response<T>, Error<E>> {
    let RawResponse {
        status,
        headers,
        body,
    } = raw;
    let result = if status.is_success() {
        success(&body).map(Ok)
    } else {
        match E::decode(status, &body) {
            Some(decoded) => decoded.map(Err),
            None => return Err(undocumented(action, status, headers, body)),
        }
    };
    match result {
        Ok(Ok(body)) => Ok(Response {
            status,
            headers,
            body,
        }),
        Ok(Err(body)) => Err(Error::Api {
            action,
            status,
            headers,
            body,
        }),
        Err(source) => Err(Error::Decode {
            action,
            status,
            headers,
            source,
            body,
        }),
    }
}

fn undocumented<E>(
    action: Operation,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
) -> Error<E> {
    Error::UndocumentedStatus {
        action,
        status,
        headers,
        body,
    }
}
