//! A request as the mock received it: method, path, query pairs, headers and body, with the
//! decoding helpers the checks and matchers share.

use std::fmt;

use bytes::Bytes;
use http::{HeaderMap, Method};
use percent_encoding::percent_decode_str;

use super::multipart::{self, ReceivedPart};
use super::spec::ListStyle;

/// One received request.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) method: Method,
    /// The path as sent (percent-encoded).
    pub(crate) path: String,
    /// The query string as sent, without `?`.
    pub(crate) query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Received {
    pub(crate) fn new(method: Method, uri: &http::Uri, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            method,
            path: uri.path().to_owned(),
            query: uri.query().unwrap_or_default().to_owned(),
            headers,
            body,
        }
    }

    /// The query pairs, undecoded, in order.
    pub(crate) fn raw_pairs(&self) -> Vec<(&str, &str)> {
        raw_pairs(&self.query)
    }

    /// The decoded values of query parameter `name`, in order.
    pub(crate) fn query_values(&self, name: &str) -> Vec<String> {
        decoded_pairs(&self.query)
            .into_iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value)
            .collect()
    }

    /// The decoded query pairs, in order.
    pub(crate) fn query_pairs(&self) -> Vec<(String, String)> {
        decoded_pairs(&self.query)
    }

    /// The items of list parameter `name` as sent: repeated keys, or one value split at its
    /// literal commas (a comma inside an item is sent encoded, so it does not split).
    pub(crate) fn list_values(&self, name: &str, style: ListStyle) -> Vec<String> {
        let raw = self
            .raw_pairs()
            .into_iter()
            .filter(|(key, _)| decode(key) == name)
            .map(|(_, value)| value);
        match style {
            ListStyle::Repeat => raw.map(decode).collect(),
            ListStyle::Comma => raw.flat_map(|value| value.split(',')).map(decode).collect(),
        }
    }

    /// The decoded pairs of deep-object parameter `name` (`name` itself or `name[…]`), in order.
    pub(crate) fn deep_pairs(&self, name: &str) -> Vec<(String, String)> {
        let prefix = format!("{name}[");
        self.query_pairs()
            .into_iter()
            .filter(|(key, _)| key == name || key.starts_with(&prefix))
            .collect()
    }

    /// Every value of header `name`, as text (a value that is not text reads as lossy UTF-8).
    pub(crate) fn header_values(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect()
    }

    /// The media type of the body without parameters, lowercase (`application/json`).
    pub(crate) fn content_type(&self) -> Option<String> {
        let value = self.headers.get(http::header::CONTENT_TYPE)?;
        let text = String::from_utf8_lossy(value.as_bytes());
        Some(essence(&text))
    }

    /// The parts of a multipart body, or why it is not one.
    pub(crate) fn parts(&self) -> Result<Vec<ReceivedPart>, String> {
        let value = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .ok_or("the request has no Content-Type")?;
        let text = String::from_utf8_lossy(value.as_bytes());
        let boundary = boundary(&text).ok_or_else(|| {
            format!("the Content-Type {text:?} is not multipart/form-data with a boundary")
        })?;
        multipart::parse(&self.body, &boundary)
    }

    /// The fields of a URL-encoded form body.
    pub(crate) fn form_fields(&self) -> Vec<(String, String)> {
        decoded_pairs(&String::from_utf8_lossy(&self.body))
    }
}

impl fmt::Display for Received {
    /// `GET /orgs/1?x=2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if !self.query.is_empty() {
            write!(f, "?{}", self.query)?;
        }
        Ok(())
    }
}

/// The media type of a `Content-Type` value without parameters, lowercase.
pub(crate) fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The `boundary` parameter of a `multipart/form-data` content type.
fn boundary(content_type: &str) -> Option<String> {
    let mut pieces = content_type.split(';');
    if !pieces
        .next()?
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
    {
        return None;
    }
    pieces.find_map(|piece| {
        let (key, value) = piece.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// The pairs of a query string, undecoded; a key without `=` has an empty value.
pub(crate) fn raw_pairs(query: &str) -> Vec<(&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect()
}

/// The pairs of a query string or form body, decoded (`+` reads as a space, as in forms).
pub(crate) fn decoded_pairs(query: &str) -> Vec<(String, String)> {
    raw_pairs(query)
        .into_iter()
        .map(|(key, value)| (decode(key), decode(value)))
        .collect()
}

/// Percent-decodes `text` (`+` as a space); invalid UTF-8 reads lossily.
pub(crate) fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// Percent-decodes a path segment (`+` stays `+` in a path), or `None` when it is not UTF-8.
pub(crate) fn decode_segment(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::{boundary, decode, decode_segment, decoded_pairs, essence};

    #[test]
    fn query_pairs_decode_percent_escapes_and_plus() {
        assert_eq!(
            decoded_pairs("a=1%202&b&c=x+y&&d=%E2%9C%93"),
            vec![
                ("a".to_owned(), "1 2".to_owned()),
                ("b".to_owned(), String::new()),
                ("c".to_owned(), "x y".to_owned()),
                ("d".to_owned(), "✓".to_owned()),
            ]
        );
        assert_eq!(decode("%2B"), "+");
    }

    #[test]
    fn path_segments_keep_plus_and_refuse_invalid_utf8() {
        assert_eq!(decode_segment("a+b%2Fc").as_deref(), Some("a+b/c"));
        assert_eq!(decode_segment("%FF"), None);
    }

    #[test]
    fn content_types_reduce_to_their_essence_and_boundary() {
        assert_eq!(
            essence("Application/JSON; charset=utf-8"),
            "application/json"
        );
        assert_eq!(
            boundary("multipart/form-data; boundary=\"abc\"").as_deref(),
            Some("abc")
        );
        assert_eq!(boundary("text/plain; boundary=abc"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }
}
