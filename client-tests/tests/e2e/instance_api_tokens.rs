//! Both actions of Losant's `instanceApiTokens` resource: the exact request each sends with
//! every parameter set (and with only the required ones), the documented success body decoded
//! field by field and re-encoded, and the documented error status.

use generated_client::losant::instance_api_tokens as tokens;
use generated_client::losant::models::{
    self, ApplicationRolesItem as ResourceRole, ApplicationRolesItemRole as Level, Role,
};
use serde_json::{Value, json};

use crate::support::fixtures;
use crate::support::wire::{LOSANT_FLAGS, Wire, assert_losant_request, assert_query};
use crate::support::{
    APP_ID, DASHBOARD_ID, INSTANCE_ID, ORG_ID, Server, USER_ID, assert_round_trip, losant,
};

const DOMAIN: &str = "example.com";

fn tokens_path() -> String {
    format!("/instances/{INSTANCE_ID}/tokens")
}

fn bad_request() -> Value {
    json!({ "type": "Validation", "message": "perPage must be at most 1000" })
}

fn assert_bad_request(body: &models::Error) {
    assert_eq!(body.r#type.as_deref(), Some("Validation"));
    assert_eq!(
        body.message.as_deref(),
        Some("perPage must be at most 1000")
    );
}

/// The `orgRoles` of the `apiToken` fixture.
fn fixture_org_roles() -> Vec<models::OrgRolesItem> {
    let mut first = models::OrgRolesItem::new(ORG_ID, Role::Edit);
    first.application_roles = Some(vec![ResourceRole::new(APP_ID, Level::Collaborate)]);
    first.dashboard_roles = Some(vec![ResourceRole::new(DASHBOARD_ID, Level::View)]);
    vec![first, models::OrgRolesItem::new("sandbox", Role::Admin)]
}

/// Checks every field of the `apiToken` fixture number `n`; `ApiToken` (one token) and
/// `ApiTokensItemsItem` (one of a page) are the same shape.
macro_rules! assert_full_api_token {
    ($token:expr, $n:expr) => {{
        let token = $token;
        let n: u32 = $n;
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
        assert_eq!(token.org_roles, Some(fixture_org_roles()));
        assert_eq!(
            token.scope,
            Some(vec![
                "all.Instance.read".to_owned(),
                "instanceApiTokens.get".to_owned()
            ])
        );
        assert_eq!(token.status, Some(models::Status::Active));
        assert_eq!(
            token.token,
            Some(format!("eyJhbGciOiJIUzI1NiJ9.token-{n}.c2lnbmF0dXJl"))
        );
        assert_round_trip(token, &fixtures::api_token(n));
    }};
}

// --- get: GET /instances/{instanceId}/tokens ------------------------------------------------

#[tokio::test]
async fn get_request_carries_every_parameter() {
    let page = fixtures::api_tokens_page(vec![fixtures::api_token(1)], 2, 10, 21);
    let server = Server::replying(200, page).await;
    losant(&server)
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
        .await
        .expect("get succeeds");
    let mut query = vec![
        ("sortField", "creationDate"),
        ("sortDirection", "desc"),
        ("page", "2"),
        ("perPage", "10"),
        ("filterField", "name"),
        ("filter", "my*token"),
    ];
    query.extend(LOSANT_FLAGS);
    let wire = Wire {
        method: "GET",
        path: tokens_path(),
        query,
        body: None,
    };
    assert_losant_request(&server.only_request(), &wire, Some(DOMAIN));
}

#[tokio::test]
async fn get_sends_each_documented_enum_value() {
    let server = Server::replying(200, fixtures::api_tokens_page(vec![], 0, 100, 0)).await;
    let client = losant(&server);
    let fields = [
        (tokens::GetSortField::Name, "name"),
        (tokens::GetSortField::Status, "status"),
        (tokens::GetSortField::Id, "id"),
        (tokens::GetSortField::CreationDate, "creationDate"),
        (tokens::GetSortField::LastUpdated, "lastUpdated"),
        (tokens::GetSortField::ExpirationDate, "expirationDate"),
    ];
    let directions = [
        (tokens::GetSortDirection::Asc, "asc"),
        (tokens::GetSortDirection::Desc, "desc"),
    ];
    let filters = [
        (tokens::GetFilterField::Name, "name"),
        (tokens::GetFilterField::Status, "status"),
    ];
    for (i, (field, wire)) in fields.into_iter().enumerate() {
        let (direction, direction_wire) = directions[i % 2].clone();
        let (filter, filter_wire) = filters[i % 2].clone();
        client
            .instance_api_tokens()
            .get(INSTANCE_ID)
            .sort_field(field)
            .sort_direction(direction)
            .filter_field(filter)
            .await
            .expect("get succeeds");
        assert_query(
            &server.only_request(),
            &[
                ("sortField", wire),
                ("sortDirection", direction_wire),
                ("filterField", filter_wire),
            ],
        );
    }
}

#[tokio::test]
async fn get_decodes_every_field_of_a_page() {
    let body = fixtures::api_tokens_page(
        vec![fixtures::api_token(1), fixtures::api_token(2)],
        0,
        10,
        2,
    );
    let server = Server::replying(200, body.clone()).await;
    let page = losant(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .await
        .expect("get succeeds");
    let items = page.items.as_ref().expect("items");
    assert_eq!(items.len(), 2);
    assert_full_api_token!(&items[0], 1);
    assert_full_api_token!(&items[1], 2);
    assert_eq!(page.count, Some(2));
    assert_eq!(page.total_count, Some(2));
    assert_eq!(page.per_page, Some(10));
    assert_eq!(page.page, Some(0));
    assert_eq!(page.filter.as_deref(), Some("token-*"));
    assert_eq!(page.filter_field.as_deref(), Some("name"));
    assert_eq!(page.sort_field.as_deref(), Some("creationDate"));
    assert_eq!(page.sort_direction, Some(models::SortDirection::Desc));
    assert_eq!(page.owner_id.as_deref(), Some(INSTANCE_ID));
    assert_eq!(page.owner_type, Some(models::ApiTokenOwnerType::User));
    assert_round_trip(&page, &body);
}

#[tokio::test]
async fn get_decodes_its_documented_error() {
    let server = Server::replying(400, bad_request()).await;
    let error = losant(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .await
        .expect_err("400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    match error.api_error() {
        Some(tokens::GetError::BadRequest(body)) => assert_bad_request(body),
        other => panic!("expected GetError::BadRequest, got {other:?}"),
    }
}

// --- post: POST /instances/{instanceId}/tokens ----------------------------------------------

fn full_token_post() -> models::ApiTokenPost {
    let mut admin = models::OrgRolesItem::new(ORG_ID, Role::Admin);
    admin.application_roles = Some(vec![ResourceRole::new(APP_ID, Level::View)]);
    admin.dashboard_roles = Some(vec![ResourceRole::new(DASHBOARD_ID, Level::None)]);
    models::ApiTokenPost::new("ci-deployer")
        .with_description("Used by the CI pipeline")
        .with_expiration_date("2025-06-30T00:00:00.000Z")
        .with_default_role(Role::Collaborate)
        .with_org_roles(vec![
            admin,
            models::OrgRolesItem::new("sandbox", Role::View),
        ])
        .with_scope(vec![models::RequestedScopesItem::AllInstance])
        .with_status(models::Status::Inactive)
}

#[tokio::test]
async fn post_request_carries_every_parameter_or_only_the_required_ones() {
    let server = Server::replying(201, fixtures::api_token(7)).await;
    let client = losant(&server);
    client
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .losantdomain(DOMAIN)
        .actions(false)
        .links(true)
        .embedded(true)
        .await
        .expect("post succeeds");
    let full = Wire {
        method: "POST",
        path: tokens_path(),
        query: LOSANT_FLAGS.to_vec(),
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
    };
    assert_losant_request(&server.only_request(), &full, Some(DOMAIN));

    client
        .instance_api_tokens()
        .post(INSTANCE_ID, models::ApiTokenPost::new("minimal"))
        .await
        .expect("post succeeds");
    let minimal = Wire {
        query: vec![],
        body: Some(json!({ "name": "minimal" })),
        ..full
    };
    assert_losant_request(&server.only_request(), &minimal, None);
}

#[tokio::test]
async fn post_decodes_every_field_of_the_201_body() {
    let server = Server::replying(201, fixtures::api_token(7)).await;
    let response = losant(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .send_with_response()
        .await
        .expect("post succeeds");
    assert_eq!(response.status().as_u16(), 201);
    assert_full_api_token!(response.body(), 7);
}

#[tokio::test]
async fn post_decodes_its_documented_error() {
    let server = Server::replying(400, bad_request()).await;
    let error = losant(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, full_token_post())
        .await
        .expect_err("400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    match error.api_error() {
        Some(tokens::PostError::BadRequest(body)) => assert_bad_request(body),
        other => panic!("expected PostError::BadRequest, got {other:?}"),
    }
}
