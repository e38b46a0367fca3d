//! A stream over every item of a paginated action.

use std::future::Future;

use futures::stream::{self, Stream, StreamExt};

use super::error::Error;

/// One page of a paginated action, as the generated code extracts it from the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// Whether a later page may hold more items.
    pub has_more: bool,
}

/// Fetches pages `first_page`, `first_page + 1`, … with `fetch` and yields their items in
/// order.
///
/// The stream ends after a page with `has_more == false`, after an empty page (so a server that
/// keeps saying "more" cannot make it loop forever), and after an error, which is yielded once;
/// once ended it keeps yielding `None`.
/// Pages are fetched lazily: only when the previous page's items have been consumed.
pub fn paginate<T, E, F, Fut>(first_page: u64, fetch: F) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
{
    stream::unfold(Some((first_page, fetch)), |state| async move {
        let (page, mut fetch) = state?;
        match fetch(page).await {
            Ok(Page { items, has_more }) => {
                let more = has_more && !items.is_empty();
                // `checked_add`: page u64::MAX is the last one there can be.
                let next = page
                    .checked_add(1)
                    .filter(|_| more)
                    .map(|next| (next, fetch));
                Some((stream::iter(items.into_iter().map(Ok)).left_stream(), next))
            }
            Err(error) => Some((stream::once(async { Err(error) }).right_stream(), None)),
        }
    })
    .flatten()
    // Fused, so that polling again after the end yields `None` instead of panicking.
    .fuse()
}

/// Whether a page after `page` (0-based) may hold items, from what the response said.
///
/// With a `total` item count, there is more while the pages so far (`page + 1` pages of
/// `per_page` items) hold fewer than `total`. Without one, a full page suggests more and a
/// short page is the last. An empty page is always the last.
pub fn has_more_pages(page: u64, per_page: Option<u64>, items: usize, total: Option<i64>) -> bool {
    if items == 0 {
        return false;
    }
    let items = u64::try_from(items).unwrap_or(u64::MAX);
    let per_page = per_page.filter(|&n| n > 0).unwrap_or(items);
    match total.map(|t| u64::try_from(t).unwrap_or(0)) {
        Some(total) => page.saturating_add(1).saturating_mul(per_page) < total,
        None => items >= per_page,
    }
}
