//! Named fixes: corrections of mistakes in Losant's published data, each a small function with
//! a one-line reason.
//!
//! A fix edits the source JSON in place before it is transcribed, records itself in the
//! [`Report`] with the source location, and leaves a mark (the [`MARK`] key) on the value it
//! changed. The transcription turns every mark into a `# Fix (name): reason` comment next to
//! what was fixed, so that a reader of the spec sees the correction and a re-import after a new
//! Losant release applies it again (or stops applying it, once Losant corrects the data).

pub mod params;
pub mod schema;

use serde_json::{Map, Value, json};

use super::report::{Loc, Report};

/// The key a fix adds to a JSON object it changed: a list of `{fix, detail}` marks. No
/// published document uses it, and the transcription consumes it.
pub const MARK: &str = "$fix";

/// A named correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix {
    /// Short kebab-case name, in comments and in the report.
    pub name: &'static str,
    /// Why the published value is wrong and what is meant, in one line.
    pub reason: &'static str,
}

/// Every fix, in the order they run.
pub const ALL: &[&Fix] = &[
    &schema::LIST_IN_ANY_OF,
    &schema::SCHEMA_IN_PROPERTIES,
    &schema::PROPERTIES_OUTSIDE_PROPERTIES,
    &schema::JOI_MIN_MAX,
    &schema::NUMBER_AS_STRING,
    &schema::MAX_ITEMS_ON_ITEM,
    &schema::EXAMPLE_NOT_IN_ENUM,
    &params::COLLECTION_RETURNS_ONE,
    &params::UNTYPED_QUERY_SCALAR,
    &params::UNTYPED_QUERY_MODEL,
    &params::ARRAY_WITHOUT_ITEMS,
    &params::STRING_PARAM_VALUES,
];

/// Applies `fix` at `at`: records it in `report` and marks `node` for the comment.
pub fn apply(
    fix: &'static Fix,
    node: &mut Map<String, Value>,
    at: &Loc,
    detail: String,
    report: &mut Report,
) {
    let marks = node.entry(MARK).or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(marks) = marks {
        marks.push(json!({"fix": fix.name, "detail": detail}));
    }
    report.fixed(fix.name, at, detail);
}

/// Removes the marks from `node` and returns them as comment lines: `Fix (name): reason`,
/// then what was changed.
pub fn take_comments(node: &mut Map<String, Value>) -> Vec<String> {
    let Some(Value::Array(marks)) = node.remove(MARK) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for mark in &marks {
        let name = mark.get("fix").and_then(Value::as_str).unwrap_or_default();
        let reason = ALL.iter().find(|f| f.name == name).map_or("", |f| f.reason);
        lines.push(format!("Fix ({name}): {reason}"));
        if let Some(detail) = mark
            .get("detail")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty())
        {
            lines.push(format!("  {detail}"));
        }
    }
    lines
}

/// A short JSON rendering of `value` for a fix's detail line.
pub fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fix_has_a_unique_kebab_case_name_and_a_one_line_reason() {
        let mut names: Vec<&str> = ALL.iter().map(|f| f.name).collect();
        for fix in ALL {
            assert!(
                fix.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                fix.name
            );
            assert!(
                !fix.reason.is_empty() && !fix.reason.contains('\n'),
                "{}",
                fix.name
            );
            assert!(
                fix.reason.len() <= 120,
                "{} is too long for one comment line",
                fix.name
            );
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn marks_become_comment_lines_and_are_removed() {
        let mut node = Map::new();
        let mut report = Report::default();
        let at = Loc::pointer("schemas/x.json", "/properties/a");
        apply(
            &schema::JOI_MIN_MAX,
            &mut node,
            &at,
            "the source says `min: 1`".into(),
            &mut report,
        );
        let lines = take_comments(&mut node);
        assert_eq!(
            lines,
            vec![
                format!("Fix (joi-min-max): {}", schema::JOI_MIN_MAX.reason),
                "  the source says `min: 1`".to_owned()
            ]
        );
        assert!(node.is_empty());
        assert_eq!(report.fixes.len(), 1);
        assert_eq!(
            report.fixes.first().map(ToString::to_string).as_deref(),
            Some("schemas/x.json#/properties/a: fix (joi-min-max): the source says `min: 1`")
        );
    }
}
