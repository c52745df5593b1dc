//! Release versions in tag names: `v1.2.3`, `1.2.3-rc.1`, and the short `v0.2` people write.
//! Ordering is SemVer's (prereleases before their release); tags that are not versions sort
//! after all versions, by name.

use std::cmp::Ordering;

use semver::{BuildMetadata, Prerelease, Version};

/// A tag name read as a version, remembering its prefix (`v`) so `next` can keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagVersion {
    pub prefix: String,
    pub version: Version,
}

/// Reads `v1.2.3`, `V1.2.3-rc.1+build`, `1.2` (as 1.2.0) or `v2` (as 2.0.0). The prefix is
/// any run of letters, so `release-1.2` is not a version but `v1.2` is.
pub fn parse_tag(name: &str) -> Option<TagVersion> {
    let digits_at = name.find(|c: char| c.is_ascii_digit())?;
    let (prefix, rest) = name.split_at(digits_at);
    if !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Split off prerelease/build so a short core ("0.2") can be padded to "0.2.0".
    let core_end = rest.find(['-', '+']).unwrap_or(rest.len());
    let (core, tail) = rest.split_at(core_end);
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let padded = match parts.len() {
        1 => format!("{core}.0.0{tail}"),
        2 => format!("{core}.0{tail}"),
        _ => format!("{core}{tail}"),
    };
    Version::parse(&padded).ok().map(|version| TagVersion {
        prefix: prefix.to_string(),
        version,
    })
}

/// Newest first: versions by SemVer precedence (descending), then non-versions by name.
pub fn compare_newest_first(a: &str, b: &str) -> Ordering {
    match (parse_tag(a), parse_tag(b)) {
        (Some(x), Some(y)) => y
            .version
            .cmp_precedence(&x.version)
            .then_with(|| y.version.cmp(&x.version))
            .then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

/// Which part `tag next` bumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bump {
    Major,
    Minor,
    Patch,
}

/// The version after the highest of `tags` (`v0.1.0` when there is none).
///
/// With `pre` (say `rc`): if the highest is already a prerelease of that id on the bumped
/// version, its number goes up (`v1.3.0-rc.1` -> `v1.3.0-rc.2`); otherwise the bumped
/// version gets `-rc.1`. Without `pre`, a highest prerelease is released as is
/// (`v1.3.0-rc.2` -> `v1.3.0`), as `npm version` and `cargo release` do.
pub fn next_version<'a>(
    tags: impl IntoIterator<Item = &'a str>,
    bump: Bump,
    pre: Option<&str>,
    prefix: &str,
) -> Result<String, String> {
    if let Some(id) = pre
        && (id.is_empty() || Prerelease::new(&format!("{id}.1")).is_err())
    {
        return Err(format!(
            "'{id}' cannot be a prerelease id (use letters, digits and hyphens, like rc or beta)"
        ));
    }
    let highest = tags
        .into_iter()
        .filter_map(parse_tag)
        .map(|t| t.version)
        .max_by(|a, b| a.cmp_precedence(b).then_with(|| a.cmp(b)));
    let Some(current) = highest else {
        let first = Version::new(0, 1, 0);
        return Ok(format!("{prefix}{}", with_pre(first, pre, 1)));
    };
    let released = Version::new(current.major, current.minor, current.patch);
    // 1.3.0-rc.2 is on its way to 1.3.0: a patch bump finishes it, and so does a minor or
    // major bump when the prerelease is already at that level.
    let finishes_prerelease = !current.pre.is_empty()
        && match bump {
            Bump::Patch => true,
            Bump::Minor => current.patch == 0,
            Bump::Major => current.patch == 0 && current.minor == 0,
        };
    let bumped = if finishes_prerelease {
        released.clone()
    } else {
        match bump {
            Bump::Major => Version::new(released.major + 1, 0, 0),
            Bump::Minor => Version::new(released.major, released.minor + 1, 0),
            Bump::Patch => Version::new(released.major, released.minor, released.patch + 1),
        }
    };
    let number = match pre {
        Some(id) if finishes_prerelease => prerelease_number(&current.pre, id).map_or(1, |n| n + 1),
        _ => 1,
    };
    let next = with_pre(bumped, pre, number);
    if next.cmp_precedence(&current) != Ordering::Greater {
        return Err(format!(
            "{prefix}{next} would not be newer than {prefix}{current}"
        ));
    }
    Ok(format!("{prefix}{next}"))
}

fn with_pre(mut v: Version, pre: Option<&str>, number: u64) -> Version {
    if let Some(id) = pre {
        v.pre = Prerelease::new(&format!("{id}.{number}")).unwrap_or(Prerelease::EMPTY);
    }
    v.build = BuildMetadata::EMPTY;
    v
}

/// `rc.4` -> 4 when the id matches.
fn prerelease_number(pre: &Prerelease, id: &str) -> Option<u64> {
    let (name, number) = pre.as_str().rsplit_once('.')?;
    (name == id).then(|| number.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixed_short_and_prerelease_forms() {
        let v = parse_tag("v0.2").unwrap();
        assert_eq!(
            (v.prefix.as_str(), v.version.to_string().as_str()),
            ("v", "0.2.0")
        );
        assert_eq!(
            parse_tag("1.2.3-rc.1+b5").unwrap().version.to_string(),
            "1.2.3-rc.1+b5"
        );
        assert_eq!(parse_tag("V3").unwrap().version.to_string(), "3.0.0");
        for not in ["latest", "release-1.2", "v1.2.3.4", "v1..2", "v", "1.2.x"] {
            assert_eq!(parse_tag(not), None, "{not}");
        }
    }

    #[test]
    fn orders_newest_first_with_prereleases_below_their_release() {
        let mut tags = vec![
            "v0.9.0",
            "latest",
            "v1.0.0-rc.1",
            "v1.0.0",
            "v0.10.0",
            "v1.0.0-rc.2",
            "v1.0.0-beta",
            "deploy-x",
            "v0.2",
        ];
        tags.sort_by(|a, b| compare_newest_first(a, b));
        assert_eq!(
            tags,
            [
                "v1.0.0",
                "v1.0.0-rc.2",
                "v1.0.0-rc.1",
                "v1.0.0-beta",
                "v0.10.0",
                "v0.9.0",
                "v0.2",
                "deploy-x",
                "latest"
            ]
        );
    }

    #[test]
    fn next_for_each_bump() {
        let tags = ["v1.2.3", "v1.2.10", "v0.9.0", "nightly"];
        assert_eq!(
            next_version(tags, Bump::Patch, None, "v").unwrap(),
            "v1.2.11"
        );
        assert_eq!(
            next_version(tags, Bump::Minor, None, "v").unwrap(),
            "v1.3.0"
        );
        assert_eq!(
            next_version(tags, Bump::Major, None, "v").unwrap(),
            "v2.0.0"
        );
        assert_eq!(
            next_version(tags, Bump::Minor, Some("rc"), "v").unwrap(),
            "v1.3.0-rc.1"
        );
        assert_eq!(next_version(tags, Bump::Patch, None, "").unwrap(), "1.2.11");
    }

    #[test]
    fn next_with_no_tags_is_v0_1_0() {
        assert_eq!(next_version([], Bump::Patch, None, "v").unwrap(), "v0.1.0");
        assert_eq!(
            next_version(["nightly"], Bump::Major, Some("rc"), "v").unwrap(),
            "v0.1.0-rc.1"
        );
    }

    #[test]
    fn next_after_a_prerelease() {
        let tags = ["v1.2.0", "v1.3.0-rc.2"];
        assert_eq!(
            next_version(tags, Bump::Patch, Some("rc"), "v").unwrap(),
            "v1.3.0-rc.3"
        );
        assert_eq!(
            next_version(tags, Bump::Minor, Some("rc"), "v").unwrap(),
            "v1.3.0-rc.3"
        );
        assert_eq!(
            next_version(tags, Bump::Patch, None, "v").unwrap(),
            "v1.3.0"
        );
        assert_eq!(
            next_version(tags, Bump::Major, None, "v").unwrap(),
            "v2.0.0"
        );
        // beta sorts before rc: going there would go backwards.
        assert_eq!(
            next_version(tags, Bump::Minor, Some("beta"), "v").unwrap_err(),
            "v1.3.0-beta.1 would not be newer than v1.3.0-rc.2"
        );
        assert!(next_version(tags, Bump::Patch, Some("r c"), "v").is_err());
    }
}
