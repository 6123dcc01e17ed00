//! The report and the comparison as plain text, for `stats` and `compare`, in the blueprint's
//! language as its slides are.

use super::compare::Comparison;
use super::report::{Report, StepRef};
use crate::i18n::{Lang, counted};
use crate::model::{Line, MarkerKind, ServiceState};
use crate::style::{DrawingTexts, localise_units};
use std::fmt::Write;

/// The text report's phrases and the report's caveats in Chinese; English is the key.
const ZH: [(&str, &str); 18] = [
    ("Steps per lane", "各泳道步骤"),
    ("Handoffs", "交接"),
    ("Lead time", "总用时"),
    ("value-adding", "增值"),
    (
        "value-adding not classified (no step has a value class)",
        "增值时间未分类（没有步骤标注价值类别）",
    ),
    ("waiting", "等待"),
    (
        "none (no chain of flows from the first to the last customer step)",
        "无（从第一个到最后一个客户步骤没有连贯的流程线）",
    ),
    ("Loops", "返工循环"),
    ("none", "无"),
    ("Orphan steps (no flow in or out)", "孤立步骤（没有流入或流出的流程线）"),
    (
        "Customer steps with no physical evidence in their stage",
        "所在阶段没有有形展示的客户步骤",
    ),
    ("Fail points on steps without an owner", "所在步骤没有负责人的失误点"),
    (
        "Per stage: steps · pain points (severity) · fail · wait points · minutes waited",
        "各阶段：步骤 · 痛点（严重度之和）· 失误点 · 等待点 · 等待时间",
    ),
    ("Note", "说明"),
    ("Added steps", "新增的步骤"),
    ("Removed steps", "去掉的步骤"),
    ("Changed steps", "修改的步骤"),
    ("Unchanged steps", "未修改的步骤"),
];

/// The report's caveats in Chinese (see [`caveat`]).
const CAVEATS_ZH: [(&str, &str); 5] = [
    (
        "Durations and waits are the estimates drawn on the blueprint, not measurements; the lead time is only as good as they are.",
        "用时和等待时间是蓝图上的估计值，并非实测；总用时的准确度取决于这些估计。",
    ),
    (
        "No chain of flows leads from the first to the last customer step, so there is no lead time.",
        "没有流程线从第一个客户步骤通到最后一个客户步骤，因此无法计算总用时。",
    ),
    (
        "Rework loops are counted once in the lead time; each extra round adds its steps again.",
        "返工循环在总用时中只计一次；每多返工一轮，就要再加上这些步骤的时间。",
    ),
    (
        "Some steps are marked as assumed: check them with the people who deliver the service.",
        "有些步骤标为“推测”：请与提供服务的人员核实。",
    ),
    (
        "Some steps on the critical path have no duration; they count as 0.",
        "关键路径上有些步骤没有填写用时，按 0 计算。",
    ),
];

fn phrase(lang: Lang, english: &'static str) -> &'static str {
    match lang {
        Lang::En => english,
        Lang::Zh => ZH.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh),
    }
}

/// One of the report's caveats in `lang`: the panel and the text report say them alike.
pub fn caveat(lang: Lang, english: &str) -> &str {
    match lang {
        Lang::En => english,
        Lang::Zh => CAVEATS_ZH
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, zh)| zh),
    }
}

/// How the text report writes in one language: its words, numbers and punctuation.
struct Words {
    lang: Lang,
    names: DrawingTexts,
}

impl Words {
    fn new(lang: Lang) -> Words {
        Words {
            lang,
            names: DrawingTexts::new(lang),
        }
    }

    fn p(&self, english: &'static str) -> &'static str {
        phrase(self.lang, english)
    }

    /// `Heading: rest`, with the colon of the language.
    fn colon(&self) -> &'static str {
        match self.lang {
            Lang::En => ": ",
            Lang::Zh => "：",
        }
    }

    fn step(&self, s: &StepRef) -> String {
        match self.lang {
            Lang::En => format!("{} “{}” ({}, {})", s.id, s.title, s.lane, s.stage),
            Lang::Zh => format!("{} “{}”（{}，{}）", s.id, s.title, s.lane, s.stage),
        }
    }

    fn minutes(&self, minutes: f64) -> String {
        self.names.minutes(minutes)
    }

    /// " (1624 min)" after a time [`crate::style::format_minutes`] gives in hours or days; nothing after one it
    /// gives in minutes or seconds, which would only repeat it ("20.5 min (20 min)").
    fn exact_minutes(&self, minutes: f64) -> String {
        match (self.lang, minutes >= 120.0) {
            (_, false) => String::new(),
            (Lang::En, true) => format!(" ({} min)", minutes.round()),
            (Lang::Zh, true) => format!("（{} 分钟）", minutes.round()),
        }
    }

    fn count(&self, n: usize, one: &str, zh_unit: &str) -> String {
        match self.lang {
            Lang::En => counted(n, one),
            Lang::Zh => format!("{n} {zh_unit}"),
        }
    }

    fn list(&self, out: &mut String, heading: &'static str, items: &[StepRef]) {
        let heading = self.p(heading);
        if items.is_empty() {
            let _ = writeln!(out, "{heading}{}{}", self.colon(), self.p("none"));
        } else {
            let _ = writeln!(out, "{heading}{}{}", self.colon(), items.len());
            for s in items {
                let _ = writeln!(out, "  {}", self.step(s));
            }
        }
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

/// The report as text, in `lang`.
pub fn report_text(r: &Report, lang: Lang) -> String {
    let w = Words::new(lang);
    let c = w.colon();
    let mut out = String::new();
    let state = match (lang, r.state.as_str()) {
        (Lang::En, "to_be") => "to-be",
        (Lang::En, _) => "as-is",
        (Lang::Zh, "to_be") => w.names.state(ServiceState::ToBe),
        (Lang::Zh, _) => w.names.state(ServiceState::AsIs),
    };
    // Titles often name their state already ("… (as-is)"), so the state goes on the counts line.
    let _ = writeln!(out, "{}", r.title);
    let kinds: Vec<String> = r
        .markers_by_kind
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| match MarkerKind::ALL.iter().find(|kind| kind.key() == k) {
            Some(kind) if lang == Lang::Zh => format!("{} {n}", w.names.marker(*kind)),
            _ => format!("{} {n}", k.replace('_', " ")),
        })
        .collect();
    let evidence = if r.evidence_items > 0 {
        format!(" + {}", w.count(r.evidence_items, "evidence item", "项有形展示"))
    } else {
        String::new()
    };
    let (steps, flows, markers) = (
        w.count(r.steps, "step", "个步骤"),
        w.count(r.flows, "flow", "条流程线"),
        w.count(r.markers, "marker", "个标记"),
    );
    let _ = match (lang, kinds.is_empty()) {
        (Lang::En, true) => writeln!(out, "{state}: {steps}{evidence}, {} flows, 0 markers", r.flows),
        (Lang::En, false) => writeln!(
            out,
            "{state}: {steps}{evidence}, {} flows, {} markers ({})",
            r.flows,
            r.markers,
            kinds.join(", ")
        ),
        (Lang::Zh, true) => writeln!(out, "{state}：{steps}{evidence}，{flows}，{markers}"),
        (Lang::Zh, false) => writeln!(
            out,
            "{state}：{steps}{evidence}，{flows}，{markers}（{}）",
            kinds.join("，")
        ),
    };
    let lanes: Vec<String> = r
        .steps_per_lane
        .iter()
        .map(|l| format!("{} {}", l.name, l.steps))
        .collect();
    let _ = writeln!(out, "{}{c}{}", w.p("Steps per lane"), lanes.join(" · "));
    let _ = writeln!(out);

    let _ = writeln!(out, "{}", w.p("Handoffs"));
    for line in Line::ALL {
        let handoffs = r.handoffs.across(line);
        let _ = match lang {
            Lang::En => {
                let name = match line {
                    Line::Interaction => "line of interaction",
                    Line::Visibility => "line of visibility",
                    Line::Internal => "line of internal interaction",
                };
                writeln!(out, "  across the {name}: {}", handoffs.len())
            }
            Lang::Zh => writeln!(out, "  穿越{}：{}", w.names.line(line), handoffs.len()),
        };
        for h in handoffs {
            let arrow = if h.two_way { "↔" } else { "→" };
            let _ = writeln!(out, "    {}{c}{} {arrow} {}", h.flow, w.step(&h.from), w.step(&h.to));
        }
    }
    let _ = writeln!(out);

    match r.lead_time_minutes {
        Some(lead) => {
            let first = r.critical_path.first().map(|s| s.title.as_str()).unwrap_or_default();
            let last = r.critical_path.last().map(|s| s.title.as_str()).unwrap_or_default();
            let exact = w.exact_minutes(lead);
            let lead_text = w.minutes(lead);
            let _ = match lang {
                Lang::En => writeln!(out, "Lead time: {lead_text}{exact} from “{first}” to “{last}”"),
                Lang::Zh => writeln!(out, "总用时：{lead_text}{exact}，从“{first}”到“{last}”"),
            };
            let value_adding = match r.value_adding_minutes {
                Some(minutes) => format!(
                    "{} {} ({})",
                    w.p("value-adding"),
                    w.minutes(minutes),
                    percent(r.value_adding_share)
                ),
                None => w
                    .p("value-adding not classified (no step has a value class)")
                    .to_owned(),
            };
            let waiting = format!(
                "{} {} ({})",
                w.p("waiting"),
                w.minutes(r.wait_minutes.unwrap_or(0.0)),
                percent(r.wait_share),
            );
            let _ = match lang {
                Lang::En => writeln!(out, "  {waiting}, {value_adding}"),
                Lang::Zh => writeln!(out, "  {waiting}，{value_adding}"),
            };
            let _ = match lang {
                Lang::En => writeln!(out, "Critical path ({} steps):", r.critical_path.len()),
                Lang::Zh => writeln!(out, "关键路径（{} 个步骤）：", r.critical_path.len()),
            };
            for (i, s) in r.critical_path.iter().enumerate() {
                let _ = writeln!(out, "  {:>2}. {}", i + 1, w.step(s));
            }
        }
        None => {
            let _ = writeln!(
                out,
                "{}{c}{}",
                w.p("Lead time"),
                w.p("none (no chain of flows from the first to the last customer step)")
            );
        }
    }
    let _ = writeln!(out);

    if r.loops.is_empty() {
        let _ = writeln!(out, "{}{c}{}", w.p("Loops"), w.p("none"));
    } else {
        let _ = writeln!(out, "{}{c}{}", w.p("Loops"), r.loops.len());
        for l in &r.loops {
            let names: Vec<String> = l.iter().map(|s| format!("{} “{}”", s.id, s.title)).collect();
            let _ = writeln!(out, "  {}", names.join(" ⇄ "));
        }
    }
    w.list(&mut out, "Orphan steps (no flow in or out)", &r.orphans);
    w.list(
        &mut out,
        "Customer steps with no physical evidence in their stage",
        &r.customer_steps_without_evidence,
    );
    w.list(
        &mut out,
        "Fail points on steps without an owner",
        &r.fail_points_without_owner,
    );
    for d in &r.duplicate_flows {
        let flows = d.flows.join(", ");
        let (from, to) = (
            format!("{} “{}”", d.from.id, d.from.title),
            format!("{} “{}”", d.to.id, d.to.title),
        );
        let _ = match lang {
            Lang::En => writeln!(
                out,
                "Warning: flows {flows} all go {from} → {to}: a duplicate flow is usually a slip"
            ),
            Lang::Zh => writeln!(out, "注意：流程线 {flows} 都是 {from} → {to}：重复的流程线通常是误操作"),
        };
    }
    let _ = writeln!(out);

    let _ = writeln!(
        out,
        "{}",
        w.p("Per stage: steps · pain points (severity) · fail · wait points · minutes waited")
    );
    for s in &r.stages {
        let count = |k: &str| s.markers.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "  {}{c}{} · {} ({}) · {} · {} · {}",
            s.name,
            s.steps,
            count("pain_point"),
            s.pain_severity,
            count("fail_point"),
            count("wait_point"),
            w.minutes(s.wait_minutes)
        );
    }
    let _ = writeln!(out);
    for note in &r.caveats {
        let _ = writeln!(out, "{}{c}{}", w.p("Note"), caveat(lang, note));
    }
    out
}

/// A value for the text report: minutes shown in hours or days also in whole minutes, for
/// scripts that read it.
fn number(w: &Words, m: &super::Metric, v: Option<f64>) -> String {
    match (v, m.kind.unit()) {
        (Some(v), super::Unit::Minutes) => format!("{}{}", w.minutes(v.abs()), w.exact_minutes(v.abs())),
        _ if w.lang == Lang::Zh => localise_units(&m.kind.value_text(v)),
        _ => m.kind.value_text(v),
    }
}

/// How many columns of a terminal `text` takes: Chinese characters and full-width punctuation
/// take two.
fn columns(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
}

/// `text` padded with spaces to `width` columns, on the left when `right` (aligned right).
fn pad(text: &str, width: usize, right: bool) -> String {
    let gap = " ".repeat(width.saturating_sub(columns(text)));
    if right { gap + text } else { format!("{text}{gap}") }
}

/// The comparison as text, in `lang`.
pub fn comparison_text(c: &Comparison, lang: Lang) -> String {
    let w = Words::new(lang);
    let colon = w.colon();
    let mut out = String::new();
    let _ = match lang {
        Lang::En => writeln!(out, "Before: {}\nAfter:  {}", c.before_title, c.after_title),
        Lang::Zh => writeln!(out, "之前：{}\n之后：{}", c.before_title, c.after_title),
    };
    let _ = writeln!(out);
    let labels: Vec<String> = c.metrics.iter().map(|m| m.kind.label(lang)).collect();
    let width = labels.iter().map(|l| columns(l)).max().unwrap_or(10);
    for (m, label) in c.metrics.iter().zip(&labels) {
        let change = match lang {
            Lang::En => m.change_text(),
            Lang::Zh => localise_units(&m.change_text()),
        };
        let _ = writeln!(
            out,
            "{}  {}  {}  {}",
            pad(label, width, false),
            pad(&number(&w, m, m.before), 18, true),
            pad(&number(&w, m, m.after), 18, true),
            pad(&change, 10, true),
        );
    }
    let _ = writeln!(out);
    w.list(&mut out, "Added steps", &c.added);
    w.list(&mut out, "Removed steps", &c.removed);
    if c.changed.is_empty() {
        let _ = writeln!(out, "{}{colon}{}", w.p("Changed steps"), w.p("none"));
    } else {
        let _ = writeln!(out, "{}{colon}{}", w.p("Changed steps"), c.changed.len());
        for ch in &c.changed {
            let (step, fields) = (w.step(&ch.after), ch.fields.join(", "));
            let _ = match lang {
                Lang::En => writeln!(out, "  {step} (matched by {}): {fields}", ch.matched_by),
                Lang::Zh => writeln!(out, "  {step}（匹配依据：{}）：{fields}", ch.matched_by),
            };
        }
    }
    let _ = writeln!(out, "{}{colon}{}", w.p("Unchanged steps"), c.unchanged);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(path: &str) -> crate::model::Blueprint {
        crate::file::open(std::path::Path::new(path)).expect("sample")
    }

    #[test]
    fn every_phrase_and_caveat_has_chinese_and_a_chinese_report_reads_in_chinese() {
        for (en, zh) in ZH.iter().chain(CAVEATS_ZH.iter()) {
            assert!(!zh.is_empty() && zh != en, "{en}");
        }
        for path in ["samples/zh/bank-loan.ron", "samples/zh/clinic-visit.ron"] {
            let report = super::super::analyse(&open(path));
            let text = report_text(&report, Lang::Zh);
            for caveat_en in &report.caveats {
                assert!(
                    CAVEATS_ZH.iter().any(|(en, _)| en == caveat_en),
                    "{caveat_en} has Chinese"
                );
            }
            for english in [
                "Lead time",
                "Handoffs",
                "across the",
                "Critical path",
                "Note:",
                " min",
                " d ",
            ] {
                assert!(!text.contains(english), "{path}: “{english}” in\n{text}");
            }
            assert!(text.contains("总用时：") && text.contains("穿越可见线"), "{text}");
        }
        let text = comparison_text(
            &super::super::compare(
                &open("samples/zh/clinic-visit.ron"),
                &open("samples/zh/clinic-visit-to-be.ron"),
            ),
            Lang::Zh,
        );
        assert!(text.starts_with("之前：") && text.contains("新增的步骤："), "{text}");
        assert!(!text.contains("Lead time") && !text.contains("Added steps"), "{text}");
    }
}
