//! Serving successive pages of a paginated action, the way its pagination style asks for them:
//! by page number, by the cursor the previous page handed out, or by following its next link.
//!
//! The page served is chosen from the request, not from a counter, so a walk that starts over
//! gets the first page again. Cursors and links the test left out of a page (all but the last)
//! are filled in by the mock; those the test set are kept and followed.

use serde_json::Value;

use super::reply::Reply;
use super::request::Received;
use super::spec::{PageSpec, PageStyle};

/// The query parameter the mock adds to the next links it writes: the index of the page.
const PAGE_MARKER: &str = "__mock_page";

/// The pages of one expectation.
#[derive(Debug, Clone)]
pub(crate) struct Pages {
    spec: &'static PageSpec,
    /// The first page's reply: status and headers of every page.
    template: Reply,
    pages: Vec<Value>,
}

impl Pages {
    /// Pages from the typed replies of the page bodies; cursors left out are filled in.
    pub(crate) fn new(spec: &'static PageSpec, replies: Vec<Reply>) -> Result<Self, String> {
        let template = replies
            .first()
            .cloned()
            .ok_or("returns_pages needs at least one page")?;
        let mut pages = Vec::with_capacity(replies.len());
        for (i, reply) in replies.iter().enumerate() {
            if let Some(problem) = &reply.problem {
                return Err(format!("page {}: {problem}", i + 1));
            }
            let page = reply
                .json_body()
                .ok_or_else(|| format!("page {} is not a JSON body", i + 1))?;
            pages.push(page);
        }
        let last = pages.len() - 1;
        if let PageStyle::Cursor { next, .. } = &spec.style {
            for (i, page) in pages.iter_mut().enumerate().take(last) {
                if text_at(page, next).is_none() {
                    set_at(page, next, Value::String(format!("mock-cursor-{}", i + 1)));
                }
            }
        }
        Ok(Self {
            spec,
            template,
            pages,
        })
    }

    /// The page `request` asks for, as a reply; `base_url` makes the next links.
    pub(crate) fn serve(&self, request: &Received, base_url: &str) -> Result<Reply, String> {
        let index = self.index(request, base_url)?;
        let last = self.pages.len().saturating_sub(1);
        let mut page = match self.pages.get(index) {
            Some(page) => page.clone(),
            // Past the last page of a numbered walk: the last page, without items, which ends
            // the client's walk.
            None => {
                let mut page = self.pages.get(last).cloned().unwrap_or(Value::Null);
                set_at(&mut page, self.spec.items, Value::Array(Vec::new()));
                page
            }
        };
        if let PageStyle::Link { link } = &self.spec.style {
            if index < last && text_at(&page, link).is_none() {
                let url = next_link(base_url, request, index + 1);
                set_at(&mut page, link, Value::String(url));
            }
        }
        let body = serde_json::to_vec(&page).map_err(|e| e.to_string())?;
        Ok(self.template.with_body(body.into()))
    }

    /// Which page the request asks for (0 is the first).
    fn index(&self, request: &Received, base_url: &str) -> Result<usize, String> {
        match &self.spec.style {
            PageStyle::Number { param, first } => {
                let Some(text) = request.query_values(param).into_iter().next() else {
                    return Ok(0);
                };
                let number: u64 = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("query {param} is {text:?}, not a page number"))?;
                let index = number
                    .checked_sub(*first)
                    .ok_or_else(|| format!("page {number} comes before the first page, {first}"))?;
                Ok(usize::try_from(index).unwrap_or(usize::MAX))
            }
            PageStyle::Cursor { param, next } => {
                let Some(cursor) = request.query_values(param).into_iter().next() else {
                    return Ok(0);
                };
                self.pages
                    .iter()
                    .position(|page| text_at(page, next).as_deref() == Some(cursor.as_str()))
                    .map(|i| i + 1)
                    .ok_or_else(|| {
                        format!("query {param} is {cursor:?}, a cursor none of the pages hands out")
                    })
            }
            PageStyle::Link { link } => {
                if let Some(marker) = request.query_values(PAGE_MARKER).into_iter().next() {
                    return marker
                        .parse()
                        .ok()
                        .filter(|&i| i < self.pages.len())
                        .ok_or_else(|| format!("{PAGE_MARKER} {marker:?} names no page"));
                }
                let target = request.to_string();
                let target = target.split_once(' ').map_or("", |(_, t)| t);
                let followed = self.pages.iter().position(|page| {
                    text_at(page, link)
                        .is_some_and(|url| url.strip_prefix(base_url).unwrap_or(&url) == target)
                });
                Ok(followed.map_or(0, |i| i + 1))
            }
        }
    }
}

/// The link to page `index`: the request's own path and query (so that every parameter and
/// matcher still applies) with the page marker.
fn next_link(base_url: &str, request: &Received, index: usize) -> String {
    let mut query: Vec<String> = request
        .raw_pairs()
        .into_iter()
        .filter(|(key, _)| *key != PAGE_MARKER)
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    query.push(format!("{PAGE_MARKER}={index}"));
    format!("{base_url}{}?{}", request.path, query.join("&"))
}

/// The text at `path` of `value`, when it is a string (a number is read as its text).
fn text_at(value: &Value, path: &[&str]) -> Option<String> {
    let mut current = value;
    for key in path {
        current = current.get(key)?;
    }
    match current {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Sets the field at `path` of `value`, creating the objects on the way.
fn set_at(value: &mut Value, path: &[&str], new: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = value;
    for key in parents {
        if !current.is_object() {
            *current = Value::Object(serde_json::Map::new());
        }
        let Value::Object(map) = current else { return };
        current = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
    if !current.is_object() {
        *current = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(map) = current {
        map.insert((*last).to_owned(), new);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{set_at, text_at};

    #[test]
    fn fields_are_read_and_written_along_their_path() {
        let mut page = json!({"items": [1], "_links": null});
        set_at(&mut page, &["_links", "next", "href"], json!("/x"));
        assert_eq!(
            text_at(&page, &["_links", "next", "href"]).as_deref(),
            Some("/x")
        );
        set_at(&mut page, &["items"], json!([]));
        assert_eq!(page["items"], json!([]));
        assert_eq!(text_at(&page, &["missing"]), None);
    }
}
