//! `rollbar items` as a table, `rollbar item` as Rollbar shows an error: the exception,
//! its frames (most recent call last), the request, and the trace ids to look up.

use crate::error::Result;
use crate::output::terminal::escape_field;
use crate::output::{Column, Printer};
use crate::views::rollbar::{ItemDetail, ItemsReport};

/// `show_one` is the command that shows one item (`tracectl rollbar item COUNTER`).
pub fn print_items(printer: &Printer, report: &ItemsReport, show_one: &str) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    if report.items.is_empty() {
        printer.status("no items: nothing matched");
        return Ok(());
    }
    let when = |t: Option<jiff::Timestamp>| {
        t.map_or_else(|| "-".to_string(), |t| printer.time(t, "%Y-%m-%d %H:%M"))
    };
    printer.table(
        &[
            Column::right("item"),
            Column::left("level"),
            Column::left("title"),
            Column::right("count"),
            Column::left("first seen"),
            Column::left("last seen"),
            Column::left("environment"),
            Column::left("link"),
        ],
        report
            .items
            .iter()
            .map(|i| {
                vec![
                    format!("#{}", i.counter),
                    i.level.clone(),
                    escape_field(&i.title).into_owned(),
                    i.occurrences.map_or_else(|| "-".into(), |n| n.to_string()),
                    when(i.first_seen),
                    when(i.last_seen),
                    escape_field(&i.environment).into_owned(),
                    i.link.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect(),
    )?;
    if report.truncated {
        printer.warn("more items matched than are listed: raise --limit or narrow --since");
    }
    printer.hint(&format!(
        "{show_one} shows one with its frames and trace ids"
    ));
    Ok(())
}

pub fn print_item(printer: &Printer, detail: &ItemDetail) -> Result<()> {
    let p = printer;
    if p.is_json() {
        return p.json(detail);
    }
    let item = &detail.item;
    p.line(&format!(
        "#{} {} {}",
        item.counter,
        item.level,
        escape_field(&item.title)
    ))?;
    p.line(&format!(
        "  {} occurrences in {} ({}){}",
        item.occurrences.unwrap_or(0),
        escape_field(&item.environment),
        item.status,
        detail
            .link
            .as_ref()
            .map(|l| format!("  {l}"))
            .unwrap_or_default()
    ))?;
    for o in &detail.occurrences {
        p.line("")?;
        let when = o
            .timestamp
            .map_or_else(|| "-".to_string(), |t| p.time(t, "%Y-%m-%d %H:%M:%S"));
        p.line(&format!(
            "occurrence {}  {when}{}",
            o.id,
            o.server
                .as_ref()
                .map(|s| format!("  on {}", escape_field(s)))
                .unwrap_or_default()
        ))?;
        if let Some(exception) = &o.exception {
            p.line(&format!("  {}", escape_field(exception)))?;
        }
        for f in &o.frames {
            p.line(&format!(
                "    {}:{} in {}",
                escape_field(&f.filename),
                f.lineno.map_or_else(|| "?".into(), |n| n.to_string()),
                escape_field(f.method.as_deref().unwrap_or("?"))
            ))?;
            if let Some(code) = &f.code {
                p.line(&format!("      {}", escape_field(code.trim())))?;
            }
        }
        if let Some(r) = &o.request {
            p.line(&format!(
                "  request {} {}",
                r.method.as_deref().unwrap_or("-"),
                escape_field(r.url.as_deref().unwrap_or("-"))
            ))?;
            for (name, value) in &r.headers {
                p.line(&format!(
                    "    {}: {}",
                    escape_field(name),
                    escape_field(value)
                ))?;
            }
        }
        if let Some(version) = &o.code_version {
            p.line(&format!("  code version {}", escape_field(version)))?;
        }
        if let Some(person) = &o.person {
            p.line(&format!("  person {}", escape_field(&person.to_string())))?;
        }
        if let Some(custom) = &o.custom {
            p.line(&format!("  custom {}", escape_field(&custom.to_string())))?;
        }
        for id in &o.trace_ids {
            p.line(&format!("  trace {id}  (tracectl trace {id})"))?;
        }
    }
    Ok(())
}
