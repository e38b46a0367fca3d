//! Each documented error status of every org action, decoded into its own variant of the
//! action's error enum.

use std::future::Future;
use std::pin::Pin;

use generated_client::losant::{self, models, org};
use serde_json::{Value, json};

use super::{full_invite, full_member_patch, full_org_patch, full_transfer};
use crate::support::{INVITE_ID, ORG_ID, Server, USER_ID, losant};

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
