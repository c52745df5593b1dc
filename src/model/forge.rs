//! Links to a release on the forge a git remote lives on (GitHub, GitLab, Bitbucket), for
//! the Honeycomb marker `release` adds: a click on the marker opens the tag.

/// The web page of tag `tag` for a remote URL on a known forge; `None` for other hosts.
/// Takes the forms git accepts: `https://host/owner/repo(.git)`, `ssh://git@host/...`,
/// and scp-like `git@host:owner/repo.git`. Credentials in the URL never reach the link.
pub fn tag_url(remote_url: &str, tag: &str) -> Option<String> {
    let (host, path) = host_and_path(remote_url)?;
    let path = path.as_str();
    let path = path.trim_matches('/').trim_end_matches(".git");
    let mut parts = path.split('/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    if owner.is_empty() || repo.is_empty() {
        return None;
    }
    // GitLab projects may sit in nested groups: the whole path is the project.
    let tag = encode(tag);
    match host.to_ascii_lowercase().as_str() {
        "github.com" if parts.next().is_none() => Some(format!(
            "https://github.com/{owner}/{repo}/releases/tag/{tag}"
        )),
        "gitlab.com" => Some(format!("https://gitlab.com/{path}/-/tags/{tag}")),
        "bitbucket.org" if parts.next().is_none() => {
            Some(format!("https://bitbucket.org/{owner}/{repo}/src/{tag}"))
        }
        _ => None,
    }
}

/// The host and path of a remote URL, without user, password or port.
fn host_and_path(remote: &str) -> Option<(String, String)> {
    if remote.contains("://") {
        let url = url::Url::parse(remote).ok()?;
        return Some((url.host_str()?.to_string(), url.path().to_string()));
    }
    // scp-like: [user@]host:path, which is no URL (a path with a slash before any colon is
    // a local path).
    let (authority, path) = remote.split_once(':')?;
    if authority.contains('/') {
        return None;
    }
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    Some((host.to_string(), path.to_string()))
}

/// What may not stand in a URL path segment as it is: all but the unreserved characters
/// (RFC 3986) and `+`.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'+');

fn encode(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_forges_in_every_url_form() {
        for url in [
            "https://github.com/acme/cruddur.git",
            "https://x-access-token:ghp_secret@github.com/acme/cruddur",
            "git@github.com:acme/cruddur.git",
            "ssh://git@github.com:22/acme/cruddur.git",
        ] {
            assert_eq!(
                tag_url(url, "v0.3").as_deref(),
                Some("https://github.com/acme/cruddur/releases/tag/v0.3"),
                "{url}"
            );
        }
        assert_eq!(
            tag_url("git@gitlab.com:acme/apps/cruddur.git", "release/1.0").as_deref(),
            Some("https://gitlab.com/acme/apps/cruddur/-/tags/release%2F1.0")
        );
        assert_eq!(
            tag_url("https://bitbucket.org/acme/cruddur.git", "v1").as_deref(),
            Some("https://bitbucket.org/acme/cruddur/src/v1")
        );
    }

    #[test]
    fn other_hosts_and_local_paths_have_no_link() {
        for url in [
            "https://git.example.com/acme/cruddur.git",
            "/srv/git/cruddur.git",
            "file:///srv/git/cruddur.git",
            "../origin.git",
            "https://github.com/acme",
        ] {
            assert_eq!(tag_url(url, "v1"), None, "{url}");
        }
    }
}
