//! Every action of Losant's `org` resource (13): the exact request each sends with every
//! parameter set (and with only the required ones), its documented success body decoded field
//! by field and re-encoded unchanged, and each documented error status decoded into its own
//! variant. The tables hold one entry per action; a failure names the action.

mod bodies;
mod errors;
mod requests;

use generated_client::losant::models::{
    self, ApplicationRolesItem as ResourceRole, ApplicationRolesItemRole as Level, Role,
};
use serde_json::{Value, json};

use crate::support::{APP_ID, DASHBOARD_ID, ORG_ID, USER_ID};

pub const OTHER_APP_ID: &str = "575ec8687ae143cd83dc4a98";

pub fn org_path(suffix: &str) -> String {
    format!("/orgs/{ORG_ID}{suffix}")
}

pub fn success() -> Value {
    json!({ "success": true })
}

// --- Request bodies and response bodies shared by the tables ---------------------------------

pub fn full_invite() -> models::OrgInvitePost {
    models::OrgInvitePost::new("new.hire@example.com", Role::Edit)
        .with_application_roles(vec![ResourceRole::new(APP_ID, Level::View)])
        .with_dashboard_roles(vec![ResourceRole::new(DASHBOARD_ID, Level::Collaborate)])
        .with_disallow_transfer(true)
}

pub fn full_member_patch() -> models::OrgMemberPatch {
    models::OrgMemberPatch::new(USER_ID)
        .with_role(Role::Collaborate)
        .with_application_roles(vec![
            ResourceRole::new(APP_ID, Level::Collaborate),
            ResourceRole::new(OTHER_APP_ID, Level::None),
        ])
        .with_dashboard_roles(vec![ResourceRole::new(DASHBOARD_ID, Level::View)])
}

pub fn full_org_patch() -> models::OrgPatch {
    models::OrgPatch::new()
        .with_name("Acme Industrial")
        .with_description("Sensors for the Dayton plant")
        .with_plan_id("business-2024")
        .with_billing_email("billing@example.com")
        .with_card_token("tok_visa_4242")
        .with_icon_color("#00A8E1")
        .with_mfa_mode(models::MfaMode::Required)
}

pub fn full_transfer() -> models::ResourceTransfer {
    models::ResourceTransfer::new("575ed6e87ae143cd83dc4aff", models::OwnerType::Organization)
        .with_application_ids(vec![APP_ID.to_owned(), OTHER_APP_ID.to_owned()])
        .with_dashboard_ids(vec![DASHBOARD_ID.to_owned()])
        .with_strict(false)
}

pub fn device_counts_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-03T00:00:00.000Z",
        "counts": [
            { "date": "2024-01-01T00:00:00.000Z", "created": 5, "deleted": 1, "total": 120 },
            { "date": "2024-01-02T00:00:00.000Z", "created": 0, "deleted": 3, "total": 117 }
        ]
    })
}

pub fn notebook_minute_counts_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-02T00:00:00.000Z",
        "counts": [{
            "date": "2024-01-01T00:00:00.000Z",
            "minutes": 42, "completed": 7, "canceled": 1, "errored": 2, "timeout": 3
        }]
    })
}

pub fn payload_counts_breakdown_body() -> Value {
    json!({
        "start": "2024-01-01T00:00:00.000Z",
        "end": "2024-01-01T02:00:00.000Z",
        "counts": [
            { "date": "2024-01-01T00:00:00.000Z", "value": 1520 },
            { "date": "2024-01-01T01:00:00.000Z", "value": 0 }
        ]
    })
}
