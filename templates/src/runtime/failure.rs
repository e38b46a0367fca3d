//! How a call failed before a response could be decoded; not generic, unlike [`Error`], so
//! that the sending code is compiled once rather than per action.

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::api::Operation;
use super::error::ErrorBody;
use super::error::{Error, TimeoutKind};
use super::hooks::TokenError;
use super::redirect::RedirectError;
use super::refused::Refused;
use super::response::{RawResponse, decode};
use super::transport::TransportError;

/// A failure, boxed so that results carrying it stay small.
#[derive(Debug)]
pub(crate) struct Failure(Box<Kind>);

#[derive(Debug)]
pub(crate) enum Kind {
    Refused(Refused),
    TooLarge {
        status: StatusCode,
        headers: HeaderMap,
        limit: usize,
    },
    Timeout {
        attempts: u32,
        timeout: Duration,
        kind: TimeoutKind,
    },
    Transport {
        attempts: u32,
        source: TransportError,
    },
    Redirect {
        status: StatusCode,
        headers: HeaderMap,
        reason: RedirectError,
    },
    Token(TokenError),
    /// A complete response where a stream was expected (an error status on a reconnect).
    Rejected(RawResponse),
}

impl Failure {
    pub(crate) fn new(kind: Kind) -> Self {
        Self(Box::new(kind))
    }

    pub(crate) fn refused(reason: Refused) -> Self {
        Self::new(Kind::Refused(reason))
    }

    /// The status of the response that caused the failure, when one arrived.
    pub(crate) fn status(&self) -> Option<StatusCode> {
        match &*self.0 {
            Kind::TooLarge { status, .. } | Kind::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn into_error<E>(self, action: Operation) -> Error<E> {
        match *self.0 {
            Kind::Refused(reason) => Error::Refused { action, reason },
            Kind::TooLarge {
                status,
                headers,
                limit,
            } => Error::BodyTooLarge {
                action,
                status,
                headers: Box::new(headers),
                limit,
            },
            Kind::Timeout {
                attempts,
                timeout,
                kind,
            } => Error::Timeout {
                action,
                attempts,
                timeout,
                kind,
            },
            Kind::Transport { attempts, source } => Error::Transport {
                action,
                attempts,
                source,
            },
            Kind::Redirect {
                status,
                headers,
                reason,
            } => Error::Redirect {
                action,
                status,
                headers: Box::new(headers),
                reason,
            },
            Kind::Token(source) => Error::Token { action, source },
            Kind::Rejected(raw) => Error::UndocumentedStatus {
                action,
                status: raw.status,
                headers: Box::new(raw.headers),
                body: raw.body,
            },
        }
    }

    /// Like [`Self::into_error`], decoding a rejected response with the action's error type.
    pub(crate) fn into_decoded_error<E: ErrorBody>(self, action: Operation) -> Error<E> {
        match *self.0 {
            // No success decoder: a 2xx here was not a stream, which the docs do not describe.
            Kind::Rejected(raw) => match decode::<(), E>(action, raw, |_, _| None) {
                Err(error) => *error,
                Ok(response) => Error::UndocumentedStatus {
                    action,
                    status: response.status(),
                    headers: Box::new(response.headers().clone()),
                    body: bytes::Bytes::new(),
                },
            },
            kind => Self(Box::new(kind)).into_error(action),
        }
    }
}
