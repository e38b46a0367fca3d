//! A stream over every item of a paginated action.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use super::error::Error;

/// One page of a paginated action, as the generated code extracts it from the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The total number of items across all pages, when the response says.
    pub total: Option<u64>,
    /// The page size asked for, when known.
    pub page_size: Option<u64>,
}

impl<T> Page<T> {
    /// Whether a later page may hold items, given how many items came before this page.
    ///
    /// An empty page is always the last. With a total, there is more while fewer items than
    /// the total have been seen, whatever page size the server actually used; without one, a
    /// full page suggests more and a short page is the last; with neither, only an empty page
    /// ends the walk.
    fn has_more(&self, seen_before: u64) -> bool {
        if self.items.is_empty() {
            return false;
        }
        let count = u64::try_from(self.items.len()).unwrap_or(u64::MAX);
        match (self.total, self.page_size) {
            (Some(total), _) => seen_before.saturating_add(count) < total,
            (None, Some(size)) => count >= size,
            (None, None) => true,
        }
    }
}

/// Fetches pages `first_page`, `first_page + 1`, … with `fetch` and yields their items in
/// order.
///
/// The stream ends after the last page (see [`Page`]), after an empty page (so a server that
/// keeps saying "more" cannot make it loop forever), and after an error, which is yielded once.
/// Pages are fetched lazily: only when the previous page's items have been consumed. The
/// stream is fused: polling it after the end yields `None`.
pub fn paginate<T, E, F, Fut>(first_page: u64, fetch: F) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
{
    // `seen` counts the items before the page being fetched; `None` until the first page
    // says its size, since pages before `first_page` were skipped, not seen.
    stream::unfold(Some((first_page, None, fetch)), |state| async move {
        let (page, seen, mut fetch) = state?;
        match fetch(page).await {
            Ok(result) => {
                let count = u64::try_from(result.items.len()).unwrap_or(u64::MAX);
                let seen: u64 =
                    seen.unwrap_or_else(|| page.saturating_mul(result.page_size.unwrap_or(count)));
                let more = result.has_more(seen);
                // `checked_add`: page u64::MAX is the last one there can be.
                let next = page
                    .checked_add(1)
                    .filter(|_| more)
                    .map(|next| (next, Some(seen.saturating_add(count)), fetch));
                Some((
                    stream::iter(result.items.into_iter().map(Ok)).left_stream(),
                    next,
                ))
            }
            Err(error) => Some((stream::once(async { Err(error) }).right_stream(), None)),
        }
    })
    .flatten()
    .fuse()
}
