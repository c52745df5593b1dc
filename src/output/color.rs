//! The colour policy (fd/bat style): `--color always|never` wins; otherwise colour only when
//! the stream is a terminal and NO_COLOR is unset (https://no-color.org).

use anstyle::{AnsiColor, Effects, Style};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether a stream gets colour. An explicit flag overrides NO_COLOR, as no-color.org asks.
pub fn color_enabled(choice: ColorChoice, no_color: bool, is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_tty && !no_color,
    }
}

/// Paints text when colour is on, and returns it untouched when it is off.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    pub fn new(enabled: bool) -> Self {
        Self { enabled }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    pub fn paint(&self, style: Style, text: &str) -> String {
        if self.enabled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// Faults, failures.
    pub fn red(&self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().effects(Effects::BOLD), text)
    }

    /// Errors (4xx), warnings.
    pub fn yellow(&self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default().effects(Effects::BOLD), text)
    }

    pub fn green(&self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    pub fn cyan(&self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default().effects(Effects::BOLD), text)
    }

    /// Ids and other detail the eye should skip.
    pub fn dim(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::DIMMED), text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_table() {
        use ColorChoice::*;
        // (choice, NO_COLOR set, tty) -> colour
        let cases = [
            (Auto, false, true, true),
            (Auto, false, false, false),
            (Auto, true, true, false),
            (Always, true, false, true),
            (Never, false, true, false),
        ];
        for (choice, no_color, tty, want) in cases {
            assert_eq!(
                color_enabled(choice, no_color, tty),
                want,
                "{choice:?} {no_color} {tty}"
            );
        }
    }

    #[test]
    fn disabled_palette_leaves_text_alone() {
        assert_eq!(Palette::new(false).red("fault"), "fault");
        assert_eq!(
            Palette::new(true).red("fault"),
            "\x1b[1m\x1b[31mfault\x1b[0m"
        );
    }
}
