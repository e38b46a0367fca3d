//! A model with declared fields plus arbitrary extra keys (`dataTableRow`: a data table's
//! columns are the user's): every extra column is kept on decode, re-encoded unchanged, and sent
//! back as it came; a column whose value is not one the docs allow is an error, not dropped.

use std::collections::BTreeMap;

use generated_client::losant::models::{self, StringOrNumberOrBool as Cell};
use generated_client::losant::{self};
use serde_json::json;

use crate::support::{APP_ID, Server, assert_round_trip, losant};

const TABLE_ID: &str = "575ed78e7ae143cd83dc4aab";
const ROW_ID: &str = "596f832b128eda5cfe765443";

fn row_body() -> serde_json::Value {
    json!({
        "id": ROW_ID,
        "createdAt": "2024-03-01T10:00:00.000Z",
        "updatedAt": "2024-03-02T11:30:00.000Z",
        "temperature": 21.5,
        "label": "north wing",
        "active": true,
        "note": null
    })
}

#[tokio::test]
async fn a_data_table_row_keeps_its_extra_columns_and_sends_them_back() {
    let server = Server::replying(200, row_body()).await;
    let client = losant(&server);
    let row: models::DataTableRow = client
        .data_table_row()
        .get(APP_ID, TABLE_ID, ROW_ID)
        .await
        .expect("dataTableRow.get succeeds");
    assert_eq!(row.id.as_deref(), Some(ROW_ID));
    assert_eq!(row.created_at.as_deref(), Some("2024-03-01T10:00:00.000Z"));
    assert_eq!(row.updated_at.as_deref(), Some("2024-03-02T11:30:00.000Z"));
    let expected = BTreeMap::from([
        ("active".to_owned(), Some(Cell::Bool(true))),
        (
            "label".to_owned(),
            Some(Cell::String("north wing".to_owned())),
        ),
        ("note".to_owned(), None),
        ("temperature".to_owned(), Some(Cell::Number(21.5))),
    ]);
    assert_eq!(row.extra, expected, "only the undeclared keys, each typed");
    assert_round_trip(&row, &row_body());
    server.take();

    // The columns go back on the wire as they came.
    let update: models::DataTableRowInsertUpdate = row.extra.clone();
    client
        .data_table_row()
        .patch(APP_ID, TABLE_ID, ROW_ID, update)
        .await
        .expect("dataTableRow.patch succeeds");
    let seen = server.only_request();
    assert_eq!(seen.method, "PATCH");
    assert_eq!(
        seen.path(),
        format!("/applications/{APP_ID}/data-tables/{TABLE_ID}/rows/{ROW_ID}")
    );
    assert_eq!(
        seen.json(),
        json!({ "temperature": 21.5, "label": "north wing", "active": true, "note": null })
    );
}

#[tokio::test]
async fn a_column_holding_a_value_the_docs_do_not_allow_is_a_decode_error_keeping_the_body() {
    let mut body = row_body();
    body["tags"] = json!(["a", "b"]);
    let server = Server::replying(200, body.clone()).await;
    let error = losant(&server)
        .data_table_row()
        .get(APP_ID, TABLE_ID, ROW_ID)
        .await
        .expect_err("an array is not a cell value");
    assert!(matches!(error, losant::Error::Decode { .. }), "{error:?}");
    let kept: serde_json::Value =
        serde_json::from_slice(error.raw_body().expect("the body is kept")).expect("JSON");
    assert_eq!(kept, body);
}
