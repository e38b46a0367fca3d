//! The spec checks of a request: what the real API would refuse, the mock refuses too (a
//! required parameter missing, a value outside its pattern, enum or limits, a body of the wrong
//! type or that does not decode into the request model, no token).

use super::request::{Received, essence};
use super::route::Routed;
use super::spec::{ApiSpec, BodySpec, ListStyle, Location, ParamSpec, PartSpec, ValueSpec};

/// Every way `request` breaks the spec of the action it was routed to; empty when none.
pub(crate) fn violations(api: &ApiSpec, routed: &Routed, request: &Received) -> Vec<String> {
    let action = routed.action;
    let mut out = Vec::new();
    if action.auth && !has_bearer_token(request) {
        out.push(
            "the action needs a token and the request has no `Authorization: Bearer …` header"
                .to_owned(),
        );
    }
    for param in action.params.iter().chain(api.params) {
        check_param(param, routed, request, &mut out);
    }
    check_body(&action.body, request, &mut out);
    out
}

fn has_bearer_token(request: &Received) -> bool {
    request.header_values("authorization").iter().any(|value| {
        value
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("bearer "))
            && value.len() > 7
    })
}

fn check_param(param: &ParamSpec, routed: &Routed, request: &Received, out: &mut Vec<String>) {
    let noun = param.at.noun();
    let name = param.name;
    let values: Vec<String> = match param.at {
        Location::Path => routed
            .params
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .collect(),
        Location::Header => request.header_values(name),
        Location::Query => match param.value {
            // A bracketed object is sent as `name[key]=…` pairs: present when any pair is.
            ValueSpec::Deep => {
                if param.required && request.deep_pairs(name).is_empty() {
                    out.push(format!("the required {noun} {name} is missing"));
                }
                return;
            }
            ValueSpec::List {
                style: ListStyle::Comma,
                ..
            } => request.list_values(name, ListStyle::Comma),
            _ => request.query_values(name),
        },
    };
    if values.is_empty() {
        if param.required {
            out.push(format!("the required {noun} {name} is missing"));
        }
        return;
    }
    for value in &values {
        // `check_value` reads each item of a list parameter against the list's item spec.
        if let Err(reason) = check_value(&param.value, value) {
            out.push(describe(param, value, &reason));
        }
    }
}

/// `query parameter sortField is "x", which is not one of: name, status`.
pub(crate) fn describe(param: &ParamSpec, value: &str, reason: &str) -> String {
    let shown = if param.sensitive {
        "<redacted>".to_owned()
    } else {
        format!("{value:?}")
    };
    format!(
        "{} {} is {shown}, which {reason}",
        param.at.noun(),
        param.name
    )
}

/// `Ok` when `value` (as text) is what `spec` documents, else the reason, worded to follow
/// "which" (`does not match the pattern …`).
pub(crate) fn check_value(spec: &ValueSpec, value: &str) -> Result<(), String> {
    match spec {
        ValueSpec::Any | ValueSpec::Deep => Ok(()),
        ValueSpec::Text {
            pattern,
            values,
            min_length,
            max_length,
        } => {
            if !values.is_empty() && !values.contains(&value) {
                return Err(format!("is not one of: {}", values.join(", ")));
            }
            if let Some(pattern) = pattern {
                if !pattern.matches(value) {
                    return Err(format!("does not match the pattern {}", pattern.source));
                }
            }
            let length = u64::try_from(value.chars().count()).unwrap_or(u64::MAX);
            if min_length.is_some_and(|min| length < min)
                || max_length.is_some_and(|max| length > max)
            {
                return Err(format!(
                    "has {length} characters, outside {}",
                    bounds(min_length.map(|n| n as f64), max_length.map(|n| n as f64))
                ));
            }
            Ok(())
        }
        ValueSpec::Integer {
            values,
            minimum,
            maximum,
        } => {
            let number: i64 = value
                .trim()
                .parse()
                .map_err(|_| "is not a whole number".to_owned())?;
            if !values.is_empty() && !values.contains(&number) {
                let list: Vec<String> = values.iter().map(i64::to_string).collect();
                return Err(format!("is not one of: {}", list.join(", ")));
            }
            within(number as f64, *minimum, *maximum)
        }
        ValueSpec::Number { minimum, maximum } => {
            let number: f64 = value
                .trim()
                .parse()
                .map_err(|_| "is not a number".to_owned())?;
            within(number, *minimum, *maximum)
        }
        ValueSpec::Boolean => match value {
            "true" | "false" => Ok(()),
            _ => Err("is not `true` or `false`".to_owned()),
        },
        ValueSpec::List { item, .. } => check_value(item, value),
        ValueSpec::Json(decode) => {
            decode(value).map_err(|e| format!("is not JSON of the documented type: {e}"))
        }
    }
}

fn within(number: f64, minimum: Option<f64>, maximum: Option<f64>) -> Result<(), String> {
    if minimum.is_some_and(|min| number < min) || maximum.is_some_and(|max| number > max) {
        return Err(format!("is outside {}", bounds(minimum, maximum)));
    }
    Ok(())
}

fn bounds(minimum: Option<f64>, maximum: Option<f64>) -> String {
    match (minimum, maximum) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("{min}.."),
        (None, Some(max)) => format!("..={max}"),
        (None, None) => "its limits".to_owned(),
    }
}

fn check_body(spec: &BodySpec, request: &Received, out: &mut Vec<String>) {
    let present = !request.body.is_empty();
    let (media_type, required) = match spec {
        BodySpec::None => return,
        BodySpec::Json {
            media_type,
            required,
            ..
        }
        | BodySpec::Bytes {
            media_type,
            required,
        }
        | BodySpec::Text {
            media_type,
            required,
        } => (*media_type, *required),
        BodySpec::Multipart(parts) => return check_multipart(parts, request, out),
        BodySpec::Form(fields) => return check_form(fields, request, out),
    };
    if !present {
        if required {
            out.push("the required body is missing".to_owned());
        }
        return;
    }
    let wanted = essence(media_type);
    match request.content_type() {
        Some(got) if got == wanted => {}
        Some(got) => out.push(format!(
            "the body's Content-Type is {got:?}, the documented one is {wanted:?}"
        )),
        None => out.push(format!(
            "the body has no Content-Type, the documented one is {wanted:?}"
        )),
    }
    match spec {
        BodySpec::Json { decode, .. } => {
            if let Err(e) = decode(&request.body) {
                out.push(format!(
                    "the body does not decode into the documented request model: {e}"
                ));
            }
        }
        BodySpec::Text { .. } if std::str::from_utf8(&request.body).is_err() => {
            out.push("the text body is not UTF-8".to_owned());
        }
        _ => {}
    }
}

fn check_multipart(parts: &[PartSpec], request: &Received, out: &mut Vec<String>) {
    let received = match request.parts() {
        Ok(received) => received,
        Err(reason) => {
            if parts.iter().any(|p| p.required) || !request.body.is_empty() {
                out.push(format!(
                    "the body is not a valid multipart/form-data body: {reason}"
                ));
            }
            return;
        }
    };
    for spec in parts {
        let found: Vec<_> = received.iter().filter(|p| p.name == spec.name).collect();
        if found.is_empty() {
            if spec.required {
                out.push(format!("the required part {} is missing", spec.name));
            }
            continue;
        }
        for part in found {
            if spec.file {
                continue;
            }
            if let Err(reason) = check_value(&spec.value, &part.text()) {
                out.push(format!(
                    "part {} is {:?}, which {reason}",
                    spec.name,
                    part.text()
                ));
            }
        }
    }
}

fn check_form(fields: &[PartSpec], request: &Received, out: &mut Vec<String>) {
    match request.content_type() {
        Some(got) if got == "application/x-www-form-urlencoded" => {}
        other => {
            out.push(format!(
                "the body's Content-Type is {other:?}, the documented one is \
                 \"application/x-www-form-urlencoded\""
            ));
            return;
        }
    }
    let received = request.form_fields();
    for spec in fields {
        let values: Vec<&String> = received
            .iter()
            .filter(|(name, _)| name == spec.name)
            .map(|(_, value)| value)
            .collect();
        if values.is_empty() && spec.required {
            out.push(format!("the required form field {} is missing", spec.name));
        }
        for value in values {
            if let Err(reason) = check_value(&spec.value, value) {
                out.push(format!(
                    "form field {} is {value:?}, which {reason}",
                    spec.name
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_value;
    use crate::mock::spec::ValueSpec;
    use crate::runtime::Pattern;

    static ID: Pattern = Pattern {
        source: "^[A-Fa-f\\d]{24}$",
        ranges: &[('A', 'F'), ('a', 'f'), ('0', '9')],
        min: 24,
        max: 24,
    };

    #[test]
    fn text_values_are_checked_against_pattern_enum_and_length() {
        let id = ValueSpec::Text {
            pattern: Some(&ID),
            values: &[],
            min_length: None,
            max_length: None,
        };
        assert!(check_value(&id, "575ec7417ae143cd83dc4a96").is_ok());
        assert_eq!(
            check_value(&id, "nope").unwrap_err(),
            "does not match the pattern ^[A-Fa-f\\d]{24}$"
        );
        let sort = ValueSpec::Text {
            pattern: None,
            values: &["name", "status"],
            min_length: None,
            max_length: Some(4),
        };
        assert_eq!(
            check_value(&sort, "x").unwrap_err(),
            "is not one of: name, status"
        );
        assert_eq!(
            check_value(&sort, "status").unwrap_err(),
            "has 6 characters, outside ..=4"
        );
    }

    #[test]
    fn numbers_and_booleans_must_parse_within_their_limits() {
        let page = ValueSpec::Integer {
            values: &[],
            minimum: Some(0.0),
            maximum: None,
        };
        assert!(check_value(&page, "3").is_ok());
        assert_eq!(check_value(&page, "-1").unwrap_err(), "is outside 0..");
        assert_eq!(
            check_value(&page, "x").unwrap_err(),
            "is not a whole number"
        );
        assert!(check_value(&ValueSpec::Boolean, "true").is_ok());
        assert!(check_value(&ValueSpec::Boolean, "1").is_err());
    }
}
