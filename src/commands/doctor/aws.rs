//! Doctor's aws area: region, credentials, identity, whether CloudWatch Logs and X-Ray
//! answer, and the configured log groups.

use super::{DoctorArgs, failed};
use crate::clients::aws;
use crate::commands::Context;
use crate::config::{AWS_PROFILE, LOG_GROUPS};
use crate::model::doctor::{Check, Status};

const AREA: &str = "aws";

pub(super) async fn checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    let conf = match ctx.aws_config(&args.aws).await {
        Ok(conf) => conf,
        Err(e) => {
            return vec![
                Check::new(
                    AREA,
                    "region",
                    Status::Skip,
                    format!("{} (xray and logs cannot run)", e.message()),
                )
                .hint(e.hints().first().cloned().unwrap_or_default()),
            ];
        }
    };
    let region = conf.region().map(ToString::to_string).unwrap_or_default();
    let region_from = ctx
        .config
        .get(
            &crate::config::AWS_REGION,
            args.aws.region.as_deref().map(|r| ("--region", r)),
        )
        .map_or_else(
            || "the AWS config file".to_string(),
            |r| r.source.to_string(),
        );
    let mut checks = vec![Check::new(
        AREA,
        "region",
        Status::Ok,
        format!("{region} from {region_from}"),
    )];

    let credentials = match conf.credentials_provider() {
        Some(provider) => {
            use aws_credential_types::provider::ProvideCredentials;
            provider
                .provide_credentials()
                .await
                .map_err(|e| e.to_string())
        }
        None => Err("no credentials provider".to_string()),
    };
    if let Err(why) = credentials {
        checks.push(
            Check::new(AREA, "credentials", Status::Fail, format!("none found: {why}")).hint(
                "set AWS_PROFILE (or aws_profile in the tracectl profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`",
            ),
        );
        return checks;
    }
    checks.push(Check::new(
        AREA,
        "credentials",
        Status::Ok,
        credentials_source(ctx),
    ));

    // One attempt per call, bounded: doctor reports what it sees, it does not wait it out.
    let conf = conf
        .to_builder()
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
        .build();
    let observer = ctx.printer.observer();
    let sts = aws::sts_client(&conf, observer.clone());
    let logs = aws::logs_client(&conf, observer.clone());
    let xray = aws::xray_client(&conf, observer);
    let window = crate::model::time::Window {
        start: ctx.now - jiff::SignedDuration::from_secs(60),
        end: ctx.now,
    };
    let (identity, logs_answer, xray_answer, groups) = tokio::join!(
        aws::caller_arn(&sts),
        crate::clients::logs::ping(&logs),
        crate::clients::xray::service_graph(&xray, window),
        log_group_checks(ctx, &logs),
    );
    checks.push(match identity {
        Ok(arn) => Check::new(AREA, "identity", Status::Ok, arn),
        Err(f) => failed(AREA, "identity", &ctx.aws_error("STS GetCallerIdentity", f)),
    });
    checks.push(match logs_answer {
        Ok(()) => Check::new(
            AREA,
            "cloudwatch logs",
            Status::Ok,
            "answers (DescribeLogGroups)",
        ),
        Err(f) => failed(
            AREA,
            "cloudwatch logs",
            &ctx.aws_error("DescribeLogGroups", f),
        ),
    });
    checks.push(match xray_answer {
        Ok(_) => Check::new(AREA, "x-ray", Status::Ok, "answers (GetServiceGraph)"),
        Err(f) => failed(AREA, "x-ray", &ctx.aws_error("GetServiceGraph", f)),
    });
    checks.extend(groups);
    checks
}

/// Where the credentials come from, as far as the settings tell.
fn credentials_source(ctx: &Context) -> String {
    let env = ctx.config.env();
    if env.get("AWS_ACCESS_KEY_ID").is_some() {
        return "AWS_ACCESS_KEY_ID in the environment".into();
    }
    match ctx.config.get(&AWS_PROFILE, None) {
        Some(profile) => format!("AWS profile {} ({})", profile.value, profile.source),
        None => "the SDK's chain (the default profile, SSO, a container role or instance metadata)"
            .into(),
    }
}

/// Each configured log group exists (the ones `trace` and `logs tail` would read).
async fn log_group_checks(ctx: &Context, client: &aws_sdk_cloudwatchlogs::Client) -> Vec<Check> {
    let groups = ctx.log_groups();
    if groups.is_empty() {
        return vec![
            Check::new(AREA, "log groups", Status::Skip, "none configured").hint(
                ctx.config
                    .missing_hint(&LOG_GROUPS)
                    .replace("pass --log-group, ", ""),
            ),
        ];
    }
    let mut checks = Vec::new();
    for group in groups {
        let listed = crate::clients::logs::list_groups(client, Some(&group)).await;
        checks.push(match listed {
            Ok(found) if found.iter().any(|g| g.name == group) => {
                Check::new(AREA, "log group", Status::Ok, format!("{group} exists"))
            }
            Ok(_) => {
                let failure = aws::AwsFailure::Service {
                    code: "ResourceNotFoundException".into(),
                    message: String::new(),
                };
                failed(
                    AREA,
                    "log group",
                    &ctx.log_group_error(client, &group, failure).await,
                )
            }
            Err(f) => failed(
                AREA,
                "log group",
                &ctx.aws_error(&format!("log group {group}"), f),
            ),
        });
    }
    checks
}
