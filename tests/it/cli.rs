//! The command-line contract of cli.md: groups, every leaf's flags, exit codes, errors.

use std::process::Stdio;

use crate::harness::{Sandbox, run};

#[test]
fn help_shows_every_group() {
    let out = run(Sandbox::new().cmd().arg("--help"));
    assert_eq!(out.code, 0);
    for group in ["local", "honeycomb", "xray", "logs", "rollbar", "tag"] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(group)),
            "{group} missing:\n{}",
            out.stdout
        );
    }
}

#[test]
fn version_is_the_crate_version() {
    let out = run(Sandbox::new().cmd().arg("--version"));
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, concat!("tracectl ", env!("CARGO_PKG_VERSION"), "\n"))
    );
}

#[test]
fn global_options_are_accepted_after_the_subcommand() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[profiles.dev]\n");
    let out = run(sandbox.cmd().args([
        "config",
        "show",
        "-o",
        "json",
        "--utc",
        "-q",
        "--color",
        "never",
        "--profile",
        "dev",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.trim_start().starts_with('{'));
}

#[test]
fn bad_durations_are_usage_errors_quoting_the_input_with_examples() {
    let sandbox = Sandbox::new();
    for (args, input) in [
        (&["xray", "traces", "--since", "yesterday"][..], "yesterday"),
        (&["logs", "tail", "/a", "--since", "90"][..], "90"),
        (&["honeycomb", "query", "--timeout", "soon"][..], "soon"),
    ] {
        let out = run(sandbox.cmd().args(args));
        assert_eq!(out.code, 2, "{args:?}");
        let first = out.stderr.lines().next().unwrap();
        assert!(first.starts_with("error: invalid value"), "{first}");
        assert!(first.contains(&format!("'{input}'")), "{first}");
        assert!(first.contains("15m") || first.contains("90s"), "{first}");
    }
}

#[test]
fn unknown_flags_and_conflicts_are_usage_errors() {
    let sandbox = Sandbox::new();
    for args in [
        &["--bogus"][..],
        &[
            "logs",
            "tail",
            "/a",
            "--stream",
            "s",
            "--stream-prefix",
            "p",
        ][..],
        &["xray", "traces", "--since", "1h", "--start", "2h"][..],
        &["tag", "next", "--major", "--patch"][..],
        &["rollbar", "trigger", "--level", "fatal"][..],
        &["rollbar", "trigger", "--count", "0"][..],
        &["logs", "query", "fields @message"][..],
        &["-q", "-v", "config", "show"][..],
    ] {
        let out = run(sandbox.cmd().args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with("error: "),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_closed_stdout_exits_zero_without_a_word() {
    let sandbox = Sandbox::new();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tracectl"));
    cmd.env_clear()
        .env("HOME", sandbox.home())
        .args(["completions", "bash"]);
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the read end before tracectl writes, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn colour_policy_for_errors() {
    let sandbox = Sandbox::new();
    let always = run(sandbox
        .cmd()
        .args(["--color", "always", "xray", "trace", "1-abc"]));
    assert!(
        always
            .stderr
            .starts_with("\x1b[1;31merror:\x1b[0m `1-abc` is not a trace id"),
        "{:?}",
        always.stderr
    );
    // `always` beats NO_COLOR (an explicit flag wins, as no-color.org asks).
    let flag_over_env = run(sandbox
        .cmd()
        .env("NO_COLOR", "1")
        .args(["--color", "always", "xray", "trace", "1-abc"]));
    assert!(
        flag_over_env.stderr.starts_with("\x1b["),
        "{:?}",
        flag_over_env.stderr
    );
    // Not a terminal: no colour by default.
    let auto = run(sandbox.cmd().args(["xray", "trace", "1-abc"]));
    assert!(auto.stderr.starts_with("error: "), "{:?}", auto.stderr);
    let never = run(sandbox
        .cmd()
        .args(["--color", "never", "xray", "trace", "1-abc"]));
    assert!(!never.stderr.contains('\x1b'));
}

#[test]
fn json_is_never_coloured() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .args(["--color", "always", "-o", "json", "config", "show"]));
    assert_eq!(out.code, 0);
    assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
    serde_json::from_str::<serde_json::Value>(&out.stdout).expect("valid JSON");
}

#[test]
fn completions_print_for_every_shell() {
    let sandbox = Sandbox::new();
    for (shell, marker) in [
        ("bash", "_tracectl()"),
        ("zsh", "#compdef tracectl"),
        ("fish", "complete -c tracectl"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[tracectl]"),
    ] {
        let out = run(sandbox.cmd().args(["completions", shell]));
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains(marker), "{shell}");
    }
    // They work with a broken config file, which is when people most need the shell's help.
    sandbox.write_config("not toml at all [");
    assert_eq!(run(sandbox.cmd().args(["completions", "bash"])).code, 0);
}
