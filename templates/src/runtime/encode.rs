//! Encoding of parameter values into path segments, query strings and header values.

use http::{HeaderName, HeaderValue};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything except RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, so a
/// value can never add a path segment (`/`), start the query (`?`) or fragment (`#`), split a
/// query pair (`&`, `=`), read as a space (`+`) or smuggle an escape (`%`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes `value` as one path segment.
///
/// Values that are exactly `.` or `..` are refused rather than encoded: URL parsers (the WHATWG
/// URL standard that reqwest follows, and RFC 3986 normalisers in proxies) treat `%2E` and
/// `%2E%2E` as dot segments too, so no encoding of them reaches the server as a literal segment
/// and they would instead move the request to another path.
pub(crate) fn path_segment(value: &str) -> Result<String, &'static str> {
    match value {
        "" => Err("the value is empty, which would drop a path segment"),
        "." | ".." => Err("the value is a dot segment (`.` or `..`), which would change the path"),
        _ => Ok(utf8_percent_encode(value, UNRESERVED).to_string()),
    }
}

/// Appends `name=value` to a query string, encoding both and adding `&` between pairs.
pub(crate) fn push_query_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(utf8_percent_encode(name, UNRESERVED));
    query.push('=');
    query.extend(utf8_percent_encode(value, UNRESERVED));
}

/// Appends `value` in the bracket notation of `qs` and Rails (`a[b]=1&a[c][0]=x`), with the
/// brackets percent-encoded as `qs` does by default (see [`deep_pairs`]).
pub(crate) fn push_deep_query(query: &mut String, name: &str, value: &serde_json::Value) {
    deep_pairs(name, value, &mut |key, text| {
        push_query_pair(query, key, text)
    });
}

/// Calls `pair` with each `(key, value)` of `value` in bracket notation under `name`, not yet
/// encoded: objects add `[key]`, arrays `[index]`, `null` is an empty value, and an empty
/// object or array adds nothing. The client sends these pairs; the mock compares a request's
/// decoded query with them.
pub(crate) fn deep_pairs(name: &str, value: &serde_json::Value, pair: &mut impl FnMut(&str, &str)) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                deep_pairs(&format!("{name}[{key}]"), item, pair);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_pairs(&format!("{name}[{index}]"), item, pair);
            }
        }
        Value::String(text) => pair(name, text),
        Value::Null => pair(name, ""),
        Value::Bool(_) | Value::Number(_) => pair(name, &value.to_string()),
    }
}

/// Appends `values` joined by literal commas (each value encoded, so a comma inside one is
/// `%2C` and stays distinguishable); an empty list adds nothing.
pub(crate) fn push_comma_list<'v>(
    query: &mut String,
    name: &str,
    values: impl IntoIterator<Item = &'v str>,
) {
    let mut joined = String::new();
    for value in values {
        if !joined.is_empty() {
            joined.push(',');
        }
        joined.extend(utf8_percent_encode(value, UNRESERVED));
    }
    if joined.is_empty() {
        return;
    }
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(utf8_percent_encode(name, UNRESERVED));
    query.push('=');
    query.push_str(&joined);
}

/// Quotes a multipart field name or file name as browsers do (WHATWG HTML,
/// multipart/form-data): `"`, CR and LF become `%22`, `%0D` and `%0A`, so a name can never
/// close the quoted string or start a new part header.
pub(crate) fn multipart_name(name: &str) -> String {
    let mut quoted = String::with_capacity(name.len() + 2);
    quoted.push('"');
    for c in name.chars() {
        match c {
            '"' => quoted.push_str("%22"),
            '\r' => quoted.push_str("%0D"),
            '\n' => quoted.push_str("%0A"),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

/// Parses a header name from the spec; `HeaderName::from_static` would panic on a bad one.
pub(crate) fn header_name(name: &str) -> Result<HeaderName, &'static str> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| "the name is not a valid HTTP header name")
}

/// Parses a header value, refusing CR, LF and other bytes that could split or corrupt the
/// request's header block. Only visible ASCII, space and tab pass.
pub(crate) fn header_value(value: &str) -> Result<HeaderValue, &'static str> {
    HeaderValue::from_str(value).map_err(|_| {
        "the value contains a character not allowed in an HTTP header \
         (CR, LF, another control character, or a non-ASCII character)"
    })
}

#[cfg(test)]
mod tests {
    use super::{
        header_value, multipart_name, path_segment, push_comma_list, push_deep_query,
        push_query_pair,
    };

    #[test]
    fn path_segments_keep_only_unreserved_characters() {
        assert_eq!(path_segment("../x").as_deref(), Ok("..%2Fx"));
        assert_eq!(
            path_segment("a/b?c#d%e f").as_deref(),
            Ok("a%2Fb%3Fc%23d%25e%20f")
        );
        assert_eq!(path_segment("é").as_deref(), Ok("%C3%A9"));
        assert_eq!(path_segment("a-b.c_d~e").as_deref(), Ok("a-b.c_d~e"));
        assert_eq!(path_segment("...").as_deref(), Ok("..."));
    }

    #[test]
    fn path_segments_refuse_empty_and_dot_segments() {
        assert!(path_segment("").is_err());
        assert!(path_segment(".").is_err());
        assert!(path_segment("..").is_err());
    }

    #[test]
    fn query_pairs_are_joined_and_encoded() {
        let mut query = String::new();
        push_query_pair(&mut query, "q", "a&b=c#d+e f");
        push_query_pair(&mut query, "x y", "é");
        assert_eq!(query, "q=a%26b%3Dc%23d%2Be%20f&x%20y=%C3%A9");
    }

    #[test]
    fn deep_objects_use_encoded_brackets() {
        let mut query = String::new();
        let value = serde_json::json!({"$and": [{"name": "a b"}, {"n": 3}], "on": true, "x": null});
        push_deep_query(&mut query, "query", &value);
        assert_eq!(
            query,
            "query%5B%24and%5D%5B0%5D%5Bname%5D=a%20b&query%5B%24and%5D%5B1%5D%5Bn%5D=3\
             &query%5Bon%5D=true&query%5Bx%5D="
        );
    }

    #[test]
    fn comma_lists_keep_commas_inside_values_apart() {
        let mut query = String::from("a=1");
        push_comma_list(&mut query, "expand", ["x", "y,z"]);
        push_comma_list(&mut query, "none", []);
        assert_eq!(query, "a=1&expand=x,y%2Cz");
    }

    #[test]
    fn multipart_names_cannot_break_out_of_their_quotes() {
        assert_eq!(multipart_name("a\"b\r\nX: y"), "\"a%22b%0D%0AX: y\"");
    }

    #[test]
    fn header_values_refuse_line_breaks() {
        assert!(header_value("a\r\nX-Injected: 1").is_err());
        assert!(header_value("a\nb").is_err());
        assert!(header_value("plain value\twith tab").is_ok());
    }
}
