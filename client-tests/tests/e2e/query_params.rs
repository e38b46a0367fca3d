//! Query parameters that are models (`devices.get`): `query` (an advancedDeviceQuery) goes as
//! JSON text, `deviceClass` and `tagFilter` in bracket notation (`deep_object`, as Losant's SDKs
//! send them), each as the server's own query parser reads it back.

use generated_client::losant::models::{
    AdvancedDeviceQuery, ApplicationArchiveConfigDeviceTagsItem as Tag, CreationDate as Condition,
    CreationDateVariant2 as Operators, DeviceClass as Class, DeviceClassFilter,
    StringOrNumberOrBool,
};
use serde_json::{Value, json};

use crate::support::wire::assert_query;
use crate::support::{APP_ID, Server, losant};

fn empty_page() -> Value {
    json!({ "items": [], "count": 0, "totalCount": 0 })
}

fn advanced_query() -> AdvancedDeviceQuery {
    let text = |s: &str| StringOrNumberOrBool::String(s.to_owned());
    AdvancedDeviceQuery::new()
        .with_name(Condition::Variant2(Box::new(
            Operators::new().with_starts_with("pump").with_ci(true),
        )))
        .with_or(vec![
            AdvancedDeviceQuery::new()
                .with_device_class(Condition::StringOrNumberOrBool(Some(text("gateway")))),
            AdvancedDeviceQuery::new().with_connection_status(Condition::Variant2(Box::new(
                Operators::new().with_eq(text("connected")),
            ))),
        ])
}

#[tokio::test]
async fn a_json_query_parameter_arrives_as_the_models_json_text() {
    let server = Server::replying(200, empty_page()).await;
    losant(&server)
        .devices()
        .get(APP_ID)
        .query(advanced_query())
        .await
        .expect("devices.get succeeds");
    let seen = server.only_request();
    let text = seen.query_value("query");
    let sent: Value = serde_json::from_str(&text).expect("the server reads JSON text");
    assert_eq!(
        sent,
        json!({
            "name": { "$startsWith": "pump", "$ci": true },
            "$or": [
                { "deviceClass": "gateway" },
                { "connectionStatus": { "$eq": "connected" } }
            ]
        })
    );
    assert_eq!(seen.query_pairs().len(), 1, "nothing else in the query");
}

#[tokio::test]
async fn deep_object_parameters_arrive_in_bracket_notation() {
    let server = Server::replying(200, empty_page()).await;
    let client = losant(&server);
    client
        .devices()
        .get(APP_ID)
        .device_class(DeviceClassFilter::List(vec![
            Class::Gateway,
            Class::EdgeCompute,
        ]))
        .tag_filter(vec![
            Tag::new().with_key("Floor").with_value("2"),
            Tag::new().with_key("Serial"),
        ])
        .await
        .expect("devices.get succeeds");
    let seen = server.only_request();
    assert_query(
        &seen,
        &[
            ("deviceClass[0]", "gateway"),
            ("deviceClass[1]", "edgeCompute"),
            ("tagFilter[0][key]", "Floor"),
            ("tagFilter[0][value]", "2"),
            ("tagFilter[1][key]", "Serial"),
        ],
    );
    // The brackets are percent-encoded, as the `qs` library of Losant's JS SDK sends them.
    let raw = seen.raw_query().expect("a query");
    assert!(raw.contains("deviceClass%5B0%5D=gateway"), "{raw}");

    // One class (the union's other variant) is a plain value.
    client
        .devices()
        .get(APP_ID)
        .device_class(DeviceClassFilter::DeviceClass(Class::Peripheral))
        .await
        .expect("devices.get succeeds");
    assert_query(&server.only_request(), &[("deviceClass", "peripheral")]);
}
