//! How the server answers one request: route it, check it against the spec, then answer with
//! the first matching expectation, or with a diagnostic that is also recorded.

use std::fmt::Write as _;
use std::time::Duration;

use bytes::Bytes;

use super::check;
use super::reply::Reply;
use super::request::Received;
use super::route::{self, NoRoute, Routed};
use super::spec::{ActionSpec, Location};
use super::state::{Response, Shared};

/// How to answer one request.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) reply: Reply,
    pub(crate) delay: Option<Duration>,
}

impl Shared {
    /// Answers `request`: a spec violation gets 400, a request no expectation matches gets
    /// 501, each with a text diagnostic that is also recorded for verification.
    pub(crate) fn answer(&self, request: &Received) -> Answer {
        let routed = match route::route(&self.actions, &request.method, &request.path) {
            Ok(routed) => routed,
            Err(no_route) => {
                let why = self.no_route_reason(&no_route);
                return self.unmatched(request, &why);
            }
        };
        let violations = check::violations(self.api, &routed, request);
        if !violations.is_empty() {
            let mut text = format!(
                "mock server of {}: refused {}, as the API would: it is not a valid {} \
                 request ({}):",
                self.api.name,
                self.shown(request, Some(routed.action)),
                routed.action.name(),
                routed.action.route()
            );
            for violation in &violations {
                let _ = write!(text, "\n  - {violation}");
            }
            self.state().problems.push(text.clone());
            return Answer {
                reply: diagnostic(400, "spec", text),
                delay: None,
            };
        }
        self.matched(request, &routed)
    }

    fn no_route_reason(&self, no_route: &NoRoute) -> String {
        match no_route {
            NoRoute::Path => format!("no action of {} has this path", self.api.name),
            NoRoute::Method(routes) => format!(
                "no action of {} answers this method on this path (documented: {})",
                self.api.name,
                routes.join(", ")
            ),
            NoRoute::NotUtf8(name) => {
                format!("path parameter {name} is not percent-encoded UTF-8")
            }
        }
    }

    /// The reply of the first expectation that matches, or the diagnostic of none.
    fn matched(&self, request: &Received, routed: &Routed) -> Answer {
        let mut reasons = Vec::new();
        let mut state = self.state();
        let mut chosen = None;
        for (index, e) in state.expectations.iter().enumerate() {
            let reason = if !std::ptr::eq(e.action, routed.action) {
                e.other_action()
            } else if let Some(failed) = e
                .matchers
                .iter()
                .find_map(|m| m.check(request, &routed.params).err())
            {
                failed
            } else if e.times.max.is_some_and(|max| e.hits >= max) {
                format!(
                    "matches, but wants {} and has had {}",
                    e.times.describe(),
                    e.hits
                )
            } else {
                chosen = Some(index);
                break;
            };
            reasons.push(format!("{}: {reason}", e.describe()));
        }
        let Some(e) = chosen.and_then(|index| state.expectations.get_mut(index)) else {
            drop(state);
            let why = format!("no expectation of {} matches", routed.action.name());
            return self.unmatched_with(request, Some(routed.action), &why, reasons);
        };
        e.hits += 1;
        let delay = e.delay;
        let reply = match &e.response {
            Response::Reply(reply) => Ok(reply.clone()),
            Response::Pages(pages) => pages.serve(request, &self.base_url),
        };
        match reply {
            Ok(reply) => Answer { reply, delay },
            Err(problem) => {
                let description = e.describe();
                let text = format!(
                    "mock server of {}: expectation {description} matched {} but cannot \
                     serve it: {problem}",
                    self.api.name,
                    self.shown(request, Some(routed.action)),
                );
                state.problems.push(text.clone());
                Answer {
                    reply: diagnostic(501, "pages", text),
                    delay: None,
                }
            }
        }
    }

    /// The 501 diagnostic of a request no action answers: every expectation is listed.
    fn unmatched(&self, request: &Received, why: &str) -> Answer {
        let reasons = self
            .state()
            .expectations
            .iter()
            .map(|e| format!("{}: {}", e.describe(), e.other_action()))
            .collect();
        self.unmatched_with(request, None, why, reasons)
    }

    fn unmatched_with(
        &self,
        request: &Received,
        action: Option<&ActionSpec>,
        why: &str,
        reasons: Vec<String>,
    ) -> Answer {
        let mut text = format!(
            "mock server of {}: no expectation matched {}: {why}.",
            self.api.name,
            self.shown(request, action)
        );
        if reasons.is_empty() {
            text.push_str("\nNo expectation is registered.");
        } else {
            text.push_str("\nExpectations, and why each did not match:");
            for reason in reasons {
                let _ = write!(text, "\n  - {reason}");
            }
        }
        self.state().problems.push(text.clone());
        Answer {
            reply: diagnostic(501, "unmatched", text),
            delay: None,
        }
    }

    /// `GET /path?query` with the values of secret query parameters (of `action` or the API)
    /// replaced by `<redacted>`.
    fn shown(&self, request: &Received, action: Option<&ActionSpec>) -> String {
        let params = action
            .map_or(&[][..], |a| a.params)
            .iter()
            .chain(self.api.params);
        let secrets: Vec<&str> = params
            .filter(|p| p.sensitive && p.at == Location::Query)
            .map(|p| p.name)
            .collect();
        let mut line = format!("{} {}", request.method, request.path);
        for (i, (key, value)) in request.raw_pairs().into_iter().enumerate() {
            line.push(if i == 0 { '?' } else { '&' });
            line.push_str(key);
            line.push('=');
            let secret = secrets
                .iter()
                .any(|name| super::request::decode(key) == *name);
            line.push_str(if secret { "<redacted>" } else { value });
        }
        line
    }
}

/// A text diagnostic with the header `x-mock-diagnostic: <kind>`.
fn diagnostic(status: u16, kind: &str, text: String) -> Reply {
    Reply::raw(
        status,
        &[
            ("content-type", "text/plain; charset=utf-8"),
            ("x-mock-diagnostic", kind),
        ],
        Bytes::from(text),
    )
}
