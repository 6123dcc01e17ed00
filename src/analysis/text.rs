//! The report and the comparison as plain text, for `stats` and `compare`.

use super::compare::Comparison;
use super::report::{Report, StepRef};
use crate::i18n::counted;
use crate::model::Line;
use crate::style::format_minutes;
use std::fmt::Write;

fn step(s: &StepRef) -> String {
    format!("{} “{}” ({}, {})", s.id, s.title, s.lane, s.stage)
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

fn list(out: &mut String, heading: &str, items: &[StepRef]) {
    if items.is_empty() {
        let _ = writeln!(out, "{heading}: none");
    } else {
        let _ = writeln!(out, "{heading}: {}", items.len());
        for s in items {
            let _ = writeln!(out, "  {}", step(s));
        }
    }
}

/// The report as text.
pub fn report_text(r: &Report) -> String {
    let mut out = String::new();
    let state = if r.state == "to_be" { "to-be" } else { "as-is" };
    // Titles often name their state already ("… (as-is)"), so the state goes on the counts line.
    let _ = writeln!(out, "{}", r.title);
    let kinds: Vec<String> = r
        .markers_by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{} {n}", k.replace('_', " ")))
        .collect();
    let _ = writeln!(
        out,
        "{state}: {}{}, {} flows, {} markers ({})",
        counted(r.steps, "step"),
        if r.evidence_items > 0 {
            format!(" + {}", counted(r.evidence_items, "evidence item"))
        } else {
            String::new()
        },
        r.flows,
        r.markers,
        kinds.join(", ")
    );
    let lanes: Vec<String> = r
        .steps_per_lane
        .iter()
        .map(|l| format!("{} {}", l.name, l.steps))
        .collect();
    let _ = writeln!(out, "Steps per lane: {}", lanes.join(" · "));
    let _ = writeln!(out);

    let _ = writeln!(out, "Handoffs");
    for line in Line::ALL {
        let handoffs = r.handoffs.across(line);
        let name = match line {
            Line::Interaction => "line of interaction",
            Line::Visibility => "line of visibility",
            Line::Internal => "line of internal interaction",
        };
        let _ = writeln!(out, "  across the {name}: {}", handoffs.len());
        for h in handoffs {
            let arrow = if h.two_way { "↔" } else { "→" };
            let _ = writeln!(out, "    {}: {} {arrow} {}", h.flow, step(&h.from), step(&h.to));
        }
    }
    let _ = writeln!(out);

    match r.lead_time_minutes {
        Some(lead) => {
            let first = r.critical_path.first().map(|s| s.title.as_str()).unwrap_or_default();
            let last = r.critical_path.last().map(|s| s.title.as_str()).unwrap_or_default();
            let exact = exact_minutes(lead);
            let _ = writeln!(
                out,
                "Lead time: {}{exact} from “{first}” to “{last}”",
                format_minutes(lead)
            );
            let value_adding = match r.value_adding_minutes {
                Some(minutes) => format!(
                    "value-adding {} ({})",
                    format_minutes(minutes),
                    percent(r.value_adding_share)
                ),
                None => "value-adding not classified (no step has a value class)".to_owned(),
            };
            let _ = writeln!(
                out,
                "  waiting {} ({}), {value_adding}",
                format_minutes(r.wait_minutes.unwrap_or(0.0)),
                percent(r.wait_share),
            );
            let _ = writeln!(out, "Critical path ({} steps):", r.critical_path.len());
            for (i, s) in r.critical_path.iter().enumerate() {
                let _ = writeln!(out, "  {:>2}. {}", i + 1, step(s));
            }
        }
        None => {
            let _ = writeln!(
                out,
                "Lead time: none (no chain of flows from the first to the last customer step)"
            );
        }
    }
    let _ = writeln!(out);

    if r.loops.is_empty() {
        let _ = writeln!(out, "Loops: none");
    } else {
        let _ = writeln!(out, "Loops: {}", r.loops.len());
        for l in &r.loops {
            let names: Vec<String> = l.iter().map(|s| format!("{} “{}”", s.id, s.title)).collect();
            let _ = writeln!(out, "  {}", names.join(" ⇄ "));
        }
    }
    list(&mut out, "Orphan steps (no flow in or out)", &r.orphans);
    list(
        &mut out,
        "Customer steps with no physical evidence in their stage",
        &r.customer_steps_without_evidence,
    );
    list(
        &mut out,
        "Fail points on steps without an owner",
        &r.fail_points_without_owner,
    );
    for d in &r.duplicate_flows {
        let _ = writeln!(
            out,
            "Warning: flows {} all go {} “{}” → {} “{}”: a duplicate flow is usually a slip",
            d.flows.join(", "),
            d.from.id,
            d.from.title,
            d.to.id,
            d.to.title
        );
    }
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "Per stage: steps · pain points (severity) · fail · wait points · minutes waited"
    );
    for s in &r.stages {
        let count = |k: &str| s.markers.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "  {}: {} · {} ({}) · {} · {} · {}",
            s.name,
            s.steps,
            count("pain_point"),
            s.pain_severity,
            count("fail_point"),
            count("wait_point"),
            format_minutes(s.wait_minutes)
        );
    }
    let _ = writeln!(out);
    for caveat in &r.caveats {
        let _ = writeln!(out, "Note: {caveat}");
    }
    out
}

/// A value for the text report: minutes shown in hours or days also in whole minutes, for
/// scripts that read it.
fn number(m: &super::Metric, v: Option<f64>) -> String {
    match (v, m.kind.unit()) {
        (Some(v), super::Unit::Minutes) => format!("{}{}", format_minutes(v.abs()), exact_minutes(v.abs())),
        _ => m.kind.value_text(v),
    }
}

/// " (1624 min)" after a time [`format_minutes`] gives in hours or days; nothing after one it
/// gives in minutes or seconds, which would only repeat it ("20.5 min (20 min)").
fn exact_minutes(minutes: f64) -> String {
    if minutes >= 120.0 {
        format!(" ({} min)", minutes.round())
    } else {
        String::new()
    }
}

/// The comparison as text.
pub fn comparison_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Before: {}", c.before_title);
    let _ = writeln!(out, "After:  {}", c.after_title);
    let _ = writeln!(out);
    let width = c.metrics.iter().map(|m| m.label.chars().count()).max().unwrap_or(10);
    for m in &c.metrics {
        let _ = writeln!(
            out,
            "{:<width$}  {:>18}  {:>18}  {:>10}",
            m.label,
            number(m, m.before),
            number(m, m.after),
            m.change_text()
        );
    }
    let _ = writeln!(out);
    list(&mut out, "Added steps", &c.added);
    list(&mut out, "Removed steps", &c.removed);
    if c.changed.is_empty() {
        let _ = writeln!(out, "Changed steps: none");
    } else {
        let _ = writeln!(out, "Changed steps: {}", c.changed.len());
        for ch in &c.changed {
            let _ = writeln!(
                out,
                "  {} (matched by {}): {}",
                step(&ch.after),
                ch.matched_by,
                ch.fields.join(", ")
            );
        }
    }
    let _ = writeln!(out, "Unchanged steps: {}", c.unchanged);
    out
}
