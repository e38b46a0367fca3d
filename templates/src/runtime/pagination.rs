//! Streams over the pages of a paginated action: by page number, by cursor, or by next link.
//!
//! Each walk fetches pages lazily (the next one only when the stream is polled past the
//! previous one), yields whole page bodies (generated code maps them to items with [`items`]),
//! ends with an error rather than loop or silently stop (a repeated cursor or link, a next link
//! to another origin, more pages than the cap), and is `Send` and fused.

use std::collections::HashSet;
use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use super::api::Operation;
use super::error::Error;

/// The page cap when neither the client nor the call sets one.
pub(crate) const DEFAULT_MAX_PAGES: u64 = 1000;

/// Why a page walk was stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationError {
    /// The walk fetched as many pages as allowed and the last one said there were more.
    #[error(
        "fetched {limit} pages and the last one says there are more; raise max_pages on the \
         call or the client builder to walk further"
    )]
    TooManyPages {
        /// The page cap.
        limit: u64,
    },
    /// The server sent a cursor or next link it had already sent: following it would loop.
    #[error("the server repeated the cursor or next link {cursor:?}; following it would loop")]
    Repeated {
        /// The repeated cursor or link.
        cursor: String,
    },
    /// A next link points to another origin (scheme, host or port) than the client's base URL;
    /// it is not followed, so the token never goes there.
    #[error("the next link {link:?} leaves the API's origin {origin}; it is not followed")]
    ForeignLink {
        /// The link, without credentials.
        link: String,
        /// The origin of the client's base URL.
        origin: String,
    },
    /// The page the call asks to start from is not a page number, so the walk cannot count
    /// from it.
    #[error(
        "the call's page {page:?} is not a page number; set a whole number of 0 or more, or \
         leave it unset to start at the first page"
    )]
    InvalidStartPage {
        /// The page as the call set it.
        page: String,
    },
    /// A next link is not a URL.
    #[error("the next link {link:?} is not a valid URL: {reason}")]
    InvalidLink {
        /// The link as the server sent it.
        link: String,
        /// Why it does not parse.
        reason: String,
    },
}

/// The limits of one page walk: the page cap and the origin that next links must stay on. Made
/// by [`Core::page_limits`](super::Core::page_limits).
#[derive(Debug, Clone)]
pub struct PageLimits {
    operation: Operation,
    max_pages: u64,
    base: reqwest::Url,
}

impl PageLimits {
    pub(crate) fn new(operation: Operation, max_pages: u64, base: reqwest::Url) -> Self {
        Self {
            operation,
            max_pages,
            base,
        }
    }

    /// Resolves `link` (absolute, or relative to the base URL) and checks that it stays on the
    /// base URL's origin.
    fn next_link(&self, link: &str) -> Result<NextLink, PaginationError> {
        let mut url = self
            .base
            .join(link)
            .map_err(|error| PaginationError::InvalidLink {
                link: link.to_owned(),
                reason: error.to_string(),
            })?;
        if url.origin() != self.base.origin() {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            return Err(PaginationError::ForeignLink {
                link: url.into(),
                origin: self.base.origin().ascii_serialization(),
            });
        }
        Ok(NextLink(url))
    }
}

/// A next-page link, resolved and checked to be on the API's origin; generated code passes it
/// to [`Call::next_link`](super::Call::next_link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLink(reqwest::Url);

impl NextLink {
    pub(crate) fn url(&self) -> &reqwest::Url {
        &self.0
    }

    /// The link as a string.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// The page a page-number walk starts from: the call's `page` when it sets one (an error when
/// that is not a whole number of 0 or more: the walk must not silently start elsewhere), else
/// `default` (the API's first page).
pub fn start_page(
    page: Option<&impl std::fmt::Display>,
    default: u64,
) -> Result<u64, PaginationError> {
    let Some(page) = page else {
        return Ok(default);
    };
    let text = page.to_string();
    text.trim()
        .parse::<u64>()
        .map_err(|_| PaginationError::InvalidStartPage { page: text })
}

/// Walks pages `first`, `first + 1`, … until a page has no items, or until the items seen
/// reach the documented total (`total` of a page, when the body has one). A server that sends
/// shorter pages than asked does not end the walk early. The last page yielded may be empty.
/// A `first` that is an error (see [`start_page`]) is the walk's only item.
pub fn pages_by_number<T, E, F, Fut>(
    first: Result<u64, PaginationError>,
    limits: PageLimits,
    fetch: F,
    count: fn(&T) -> usize,
    total: fn(&T) -> Option<u64>,
) -> impl Stream<Item = Result<T, Error<E>>> + Send
where
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error<E>>> + Send,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut seen: u64 = 0;
    walk(limits, first, fetch, move |page: &T, number: &u64| {
        let items = u64::try_from(count(page)).unwrap_or(u64::MAX);
        seen = seen.saturating_add(items);
        let more = items > 0 && total(page).is_none_or(|total| seen < total);
        // `checked_add`: page u64::MAX is the last one there can be.
        Ok(number.checked_add(1).filter(|_| more))
    })
}

/// Walks pages by cursor: the first fetch gets `None`, each next one the cursor the previous
/// page gave (`next`); the walk ends when the cursor is absent, null or empty.
pub fn pages_by_cursor<T, E, F, Fut>(
    limits: PageLimits,
    fetch: F,
    next: fn(&T) -> Option<String>,
) -> impl Stream<Item = Result<T, Error<E>>> + Send
where
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error<E>>> + Send,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut seen = HashSet::new();
    walk(
        limits,
        Ok(None),
        fetch,
        move |page: &T, _: &Option<String>| match next(page).filter(|cursor| !cursor.is_empty()) {
            None => Ok(None),
            Some(cursor) if !seen.insert(cursor.clone()) => {
                Err(PaginationError::Repeated { cursor })
            }
            Some(cursor) => Ok(Some(Some(cursor))),
        },
    )
}

/// Walks pages by next link (e.g. HAL's `_links.next.href`): the first fetch gets `None`, each
/// next one the link the previous page gave, resolved against the base URL and checked to stay
/// on its origin. The walk ends when the link is absent, null or empty.
pub fn pages_by_link<T, E, F, Fut>(
    limits: PageLimits,
    fetch: F,
    next: fn(&T) -> Option<String>,
) -> impl Stream<Item = Result<T, Error<E>>> + Send
where
    F: FnMut(Option<NextLink>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error<E>>> + Send,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut seen = HashSet::new();
    let checker = limits.clone();
    walk(
        limits,
        Ok(None),
        fetch,
        move |page: &T, _: &Option<NextLink>| {
            let Some(link) = next(page).filter(|link| !link.is_empty()) else {
                return Ok(None);
            };
            let link = checker.next_link(&link)?;
            if !seen.insert(link.as_str().to_owned()) {
                return Err(PaginationError::Repeated {
                    cursor: link.as_str().to_owned(),
                });
            }
            Ok(Some(Some(link)))
        },
    )
}

/// The items of every page, in order; an error ends the stream after it is yielded.
pub fn items<T, I, E>(
    pages: impl Stream<Item = Result<T, Error<E>>> + Send,
    items: fn(T) -> Vec<I>,
) -> impl Stream<Item = Result<I, Error<E>>> + Send
where
    I: Send,
    E: Send,
{
    pages
        .flat_map(move |page| match page {
            Ok(page) => stream::iter(items(page).into_iter().map(Ok)).left_stream(),
            Err(error) => stream::once(async { Err(error) }).right_stream(),
        })
        .fuse()
}

/// Where a walk is.
enum Step<K, F, A> {
    Fetch {
        key: K,
        fetched: u64,
        fetch: F,
        advance: A,
    },
    Fail(PaginationError),
    Done,
}

/// The engine of every walk: fetch the page for `key`, yield it, and ask `advance` for the next
/// key (`None` ends the walk, an error is yielded after the page). A `first` that is an error
/// is yielded without fetching anything.
fn walk<T, E, K, F, Fut, A>(
    limits: PageLimits,
    first: Result<K, PaginationError>,
    fetch: F,
    advance: A,
) -> impl Stream<Item = Result<T, Error<E>>> + Send
where
    K: Clone + Send + 'static,
    F: FnMut(K) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error<E>>> + Send,
    A: FnMut(&T, &K) -> Result<Option<K>, PaginationError> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let PageLimits {
        operation,
        max_pages,
        ..
    } = limits;
    let fail = move |reason| Error::Pagination {
        action: operation,
        reason,
    };
    let start = match first {
        Ok(key) => Step::Fetch {
            key,
            fetched: 0,
            fetch,
            advance,
        },
        Err(reason) => Step::Fail(reason),
    };
    stream::unfold(start, move |step| async move {
        match step {
            Step::Done => None,
            Step::Fail(reason) => Some((Err(fail(reason)), Step::Done)),
            Step::Fetch { fetched, .. } if fetched >= max_pages => {
                let reason = PaginationError::TooManyPages { limit: max_pages };
                Some((Err(fail(reason)), Step::Done))
            }
            Step::Fetch {
                key,
                fetched,
                mut fetch,
                mut advance,
            } => {
                let page = match fetch(key.clone()).await {
                    Ok(page) => page,
                    Err(error) => return Some((Err(error), Step::Done)),
                };
                let next = match advance(&page, &key) {
                    Ok(Some(key)) => Step::Fetch {
                        key,
                        fetched: fetched.saturating_add(1),
                        fetch,
                        advance,
                    },
                    Ok(None) => Step::Done,
                    Err(reason) => Step::Fail(reason),
                };
                Some((Ok(page), next))
            }
        }
    })
    .fuse()
}
