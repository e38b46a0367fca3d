//! What an expectation answers: a status with headers and a body, a stream of server-sent
//! events, or a dropped connection. Generated code builds the typed replies (`returns`,
//! `fails`) with the documented status and media type of each response.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderName, HeaderValue, StatusCode};

/// The status a documented response has: an exact code, a class (`4XX`) or `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Documented {
    /// One status code.
    Code(u16),
    /// Every status of a class: 4 for `4XX`.
    Class(u8),
    /// Every status not otherwise documented.
    Default,
}

impl Documented {
    /// The status sent unless the expectation chooses another in the documented range: the
    /// code, the class's first status (`400`), or `fallback` for `default`.
    fn status(self, fallback: u16) -> u16 {
        match self {
            Self::Code(code) => code,
            Self::Class(class) => u16::from(class) * 100,
            Self::Default => fallback,
        }
    }

    /// Whether `status` is one this response documents.
    pub(crate) fn allows(self, status: u16) -> bool {
        match self {
            Self::Code(code) => code == status,
            Self::Class(class) => status / 100 == u16::from(class),
            Self::Default => true,
        }
    }
}

/// A response an expectation sends: built by generated code from a typed value (the success
/// body, a documented error), or raw with [`Expect::respond`](super::Expect::respond).
#[derive(Debug, Clone)]
pub struct Reply {
    pub(crate) documented: Option<Documented>,
    pub(crate) status: u16,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: ReplyBody,
    /// Why the reply could not be built (a body that does not serialize, an invalid header).
    pub(crate) problem: Option<String>,
}

/// The body of a reply.
#[derive(Debug, Clone)]
pub(crate) enum ReplyBody {
    Bytes(Bytes),
    /// `(event name, data)` pairs, sent `interval` apart; the connection is dropped after the
    /// last one when `then_drop`, else the stream ends cleanly.
    Events {
        events: Vec<(String, String)>,
        interval: Option<Duration>,
        then_drop: bool,
    },
    /// No response: the connection is closed.
    Disconnect,
}

impl Reply {
    fn with(documented: Option<Documented>, status: u16, body: ReplyBody) -> Self {
        Self {
            documented,
            status,
            headers: Vec::new(),
            body,
            problem: None,
        }
    }

    /// A documented response without a body.
    pub fn empty(documented: Documented) -> Self {
        Self::with(
            Some(documented),
            documented.status(500),
            ReplyBody::Bytes(Bytes::new()),
        )
    }

    /// A documented response whose body is `value` as JSON, sent as `media_type`.
    pub fn json<T: serde::Serialize + ?Sized>(
        documented: Documented,
        media_type: &'static str,
        value: &T,
    ) -> Self {
        match serde_json::to_vec(value) {
            Ok(json) => Self::bytes(documented, media_type, json),
            Err(e) => {
                let mut reply = Self::empty(documented);
                reply.problem = Some(format!("the body cannot be encoded as JSON: {e}"));
                reply
            }
        }
    }

    /// A documented response whose body is `body`, sent as `media_type`.
    pub fn bytes(documented: Documented, media_type: &'static str, body: impl Into<Bytes>) -> Self {
        let mut reply = Self::with(
            Some(documented),
            documented.status(500),
            ReplyBody::Bytes(body.into()),
        );
        reply.header_text("content-type", media_type);
        reply
    }

    /// A successful documented response (a `default` one is sent as 200).
    #[must_use]
    pub fn success(mut self) -> Self {
        if self.documented == Some(Documented::Default) {
            self.status = 200;
        }
        self
    }

    /// A stream of server-sent events.
    pub(crate) fn events(events: Vec<(String, String)>, then_drop: bool) -> Self {
        let mut reply = Self::with(
            None,
            200,
            ReplyBody::Events {
                events,
                interval: None,
                then_drop,
            },
        );
        reply.header_text("content-type", "text/event-stream");
        reply.header_text("cache-control", "no-cache");
        reply
    }

    /// A raw response.
    pub(crate) fn raw(status: u16, headers: &[(&str, &str)], body: Bytes) -> Self {
        let mut reply = Self::with(None, status, ReplyBody::Bytes(body));
        if StatusCode::from_u16(status).is_err() {
            reply.problem = Some(format!("{status} is not an HTTP status"));
        }
        for (name, value) in headers {
            reply.header_text(name, value);
        }
        reply
    }

    /// No response: the connection is closed.
    pub(crate) fn disconnect() -> Self {
        Self::with(None, 200, ReplyBody::Disconnect)
    }

    /// Adds a header, or records why it cannot be sent.
    fn header_text(&mut self, name: &str, value: &str) {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            _ => {
                self.problem
                    .get_or_insert_with(|| format!("the header {name:?} cannot be sent"));
            }
        }
    }

    /// Sends `status` instead of the documented default, when the response documents it.
    pub(crate) fn set_status(&mut self, status: u16) {
        match self.documented {
            Some(documented) if !documented.allows(status) => {
                self.problem.get_or_insert_with(|| {
                    format!("status {status} is not the documented {documented:?}")
                });
            }
            _ if StatusCode::from_u16(status).is_err() => {
                self.problem
                    .get_or_insert_with(|| format!("{status} is not an HTTP status"));
            }
            _ => self.status = status,
        }
    }

    /// Sends the events `interval` apart.
    pub(crate) fn set_interval(&mut self, every: Duration) {
        if let ReplyBody::Events { interval, .. } = &mut self.body {
            *interval = Some(every);
        }
    }

    /// The JSON body, for pages.
    pub(crate) fn json_body(&self) -> Option<serde_json::Value> {
        match &self.body {
            ReplyBody::Bytes(bytes) => serde_json::from_slice(bytes).ok(),
            _ => None,
        }
    }

    /// A copy of this reply with `body` instead.
    pub(crate) fn with_body(&self, body: Bytes) -> Self {
        let mut reply = self.clone();
        reply.body = ReplyBody::Bytes(body);
        reply
    }
}

/// One server-sent event on the wire: `event:`, then one `data:` line per line of the data
/// (CRLF, CR and LF all end a line, as for the client's parser). A line break in the name,
/// which would end the field early, is sent as a space.
pub(crate) fn sse_event(name: &str, data: &str) -> Bytes {
    let mut text = String::with_capacity(name.len() + data.len() + 16);
    text.push_str("event: ");
    text.push_str(&name.replace(['\r', '\n'], " "));
    text.push('\n');
    let data = data.replace("\r\n", "\n").replace('\r', "\n");
    for line in data.split('\n') {
        text.push_str("data: ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    Bytes::from(text)
}

#[cfg(test)]
mod tests {
    use super::{Documented, Reply, sse_event};

    #[test]
    fn events_put_each_data_line_on_its_own_field() {
        assert_eq!(
            &sse_event("state", "{\"a\":1}\r\nsecond\rthird")[..],
            b"event: state\ndata: {\"a\":1}\ndata: second\ndata: third\n\n"
        );
    }

    #[test]
    fn documented_statuses_bound_the_status_override() {
        let mut reply = Reply::empty(Documented::Class(4));
        assert_eq!(reply.status, 400);
        reply.set_status(404);
        assert_eq!(reply.status, 404);
        assert!(reply.problem.is_none());
        reply.set_status(500);
        assert_eq!(reply.status, 404);
        assert!(reply.problem.unwrap().contains("500"));
    }
}
