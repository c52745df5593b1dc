//! The command-line surface (shared/design/cli.md), declared with clap derive. Each leaf's
//! `Args` struct lives next to its `run` function in `commands/`; this file holds the root,
//! the global options and the group list.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;
use crate::config::{CONFIG_OPTION, ConfigFlags, OUTPUT_OPTION, PROFILE_OPTION};
use crate::output::{ColorChoice, OutputFormat, color};

/// Observe a running web app from the terminal: Honeycomb queries, AWS X-Ray traces,
/// CloudWatch Logs, Rollbar test errors and git release tags.
#[derive(Debug, Parser)]
#[command(
    name = "tracectl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(after_help = "Examples:
  tracectl honeycomb query -d cruddur -c COUNT -c 'P99(duration_ms)' -b http.route --since 2h
  tracectl xray traces --since 1h
  tracectl logs tail /cruddur/backend-flask --follow
  tracectl rollbar trigger --count 2 -e staging
  tracectl tag push v0.2")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    #[arg(
        short = 'o',
        long,
        global = true,
        value_enum,
        value_name = "FORMAT",
        help = OUTPUT_OPTION.help(
            "Output format: `table` for people, `json` for scripts (streams write NDJSON)"
        )
    )]
    pub output: Option<OutputFormat>,

    /// When to use colour; `auto` means only on a terminal and without NO_COLOR
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// Print data and errors only: no status lines, hints or progress
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log each HTTP/AWS call on stderr; -vv adds headers and bodies (secrets redacted)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help = PROFILE_OPTION.help("Profile of the config file to use")
    )]
    pub profile: Option<String>,

    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help = CONFIG_OPTION.help("Config file [default: $XDG_CONFIG_HOME/tracectl/config.toml]")
    )]
    pub config: Option<PathBuf>,

    /// Print times in UTC instead of local time (JSON is always RFC 3339 UTC)
    #[arg(long, global = true)]
    pub utc: bool,
}

impl GlobalArgs {
    pub fn config_flags(&self) -> ConfigFlags {
        ConfigFlags {
            config: self.config.clone(),
            profile: self.profile.clone(),
            output: self.output,
        }
    }

    /// Whether error messages on stderr may be coloured (decided before config is loaded,
    /// since a broken config file must still be reported).
    pub fn stderr_color(&self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        color::color_enabled(
            self.color.unwrap_or_default(),
            no_color,
            std::io::stderr().is_terminal(),
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Collect traces on this machine, no cloud account needed: OTLP and the X-Ray daemon protocol
    Local(commands::local::LocalCommand),
    /// Run Honeycomb queries; list datasets and columns; check the key; add markers
    Honeycomb(commands::honeycomb::HoneycombCommand),
    /// Summarise AWS X-Ray traces, show one trace as a waterfall, show the service graph
    Xray(commands::xray::XrayCommand),
    /// Tail CloudWatch log groups, list groups and streams, run Logs Insights queries
    Logs(commands::logs::LogsCommand),
    /// Send realistic test errors to Rollbar, read errors back, and record deploys
    Rollbar(commands::rollbar::RollbarCommand),
    /// Manage git release tags: list, create, push, delete, next version
    Tag(commands::tag::TagCommand),
    /// Check every integration and the app's telemetry settings: one row per check
    Doctor(commands::doctor::DoctorArgs),
    /// Look a trace id up everywhere: local store, X-Ray, Honeycomb, and its log lines
    Trace(commands::trace::TraceArgs),
    /// Explore traces, their spans, log lines and errors in a live terminal UI
    Ui(commands::ui::UiArgs),
    /// Serve the views as Model Context Protocol tools on stdin/stdout, for coding agents
    Mcp(commands::mcp::McpArgs),
    /// Release a version: push its tag, record a Rollbar deploy, add a Honeycomb marker
    Release(commands::release::ReleaseArgs),
    /// Show the effective configuration and where each value comes from
    Config(commands::config::ConfigCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(commands::completions::CompletionsArgs),
}
