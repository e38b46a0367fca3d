//! Following redirects in the runtime rather than in the HTTP library, so that the rules that
//! protect the token are ours and tested: `Authorization` never leaves the origin it was meant
//! for, and https is never downgraded.

use http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION, PROXY_AUTHORIZATION};
use http::{HeaderMap, Method, StatusCode};

/// Why a redirect was not followed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedirectError {
    /// More redirects in a row than the client's limit: most likely a loop.
    #[error("more than {limit} redirects in a row (a redirect loop?)")]
    TooMany {
        /// The client's limit.
        limit: usize,
    },
    /// The redirect goes from https to http, which would send the request in clear text.
    #[error("the redirect to {location:?} would downgrade https to http")]
    Downgrade {
        /// The target, without credentials.
        location: String,
    },
    /// The `Location` header is missing, unreadable, or not an http(s) URL.
    #[error("the redirect has no usable Location header ({reason})")]
    InvalidLocation {
        /// What is wrong with it.
        reason: String,
    },
    /// A 307 or 308 asks to send the body again, but it was a stream that was already sent.
    #[error("the redirect asks to resend a streamed request body, which can be sent only once")]
    BodyNotReplayable,
}

/// The statuses that redirect: 301, 302, 303, 307, 308 (300 and 304 are returned as they are).
pub(crate) fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

/// The next request of a redirect chain.
#[derive(Debug)]
pub(crate) struct Hop {
    pub(crate) method: Method,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: HeaderMap,
    /// Whether the body is sent again (307, 308, and 301/302 of anything but POST).
    pub(crate) keeps_body: bool,
}

/// Computes the request that follows a redirect from `method url` with `headers`.
///
/// 303 turns the method into GET without a body (HEAD stays HEAD), as does 301 or 302 after a
/// POST (what every browser and HTTP library does); 307 and 308 keep method and body. Moving to
/// another origin (scheme, host or port) drops `Authorization`, `Proxy-Authorization` and every
/// header marked sensitive.
pub(crate) fn next_hop(
    method: &Method,
    url: &reqwest::Url,
    mut headers: HeaderMap,
    status: StatusCode,
    response_headers: &HeaderMap,
) -> Result<Hop, RedirectError> {
    let invalid = |reason: &str| RedirectError::InvalidLocation {
        reason: reason.to_owned(),
    };
    let location = response_headers
        .get(LOCATION)
        .ok_or_else(|| invalid("missing"))?
        .to_str()
        .map_err(|_| invalid("not visible ASCII"))?;
    let mut target = url
        .join(location)
        .map_err(|error| invalid(&error.to_string()))?;
    if !matches!(target.scheme(), "http" | "https") {
        return Err(invalid("the scheme is not http or https"));
    }
    if url.scheme() == "https" && target.scheme() == "http" {
        let _ = target.set_username("");
        let _ = target.set_password(None);
        return Err(RedirectError::Downgrade {
            location: target.into(),
        });
    }
    if url.origin() != target.origin() {
        headers.remove(AUTHORIZATION);
        headers.remove(PROXY_AUTHORIZATION);
        let sensitive: Vec<_> = headers
            .iter()
            .filter(|(_, value)| value.is_sensitive())
            .map(|(name, _)| name.clone())
            .collect();
        for name in sensitive {
            headers.remove(name);
        }
    }
    let to_get = status == StatusCode::SEE_OTHER && *method != Method::HEAD
        || matches!(status.as_u16(), 301 | 302) && *method == Method::POST;
    if to_get {
        headers.remove(CONTENT_TYPE);
        headers.remove(CONTENT_LENGTH);
    }
    Ok(Hop {
        method: if to_get { Method::GET } else { method.clone() },
        url: target,
        headers,
        keeps_body: !to_get && status != StatusCode::SEE_OTHER,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn location(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(LOCATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    fn with_token() -> HeaderMap {
        let mut headers = HeaderMap::new();
        let mut token = HeaderValue::from_static("Bearer secret");
        token.set_sensitive(true);
        headers.insert(AUTHORIZATION, token);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers
    }

    fn hop(from: &str, method: Method, status: u16, to: &str) -> Result<Hop, RedirectError> {
        let url = reqwest::Url::parse(from).unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        next_hop(&method, &url, with_token(), status, &location(to))
    }

    #[test]
    fn the_token_stays_on_the_origin_only() {
        let same = hop("https://h:8443/a", Method::GET, 302, "/b").unwrap();
        assert!(same.headers.contains_key(AUTHORIZATION));
        assert_eq!(same.url.as_str(), "https://h:8443/b");
        let others = [
            ("https://h:8443/a", "https://h:9443/b"),
            ("https://h:8443/a", "https://other:8443/b"),
            ("http://h:8443/a", "https://h:8443/b"),
        ];
        for (from, other) in others {
            match hop(from, Method::GET, 307, other) {
                Ok(next) => assert!(!next.headers.contains_key(AUTHORIZATION), "{other}"),
                Err(error) => panic!("{other}: {error}"),
            }
        }
    }

    #[test]
    fn https_to_http_is_refused() {
        let error = hop("https://h/a", Method::GET, 301, "http://h/a").unwrap_err();
        assert!(matches!(error, RedirectError::Downgrade { .. }), "{error}");
    }

    #[test]
    fn see_other_turns_into_a_get_without_body_and_307_keeps_both() {
        let other = hop("https://h/a", Method::POST, 303, "/b").unwrap();
        assert_eq!(other.method, Method::GET);
        assert!(!other.keeps_body);
        assert!(!other.headers.contains_key(CONTENT_TYPE));
        let head = hop("https://h/a", Method::HEAD, 303, "/b").unwrap();
        assert_eq!(head.method, Method::HEAD);
        let temporary = hop("https://h/a", Method::POST, 307, "/b").unwrap();
        assert_eq!(temporary.method, Method::POST);
        assert!(temporary.keeps_body);
        let moved_put = hop("https://h/a", Method::PUT, 301, "/b").unwrap();
        assert_eq!(moved_put.method, Method::PUT);
        assert!(moved_put.keeps_body);
    }

    #[test]
    fn unusable_locations_are_reported() {
        assert!(matches!(
            hop("https://h/a", Method::GET, 302, "ftp://h/b"),
            Err(RedirectError::InvalidLocation { .. })
        ));
        let url = reqwest::Url::parse("https://h/a").unwrap();
        let missing = next_hop(
            &Method::GET,
            &url,
            HeaderMap::new(),
            StatusCode::FOUND,
            &HeaderMap::new(),
        );
        assert!(matches!(
            missing,
            Err(RedirectError::InvalidLocation { .. })
        ));
    }
}
