//! Per-call options that every generated action builder holds and exposes through setters.

use std::fmt;
use std::time::Duration;

/// Per-call settings; each unset one falls back to the client's.
///
/// Generated builders hold one in a field and expose the setters that are relevant to the
/// action (`timeout`, `operation_timeout`, `header`, `idempotency_key`, `max_pages`,
/// `reconnect`, `idle_timeout`).
#[derive(Clone, Default)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) idempotency_key: Option<String>,
    pub(crate) max_pages: Option<u64>,
    pub(crate) reconnect: Option<bool>,
    pub(crate) idle_timeout: Option<Duration>,
}

impl CallOptions {
    /// The time one attempt may take, from connecting to the last byte of the body.
    pub fn set_timeout(&mut self, per_attempt: Duration) {
        self.timeout = Some(per_attempt);
    }

    /// The time the whole call may take: every attempt, every backoff and every `Retry-After`
    /// wait.
    pub fn set_operation_timeout(&mut self, whole_call: Duration) {
        self.operation_timeout = Some(whole_call);
    }

    /// Adds a header to this call; it replaces a client-wide header of the same name. Checked
    /// when the call is sent: an invalid name, or a value with CR, LF or another character not
    /// allowed in a header, refuses the call locally (the message never repeats the value).
    pub fn add_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.headers.push((name.into(), value.into()));
    }

    /// The idempotency key sent with a POST or PATCH (when the API documents an idempotency
    /// header), instead of a random one; the same key is sent on every retry.
    pub fn set_idempotency_key(&mut self, key: impl Into<String>) {
        self.idempotency_key = Some(key.into());
    }

    /// The most pages a paginated walk fetches before it ends with
    /// [`PaginationError::TooManyPages`](super::PaginationError::TooManyPages).
    pub fn set_max_pages(&mut self, pages: u64) {
        self.max_pages = Some(pages);
    }

    /// Whether an event stream reconnects (with `Last-Event-ID`) when the connection drops;
    /// off by default (see [`EventStream`](super::EventStream)).
    pub fn set_reconnect(&mut self, reconnect: bool) {
        self.reconnect = Some(reconnect);
    }

    /// The longest silence allowed between two chunks of an event stream or a byte stream.
    pub fn set_idle_timeout(&mut self, idle: Duration) {
        self.idle_timeout = Some(idle);
    }
}

impl fmt::Debug for CallOptions {
    /// Header values are not printed: they may be credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("CallOptions")
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("headers", &header_names)
            .field("idempotency_key", &self.idempotency_key)
            .field("max_pages", &self.max_pages)
            .field("reconnect", &self.reconnect)
            .field("idle_timeout", &self.idle_timeout)
            .finish()
    }
}
