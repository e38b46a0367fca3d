//! Every action of Losant's `org` resource (13): the exact request each sends with every
//! parameter set (and with only the required ones), its documented success body decoded field
//! by field and re-encoded unchanged, and each documented error status decoded into its own
//! variant. The tables hold one entry per action; a failure names the action.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use generated_client::losant::models::{
    self, ApiTokenDefaultRole as Role, ApiTokenOrgRolesItemApplicationRolesItem as ResourceRole,
    ApiTokenOrgRolesItemApplicationRolesItemRole as Level,
};
use generated_client::losant::{self, org};
use serde_json::{Value, json};

use crate::support::fixtures::{self, PAYLOAD_STAT_KEYS, SECOND_USER_ID};
use crate::support::wire::{LOSANT_FLAGS, Wire, assert_losant_request};
use crate::support::{
    APP_ID, DASHBOARD_ID, INVITE_ID, ORG_ID, Sent, Server, USER_ID, assert_round_trip, losant, sent,
};

const DOMAIN: &str = "example.com";
const OTHER_APP_ID: &str = "575ec8687ae143cd83dc4a98";

fn org_path(suffix: &str) -> String {
    format!("/orgs/{ORG_ID}{suffix}")
}

fn success() -> Value {
    json!({ "success": true })
}

// --- Requests -------------------------------------------------------------------------------

fn full_invite() -> models::OrgInvitePost {
    models::OrgInvitePost::new("new.hire@example.com", Role::Edit)
        .with_application_roles(vec![ResourceRole::new(APP_ID, Level::View)])
        .with_dashboard_roles(vec![ResourceRole::new(DASHBOARD_ID, Level::Collaborate)])
        .with_disallow_transfer(true)
}

fn full_member_patch() -> models::OrgMemberPatch {
    models::OrgMemberPatch::new(USER_ID)
        .with_role(Role::Collaborate)
        .with_application_roles(vec![
            ResourceRole::new(APP_ID, Level::Collaborate),
            ResourceRole::new(OTHER_APP_ID, Level::None),
        ])
        .with_dashboard_roles(vec![ResourceRole::new(DASHBOARD_ID, Level::View)])
}

fn full_org_patch() -> models::OrgPatch {
    models::OrgPatch::new()
        .with_name("Acme Industrial")
        .with_description("Sensors for the Dayton plant")
        .with_plan_id("business-2024")
        .with_billing_email("billing@example.com")
        .with_card_token("tok_visa_4242")
        .with_icon_color("#00A8E1")
        .with_mfa_mode(models::InstanceMfaMode::Required)
}

fn full_transfer() -> models::ResourceTransfer {
    models::ResourceTransfer::new(
        "575ed6e87ae143cd83dc4aff",
        models::ApplicationOwnerType::Organization,
    )
    .with_application_ids(vec![APP_ID.to_owned(), OTHER_APP_ID.to_owned()])
    .with_dashboard_ids(vec![DASHBOARD_ID.to_owned()])
    .with_strict(false)
}

/// One call and the request it must send.
struct RequestCase {
    name: &'static str,
    /// A body of the action's success model, so that the call succeeds.
    reply: Value,
    send: fn(&losant::Client) -> Sent,
    wire: Wire,
    domain: Option<&'static str>,
}

fn get(path: String, query: Vec<(&'static str, &'static str)>) -> Wire {
    Wire {
        method: "GET",
        path,
        query,
        body: None,
    }
}

/// `summaryExclude`, `summaryInclude` and the API-wide flags, as the cases below set them.
fn with_summary(exclude: &'static str, include: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut query = vec![("summaryExclude", exclude), ("summaryInclude", include)];
    query.extend(LOSANT_FLAGS);
    query
}

fn request_cases() -> Vec<RequestCase> {
    vec![
        RequestCase {
            name: "delete",
            reply: success(),
            send: |c| {
                sent(
                    c.org()
                        .delete(ORG_ID)
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "DELETE",
                path: org_path(""),
                query: LOSANT_FLAGS.to_vec(),
                body: None,
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "deviceCounts",
            reply: device_counts_body(),
            send: |c| {
                sent(
                    c.org()
                        .device_counts(ORG_ID)
                        .start("1704067200000")
                        .end("1704240000000")
                        .losantdomain(DOMAIN)
                        .actions(true)
                        .links(false)
                        .embedded(false)
                        .send(),
                )
            },
            wire: get(
                org_path("/deviceCounts"),
                vec![
                    ("start", "1704067200000"),
                    ("end", "1704240000000"),
                    ("_actions", "true"),
                    ("_links", "false"),
                    ("_embedded", "false"),
                ],
            ),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "get",
            reply: fixtures::org(json!(false)),
            send: |c| {
                sent(
                    c.org()
                        .get(ORG_ID)
                        .summary_exclude("payloadCount")
                        .summary_include("deviceCount,memberCount")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: get(
                org_path(""),
                with_summary("payloadCount", "deviceCount,memberCount"),
            ),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "get without optional parameters",
            reply: fixtures::org(json!(false)),
            send: |c| sent(c.org().get(ORG_ID).send()),
            wire: get(org_path(""), vec![]),
            domain: None,
        },
        RequestCase {
            name: "inviteMember",
            reply: fixtures::org_invites(),
            send: |c| {
                sent(
                    c.org()
                        .invite_member(ORG_ID, full_invite())
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "POST",
                path: org_path("/invites"),
                query: LOSANT_FLAGS.to_vec(),
                body: Some(json!({
                    "email": "new.hire@example.com",
                    "role": "edit",
                    "applicationRoles": [{ "resourceId": APP_ID, "role": "view" }],
                    "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "collaborate" }],
                    "disallowTransfer": true
                })),
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "inviteMember with only the required fields",
            reply: fixtures::org_invites(),
            send: |c| {
                let invite = models::OrgInvitePost::new("someone@example.com", Role::None);
                sent(c.org().invite_member(ORG_ID, invite).send())
            },
            wire: Wire {
                method: "POST",
                path: org_path("/invites"),
                query: vec![],
                body: Some(json!({ "email": "someone@example.com", "role": "none" })),
            },
            domain: None,
        },
        RequestCase {
            name: "modifyMember",
            reply: fixtures::org(json!(false)),
            send: |c| {
                sent(
                    c.org()
                        .modify_member(ORG_ID, full_member_patch())
                        .summary_exclude("payloadCount")
                        .summary_include("memberCount")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "PATCH",
                path: org_path("/member"),
                query: with_summary("payloadCount", "memberCount"),
                body: Some(json!({
                    "userId": USER_ID,
                    "role": "collaborate",
                    "applicationRoles": [
                        { "resourceId": APP_ID, "role": "collaborate" },
                        { "resourceId": OTHER_APP_ID, "role": "none" }
                    ],
                    "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "view" }]
                })),
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "modifyMember with only the required fields",
            reply: fixtures::org(json!(false)),
            send: |c| {
                let member = models::OrgMemberPatch::new(USER_ID);
                sent(c.org().modify_member(ORG_ID, member).send())
            },
            wire: Wire {
                method: "PATCH",
                path: org_path("/member"),
                query: vec![],
                body: Some(json!({ "userId": USER_ID })),
            },
            domain: None,
        },
        RequestCase {
            name: "notebookMinuteCounts",
            reply: notebook_minute_counts_body(),
            send: |c| {
                sent(
                    c.org()
                        .notebook_minute_counts(ORG_ID)
                        .start("0")
                        .end("1465790400000")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: get(org_path("/notebookMinuteCounts"), {
                let mut query = vec![("start", "0"), ("end", "1465790400000")];
                query.extend(LOSANT_FLAGS);
                query
            }),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "patch",
            reply: fixtures::org(json!(false)),
            send: |c| {
                sent(
                    c.org()
                        .patch(ORG_ID, full_org_patch())
                        .summary_exclude("payloadCount,storageStats")
                        .summary_include("deviceCount")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "PATCH",
                path: org_path(""),
                query: with_summary("payloadCount,storageStats", "deviceCount"),
                body: Some(json!({
                    "name": "Acme Industrial",
                    "description": "Sensors for the Dayton plant",
                    "planId": "business-2024",
                    "billingEmail": "billing@example.com",
                    "cardToken": "tok_visa_4242",
                    "iconColor": "#00A8E1",
                    "mfaMode": "required"
                })),
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "patch with an empty patch",
            reply: fixtures::org(json!(false)),
            send: |c| sent(c.org().patch(ORG_ID, models::OrgPatch::new()).send()),
            wire: Wire {
                method: "PATCH",
                path: org_path(""),
                query: vec![],
                body: Some(json!({})),
            },
            domain: None,
        },
        RequestCase {
            name: "payloadCounts",
            reply: fixtures::payload_stats(),
            send: |c| {
                sent(
                    c.org()
                        .payload_counts(ORG_ID)
                        .start("1704067200000")
                        .end("1706745600000")
                        .as_bytes("true")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: get(org_path("/payloadCounts"), {
                let mut query = vec![
                    ("start", "1704067200000"),
                    ("end", "1706745600000"),
                    ("asBytes", "true"),
                ];
                query.extend(LOSANT_FLAGS);
                query
            }),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "payloadCountsBreakdown",
            reply: payload_counts_breakdown_body(),
            send: |c| {
                sent(
                    c.org()
                        .payload_counts_breakdown(ORG_ID)
                        .start("1704067200000")
                        .end("1704074400000")
                        .resolution(org::PayloadCountsBreakdownResolution::V3600000)
                        .as_bytes("false")
                        .include_non_billable("true")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: get(org_path("/payloadCountsBreakdown"), {
                let mut query = vec![
                    ("start", "1704067200000"),
                    ("end", "1704074400000"),
                    ("resolution", "3600000"),
                    ("asBytes", "false"),
                    ("includeNonBillable", "true"),
                ];
                query.extend(LOSANT_FLAGS);
                query
            }),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "pendingInvites",
            reply: fixtures::org_invites(),
            send: |c| {
                sent(
                    c.org()
                        .pending_invites(ORG_ID)
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: get(org_path("/invites"), LOSANT_FLAGS.to_vec()),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "removeMember",
            reply: fixtures::org(json!(false)),
            send: |c| {
                sent(
                    c.org()
                        .remove_member(ORG_ID, USER_ID)
                        .summary_exclude("payloadCount")
                        .summary_include("memberCount,pendingInviteCount")
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "DELETE",
                path: org_path("/member"),
                query: {
                    let mut query = vec![("userId", USER_ID)];
                    query.extend(with_summary(
                        "payloadCount",
                        "memberCount,pendingInviteCount",
                    ));
                    query
                },
                body: None,
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "revokeInvite",
            reply: fixtures::org_invites(),
            send: |c| {
                sent(
                    c.org()
                        .revoke_invite(ORG_ID, INVITE_ID)
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "DELETE",
                path: org_path("/invites"),
                query: {
                    let mut query = vec![("inviteId", INVITE_ID)];
                    query.extend(LOSANT_FLAGS);
                    query
                },
                body: None,
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "transferResources",
            reply: success(),
            send: |c| {
                sent(
                    c.org()
                        .transfer_resources(ORG_ID, full_transfer())
                        .losantdomain(DOMAIN)
                        .actions(false)
                        .links(true)
                        .embedded(true)
                        .send(),
                )
            },
            wire: Wire {
                method: "PATCH",
                path: org_path("/transferResources"),
                query: LOSANT_FLAGS.to_vec(),
                body: Some(json!({
                    "destinationId": "575ed6e87ae143cd83dc4aff",
                    "destinationType": "organization",
                    "applicationIds": [APP_ID, OTHER_APP_ID],
                    "dashboardIds": [DASHBOARD_ID],
                    "strict": false
                })),
            },
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "transferResources with only the required fields",
            reply: success(),
            send: |c| {
                let transfer =
                    models::ResourceTransfer::new(USER_ID, models::ApplicationOwnerType::User);
                sent(c.org().transfer_resources(ORG_ID, transfer).send())
            },
            wire: Wire {
                method: "PATCH",
                path: org_path("/transferResources"),
                query: vec![],
                body: Some(json!({ "destinationId": USER_ID, "destinationType": "user" })),
            },
            domain: None,
        },
    ]
}

#[tokio::test]
async fn every_action_sends_exactly_its_documented_request() {
    let server = Server::replying(200, Value::Null).await;
    let client = losant(&server);
    let cases = request_cases();
    let actions: std::collections::BTreeSet<&str> = cases
        .iter()
        .map(|case| case.name.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(
        actions.len(),
        13,
        "every org action has a case: {actions:?}"
    );
    for case in cases {
        server.set_reply(200, &case.reply);
        (case.send)(&client)
            .await
            .unwrap_or_else(|error| panic!("{}: {error}", case.name));
        let seen = server.only_request();
        println!("checking {}", case.name);
        assert_losant_request(&seen, &case.wire, case.domain);
    }
}

/// `userId` and `inviteId` are documented with the ID pattern (and the rustdoc says "checked
/// before sending"): a value that does not match is refused locally, naming the parameter.
#[tokio::test]
async fn query_ids_that_are_not_ids_are_refused_before_sending() {
    let server = Server::replying(200, fixtures::org(json!(false))).await;
    let client = losant(&server);
    let remove = client
        .org()
        .remove_member(ORG_ID, "not-a-user-id&admin=true")
        .await
        .expect_err("refused");
    let revoke = client
        .org()
        .revoke_invite(ORG_ID, "12345")
        .await
        .expect_err("refused");
    for (error, name) in [
        (remove.to_string(), "userId"),
        (revoke.to_string(), "inviteId"),
    ] {
        assert!(
            error.contains("refused before sending") && error.contains(&format!("`{name}`")),
            "{error}"
        );
        assert!(
            error.contains(r"^[A-Fa-f\d]{24}$"),
            "names the pattern: {error}"
        );
    }
    assert!(
        matches!(remove, losant::Error::Refused { .. }),
        "{remove:?}"
    );
    assert_eq!(server.seen().len(), 0, "nothing was sent");
}

// --- Success bodies -------------------------------------------------------------------------

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
        Some(models::InstanceOrgSubscriptionStatus::PastDue)
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
    assert_eq!(org.mfa_mode, Some(models::InstanceMfaMode::AdminRequired));
    let banner = org.banner.as_ref().expect("banner");
    assert_eq!(
        banner.message.as_deref(),
        Some("Maintenance window Saturday 02:00 UTC")
    );
    assert_eq!(banner.level, Some(models::InstanceOrgBannerLevel::Warning));

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

fn device_counts_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-03T00:00:00.000Z",
        "counts": [
            { "date": "2024-01-01T00:00:00.000Z", "created": 5, "deleted": 1, "total": 120 },
            { "date": "2024-01-02T00:00:00.000Z", "created": 0, "deleted": 3, "total": 117 }
        ]
    })
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

fn notebook_minute_counts_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-02T00:00:00.000Z",
        "counts": [{
            "date": "2024-01-01T00:00:00.000Z",
            "minutes": 42, "completed": 7, "canceled": 1, "errored": 2, "timeout": 3
        }]
    })
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

fn payload_counts_breakdown_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-01T02:00:00.000Z",
        "counts": [
            { "date": "2024-01-01T00:00:00.000Z", "value": 1520 },
            { "date": "2024-01-01T01:00:00.000Z", "value": 0 }
        ]
    })
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

// --- Documented errors ----------------------------------------------------------------------

/// Losant's error body for `status`, as its API sends it.
fn losant_error(status: u16) -> Value {
    match status {
        400 => json!({ "type": "Validation", "message": "start must be a number of milliseconds" }),
        _ => json!({ "type": "NotFound", "message": "Organization was not found" }),
    }
}

/// What an org call's error came down to: the status and the variant of the action's error
/// enum it decoded into, with the body.
type Outcome = Result<(u16, u16, models::Error), String>;

/// Sends an org call that must fail with a documented status, and maps its typed error to
/// `(Error::status, status the variant stands for, body)`; `variant` is the action's match.
fn typed_error<T, E>(
    call: impl Future<Output = Result<T, losant::Error<E>>> + Send + 'static,
    variant: fn(&E) -> (u16, models::Error),
) -> Pin<Box<dyn Future<Output = Outcome> + Send>>
where
    E: std::fmt::Debug + Send + 'static,
{
    Box::pin(async move {
        let Err(error) = call.await else {
            return Err("succeeded".to_owned());
        };
        let status = error.status().map(|s| s.as_u16()).unwrap_or_default();
        match error.api_error() {
            Some(typed) => {
                let (documented, body) = variant(typed);
                Ok((status, documented, body))
            }
            None => Err(format!("not a documented error: {error:?}")),
        }
    })
}

/// The case of one org action: its `XError` enum's `BadRequest` is 400, `NotFound` 404.
macro_rules! error_case {
    ($name:literal, $error:ident, $call:expr) => {
        (
            $name,
            (|c: &losant::Client| {
                typed_error($call(c), |typed: &org::$error| match typed {
                    org::$error::BadRequest(body) => (400, body.clone()),
                    org::$error::NotFound(body) => (404, body.clone()),
                    other => panic!("an error variant the docs do not list: {other:?}"),
                })
            }) as fn(&losant::Client) -> Pin<Box<dyn Future<Output = Outcome> + Send>>,
        )
    };
}

#[tokio::test]
async fn every_action_decodes_its_documented_errors() {
    let cases = [
        error_case!("delete", DeleteError, |c: &losant::Client| c
            .org()
            .delete(ORG_ID)
            .send()),
        error_case!("deviceCounts", DeviceCountsError, |c: &losant::Client| c
            .org()
            .device_counts(ORG_ID)
            .send()),
        error_case!("get", GetError, |c: &losant::Client| c
            .org()
            .get(ORG_ID)
            .send()),
        error_case!("inviteMember", InviteMemberError, |c: &losant::Client| c
            .org()
            .invite_member(ORG_ID, full_invite())
            .send()),
        error_case!("modifyMember", ModifyMemberError, |c: &losant::Client| c
            .org()
            .modify_member(ORG_ID, full_member_patch())
            .send()),
        error_case!(
            "notebookMinuteCounts",
            NotebookMinuteCountsError,
            |c: &losant::Client| c.org().notebook_minute_counts(ORG_ID).send()
        ),
        error_case!("patch", PatchError, |c: &losant::Client| c
            .org()
            .patch(ORG_ID, full_org_patch())
            .send()),
        error_case!("payloadCounts", PayloadCountsError, |c: &losant::Client| c
            .org()
            .payload_counts(ORG_ID)
            .send()),
        error_case!(
            "payloadCountsBreakdown",
            PayloadCountsBreakdownError,
            |c: &losant::Client| c.org().payload_counts_breakdown(ORG_ID).send()
        ),
        error_case!(
            "pendingInvites",
            PendingInvitesError,
            |c: &losant::Client| c.org().pending_invites(ORG_ID).send()
        ),
        error_case!("removeMember", RemoveMemberError, |c: &losant::Client| c
            .org()
            .remove_member(ORG_ID, USER_ID)
            .send()),
        error_case!("revokeInvite", RevokeInviteError, |c: &losant::Client| c
            .org()
            .revoke_invite(ORG_ID, INVITE_ID)
            .send()),
        error_case!(
            "transferResources",
            TransferResourcesError,
            |c: &losant::Client| c.org().transfer_resources(ORG_ID, full_transfer()).send()
        ),
    ];
    let server = Server::replying(200, Value::Null).await;
    let client = losant(&server);
    for (name, send) in cases {
        for status in [400, 404] {
            server.set_reply(status, &losant_error(status));
            let (sent_status, documented, body) = send(&client)
                .await
                .unwrap_or_else(|error| panic!("{name} {status}: {error}"));
            assert_eq!(
                (sent_status, documented),
                (status, status),
                "{name}: status and variant"
            );
            let expected = losant_error(status);
            assert_eq!(body.r#type.as_deref(), expected["type"].as_str(), "{name}");
            assert_eq!(
                body.message.as_deref(),
                expected["message"].as_str(),
                "{name}"
            );
        }
    }
}
