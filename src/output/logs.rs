//! How a log event is printed: `short`, `detailed`, `raw` or one NDJSON object. Renderers
//! take events and return text; they never fetch.

use crate::output::terminal::escape_controls;

use crate::model::tail::LogEvent;
use crate::output::Palette;
use crate::views::logs::LogEventRow;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventFormat {
    Short,
    Detailed,
    Json,
    Raw,
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
    /// Whether a rendered event is written byte for byte (`raw`, `json`) or is human text
    /// whose control characters must be escaped.
    pub fn is_exact(&self) -> bool {
        matches!(self.format, EventFormat::Raw | EventFormat::Json)
    }

    /// The event as one line (`raw`: the message as stored, without its one final newline,
    /// since the line ends with one). Human formats escape control characters of the
    /// message, stream and group; `raw` and `json` carry the message exactly as stored.
    pub fn render(&self, e: &LogEvent) -> String {
        match self.format {
            EventFormat::Raw => e
                .message
                .strip_suffix('\n')
                .unwrap_or(&e.message)
                .to_string(),
            // The NDJSON record (cli.md): the log views' row, times RFC 3339 UTC.
            EventFormat::Json => serde_json::to_string(&LogEventRow::from(e)).unwrap_or_default(),
            EventFormat::Short => {
                let message = human_message(&e.message);
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
                    self.palette.cyan(&escape_controls(&stream)),
                    self.message(&message)
                )
            }
            EventFormat::Detailed => format!(
                "{}  {}  {}  {}  {}",
                self.palette
                    .dim(&self.time(e.timestamp, "%Y-%m-%d %H:%M:%S%.3f %:z")),
                escape_controls(&e.group),
                self.palette.cyan(&escape_controls(&e.stream)),
                self.palette.dim(&escape_controls(&e.event_id)),
                self.message(&human_message(&e.message))
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
        // Checked without building values, so no number is ever converted: compacting
        // re-uses the message's own text, digit for digit.
        if serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_err() {
            return message.to_string();
        }
        compact_json(trimmed, &self.palette)
    }
}

/// The message as human formats show it: without its trailing line break (the line has
/// one), control characters escaped.
fn human_message(message: &str) -> String {
    escape_controls(message.trim_end_matches(['\n', '\r'])).into_owned()
}

/// Valid JSON text without the white space between tokens, with keys, strings and other
/// values told apart by colour. It copies tokens as written rather than re-serialising
/// values, so `12345678901234567890123` stays exactly that.
fn compact_json(json: &str, palette: &Palette) -> String {
    let mut out = String::with_capacity(json.len());
    let mut chars = json.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '"' => {
                let mut end = json.len();
                let mut escaped = false;
                for (i, c) in chars.by_ref() {
                    match (escaped, c) {
                        (true, _) => escaped = false,
                        (false, '\\') => escaped = true,
                        (false, '"') => {
                            end = i + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                let token = &json[start..end];
                let is_key = json[end..].trim_start().starts_with(':');
                out.push_str(&if is_key {
                    palette.cyan(token)
                } else {
                    palette.green(token)
                });
            }
            c if c.is_whitespace() => {}
            '{' | '}' | '[' | ']' | ':' | ',' => out.push(c),
            _ => {
                let mut end = json.len();
                while let Some(&(i, next)) = chars.peek() {
                    if next.is_whitespace() || matches!(next, '{' | '}' | '[' | ']' | ':' | ',') {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                out.push_str(&palette.yellow(&json[start..end]));
            }
        }
    }
    out
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
        // The message exactly as stored, its final newline included.
        assert_eq!(
            line,
            r#"{"timestamp":"2026-11-24T10:00:01.13Z","ingestion_time":"2026-11-24T10:01:01Z","group":"/cruddur/backend-flask","stream":"i-0002/backend-flask","event_id":"3712","message":"GET /api/activities/home 200\n"}"#
        );
        let crlf = renderer(EventFormat::Json, false).render(&event("a\r\n\r\n"));
        assert!(crlf.ends_with(r#""message":"a\r\n\r\n"}"#), "{crlf}");
    }

    #[test]
    fn numbers_in_json_messages_are_never_changed() {
        let e = event("{ \"id\": 12345678901234567890123, \"f\": 1.10, \"s\": \"a: b, {c}\" }");
        assert_eq!(
            renderer(EventFormat::Short, false).render(&e),
            "10:00:01.130  i-0002/backend-flask  {\"id\":12345678901234567890123,\"f\":1.10,\"s\":\"a: b, {c}\"}"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_human_formats_and_kept_in_raw_and_json() {
        let hostile = "ok\u{1b}]0;PWNED\u{7}\u{1b}[2J\rforged\n";
        let short = renderer(EventFormat::Short, false).render(&event(hostile));
        assert!(
            short.ends_with("ok\\x1b]0;PWNED\\x07\\x1b[2J\\rforged"),
            "{short:?}"
        );
        let detailed = renderer(EventFormat::Detailed, true).render(&event(hostile));
        assert!(
            !detailed.contains("\u{1b}]") && !detailed.contains('\r'),
            "{detailed:?}"
        );
        assert_eq!(
            renderer(EventFormat::Raw, false).render(&event(hostile)),
            "ok\u{1b}]0;PWNED\u{7}\u{1b}[2J\rforged"
        );
        let json = renderer(EventFormat::Json, false).render(&event(hostile));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["message"], hostile);
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
