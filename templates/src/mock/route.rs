//! Which action a request is for: its method and path against every action's path template.

use super::spec::{ActionSpec, Segment};

/// A request routed to an action, with its path parameters decoded.
#[derive(Debug)]
pub(crate) struct Routed {
    pub(crate) action: &'static ActionSpec,
    pub(crate) params: Vec<(&'static str, String)>,
}

/// Why no action answers a request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NoRoute {
    /// No action has this path.
    Path,
    /// Actions have this path, with other methods (listed).
    Method(Vec<String>),
    /// A path parameter is not percent-encoded UTF-8.
    NotUtf8(&'static str),
}

/// A candidate route: its literal length, the action, its raw path parameters.
type Candidate<'p> = (usize, &'static ActionSpec, Vec<(&'static str, &'p str)>);

/// Routes `method` and `path` (as sent, percent-encoded) among `actions`: the action whose
/// template matches with the most literal characters wins, so `/devices/export` beats
/// `/devices/{deviceId}`.
pub(crate) fn route(
    actions: &[&'static ActionSpec],
    method: &http::Method,
    path: &str,
) -> Result<Routed, NoRoute> {
    let mut best: Option<Candidate<'_>> = None;
    let mut other_methods = Vec::new();
    for &action in actions {
        let Some(params) = match_path(action.path, path) else {
            continue;
        };
        if action.method != *method {
            other_methods.push(action.route());
            continue;
        }
        let literal = literal_len(action.path);
        if best.as_ref().is_none_or(|(len, _, _)| literal > *len) {
            best = Some((literal, action, params));
        }
    }
    let Some((_, action, raw)) = best else {
        return Err(if other_methods.is_empty() {
            NoRoute::Path
        } else {
            NoRoute::Method(other_methods)
        });
    };
    let mut params = Vec::with_capacity(raw.len());
    for (name, value) in raw {
        let decoded = super::request::decode_segment(value).ok_or(NoRoute::NotUtf8(name))?;
        params.push((name, decoded));
    }
    Ok(Routed { action, params })
}

fn literal_len(template: &[Segment]) -> usize {
    template
        .iter()
        .map(|s| match s {
            Segment::Literal(text) => text.len(),
            Segment::Param(_) => 0,
        })
        .sum()
}

/// The raw path parameters when `path` fits `template`: literals match exactly, and each
/// parameter takes one non-empty segment (up to the next `/`).
fn match_path<'p>(template: &[Segment], path: &'p str) -> Option<Vec<(&'static str, &'p str)>> {
    let mut rest = path;
    let mut params = Vec::new();
    for segment in template {
        match segment {
            Segment::Literal(text) => rest = rest.strip_prefix(text)?,
            Segment::Param(name) => {
                let end = rest.find('/').unwrap_or(rest.len());
                let (value, tail) = rest.split_at_checked(end)?;
                if value.is_empty() {
                    return None;
                }
                params.push((*name, value));
                rest = tail;
            }
        }
    }
    rest.is_empty().then_some(params)
}

#[cfg(test)]
mod tests {
    use http::Method;

    use super::{NoRoute, route};
    use crate::mock::spec::{ActionSpec, BodySpec, Segment};

    const fn action(method: Method, path: &'static [Segment]) -> ActionSpec {
        ActionSpec {
            resource: "device",
            action: "x",
            method,
            path,
            auth: true,
            params: &[],
            body: BodySpec::None,
            pages: None,
        }
    }

    static GET: ActionSpec = action(
        Method::GET,
        &[Segment::Literal("/devices/"), Segment::Param("deviceId")],
    );
    static EXPORT: ActionSpec = action(Method::GET, &[Segment::Literal("/devices/export")]);
    static DELETE: ActionSpec = action(
        Method::DELETE,
        &[
            Segment::Literal("/devices/"),
            Segment::Param("deviceId"),
            Segment::Literal("/state"),
        ],
    );

    #[test]
    fn the_most_literal_template_wins_and_parameters_decode() {
        let actions = [&GET, &EXPORT, &DELETE];
        let routed = route(&actions, &Method::GET, "/devices/export").unwrap();
        assert!(std::ptr::eq(routed.action, &EXPORT));
        let routed = route(&actions, &Method::GET, "/devices/a%2Fb").unwrap();
        assert!(std::ptr::eq(routed.action, &GET));
        assert_eq!(routed.params, vec![("deviceId", "a/b".to_owned())]);
    }

    #[test]
    fn misses_say_whether_the_path_exists() {
        let actions = [&GET, &DELETE];
        assert_eq!(
            route(&actions, &Method::GET, "/devices/1/state").unwrap_err(),
            NoRoute::Method(vec!["DELETE /devices/{deviceId}/state".to_owned()])
        );
        assert_eq!(
            route(&actions, &Method::GET, "/nope").unwrap_err(),
            NoRoute::Path
        );
        assert_eq!(
            route(&actions, &Method::GET, "/devices/").unwrap_err(),
            NoRoute::Path
        );
        assert_eq!(
            route(&actions, &Method::GET, "/devices/%FF").unwrap_err(),
            NoRoute::NotUtf8("deviceId")
        );
    }
}
