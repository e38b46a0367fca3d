//! A small `multipart/form-data` parser (RFC 7578): enough to check and match the bodies the
//! client sends, strict about structure, never panicking on a malformed body.

use bytes::Bytes;

/// One part of a received multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReceivedPart {
    /// The `name` of its `Content-Disposition`.
    pub(crate) name: String,
    /// The `filename`, for file parts.
    pub(crate) file_name: Option<String>,
    /// Its `Content-Type`, when sent.
    pub(crate) content_type: Option<String>,
    /// Its content.
    pub(crate) body: Bytes,
}

impl ReceivedPart {
    /// The content as text (lossy UTF-8).
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The parts of `body`, delimited by `boundary`, or what is malformed.
pub(crate) fn parse(body: &Bytes, boundary: &str) -> Result<Vec<ReceivedPart>, String> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let Some(start) = find(body, delimiter, 0) else {
        return Err(format!("the body has no boundary line `--{boundary}`"));
    };
    let mut at = start + delimiter.len();
    let mut parts = Vec::new();
    loop {
        let rest = body.get(at..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        if !rest.starts_with(b"\r\n") {
            return Err("a boundary line is not followed by CRLF".into());
        }
        let content_start = at + 2;
        let next_delimiter: Vec<u8> = [b"\r\n".as_slice(), delimiter].concat();
        let Some(end) = find(body, &next_delimiter, content_start) else {
            return Err(format!("the body does not end with `--{boundary}--`"));
        };
        parts.push(parse_part(body.slice(content_start..end))?);
        at = end + next_delimiter.len();
    }
}

/// One part: its header block, a blank line, its content.
fn parse_part(part: Bytes) -> Result<ReceivedPart, String> {
    let Some(split) = find(&part, b"\r\n\r\n", 0) else {
        return Err("a part has no blank line after its headers".into());
    };
    let head = String::from_utf8_lossy(part.get(..split).unwrap_or_default()).into_owned();
    let body = part.slice(split + 4..);
    let mut name = None;
    let mut file_name = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("content-disposition") {
            name = parameter(value, "name");
            file_name = parameter(value, "filename");
        } else if key.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    let name = name.ok_or("a part's Content-Disposition has no name")?;
    Ok(ReceivedPart {
        name,
        file_name,
        content_type,
        body,
    })
}

/// A parameter of a `Content-Disposition` value, unquoted: `name="a%22b"` is `a"b` (the
/// quoting browsers and the client use for `"`, CR and LF).
fn parameter(value: &str, wanted: &str) -> Option<String> {
    let mut rest = value;
    while let Some(eq) = rest.find('=') {
        let key = rest.get(..eq)?.rsplit([';', ' ']).next()?.trim();
        let after = rest.get(eq + 1..)?;
        let (text, tail) = match after.strip_prefix('"') {
            Some(quoted) => {
                let close = quoted.find('"')?;
                (quoted.get(..close)?, quoted.get(close + 1..)?)
            }
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after.get(..end)?.trim(), after.get(end..)?)
            }
        };
        if key.eq_ignore_ascii_case(wanted) {
            return Some(
                text.replace("%22", "\"")
                    .replace("%0D", "\r")
                    .replace("%0A", "\n"),
            );
        }
        rest = tail;
    }
    None
}

/// The first index of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::parse;

    #[test]
    fn parses_text_and_file_parts() {
        let body = Bytes::from_static(
            b"--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n\
              --b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.txt\"\r\n\
              Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--b--\r\n",
        );
        let parts = parse(&body, "b").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "note");
        assert_eq!(parts[0].text(), "hello");
        assert_eq!(parts[0].file_name, None);
        assert_eq!(parts[1].name, "file");
        assert_eq!(parts[1].file_name.as_deref(), Some("a\"b.txt"));
        assert_eq!(parts[1].content_type.as_deref(), Some("text/plain"));
        assert_eq!(parts[1].text(), "line1\r\nline2");
    }

    #[test]
    fn reports_malformed_bodies() {
        let unterminated =
            Bytes::from_static(b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv");
        assert!(
            parse(&unterminated, "b")
                .unwrap_err()
                .contains("does not end")
        );
        let no_name = Bytes::from_static(b"--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--");
        assert!(parse(&no_name, "b").unwrap_err().contains("no name"));
        assert!(parse(&Bytes::from_static(b"junk"), "b").is_err());
    }
}
