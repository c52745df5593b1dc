//! Settings and where they come from: flag > environment variable > config-file profile >
//! built-in default (cli.md). Every resolved value carries its [`Source`] so that
//! `tracectl config show` can say why a value is what it is.
//!
//! The environment is read once into [`Env`] so resolution is a pure function of
//! (flags, env, file) and unit-testable without touching the process environment.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::output::OutputFormat;

/// A snapshot of the environment variables tracectl reads. Empty values count as unset,
/// as they do for the AWS CLI and for NO_COLOR.
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: HashMap<String, String>,
}

impl Env {
    pub fn from_process() -> Self {
        Self {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// Every variable (for `doctor`, which reads an app's settings from them).
    pub fn vars(&self) -> &HashMap<String, String> {
        &self.vars
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// A secret (API key, token). Its Debug and Display never show the value, so it cannot leak
/// through logs or error messages by accident; [`Secret::expose`] is the one way out.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for the one header that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `****` plus the last four characters for long keys, so users can tell which key is
    /// in use without revealing it.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() >= 16 {
            format!(
                "****{}",
                chars[chars.len() - 4..].iter().collect::<String>()
            )
        } else {
            "****".to_string()
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Where a resolved value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File { profile: String },
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::File { profile } => write!(f, "file (profile {profile})"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved<T> {
    pub value: T,
    pub source: Source,
}

/// Declares every profile setting once: its const, its key (the profile's field), its
/// environment variables (first wins), its default, whether it is secret, and the flag a
/// hint names. From this one table come the profile's keys (`Profile`), the resolution
/// (`Config::get`), `config show` (`SETTINGS`), the `[env: ...]` notes of `--help`
/// (`Setting::help`) and the defaults.
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $key:ident, env [$($env:literal),+], default $default:expr,
            secret $secret:literal, flag $flag:expr;
    )+) => {
        /// One `[profiles.NAME]` section of the config file.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Profile {
            $(pub $key: Option<Secret>,)+
        }

        $(
            $(#[doc = $doc])*
            pub const $name: Setting = Setting {
                key: stringify!($key),
                env: &[$($env),+],
                default: $default,
                secret: $secret,
                hint_flag: $flag,
                read: |p| p.$key.as_ref().map(Secret::expose),
            };
        )+

        /// Every profile setting, in the order `config show` lists them.
        pub const SETTINGS: &[Setting] = &[$($name),+];
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    default_profile: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// A setting that lives in a profile: its key, its environment variables (first wins),
/// its built-in default, and whether it is secret.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub key: &'static str,
    pub env: &'static [&'static str],
    pub default: Option<&'static str>,
    pub secret: bool,
    pub hint_flag: Option<&'static str>,
    read: fn(&Profile) -> Option<&str>,
}

impl Setting {
    /// A flag's `--help` text: `what`, then where else the value may come from (its
    /// variables, its default), from this table, so the help never drifts from the
    /// resolution.
    pub fn help(&self, what: &str) -> String {
        let mut text = format!("{what} [env: {}]", self.env.join(", "));
        if let Some(default) = self.default {
            text.push_str(&format!(" [default: {default}]"));
        }
        text
    }
}

settings! {
    HONEYCOMB_API_KEY: honeycomb_api_key, env ["HONEYCOMB_API_KEY"], default None,
        secret true, flag None;
    HONEYCOMB_DATASET: honeycomb_dataset, env ["HONEYCOMB_DATASET"], default None,
        secret false, flag Some("-d/--dataset");
    HONEYCOMB_ENDPOINT: honeycomb_endpoint, env ["HONEYCOMB_API_ENDPOINT"],
        default Some("https://api.honeycomb.io"), secret false, flag Some("--endpoint-url");
    /// What `honeycomb query` does: `run` it through the Query Data API (Enterprise), or
    /// print the `link` that runs it in Honeycomb's UI (every plan).
    HONEYCOMB_RESULTS: honeycomb_results, env ["TRACECTL_HONEYCOMB_RESULTS"],
        default Some("run"), secret false, flag None;
    ROLLBAR_ACCESS_TOKEN: rollbar_access_token, env ["ROLLBAR_ACCESS_TOKEN"], default None,
        secret true, flag None;
    /// A project token of `read` scope, for reading errors back (`rollbar items`, `item`):
    /// the app's `post_server_item` token cannot read.
    ROLLBAR_READ_TOKEN: rollbar_read_token, env ["ROLLBAR_READ_ACCESS_TOKEN"], default None,
        secret true, flag None;
    ROLLBAR_ENVIRONMENT: rollbar_environment, env ["ROLLBAR_ENVIRONMENT"],
        default Some("development"), secret false, flag Some("-e/--environment");
    ROLLBAR_ENDPOINT: rollbar_endpoint, env ["ROLLBAR_ENDPOINT"],
        default Some("https://api.rollbar.com/api/1/"), secret false, flag Some("--endpoint-url");
    AWS_PROFILE: aws_profile, env ["AWS_PROFILE"], default None, secret false, flag None;
    AWS_REGION: aws_region, env ["AWS_REGION", "AWS_DEFAULT_REGION"], default None,
        secret false, flag Some("--region");
    /// The app's log groups, comma-separated: where `tracectl trace` looks for a trace's lines.
    LOG_GROUPS: log_groups, env ["TRACECTL_LOG_GROUPS"], default None, secret false,
        flag Some("--log-group");
    /// Where the xray group reads traces: `summaries`, `spans` (Transaction Search) or `auto`.
    XRAY_SOURCE: xray_source, env ["TRACECTL_XRAY_SOURCE"], default Some("auto"),
        secret false, flag Some("--source");
    LOCAL_OTLP_HTTP: local_otlp_http, env ["TRACECTL_LOCAL_OTLP_HTTP"],
        default Some("127.0.0.1:4318"), secret false, flag Some("--otlp-http");
    LOCAL_OTLP_GRPC: local_otlp_grpc, env ["TRACECTL_LOCAL_OTLP_GRPC"],
        default Some("127.0.0.1:4317"), secret false, flag Some("--otlp-grpc");
    LOCAL_XRAY: local_xray, env ["TRACECTL_LOCAL_XRAY"], default Some("127.0.0.1:2000"),
        secret false, flag Some("--xray");
    /// The CloudWatch Logs stand-in (Watchtower): next to the OTLP ports, clear of
    /// LocalStack's 4566 (and its 4510-4559) and moto's 5000.
    LOCAL_CLOUDWATCH_LOGS: local_cloudwatch_logs, env ["TRACECTL_LOCAL_CLOUDWATCH_LOGS"],
        default Some("127.0.0.1:4320"), secret false, flag Some("--cloudwatch-logs");
    /// The Rollbar stand-in (pyrollbar's `endpoint`).
    LOCAL_ROLLBAR: local_rollbar, env ["TRACECTL_LOCAL_ROLLBAR"],
        default Some("127.0.0.1:4321"), secret false, flag Some("--rollbar");
    LOCAL_DB: local_db, env ["TRACECTL_LOCAL_DB"], default None, secret false,
        flag Some("--db");
    LOCAL_RETAIN: local_retain, env ["TRACECTL_LOCAL_RETAIN"], default Some("7d"),
        secret false, flag Some("--retain");
}

/// A global option that is no profile setting (it chooses the file or the profile, or
/// applies before either is read): its flag and its variable, declared once for its
/// resolution and its `--help`.
#[derive(Debug, Clone, Copy)]
pub struct GlobalOption {
    pub flag: &'static str,
    pub env: &'static str,
}

pub const OUTPUT_OPTION: GlobalOption = GlobalOption {
    flag: "--output",
    env: "TRACECTL_OUTPUT",
};
pub const PROFILE_OPTION: GlobalOption = GlobalOption {
    flag: "--profile",
    env: "TRACECTL_PROFILE",
};
pub const CONFIG_OPTION: GlobalOption = GlobalOption {
    flag: "--config",
    env: "TRACECTL_CONFIG",
};

impl GlobalOption {
    /// The flag's value, else the variable's, with where it came from.
    fn resolve<T: Clone>(
        &self,
        flag: Option<&T>,
        env: &Env,
        from_env: impl FnOnce(&str) -> T,
    ) -> Option<Resolved<T>> {
        if let Some(value) = flag {
            return Some(Resolved {
                value: value.clone(),
                source: Source::Flag(self.flag),
            });
        }
        env.get(self.env).map(|v| Resolved {
            value: from_env(v),
            source: Source::Env(self.env),
        })
    }

    /// The `--help` text: `what`, then the variable.
    pub fn help(&self, what: &str) -> String {
        format!("{what} [env: {}]", self.env)
    }
}

/// Which config file is used, and why.
#[derive(Debug, Clone)]
pub struct ConfigPath {
    pub path: Option<PathBuf>,
    pub source: Source,
}

/// The global options that steer configuration (a view of the CLI's global flags).
#[derive(Debug, Clone, Default)]
pub struct ConfigFlags {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub output: Option<OutputFormat>,
}

/// The effective configuration: the chosen profile of the config file plus the environment.
#[derive(Debug, Clone)]
pub struct Config {
    env: Env,
    path: ConfigPath,
    file_exists: bool,
    profile_name: Resolved<String>,
    profile: Profile,
    output: Resolved<OutputFormat>,
    warnings: Vec<String>,
}

/// The profile used when none is named anywhere; it may be absent from the file.
const IMPLICIT_PROFILE: &str = "default";

impl Config {
    /// Loads the config file (if any) and picks the profile. A file named explicitly
    /// (`--config`, `TRACECTL_CONFIG`) must exist; a profile named explicitly must exist.
    pub fn load(flags: &ConfigFlags, env: Env) -> Result<Config> {
        let path = config_path(flags, &env);
        let explicit_path = !matches!(path.source, Source::Default);
        let mut warnings = Vec::new();

        let (file, file_exists) = match &path.path {
            Some(p) => match crate::input::read_file(p, crate::input::MAX_USER_FILE) {
                Ok(text) => {
                    if let Some(w) = permission_warning(p) {
                        warnings.push(w);
                    }
                    (parse_file(p, &text)?, true)
                }
                Err(crate::input::ReadError::NotFound) if !explicit_path => {
                    (ConfigFile::default(), false)
                }
                Err(e) => {
                    return Err(Error::usage(format!(
                        "cannot read config file {} ({}): {e}",
                        p.display(),
                        path.source,
                    ))
                    .with_hint(
                        "check the path, or run `tracectl config path` to see the default",
                    ));
                }
            },
            None => (ConfigFile::default(), false),
        };

        let profile_name =
            if let Some(p) = PROFILE_OPTION.resolve(flags.profile.as_ref(), &env, str::to_string) {
                p
            } else if let Some(p) = &file.default_profile {
                Resolved {
                    value: p.clone(),
                    source: Source::File {
                        profile: "default_profile".into(),
                    },
                }
            } else {
                Resolved {
                    value: IMPLICIT_PROFILE.to_string(),
                    source: Source::Default,
                }
            };

        let profile = match file.profiles.get(&profile_name.value) {
            Some(p) => p.clone(),
            None if profile_name.source == Source::Default => Profile::default(),
            None => {
                let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
                let where_ = path
                    .path
                    .as_ref()
                    .map_or_else(|| "no config file".to_string(), |p| p.display().to_string());
                let hint = if known.is_empty() {
                    format!(
                        "add a [profiles.{}] section to {where_}",
                        profile_name.value
                    )
                } else {
                    format!("profiles in {where_}: {}", known.join(", "))
                };
                return Err(Error::usage(format!(
                    "unknown profile '{}' (from {})",
                    profile_name.value, profile_name.source
                ))
                .with_hint(hint));
            }
        };

        let output = resolve_output(flags.output, &env)?;

        Ok(Config {
            env,
            path,
            file_exists,
            profile_name,
            profile,
            output,
            warnings,
        })
    }

    /// Resolves a profile setting, with an optional flag value taking precedence.
    pub fn get(
        &self,
        setting: &Setting,
        flag: Option<(&'static str, &str)>,
    ) -> Option<Resolved<String>> {
        if let Some((name, value)) = flag {
            return Some(Resolved {
                value: value.to_string(),
                source: Source::Flag(name),
            });
        }
        for var in setting.env {
            if let Some(v) = self.env.get(var) {
                return Some(Resolved {
                    value: v.to_string(),
                    source: Source::Env(var),
                });
            }
        }
        if let Some(v) = (setting.read)(&self.profile).filter(|v| !v.is_empty()) {
            return Some(Resolved {
                value: v.to_string(),
                source: Source::File {
                    profile: self.profile_name.value.clone(),
                },
            });
        }
        setting.default.map(|d| Resolved {
            value: d.to_string(),
            source: Source::Default,
        })
    }

    /// Resolves a secret; `None` means the user still has to provide it.
    pub fn secret(&self, setting: &Setting) -> Option<Resolved<Secret>> {
        self.get(setting, None).map(|r| Resolved {
            value: Secret::new(r.value),
            source: r.source,
        })
    }

    /// The hint for a missing setting: which variable to set or which key to add where.
    pub fn missing_hint(&self, setting: &Setting) -> String {
        let flag = setting
            .hint_flag
            .map(|f| format!("pass {f}, "))
            .unwrap_or_default();
        format!(
            "{flag}set {} or add {} to profile \"{}\"; `tracectl config show` shows what is used",
            setting.env.join("/"),
            setting.key,
            self.profile_name.value
        )
    }

    pub fn output(&self) -> &Resolved<OutputFormat> {
        &self.output
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    pub fn path(&self) -> &ConfigPath {
        &self.path
    }

    pub fn file_exists(&self) -> bool {
        self.file_exists
    }

    pub fn profile_name(&self) -> &Resolved<String> {
        &self.profile_name
    }

    /// Warnings found while loading (a world-readable file), for the caller to print.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

fn resolve_output(flag: Option<OutputFormat>, env: &Env) -> Result<Resolved<OutputFormat>> {
    let given = OUTPUT_OPTION.resolve(flag.as_ref().map(|f| Ok(*f)).as_ref(), env, |v| {
        match v.to_ascii_lowercase().as_str() {
            "table" => Ok(OutputFormat::Table),
            "json" => Ok(OutputFormat::Json),
            _ => Err(v.to_string()),
        }
    });
    match given {
        Some(Resolved {
            value: Ok(value),
            source,
        }) => Ok(Resolved { value, source }),
        Some(Resolved { value: Err(v), .. }) => Err(Error::usage(format!(
            "{}='{v}' is not an output format",
            OUTPUT_OPTION.env
        ))
        .with_hint(format!("use {0}=table or {0}=json", OUTPUT_OPTION.env))),
        None => Ok(Resolved {
            value: OutputFormat::Table,
            source: Source::Default,
        }),
    }
}

/// `--config` > `TRACECTL_CONFIG` > `$XDG_CONFIG_HOME/tracectl/config.toml` >
/// `$HOME/.config/tracectl/config.toml`.
pub fn config_path(flags: &ConfigFlags, env: &Env) -> ConfigPath {
    if let Some(given) = CONFIG_OPTION.resolve(flags.config.as_ref(), env, |v| PathBuf::from(v)) {
        return ConfigPath {
            path: Some(given.value),
            source: given.source,
        };
    }
    let base = env
        .get("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| env.get("HOME").map(|h| Path::new(h).join(".config")));
    ConfigPath {
        path: base.map(|b| b.join("tracectl").join("config.toml")),
        source: Source::Default,
    }
}

/// What TOML found wrong, in its own words but without the Display's quote of the line:
/// that line may hold an API key.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.message().trim())]
struct TomlCause(toml::de::Error);

fn parse_file(path: &Path, text: &str) -> Result<ConfigFile> {
    toml::from_str(text).map_err(|e| {
        let position = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!(": line {line}, column {column}")
            })
            .unwrap_or_default();
        Error::usage(format!("config file {}{position}", path.display()))
            .with_source(TomlCause(e))
            .with_hint(format!(
                "valid keys: default_profile and, under [profiles.NAME], {}",
                SETTINGS
                    .iter()
                    .map(|s| s.key)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
    })
}

#[cfg(unix)]
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "config file {} is readable by group or others (mode {:o}) and may hold API keys; run: chmod 600 {}",
            path.display(),
            mode & 0o777,
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn permission_warning(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_config(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    const FILE: &str = r#"
default_profile = "dev"

[profiles.dev]
honeycomb_api_key = "hcaik_file_key_0123456789"
honeycomb_dataset = "cruddur"
aws_region = "eu-west-1"

[profiles.prod]
honeycomb_dataset = "cruddur-prod"
"#;

    fn flags(path: &Path) -> ConfigFlags {
        ConfigFlags {
            config: Some(path.to_path_buf()),
            ..Default::default()
        }
    }

    #[test]
    fn precedence_is_flag_then_env_then_file_then_default() {
        let f = write_config(FILE);
        let env = Env::from_pairs([("HONEYCOMB_DATASET", "from-env")]);
        let cfg = Config::load(&flags(f.path()), env).unwrap();

        let flag = cfg
            .get(&HONEYCOMB_DATASET, Some(("--dataset", "from-flag")))
            .unwrap();
        assert_eq!(
            (flag.value.as_str(), flag.source),
            ("from-flag", Source::Flag("--dataset"))
        );

        let env = cfg.get(&HONEYCOMB_DATASET, None).unwrap();
        assert_eq!(
            (env.value.as_str(), env.source),
            ("from-env", Source::Env("HONEYCOMB_DATASET"))
        );

        let file = cfg.get(&AWS_REGION, None).unwrap();
        assert_eq!(file.value, "eu-west-1");
        assert_eq!(
            file.source,
            Source::File {
                profile: "dev".into()
            }
        );

        let default = cfg.get(&HONEYCOMB_ENDPOINT, None).unwrap();
        assert_eq!(
            (default.value.as_str(), default.source),
            ("https://api.honeycomb.io", Source::Default)
        );

        assert_eq!(cfg.get(&ROLLBAR_ACCESS_TOKEN, None), None);
    }

    #[test]
    fn second_env_var_is_a_fallback() {
        let cfg = Config::load(
            &ConfigFlags::default(),
            Env::from_pairs([("AWS_DEFAULT_REGION", "ap-south-1")]),
        )
        .unwrap();
        let r = cfg.get(&AWS_REGION, None).unwrap();
        assert_eq!(
            (r.value.as_str(), r.source),
            ("ap-south-1", Source::Env("AWS_DEFAULT_REGION"))
        );
        let both = Config::load(
            &ConfigFlags::default(),
            Env::from_pairs([("AWS_DEFAULT_REGION", "b"), ("AWS_REGION", "a")]),
        )
        .unwrap();
        assert_eq!(both.get(&AWS_REGION, None).unwrap().value, "a");
    }

    #[test]
    fn empty_env_values_count_as_unset() {
        let f = write_config(FILE);
        let cfg = Config::load(
            &flags(f.path()),
            Env::from_pairs([("HONEYCOMB_DATASET", "")]),
        )
        .unwrap();
        assert_eq!(cfg.get(&HONEYCOMB_DATASET, None).unwrap().value, "cruddur");
    }

    #[test]
    fn profile_comes_from_flag_env_or_default_profile() {
        let f = write_config(FILE);
        let by_file = Config::load(&flags(f.path()), Env::default()).unwrap();
        assert_eq!(by_file.profile_name().value, "dev");
        let by_env = Config::load(
            &flags(f.path()),
            Env::from_pairs([("TRACECTL_PROFILE", "prod")]),
        )
        .unwrap();
        assert_eq!(
            by_env.get(&HONEYCOMB_DATASET, None).unwrap().value,
            "cruddur-prod"
        );
        let mut fl = flags(f.path());
        fl.profile = Some("dev".into());
        let by_flag = Config::load(&fl, Env::from_pairs([("TRACECTL_PROFILE", "prod")])).unwrap();
        assert_eq!(by_flag.profile_name().source, Source::Flag("--profile"));
        assert_eq!(
            by_flag.get(&HONEYCOMB_DATASET, None).unwrap().value,
            "cruddur"
        );
    }

    #[test]
    fn unknown_profile_is_a_usage_error_listing_profiles() {
        let f = write_config(FILE);
        let mut fl = flags(f.path());
        fl.profile = Some("staging".into());
        let err = Config::load(&fl, Env::default()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(
            err.message().contains("unknown profile 'staging'"),
            "{}",
            err.message()
        );
        assert!(err.hints()[0].contains("dev, prod"), "{:?}", err.hints());
    }

    #[test]
    fn malformed_file_names_file_line_and_column() {
        let f =
            write_config("[profiles.dev]\nhoneycomb_dataset = \"a\"\nhoneycomb_datset = \"b\"\n");
        let err = Config::load(&flags(f.path()), Env::default()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let msg = err.message();
        assert!(msg.contains(&f.path().display().to_string()), "{msg}");
        assert!(msg.ends_with(": line 3, column 1"), "{msg}");
        // What TOML found is the cause, under the hints.
        let shown = err.render(false);
        assert!(
            shown.contains("\ncaused by: unknown field `honeycomb_datset`, expected"),
            "{shown}"
        );
    }

    #[test]
    fn missing_explicit_file_is_a_usage_error_but_missing_default_is_fine() {
        let err = Config::load(
            &flags(Path::new("/nonexistent/tracectl.toml")),
            Env::default(),
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.message().contains("/nonexistent/tracectl.toml"));
        assert!(err.message().contains("no such file"));

        let home = tempfile::tempdir().unwrap();
        let env = Env::from_pairs([("HOME", home.path().to_str().unwrap())]);
        let cfg = Config::load(&ConfigFlags::default(), env).unwrap();
        assert!(!cfg.file_exists());
        assert_eq!(
            cfg.path().path.as_ref().unwrap(),
            &home.path().join(".config/tracectl/config.toml")
        );
    }

    #[test]
    fn xdg_config_home_wins_over_home() {
        let env = Env::from_pairs([("HOME", "/home/u"), ("XDG_CONFIG_HOME", "/xdg")]);
        let p = config_path(&ConfigFlags::default(), &env);
        assert_eq!(p.path.unwrap(), PathBuf::from("/xdg/tracectl/config.toml"));
    }

    #[cfg(unix)]
    #[test]
    fn group_readable_file_warns() {
        use std::os::unix::fs::PermissionsExt;
        let f = write_config(FILE);
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        let cfg = Config::load(&flags(f.path()), Env::default()).unwrap();
        assert_eq!(cfg.warnings().len(), 1);
        assert!(cfg.warnings()[0].contains("chmod 600"));
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
        let cfg = Config::load(&flags(f.path()), Env::default()).unwrap();
        assert!(cfg.warnings().is_empty());
    }

    #[test]
    fn secrets_never_show_in_debug_or_display() {
        let s = Secret::new("hcaik_0123456789abcdefWXYZ");
        assert_eq!(format!("{s:?}"), "Secret(****)");
        assert_eq!(format!("{s}"), "****WXYZ");
        assert_eq!(Secret::new("short").masked(), "****");
    }

    #[test]
    fn bad_tracectl_output_env_is_a_usage_error() {
        let err = Config::load(
            &ConfigFlags::default(),
            Env::from_pairs([("TRACECTL_OUTPUT", "xml")]),
        )
        .unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let ok = Config::load(
            &ConfigFlags::default(),
            Env::from_pairs([("TRACECTL_OUTPUT", "json")]),
        )
        .unwrap();
        assert_eq!(ok.output().value, OutputFormat::Json);
    }
}
