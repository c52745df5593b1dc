//! `config show` / `config path` and config-file errors, through the binary.

use serde_json::Value;

use crate::harness::{Sandbox, run};

const KEY: &str = "hcaik_01234567890123456789abcdWXYZ";
const TOKEN: &str = "rollbar0123456789abcdef0123456789";

fn setting<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()
}

#[test]
fn show_reports_value_and_source_with_secrets_masked() {
    let sandbox = Sandbox::new();
    sandbox.write_config(&format!(
        "default_profile = \"dev\"\n[profiles.dev]\nhoneycomb_api_key = \"{KEY}\"\nhoneycomb_dataset = \"cruddur\"\nrollbar_environment = \"staging\"\n[profiles.prod]\nhoneycomb_dataset = \"prod-ds\"\n"
    ));
    let out = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_ENVIRONMENT", "from-env")
        .args(["config", "show", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout.contains(KEY) && !out.stdout.contains(TOKEN),
        "secret leaked: {}",
        out.stdout
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["profile"], "dev");
    assert_eq!(v["profile_source"], "file (profile default_profile)");
    assert_eq!(
        v["config_file"],
        sandbox.config_path().display().to_string()
    );
    assert_eq!(v["config_file_exists"], true);
    let key = setting(&v, "honeycomb_api_key");
    assert_eq!(
        (key["value"].as_str(), key["source"].as_str()),
        (Some("****WXYZ"), Some("file (profile dev)"))
    );
    let token = setting(&v, "rollbar_access_token");
    assert_eq!(
        (token["value"].as_str(), token["source"].as_str()),
        (Some("****6789"), Some("env ROLLBAR_ACCESS_TOKEN"))
    );
    let env = setting(&v, "rollbar_environment");
    assert_eq!(
        (env["value"].as_str(), env["source"].as_str()),
        (Some("from-env"), Some("env ROLLBAR_ENVIRONMENT"))
    );
    let endpoint = setting(&v, "honeycomb_endpoint");
    assert_eq!(
        (endpoint["value"].as_str(), endpoint["source"].as_str()),
        (Some("https://api.honeycomb.io"), Some("default"))
    );
    assert_eq!(setting(&v, "aws_profile")["value"], Value::Null);

    // --profile beats TRACECTL_PROFILE beats default_profile.
    let out = run(sandbox.cmd().env("TRACECTL_PROFILE", "dev").args([
        "--profile",
        "prod",
        "config",
        "show",
        "-o",
        "json",
    ]));
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(setting(&v, "honeycomb_dataset")["value"], "prod-ds");
    assert_eq!(v["profile_source"], "flag --profile");

    // The table says the same for people, and never shows the secret either.
    let out = run(sandbox.cmd().args(["config", "show"]));
    assert!(
        out.stdout.lines().any(|l| l.contains("honeycomb_api_key")
            && l.contains("****WXYZ")
            && l.contains("file (profile dev)")),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(KEY));
}

#[test]
fn output_format_from_env_and_flag() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("TRACECTL_OUTPUT", "json")
        .args(["config", "show"]));
    let v: Value = serde_json::from_str(&out.stdout).expect("TRACECTL_OUTPUT=json gives JSON");
    assert_eq!(v["output_source"], "env TRACECTL_OUTPUT");
    let out = run(sandbox
        .cmd()
        .env("TRACECTL_OUTPUT", "json")
        .args(["config", "show", "-o", "table"]));
    assert!(out.stdout.starts_with(" SETTING"), "{}", out.stdout);
}

#[test]
fn path_follows_flag_env_and_xdg() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().args(["config", "path"]));
    assert_eq!(
        out.stdout.trim(),
        sandbox.config_path().display().to_string()
    );
    let out = run(sandbox
        .cmd()
        .env("XDG_CONFIG_HOME", "/xdg")
        .args(["config", "path"]));
    assert_eq!(out.stdout, "/xdg/tracectl/config.toml\n");
    let out = run(sandbox
        .cmd()
        .env("TRACECTL_CONFIG", "/etc/t.toml")
        .args(["config", "path"]));
    assert_eq!(out.stdout, "/etc/t.toml\n");
    let out = run(sandbox
        .cmd()
        .env("TRACECTL_CONFIG", "/etc/t.toml")
        .args(["--config", "/x.toml", "config", "path"]));
    assert_eq!(out.stdout, "/x.toml\n");
}

#[test]
fn bad_config_inputs_are_usage_errors_naming_what_and_where() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .args(["--config", "/nonexistent/c.toml", "config", "show"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: cannot read config file /nonexistent/c.toml (flag --config): no such file\nhint: "), "{}", out.stderr);

    sandbox.write_config("[profiles.dev]\nhoneycomb_dataset = \"a\"\n");
    let out = run(sandbox.cmd().args(["--profile", "prod", "config", "show"]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "error: unknown profile 'prod' (from flag --profile)"
    );
    assert!(out.stderr.contains("hint: profiles in "), "{}", out.stderr);

    let path = sandbox.write_config("[profiles.dev]\nhoneycomb_dataset = 5\n");
    let out = run(sandbox.cmd().args(["config", "show"]));
    assert_eq!(out.code, 2);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines[0],
        format!("error: config file {}: line 2, column 21", path.display())
    );
    assert_eq!(
        lines.last().unwrap(),
        &"caused by: invalid type: integer `5`, expected a string"
    );

    // TOML's own Display quotes the broken line; the cause is its message alone, so a key
    // on that line is never shown.
    let path =
        sandbox.write_config("[profiles.default]\nhoneycomb_api_key = \"hcsecret-0123456789\n");
    let out = run(sandbox.cmd().args(["config", "show"]));
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("hcsecret"), "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines[0],
        format!("error: config file {}: line 2, column 41", path.display())
    );
    assert!(
        lines.last().unwrap().starts_with("caused by: "),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_config_readable_by_others_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let path = sandbox.write_config("[profiles.default]\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(sandbox.cmd().args(["config", "show", "-o", "json"]));
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr,
        format!(
            "warning: config file {0} is readable by group or others (mode 644) and may hold API keys; run: chmod 600 {0}\n",
            path.display()
        )
    );
}

/// The settings table (`config::SETTINGS`) is the one declaration: every flag that takes a
/// setting says where else it may come from in the table's own words, every setting's flag
/// exists, and the README's config block lists every key with its variables. A setting
/// added, renamed or given another variable without the rest fails here.
#[test]
fn settings_help_and_readme_never_drift_from_the_table() {
    use clap::CommandFactory;
    use tracectl::config::SETTINGS;

    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String, String)>) {
        for arg in cmd.get_arguments() {
            if let Some(long) = arg.get_long() {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                out.push((path.to_string(), format!("--{long}"), help));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut args = Vec::new();
    walk(&tracectl::cli::Cli::command(), "tracectl", &mut args);

    // The global options that are no profile settings, declared once too; and the AWS
    // SDK's own variables, which the SDK reads.
    let globals = [
        tracectl::config::OUTPUT_OPTION,
        tracectl::config::PROFILE_OPTION,
        tracectl::config::CONFIG_OPTION,
    ];
    const SDK_VARIABLES: &[&str] = &["AWS_ENDPOINT_URL"];
    let mut drift = Vec::new();
    for (path, long, help) in &args {
        let Some(at) = help.find("[env: ") else {
            continue;
        };
        let vars: Vec<&str> = help[at + 6..]
            .split(']')
            .next()
            .unwrap()
            .split(", ")
            .collect();
        if SDK_VARIABLES.contains(&vars[0]) {
            continue;
        }
        if let Some(option) = globals.iter().find(|g| g.env == vars[0]) {
            if option.flag != long || !help.ends_with(&option.help("")[1..]) {
                drift.push(format!(
                    "{path} {long}: help {help:?} is not {}'s",
                    option.flag
                ));
            }
            continue;
        }
        match SETTINGS.iter().find(|s| s.env == vars.as_slice()) {
            None => drift.push(format!(
                "{path} {long}: [env: {}] is no setting's",
                vars.join(", ")
            )),
            Some(s) => {
                let expected = s.help("");
                if !help.ends_with(expected.trim_start()) {
                    drift.push(format!(
                        "{path} {long}: help does not end with {expected:?}"
                    ));
                }
                if s.hint_flag.is_some_and(|f| !f.ends_with(long.as_str())) {
                    drift.push(format!(
                        "{path} {long}: takes {} whose flag is {:?}",
                        s.key, s.hint_flag
                    ));
                }
            }
        }
    }
    for option in &globals {
        let env = format!("[env: {}]", option.env);
        if !args
            .iter()
            .any(|(_, l, help)| l == option.flag && help.contains(&env))
        {
            drift.push(format!("no flag {} says {env}", option.flag));
        }
    }
    // Each setting's flag is a real flag that names the setting's variables.
    for s in SETTINGS {
        let Some(flag) = s.hint_flag else { continue };
        let long = flag.rsplit('/').next().unwrap();
        let env = format!("[env: {}]", s.env.join(", "));
        if !args
            .iter()
            .any(|(_, l, help)| l == long && help.contains(&env))
        {
            drift.push(format!("{}: no flag {long} says {env}", s.key));
        }
    }
    // The README's config block: a line per key, with its variables.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let block = readme
        .split("[profiles.dev]")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    for s in SETTINGS {
        let line = block
            .lines()
            .find(|l| l.split_whitespace().next() == Some(s.key));
        match line {
            None => drift.push(format!("README: no line for {}", s.key)),
            Some(line) => {
                for var in s.env {
                    if !line.contains(var) {
                        drift.push(format!("README: the {} line does not name {var}", s.key));
                    }
                }
                if let Some(default) = s.default
                    && !line.contains(&format!("\"{default}\""))
                {
                    drift.push(format!(
                        "README: the {} line does not show {default}",
                        s.key
                    ));
                }
            }
        }
    }
    assert!(drift.is_empty(), "{}", drift.join("\n"));
}
