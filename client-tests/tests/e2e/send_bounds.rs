//! Every future and stream a caller can get from a sample of actions (one of each kind: plain
//! JSON, paginated, several success statuses, a 204, an upload, an event stream, another API)
//! is `Send`, so it can be spawned on a multi-threaded runtime; errors are `Send + Sync`, so
//! they fit a `Box<dyn Error + Send + Sync>`. Checked at compile time: the futures are built
//! and dropped, never polled.

use std::future::IntoFuture;

use futures::StreamExt;
use generated_client::losant::{self, FilePart, models};
use generated_client::thousandeyes;

use crate::support::{APP_ID, DEVICE_ID, ORG_ID, TEST_ID};

fn assert_send<T: Send>(_: &T) {}

fn assert_send_type<T: Send>() {}

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn futures_streams_and_errors_of_every_kind_of_action_are_send() {
    let client = losant::Client::builder()
        .token("t")
        .build()
        .expect("client builds");

    let get = client.org().get(ORG_ID);
    assert_send(&get);
    assert_send(&get.clone().send());
    assert_send(&get.clone().send_with_response());
    assert_send(&get.into_future());

    let devices = client.devices().get(APP_ID);
    assert_send(&devices.clone().send());
    assert_send(&devices.clone().pages());
    let mut items = Box::pin(devices.items());
    assert_send(&items);
    assert_send(&items.next());

    let export = client
        .application()
        .export(APP_ID, models::ApplicationExportPost::new());
    assert_send(&export.into_future());
    assert_send(
        &client
            .auth()
            .sso_domain("a@example.com")
            .send_with_response(),
    );
    assert_send(
        &client
            .data_table_row()
            .get(APP_ID, DEVICE_ID, DEVICE_ID)
            .into_future(),
    );

    let streamed = futures::stream::empty::<Result<axum::body::Bytes, std::io::Error>>();
    let upload = client
        .applications()
        .import()
        .import_bundle(FilePart::stream(streamed));
    assert_send(&upload);
    assert_send(&upload.into_future());

    let state = client.device().state_stream(APP_ID, DEVICE_ID);
    assert_send(&state.clone().send());
    assert_send(&state.into_future());
    assert_send_sync::<losant::device::StateStreamEvent>();
    assert_send_type::<
        losant::EventStream<losant::device::StateStreamEvent, losant::device::StateStreamError>,
    >();

    let te = thousandeyes::Client::builder()
        .token("t")
        .build()
        .expect("client builds");
    let snapshot = te.snapshots().create_test_snapshot(
        TEST_ID,
        thousandeyes::models::SnapshotRequest::new("n", "s", "e"),
    );
    assert_send(&snapshot.into_future());

    assert_send_sync::<losant::Client>();
    assert_send_sync::<losant::Error<losant::org::GetError>>();
    assert_send_sync::<losant::Error<losant::device::StateStreamError>>();
    assert_send_sync::<thousandeyes::Error<thousandeyes::snapshots::CreateTestSnapshotError>>();
}
