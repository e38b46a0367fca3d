//! Realistic response bodies holding every field of the documented models.

use serde_json::{Value, json};

use super::{APP_ID, DASHBOARD_ID, INSTANCE_ID, INVITE_ID, ORG_ID, USER_ID};

pub const SECOND_USER_ID: &str = "575ed7847ae143cd83dc4aab";

/// Every key of `payloadStats`, as the schema lists them.
pub const PAYLOAD_STAT_KEYS: [&str; 19] = [
    "appFile",
    "dataTable",
    "deviceCreate",
    "deviceCommand",
    "deviceConnect",
    "deviceDisconnect",
    "deviceState",
    "endpoint",
    "event",
    "flowError",
    "inboundEmail",
    "integration",
    "mqttIn",
    "mqttOut",
    "notebook",
    "resourceJob",
    "timer",
    "virtualButton",
    "webhook",
];

/// A `payloadStats` body: for stat number `i`, `{APP_ID: 100 + i, "flow-<i>": 0.5 + i}`.
pub fn payload_stats() -> Value {
    let mut stats = serde_json::Map::new();
    for (i, key) in PAYLOAD_STAT_KEYS.iter().enumerate() {
        stats.insert(
            (*key).to_owned(),
            json!({ APP_ID: 100 + i, format!("flow-{i}"): 0.5 + i as f64 }),
        );
    }
    Value::Object(stats)
}

/// The `org` model with every field, `disabledAt` as given (`false` or a date).
pub fn org(disabled_at: Value) -> Value {
    json!({
        "id": ORG_ID,
        "orgId": ORG_ID,
        "creationDate": "2016-06-13T04:00:00.000Z",
        "lastUpdated": "2024-01-31T17:45:12.345Z",
        "name": "Acme Industrial",
        "description": "Sensors for the Dayton plant",
        "members": [
            {
                "userId": USER_ID,
                "firstName": "Ada",
                "lastName": "Lovelace",
                "email": "ada@example.com",
                "avatarUrl": "https://avatars.example.com/ada.png",
                "role": "admin",
                "applicationRoles": [{ "resourceId": APP_ID, "role": "collaborate" }],
                "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "view" }],
                "twoFactorAuthEnabled": true,
                "ssoLinked": false
            },
            {
                "userId": SECOND_USER_ID,
                "firstName": "Grace",
                "lastName": "Hopper",
                "email": "grace@example.com",
                "avatarUrl": "https://avatars.example.com/grace.png",
                "role": "view",
                "applicationRoles": [],
                "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "none" }],
                "twoFactorAuthEnabled": false,
                "ssoLinked": true
            }
        ],
        "limits": org_limits(),
        "summary": org_summary(),
        "planId": "business-2024",
        "billingEmail": "billing@example.com",
        "subscriptionStatus": "past_due",
        "currentPeriodStart": "2024-01-01T00:00:00.000Z",
        "currentPeriodEnd": "2024-02-01T00:00:00.000Z",
        "isEnterprise": true,
        "iconColor": "#00A8E1",
        "whitelistedEmailDomains": ["example.com", "example.org"],
        "disabledAt": disabled_at,
        "isReadOnly": false,
        "mfaMode": "adminRequired",
        "banner": { "message": "Maintenance window Saturday 02:00 UTC", "level": "warning" }
    })
}

fn org_limits() -> Value {
    json!({
        "apitoken": 1, "application": 2, "applicationcertificate": 3,
        "applicationcertificateauthority": 4, "applicationkey": 5, "credential": 6,
        "dashboard": 7, "datatable": 8, "device": 9, "devicerecipe": 10,
        "experiencedomain": 11, "experienceendpoint": 12, "experiencegroup": 13,
        "experienceslug": 14, "experienceuser": 15, "experienceversion": 16,
        "experienceview": 17, "file": 18, "flow": 19, "integration": 20, "notebook": 21,
        "privatefile": 22, "resourcejob": 23, "webhook": 24, "dataTTL": 2592000,
        "member": 26, "payload": 27, "storage": 28, "notebookMinutesPerRun": 29,
        "notebookMinutesPerMonth": 30, "notebookInParallel": 31,
        "experienceFlowSlots": 32, "applicationFlowSlots": 33, "systemInterval": 60
    })
}

fn org_summary() -> Value {
    json!({
        "apiTokenCount": 101, "appCount": 102, "certificateCount": 103,
        "certificateAuthorityCount": 104, "credentialCount": 105, "dashCount": 106,
        "dataTableCount": 107, "deviceCount": 108, "deviceRecipeCount": 109,
        "eventCount": 110, "experienceDomainCount": 111, "experienceEndpointCount": 112,
        "experienceGroupCount": 113, "experienceSlugCount": 114,
        "experienceUserCount": 115, "experienceVersionCount": 116,
        "experienceViewCount": 117, "fileCount": 118, "flowCount": 119,
        "integrationCount": 120, "keyCount": 121, "notebookCount": 122,
        "privateFileCount": 123, "resourceJobCount": 124, "webhookCount": 125,
        "memberCount": 2, "pendingInviteCount": 1,
        "payloadCount": payload_stats(),
        "storageStats": { "count": 42, "size": 1048576 },
        "notebookStats": { "awaitingCompletion": 3, "minutesThisPeriod": 57, "runsThisPeriod": 12 }
    })
}

/// An `orgInvites` body (an array of invitations) with every field.
pub fn org_invites() -> Value {
    json!([
        {
            "id": INVITE_ID,
            "email": "new.hire@example.com",
            "role": "edit",
            "applicationRoles": [{ "resourceId": APP_ID, "role": "view" }],
            "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "collaborate" }],
            "inviteDate": "2024-01-30T09:15:00.000Z",
            "ttl": 604800000.5,
            "hasExpired": false,
            "disallowTransfer": true
        },
        {
            "id": "575ed71e7ae143cd83dc4aab",
            "email": "contractor@example.com",
            "role": "view",
            "applicationRoles": [],
            "dashboardRoles": [],
            "inviteDate": "2023-12-01T00:00:00.000Z",
            "ttl": 0,
            "hasExpired": true,
            "disallowTransfer": false
        }
    ])
}

/// An `apiToken` body with every field; `n` varies the identifiers.
pub fn api_token(n: u32) -> Value {
    json!({
        "id": format!("5a0c9f8e7d6b5a4c3b2a1{n:03}"),
        "apiTokenId": format!("5a0c9f8e7d6b5a4c3b2a1{n:03}"),
        "ownerId": INSTANCE_ID,
        "ownerType": "user",
        "creatorId": USER_ID,
        "creatorType": "apiToken",
        "creatorName": "Provisioning token",
        "name": format!("token-{n}"),
        "description": format!("Token number {n}"),
        "creationDate": "2024-01-02T03:04:05.000Z",
        "lastUpdated": "2024-01-03T03:04:05.000Z",
        "expirationDate": "2025-01-02T03:04:05.000Z",
        "defaultRole": "view",
        "orgRoles": [
            {
                "orgId": ORG_ID,
                "role": "edit",
                "applicationRoles": [{ "resourceId": APP_ID, "role": "collaborate" }],
                "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "view" }]
            },
            { "orgId": "sandbox", "role": "admin" }
        ],
        "scope": ["all.Instance.read", "instanceApiTokens.get"],
        "status": "active",
        "token": format!("eyJhbGciOiJIUzI1NiJ9.token-{n}.c2lnbmF0dXJl")
    })
}

/// An `apiTokens` page holding `items`, with every field of the collection.
pub fn api_tokens_page(items: Vec<Value>, page: u64, per_page: u64, total: u64) -> Value {
    json!({
        "count": items.len(),
        "items": items,
        "totalCount": total,
        "perPage": per_page,
        "page": page,
        "filter": "token-*",
        "filterField": "name",
        "sortField": "creationDate",
        "sortDirection": "desc",
        "ownerId": INSTANCE_ID,
        "ownerType": "user"
    })
}

/// A `Link` with every field.
pub fn full_link(href: &str) -> Value {
    json!({
        "href": href,
        "templated": false,
        "type": "application/hal+json",
        "deprecation": "https://developer.cisco.com/docs/thousandeyes/deprecations",
        "name": "primary",
        "profile": "https://api.thousandeyes.com/v7/profiles/test",
        "title": "Test details",
        "hreflang": "en-US"
    })
}

/// A `SnapshotResponse` body with every field, nested ones included.
pub fn snapshot_response() -> Value {
    json!({
        "id": "b2f1c0de-5a7e-4d3c-9f10-0123456789ab",
        "startRoundId": 1706785200,
        "endRoundId": 1706788800,
        "roundId": 1706787000,
        "shareDate": "2024-02-01T12:30:00Z",
        "sourceTestId": "202701",
        "testId": "303949",
        "uid": "184529",
        "displayName": "Checkout outage 2024-02-01",
        "extraParams": "{\"agentIds\":[\"4492\",\"4493\"]}",
        "test": {
            "interval": 300,
            "alertsEnabled": true,
            "enabled": false,
            "createdBy": "ada@example.com (184529)",
            "createdDate": "2023-11-20T08:00:00Z",
            "description": "Checkout page availability",
            "liveShare": false,
            "modifiedBy": "grace@example.com (184530)",
            "modifiedDate": "2024-01-15T10:20:30Z",
            "savedEvent": true,
            "testId": "303949",
            "testName": "shop.example.com checkout",
            "type": "http-server",
            "_links": {
                "self": full_link("https://api.thousandeyes.com/v7/tests/303949"),
                "testResults": [
                    { "href": "https://api.thousandeyes.com/v7/test-results/303949/network" },
                    { "href": "https://api.thousandeyes.com/v7/test-results/303949/http-server", "title": "HTTP server results" }
                ]
            }
        },
        "_links": {
            "self": { "href": "https://api.thousandeyes.com/v7/tests/202701/snapshot" },
            "appLink": { "href": "https://app.thousandeyes.com/view/tests/?__a=1234&share=b2f1c0de", "type": "text/html" }
        }
    })
}
