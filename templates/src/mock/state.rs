//! The server's shared state: the registered expectations and the problems seen so far (how a
//! request is answered is in [`super::answer`]).

use std::fmt::Write as _;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use super::matcher::Matcher;
use super::pages::Pages;
use super::reply::Reply;
use super::report::MockReport;
use super::spec::{ActionSpec, ApiSpec};

/// State shared by the server's connections and its handle.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) api: &'static ApiSpec,
    pub(super) actions: Vec<&'static ActionSpec>,
    pub(crate) base_url: String,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
pub(super) struct State {
    pub(super) expectations: Vec<Expectation>,
    /// Requests refused or unmatched, and expectations that could not be set up: each one
    /// fails verification.
    pub(super) problems: Vec<String>,
    /// The number the next expectation gets (1, 2, …; not reused after a reset).
    next_id: usize,
}

/// How many requests an expectation wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Times {
    pub(crate) min: usize,
    pub(crate) max: Option<usize>,
}

impl Times {
    pub(super) fn describe(self) -> String {
        let requests = |n: usize| {
            if n == 1 {
                "1 request".to_owned()
            } else {
                format!("{n} requests")
            }
        };
        match (self.min, self.max) {
            (_, Some(0)) => "no request".to_owned(),
            (0, None) => "any number of requests".to_owned(),
            (min, Some(max)) if min == max => format!("exactly {}", requests(min)),
            (0, Some(max)) => format!("at most {}", requests(max)),
            (min, Some(max)) => format!("{min} to {}", requests(max)),
            (min, None) => format!("at least {}", requests(min)),
        }
    }
}

/// What a registered expectation answers.
#[derive(Debug, Clone)]
pub(crate) enum Response {
    Reply(Reply),
    Pages(Pages),
}

/// A registered expectation.
#[derive(Debug)]
pub(crate) struct Expectation {
    pub(crate) id: usize,
    pub(crate) action: &'static ActionSpec,
    pub(crate) matchers: Vec<Matcher>,
    pub(crate) times: Times,
    pub(crate) delay: Option<Duration>,
    pub(crate) response: Response,
    pub(crate) hits: usize,
}

impl Expectation {
    /// `#1 org.get where orgId = "…", query page = "2"`.
    pub(super) fn describe(&self) -> String {
        let mut text = format!("#{} {}", self.id, self.action.name());
        for (i, matcher) in self.matchers.iter().enumerate() {
            text.push_str(if i == 0 { " where " } else { ", " });
            let _ = write!(text, "{matcher}");
        }
        text
    }

    /// Why a request of another action does not match: `is for org.get (GET /orgs/{orgId})`.
    pub(super) fn other_action(&self) -> String {
        format!("is for {} ({})", self.action.name(), self.action.route())
    }
}

impl Shared {
    pub(crate) fn new(
        api: &'static ApiSpec,
        actions: Vec<&'static ActionSpec>,
        base_url: String,
    ) -> Arc<Self> {
        Arc::new(Self {
            api,
            actions,
            base_url,
            state: Mutex::new(State {
                next_id: 1,
                ..State::default()
            }),
        })
    }

    /// The state; a panic elsewhere while it was held leaves it usable (every update is a
    /// single push or increment).
    pub(super) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers an expectation, with the problems found setting it up; returns its id.
    pub(crate) fn register(
        &self,
        action: &'static ActionSpec,
        matchers: Vec<Matcher>,
        times: Times,
        delay: Option<Duration>,
        response: Response,
        problems: Vec<String>,
    ) -> usize {
        let mut state = self.state();
        let id = state.next_id;
        state.next_id += 1;
        let expectation = Expectation {
            id,
            action,
            matchers,
            times,
            delay,
            response,
            hits: 0,
        };
        for problem in problems {
            let text = format!(
                "expectation {} cannot work: {problem}",
                expectation.describe()
            );
            state.problems.push(text);
        }
        state.expectations.push(expectation);
        id
    }

    /// The requests expectation `id` answered (0 once the server is reset).
    pub(crate) fn hits(&self, id: usize) -> usize {
        self.state()
            .expectations
            .iter()
            .find(|e| e.id == id)
            .map_or(0, |e| e.hits)
    }

    /// Forgets every expectation and problem.
    pub(crate) fn reset(&self) {
        let mut state = self.state();
        state.expectations.clear();
        state.problems.clear();
    }

    /// The problems so far: refused and unmatched requests, expectations that could not be set
    /// up, and expectations whose count is not met.
    pub(crate) fn report(&self) -> MockReport {
        let state = self.state();
        let mut problems = state.problems.clone();
        for e in &state.expectations {
            let met = e.hits >= e.times.min && e.times.max.is_none_or(|max| e.hits <= max);
            if !met {
                problems.push(format!(
                    "expectation {} wanted {}, and received {}",
                    e.describe(),
                    e.times.describe(),
                    e.hits
                ));
            }
        }
        MockReport::new(self.api.name, problems)
    }
}
