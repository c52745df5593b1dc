//! The X-Ray filter expression that `xray traces` sends, compiled from its shorthand flags
//! and ANDed with the user's own `--filter`.

use std::time::Duration;

/// What the user asked to see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TraceFilter {
    pub errors: bool,
    pub faults: bool,
    pub throttles: bool,
    pub slower_than: Option<Duration>,
    pub url_contains: Option<String>,
    pub service: Option<String>,
    /// The user's own expression, sent as it is (in parentheses).
    pub expression: Option<String>,
}

/// A string literal of the filter language: double quotes, with `"` and `\` escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Seconds without trailing zeros: `0.5`, `2`, `0.125`.
fn seconds(d: Duration) -> String {
    let text = format!("{:.6}", d.as_secs_f64());
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl TraceFilter {
    /// The expression to send, or `None` to fetch everything. `--errors --faults` means
    /// traces with an error *or* a fault (ANDing them would ask for traces with both, which
    /// is never what "show me the failures" means); every other part narrows with AND.
    pub fn compile(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        if let Some(expr) = self
            .expression
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            parts.push(format!("({expr})"));
        }
        let statuses: Vec<&str> = [
            (self.errors, "error"),
            (self.faults, "fault"),
            (self.throttles, "throttle"),
        ]
        .into_iter()
        .filter_map(|(on, keyword)| on.then_some(keyword))
        .collect();
        match statuses.len() {
            0 => {}
            1 => parts.push(statuses[0].to_string()),
            _ => parts.push(format!("({})", statuses.join(" OR "))),
        }
        if let Some(d) = self.slower_than {
            parts.push(format!("responsetime > {}", seconds(d)));
        }
        if let Some(text) = &self.url_contains {
            parts.push(format!("http.url CONTAINS {}", quote(text)));
        }
        if let Some(name) = &self.service {
            parts.push(format!("service({})", quote(name)));
        }
        (!parts.is_empty()).then(|| parts.join(" AND "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_asked_sends_no_filter() {
        assert_eq!(TraceFilter::default().compile(), None);
        let blank = TraceFilter {
            expression: Some("  ".into()),
            ..Default::default()
        };
        assert_eq!(blank.compile(), None);
    }

    #[test]
    fn every_shorthand_compiles_and_ands_with_the_expression() {
        let filter = TraceFilter {
            errors: true,
            faults: true,
            throttles: false,
            slower_than: Some(Duration::from_millis(500)),
            url_contains: Some("/api/activities".into()),
            service: Some("backend-flask".into()),
            expression: Some("annotation.user = \"alice\" OR http.status = 404".into()),
        };
        assert_eq!(
            filter.compile().unwrap(),
            "(annotation.user = \"alice\" OR http.status = 404) AND (error OR fault) \
             AND responsetime > 0.5 AND http.url CONTAINS \"/api/activities\" \
             AND service(\"backend-flask\")"
        );
    }

    #[test]
    fn single_status_and_whole_seconds() {
        let filter = TraceFilter {
            throttles: true,
            slower_than: Some(Duration::from_secs(2)),
            ..Default::default()
        };
        assert_eq!(filter.compile().unwrap(), "throttle AND responsetime > 2");
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote(r#"say "hi"\now"#), r#""say \"hi\"\\now""#);
        let filter = TraceFilter {
            url_contains: Some("q=\"x\"".into()),
            ..Default::default()
        };
        assert_eq!(filter.compile().unwrap(), r#"http.url CONTAINS "q=\"x\"""#);
    }
}
