//! Doctor's git area: the repository, its remote, and the credential a tag push would use.

use super::{DoctorArgs, failed};
use crate::clients::git;
use crate::commands::Context;
use crate::error::Error;
use crate::model::doctor::{self, Check, PushMeans, Status};

const AREA: &str = "git";

pub(super) async fn checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    let env = ctx.config.env().clone();
    let remote = args.remote.clone();
    let looked = crate::commands::tag::blocking(move || {
        let repo = match git::open() {
            Ok(repo) => repo,
            Err(e) => return Ok((Err(e), None, None)),
        };
        let url = git::remote_url(&repo, &remote);
        let reached = match &url {
            Ok(_) => Some(git::remote_tags(
                &repo,
                &remote,
                &crate::commands::tag::remote_auth(&env),
            )),
            Err(_) => None,
        };
        let helper = repo
            .config()
            .ok()
            .and_then(|c| c.get_string("credential.helper").ok());
        let root = repo.workdir().map(|p| p.display().to_string());
        Ok((Ok((root, url)), reached, helper))
    })
    .await;
    let (found, reached, helper) = match looked {
        Ok(parts) => parts,
        Err(e) => return vec![failed(AREA, "repository", &e)],
    };
    let (root, url) = match found {
        Ok(found) => found,
        Err(e) => {
            return vec![Check::new(AREA, "repository", Status::Warn, e.to_string()).hint(
                "run tracectl doctor in the app's repository to check its remote (tag, release)",
            )];
        }
    };
    let mut checks = vec![Check::new(
        AREA,
        "repository",
        Status::Ok,
        root.unwrap_or_else(|| "a bare repository".into()),
    )];
    let url = match url {
        Ok(Some(url)) => url,
        Ok(None) | Err(_) => {
            checks.push(
                Check::new(
                    AREA,
                    "remote",
                    Status::Fail,
                    format!("no remote named {}", args.remote),
                )
                .hint(format!("add it: git remote add {} URL", args.remote)),
            );
            return checks;
        }
    };
    let shown = crate::redact::text(&url).into_owned();
    checks.push(match reached {
        Some(Ok(tags)) => Check::new(
            AREA,
            "remote",
            Status::Ok,
            format!(
                "{} ({shown}) answers; {} {}",
                args.remote,
                tags.len(),
                if tags.len() == 1 { "tag" } else { "tags" }
            ),
        ),
        Some(Err(e)) => {
            let failed = failed(AREA, "remote", &Error::from(e));
            match failed.hint {
                Some(_) => failed,
                None => failed.hint(format!(
                    "check the URL (git remote get-url {}) and that it is reachable from here",
                    args.remote
                )),
            }
        }
        None => Check::new(
            AREA,
            "remote",
            Status::Fail,
            format!("{} cannot be read", args.remote),
        ),
    });
    let env = ctx.config.env();
    let means = PushMeans {
        helper: helper.as_deref(),
        token_var: ["GIT_TOKEN", "GITHUB_TOKEN"]
            .into_iter()
            .find(|var| env.get(var).is_some()),
        ssh_agent: env.get("SSH_AUTH_SOCK").is_some(),
    };
    checks.push(doctor::push_credential(
        &url,
        git::is_local_url(&url),
        &means,
    ));
    checks
}
