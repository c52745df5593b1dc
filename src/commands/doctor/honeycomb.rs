//! Doctor's honeycomb area: the key, what `/1/auth` says of it, and what it may do.

use super::failed;
use crate::clients::honeycomb::Auth;
use crate::commands::Context;
use crate::commands::honeycomb::HoneycombArgs;
use crate::config::HONEYCOMB_API_KEY;
use crate::model::doctor::{self, Check, KeyInfo, Status};
use crate::views::honeycomb::ResultsAccess;

const AREA: &str = "honeycomb";

pub(super) async fn checks(ctx: &Context) -> Vec<Check> {
    let Some(key) = ctx.config.secret(&HONEYCOMB_API_KEY) else {
        return vec![
            Check::new(AREA, "key", Status::Skip, "no API key")
                .hint(ctx.config.missing_hint(&HONEYCOMB_API_KEY)),
        ];
    };
    let mut checks = vec![Check::new(
        AREA,
        "key",
        Status::Ok,
        format!("from {}", key.source),
    )];
    let client = match ctx.honeycomb_client(&HoneycombArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => {
            checks.push(failed(AREA, "auth", &e));
            return checks;
        }
    };
    let dataset = crate::commands::honeycomb::auth::probe_dataset(ctx);
    let (auth, probe) = tokio::join!(client.auth(), client.probe_query_results(&dataset));
    match auth {
        Ok(auth) => {
            checks.push(Check::new(AREA, "auth", Status::Ok, describe(&auth)));
            checks.push(doctor::honeycomb_permissions(&|what| {
                auth.api_key_access.get(what).and_then(|v| v.as_bool()) == Some(true)
            }));
            let access = ResultsAccess::from(probe);
            checks.push(doctor::query_results(access.status, &access.detail));
        }
        Err(e) => checks.push(failed(AREA, "auth", &ctx.honeycomb_error(e))),
    }
    checks
}

/// "team Cruddur, environment dev, configuration key".
pub(super) fn describe(auth: &Auth) -> String {
    doctor::describe_key(&KeyInfo {
        team: &auth.team.name,
        environment_name: &auth.environment.name,
        environment_slug: &auth.environment.slug,
        key_type: &auth.key_type,
    })
}
