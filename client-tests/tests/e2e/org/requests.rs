//! The request of every org action, exactly: method, path, every query pair and header, and
//! the JSON body; and the local refusal of query IDs that do not match their pattern.

use generated_client::losant::{self, models, org};
use serde_json::{Value, json};

use super::{
    OTHER_APP_ID, Role, device_counts_body, full_invite, full_member_patch, full_org_patch,
    full_transfer, notebook_minute_counts_body, org_path, payload_counts_breakdown_body, success,
};
use crate::support::fixtures;
use crate::support::wire::{LOSANT_FLAGS, Wire, assert_losant_request};
use crate::support::{
    APP_ID, DASHBOARD_ID, INVITE_ID, ORG_ID, Sent, Server, USER_ID, losant, sent,
};

const DOMAIN: &str = "example.com";

/// Sets the API-wide parameters on a call as the cases below expect them: the `losantdomain`
/// header and the three flags with [`LOSANT_FLAGS`]' values.
macro_rules! flagged {
    ($builder:expr) => {
        $builder
            .losantdomain(DOMAIN)
            .actions(false)
            .links(true)
            .embedded(true)
    };
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
            send: |c| sent(flagged!(c.org().delete(ORG_ID)).send()),
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
                    flagged!(
                        c.org()
                            .get(ORG_ID)
                            .summary_exclude("payloadCount")
                            .summary_include("deviceCount,memberCount")
                    )
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
            send: |c| sent(flagged!(c.org().invite_member(ORG_ID, full_invite())).send()),
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
                    flagged!(
                        c.org()
                            .modify_member(ORG_ID, full_member_patch())
                            .summary_exclude("payloadCount")
                            .summary_include("memberCount")
                    )
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
                    flagged!(
                        c.org()
                            .notebook_minute_counts(ORG_ID)
                            .start("0")
                            .end("1465790400000")
                    )
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
                    flagged!(
                        c.org()
                            .patch(ORG_ID, full_org_patch())
                            .summary_exclude("payloadCount,storageStats")
                            .summary_include("deviceCount")
                    )
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
                    flagged!(
                        c.org()
                            .payload_counts(ORG_ID)
                            .start("1704067200000")
                            .end("1706745600000")
                            .as_bytes("true")
                    )
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
                    flagged!(
                        c.org()
                            .payload_counts_breakdown(ORG_ID)
                            .start("1704067200000")
                            .end("1704074400000")
                            .resolution(org::PayloadCountsBreakdownResolution::V3600000)
                            .as_bytes("false")
                            .include_non_billable("true")
                    )
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
            send: |c| sent(flagged!(c.org().pending_invites(ORG_ID)).send()),
            wire: get(org_path("/invites"), LOSANT_FLAGS.to_vec()),
            domain: Some(DOMAIN),
        },
        RequestCase {
            name: "removeMember",
            reply: fixtures::org(json!(false)),
            send: |c| {
                sent(
                    flagged!(
                        c.org()
                            .remove_member(ORG_ID, USER_ID)
                            .summary_exclude("payloadCount")
                            .summary_include("memberCount,pendingInviteCount")
                    )
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
            send: |c| sent(flagged!(c.org().revoke_invite(ORG_ID, INVITE_ID)).send()),
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
            send: |c| sent(flagged!(c.org().transfer_resources(ORG_ID, full_transfer())).send()),
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
                let transfer = models::ResourceTransfer::new(USER_ID, models::OwnerType::User);
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
