//! Every action of Losant's `org` resource: the exact request it sends with every parameter
//! set, the decoding of its documented success body, and of each documented error status.

mod common;

use std::collections::BTreeMap;

use common::fixtures::{self, PAYLOAD_STAT_KEYS, SECOND_USER_ID};
use common::*;
use generated_client::losant::models::{self, ResourceRole, ResourceRoleLevel, Role};
use generated_client::losant::org;
use serde_json::{Value, json};
use wiremock::MockServer;

const DOMAIN: &str = "example.com";

async fn server_replying(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(status, body)).await;
    server
}

/// Losant's error body for `status`, as its API sends it.
fn losant_error(status: u16) -> Value {
    match status {
        400 => json!({ "type": "Validation", "message": "start must be a number of milliseconds" }),
        _ => json!({ "type": "NotFound", "message": "Organization was not found" }),
    }
}

/// A server answering every request with `status` and Losant's error body for it.
async fn error_server(status: u16) -> MockServer {
    server_replying(status, losant_error(status)).await
}

fn assert_losant_error(model: &models::Error, status: u16) {
    let (kind, message) = match status {
        400 => ("Validation", "start must be a number of milliseconds"),
        _ => ("NotFound", "Organization was not found"),
    };
    assert_eq!(model.r#type.as_deref(), Some(kind));
    assert_eq!(model.message.as_deref(), Some(message));
}

fn org_path(suffix: &str) -> String {
    format!("/orgs/{ORG_ID}{suffix}")
}

/// Checks every top-level field of the `org` fixture and a good part of the nested ones, then
/// that re-encoding the model gives the whole body back.
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
    assert_eq!(
        members[0],
        models::OrgMember {
            user_id: Some(USER_ID.to_owned()),
            first_name: Some("Ada".to_owned()),
            last_name: Some("Lovelace".to_owned()),
            email: Some("ada@example.com".to_owned()),
            avatar_url: Some("https://avatars.example.com/ada.png".to_owned()),
            role: Some(Role::Admin),
            application_roles: Some(vec![ResourceRole::new(
                APP_ID,
                ResourceRoleLevel::Collaborate
            )]),
            dashboard_roles: Some(vec![ResourceRole::new(
                DASHBOARD_ID,
                ResourceRoleLevel::View
            )]),
            two_factor_auth_enabled: Some(true),
            sso_linked: Some(false),
        }
    );
    assert_eq!(members[1].user_id.as_deref(), Some(SECOND_USER_ID));
    assert_eq!(members[1].role, Some(Role::View));
    assert_eq!(members[1].application_roles, Some(vec![]));
    assert_eq!(
        members[1].dashboard_roles,
        Some(vec![ResourceRole::new(
            DASHBOARD_ID,
            ResourceRoleLevel::None
        )])
    );
    assert_eq!(members[1].sso_linked, Some(true));

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
    assert_payload_stats(summary.payload_count.as_ref().expect("payloadCount"));
    assert_eq!(
        summary.storage_stats,
        Some(models::OrgSummaryStorageStats {
            count: Some(42),
            size: Some(1_048_576),
        })
    );
    assert_eq!(
        summary.notebook_stats,
        Some(models::OrgSummaryNotebookStats {
            awaiting_completion: Some(3),
            minutes_this_period: Some(57),
            runs_this_period: Some(12),
        })
    );

    assert_eq!(org.plan_id.as_deref(), Some("business-2024"));
    assert_eq!(org.billing_email.as_deref(), Some("billing@example.com"));
    assert_eq!(
        org.subscription_status,
        Some(models::OrgSubscriptionStatus::PastDue)
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
        Value::Bool(b) => models::OrgDisabledAt::Bool(*b),
        Value::String(s) => models::OrgDisabledAt::String(s.clone()),
        other => panic!("disabledAt fixture must be a bool or a string, not {other}"),
    };
    assert_eq!(org.disabled_at, Some(expected_disabled_at));
    assert_eq!(org.is_read_only, Some(false));
    assert_eq!(org.mfa_mode, Some(models::MfaMode::AdminRequired));
    assert_eq!(
        org.banner,
        Some(models::OrgBanner {
            message: Some("Maintenance window Saturday 02:00 UTC".to_owned()),
            level: Some(models::OrgBannerLevel::Warning),
        })
    );

    assert_round_trip!(org, &fixtures::org(disabled_at.clone()));
}

/// Checks all 19 maps of the `payloadStats` fixture.
fn assert_payload_stats(stats: &models::PayloadStats) {
    let fields = [
        &stats.app_file,
        &stats.data_table,
        &stats.device_create,
        &stats.device_command,
        &stats.device_connect,
        &stats.device_disconnect,
        &stats.device_state,
        &stats.endpoint,
        &stats.event,
        &stats.flow_error,
        &stats.inbound_email,
        &stats.integration,
        &stats.mqtt_in,
        &stats.mqtt_out,
        &stats.notebook,
        &stats.resource_job,
        &stats.timer,
        &stats.virtual_button,
        &stats.webhook,
    ];
    for (i, field) in fields.into_iter().enumerate() {
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

/// Checks the `orgInvites` fixture.
fn assert_org_invites(invites: &models::OrgInvites) {
    assert_eq!(invites.len(), 2);
    assert_eq!(
        invites[0],
        models::OrgInvite {
            id: Some(INVITE_ID.to_owned()),
            email: Some("new.hire@example.com".to_owned()),
            role: Some(Role::Edit),
            application_roles: Some(vec![ResourceRole::new(APP_ID, ResourceRoleLevel::View)]),
            dashboard_roles: Some(vec![ResourceRole::new(
                DASHBOARD_ID,
                ResourceRoleLevel::Collaborate
            )]),
            invite_date: Some("2024-01-30T09:15:00.000Z".to_owned()),
            ttl: Some(604_800_000.5),
            has_expired: Some(false),
            disallow_transfer: Some(true),
        }
    );
    assert_eq!(invites[1].email.as_deref(), Some("contractor@example.com"));
    assert_eq!(invites[1].ttl, Some(0.0));
    assert_eq!(invites[1].has_expired, Some(true));
    assert_round_trip!(invites, &fixtures::org_invites());
}

// ---------------------------------------------------------------------------------------------
// delete: DELETE /orgs/{orgId}

#[tokio::test]
async fn delete_request_carries_every_parameter() {
    let server = server_replying(200, json!({ "success": true })).await;
    losant_client(&server)
        .org()
        .delete(ORG_ID)
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("delete succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "DELETE",
            path: &org_path(""),
            query: &LOSANT_FLAGS,
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn delete_decodes_the_documented_success_body() {
    let server = server_replying(200, json!({ "success": true })).await;
    let done = losant_client(&server)
        .org()
        .delete(ORG_ID)
        .send()
        .await
        .expect("delete succeeds");
    assert_eq!(
        done,
        models::Success {
            success: Some(true)
        }
    );
}

#[tokio::test]
async fn delete_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server).org().delete(ORG_ID).send().await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::DeleteError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server).org().delete(ORG_ID).send().await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::DeleteError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// deviceCounts: GET /orgs/{orgId}/deviceCounts

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
async fn device_counts_request_carries_every_parameter() {
    let server = server_replying(200, device_counts_body()).await;
    losant_client(&server)
        .org()
        .device_counts(ORG_ID)
        .start("1704067200000")
        .end("1704240000000")
        .losantdomain(DOMAIN)
        .actions(true)
        .links(false)
        .embedded(false)
        .send()
        .await
        .expect("deviceCounts succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path("/deviceCounts"),
            query: &[
                ("start", "1704067200000"),
                ("end", "1704240000000"),
                ("_actions", "true"),
                ("_links", "false"),
                ("_embedded", "false"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn device_counts_decodes_the_documented_success_body() {
    let server = server_replying(200, device_counts_body()).await;
    let counts = losant_client(&server)
        .org()
        .device_counts(ORG_ID)
        .send()
        .await
        .expect("deviceCounts succeeds");
    assert_eq!(counts.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(counts.end.as_deref(), Some("2024-01-03T00:00:00.000Z"));
    assert_eq!(
        counts.counts,
        Some(vec![
            models::DeviceCountsCountsItem {
                date: Some("2024-01-01T00:00:00.000Z".to_owned()),
                created: Some(5),
                deleted: Some(1),
                total: Some(120),
            },
            models::DeviceCountsCountsItem {
                date: Some("2024-01-02T00:00:00.000Z".to_owned()),
                created: Some(0),
                deleted: Some(3),
                total: Some(117),
            },
        ])
    );
    assert_round_trip!(&counts, &device_counts_body());
}

#[tokio::test]
async fn device_counts_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .device_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::DeviceCountsError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .device_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::DeviceCountsError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// get: GET /orgs/{orgId}

#[tokio::test]
async fn get_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .get(ORG_ID)
        .summary_exclude("payloadCount")
        .summary_include("deviceCount,memberCount")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("get succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path(""),
            query: &[
                ("summaryExclude", "payloadCount"),
                ("summaryInclude", "deviceCount,memberCount"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn get_without_optional_parameters_sends_no_query_and_no_domain() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("get succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path(""),
            query: &[],
            body: None,
        },
        None,
    );
}

#[tokio::test]
async fn get_decodes_the_full_org_with_disabled_at_false() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    let org = losant_client(&server)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("get succeeds");
    assert_full_org(&org, &json!(false));
}

#[tokio::test]
async fn get_decodes_the_full_org_with_disabled_at_a_date() {
    let disabled_at = json!("2024-02-02T10:00:00.000Z");
    let server = server_replying(200, fixtures::org(disabled_at.clone())).await;
    let org = losant_client(&server)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("get succeeds");
    assert_full_org(&org, &disabled_at);
}

#[tokio::test]
async fn get_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::GetError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::GetError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// inviteMember: POST /orgs/{orgId}/invites

fn full_invite() -> models::OrgInvitePost {
    models::OrgInvitePost {
        email: "new.hire@example.com".to_owned(),
        role: Role::Edit,
        application_roles: Some(vec![ResourceRole::new(APP_ID, ResourceRoleLevel::View)]),
        dashboard_roles: Some(vec![ResourceRole::new(
            DASHBOARD_ID,
            ResourceRoleLevel::Collaborate,
        )]),
        disallow_transfer: Some(true),
    }
}

#[tokio::test]
async fn invite_member_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org_invites()).await;
    losant_client(&server)
        .org()
        .invite_member(ORG_ID, full_invite())
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("inviteMember succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &org_path("/invites"),
            query: &LOSANT_FLAGS,
            body: Some(json!({
                "email": "new.hire@example.com",
                "role": "edit",
                "applicationRoles": [{ "resourceId": APP_ID, "role": "view" }],
                "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "collaborate" }],
                "disallowTransfer": true
            })),
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn invite_member_body_omits_unset_optional_fields() {
    let server = server_replying(200, fixtures::org_invites()).await;
    losant_client(&server)
        .org()
        .invite_member(
            ORG_ID,
            models::OrgInvitePost::new("someone@example.com", Role::None),
        )
        .send()
        .await
        .expect("inviteMember succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &org_path("/invites"),
            query: &[],
            body: Some(json!({ "email": "someone@example.com", "role": "none" })),
        },
        None,
    );
}

#[tokio::test]
async fn invite_member_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::org_invites()).await;
    let invites = losant_client(&server)
        .org()
        .invite_member(ORG_ID, full_invite())
        .send()
        .await
        .expect("inviteMember succeeds");
    assert_org_invites(&invites);
}

#[tokio::test]
async fn invite_member_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .invite_member(ORG_ID, full_invite())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::InviteMemberError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .invite_member(ORG_ID, full_invite())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::InviteMemberError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// modifyMember: PATCH /orgs/{orgId}/member

fn full_member_patch() -> models::OrgMemberPatch {
    models::OrgMemberPatch {
        user_id: USER_ID.to_owned(),
        role: Some(Role::Collaborate),
        application_roles: Some(vec![
            ResourceRole::new(APP_ID, ResourceRoleLevel::Collaborate),
            ResourceRole::new("575ec8687ae143cd83dc4a98", ResourceRoleLevel::None),
        ]),
        dashboard_roles: Some(vec![ResourceRole::new(
            DASHBOARD_ID,
            ResourceRoleLevel::View,
        )]),
    }
}

#[tokio::test]
async fn modify_member_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .modify_member(ORG_ID, full_member_patch())
        .summary_exclude("payloadCount")
        .summary_include("memberCount")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("modifyMember succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "PATCH",
            path: &org_path("/member"),
            query: &[
                ("summaryExclude", "payloadCount"),
                ("summaryInclude", "memberCount"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: Some(json!({
                "userId": USER_ID,
                "role": "collaborate",
                "applicationRoles": [
                    { "resourceId": APP_ID, "role": "collaborate" },
                    { "resourceId": "575ec8687ae143cd83dc4a98", "role": "none" }
                ],
                "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "view" }]
            })),
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn modify_member_body_omits_unset_optional_fields() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .modify_member(ORG_ID, models::OrgMemberPatch::new(USER_ID))
        .send()
        .await
        .expect("modifyMember succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        request.body_json::<Value>().expect("JSON body"),
        json!({ "userId": USER_ID })
    );
}

#[tokio::test]
async fn modify_member_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    let org = losant_client(&server)
        .org()
        .modify_member(ORG_ID, full_member_patch())
        .send()
        .await
        .expect("modifyMember succeeds");
    assert_full_org(&org, &json!(false));
}

#[tokio::test]
async fn modify_member_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .modify_member(ORG_ID, full_member_patch())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::ModifyMemberError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .modify_member(ORG_ID, full_member_patch())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::ModifyMemberError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// notebookMinuteCounts: GET /orgs/{orgId}/notebookMinuteCounts

fn notebook_minute_counts_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-02T00:00:00.000Z",
        "counts": [
            { "date": "2024-01-01T00:00:00.000Z", "minutes": 42, "completed": 7, "canceled": 1, "errored": 2, "timeout": 3 }
        ]
    })
}

#[tokio::test]
async fn notebook_minute_counts_request_carries_every_parameter() {
    let server = server_replying(200, notebook_minute_counts_body()).await;
    losant_client(&server)
        .org()
        .notebook_minute_counts(ORG_ID)
        .start("0")
        .end("1465790400000")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("notebookMinuteCounts succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path("/notebookMinuteCounts"),
            query: &[
                ("start", "0"),
                ("end", "1465790400000"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn notebook_minute_counts_decodes_the_documented_success_body() {
    let server = server_replying(200, notebook_minute_counts_body()).await;
    let counts = losant_client(&server)
        .org()
        .notebook_minute_counts(ORG_ID)
        .send()
        .await
        .expect("notebookMinuteCounts succeeds");
    assert_eq!(counts.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(counts.end.as_deref(), Some("2024-01-02T00:00:00.000Z"));
    assert_eq!(
        counts.counts,
        Some(vec![models::NotebookMinuteCountsCountsItem {
            date: Some("2024-01-01T00:00:00.000Z".to_owned()),
            minutes: Some(42),
            completed: Some(7),
            canceled: Some(1),
            errored: Some(2),
            timeout: Some(3),
        }])
    );
    assert_round_trip!(&counts, &notebook_minute_counts_body());
}

#[tokio::test]
async fn notebook_minute_counts_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .notebook_minute_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::NotebookMinuteCountsError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .notebook_minute_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::NotebookMinuteCountsError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// patch: PATCH /orgs/{orgId}

fn full_org_patch() -> models::OrgPatch {
    models::OrgPatch {
        name: Some("Acme Industrial".to_owned()),
        description: Some("Sensors for the Dayton plant".to_owned()),
        plan_id: Some("business-2024".to_owned()),
        billing_email: Some("billing@example.com".to_owned()),
        card_token: Some("tok_visa_4242".to_owned()),
        icon_color: Some("#00A8E1".to_owned()),
        mfa_mode: Some(models::MfaMode::Required),
    }
}

#[tokio::test]
async fn patch_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .patch(ORG_ID, full_org_patch())
        .summary_exclude("payloadCount,storageStats")
        .summary_include("deviceCount")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("patch succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "PATCH",
            path: &org_path(""),
            query: &[
                ("summaryExclude", "payloadCount,storageStats"),
                ("summaryInclude", "deviceCount"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
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
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn patch_with_an_empty_patch_sends_an_empty_object() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .patch(ORG_ID, models::OrgPatch::default())
        .send()
        .await
        .expect("patch succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "PATCH",
            path: &org_path(""),
            query: &[],
            body: Some(json!({})),
        },
        None,
    );
}

#[tokio::test]
async fn patch_decodes_the_documented_success_body() {
    let disabled_at = json!("2023-12-24T18:00:00.000Z");
    let server = server_replying(200, fixtures::org(disabled_at.clone())).await;
    let org = losant_client(&server)
        .org()
        .patch(ORG_ID, full_org_patch())
        .send()
        .await
        .expect("patch succeeds");
    assert_full_org(&org, &disabled_at);
}

#[tokio::test]
async fn patch_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .patch(ORG_ID, full_org_patch())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::PatchError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .patch(ORG_ID, full_org_patch())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::PatchError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// payloadCounts: GET /orgs/{orgId}/payloadCounts

#[tokio::test]
async fn payload_counts_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::payload_stats()).await;
    losant_client(&server)
        .org()
        .payload_counts(ORG_ID)
        .start("1704067200000")
        .end("1706745600000")
        .as_bytes("true")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("payloadCounts succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path("/payloadCounts"),
            query: &[
                ("start", "1704067200000"),
                ("end", "1706745600000"),
                ("asBytes", "true"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn payload_counts_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::payload_stats()).await;
    let stats = losant_client(&server)
        .org()
        .payload_counts(ORG_ID)
        .send()
        .await
        .expect("payloadCounts succeeds");
    assert_payload_stats(&stats);
    assert_round_trip!(&stats, &fixtures::payload_stats());
}

#[tokio::test]
async fn payload_counts_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .payload_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::PayloadCountsError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .payload_counts(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::PayloadCountsError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// payloadCountsBreakdown: GET /orgs/{orgId}/payloadCountsBreakdown

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
async fn payload_counts_breakdown_request_carries_every_parameter() {
    let server = server_replying(200, payload_counts_breakdown_body()).await;
    losant_client(&server)
        .org()
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
        .send()
        .await
        .expect("payloadCountsBreakdown succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path("/payloadCountsBreakdown"),
            query: &[
                ("start", "1704067200000"),
                ("end", "1704074400000"),
                ("resolution", "3600000"),
                ("asBytes", "false"),
                ("includeNonBillable", "true"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn payload_counts_breakdown_decodes_the_documented_success_body() {
    let server = server_replying(200, payload_counts_breakdown_body()).await;
    let breakdown = losant_client(&server)
        .org()
        .payload_counts_breakdown(ORG_ID)
        .resolution(org::PayloadCountsBreakdownResolution::V86400000)
        .send()
        .await
        .expect("payloadCountsBreakdown succeeds");
    assert_eq!(breakdown.start.as_deref(), Some("2024-01-01T00:00:00.000Z"));
    assert_eq!(breakdown.end.as_deref(), Some("2024-01-01T02:00:00.000Z"));
    assert_eq!(
        breakdown.counts,
        Some(vec![
            models::PayloadCountsBreakdownCountsItem {
                date: Some("2024-01-01T00:00:00.000Z".to_owned()),
                value: Some(1520),
            },
            models::PayloadCountsBreakdownCountsItem {
                date: Some("2024-01-01T01:00:00.000Z".to_owned()),
                value: Some(0),
            },
        ])
    );
    assert_round_trip!(&breakdown, &payload_counts_breakdown_body());
    let request = only_request(&server).await;
    assert_query(&request, &[("resolution", "86400000")]);
}

#[tokio::test]
async fn payload_counts_breakdown_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .payload_counts_breakdown(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::PayloadCountsBreakdownError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .payload_counts_breakdown(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::PayloadCountsBreakdownError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// pendingInvites: GET /orgs/{orgId}/invites

#[tokio::test]
async fn pending_invites_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org_invites()).await;
    losant_client(&server)
        .org()
        .pending_invites(ORG_ID)
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("pendingInvites succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "GET",
            path: &org_path("/invites"),
            query: &LOSANT_FLAGS,
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn pending_invites_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::org_invites()).await;
    let invites = losant_client(&server)
        .org()
        .pending_invites(ORG_ID)
        .send()
        .await
        .expect("pendingInvites succeeds");
    assert_org_invites(&invites);
}

#[tokio::test]
async fn pending_invites_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .pending_invites(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::PendingInvitesError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .pending_invites(ORG_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::PendingInvitesError::NotFound),
        404,
    );
}

// ---------------------------------------------------------------------------------------------
// removeMember: DELETE /orgs/{orgId}/member?userId=

#[tokio::test]
async fn remove_member_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    losant_client(&server)
        .org()
        .remove_member(ORG_ID, USER_ID)
        .summary_exclude("payloadCount")
        .summary_include("memberCount,pendingInviteCount")
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("removeMember succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "DELETE",
            path: &org_path("/member"),
            query: &[
                ("userId", USER_ID),
                ("summaryExclude", "payloadCount"),
                ("summaryInclude", "memberCount,pendingInviteCount"),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn remove_member_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    let org = losant_client(&server)
        .org()
        .remove_member(ORG_ID, USER_ID)
        .send()
        .await
        .expect("removeMember succeeds");
    assert_full_org(&org, &json!(false));
}

#[tokio::test]
async fn remove_member_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .remove_member(ORG_ID, USER_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::RemoveMemberError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .remove_member(ORG_ID, USER_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::RemoveMemberError::NotFound),
        404,
    );
}

/// The docs (and the generated rustdoc: "pattern `^[A-Fa-f\d]{24}$`, checked before sending")
/// give `userId` the ID pattern, so a value that does not match must be refused locally.
#[tokio::test]
async fn remove_member_refuses_a_user_id_that_is_not_an_id() {
    let server = server_replying(200, fixtures::org(json!(false))).await;
    let result = losant_client(&server)
        .org()
        .remove_member(ORG_ID, "not-a-user-id&admin=true")
        .send()
        .await;
    let reason = expect_refused!(result);
    assert!(
        reason.to_string().contains("userId"),
        "the refusal names the parameter: {reason}"
    );
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");
}

// ---------------------------------------------------------------------------------------------
// revokeInvite: DELETE /orgs/{orgId}/invites?inviteId=

#[tokio::test]
async fn revoke_invite_request_carries_every_parameter() {
    let server = server_replying(200, fixtures::org_invites()).await;
    losant_client(&server)
        .org()
        .revoke_invite(ORG_ID, INVITE_ID)
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("revokeInvite succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "DELETE",
            path: &org_path("/invites"),
            query: &[
                ("inviteId", INVITE_ID),
                ("_actions", "false"),
                ("_links", "true"),
                ("_embedded", "true"),
            ],
            body: None,
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn revoke_invite_decodes_the_documented_success_body() {
    let server = server_replying(200, fixtures::org_invites()).await;
    let invites = losant_client(&server)
        .org()
        .revoke_invite(ORG_ID, INVITE_ID)
        .send()
        .await
        .expect("revokeInvite succeeds");
    assert_org_invites(&invites);
}

#[tokio::test]
async fn revoke_invite_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .revoke_invite(ORG_ID, INVITE_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::RevokeInviteError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .revoke_invite(ORG_ID, INVITE_ID)
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::RevokeInviteError::NotFound),
        404,
    );
}

/// `inviteId` has the ID pattern in the docs, like `userId`.
#[tokio::test]
async fn revoke_invite_refuses_an_invite_id_that_is_not_an_id() {
    let server = server_replying(200, fixtures::org_invites()).await;
    let result = losant_client(&server)
        .org()
        .revoke_invite(ORG_ID, "12345")
        .send()
        .await;
    let reason = expect_refused!(result);
    assert!(
        reason.to_string().contains("inviteId"),
        "the refusal names the parameter: {reason}"
    );
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");
}

// ---------------------------------------------------------------------------------------------
// transferResources: PATCH /orgs/{orgId}/transferResources

fn full_transfer() -> models::ResourceTransfer {
    models::ResourceTransfer {
        destination_id: "575ed6e87ae143cd83dc4aff".to_owned(),
        destination_type: models::ResourceTransferDestinationType::Organization,
        application_ids: Some(vec![
            APP_ID.to_owned(),
            "575ec8687ae143cd83dc4a98".to_owned(),
        ]),
        dashboard_ids: Some(vec![DASHBOARD_ID.to_owned()]),
        strict: Some(false),
    }
}

#[tokio::test]
async fn transfer_resources_request_carries_every_parameter() {
    let server = server_replying(200, json!({ "success": true })).await;
    losant_client(&server)
        .org()
        .transfer_resources(ORG_ID, full_transfer())
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("transferResources succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "PATCH",
            path: &org_path("/transferResources"),
            query: &LOSANT_FLAGS,
            body: Some(json!({
                "destinationId": "575ed6e87ae143cd83dc4aff",
                "destinationType": "organization",
                "applicationIds": [APP_ID, "575ec8687ae143cd83dc4a98"],
                "dashboardIds": [DASHBOARD_ID],
                "strict": false
            })),
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn transfer_resources_body_omits_unset_optional_fields() {
    let server = server_replying(200, json!({ "success": true })).await;
    losant_client(&server)
        .org()
        .transfer_resources(
            ORG_ID,
            models::ResourceTransfer::new(USER_ID, models::ResourceTransferDestinationType::User),
        )
        .send()
        .await
        .expect("transferResources succeeds");
    let request = only_request(&server).await;
    assert_eq!(
        request.body_json::<Value>().expect("JSON body"),
        json!({ "destinationId": USER_ID, "destinationType": "user" })
    );
}

#[tokio::test]
async fn transfer_resources_decodes_the_documented_success_body() {
    let server = server_replying(200, json!({ "success": true })).await;
    let done = losant_client(&server)
        .org()
        .transfer_resources(ORG_ID, full_transfer())
        .send()
        .await
        .expect("transferResources succeeds");
    assert_eq!(done.success, Some(true));
}

#[tokio::test]
async fn transfer_resources_decodes_documented_errors() {
    let server = error_server(400).await;
    let result = losant_client(&server)
        .org()
        .transfer_resources(ORG_ID, full_transfer())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 400, org::TransferResourcesError::BadRequest),
        400,
    );
    let server = error_server(404).await;
    let result = losant_client(&server)
        .org()
        .transfer_resources(ORG_ID, full_transfer())
        .send()
        .await;
    assert_losant_error(
        &expect_api_error!(result, 404, org::TransferResourcesError::NotFound),
        404,
    );
}
