//! Credentials that hide inside ordinary text: the password of a URL's userinfo
//! (`https://user:pa55word@host/x.git`), a token used as the user name
//! (`https://ghp_xxx@github.com/...`), and tokens in query strings (`?access_token=...`).
//!
//! Git remotes, endpoints and libgit2's own messages carry such URLs, so every error, warning,
//! status line and `-v` trace passes through [`text`] before it is shown. Known secret values
//! (API keys) are redacted separately by `clients::http::Redactor`, which knows them.

use std::borrow::Cow;

/// What a redacted credential is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// Query parameters whose values are credentials.
pub const SENSITIVE_PARAMS: &[&str] = &[
    "access_token",
    "token",
    "api_key",
    "apikey",
    "key",
    "password",
    "private_token",
    "x-amz-security-token",
    "x-amz-signature",
];

/// `text` with URL credentials replaced by [`REDACTED`]; borrowed when there are none.
pub fn text(text: &str) -> Cow<'_, str> {
    if !text.contains("://") && !text.contains('=') {
        return Cow::Borrowed(text);
    }
    let userinfo_done = userinfo(text);
    match query_tokens(&userinfo_done) {
        Cow::Borrowed(_) => userinfo_done,
        Cow::Owned(s) => Cow::Owned(s),
    }
}

/// Characters that end a URL inside prose.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | ')' | ']' | ',')
}

/// `scheme://user:secret@host` -> `scheme://user:[REDACTED]@host`; for http(s), a user
/// name alone is redacted too (`https://TOKEN@github.com` is how tokens are often pasted).
fn userinfo(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(i) = rest.find("://") {
        let scheme_start = rest[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |p| p + 1);
        let scheme = rest[scheme_start..i].to_ascii_lowercase();
        let after = &rest[i + 3..];
        let authority_len = after
            .find(|c: char| matches!(c, '/' | '?' | '#') || ends_url(c))
            .unwrap_or(after.len());
        let authority = &after[..authority_len];
        out.push_str(&rest[..i + 3]);
        match authority.rfind('@') {
            Some(at) => {
                let info = &authority[..at];
                let shown = match info.split_once(':') {
                    Some((user, _)) => format!("{user}:{REDACTED}"),
                    None if matches!(scheme.as_str(), "http" | "https") => REDACTED.to_string(),
                    None => info.to_string(),
                };
                changed |= shown != info;
                out.push_str(&shown);
                out.push_str(&authority[at..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[authority_len..];
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `?access_token=abc&q=1` -> `?access_token=[REDACTED]&q=1`.
fn query_tokens(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for name in SENSITIVE_PARAMS {
        let needle = format!("{name}=");
        let mut from = 0;
        while let Some(found) = lower[from..].find(&needle) {
            let start = from + found;
            from = start + needle.len();
            let preceded = lower[..start].chars().next_back();
            if !matches!(preceded, Some('?' | '&')) {
                continue;
            }
            let value_start = start + needle.len();
            let value_len = text[value_start..]
                .find(|c: char| matches!(c, '&' | '#') || ends_url(c))
                .unwrap_or(text.len() - value_start);
            if value_len > 0 {
                spans.push((value_start, value_start + value_len));
            }
        }
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(REDACTED);
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_userinfo_are_redacted_wherever_they_stand() {
        assert_eq!(
            text("https://user:pa55word@host/x.git: authentication failed"),
            "https://user:[REDACTED]@host/x.git: authentication failed"
        );
        assert_eq!(
            text("push to 'http://u:p%40ss@127.0.0.1:8080/r.git' failed"),
            "push to 'http://u:[REDACTED]@127.0.0.1:8080/r.git' failed"
        );
        assert_eq!(
            text("https://ghp_0123456789abcdef@github.com/o/r"),
            "https://[REDACTED]@github.com/o/r"
        );
        // An ssh user name is no secret; a URL without userinfo is left alone.
        assert_eq!(
            text("ssh://git@github.com/o/r.git"),
            "ssh://git@github.com/o/r.git"
        );
        assert!(matches!(
            text("https://api.honeycomb.io/1/auth"),
            Cow::Borrowed(_)
        ));
        // The '@' of a path is not userinfo.
        assert_eq!(
            text("https://host/users/@me and https://a:b@c"),
            "https://host/users/@me and https://a:[REDACTED]@c"
        );
    }

    #[test]
    fn tokens_in_query_strings_are_redacted() {
        assert_eq!(
            text("GET https://h/x?q=1&access_token=abc123&b=2 failed"),
            "GET https://h/x?q=1&access_token=[REDACTED]&b=2 failed"
        );
        assert_eq!(text("?TOKEN=s3cr3t"), "?TOKEN=[REDACTED]");
        // Not a query parameter: left alone.
        assert_eq!(text("monkey=banana"), "monkey=banana");
        assert_eq!(text("a key=value pair"), "a key=value pair");
    }
}
