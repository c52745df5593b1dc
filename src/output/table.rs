//! Tables for people: borderless like the mockups, headers in capitals, numbers right-aligned,
//! fitted to the terminal width; off a terminal, plain and never truncated.

use comfy_table::presets::NOTHING;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its header and how its cells align.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    /// Never wrapped: ids and times must stay whole and copyable; text columns give way.
    pub nowrap: bool,
}

impl Column {
    pub fn left(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            align: Align::Left,
            nowrap: false,
        }
    }

    /// This column keeps its content width whatever the terminal's width.
    pub fn nowrap(mut self) -> Self {
        self.nowrap = true;
        self
    }

    pub fn right(header: impl Into<String>) -> Self {
        Self {
            header: header.into(),
            align: Align::Right,
            nowrap: false,
        }
    }
}

/// Renders rows under `columns`. `width` is the terminal width, or `None` when piped.
pub fn render(columns: &[Column], rows: Vec<Vec<String>>, width: Option<usize>) -> String {
    build(columns, rows, width, true)
}

/// Like [`render`], with the headers as given: for headers that are data (column names
/// such as `http.route` or `P99(duration_ms)`), where case matters.
pub fn render_keep_case(
    columns: &[Column],
    rows: Vec<Vec<String>>,
    width: Option<usize>,
) -> String {
    build(columns, rows, width, false)
}

fn build(
    columns: &[Column],
    rows: Vec<Vec<String>>,
    width: Option<usize>,
    uppercase: bool,
) -> String {
    let mut table = Table::new();
    table.load_preset(NOTHING);
    table.set_header(columns.iter().map(|c| {
        if uppercase {
            c.header.to_uppercase()
        } else {
            c.header.clone()
        }
    }));
    match width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    // On a terminal each row stays one line, cut with `…` where it does not fit: a table
    // is for scanning, and wrapped rows break the columns up. Piped output is never cut.
    table.set_truncation_indicator("…");
    for row in rows {
        let mut row = comfy_table::Row::from(row);
        if width.is_some() {
            row.max_height(1);
        }
        table.add_row(row);
    }
    for (i, c) in columns.iter().enumerate() {
        if let Some(col) = table.column_mut(i) {
            col.set_cell_alignment(match c.align {
                Align::Left => CellAlignment::Left,
                Align::Right => CellAlignment::Right,
            });
            if c.nowrap {
                col.set_constraint(ColumnConstraint::ContentWidth);
            } else if c.align == Align::Right {
                // Numbers are never wrapped or squeezed; text columns give way instead.
                col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    u16::try_from(c.header.len()).unwrap_or(1),
                )));
            }
        }
    }
    // comfy-table pads every line to the widest one; trailing spaces are noise in a pipe.
    table
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_table_aligns_numbers_right() {
        let text = render(
            &[Column::left("name"), Column::right("count")],
            vec![
                vec!["a".into(), "5".into()],
                vec!["long-name".into(), "1,234".into()],
            ],
            None,
        );
        assert_eq!(
            text,
            " NAME       COUNT\n a              5\n long-name  1,234"
        );
    }

    #[test]
    fn nowrap_columns_stay_whole_when_the_terminal_is_narrow() {
        let id = "1-6b050598-000000004f7cda2bcf7f2007";
        let text = render(
            &[Column::left("id").nowrap(), Column::left("request")],
            vec![vec![
                id.into(),
                "POST /api/activities/with/a/long/path/and/more".into(),
            ]],
            Some(60),
        );
        assert!(text.lines().any(|l| l.contains(id)), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    }

    #[test]
    fn table_fits_the_given_width_one_line_a_row() {
        let long = "x".repeat(200);
        let text = render(
            &[Column::left("message"), Column::right("n")],
            vec![vec![long.clone(), "1".into()]],
            Some(60),
        );
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.lines().nth(1).unwrap().contains('…'), "{text}");
        // Piped: the whole value, however long.
        let piped = render(&[Column::left("message")], vec![vec![long.clone()]], None);
        assert!(piped.contains(&long));
    }
}
