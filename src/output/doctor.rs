//! `tracectl doctor`'s table: one row a check, the hint under the detail of every row that
//! is not OK.

use crate::error::Result;
use crate::model::doctor::{DoctorReport, Status};
use crate::output::Printer;
use crate::output::table::{Column, render as table};

pub fn print_report(printer: &Printer, report: &DoctorReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    let palette = printer.palette();
    let rows = report
        .checks
        .iter()
        .map(|c| {
            let status = match c.status {
                Status::Ok => palette.green("OK"),
                Status::Warn => palette.yellow("WARN"),
                Status::Fail => palette.red("FAIL"),
                Status::Skip => palette.dim("SKIP"),
            };
            let detail = match &c.hint {
                Some(hint) => format!("{}\n{}", c.detail, palette.dim(&format!("hint: {hint}"))),
                None => c.detail.clone(),
            };
            vec![c.area.to_string(), c.check.to_string(), status, detail]
        })
        .collect();
    printer.line(&table(
        &[
            Column::left("area").nowrap(),
            Column::left("check").nowrap(),
            Column::left("status").nowrap(),
            Column::left("detail"),
        ],
        rows,
        printer.width(),
    ))
}
