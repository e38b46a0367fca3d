//! A successful response, and the mapping of a complete response to success or error.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::api::Operation;
use super::error::{Error, ErrorBody};

/// A successful response with its decoded body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

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

/// Implemented by the generated enum of an action that documents several success statuses
/// (e.g. `200` with the result, `202` with a queued job): one variant per status.
pub trait SuccessBody: Sized + Send + 'static {
    /// Decodes the body of a success status; `None` when the docs do not list `status` for the
    /// action (the call then fails with [`Error::UndocumentedStatus`]).
    fn decode(status: StatusCode, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

/// A complete response, whatever its status.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// How the body of a success is turned into `T`; `None` for a status not documented.
pub(crate) type Success<T> = fn(StatusCode, &Bytes) -> Option<Result<T, serde_json::Error>>;

/// Turns a complete response into the call's result: a 2xx body goes through `success`; any
/// other status through the action's [`ErrorBody`]. The content type is not checked, since
/// servers mislabel JSON; a body that does not decode is an [`Error::Decode`] either way.
pub(crate) fn decode<T, E: ErrorBody>(
    action: Operation,
    raw: RawResponse,
    success: Success<T>,
) -> Result<Response<T>, Box<Error<E>>> {
    let RawResponse {
        status,
        headers,
        body,
    } = raw;
    let decoded = if status.is_success() {
        success(status, &body).map(|result| result.map(Ok))
    } else {
        E::decode(status, &body).map(|result| result.map(Err))
    };
    let error = match decoded {
        Some(Ok(Ok(value))) => return Ok(Response::new(status, headers, value)),
        Some(Ok(Err(error))) => Error::Api {
            action,
            status,
            headers: Box::new(headers),
            error,
            body,
        },
        Some(Err(source)) => Error::Decode {
            action,
            status,
            headers: Box::new(headers),
            body,
            source,
        },
        None => Error::UndocumentedStatus {
            action,
            status,
            headers: Box::new(headers),
            body,
        },
    };
    Err(Box::new(error))
}

/// A decode error with a message, for bodies that are not JSON (text that is not UTF-8).
pub(crate) fn decode_error(message: impl std::fmt::Display) -> serde_json::Error {
    <serde_json::Error as serde::de::Error>::custom(message)
}
