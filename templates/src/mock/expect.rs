//! The expectation builder: which requests to match, how many, and what to answer. Generated
//! code adds the typed setters of each action (`org_id`, `summary_exclude`, the body); the
//! traits of [`super::action`] type `returns`, `fails`, `returns_pages` and `streams`.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use super::action::{MockAction, MockPaged, MockReturns, MockStreams};
use super::check;
use super::matcher::Matcher;
use super::pages::Pages;
use super::reply::Reply;
use super::spec::Location;
use super::state::{Response, Shared, Times};

/// An expectation being set up: matchers, a count and a delay, then one of the response
/// methods ([`returns`](Self::returns), [`fails`](Self::fails), [`respond`](Self::respond),
/// …), which registers it.
///
/// A request is answered by the first registered expectation that matches it and still wants
/// requests. As with wiremock, an expectation without a count answers any number of requests,
/// none included; a count is verified: [`times`](Self::times), [`at_least`](Self::at_least),
/// [`at_most`](Self::at_most) or [`never`](Self::never). An expectation that has had its most
/// requests no longer matches, so `times(1)` on successive expectations of one action answers
/// successive calls differently.
#[must_use = "an expectation is registered only by a response method (`returns`, `fails`, `respond`, …)"]
pub struct Expect<A> {
    shared: Arc<Shared>,
    matchers: Vec<Matcher>,
    times: Times,
    delay: Option<Duration>,
    status: Option<u16>,
    interval: Option<Duration>,
    action: PhantomData<fn() -> A>,
}

impl<A> fmt::Debug for Expect<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expect")
            .field("matchers", &self.matchers)
            .field("times", &self.times)
            .field("delay", &self.delay)
            .finish_non_exhaustive()
    }
}

impl<A: MockAction> Expect<A> {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        Self {
            shared,
            matchers: Vec::new(),
            times: Times { min: 0, max: None },
            delay: None,
            status: None,
            interval: None,
            action: PhantomData,
        }
    }

    /// Adds a condition on the request (the typed setters build these).
    pub fn matching(mut self, matcher: Matcher) -> Self {
        self.matchers.push(matcher);
        self
    }

    /// Matches requests whose query parameter `name` is `value` (for parameters without a
    /// typed setter, e.g. API-wide ones).
    pub fn match_query(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.matching(Matcher::query(name, value))
    }

    /// Matches requests with the header `name: value`.
    pub fn match_header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.matching(Matcher::header(name, value))
    }

    /// Matches requests whose body is `value` as JSON (the typed body setter is usually
    /// better: it takes the request model).
    pub fn match_body_json(self, value: serde_json::Value) -> Self {
        self.matching(Matcher::body_json(&value))
    }

    /// Matches multipart requests with a part `name` whose content is the text `value`.
    pub fn match_part(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.matching(Matcher::part(name, value))
    }

    /// Matches multipart requests whose part `name` is a file with this file name.
    pub fn match_file_name(self, name: impl Into<String>, file_name: impl Into<String>) -> Self {
        self.matching(Matcher::file_name(name, file_name))
    }

    /// Matches multipart requests whose part `name` holds exactly `content`.
    pub fn match_part_bytes(self, name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        self.matching(Matcher::part_bytes(name, content))
    }

    /// Wants exactly `n` requests; after `n` it no longer matches.
    pub fn times(mut self, n: usize) -> Self {
        self.times = Times {
            min: n,
            max: Some(n),
        };
        self
    }

    /// Wants at least `n` requests (`at_least(0)`: any number).
    pub fn at_least(mut self, n: usize) -> Self {
        self.times = Times { min: n, max: None };
        self
    }

    /// Wants at most `n` requests (none is fine); after `n` it no longer matches.
    pub fn at_most(mut self, n: usize) -> Self {
        self.times = Times {
            min: 0,
            max: Some(n),
        };
        self
    }

    /// Wants no request: one that matches it is answered with the unmatched diagnostic and
    /// reported.
    pub fn never(self) -> Self {
        self.times(0)
    }

    /// Waits `delay` before answering (on tokio's clock, so a paused clock skips it).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// Answers with `status` instead of the documented one, for a response documented as a
    /// class (`4XX`) or `default`; a status outside it is reported.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Answers with the documented error `error`: its status (the class's first for `4XX`,
    /// 500 for `default`, unless [`with_status`](Self::with_status)) and its body.
    pub fn fails(self, error: A::Error) -> Mocked {
        let reply = A::error(error);
        self.register_reply(reply)
    }

    /// Answers with a raw response, for what the docs do not list (an undocumented status, a
    /// body that is not the documented model).
    pub fn respond(self, status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Mocked {
        let reply = Reply::raw(status, headers, body.into());
        self.register_reply(reply)
    }

    /// Answers by closing the connection without a response (the client sees a transport
    /// error).
    pub fn disconnects(self) -> Mocked {
        self.register_reply(Reply::disconnect())
    }

    fn register_reply(mut self, mut reply: Reply) -> Mocked {
        let mut problems = Vec::new();
        if let Some(status) = self.status.take() {
            reply.set_status(status);
        }
        if let Some(every) = self.interval.take() {
            reply.set_interval(every);
        }
        problems.extend(reply.problem.take());
        self.register(Response::Reply(reply), problems)
    }

    fn register(self, response: Response, mut problems: Vec<String>) -> Mocked {
        problems.extend(self.matcher_problems());
        let id = self.shared.register(
            A::SPEC,
            self.matchers,
            self.times,
            self.delay,
            response,
            problems,
        );
        Mocked {
            shared: self.shared,
            id,
        }
    }

    /// Matchers that no valid request can satisfy: a value that could not be encoded, or one
    /// the spec would refuse (the request carrying it would be refused before matching).
    fn matcher_problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for matcher in &self.matchers {
            if let Some(reason) = matcher.invalid_reason() {
                out.push(reason.to_owned());
                continue;
            }
            let Some((at, name, value)) = matcher.param_value() else {
                continue;
            };
            let spec = A::SPEC
                .params
                .iter()
                .chain(self.shared.api.params)
                .find(|p| p.name == name && p.at == at);
            if let Some(spec) = spec {
                if let Err(reason) = check::check_value(&spec.value, value) {
                    out.push(format!(
                        "{}; no valid request matches it",
                        check::describe(spec, value, &reason)
                    ));
                }
            } else if at == Location::Path {
                out.push(format!("{} has no path parameter {name}", A::SPEC.name()));
            }
        }
        out
    }
}

impl<A: MockReturns> Expect<A> {
    /// Answers with the documented success `body`: what the client's `send` returns (a model,
    /// `()`, bytes, text, or the enum of several success statuses).
    pub fn returns(self, body: A::Success) -> Mocked {
        let reply = A::success(body);
        self.register_reply(reply)
    }
}

impl<A: MockPaged> Expect<A> {
    /// Answers page by page, the way the action pages: the request for page `n` (by number,
    /// by the cursor of page `n - 1`, or by following its next link) gets `pages[n]`. Cursors
    /// and next links left out of a page (but the last) are filled in; a numbered request past
    /// the last page gets the last page without items, which ends the walk.
    pub fn returns_pages(self, pages: Vec<A::Success>) -> Mocked {
        let pages = match &A::SPEC.pages {
            Some(spec) => Pages::new(spec, pages.into_iter().map(A::success).collect()),
            None => Err(format!("{} is not paginated", A::SPEC.name())),
        };
        match pages {
            Ok(pages) => self.register(Response::Pages(pages), Vec::new()),
            Err(problem) => {
                let text = format!("mock server: this expectation cannot serve pages: {problem}");
                let reply = Reply::raw(501, &[("content-type", "text/plain")], text.into());
                self.register(Response::Reply(reply), vec![problem])
            }
        }
    }
}

impl<A: MockStreams> Expect<A> {
    /// Sends the events `every` apart (the first one too), on tokio's clock.
    pub fn event_interval(mut self, every: Duration) -> Self {
        self.interval = Some(every);
        self
    }

    /// Answers with a stream of `events`, then ends the stream cleanly.
    pub fn streams(self, events: Vec<A::Event>) -> Mocked {
        self.stream_reply(events, false)
    }

    /// Answers with a stream of `events`, then drops the connection (the client sees the
    /// stream fail, or reconnects if told to).
    pub fn streams_and_drops(self, events: Vec<A::Event>) -> Mocked {
        self.stream_reply(events, true)
    }

    fn stream_reply(self, events: Vec<A::Event>, then_drop: bool) -> Mocked {
        let mut encoded = Vec::with_capacity(events.len());
        let mut problems = Vec::new();
        for event in events {
            match A::event(event) {
                Ok(event) => encoded.push(event),
                Err(problem) => problems.push(problem),
            }
        }
        let mut reply = Reply::events(encoded, then_drop);
        if !problems.is_empty() {
            reply.problem = Some(problems.join("; "));
        }
        self.register_reply(reply)
    }
}

/// A registered expectation.
#[derive(Debug, Clone)]
pub struct Mocked {
    shared: Arc<Shared>,
    id: usize,
}

impl Mocked {
    /// The requests it has answered so far (0 after the server is reset).
    pub fn received(&self) -> usize {
        self.shared.hits(self.id)
    }
}
