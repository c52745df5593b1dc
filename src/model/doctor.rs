//! `tracectl doctor`'s report and its rules: what a check found, and the decisions that
//! need no network (is this token shaped like a project token, may this key do what
//! tracectl needs, which credential would a push use). The probing is the command's; the
//! judging is here, where it is unit-tested.

use serde::Serialize;

use crate::model::app_env::{Finding, Severity};

/// A check's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Ok,
    Warn,
    Fail,
    Skip,
}

/// One row: which area, which check, what was seen, and what to do when it is not OK.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Check {
    pub area: &'static str,
    pub check: &'static str,
    pub status: Status,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Check {
    pub fn new(
        area: &'static str,
        check: &'static str,
        status: Status,
        detail: impl Into<String>,
    ) -> Check {
        Check {
            area,
            check,
            status,
            detail: detail.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Check {
        self.hint = Some(hint.into());
        self
    }

    /// A finding of the app's environment as a row.
    pub fn of(area: &'static str, check: &'static str, finding: Finding) -> Check {
        let status = match finding.severity {
            Severity::Ok => Status::Ok,
            Severity::Warn => Status::Warn,
            Severity::Fail => Status::Fail,
        };
        Check {
            hint: finding.hint,
            ..Check::new(area, check, status, finding.detail)
        }
    }
}

/// How many rows have each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub ok: usize,
    pub warn: usize,
    pub fail: usize,
    pub skip: usize,
}

/// Every check of every area, in the order the areas are listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DoctorReport {
    pub checks: Vec<Check>,
    pub summary: Summary,
}

impl DoctorReport {
    pub fn new(checks: Vec<Check>) -> DoctorReport {
        let mut summary = Summary::default();
        for check in &checks {
            *match check.status {
                Status::Ok => &mut summary.ok,
                Status::Warn => &mut summary.warn,
                Status::Fail => &mut summary.fail,
                Status::Skip => &mut summary.skip,
            } += 1;
        }
        DoctorReport { checks, summary }
    }

    /// "area check" of each failed row.
    pub fn failed(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| c.status == Status::Fail)
            .map(|c| format!("{} {}", c.area, c.check))
            .collect()
    }
}

/// What `/1/auth` says of a key, as the rules need it.
pub struct KeyInfo<'a> {
    pub team: &'a str,
    pub environment_name: &'a str,
    /// Empty on Honeycomb Classic.
    pub environment_slug: &'a str,
    pub key_type: &'a str,
}

/// "team Cruddur, environment dev, configuration key".
pub fn describe_key(key: &KeyInfo) -> String {
    let environment = if key.environment_slug.is_empty() {
        "Classic"
    } else {
        key.environment_name
    };
    format!(
        "team {}, environment {environment}, {} key",
        key.team, key.key_type
    )
}

/// What a Honeycomb key may do (`may("events")`), against what tracectl and the app need.
pub fn honeycomb_permissions(may: &dyn Fn(&str) -> bool) -> Check {
    const AREA: &str = "honeycomb";
    let missing: Vec<&str> = [
        ("events", "send events"),
        ("markers", "create markers (release, honeycomb marker)"),
        ("queries", "run queries (honeycomb query, trace)"),
    ]
    .into_iter()
    .filter(|(permission, _)| !may(permission))
    .map(|(_, what)| what)
    .collect();
    if missing.is_empty() {
        return Check::new(
            AREA,
            "permissions",
            Status::Ok,
            "events, markers, queries (the Query Data API also needs an Enterprise plan, which /1/auth does not tell)",
        );
    }
    Check::new(
        AREA,
        "permissions",
        Status::Warn,
        format!("may not {}", missing.join("; ")),
    )
    .hint("give the key these permissions in Honeycomb: Environment settings > API Keys")
}

/// Whether query results can be read, as the probe of the Query Data API saw it
/// (`readable`, `refused` or `unknown`): a refusal is a warning, not a failure, since every
/// plan can still get the query's link.
pub fn query_results(status: &str, detail: &str) -> Check {
    const AREA: &str = "honeycomb";
    match status {
        "readable" => Check::new(AREA, "query results", Status::Ok, detail),
        "refused" => Check::new(AREA, "query results", Status::Warn, detail).hint(
            "the Query Data API needs an Enterprise plan; set honeycomb_results = \"link\" to get links instead",
        ),
        _ => Check::new(AREA, "query results", Status::Skip, detail),
    }
}

/// Rollbar's project access tokens are 32 hex digits; anything else is probably pasted
/// wrong (or a personal token, which cannot post items).
pub fn rollbar_token_shape(
    area: &'static str,
    check: &'static str,
    token: &str,
    from: &str,
) -> Check {
    if crate::model::trace::is_hex_of_len(token, 32) {
        return Check::new(area, check, Status::Ok, format!("from {from}"));
    }
    Check::new(
        area,
        check,
        Status::Warn,
        format!("from {from}, but it is not 32 hex digits like a project access token"),
    )
    .hint("copy a post_server_item token from Rollbar: Project Settings > Project Access Tokens")
}

/// What a push could authenticate with, as the environment and git's config tell.
pub struct PushMeans<'a> {
    /// git's `credential.helper`.
    pub helper: Option<&'a str>,
    /// `GIT_TOKEN` or `GITHUB_TOKEN`, whichever is set first.
    pub token_var: Option<&'a str>,
    pub ssh_agent: bool,
}

/// The credential a tag push to `url` would use, named, never shown. `local` is whether
/// the URL is a repository on this machine.
pub fn push_credential(url: &str, local: bool, means: &PushMeans) -> Check {
    const AREA: &str = "git";
    const NAME: &str = "push credential";
    if local {
        return Check::new(
            AREA,
            NAME,
            Status::Ok,
            "none needed (a repository on this machine)",
        );
    }
    if url.starts_with("https://") {
        return match (means.helper, means.token_var) {
            (Some(helper), _) => Check::new(
                AREA,
                NAME,
                Status::Ok,
                format!("the git credential helper '{helper}'"),
            ),
            (None, Some(var)) => Check::new(
                AREA,
                NAME,
                Status::Ok,
                format!("{var} from the environment"),
            ),
            (None, None) => Check::new(
                AREA,
                NAME,
                Status::Warn,
                "none: no credential helper, GIT_TOKEN or GITHUB_TOKEN",
            )
            .hint("set GIT_TOKEN (a token that may push), or configure git's credential.helper"),
        };
    }
    if url.starts_with("http://") {
        return Check::new(
            AREA,
            NAME,
            Status::Warn,
            "plain http: GIT_TOKEN is never sent over it",
        )
        .hint("use the https:// URL of the remote");
    }
    if means.ssh_agent {
        return Check::new(AREA, NAME, Status::Ok, "ssh-agent (SSH_AUTH_SOCK)");
    }
    Check::new(
        AREA,
        NAME,
        Status::Warn,
        "ssh, but no ssh-agent (SSH_AUTH_SOCK is not set)",
    )
    .hint("start an agent and add your key: eval \"$(ssh-agent)\" && ssh-add")
}

/// The app's service name: `OTEL_SERVICE_NAME`, else `service.name` in
/// `OTEL_RESOURCE_ATTRIBUTES` (as the SDKs resolve it).
pub fn service_name(get: &dyn Fn(&str) -> Option<String>) -> Check {
    const AREA: &str = "app";
    let name = get("OTEL_SERVICE_NAME").or_else(|| {
        get("OTEL_RESOURCE_ATTRIBUTES").and_then(|attrs| {
            attrs.split(',').find_map(|pair| {
                pair.trim()
                    .strip_prefix("service.name=")
                    .map(str::to_string)
            })
        })
    });
    match name {
        Some(name) => Check::new(AREA, "service name", Status::Ok, name),
        None => Check::new(
            AREA,
            "service name",
            Status::Warn,
            "not set: spans arrive as unknown_service",
        )
        .hint("set OTEL_SERVICE_NAME, e.g. OTEL_SERVICE_NAME=backend-flask"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_status() {
        let report = DoctorReport::new(vec![
            Check::new("a", "one", Status::Ok, ""),
            Check::new("a", "two", Status::Fail, ""),
            Check::new("b", "three", Status::Fail, ""),
            Check::new("b", "four", Status::Skip, ""),
        ]);
        assert_eq!(
            report.summary,
            Summary {
                ok: 1,
                warn: 0,
                fail: 2,
                skip: 1
            }
        );
        assert_eq!(report.failed(), ["a two", "b three"]);
    }

    #[test]
    fn keys_are_described_with_classic_named() {
        let key = |slug| KeyInfo {
            team: "Cruddur",
            environment_name: "dev",
            environment_slug: slug,
            key_type: "configuration",
        };
        assert_eq!(
            describe_key(&key("dev")),
            "team Cruddur, environment dev, configuration key"
        );
        assert_eq!(
            describe_key(&key("")),
            "team Cruddur, environment Classic, configuration key"
        );
    }

    #[test]
    fn missing_permissions_are_each_named() {
        let all = honeycomb_permissions(&|_| true);
        assert_eq!(all.status, Status::Ok);
        let some = honeycomb_permissions(&|what| what == "events");
        assert_eq!(some.status, Status::Warn);
        assert_eq!(
            some.detail,
            "may not create markers (release, honeycomb marker); run queries (honeycomb query, trace)"
        );
        assert!(some.hint.is_some());
    }

    #[test]
    fn a_project_token_is_32_hex_digits() {
        let good = rollbar_token_shape("rollbar", "token", &"a1".repeat(16), "the environment");
        assert_eq!(good.status, Status::Ok);
        assert_eq!(good.detail, "from the environment");
        let personal = rollbar_token_shape("rollbar", "token", "rbp_0123", "the environment");
        assert_eq!(personal.status, Status::Warn);
        // The token itself is never in the row.
        assert!(!format!("{personal:?}").contains("rbp_0123"));
    }

    #[test]
    fn the_push_credential_follows_the_url() {
        let none = PushMeans {
            helper: None,
            token_var: None,
            ssh_agent: false,
        };
        let verdict = |url: &str, local: bool, means: &PushMeans| {
            let c = push_credential(url, local, means);
            (c.status, c.detail)
        };
        assert_eq!(verdict("/srv/app.git", true, &none).0, Status::Ok);
        assert_eq!(
            verdict("https://github.com/o/r.git", false, &none),
            (
                Status::Warn,
                "none: no credential helper, GIT_TOKEN or GITHUB_TOKEN".into()
            )
        );
        let token = PushMeans {
            token_var: Some("GITHUB_TOKEN"),
            ..none
        };
        assert_eq!(
            verdict("https://github.com/o/r.git", false, &token),
            (Status::Ok, "GITHUB_TOKEN from the environment".into())
        );
        let helper = PushMeans {
            helper: Some("osxkeychain"),
            ..token
        };
        assert_eq!(
            verdict("https://github.com/o/r.git", false, &helper).1,
            "the git credential helper 'osxkeychain'"
        );
        assert_eq!(
            verdict("http://git.local/r.git", false, &helper).0,
            Status::Warn
        );
        assert_eq!(
            verdict("git@github.com:o/r.git", false, &none).0,
            Status::Warn
        );
        let agent = PushMeans {
            ssh_agent: true,
            ..none
        };
        assert_eq!(
            verdict("git@github.com:o/r.git", false, &agent).0,
            Status::Ok
        );
    }

    #[test]
    fn the_service_name_comes_from_either_variable() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            service_name(&env(&[("OTEL_SERVICE_NAME", "backend-flask")])).detail,
            "backend-flask"
        );
        assert_eq!(
            service_name(&env(&[(
                "OTEL_RESOURCE_ATTRIBUTES",
                "deployment.environment=dev, service.name=api"
            )]))
            .detail,
            "api"
        );
        assert_eq!(service_name(&env(&[])).status, Status::Warn);
    }
}
