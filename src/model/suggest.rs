//! "Did you mean ...?" for names the user typed (log groups, datasets, columns).

/// Candidates similar enough to `input` to suggest, best first (at most three).
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let needle = input.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&needle, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_near_miss_first() {
        let names = [
            "/cruddur/backend-flask",
            "/cruddur/frontend",
            "/aws/lambda/x",
        ];
        assert_eq!(
            closest("/cruddur/backnd-flask", names)[0],
            "/cruddur/backend-flask"
        );
        assert!(closest("zzzz", names).is_empty());
    }
}
