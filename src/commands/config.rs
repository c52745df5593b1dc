//! `tracectl config show|path`: what tracectl will use, and why.

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::commands::Context;
use crate::config::{self, Config, Env, SETTINGS};
use crate::error::Result;
use crate::output::Column;

#[derive(Debug, Args)]
pub struct ConfigCommand {
    #[command(subcommand)]
    pub command: ConfigSubcommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigSubcommand {
    /// Print the effective settings and their source (flag, env, file, default); secrets masked
    Show,
    /// Print the path of the config file
    Path,
}

#[derive(Serialize)]
struct ShownSetting {
    key: &'static str,
    value: Option<String>,
    source: Option<String>,
    env: &'static [&'static str],
}

#[derive(Serialize)]
struct Shown {
    config_file: Option<String>,
    config_file_exists: bool,
    config_file_source: String,
    profile: String,
    profile_source: String,
    output: String,
    output_source: String,
    settings: Vec<ShownSetting>,
}

pub fn show(ctx: &Context) -> Result<()> {
    let shown = collect(&ctx.config);
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(&shown);
    }
    let file = match (&shown.config_file, shown.config_file_exists) {
        (Some(path), true) => path.clone(),
        (Some(path), false) => format!("{path} (not found)"),
        (None, _) => "(no path: set HOME or XDG_CONFIG_HOME)".into(),
    };
    let mut rows = vec![
        vec!["config file".into(), file, shown.config_file_source.clone()],
        vec![
            "profile".into(),
            shown.profile.clone(),
            shown.profile_source.clone(),
        ],
        vec![
            "output".into(),
            shown.output.clone(),
            shown.output_source.clone(),
        ],
    ];
    rows.extend(shown.settings.iter().map(|s| {
        vec![
            s.key.to_string(),
            s.value.clone().unwrap_or_else(|| "(not set)".into()),
            s.source
                .clone()
                .unwrap_or_else(|| format!("set {} to use", s.env.join(" or "))),
        ]
    }));
    p.table(
        &[
            Column::left("setting"),
            Column::left("value"),
            Column::left("source"),
        ],
        rows,
    )
}

fn collect(cfg: &Config) -> Shown {
    let settings = SETTINGS
        .iter()
        .map(|s| {
            let resolved = cfg.get(s, None);
            ShownSetting {
                key: s.key,
                value: resolved.as_ref().map(|r| {
                    if s.secret {
                        config::Secret::new(r.value.clone()).masked()
                    } else {
                        // An endpoint may carry credentials in its userinfo or query.
                        crate::redact::text(&r.value).into_owned()
                    }
                }),
                source: resolved.map(|r| r.source.to_string()),
                env: s.env,
            }
        })
        .collect();
    let path = cfg.path();
    Shown {
        config_file: path.path.as_ref().map(|p| p.display().to_string()),
        config_file_exists: cfg.file_exists(),
        config_file_source: path.source.to_string(),
        profile: cfg.profile_name().value.clone(),
        profile_source: cfg.profile_name().source.to_string(),
        output: format!("{:?}", cfg.output().value).to_lowercase(),
        output_source: cfg.output().source.to_string(),
        settings,
    }
}

/// `config path` prints the path even when the file is missing or broken, so it can be
/// used to find and fix it.
pub fn path(flags: &config::ConfigFlags, env: &Env) -> Result<()> {
    use std::io::Write;
    let resolved = config::config_path(flags, env);
    let mut out = std::io::stdout().lock();
    match resolved.path {
        Some(p) => writeln!(out, "{}", p.display())?,
        None => {
            return Err(crate::Error::failure(
                "no config path: neither HOME nor XDG_CONFIG_HOME is set",
            )
            .with_hint("pass --config PATH or set TRACECTL_CONFIG"));
        }
    }
    out.flush()?;
    Ok(())
}
