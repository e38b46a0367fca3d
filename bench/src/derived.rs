//! Losant's `org` model decoded by serde's derive, the way the generator wrote models before
//! they decoded through `runtime::Object` (a `serde_json::Map` first, then field by field): the
//! baseline that shows what that costs per response.
//!
//! It declares the same fields with the same types as the generated `Org` and the models it
//! holds, except that the open enums are `String`s (the generated enums decode a `String` and
//! then match it) and the generated `StringOrBool` union is serde's `untagged` enum. A test
//! checks that both decode the benchmark's body into the same JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Losant's `org` model as serde's derive decodes it: what the generated `losant::models::Org`
/// decodes, field for field.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Org {
    id: Option<String>,
    org_id: Option<String>,
    creation_date: Option<String>,
    last_updated: Option<String>,
    name: Option<String>,
    description: Option<String>,
    members: Option<Vec<Member>>,
    limits: Option<Limits>,
    summary: Option<Summary>,
    plan_id: Option<String>,
    billing_email: Option<String>,
    subscription_status: Option<String>,
    current_period_start: Option<String>,
    current_period_end: Option<String>,
    is_enterprise: Option<bool>,
    icon_color: Option<String>,
    whitelisted_email_domains: Option<Vec<String>>,
    disabled_at: Option<StringOrBool>,
    is_read_only: Option<bool>,
    mfa_mode: Option<String>,
    banner: Option<Banner>,
}

/// An item of `members`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    user_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    avatar_url: Option<String>,
    role: Option<String>,
    application_roles: Option<Vec<ResourceRole>>,
    dashboard_roles: Option<Vec<ResourceRole>>,
    two_factor_auth_enabled: Option<bool>,
    sso_linked: Option<bool>,
}

/// An item of `applicationRoles` and `dashboardRoles`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceRole {
    resource_id: String,
    role: String,
}

/// `limits`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    apitoken: Option<i64>,
    application: Option<i64>,
    applicationcertificate: Option<i64>,
    applicationcertificateauthority: Option<i64>,
    applicationkey: Option<i64>,
    credential: Option<i64>,
    dashboard: Option<i64>,
    datatable: Option<i64>,
    device: Option<i64>,
    devicerecipe: Option<i64>,
    experiencedomain: Option<i64>,
    experienceendpoint: Option<i64>,
    experiencegroup: Option<i64>,
    experienceslug: Option<i64>,
    experienceuser: Option<i64>,
    experienceversion: Option<i64>,
    experienceview: Option<i64>,
    file: Option<i64>,
    flow: Option<i64>,
    integration: Option<i64>,
    notebook: Option<i64>,
    privatefile: Option<i64>,
    resourcejob: Option<i64>,
    webhook: Option<i64>,
    #[serde(rename = "dataTTL")]
    data_ttl: Option<i64>,
    member: Option<i64>,
    payload: Option<i64>,
    storage: Option<i64>,
    notebook_minutes_per_run: Option<i64>,
    notebook_minutes_per_month: Option<i64>,
    notebook_in_parallel: Option<i64>,
    experience_flow_slots: Option<i64>,
    application_flow_slots: Option<i64>,
    system_interval: Option<i64>,
}

/// `summary`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    api_token_count: Option<i64>,
    app_count: Option<i64>,
    certificate_count: Option<i64>,
    certificate_authority_count: Option<i64>,
    credential_count: Option<i64>,
    dash_count: Option<i64>,
    data_table_count: Option<i64>,
    device_count: Option<i64>,
    device_recipe_count: Option<i64>,
    event_count: Option<i64>,
    experience_domain_count: Option<i64>,
    experience_endpoint_count: Option<i64>,
    experience_group_count: Option<i64>,
    experience_slug_count: Option<i64>,
    experience_user_count: Option<i64>,
    experience_version_count: Option<i64>,
    experience_view_count: Option<i64>,
    file_count: Option<i64>,
    flow_count: Option<i64>,
    integration_count: Option<i64>,
    key_count: Option<i64>,
    notebook_count: Option<i64>,
    private_file_count: Option<i64>,
    resource_job_count: Option<i64>,
    webhook_count: Option<i64>,
    member_count: Option<i64>,
    pending_invite_count: Option<i64>,
    payload_count: Option<PayloadCount>,
    storage_stats: Option<StorageStats>,
    notebook_stats: Option<NotebookStats>,
}

/// `summary.payloadCount`: counts by source, per kind of payload.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PayloadCount {
    app_file: Option<BTreeMap<String, f64>>,
    data_table: Option<BTreeMap<String, f64>>,
    device_create: Option<BTreeMap<String, f64>>,
    device_command: Option<BTreeMap<String, f64>>,
    device_connect: Option<BTreeMap<String, f64>>,
    device_disconnect: Option<BTreeMap<String, f64>>,
    device_state: Option<BTreeMap<String, f64>>,
    endpoint: Option<BTreeMap<String, f64>>,
    event: Option<BTreeMap<String, f64>>,
    flow_error: Option<BTreeMap<String, f64>>,
    inbound_email: Option<BTreeMap<String, f64>>,
    integration: Option<BTreeMap<String, f64>>,
    mqtt_in: Option<BTreeMap<String, f64>>,
    mqtt_out: Option<BTreeMap<String, f64>>,
    notebook: Option<BTreeMap<String, f64>>,
    resource_job: Option<BTreeMap<String, f64>>,
    timer: Option<BTreeMap<String, f64>>,
    virtual_button: Option<BTreeMap<String, f64>>,
    webhook: Option<BTreeMap<String, f64>>,
}

/// `summary.storageStats`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct StorageStats {
    count: Option<i64>,
    size: Option<i64>,
}

/// `summary.notebookStats`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct NotebookStats {
    awaiting_completion: Option<i64>,
    minutes_this_period: Option<i64>,
    runs_this_period: Option<i64>,
}

/// `banner`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Banner {
    message: Option<String>,
    level: Option<String>,
}

/// `disabledAt`: a date or `false`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
enum StringOrBool {
    String(String),
    Bool(bool),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// `value` without the keys whose value is `null` (the generated models leave out the
    /// fields they do not have; the derived ones write `null`).
    fn without_nulls(value: Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k, without_nulls(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
            other => other,
        }
    }

    #[test]
    fn decodes_the_body_into_what_the_generated_org_holds() {
        let text = crate::fixture::org_json();
        let generated: generated_client::losant::models::Org = serde_json::from_str(&text).unwrap();
        let derived: Org = serde_json::from_str(&text).unwrap();
        let generated = serde_json::to_value(&generated).unwrap();
        let derived = without_nulls(serde_json::to_value(&derived).unwrap());
        assert_eq!(derived, generated);
        // Every key of the body was decoded by both, none was skipped as unknown.
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(generated, body);
    }
}
