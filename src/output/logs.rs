//! How a log event is printed: `short`, `detailed`, `raw` or one NDJSON object. Renderers
//! take events and return text; they never fetch.

use serde::Serialize;
use serde_json::Value;

use crate::model::tail::LogEvent;
use crate::output::Palette;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    Short,
    Detailed,
    Json,
    Raw,
}

/// The NDJSON record (cli.md): times RFC 3339 UTC.
#[derive(Serialize)]
struct JsonEvent<'a> {
    timestamp: String,
    ingestion_time: String,
    group: &'a str,
    stream: &'a str,
    event_id: &'a str,
    message: &'a str,
}

pub struct EventRenderer {
    pub format: EventFormat,
    pub palette: Palette,
    /// Local time zone, or UTC with `--utc`.
    pub zone: jiff::tz::TimeZone,
    /// Several groups: `short` names the group too.
    pub several_groups: bool,
    /// The window spans days: `short` shows the date too.
    pub show_date: bool,
}

/// Stream names longer than this are cut in the middle: the start says what it is
/// (`ecs/backend-flask/`), the end which one (the task or instance id).
const STREAM_WIDTH: usize = 28;

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// `i-0123456789abcdef0/backend-flask/...long...` -> `i-0123456789…ocess-1234`.
pub fn shorten_stream(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= STREAM_WIDTH {
        return name.to_string();
    }
    let head = 11;
    let tail = STREAM_WIDTH - head - 1;
    format!(
        "{}…{}",
        chars[..head].iter().collect::<String>(),
        chars[chars.len() - tail..].iter().collect::<String>()
    )
}

impl EventRenderer {
    pub fn render(&self, e: &LogEvent) -> String {
        let message = e.message.trim_end_matches(['\n', '\r']);
        match self.format {
            EventFormat::Raw => message.to_string(),
            EventFormat::Json => serde_json::to_string(&JsonEvent {
                timestamp: rfc3339(e.timestamp),
                ingestion_time: rfc3339(e.ingestion_time),
                group: &e.group,
                stream: &e.stream,
                event_id: &e.event_id,
                message,
            })
            .unwrap_or_default(),
            EventFormat::Short => {
                let stream = if self.several_groups {
                    let group = e.group.rsplit('/').next().unwrap_or(&e.group);
                    format!("{group}/{}", shorten_stream(&e.stream))
                } else {
                    shorten_stream(&e.stream)
                };
                let format = if self.show_date {
                    "%m-%d %H:%M:%S%.3f"
                } else {
                    "%H:%M:%S%.3f"
                };
                format!(
                    "{}  {}  {}",
                    self.palette.dim(&self.time(e.timestamp, format)),
                    self.palette.cyan(&stream),
                    self.message(message)
                )
            }
            EventFormat::Detailed => format!(
                "{}  {}  {}  {}  {}",
                self.palette
                    .dim(&self.time(e.timestamp, "%Y-%m-%d %H:%M:%S%.3f %:z")),
                e.group,
                self.palette.cyan(&e.stream),
                self.palette.dim(&e.event_id),
                self.message(message)
            ),
        }
    }

    fn time(&self, ms: i64, format: &str) -> String {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(self.zone.clone()).strftime(format).to_string())
            .unwrap_or_default()
    }

    /// JSON messages (structured logging) are compacted onto one line, and coloured when
    /// colour is on; anything else is shown as it is.
    fn message(&self, message: &str) -> String {
        let trimmed = message.trim();
        if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
            return message.to_string();
        }
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) if self.palette.enabled() => paint_json(&value, &self.palette),
            Ok(value) => value.to_string(),
            Err(_) => message.to_string(),
        }
    }
}

/// Compact JSON with keys, strings and other values told apart by colour.
fn paint_json(value: &Value, palette: &Palette) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}:{}",
                        palette.cyan(&Value::from(k.as_str()).to_string()),
                        paint_json(v, palette)
                    )
                })
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|v| paint_json(v, palette))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Value::String(_) => palette.green(&value.to_string()),
        other => palette.yellow(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn renderer(format: EventFormat, color: bool) -> EventRenderer {
        EventRenderer {
            format,
            palette: Palette::new(color),
            zone: jiff::tz::TimeZone::UTC,
            several_groups: false,
            show_date: false,
        }
    }

    fn event(message: &str) -> LogEvent {
        LogEvent {
            group: Arc::from("/cruddur/backend-flask"),
            stream: "i-0002/backend-flask".into(),
            event_id: "3712".into(),
            timestamp: 1_795_514_401_130,
            ingestion_time: 1_795_514_461_000,
            message: message.into(),
        }
    }

    #[test]
    fn short_compacts_json_messages() {
        let e = event("{\n  \"level\": \"ERROR\",\n  \"msg\": \"db timeout\", \"ms\": 5000\n}\n");
        assert_eq!(
            renderer(EventFormat::Short, false).render(&e),
            "10:00:01.130  i-0002/backend-flask  {\"level\":\"ERROR\",\"msg\":\"db timeout\",\"ms\":5000}"
        );
        let coloured = renderer(EventFormat::Short, true).render(&e);
        assert!(coloured.contains("\u{1b}[32m\"ERROR\""), "{coloured:?}");
    }

    #[test]
    fn json_record_has_the_documented_fields() {
        let line =
            renderer(EventFormat::Json, false).render(&event("GET /api/activities/home 200\n"));
        assert_eq!(
            line,
            r#"{"timestamp":"2026-11-24T10:00:01.13Z","ingestion_time":"2026-11-24T10:01:01Z","group":"/cruddur/backend-flask","stream":"i-0002/backend-flask","event_id":"3712","message":"GET /api/activities/home 200"}"#
        );
    }

    #[test]
    fn raw_and_detailed() {
        assert_eq!(
            renderer(EventFormat::Raw, false).render(&event("plain\n")),
            "plain"
        );
        assert_eq!(
            renderer(EventFormat::Detailed, false).render(&event("plain")),
            "2026-11-24 10:00:01.130 +00:00  /cruddur/backend-flask  i-0002/backend-flask  3712  plain"
        );
    }

    #[test]
    fn long_stream_names_keep_their_start_and_end() {
        assert_eq!(shorten_stream("short"), "short");
        let long = "ecs/backend-flask/3f2a9c1d4e5f67890abcdef012345678";
        let short = shorten_stream(long);
        assert_eq!(short.chars().count(), 28);
        assert_eq!(short, "ecs/backend…0abcdef012345678");
    }
}
