//! Path templates: `/orgs/{orgId}/members` to literal and parameter segments.

use std::path::Path;

use super::Cx;
use crate::diagnostics::Pos;
use crate::ir::PathSegment;
use crate::load::yaml::shown;

/// Reports a resource path or an action's path suffix that does not start with `/`.
pub fn check_start(cx: &mut Cx, file: &Path, pos: Pos, path: &str) {
    if !path.starts_with('/') {
        cx.error(
            file,
            pos,
            format!("path `{}` does not start with `/`", shown(path)),
            "write the path from the base URL on, e.g. `/orgs/{orgId}` (an action's `path` is \
             a suffix such as `/members`)",
        );
    }
}

/// The segments of `template` (written at `pos` in `file`), or `None` when it does not parse
/// (what does not parse is reported).
pub fn parse(cx: &mut Cx, file: &Path, pos: Pos, template: &str) -> Option<Vec<PathSegment>> {
    let shown_template = shown(template);
    let mut ok = true;
    if template.contains(['?', '#']) || template.contains(char::is_whitespace) {
        ok = false;
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
                ok = false;
                unbalanced(cx, file, pos, &shown_template);
            } else if !rest.is_empty() {
                out.push(PathSegment::Literal(rest.to_owned()));
            }
            break;
        };
        if literal.contains('}') {
            ok = false;
            unbalanced(cx, file, pos, &shown_template);
            break;
        }
        if !literal.is_empty() {
            out.push(PathSegment::Literal(literal.to_owned()));
        }
        let Some((name, tail)) = after.split_once('}') else {
            ok = false;
            cx.error(
                file,
                pos,
                format!("unclosed `{{` in path `{shown_template}`"),
                "close it: `{name}`",
            );
            break;
        };
        if name.is_empty() || name.contains('{') {
            ok = false;
            cx.error(
                file,
                pos,
                format!("empty or nested `{{}}` in path `{shown_template}`"),
                "write one parameter name per `{}`",
            );
        } else if out.contains(&PathSegment::Param(name.to_owned())) {
            ok = false;
            cx.error(
                file,
                pos,
                format!(
                    "the path `{shown_template}` uses `{{{}}}` twice",
                    shown(name)
                ),
                "use each path parameter once",
            );
        } else {
            out.push(PathSegment::Param(name.to_owned()));
        }
        rest = tail;
    }
    ok.then_some(out)
}

fn unbalanced(cx: &mut Cx, file: &Path, pos: Pos, template: &str) {
    cx.error(
        file,
        pos,
        format!("unbalanced `}}` in path `{template}`"),
        "every `}` closes a `{name}`",
    );
}
