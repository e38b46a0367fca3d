//! Bracket notation (`filter[0][key]=a`), decoded: what the client's deep-object query encoding
//! means, as pairs to compare with a request's decoded query.

use serde_json::Value;

use crate::runtime::encode::deep_pairs;

/// The decoded `(key, value)` pairs of `value` under `name`, as the client sends them
/// ([`deep_pairs`]).
pub(crate) fn pairs(name: &str, value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    deep_pairs(name, value, &mut |key, text| {
        out.push((key.to_owned(), text.to_owned()));
    });
    out
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
