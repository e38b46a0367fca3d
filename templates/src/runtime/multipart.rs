//! multipart/form-data request bodies: text, JSON and file parts.

use std::fmt;
use std::io;

use bytes::{BufMut, Bytes, BytesMut};
use futures::stream::{self, BoxStream, Stream, StreamExt};

use super::encode;
use super::refused::Refused;
use super::retry::random_u64;

/// A file to upload in a multipart part: bytes in memory or a stream, with an optional file
/// name and a content type (`application/octet-stream` unless set).
///
/// A part from [`bytes`](Self::bytes) can be sent again, so the request is retried like any
/// other. A part from [`stream`](Self::stream) can be sent only once: the request is then
/// **not retried** and a 307/308 redirect that asks to resend it fails with
/// [`RedirectError::BodyNotReplayable`](super::RedirectError::BodyNotReplayable).
pub struct FilePart {
    content: Content,
    file_name: Option<String>,
    content_type: String,
}

enum Content {
    Bytes(Bytes),
    Stream(BoxStream<'static, Result<Bytes, io::Error>>),
}

impl FilePart {
    /// A file held in memory.
    pub fn bytes(content: impl Into<Bytes>) -> Self {
        Self::with(Content::Bytes(content.into()))
    }

    /// A file read from a stream while the request is sent (see the type's docs: the request
    /// is not retried).
    pub fn stream(content: impl Stream<Item = Result<Bytes, io::Error>> + Send + 'static) -> Self {
        Self::with(Content::Stream(content.boxed()))
    }

    fn with(content: Content) -> Self {
        Self {
            content,
            file_name: None,
            content_type: "application/octet-stream".to_owned(),
        }
    }

    /// The file name sent in the part's `Content-Disposition`.
    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's content type, e.g. `image/png`.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content = match &self.content {
            Content::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Content::Stream(_) => "stream".to_owned(),
        };
        f.debug_struct("FilePart")
            .field("content", &content)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// A multipart/form-data body, assembled by generated code from an action's parameters.
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
    refused: Option<Refused>,
}

#[derive(Debug)]
struct Part {
    /// The part's header block, ending with the blank line.
    head: String,
    body: PartBody,
}

enum PartBody {
    Bytes(Bytes),
    Stream(BoxStream<'static, Result<Bytes, io::Error>>),
}

impl fmt::Debug for PartBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// The encoded body: in memory when every part is, else a one-shot stream.
pub(crate) enum Encoded {
    Bytes(Bytes),
    Stream(BoxStream<'static, Result<Bytes, io::Error>>),
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(&mut self, name: &'static str, value: String) {
        let head = part_head(name, None, None);
        self.parts.push(Part {
            head,
            body: PartBody::Bytes(Bytes::from(value)),
        });
    }

    /// Adds a part holding `value` as JSON (`Content-Type: application/json`).
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(json) => self.parts.push(Part {
                head: part_head(name, None, Some("application/json")),
                body: PartBody::Bytes(Bytes::from(json)),
            }),
            Err(error) => {
                self.refused.get_or_insert(Refused::InvalidBody {
                    reason: format!("the part `{name}` cannot be serialized to JSON: {error}"),
                });
            }
        }
    }

    /// Adds a file part.
    pub fn file(&mut self, name: &'static str, file: FilePart) {
        if encode::header_value(&file.content_type).is_err() {
            self.refused.get_or_insert(Refused::InvalidBody {
                reason: format!(
                    "the content type of the file part `{name}` contains a character not \
                     allowed in a header"
                ),
            });
            return;
        }
        let head = part_head(name, file.file_name.as_deref(), Some(&file.content_type));
        let body = match file.content {
            Content::Bytes(bytes) => PartBody::Bytes(bytes),
            Content::Stream(stream) => PartBody::Stream(stream),
        };
        self.parts.push(Part { head, body });
    }

    /// The body and its content type (with the boundary), or why it cannot be sent.
    pub(crate) fn encode(self) -> Result<(Encoded, String), Refused> {
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        let boundary = format!(
            "----client-boundary-{:016x}{:016x}",
            random_u64(),
            random_u64()
        );
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let streamed = self
            .parts
            .iter()
            .any(|part| matches!(part.body, PartBody::Stream(_)));
        let closing = Bytes::from(format!("--{boundary}--\r\n"));
        if !streamed {
            let mut body = BytesMut::new();
            for part in self.parts {
                body.put_slice(format!("--{boundary}\r\n{}", part.head).as_bytes());
                if let PartBody::Bytes(bytes) = part.body {
                    body.put_slice(&bytes);
                }
                body.put_slice(b"\r\n");
            }
            body.put_slice(&closing);
            return Ok((Encoded::Bytes(body.freeze()), content_type));
        }
        let chunks = self.parts.into_iter().map(move |part| {
            let head = Bytes::from(format!("--{boundary}\r\n{}", part.head));
            let body = match part.body {
                PartBody::Bytes(bytes) => stream::once(async { Ok(bytes) }).boxed(),
                PartBody::Stream(stream) => stream,
            };
            stream::once(async { Ok(head) })
                .chain(body)
                .chain(stream::once(async { Ok(Bytes::from_static(b"\r\n")) }))
        });
        let body = stream::iter(chunks)
            .flatten()
            .chain(stream::once(async { Ok(closing) }));
        Ok((Encoded::Stream(body.boxed()), content_type))
    }
}

/// The header block of one part, ending with the blank line that precedes its content.
fn part_head(name: &str, file_name: Option<&str>, content_type: Option<&str>) -> String {
    let mut head = format!(
        "Content-Disposition: form-data; name={}",
        encode::multipart_name(name)
    );
    if let Some(file_name) = file_name {
        head.push_str("; filename=");
        head.push_str(&encode::multipart_name(file_name));
    }
    head.push_str("\r\n");
    if let Some(content_type) = content_type {
        head.push_str("Content-Type: ");
        head.push_str(content_type);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    head
}
