//! `tracectl tag` against real repositories: a work tree, a bare `origin` on disk (path and
//! file:// URL), and `git daemon` serving a bare repository whose pre-receive hook rejects
//! refs (libgit2's local transport never runs server hooks). Every result is cross-checked
//! with the git CLI.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;

use crate::harness::{Output, Sandbox, run};

/// A sandboxed home with a global git config, a work repository with two commits, and a
/// bare origin that has `main`.
pub(crate) struct Repo {
    pub(crate) sandbox: Sandbox,
    pub(crate) work: PathBuf,
    pub(crate) origin: PathBuf,
}

const GITCONFIG: &str =
    "[user]\n\tname = Release Bot\n\temail = bot@example.com\n[init]\n\tdefaultBranch = main\n";

impl Repo {
    pub(crate) fn new() -> Self {
        Self::with_config(GITCONFIG)
    }

    fn with_config(gitconfig: &str) -> Self {
        let sandbox = Sandbox::new();
        std::fs::write(sandbox.home().join(".gitconfig"), gitconfig).unwrap();
        let work = sandbox.home().join("work");
        let origin = sandbox.home().join("origin.git");
        let repo = Repo {
            sandbox,
            work,
            origin,
        };
        repo.git_in(
            repo.sandbox.home(),
            &["init", "-q", "--bare", "-b", "main", "origin.git"],
        );
        repo.git_in(repo.sandbox.home(), &["init", "-q", "-b", "main", "work"]);
        std::fs::write(repo.work.join("app.py"), "print('v1')\n").unwrap();
        repo.commit_all("Initial Flask app");
        std::fs::write(repo.work.join("app.py"), "print('v2')\n").unwrap();
        repo.commit_all("Add X-Ray tracing");
        repo.git(&["remote", "add", "origin", repo.origin.to_str().unwrap()]);
        repo.git(&["push", "-q", "origin", "main"]);
        repo
    }

    fn git_cmd(&self, dir: &Path) -> Command {
        self.git_program(Path::new("git"), dir)
    }

    /// A git program with the sandbox's environment and nothing of the developer's.
    fn git_program(&self, program: &Path, dir: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.sandbox.home())
            .env("GIT_CONFIG_GLOBAL", self.sandbox.home().join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .current_dir(dir);
        cmd
    }

    fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git_cmd(dir).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub(crate) fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.work, args)
    }

    pub(crate) fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    pub(crate) fn head(&self, rev: &str) -> String {
        self.git(&["rev-parse", rev]).trim().to_string()
    }

    /// `git tag -l`, one name per entry.
    pub(crate) fn local_tags(&self) -> Vec<String> {
        self.git(&["tag", "-l"])
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// `git ls-remote --tags <remote>` as (ref, oid) pairs, peeled entries included.
    pub(crate) fn remote_tags(&self, remote: &str) -> Vec<(String, String)> {
        let mut tags: Vec<(String, String)> = self
            .git(&["ls-remote", "--tags", remote])
            .lines()
            .map(|l| {
                let (oid, name) = l.split_once('\t').unwrap();
                (name.to_string(), oid.to_string())
            })
            .collect();
        tags.sort();
        tags
    }

    fn tracectl(&self, args: &[&str]) -> Output {
        self.tracectl_with(&[], args)
    }

    /// `tracectl ARGS` in the work tree, with `env` added.
    pub(crate) fn tracectl_with(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut cmd = self.sandbox.cmd();
        cmd.current_dir(&self.work)
            .env("GIT_CONFIG_GLOBAL", self.sandbox.home().join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .envs(env.iter().copied())
            .args(args);
        run(&mut cmd)
    }
}

#[test]
fn push_creates_an_annotated_tag_at_head_and_pushes_it() {
    let repo = Repo::new();
    let out = repo.tracectl(&["tag", "push", "v0.2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let head = repo.head("HEAD");
    assert_eq!(
        out.stdout,
        format!(
            "created v0.2 (annotated, \"Release v0.2\") at {} Add X-Ray tracing\npushed  v0.2 → origin\n",
            &head[..7]
        )
    );
    assert_eq!(repo.git(&["cat-file", "-t", "v0.2"]).trim(), "tag");
    let tag_object = repo.git(&["cat-file", "-p", "v0.2"]);
    assert!(
        tag_object.contains("tagger Release Bot <bot@example.com>"),
        "{tag_object}"
    );
    assert!(tag_object.ends_with("\nRelease v0.2\n"), "{tag_object}");
    assert_eq!(
        repo.remote_tags("origin"),
        [
            ("refs/tags/v0.2".to_string(), repo.head("v0.2")),
            ("refs/tags/v0.2^{}".to_string(), head)
        ]
    );

    // Pushing again changes nothing and says so.
    let again = repo.tracectl(&["tag", "push", "v0.2"]);
    assert_eq!(
        (again.code, again.stdout.as_str()),
        (0, "up to date  v0.2 (origin has it)\n")
    );
}

#[test]
fn push_of_an_existing_tag_and_several_tags_in_one_push() {
    let repo = Repo::new();
    repo.git(&["tag", "-a", "v0.1", "-m", "first", "HEAD~1"]);
    repo.git(&["tag", "v0.1-light"]);
    let out = repo.tracectl(&["tag", "push", "v0.1", "v0.1-light", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v[0]["name"], "v0.1");
    assert_eq!(v[0]["status"], "pushed");
    assert_eq!(v[0]["created"], Value::Null);
    assert_eq!(v[1]["status"], "pushed");
    let remote: Vec<String> = repo
        .remote_tags("origin")
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(
        remote,
        [
            "refs/tags/v0.1",
            "refs/tags/v0.1-light",
            "refs/tags/v0.1^{}"
        ]
    );
}

#[test]
fn push_to_a_file_url_remote() {
    let repo = Repo::new();
    let url = format!("file://{}", repo.origin.display());
    repo.git(&["remote", "add", "mirror", &url]);
    let out = repo.tracectl(&["tag", "push", "v1.0.0", "--remote", "mirror"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.ends_with("pushed  v1.0.0 → mirror\n"),
        "{}",
        out.stdout
    );
    assert_eq!(repo.remote_tags(&url).len(), 2);
}

#[test]
fn a_remote_tag_pointing_elsewhere_is_refused_then_replaced_with_force() {
    let repo = Repo::new();
    let old = repo.head("HEAD~1");
    repo.git(&["tag", "v1", &old]);
    repo.git(&["push", "-q", "origin", "v1"]);
    repo.git(&["tag", "-d", "v1"]);
    repo.git(&["tag", "v1", "HEAD"]);

    let out = repo.tracectl(&["tag", "push", "v1"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "error: origin already has a tag pointing elsewhere: v1 (there: {}, here: {})\n\
             hint: nothing was created or pushed; pass --force to replace them on origin, or fetch theirs with git fetch origin tag NAME\n",
            &old[..7],
            &repo.head("HEAD")[..7]
        )
    );
    assert_eq!(
        repo.remote_tags("origin"),
        [("refs/tags/v1".to_string(), old)]
    );

    let forced = repo.tracectl(&["tag", "push", "v1", "--force"]);
    assert_eq!(
        (forced.code, forced.stdout.as_str()),
        (0, "pushed  v1 → origin\n"),
        "{}",
        forced.stderr
    );
    assert_eq!(
        repo.remote_tags("origin"),
        [("refs/tags/v1".to_string(), repo.head("HEAD"))]
    );
}

#[test]
fn pushing_a_name_that_exists_only_on_the_remote_is_refused_and_creates_nothing() {
    let repo = Repo::new();
    repo.git(&["tag", "v2", "HEAD~1"]);
    repo.git(&["push", "-q", "origin", "v2"]);
    repo.git(&["tag", "-d", "v2"]);
    let out = repo.tracectl(&["tag", "push", "v2"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: origin already has a tag pointing elsewhere: v2 (on origin at "),
        "{}",
        out.stderr
    );
    assert!(repo.local_tags().is_empty());
}

/// `git daemon` on a free loopback port serving `dir`, with push enabled; killed on drop.
struct Daemon(std::process::Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn git_daemon(repo: &Repo, base: &Path) -> (Daemon, String) {
    let port = crate::harness::free_port();
    // `git daemon` forks the real daemon, which would outlive a kill: run that binary itself.
    let exec_path = PathBuf::from(repo.git_in(base, &["--exec-path"]).trim());
    let child = repo
        .git_program(&exec_path.join("git-daemon"), base)
        .args([
            "--reuseaddr",
            "--export-all",
            "--enable=receive-pack",
            "--listen=127.0.0.1",
        ])
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", base.display()))
        .arg(base)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("git daemon");
    let daemon = Daemon(child);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "git daemon did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (daemon, format!("git://127.0.0.1:{port}/origin.git"))
}

#[cfg(unix)]
#[test]
fn a_ref_rejected_by_a_pre_receive_hook_fails_with_the_reason_and_leaves_nothing_behind() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let hook = repo.origin.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\nwhile read old new ref; do\n  case \"$ref\" in refs/tags/v9*) echo \"tags v9* are frozen until the audit\" >&2; exit 1;; esac\ndone\nexit 0\n",
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (_daemon, url) = git_daemon(&repo, repo.sandbox.home());
    repo.git(&["remote", "add", "guarded", &url]);

    let out = repo.tracectl(&["tag", "push", "v9.0", "--remote", "guarded"]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("rejected v9.0 by guarded: pre-receive hook declined"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("remote: tags v9* are frozen until the audit"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("error: guarded rejected v9.0 (pre-receive hook declined)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: the rejected tags this run created were removed again: v9.0"),
        "{}",
        out.stderr
    );
    // Nothing half-done: not on the server, and the tag this run created is gone again.
    assert!(repo.remote_tags(&url).is_empty());
    assert!(repo.local_tags().is_empty());

    // The same server accepts other tags: the hook is what refused.
    let ok = repo.tracectl(&["tag", "push", "v1.0", "--remote", "guarded"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(repo.remote_tags(&url).len(), 2);
}

#[test]
fn delete_local_and_remote() {
    let repo = Repo::new();
    assert_eq!(repo.tracectl(&["tag", "push", "v0.3"]).code, 0);
    repo.git(&["tag", "v0.4"]);
    let out = repo.tracectl(&["tag", "delete", "v0.3", "v0.4", "--remote"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "deleted v0.3 (here and on origin)\ndeleted v0.4 (here)\n"
    );
    assert!(repo.local_tags().is_empty());
    assert!(repo.remote_tags("origin").is_empty());
}

#[test]
fn deleting_a_missing_tag_names_it_and_deletes_nothing() {
    let repo = Repo::new();
    repo.git(&["tag", "v0.5"]);
    let out = repo.tracectl(&["tag", "delete", "v0.5", "v0.6"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: tag v0.6 does not exist\nhint: nothing was deleted; tracectl tag list shows the tags\n"
    );
    assert_eq!(repo.local_tags(), ["v0.5"]);
}

#[test]
fn a_dirty_tree_is_refused_unless_allowed_and_untracked_files_do_not_count() {
    let repo = Repo::new();
    std::fs::write(repo.work.join("notes.txt"), "untracked\n").unwrap();
    assert_eq!(repo.tracectl(&["tag", "create", "v0.1"]).code, 0);

    std::fs::write(repo.work.join("app.py"), "print('wip')\n").unwrap();
    let out = repo.tracectl(&["tag", "create", "v0.2"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: the working tree has uncommitted changes (app.py)\n\
         hint: commit or stash the changes, or pass --allow-dirty to tag HEAD as committed\n"
    );
    let pushed = repo.tracectl(&["tag", "push", "v0.2"]);
    assert_eq!(pushed.code, 1);
    assert!(repo.remote_tags("origin").is_empty());
    assert_eq!(repo.local_tags(), ["v0.1"]);

    assert_eq!(
        repo.tracectl(&["tag", "create", "v0.2", "--allow-dirty"])
            .code,
        0
    );
    assert_eq!(repo.local_tags(), ["v0.1", "v0.2"]);
}

#[test]
fn create_refuses_an_existing_tag_unless_forced_and_honours_ref_and_lightweight() {
    let repo = Repo::new();
    let out = repo.tracectl(&["tag", "create", "v1.0", "--ref", "HEAD~1", "--lightweight"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(repo.git(&["cat-file", "-t", "v1.0"]).trim(), "commit");
    assert_eq!(repo.head("v1.0"), repo.head("HEAD~1"));

    let again = repo.tracectl(&["tag", "create", "v1.0"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr.lines().next().unwrap(),
        "error: tag v1.0 already exists"
    );

    let forced = repo.tracectl(&["tag", "create", "v1.0", "--force", "-m", "Moved"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(repo.git(&["cat-file", "-t", "v1.0"]).trim(), "tag");
    assert_eq!(repo.head("v1.0^{commit}"), repo.head("HEAD"));

    let bad_ref = repo.tracectl(&["tag", "create", "v1.1", "--ref", "no-such-branch"]);
    assert_eq!(bad_ref.code, 2);
    assert_eq!(
        bad_ref.stderr.lines().next().unwrap(),
        "error: 'no-such-branch' does not name a commit"
    );
}

#[test]
fn without_user_name_the_tagger_comes_from_the_environment_or_a_hint() {
    let repo = Repo::with_config("[init]\n\tdefaultBranch = main\n");
    let out = repo.tracectl(&["tag", "create", "v0.1"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "error: no identity to sign the tag with: user.name/user.email are not set"
    );
    assert!(
        out.stderr
            .contains("hint: run git config --global user.name"),
        "{}",
        out.stderr
    );
    assert!(repo.local_tags().is_empty());

    let mut cmd = repo.sandbox.cmd();
    cmd.current_dir(&repo.work)
        .env("GIT_CONFIG_GLOBAL", repo.sandbox.home().join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_COMMITTER_NAME", "CI Runner")
        .env("GIT_COMMITTER_EMAIL", "ci@example.com")
        .args(["tag", "create", "v0.1"]);
    let ok = run(&mut cmd);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        repo.git(&["cat-file", "-p", "v0.1"])
            .contains("tagger CI Runner <ci@example.com>")
    );
}

#[test]
fn invalid_names_are_usage_errors() {
    let repo = Repo::new();
    for name in [
        "v0.2..",
        "-x",
        "a b",
        "v1~1",
        "v1.lock",
        "",
        "@",
        "refs/heads/main",
        "HEAD",
    ] {
        let out = repo.tracectl(&["tag", "create", "--", name]);
        assert_eq!(out.code, 2, "{name}: {}", out.stderr);
        assert!(
            out.stderr
                .starts_with(&format!("error: '{name}' is not a valid tag name: ")),
            "{}",
            out.stderr
        );
        let pushed = repo.tracectl(&["tag", "push", "--", name]);
        assert_eq!(pushed.code, 2, "{name}");
    }
    // A branch's name: `git checkout main` would be ambiguous.
    let branch = repo.tracectl(&["tag", "create", "main"]);
    assert_eq!(branch.code, 2, "{}", branch.stderr);
    assert!(
        branch.stderr.starts_with(
            "error: 'main' is not a valid tag name: a branch has that name; a tag by it makes `git` commands ambiguous"
        ),
        "{}",
        branch.stderr
    );
    assert!(repo.local_tags().is_empty());
    assert!(repo.remote_tags("origin").is_empty());
}

#[test]
fn list_orders_by_semver_and_compares_with_the_remote() {
    let repo = Repo::new();
    for tag in [
        "v0.9.0",
        "nightly",
        "v1.0.0-rc.1",
        "v0.10.0",
        "v1.0.0",
        "v1.0.0-rc.2",
        "v0.2",
    ] {
        repo.git(&["tag", tag]);
    }
    repo.git(&["push", "-q", "origin", "v1.0.0", "v0.9.0"]);
    repo.git(&["tag", "-a", "only-remote", "-m", "x"]);
    repo.git(&["push", "-q", "origin", "only-remote"]);
    repo.git(&["tag", "-d", "only-remote"]);
    repo.git(&["tag", "-d", "v0.9.0"]);
    repo.git(&["tag", "v0.9.0", "HEAD~1"]);

    let out = repo.tracectl(&["tag", "list", "--remote", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let tags: Vec<(&str, &str)> = v["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["remote"].as_str().unwrap()))
        .collect();
    assert_eq!(
        tags,
        [
            ("v1.0.0", "same"),
            ("v1.0.0-rc.2", "missing"),
            ("v1.0.0-rc.1", "missing"),
            ("v0.10.0", "missing"),
            ("v0.9.0", "differs"),
            ("v0.2", "missing"),
            ("nightly", "missing"),
        ]
    );
    assert_eq!(v["remote_only"][0]["name"], "only-remote");
    assert_eq!(v["tags"][0]["kind"], "lightweight");
    assert_eq!(v["tags"][0]["commit"], repo.head("HEAD"));

    let filtered = repo.tracectl(&["tag", "list", "--pattern", "v1.*", "-o", "json"]);
    let v: Value = serde_json::from_str(&filtered.stdout).unwrap();
    assert_eq!(v["tags"].as_array().unwrap().len(), 3);
}

#[test]
fn next_for_each_bump() {
    let repo = Repo::new();
    let next = |args: &[&str]| {
        let mut all = vec!["tag", "next"];
        all.extend_from_slice(args);
        let out = repo.tracectl(&all);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(next(&[]), "v0.1.0\n");
    repo.git(&["tag", "v1.2.3"]);
    repo.git(&["tag", "v1.2.10"]);
    repo.git(&["tag", "deploy-2026"]);
    assert_eq!(next(&[]), "v1.2.11\n");
    assert_eq!(next(&["--patch"]), "v1.2.11\n");
    assert_eq!(next(&["--minor"]), "v1.3.0\n");
    assert_eq!(next(&["--major"]), "v2.0.0\n");
    assert_eq!(next(&["--minor", "--pre", "rc"]), "v1.3.0-rc.1\n");
    repo.git(&["tag", "v1.3.0-rc.1"]);
    assert_eq!(next(&["--pre", "rc"]), "v1.3.0-rc.2\n");
    assert_eq!(next(&[]), "v1.3.0\n");
    assert_eq!(next(&["--prefix", "release-"]), "release-1.3.0\n");
}

#[test]
fn dry_run_changes_nothing() {
    let repo = Repo::new();
    repo.git(&["tag", "v0.1"]);
    let out = repo.tracectl(&["tag", "push", "v0.1", "v0.2", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "would be pushed  v0.1 → origin\nwould be created v0.2 (annotated, \"Release v0.2\") at {} Add X-Ray tracing\nwould be pushed  v0.2 → origin\n",
            &repo.head("HEAD")[..7]
        )
    );
    assert_eq!(repo.local_tags(), ["v0.1"]);
    assert!(repo.remote_tags("origin").is_empty());
}

#[test]
fn outside_a_repository_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .current_dir(sandbox.home())
        .args(["tag", "list"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("error: not inside a git repository"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: run tracectl tag inside the repository")
    );
}

#[test]
fn an_unknown_remote_lists_the_known_ones() {
    let repo = Repo::new();
    let out = repo.tracectl(&["tag", "push", "v1", "--remote", "upstream"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no remote named 'upstream'\nhint: remotes: origin\n"
    );
    assert!(
        repo.local_tags().is_empty(),
        "a failed push must not leave a created tag behind"
    );
}

/// `git http-backend` (the real smart-HTTP server) behind a tiny CGI bridge that demands
/// HTTP Basic auth with the token `x-access-token:<TOKEN>`, as GitHub does for tokens.
struct HttpGit {
    url: String,
    requests: Arc<AtomicU32>,
    /// Every Authorization header the server was sent.
    authorizations: Arc<std::sync::Mutex<Vec<String>>>,
    _server: crate::harness::Background,
}

const GIT_HTTP_TOKEN: &str = "ghp_tracectlTestToken0123456789";

/// Served over HTTPS with `cert` when given, else over plain HTTP.
fn http_git(repo: &Repo, cert: Option<&crate::harness::TestCert>) -> HttpGit {
    use axum::body::Bytes;
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::Response;
    use base64::Engine;

    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("x-access-token:{GIT_HTTP_TOKEN}"))
    );
    let root = repo.sandbox.home().to_path_buf();
    let home = repo.sandbox.home().to_path_buf();
    let requests = Arc::new(AtomicU32::new(0));
    let counter = requests.clone();
    let authorizations = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = authorizations.clone();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (expected, root, home, counter, seen) = (
                expected.clone(),
                root.clone(),
                home.clone(),
                counter.clone(),
                seen.clone(),
            );
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                if let Some(auth) = headers.get("authorization").and_then(|v| v.to_str().ok()) {
                    seen.lock().unwrap().push(auth.to_string());
                }
                if headers.get("authorization").and_then(|v| v.to_str().ok())
                    != Some(expected.as_str())
                {
                    return Response::builder()
                        .status(StatusCode::UNAUTHORIZED)
                        .header("www-authenticate", "Basic realm=\"git\"")
                        .body(axum::body::Body::empty())
                        .unwrap();
                }
                let mut cgi = tokio::process::Command::new("git");
                cgi.arg("http-backend")
                    .env_clear()
                    .env("PATH", std::env::var_os("PATH").unwrap_or_default())
                    .env("HOME", &home)
                    .env("GIT_CONFIG_NOSYSTEM", "1")
                    .env("GIT_PROJECT_ROOT", &root)
                    .env("GIT_HTTP_EXPORT_ALL", "1")
                    .env("REMOTE_USER", "x-access-token")
                    .env("REQUEST_METHOD", method.as_str())
                    .env("PATH_INFO", uri.path())
                    .env("QUERY_STRING", uri.query().unwrap_or(""))
                    .env(
                        "CONTENT_TYPE",
                        headers
                            .get("content-type")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or(""),
                    )
                    .env("CONTENT_LENGTH", body.len().to_string())
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped());
                let mut child = cgi.spawn().unwrap();
                let mut stdin = child.stdin.take().unwrap();
                tokio::io::AsyncWriteExt::write_all(&mut stdin, &body)
                    .await
                    .unwrap();
                drop(stdin);
                let out = child.wait_with_output().await.unwrap();
                // CGI output: headers, a blank line, the body.
                let split = out
                    .stdout
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .map(|i| (i, 4))
                    .or_else(|| {
                        out.stdout
                            .windows(2)
                            .position(|w| w == b"\n\n")
                            .map(|i| (i, 2))
                    })
                    .unwrap();
                let head = String::from_utf8_lossy(&out.stdout[..split.0]).into_owned();
                let mut response = Response::builder();
                for line in head.lines() {
                    let (k, v) = line.split_once(':').unwrap();
                    if k.eq_ignore_ascii_case("status") {
                        response = response.status(v.trim()[..3].parse::<u16>().unwrap());
                    } else {
                        response = response.header(k.trim(), v.trim());
                    }
                }
                response
                    .body(axum::body::Body::from(
                        out.stdout[split.0 + split.1..].to_vec(),
                    ))
                    .unwrap()
            }
        },
    );
    let (server, scheme) = match cert {
        Some(cert) => (crate::harness::serve_tls(app, cert), "https"),
        None => (crate::harness::serve(app), "http"),
    };
    HttpGit {
        url: format!("{scheme}://{}/origin.git", server.addr),
        requests,
        authorizations,
        _server: server,
    }
}

#[test]
fn https_push_authenticates_with_git_token_and_a_wrong_token_fails_without_looping() {
    let repo = Repo::new();
    let cert = crate::harness::test_cert();
    let trusted = repo.sandbox.home().join("test-ca.pem");
    std::fs::write(&trusted, &cert.pem).unwrap();
    let server = http_git(&repo, Some(&cert));
    let push = |token: &str, tag: &str| {
        let mut cmd = repo.sandbox.cmd();
        cmd.current_dir(&repo.work)
            .env("GIT_CONFIG_GLOBAL", repo.sandbox.home().join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("SSL_CERT_FILE", &trusted)
            .env("GIT_TOKEN", token)
            .args(["tag", "push", tag, "--remote", &server.url]);
        run(&mut cmd)
    };

    let ok = push(GIT_HTTP_TOKEN, "v1.0.0");
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        ok.stdout
            .ends_with(&format!("pushed  v1.0.0 → {}\n", server.url)),
        "{}",
        ok.stdout
    );
    assert_eq!(
        repo.remote_tags("origin").len(),
        2,
        "the tag reached the repository behind the HTTP server"
    );

    let before = server.requests.load(Ordering::SeqCst);
    let refused = push("ghp_wrong_token_value", "v1.0.1");
    assert_eq!(refused.code, 1);
    assert_eq!(
        refused.stderr.lines().next().unwrap(),
        format!(
            "error: authentication to {} failed (tried: git credential helper, GIT_TOKEN/GITHUB_TOKEN)",
            server.url
        )
    );
    assert!(
        refused
            .stderr
            .contains("hint: load your key into ssh-agent"),
        "{}",
        refused.stderr
    );
    // Each credential was offered once: a handful of requests, not an endless loop.
    assert!(
        server.requests.load(Ordering::SeqCst) - before <= 4,
        "{} requests",
        server.requests.load(Ordering::SeqCst) - before
    );
    assert!(
        !refused.stderr.contains("ghp_wrong_token_value")
            && !refused.stdout.contains("ghp_wrong_token_value")
    );
    assert_eq!(
        repo.local_tags(),
        ["v1.0.0"],
        "the tag the failed push created was removed again"
    );
}

#[test]
fn git_token_is_never_offered_over_plain_http_and_the_error_says_why() {
    let repo = Repo::new();
    let server = http_git(&repo, None);
    let mut cmd = repo.sandbox.cmd();
    cmd.current_dir(&repo.work)
        .env("GIT_CONFIG_GLOBAL", repo.sandbox.home().join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TOKEN", GIT_HTTP_TOKEN)
        .args(["tag", "push", "v1.0.0", "--remote", &server.url]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        format!(
            "error: authentication to {} failed (tried: git credential helper, not GIT_TOKEN/GITHUB_TOKEN (offered only over https))",
            server.url
        )
    );
    // The server asked for Basic auth and was never sent the token, in any form.
    assert!(server.requests.load(Ordering::SeqCst) >= 1);
    assert!(
        server.authorizations.lock().unwrap().is_empty(),
        "{:?}",
        server.authorizations.lock().unwrap()
    );
    assert!(repo.local_tags().is_empty(), "nothing half-done");
}

#[test]
fn passwords_in_remote_urls_never_show() {
    let repo = Repo::new();
    let server = http_git(&repo, None);
    let with_password = server
        .url
        .replace("http://", "http://deploy:pa55word-s3cret@");
    repo.git(&["remote", "add", "secret", &with_password]);
    let shown = server.url.replace("http://", "http://deploy:[REDACTED]@");
    for args in [
        vec!["tag", "push", "v1.0.0", "--remote", "secret"],
        vec!["tag", "push", "v1.0.1", "--remote", with_password.as_str()],
        vec!["tag", "list", "--remote", "secret"],
        vec!["tag", "delete", "v0.0.1", "--remote", "secret"],
        vec!["-vv", "tag", "list", "--remote", with_password.as_str()],
    ] {
        let out = repo.tracectl(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("pa55word") && !out.stdout.contains("pa55word"),
            "{args:?}:\n{}\n{}",
            out.stdout,
            out.stderr
        );
        // The URL is still named, so the user knows which remote failed.
        assert!(out.stderr.contains(&shown), "{args:?}: {}", out.stderr);
    }
}

/// Installs `script` as the pre-receive hook of `origin`.
#[cfg(unix)]
fn pre_receive(repo: &Repo, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    let hook = repo.origin.join("hooks/pre-receive");
    std::fs::write(&hook, script).unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_local_path_remote_runs_its_hooks_and_a_refused_tag_does_not_land() {
    let repo = Repo::new();
    pre_receive(
        &repo,
        "#!/bin/sh\nwhile read old new ref; do\n  case \"$ref\" in refs/tags/v9*) echo \"tags v9* are frozen until the audit\" >&2; exit 1;; esac\ndone\nexit 0\n",
    );
    // origin is a plain path, where libgit2 alone would write the ref without asking.
    let out = repo.tracectl(&["tag", "push", "v9.0"]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("error: origin rejected v9.0 (pre-receive hook declined)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: the remote said: tags v9* are frozen until the audit"),
        "{}",
        out.stderr
    );
    assert!(
        repo.remote_tags("origin").is_empty(),
        "the refused tag did not land"
    );
    assert!(
        repo.local_tags().is_empty(),
        "the tag this run created is gone"
    );

    // A file:// URL goes the same way; an allowed tag lands.
    let url = format!("file://{}", repo.origin.display());
    let ok = repo.tracectl(&["tag", "push", "v1.0", "--remote", &url]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_eq!(
        repo.remote_tags("origin"),
        [
            ("refs/tags/v1.0".to_string(), repo.head("refs/tags/v1.0")),
            ("refs/tags/v1.0^{}".to_string(), repo.head("HEAD")),
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_rollback_that_fails_says_what_is_really_left() {
    let repo = Repo::new();
    // The hook refuses the tag and, first, locks the tag's ref in the work repository, so
    // removing the tag tracectl created fails as a real disk or lock problem would.
    let lock = repo.work.join(".git/refs/tags/v9.0.lock");
    pre_receive(
        &repo,
        &format!(
            "#!/bin/sh\ntouch '{}'\necho 'v9 is frozen' >&2\nexit 1\n",
            lock.display()
        ),
    );
    let out = repo.tracectl(&["tag", "push", "v9.0"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        !out.stderr.contains("were removed again"),
        "must not claim a removal that failed: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "hint: rejected tags this run created could not be removed and are still here, not on the remote: v9.0"
        ),
        "{}",
        out.stderr
    );
    std::fs::remove_file(&lock).unwrap();
    assert_eq!(
        repo.local_tags(),
        ["v9.0"],
        "what the hint says is what is left"
    );
    assert!(repo.remote_tags("origin").is_empty());
}

#[test]
fn a_name_given_twice_is_one_name() {
    let repo = Repo::new();
    let out = repo.tracectl(&["tag", "push", "v5", "v5", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report[0]["name"], "v5");
    assert_eq!(report[0]["status"], "pushed");
    assert_eq!(
        repo.remote_tags("origin").len(),
        2,
        "v5 and its peeled entry"
    );

    let out = repo.tracectl(&["tag", "delete", "v5", "v5", "--remote"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "deleted v5 (here and on origin)\n");
    assert!(repo.local_tags().is_empty());
    assert!(repo.remote_tags("origin").is_empty());
}

#[test]
fn a_partial_delete_says_what_was_deleted() {
    let repo = Repo::new();
    repo.git(&["tag", "v1", "HEAD~1"]);
    repo.git(&["tag", "v2"]);
    repo.git(&["push", "-q", "origin", "v1", "v2"]);
    // The remote deletes v1 but its hook refuses v2: say that v1 went.
    #[cfg(unix)]
    {
        pre_receive(
            &repo,
            "#!/bin/sh\nwhile read old new ref; do\n  [ \"$ref\" = refs/tags/v2 ] && { echo 'v2 is protected' >&2; exit 1; }\ndone\nexit 0\n",
        );
        let out = repo.tracectl(&["tag", "delete", "v1", "v2", "--remote"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("error: origin refused to delete"),
            "{}",
            out.stderr
        );
        // git refuses the whole push when pre-receive fails: nothing went, and it says so.
        assert!(
            out.stderr
                .contains("hint: no local tag was deleted; nothing else was deleted"),
            "{}",
            out.stderr
        );
        assert_eq!(repo.local_tags(), ["v1", "v2"]);
        assert_eq!(repo.remote_tags("origin").len(), 2);
    }
}

#[test]
fn a_repository_without_commits_gets_a_hint_that_fits_tag_push() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.home().join(".gitconfig"), GITCONFIG).unwrap();
    for args in [
        &["init", "-q", "--bare", "origin.git"][..],
        &["init", "-q", "empty"],
        &["-C", "empty", "remote", "add", "origin", "../origin.git"],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(sandbox.home())
            .env("GIT_CONFIG_GLOBAL", sandbox.home().join(".gitconfig"))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let mut cmd = sandbox.cmd();
    cmd.current_dir(sandbox.home().join("empty"))
        .env("GIT_CONFIG_GLOBAL", sandbox.home().join(".gitconfig"))
        .args(["tag", "push", "v0.1.0"]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: the repository has no commits yet, so there is nothing to tag\nhint: commit your work first (git commit), then tag it\n"
    );
}

/// A push that libgit2 cannot make says which remote, then libgit2's own words as the cause,
/// with the URL's password still hidden in both.
#[test]
fn a_failed_push_shows_libgit2s_cause_without_the_password() {
    let repo = Repo::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://deploy:pa55word-s3cret@127.0.0.1:{port}/origin.git");
    let out = repo.tracectl(&["tag", "push", "v1.0.0", "--remote", &url]);
    assert!(!out.stderr.contains("pa55word"), "{}", out.stderr);
    let mut filters = insta::Settings::clone_current();
    filters.add_filter(&format!(":{port}/"), ":[PORT]/");
    let _filters = filters.bind_to_scope();
    insta::assert_snapshot!(out, @r"
    exit 1
    --- stderr
    error: cannot talk to the remote http://deploy:[REDACTED]@127.0.0.1:[PORT]/origin.git
    hint: check the remote's URL and that its host answers (git ls-remote REMOTE says the same)
    caused by: failed to connect to 127.0.0.1: Connection refused
    ");
    assert!(repo.local_tags().is_empty(), "nothing half-done");
}
