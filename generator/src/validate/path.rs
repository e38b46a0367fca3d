//! Path templates: `/orgs/{orgId}/members` to literal and parameter segments.

use std::path::Path;

use super::Cx;
use crate::diagnostics::Pos;
use crate::ir::PathSegment;
use crate::load::yaml::shown;

/// The segments of `template` (written at `pos` in `file`), reporting what does not parse.
pub fn parse(cx: &mut Cx, file: &Path, pos: Pos, template: &str) -> Vec<PathSegment> {
    let shown_template = shown(template);
    if !template.starts_with('/') {
        cx.error(
            file,
            pos,
            format!("path `{shown_template}` does not start with `/`"),
            "write the path from the base URL on, e.g. `/orgs/{orgId}`",
        );
    }
    if template.contains(['?', '#']) || template.contains(char::is_whitespace) {
        cx.error(
            file,
            pos,
            format!("path `{shown_template}` has a space, `?` or `#`"),
            "a path template holds the path only: query parameters go under `parameters` \
             (`in: query`)",
        );
    }
    let mut out = Vec::new();
    let mut rest = template;
    loop {
        let Some((literal, after)) = rest.split_once('{') else {
            if rest.contains('}') {
                unbalanced(cx, file, pos, &shown_template);
            } else if !rest.is_empty() {
                out.push(PathSegment::Literal(rest.to_owned()));
            }
            break;
        };
        if literal.contains('}') {
            unbalanced(cx, file, pos, &shown_template);
            break;
        }
        if !literal.is_empty() {
            out.push(PathSegment::Literal(literal.to_owned()));
        }
        let Some((name, tail)) = after.split_once('}') else {
            cx.error(
                file,
                pos,
                format!("unclosed `{{` in path `{shown_template}`"),
                "close it: `{name}`",
            );
            break;
        };
        if name.is_empty() || name.contains('{') {
            cx.error(
                file,
                pos,
                format!("empty or nested `{{}}` in path `{shown_template}`"),
                "write one parameter name per `{}`",
            );
        } else if out.contains(&PathSegment::Param(name.to_owned())) {
            cx.error(
                file,
                pos,
                format!("the path `{shown_template}` uses `{{{}}}` twice", shown(name)),
                "use each path parameter once",
            );
        } else {
            out.push(PathSegment::Param(name.to_owned()));
        }
        rest = tail;
    }
    out
}

fn unbalanced(cx: &mut Cx, file: &Path, pos: Pos, template: &str) {
    cx.error(
        file,
        pos,
        format!("unbalanced `}}` in path `{template}`"),
        "every `}` closes a `{name}`",
    );
}
