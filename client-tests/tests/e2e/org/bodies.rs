//! The documented success body of every org action, decoded field by field and re-encoded
//! unchanged.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use generated_client::losant::{self, models};
use serde_json::{Value, json};

use super::{
    Level, ResourceRole, Role, device_counts_body, full_invite, full_member_patch, full_org_patch,
    full_transfer, notebook_minute_counts_body, payload_counts_breakdown_body, success,
};
use crate::support::fixtures::{self, PAYLOAD_STAT_KEYS, SECOND_USER_ID};
use crate::support::{
    APP_ID, DASHBOARD_ID, INVITE_ID, ORG_ID, Server, USER_ID, assert_round_trip, losant,
};

type Decoded<T> = Pin<Box<dyn Future<Output = Result<T, String>> + Send>>;

/// A call of an org action whose decoded success body the test checks.
type DecodingCall<T> = fn(&losant::Client) -> Decoded<T>;

fn decoded<T, E: std::fmt::Display>(
    call: impl Future<Output = Result<T, losant::Error<E>>> + Send + 'static,
) -> Decoded<T> {
    Box::pin(async move { call.await.map_err(|error| error.to_string()) })
}

/// The 19 maps of a payload-stats model (`payloadStats`, and the same shape inside an org
/// summary), in the order of [`PAYLOAD_STAT_KEYS`].
macro_rules! payload_fields {
    ($stats:expr) => {{
        let s = $stats;
        [
            &s.app_file,
            &s.data_table,
            &s.device_create,
            &s.device_command,
            &s.device_connect,
            &s.device_disconnect,
            &s.device_state,
            &s.endpoint,
            &s.event,
            &s.flow_error,
            &s.inbound_email,
            &s.integration,
            &s.mqtt_in,
            &s.mqtt_out,
            &s.notebook,
            &s.resource_job,
            &s.timer,
            &s.virtual_button,
            &s.webhook,
        ]
    }};
}

/// Checks every field of the `org` fixture (nested ones included), then that re-encoding the
/// model gives the whole body back.
fn assert_full_org(org: &models::Org, disabled_at: &Value) {
    assert_eq!(org.id.as_deref(), Some(ORG_ID));
    assert_eq!(org.org_id.as_deref(), Some(ORG_ID));
    assert_eq!(
        org.creation_date.as_deref(),
        Some("2016-06-13T04:00:00.000Z")
    );
    assert_eq!(
        org.last_updated.as_deref(),
        Some("2024-01-31T17:45:12.345Z")
    );
    assert_eq!(org.name.as_deref(), Some("Acme Industrial"));
    assert_eq!(
        org.description.as_deref(),
        Some("Sensors for the Dayton plant")
    );

    let members = org.members.as_ref().expect("members");
    assert_eq!(members.len(), 2);
    let ada = &members[0];
    assert_eq!(ada.user_id.as_deref(), Some(USER_ID));
    assert_eq!(ada.first_name.as_deref(), Some("Ada"));
    assert_eq!(ada.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(ada.email.as_deref(), Some("ada@example.com"));
    assert_eq!(
        ada.avatar_url.as_deref(),
        Some("https://avatars.example.com/ada.png")
    );
    assert_eq!(ada.role, Some(Role::Admin));
    assert_eq!(
        ada.application_roles,
        Some(vec![ResourceRole::new(APP_ID, Level::Collaborate)])
    );
    assert_eq!(
        ada.dashboard_roles,
        Some(vec![ResourceRole::new(DASHBOARD_ID, Level::View)])
    );
    assert_eq!(ada.two_factor_auth_enabled, Some(true));
    assert_eq!(ada.sso_linked, Some(false));
    let grace = &members[1];
    assert_eq!(grace.user_id.as_deref(), Some(SECOND_USER_ID));
    assert_eq!(grace.role, Some(Role::View));
    assert_eq!(grace.application_roles, Some(vec![]));
    assert_eq!(
        grace.dashboard_roles,
        Some(vec![ResourceRole::new(DASHBOARD_ID, Level::None)])
    );
    assert_eq!(grace.two_factor_auth_enabled, Some(false));
    assert_eq!(grace.sso_linked, Some(true));

    let limits = org.limits.as_ref().expect("limits");
    assert_eq!(limits.apitoken, Some(1));
    assert_eq!(limits.applicationcertificateauthority, Some(4));
    assert_eq!(limits.experienceview, Some(17));
    assert_eq!(limits.webhook, Some(24));
    assert_eq!(limits.data_ttl, Some(2_592_000));
    assert_eq!(limits.notebook_minutes_per_month, Some(30));
    assert_eq!(limits.application_flow_slots, Some(33));
    assert_eq!(limits.system_interval, Some(60));

    let summary = org.summary.as_ref().expect("summary");
    assert_eq!(summary.api_token_count, Some(101));
    assert_eq!(summary.certificate_authority_count, Some(104));
    assert_eq!(summary.experience_view_count, Some(117));
    assert_eq!(summary.webhook_count, Some(125));
    assert_eq!(summary.member_count, Some(2));
    assert_eq!(summary.pending_invite_count, Some(1));
    let payload = summary.payload_count.as_ref().expect("payloadCount");
    assert_payload_stats(&payload_fields!(payload));
    let storage = summary.storage_stats.as_ref().expect("storageStats");
    assert_eq!((storage.count, storage.size), (Some(42), Some(1_048_576)));
    let notebooks = summary.notebook_stats.as_ref().expect("notebookStats");
    assert_eq!(notebooks.awaiting_completion, Some(3));
    assert_eq!(notebooks.minutes_this_period, Some(57));
    assert_eq!(notebooks.runs_this_period, Some(12));

    assert_eq!(org.plan_id.as_deref(), Some("business-2024"));
    assert_eq!(org.billing_email.as_deref(), Some("billing@example.com"));
    assert_eq!(
        org.subscription_status,
        Some(models::SubscriptionStatus::PastDue)
    );
    assert_eq!(
        org.current_period_start.as_deref(),
        Some("2024-01-01T00:00:00.000Z")
    );
    assert_eq!(
        org.current_period_end.as_deref(),
        Some("2024-02-01T00:00:00.000Z")
    );
    assert_eq!(org.is_enterprise, Some(true));
    assert_eq!(org.icon_color.as_deref(), Some("#00A8E1"));
    assert_eq!(
        org.whitelisted_email_domains,
        Some(vec!["example.com".to_owned(), "example.org".to_owned()])
    );
    let expected_disabled_at = match disabled_at {
        Value::Bool(b) => models::StringOrBool::Bool(*b),
        Value::String(s) => models::StringOrBool::String(s.clone()),
        other => panic!("disabledAt fixture must be a bool or a string, not {other}"),
    };
    assert_eq!(org.disabled_at, Some(expected_disabled_at));
    assert_eq!(org.is_read_only, Some(false));
    assert_eq!(org.mfa_mode, Some(models::MfaMode::AdminRequired));
    let banner = org.banner.as_ref().expect("banner");
    assert_eq!(
        banner.message.as_deref(),
        Some("Maintenance window Saturday 02:00 UTC")
    );
    assert_eq!(banner.level, Some(models::BannerLevel::Warning));

    assert_round_trip(org, &fixtures::org(disabled_at.clone()));
}

/// Each map of the `payloadStats` fixture: stat `i` is `{APP_ID: 100 + i, "flow-<i>": 0.5 + i}`.
fn assert_payload_stats(fields: &[&Option<BTreeMap<String, f64>>; 19]) {
    for (i, field) in fields.iter().enumerate() {
        let key = PAYLOAD_STAT_KEYS[i];
        let map = field
            .as_ref()
            .unwrap_or_else(|| panic!("payload stat {key} missing"));
        let expected = BTreeMap::from([
            (APP_ID.to_owned(), 100.0 + i as f64),
            (format!("flow-{i}"), 0.5 + i as f64),
        ]);
        assert_eq!(map, &expected, "payload stat {key}");
    }
}

#[tokio::test]
async fn actions_answering_an_org_decode_every_field() {
    let cases: [(&str, Value, DecodingCall<models::Org>); 4] = [
        ("get", json!(false), |c| decoded(c.org().get(ORG_ID).send())),
        ("modifyMember", json!("2024-02-02T10:00:00.000Z"), |c| {
            decoded(c.org().modify_member(ORG_ID, full_member_patch()).send())
        }),
        ("patch", json!("2023-12-24T18:00:00.000Z"), |c| {
            decoded(c.org().patch(ORG_ID, full_org_patch()).send())
        }),
        ("removeMember", json!(true), |c| {
            decoded(c.org().remove_member(ORG_ID, USER_ID).send())
        }),
    ];
    let server = Server::replying(200, Value::Null).await;
    let client = losant(&server);
    for (name, disabled_at, send) in cases {
        server.set_reply(200, &fixtures::org(disabled_at.clone()));
        let org = send(&client)
            .await
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        println!("checking {name}");
        assert_full_org(&org, &disabled_at);
    }
}

#[tokio::test]
async fn actions_answering_invites_decode_every_field() {
    let cases: [(&str, DecodingCall<models::OrgInvites>); 3] = [
        ("inviteMember", |c| {
            decoded(c.org().invite_member(ORG_ID, full_invite()).send())
        }),
        ("pendingInvites", |c| {
            decoded(c.org().pending_invites(ORG_ID).send())
        }),
        ("revokeInvite", |c| {
            decoded(c.org().revoke_invite(ORG_ID, INVITE_ID).send())
        }),
    ];
    let server = Server::replying(200, fixtures::org_invites()).await;
    let client = losant(&server);
    for (name, send) in cases {
        let invites = send(&client)
            .await
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(invites.len(), 2, "{name}");
        let first = &invites[0];
        assert_eq!(first.id.as_deref(), Some(INVITE_ID), "{name}");
        assert_eq!(first.email.as_deref(), Some("new.hire@example.com"));
        assert_eq!(first.role, Some(Role::Edit));
        assert_eq!(
            first.application_roles,
            Some(vec![ResourceRole::new(APP_ID, Level::View)])
        );
        assert_eq!(
            first.dashboard_roles,
            Some(vec![ResourceRole::new(DASHBOARD_ID, Level::Collaborate)])
        );
        assert_eq!(
            first.invite_date.as_deref(),
            Some("2024-01-30T09:15:00.000Z")
        );
        assert_eq!(first.ttl, Some(604_800_000.5));
        assert_eq!(first.has_expired, Some(false));
        assert_eq!(first.disallow_transfer, Some(true));
        let second = &invites[1];
        assert_eq!(second.email.as_deref(), Some("contractor@example.com"));
        assert_eq!(second.role, Some(Role::View));
        assert_eq!(second.application_roles, Some(vec![]));
        assert_eq!(second.ttl, Some(0.0));
        assert_eq!(second.has_expired, Some(true));
        assert_eq!(second.disallow_transfer, Some(false));
        assert_round_trip(&invites, &fixtures::org_invites());
    }
}

#[tokio::test]
async fn actions_answering_success_decode_it() {
    let cases: [(&str, DecodingCall<models::Success>); 2] = [
        ("delete", |c| decoded(c.org().delete(ORG_ID).send())),
        ("transferResources", |c| {
            decoded(c.org().transfer_resources(ORG_ID, full_transfer()).send())
        }),
    ];
    let server = Server::replying(200, success()).await;
    let client = losant(&server);
    for (name, send) in cases {
        let done = send(&client)
            .await
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(done.success, Some(true), "{name}");
        assert_round_trip(&done, &success());
    }
}

#[tokio::test]
async fn device_counts_decodes_every_field() {
    let server = Server::replying(200, device_counts_body()).await;
    let counts = losant(&server)
        .org()
        .device_counts(ORG_ID)
        .await
        .expect("deviceCounts succeeds");
    assert_eq!(counts.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(counts.end.as_deref(), Some("2024-01-03T00:00:00.000Z"));
    let days: Vec<_> = counts
        .counts
        .as_ref()
        .expect("counts")
        .iter()
        .map(|day| (day.date.as_deref(), day.created, day.deleted, day.total))
        .collect();
    assert_eq!(
        days,
        [
            (
                Some("2024-01-01T00:00:00.000Z"),
                Some(5),
                Some(1),
                Some(120)
            ),
            (
                Some("2024-01-02T00:00:00.000Z"),
                Some(0),
                Some(3),
                Some(117)
            ),
        ]
    );
    assert_round_trip(&counts, &device_counts_body());
}

#[tokio::test]
async fn notebook_minute_counts_decodes_every_field() {
    let server = Server::replying(200, notebook_minute_counts_body()).await;
    let counts = losant(&server)
        .org()
        .notebook_minute_counts(ORG_ID)
        .await
        .expect("notebookMinuteCounts succeeds");
    assert_eq!(counts.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(counts.end.as_deref(), Some("2024-01-02T00:00:00.000Z"));
    let [day] = counts.counts.as_deref().expect("counts") else {
        panic!("one day: {counts:?}");
    };
    assert_eq!(day.date.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(
        (
            day.minutes,
            day.completed,
            day.canceled,
            day.errored,
            day.timeout
        ),
        (Some(42), Some(7), Some(1), Some(2), Some(3))
    );
    assert_round_trip(&counts, &notebook_minute_counts_body());
}

#[tokio::test]
async fn payload_counts_decodes_every_field() {
    let server = Server::replying(200, fixtures::payload_stats()).await;
    let stats = losant(&server)
        .org()
        .payload_counts(ORG_ID)
        .await
        .expect("payloadCounts succeeds");
    assert_payload_stats(&payload_fields!(&stats));
    assert_round_trip(&stats, &fixtures::payload_stats());
}

#[tokio::test]
async fn payload_counts_breakdown_decodes_every_field() {
    let server = Server::replying(200, payload_counts_breakdown_body()).await;
    let breakdown = losant(&server)
        .org()
        .payload_counts_breakdown(ORG_ID)
        .await
        .expect("payloadCountsBreakdown succeeds");
    assert_eq!(breakdown.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(breakdown.end.as_deref(), Some("2024-01-01T02:00:00.000Z"));
    let hours: Vec<_> = breakdown
        .counts
        .as_ref()
        .expect("counts")
        .iter()
        .map(|hour| (hour.date.as_deref(), hour.value))
        .collect();
    assert_eq!(
        hours,
        [
            (Some("2024-01-01T00:00:00.000Z"), Some(1520)),
            (Some("2024-01-01T01:00:00.000Z"), Some(0)),
        ]
    );
    assert_round_trip(&breakdown, &payload_counts_breakdown_body());
}
