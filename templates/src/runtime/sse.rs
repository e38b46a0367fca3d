//! An incremental parser of the `text/event-stream` format (WHATWG HTML, "Server-sent
//! events"): fields `event`, `data` (several lines join with `\n`), `id` and `retry`, comments,
//! CRLF, LF and CR line ends (also split across chunks), a leading BOM; with a bound on the
//! bytes buffered for one line and for one event.

use std::time::Duration;

/// One dispatched event, before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    /// The event type; `message` when the event names none.
    pub(crate) name: String,
    pub(crate) data: String,
    /// The last event id in force when the event was dispatched.
    pub(crate) id: Option<String>,
}

/// A line or an event over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLarge;

/// The parser's state between chunks.
#[derive(Debug)]
pub(crate) struct Parser {
    limit: usize,
    /// Bytes of the line being read (no line end yet).
    line: Vec<u8>,
    /// The previous chunk ended in CR: a LF starting the next one belongs to it.
    after_cr: bool,
    /// Whether the stream's first bytes (and a BOM among them) were seen.
    started: bool,
    event: String,
    data: String,
    has_data: bool,
    last_id: Option<String>,
    retry: Option<Duration>,
}

impl Parser {
    pub(crate) fn new(limit: usize, last_id: Option<String>) -> Self {
        Self {
            limit,
            line: Vec::new(),
            after_cr: false,
            started: false,
            event: String::new(),
            data: String::new(),
            has_data: false,
            last_id,
            retry: None,
        }
    }

    /// The id of the last event that set one; sent as `Last-Event-ID` on a reconnect.
    pub(crate) fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// The reconnection time the server last asked for.
    pub(crate) fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// Starts a new connection: a partial line or event of the old one is dropped (the format
    /// dispatches only complete events), the last id and retry time stay.
    pub(crate) fn reset_connection(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.started = false;
        self.event.clear();
        self.data.clear();
        self.has_data = false;
    }

    /// Feeds a chunk; pushes every event it completes onto `events`.
    pub(crate) fn feed(
        &mut self,
        mut chunk: &[u8],
        events: &mut Vec<RawEvent>,
    ) -> Result<(), TooLarge> {
        if !self.started && !chunk.is_empty() {
            self.started = true;
            if let Some(rest) = chunk.strip_prefix("\u{feff}".as_bytes()) {
                chunk = rest;
            }
        }
        if self.after_cr {
            self.after_cr = false;
            if let Some(rest) = chunk.strip_prefix(b"\n") {
                chunk = rest;
            }
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (line, rest) = chunk.split_at(end);
            self.extend_line(line)?;
            let line = std::mem::take(&mut self.line);
            self.process_line(&line, events)?;
            // `rest` starts with the line end: skip it, and the LF of a CRLF.
            chunk = match rest {
                [b'\r', b'\n', tail @ ..] => tail,
                [b'\r'] => {
                    self.after_cr = true;
                    &[]
                }
                [_, tail @ ..] => tail,
                [] => &[],
            };
        }
        self.extend_line(chunk)
    }

    fn extend_line(&mut self, bytes: &[u8]) -> Result<(), TooLarge> {
        if self.line.len().saturating_add(bytes.len()) > self.limit {
            return Err(TooLarge);
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn process_line(&mut self, line: &[u8], events: &mut Vec<RawEvent>) -> Result<(), TooLarge> {
        if line.is_empty() {
            self.dispatch(events);
            return Ok(());
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with(':') {
            return Ok(());
        }
        let (field, value) = match text.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (text.as_ref(), ""),
        };
        match field {
            "event" => value.clone_into(&mut self.event),
            "data" => {
                let grown = self
                    .data
                    .len()
                    .saturating_add(value.len())
                    .saturating_add(1);
                if grown > self.limit {
                    return Err(TooLarge);
                }
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(millis) = value.parse() {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch(&mut self, events: &mut Vec<RawEvent>) {
        let name = std::mem::take(&mut self.event);
        if !self.has_data {
            return;
        }
        self.has_data = false;
        events.push(RawEvent {
            name: if name.is_empty() {
                "message".to_owned()
            } else {
                name
            },
            data: std::mem::take(&mut self.data),
            id: self.last_id.clone().filter(|id| !id.is_empty()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = Parser::new(1024, None);
        let mut events = Vec::new();
        for chunk in chunks {
            parser.feed(chunk, &mut events).unwrap();
        }
        events
    }

    fn event(name: &str, data: &str, id: Option<&str>) -> RawEvent {
        RawEvent {
            name: name.to_owned(),
            data: data.to_owned(),
            id: id.map(str::to_owned),
        }
    }

    #[test]
    fn fields_comments_and_multi_line_data() {
        let events = parse(&[
            b"\xEF\xBB\xBF: hello\nevent: state\ndata: {\"a\":\ndata:1}\nid: 7\n\ndata: x\n\n",
        ]);
        assert_eq!(
            events,
            vec![
                event("state", "{\"a\":\n1}", Some("7")),
                event("message", "x", Some("7"))
            ]
        );
    }

    #[test]
    fn every_line_end_even_split_across_chunks() {
        let events = parse(&[
            b"data: a\r",
            b"\ndata: b\r",
            b"\rdata: c\n",
            b"\n",
            b"data:d\r\n\r\n",
        ]);
        assert_eq!(
            events,
            vec![
                event("message", "a\nb", None),
                event("message", "c", None),
                event("message", "d", None)
            ]
        );
    }

    #[test]
    fn retry_and_empty_events_and_unknown_fields() {
        let mut parser = Parser::new(1024, None);
        let mut events = Vec::new();
        parser
            .feed(
                b"retry: 2500\nretry: soon\nevent: ping\n\nfoo: bar\ndata\n\n",
                &mut events,
            )
            .unwrap();
        assert_eq!(parser.retry(), Some(Duration::from_millis(2500)));
        assert_eq!(
            events,
            vec![event("message", "", None)],
            "an event without data is not dispatched"
        );
    }

    #[test]
    fn a_line_or_event_over_the_limit_is_an_error() {
        let mut parser = Parser::new(8, None);
        let mut events = Vec::new();
        assert_eq!(parser.feed(b"data: 0123456789", &mut events), Err(TooLarge));
        let mut parser = Parser::new(8, None);
        assert_eq!(
            parser.feed(b"data:1234\ndata:1234\n", &mut events),
            Err(TooLarge)
        );
    }
}
