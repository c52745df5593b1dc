//! `tracectl release`: a line a step, the request of each with `--dry-run`, and the hint of
//! every skipped step.

use crate::error::Result;
use crate::model::release::{Outcome, ReleaseReport};
use crate::output::{Printer, short_commit};

pub fn print_report(printer: &Printer, report: &ReleaseReport) -> Result<()> {
    let p = printer;
    if p.is_json() {
        return p.json(report);
    }
    let palette = p.palette();
    p.line(&format!(
        "release {} ({} {})",
        report.version,
        short_commit(&report.commit),
        report.summary
    ))?;
    for step in &report.steps {
        let word = match step.outcome {
            Outcome::Done => palette.green("done   "),
            Outcome::Already => palette.green("already"),
            Outcome::Skipped => palette.dim("skipped"),
            Outcome::WouldDo => palette.bold("would  "),
            Outcome::Failed => palette.red("failed "),
        };
        p.line(&format!("  {:<10} {word}  {}", step.step, step.detail))?;
        if let Some(request) = step.request.as_ref().filter(|_| report.dry_run) {
            let body = serde_json::to_string(&request["body"]).unwrap_or_default();
            p.line(&format!(
                "             {} {} {body}",
                request["method"].as_str().unwrap_or_default(),
                request["url"].as_str().unwrap_or_default()
            ))?;
        }
        if let Some(hint) = &step.hint
            && step.outcome != Outcome::Failed
        {
            p.hint(&format!("{}: {hint}", step.step));
        }
    }
    Ok(())
}
