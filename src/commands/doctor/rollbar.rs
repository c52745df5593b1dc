//! Doctor's rollbar area: the token's shape, and (with --send-test) that it may write.

use super::{DoctorArgs, failed};
use crate::commands::Context;
use crate::commands::rollbar::RollbarArgs;
use crate::config::ROLLBAR_ACCESS_TOKEN;
use crate::error::Error;
use crate::model::doctor::{self, Check, Status};

const AREA: &str = "rollbar";

pub(super) async fn checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    let Some(token) = ctx.config.secret(&ROLLBAR_ACCESS_TOKEN) else {
        return vec![
            Check::new(AREA, "token", Status::Skip, "no access token")
                .hint(ctx.config.missing_hint(&ROLLBAR_ACCESS_TOKEN)),
        ];
    };
    let client = match ctx.rollbar_client(&RollbarArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => return vec![failed(AREA, "token", &e)],
    };
    let mut checks = vec![doctor::rollbar_token_shape(
        AREA,
        "token",
        token.value.expose(),
        &token.source.to_string(),
    )];
    if !args.send_test {
        checks.push(
            Check::new(AREA, "write", Status::Skip, "not tried")
                .hint("--send-test posts one item at level debug to prove the token may write"),
        );
        return checks;
    }
    let environment = ctx.rollbar_environment(None);
    let item = serde_json::json!({"data": {
        "environment": environment,
        "level": "debug",
        "timestamp": ctx.now.as_second(),
        "uuid": uuid::Uuid::new_v4().to_string(),
        "body": {"message": {"body": "tracectl doctor --send-test"}},
        "notifier": {"name": "tracectl", "version": env!("CARGO_PKG_VERSION")},
    }});
    match client.post_item(item.to_string()).await {
        Ok(uuid) => checks.push(Check::new(
            AREA,
            "write",
            Status::Ok,
            format!("a debug item was accepted in {environment}: https://rollbar.com/occurrence/uuid/?uuid={uuid}"),
        )),
        Err(e) => checks.push(failed(AREA, "write", &Error::from(e))),
    }
    checks
}
