//! Bracket notation (`filter[0][key]=a`), decoded: what the client's deep-object query encoding
//! means, as pairs to compare with a request's decoded query.

use serde_json::Value;

/// The decoded `(key, value)` pairs of `value` under `name`: objects add `[key]`, arrays
/// `[index]`, `null` is an empty value, and an empty object or array adds nothing.
pub(crate) fn pairs(name: &str, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    push(&mut out, name.to_owned(), value);
    out
}

fn push(out: &mut Vec<(String, String)>, name: String, value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                push(out, format!("{name}[{key}]"), item);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                push(out, format!("{name}[{index}]"), item);
            }
        }
        Value::String(text) => out.push((name, text.clone())),
        Value::Null => out.push((name, String::new())),
        Value::Bool(_) | Value::Number(_) => out.push((name, value.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::pairs;

    #[test]
    fn nested_values_become_bracketed_pairs() {
        let value = json!({"$and": [{"name": "a b"}, {"n": 3}], "on": true, "x": null, "e": []});
        assert_eq!(
            pairs("query", &value),
            vec![
                ("query[$and][0][name]".to_owned(), "a b".to_owned()),
                ("query[$and][1][n]".to_owned(), "3".to_owned()),
                ("query[on]".to_owned(), "true".to_owned()),
                ("query[x]".to_owned(), String::new()),
            ]
        );
    }
}
