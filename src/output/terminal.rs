//! Terminal safety: text from the outside (log messages, a server's error text, names a
//! service returns, what the user typed) can carry control characters. Written raw, `ESC ]0;`
//! retitles the terminal, `ESC [2J` clears it and a CR overwrites what came before, so a log
//! line could hide or forge others. Every human format shows them as visible escapes
//! (`\x1b`, `\r`); the `raw` log format and JSON keep the bytes (JSON escapes them itself).

use std::borrow::Cow;

/// Whether `c` would act on the terminal instead of being shown. Newline and tab are
/// layout, not control, and multi-line messages (tracebacks) keep them. Bidirectional
/// overrides and isolates count: U+202E turns the rest of a line around.
/// Nothing but printable ASCII (space to `~`): nothing to escape, known from the bytes
/// alone (the common case, and the live printer checks every line it writes).
fn printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `text` with every control character shown as an escape; borrowed when there is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One field of a line (a name, a route, a service) from the outside: every control
/// character shown as an escape, a newline and a tab too, so a field can neither colour
/// nor hide the line it stands in, nor forge another line.
pub fn escape_field(text: &str) -> Cow<'_, str> {
    let acts = |c: char| is_control(c) || c == '\n' || c == '\t';
    if printable_ascii(text) || !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A field cut to `width` characters, the cut marked with `…`, escaped as [`escape_field`]
/// escapes it (escaping twice changes nothing: an escape holds no control character).
pub fn fit_field(text: &str, width: usize) -> String {
    let text = escape_field(text);
    if text.chars().count() <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// Like [`escape_controls`], but keeps SGR colour sequences (`ESC [ 1;31 m`): the palette's
/// own colours in a finished line of human output. An SGR sequence can only colour text; every
/// other escape (titles, cursor moves, clearing) is shown, not obeyed.
pub fn escape_controls_keep_colors(text: &str) -> Cow<'_, str> {
    if printable_ascii(text) || !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(len) = sgr_len(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of an SGR sequence at the start of `text` (`ESC [` digits and `;` then `m`).
fn sgr_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let params = body
        .find(|c: char| !(c.is_ascii_digit() || c == ';'))
        .unwrap_or(body.len());
    (body[params..].starts_with('m')).then_some(2 + params + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_can_neither_colour_nor_break_its_line() {
        assert_eq!(
            escape_field("GET /\u{1b}[8mhidden\nGET /forged\t\u{202e}"),
            "GET /\\x1b[8mhidden\\nGET /forged\\t\\u{202e}"
        );
        assert!(matches!(escape_field("GET /api"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(
            escape_controls("ok\u{1b}]0;PWNED\u{7}\u{1b}[2J\rfake line"),
            "ok\\x1b]0;PWNED\\x07\\x1b[2J\\rfake line"
        );
        assert_eq!(escape_controls("a\tb\nc"), "a\tb\nc");
        assert_eq!(escape_controls("\u{9b}2J"), "\\x9b2J");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn colours_survive_but_nothing_else() {
        let line = "\u{1b}[1;31merror\u{1b}[0m \u{1b}]0;x\u{7} \u{1b}[2J";
        assert_eq!(
            escape_controls_keep_colors(line),
            "\u{1b}[1;31merror\u{1b}[0m \\x1b]0;x\\x07 \\x1b[2J"
        );
    }
}
