//! Both actions of Losant's `instanceApiTokens` resource: the exact request each sends with
//! every parameter set, the decoding of the documented success body, and of the documented
//! error status. Pagination with `items()` is in `behaviour.rs`.

mod common;

use common::fixtures;
use common::*;
use generated_client::losant::instance_api_tokens as tokens;
use generated_client::losant::models::{self, ResourceRole, ResourceRoleLevel, Role};
use serde_json::{Value, json};
use wiremock::MockServer;

const DOMAIN: &str = "example.com";

fn tokens_path() -> String {
    format!("/instances/{INSTANCE_ID}/tokens")
}

async fn server_replying(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(status, body)).await;
    server
}

fn bad_request() -> Value {
    json!({ "type": "Validation", "message": "perPage must be at most 1000" })
}

fn assert_bad_request(model: &models::Error) {
    assert_eq!(model.r#type.as_deref(), Some("Validation"));
    assert_eq!(
        model.message.as_deref(),
        Some("perPage must be at most 1000")
    );
}

/// Checks every field of the `apiToken` fixture number `n`.
fn assert_full_api_token(token: &models::ApiToken, n: u32) {
    let id = format!("5a0c9f8e7d6b5a4c3b2a1{n:03}");
    assert_eq!(token.id.as_deref(), Some(id.as_str()));
    assert_eq!(token.api_token_id.as_deref(), Some(id.as_str()));
    assert_eq!(token.owner_id.as_deref(), Some(INSTANCE_ID));
    assert_eq!(token.owner_type, Some(models::ApiTokenOwnerType::User));
    assert_eq!(token.creator_id.as_deref(), Some(USER_ID));
    assert_eq!(
        token.creator_type,
        Some(models::ApiTokenCreatorType::ApiToken)
    );
    assert_eq!(token.creator_name.as_deref(), Some("Provisioning token"));
    assert_eq!(token.name, Some(format!("token-{n}")));
    assert_eq!(token.description, Some(format!("Token number {n}")));
    assert_eq!(
        token.creation_date.as_deref(),
        Some("2024-01-02T03:04:05.000Z")
    );
    assert_eq!(
        token.last_updated.as_deref(),
        Some("2024-01-03T03:04:05.000Z")
    );
    assert_eq!(
        token.expiration_date.as_deref(),
        Some("2025-01-02T03:04:05.000Z")
    );
    assert_eq!(token.default_role, Some(Role::View));
    assert_eq!(
        token.org_roles,
        Some(vec![
            models::OrgRole {
                org_id: ORG_ID.to_owned(),
                role: Role::Edit,
                application_roles: Some(vec![ResourceRole::new(
                    APP_ID,
                    ResourceRoleLevel::Collaborate
                )]),
                dashboard_roles: Some(vec![ResourceRole::new(
                    DASHBOARD_ID,
                    ResourceRoleLevel::View
                )]),
            },
            models::OrgRole::new("sandbox", Role::Admin),
        ])
    );
    assert_eq!(
        token.scope,
        Some(vec![
            "all.Instance.read".to_owned(),
            "instanceApiTokens.get".to_owned()
        ])
    );
    assert_eq!(token.status, Some(models::ApiTokenStatus::Active));
    assert_eq!(
        token.token,
        Some(format!("eyJhbGciOiJIUzI1NiJ9.token-{n}.c2lnbmF0dXJl"))
    );
    assert_round_trip!(token, &fixtures::api_token(n));
}

// ---------------------------------------------------------------------------------------------
// get: GET /instances/{instanceId}/tokens

#[tokio::test]
async fn get_request_carries_every_parameter() {
    let page = fixtures::api_tokens_page(vec![fixtures::api_token(1)], 2, 10, 21);
    let server = server_replying(200, page).await;
    losant_client(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .sort_field(tokens::GetSortField::CreationDate)
        .sort_direction(tokens::GetSortDirection::Desc)
        .page("2")
        .per_page("10")
        .filter_field(tokens::GetFilterField::Name)
        .filter("my*token")
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
            path: &tokens_path(),
            query: &[
                ("sortField", "creationDate"),
                ("sortDirection", "desc"),
                ("page", "2"),
                ("perPage", "10"),
                ("filterField", "name"),
                ("filter", "my*token"),
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
async fn get_sends_each_enum_value_as_documented() {
    let server = server_replying(200, fixtures::api_tokens_page(vec![], 0, 100, 0)).await;
    let client = losant_client(&server);
    let fields = [
        (tokens::GetSortField::Name, "name"),
        (tokens::GetSortField::Status, "status"),
        (tokens::GetSortField::Id, "id"),
        (tokens::GetSortField::CreationDate, "creationDate"),
        (tokens::GetSortField::LastUpdated, "lastUpdated"),
        (tokens::GetSortField::ExpirationDate, "expirationDate"),
    ];
    for (field, _) in fields {
        client
            .instance_api_tokens()
            .get(INSTANCE_ID)
            .sort_field(field)
            .sort_direction(tokens::GetSortDirection::Asc)
            .filter_field(tokens::GetFilterField::Status)
            .send()
            .await
            .expect("get succeeds");
    }
    let received = requests(&server).await;
    assert_eq!(received.len(), fields.len());
    for (request, (_, wire)) in received.iter().zip(fields) {
        assert_query(
            request,
            &[
                ("sortField", wire),
                ("sortDirection", "asc"),
                ("filterField", "status"),
            ],
        );
    }
}

#[tokio::test]
async fn get_decodes_the_documented_success_body() {
    let body = fixtures::api_tokens_page(
        vec![fixtures::api_token(1), fixtures::api_token(2)],
        0,
        10,
        2,
    );
    let server = server_replying(200, body.clone()).await;
    let page = losant_client(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .send()
        .await
        .expect("get succeeds");
    let items = page.items.as_ref().expect("items");
    assert_eq!(items.len(), 2);
    assert_full_api_token(&items[0], 1);
    assert_full_api_token(&items[1], 2);
    assert_eq!(page.count, Some(2));
    assert_eq!(page.total_count, Some(2));
    assert_eq!(page.per_page, Some(10));
    assert_eq!(page.page, Some(0));
    assert_eq!(page.filter.as_deref(), Some("token-*"));
    assert_eq!(page.filter_field.as_deref(), Some("name"));
    assert_eq!(page.sort_field.as_deref(), Some("creationDate"));
    assert_eq!(
        page.sort_direction,
        Some(models::ApiTokensSortDirection::Desc)
    );
    assert_eq!(page.owner_id.as_deref(), Some(INSTANCE_ID));
    assert_eq!(page.owner_type, Some(models::ApiTokenOwnerType::User));
    assert_round_trip!(&page, &body);
}

#[tokio::test]
async fn get_decodes_documented_errors() {
    let server = server_replying(400, bad_request()).await;
    let result = losant_client(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .send()
        .await;
    assert_bad_request(&expect_api_error!(
        result,
        400,
        tokens::GetError::BadRequest
    ));
}

// ---------------------------------------------------------------------------------------------
// post: POST /instances/{instanceId}/tokens

fn full_token_post() -> models::ApiTokenPost {
    models::ApiTokenPost {
        name: "ci-deployer".to_owned(),
        description: Some("Used by the CI pipeline".to_owned()),
        expiration_date: Some("2025-06-30T00:00:00.000Z".to_owned()),
        default_role: Some(Role::Collaborate),
        org_roles: Some(vec![
            models::OrgRole {
                org_id: ORG_ID.to_owned(),
                role: Role::Admin,
                application_roles: Some(vec![ResourceRole::new(APP_ID, ResourceRoleLevel::View)]),
                dashboard_roles: Some(vec![ResourceRole::new(
                    DASHBOARD_ID,
                    ResourceRoleLevel::None,
                )]),
            },
            models::OrgRole::new("sandbox", Role::View),
        ]),
        scope: Some(vec!["all.Instance".to_owned()]),
        status: Some(models::ApiTokenStatus::Inactive),
    }
}

#[tokio::test]
async fn post_request_carries_every_parameter() {
    let server = server_replying(201, fixtures::api_token(7)).await;
    losant_client(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .send()
        .await
        .expect("post succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &tokens_path(),
            query: &LOSANT_FLAGS,
            body: Some(json!({
                "name": "ci-deployer",
                "description": "Used by the CI pipeline",
                "expirationDate": "2025-06-30T00:00:00.000Z",
                "defaultRole": "collaborate",
                "orgRoles": [
                    {
                        "orgId": ORG_ID,
                        "role": "admin",
                        "applicationRoles": [{ "resourceId": APP_ID, "role": "view" }],
                        "dashboardRoles": [{ "resourceId": DASHBOARD_ID, "role": "none" }]
                    },
                    { "orgId": "sandbox", "role": "view" }
                ],
                "scope": ["all.Instance"],
                "status": "inactive"
            })),
        },
        Some(DOMAIN),
    );
}

#[tokio::test]
async fn post_body_omits_unset_optional_fields() {
    let server = server_replying(201, fixtures::api_token(7)).await;
    losant_client(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, models::ApiTokenPost::new("minimal"))
        .send()
        .await
        .expect("post succeeds");
    assert_losant_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &tokens_path(),
            query: &[],
            body: Some(json!({ "name": "minimal" })),
        },
        None,
    );
}

#[tokio::test]
async fn post_decodes_the_documented_success_body() {
    let server = server_replying(201, fixtures::api_token(7)).await;
    let response = losant_client(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .send_with_response()
        .await
        .expect("post succeeds");
    assert_eq!(response.status().as_u16(), 201);
    assert_full_api_token(response.body(), 7);
}

#[tokio::test]
async fn post_decodes_documented_errors() {
    let server = server_replying(400, bad_request()).await;
    let result = losant_client(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .send()
        .await;
    assert_bad_request(&expect_api_error!(
        result,
        400,
        tokens::PostError::BadRequest
    ));
}
