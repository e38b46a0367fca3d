//! The response body: a Losant organization of about 5 KB, with every kind of field the
//! `Org` model has (nested objects, arrays of objects, maps, enums, dates, a `one_of`).

use serde_json::{Value, json};

/// The organization ID the requests use (it must match the spec's 24-hex-digit pattern).
pub const ORG_ID: &str = "575ed6e87ae143cd83dc4aa8";

/// Members in the organization: sets the body's size.
const MEMBERS: usize = 8;

fn member(i: usize) -> Value {
    let role = ["admin", "edit", "collaborate", "view"][i % 4];
    json!({
        "userId": format!("5a1b2c3d4e5f6a7b8c9d{i:04}"),
        "firstName": format!("Member{i}"),
        "lastName": "Example",
        "email": format!("member{i}@example.com"),
        "avatarUrl": format!("https://avatars.example.com/{i}.png"),
        "role": role,
        "applicationRoles": [
            {"resourceId": format!("6a1b2c3d4e5f6a7b8c9d{i:04}"), "role": "collaborate"},
            {"resourceId": format!("6b1b2c3d4e5f6a7b8c9d{i:04}"), "role": "view"}
        ],
        "dashboardRoles": [
            {"resourceId": format!("7a1b2c3d4e5f6a7b8c9d{i:04}"), "role": "view"}
        ],
        "twoFactorAuthEnabled": i % 2 == 0,
        "ssoLinked": false
    })
}

fn counts(keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .enumerate()
            .map(|(i, k)| ((*k).to_owned(), json!(1000 + i * 37)))
            .collect(),
    )
}

/// The organization as JSON text, as the server sends it.
pub fn org_json() -> String {
    let members: Vec<Value> = (0..MEMBERS).map(member).collect();
    let limits = counts(&[
        "apitoken",
        "application",
        "applicationcertificate",
        "applicationkey",
        "credential",
        "dashboard",
        "datatable",
        "device",
        "devicerecipe",
        "experiencedomain",
        "experienceuser",
        "experienceview",
        "file",
        "flow",
        "integration",
        "notebook",
        "webhook",
        "member",
        "payload",
        "storage",
    ]);
    let summary_counts = counts(&[
        "apiTokenCount",
        "appCount",
        "dashCount",
        "dataTableCount",
        "deviceCount",
        "flowCount",
        "keyCount",
        "notebookCount",
        "webhookCount",
        "memberCount",
        "pendingInviteCount",
    ]);
    let mut summary = summary_counts;
    if let Value::Object(map) = &mut summary {
        map.insert(
            "payloadCount".into(),
            json!({
                "deviceState": {"device.mqtt": 1016.0, "device.rest": 52.0},
                "mqttIn": {"device.mqtt": 880.0},
                "webhook": {"webhook.post": 12.0}
            }),
        );
        map.insert(
            "storageStats".into(),
            json!({"count": 42, "size": 1_048_576}),
        );
        map.insert(
            "notebookStats".into(),
            json!({"awaitingCompletion": 0, "minutesThisPeriod": 31, "runsThisPeriod": 4}),
        );
    }
    json!({
        "id": ORG_ID,
        "orgId": ORG_ID,
        "creationDate": "2016-06-13T04:00:00.000Z",
        "lastUpdated": "2024-03-01T12:34:56.789Z",
        "name": "Benchmark Organization",
        "description": "An organization used to measure the client's overhead.",
        "members": members,
        "limits": limits,
        "summary": summary,
        "planId": "enterprise",
        "billingEmail": "billing@example.com",
        "subscriptionStatus": "active",
        "currentPeriodStart": "2024-03-01T00:00:00.000Z",
        "currentPeriodEnd": "2024-04-01T00:00:00.000Z",
        "isEnterprise": true,
        "iconColor": "#1e88e5",
        "whitelistedEmailDomains": ["example.com", "example.org"],
        "disabledAt": false,
        "isReadOnly": false,
        "mfaMode": "notRequired",
        "banner": {"message": "Scheduled maintenance on Sunday", "level": "info"}
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use generated_client::losant::models::Org;

    #[test]
    fn is_about_5_kb_and_decodes_as_an_org() {
        let text = org_json();
        assert!(
            (4_500..=5_600).contains(&text.len()),
            "{} bytes",
            text.len()
        );
        let org: Org = serde_json::from_str(&text).unwrap();
        assert_eq!(org.members.as_ref().map(Vec::len), Some(MEMBERS));
        assert_eq!(org.id.as_deref(), Some(ORG_ID));
    }
}
