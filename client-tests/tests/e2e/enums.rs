//! Parameter enums as a CLI flag or a config file would use them: `VALUES` lists every value the
//! docs give, each parses with `FromStr` and prints, serializes and deserializes as its wire
//! text; any other text is refused naming every accepted value, yet a value newer than the docs
//! can still be built (`Unknown`) and is sent as written.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use generated_client::losant::{ParseEnumError, devices, instance_api_tokens as tokens, org};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::support::fixtures;
use crate::support::wire::assert_query;
use crate::support::{INSTANCE_ID, Server, losant};

/// Every documented value round-trips through `FromStr`, `Display`, `as_str` and serde.
fn assert_every_value_round_trips<T>(values: &[&str], as_str: fn(&T) -> &str)
where
    T: FromStr<Err = ParseEnumError> + Display + Serialize + DeserializeOwned + PartialEq + Debug,
{
    for value in values {
        let parsed: T = value.parse().unwrap_or_else(|e| panic!("{value}: {e}"));
        assert_eq!(as_str(&parsed), *value);
        assert_eq!(parsed.to_string(), *value);
        assert_eq!(
            serde_json::to_value(&parsed).expect("serializes"),
            json!(value)
        );
        let back: T = serde_json::from_value(json!(value)).expect("deserializes");
        assert_eq!(back, parsed);
    }
}

#[test]
fn parameter_enums_list_parse_print_and_serialize_every_documented_value() {
    assert_eq!(
        tokens::GetSortField::VALUES,
        [
            "name",
            "status",
            "id",
            "creationDate",
            "lastUpdated",
            "expirationDate"
        ]
    );
    assert_every_value_round_trips(tokens::GetSortField::VALUES, tokens::GetSortField::as_str);
    assert_eq!(
        "creationDate".parse::<tokens::GetSortField>(),
        Ok(tokens::GetSortField::CreationDate)
    );

    assert_eq!(tokens::GetSortDirection::VALUES, ["asc", "desc"]);
    assert_every_value_round_trips(
        tokens::GetSortDirection::VALUES,
        tokens::GetSortDirection::as_str,
    );

    // Values that look like numbers are still the documented text.
    assert_eq!(
        org::PayloadCountsBreakdownResolution::VALUES,
        ["86400000", "3600000"]
    );
    assert_every_value_round_trips(
        org::PayloadCountsBreakdownResolution::VALUES,
        org::PayloadCountsBreakdownResolution::as_str,
    );

    // A one-value enum is a constant: that value, and nothing else even from the server.
    assert_eq!(devices::GetFilterField::VALUES, ["name"]);
    assert_every_value_round_trips(
        devices::GetFilterField::VALUES,
        |v: &devices::GetFilterField| v.as_str(),
    );
    assert!(serde_json::from_value::<devices::GetFilterField>(json!("id")).is_err());
}

#[test]
fn other_text_is_refused_naming_every_accepted_value() {
    let error = "creationdate"
        .parse::<tokens::GetSortField>()
        .expect_err("the case differs");
    assert_eq!(error.value(), "creationdate");
    assert_eq!(error.accepted(), tokens::GetSortField::VALUES);
    let message = error.to_string();
    assert!(message.contains("\"creationdate\""), "{message}");
    for value in tokens::GetSortField::VALUES {
        assert!(
            message.contains(&format!("\"{value}\"")),
            "{value} in {message}"
        );
    }

    let error = "id"
        .parse::<devices::GetFilterField>()
        .expect_err("not the one value");
    assert_eq!(error.accepted(), ["name"]);
}

#[tokio::test]
async fn a_value_newer_than_the_docs_is_kept_from_the_server_and_sent_as_written() {
    // The server may send a value the docs do not list; decoding keeps it.
    let newer: tokens::GetSortField =
        serde_json::from_value(json!("lastUsedDate")).expect("kept, not refused");
    assert_eq!(
        newer,
        tokens::GetSortField::Unknown("lastUsedDate".to_owned())
    );
    assert!(
        "lastUsedDate".parse::<tokens::GetSortField>().is_err(),
        "a typo guard"
    );

    let server = Server::replying(200, fixtures::api_tokens_page(vec![], 0, 100, 0)).await;
    losant(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .sort_field(newer)
        .sort_direction(tokens::GetSortDirection::Unknown("random".to_owned()))
        .await
        .expect("get succeeds");
    assert_query(
        &server.only_request(),
        &[("sortField", "lastUsedDate"), ("sortDirection", "random")],
    );
}
