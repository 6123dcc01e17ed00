//! The analysis panel: the report of the open blueprint, live as it changes; highlights on the
//! canvas; and the comparison with a second (as-is or to-be) blueprint.

use super::actions::Command;
use super::texts::{count, tr};
use super::worker::{Job, Polled, dispose};
use crate::analysis::{Comparison, HighlightSpec, Report, StepRef, analyse, compare, same_for_analysis};
use crate::edit::StepChange;
use crate::i18n::Lang;
use crate::layout::{HighlightKind, Highlights};
use crate::model::{Blueprint, Line, ServiceState, StepId};
use crate::style::DrawingTexts;
use crate::text::latin_quotes;
use egui::{RichText, Ui};
use std::path::PathBuf;
use std::sync::Arc;

/// How a step differs in the comparison, for the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareMark {
    /// Not in the other blueprint, the earlier one: new in this one.
    Added,
    /// Not in the other blueprint, the later one: gone there.
    Dropped,
    /// In both, with changes.
    Changed,
}

/// The second blueprint and what it says about this one.
pub struct Comparing {
    /// Where it came from.
    pub path: PathBuf,
    /// The other blueprint, shared with the comparison worked out in the background.
    pub other: Arc<Blueprint>,
    cached: Option<(u64, Comparison, bool)>,
}

/// The panel's state: the report of the current revision, and the comparison if any.
#[derive(Default)]
pub struct AnalysisView {
    report: Option<(u64, Report)>,
    /// The blueprint compared against, if any.
    pub comparing: Option<Comparing>,
    /// A report being worked out in the background.
    job: Option<Job<Worked>>,
}

/// A report worked out in the background for one revision, with the highlights it gives and
/// the comparison with `other`, when comparing.
struct Worked {
    revision: u64,
    report: Report,
    spec: HighlightSpec,
    highlights: Highlights,
    compared: Option<(Arc<Blueprint>, Comparison, bool)>,
}

impl Worked {
    /// Works out the report of `b` with its highlights, and its comparison with `other`.
    fn out(b: &Blueprint, revision: u64, spec: HighlightSpec, other: Option<Arc<Blueprint>>) -> Worked {
        let report = analyse(b);
        let highlights = crate::analysis::highlights(b, &report, spec);
        let compared = other.map(|other| {
            let (comparison, current_first) = compared(b, &other);
            (other, comparison, current_first)
        });
        Worked {
            revision,
            report,
            spec,
            highlights,
            compared,
        }
    }
}

/// The comparison of `b` with `other`, the as-is side first whichever blueprint is open, and
/// whether that is `b`.
fn compared(b: &Blueprint, other: &Blueprint) -> (Comparison, bool) {
    let current_first = !(b.state == ServiceState::ToBe && other.state == ServiceState::AsIs);
    let comparison = if current_first {
        compare(b, other)
    } else {
        compare(other, b)
    };
    (comparison, current_first)
}

/// What [`AnalysisView::refresh_in_background`] found.
#[derive(Debug)]
pub enum Refresh {
    /// The report is of the revision asked for: work out the highlights from it.
    Current,
    /// It is being worked out; the last report stays meanwhile.
    Working,
    /// It was worked out in the background, with these highlights for the spec asked for.
    Worked(Highlights),
    /// The report is of the revision asked for (work out the highlights from it), the
    /// comparison is being worked out: a title typed while comparing need not wait for it.
    Comparing,
}

impl AnalysisView {
    /// Like [`AnalysisView::refresh`] for a large blueprint: a report (or comparison) that
    /// cannot be patched is worked out in the background from `copy`, a copy of `b`, together
    /// with the highlights `spec` asks for, and `ctx` is woken when it is done. Call it every
    /// frame until it is [`Refresh::Current`] or [`Refresh::Worked`].
    #[allow(clippy::too_many_arguments)]
    pub fn refresh_in_background(
        &mut self,
        b: &Blueprint,
        copy: impl FnOnce() -> Arc<Blueprint>,
        revision: u64,
        change: Option<&StepChange>,
        spec: HighlightSpec,
        ctx: &egui::Context,
    ) -> Refresh {
        let other = self.comparing.as_ref().map(|c| Arc::clone(&c.other));
        if let Some(job) = &mut self.job {
            let worked = match job.poll() {
                Polled::Running => None,
                Polled::Done(worked) => Some(worked),
                Polled::Failed(reason) => {
                    eprintln!("analysis in the background failed ({reason}); analysing here instead");
                    Some(Worked::out(b, revision, spec, other.clone()))
                }
            };
            if let Some(worked) = worked {
                self.job = None;
                // Whatever is not kept (or replaced) is freed on the worker thread too: a report
                // of 20,000 steps takes milliseconds to free.
                let report = (worked.revision, worked.report);
                if self.report.as_ref().is_none_or(|(r, _)| *r < worked.revision) {
                    dispose(self.report.replace(report));
                } else {
                    dispose(report);
                }
                // Kept only if compared with the blueprint still being compared with.
                let mut compared_now = other.is_none();
                if let Some((with, comparison, first)) = worked.compared {
                    match &mut self.comparing {
                        Some(comparing)
                            if Arc::ptr_eq(&comparing.other, &with)
                                && comparing.cached.as_ref().is_none_or(|(r, _, _)| *r < worked.revision) =>
                        {
                            compared_now = worked.revision == revision;
                            dispose(comparing.cached.replace((worked.revision, comparison, first)));
                        }
                        _ => dispose(comparison),
                    }
                }
                if worked.revision == revision && worked.spec == spec && compared_now {
                    return Refresh::Worked(worked.highlights);
                }
            }
        }
        let compared = self
            .comparing
            .as_ref()
            .is_none_or(|c| c.cached.as_ref().is_some_and(|(r, _, _)| *r == revision));
        let reported = self.bring_up_to(revision, change);
        if reported && compared {
            return Refresh::Current;
        }
        if self.job.is_none() {
            let copy = copy();
            self.job = Some(Job::start(ctx, move || Worked::out(&copy, revision, spec, other)));
        }
        if reported { Refresh::Comparing } else { Refresh::Working }
    }

    /// Brings the report (and comparison) up to `revision`; each is computed once per revision.
    /// `change` is how the revision before became this one, when it changed one step alone: a
    /// new title then only renames the step in the report.
    pub fn refresh(&mut self, b: &Blueprint, revision: u64, change: Option<&StepChange>) {
        if !self.bring_up_to(revision, change) {
            self.report = Some((revision, analyse(b)));
        }
        if let Some(comparing) = self.comparing.as_mut()
            && comparing.cached.as_ref().is_none_or(|(r, _, _)| *r != revision)
        {
            let (comparison, current_first) = compared(b, &comparing.other);
            comparing.cached = Some((revision, comparison, current_first));
        }
    }

    /// Whether the report is of `revision`, or could be made so by renaming a step: `change`
    /// made it from the one before and changed nothing the analysis reads but a title.
    fn bring_up_to(&mut self, revision: u64, change: Option<&StepChange>) -> bool {
        match &mut self.report {
            Some((r, _)) if *r == revision => true,
            Some((r, report))
                if *r + 1 == revision
                    && let Some(change) = change.filter(|c| same_for_analysis(&c.before, &c.after)) =>
            {
                report.retitle(change.after.id.as_str(), &change.after.title);
                *r = revision;
                true
            }
            _ => false,
        }
    }

    /// Forgets the report and the comparison worked out, and any being worked out: another
    /// document is open, whose revisions count from the start again.
    pub fn forget(&mut self) {
        self.report = None;
        self.job = None;
        if let Some(comparing) = &mut self.comparing {
            comparing.cached = None;
        }
    }

    /// The report as of the last [`AnalysisView::refresh`].
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref().map(|(_, r)| r)
    }

    /// The comparison as of the last refresh: `(comparison, open_blueprint_is_before)`.
    pub fn comparison(&self) -> Option<(&Comparison, bool)> {
        let (_, comparison, first) = self.comparing.as_ref()?.cached.as_ref()?;
        Some((comparison, *first))
    }

    /// Starts comparing with another blueprint.
    pub fn compare_with(&mut self, path: PathBuf, other: Blueprint) {
        self.comparing = Some(Comparing {
            path,
            other: Arc::new(other),
            cached: None,
        });
    }

    /// Steps of the open blueprint to mark on the canvas while comparing.
    pub fn marks(&self) -> Vec<(StepId, CompareMark)> {
        let Some((c, current_first)) = self.comparison() else {
            return Vec::new();
        };
        // Marks describe the open blueprint: what it has that the other lacks, and what changed.
        let (mine, changed): (Vec<&StepRef>, Vec<&StepRef>) = if current_first {
            (
                c.removed.iter().collect(),
                c.changed.iter().map(|ch| &ch.before).collect(),
            )
        } else {
            (c.added.iter().collect(), c.changed.iter().map(|ch| &ch.after).collect())
        };
        let only_here = if current_first {
            CompareMark::Dropped
        } else {
            CompareMark::Added
        };
        mine.into_iter()
            .map(|s| (StepId(s.id.clone()), only_here))
            .chain(
                changed
                    .into_iter()
                    .map(|s| (StepId(s.id.clone()), CompareMark::Changed)),
            )
            .collect()
    }
}

fn step_link(ui: &mut Ui, s: &StepRef, out: &mut Vec<Command>) {
    let text = format!("{} · {}", s.title, s.stage);
    if ui.link(latin_quotes(&text)).on_hover_text(&s.lane).clicked() {
        out.push(Command::Select(vec![StepId(s.id.clone())]));
    }
}

fn step_list(ui: &mut Ui, lang: Lang, heading: &str, steps: &[StepRef], out: &mut Vec<Command>) {
    titled_list(ui, lang, heading, steps.len(), |ui| {
        for s in steps {
            step_link(ui, s, out);
        }
    });
}

/// A list that opens under "heading (count)"; plain text when it has nothing to open.
fn titled_list(ui: &mut Ui, lang: Lang, heading: &str, count: usize, list: impl FnOnce(&mut Ui)) {
    let title = format!("{} ({count})", tr(lang, heading));
    if count == 0 {
        ui.label(RichText::new(title).weak());
        return;
    }
    egui::CollapsingHeader::new(title).id_salt(heading).show(ui, list);
}

/// A changed field of a step as the inspector names it.
fn field_label(field: &str) -> &'static str {
    match field {
        "title" => "Title",
        "lane" => "Lane",
        "stage" => "Stage",
        "description" => "Description",
        "owner" => "Owner / role",
        "channel" => "Channel / touchpoint",
        "duration_min" => "Duration",
        "wait_min" => "Wait before",
        "standard" => "Service standard / KPI",
        "basis" => "Basis",
        "value" => "Value",
        "emotion" => "Emotion",
        _ => "Changed",
    }
}

/// A small sample of a highlight's colour, so the checkbox says what to look for on the canvas.
fn swatch_ui(ui: &mut Ui, style: &crate::style::Style, kind: HighlightKind) {
    use super::paint::color;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    let painter = ui.painter();
    let edge = egui::Stroke::new(1.0, color(style.wait_text));
    match kind {
        HighlightKind::PainHeat => {
            // The scale, light to dark, as the legend shows it.
            for k in 0..3 {
                let cell = egui::Rect::from_min_size(
                    rect.min + egui::vec2(k as f32 * rect.width() / 3.0, 0.0),
                    egui::vec2(rect.width() / 3.0, rect.height()),
                );
                painter.rect_filled(cell, 0.0, color(style.heat_color(k as f32 / 2.0)));
            }
            painter.rect_stroke(rect, 0.0, edge, egui::StrokeKind::Inside);
        }
        HighlightKind::Handoffs => {
            painter.circle_filled(rect.center(), rect.width() / 2.0 - 1.0, color(style.handoff));
        }
        _ => {
            painter.rect_filled(rect, 3.0, color(crate::scene::highlight_color(style, kind)));
            painter.rect_stroke(rect, 3.0, edge, egui::StrokeKind::Inside);
        }
    }
}

/// Shows the panel.
pub fn panel_ui(
    ui: &mut Ui,
    lang: Lang,
    report: &Report,
    highlight: &mut HighlightSpec,
    versions: Versions<'_>,
    out: &mut Vec<Command>,
) {
    let names = DrawingTexts::new(lang);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        // Texts wrap short of the scroll bar, which floats over the panel's right edge.
        let bar = ui.spacing().scroll;
        ui.set_max_width(ui.available_width() - bar.bar_width - bar.bar_outer_margin - bar.bar_inner_margin - 4.0);
        ui.heading(tr(lang, "Analysis"));
        let evidence = if report.evidence_items > 0 {
            format!(
                " + {}",
                count(lang, report.evidence_items, "evidence item", "evidence items")
            )
        } else {
            String::new()
        };
        ui.label(format!(
            "{}{evidence} · {} · {}",
            count(lang, report.steps, "step", "steps"),
            count(lang, report.flows, "flow", "flows"),
            count(lang, report.markers, "marker", "markers"),
        ));
        ui.separator();
        highlights_ui(ui, lang, highlight);
        ui.separator();
        lead_time_ui(ui, lang, report, &names, out);
        ui.separator();
        handoffs_ui(ui, lang, report, &names, out);
        ui.separator();
        checks_ui(ui, lang, report, out);
        ui.separator();
        per_stage_ui(ui, lang, report, &names);
        ui.separator();
        comparison_ui(ui, lang, versions.comparison, versions.paired, out);
        ui.separator();
        for caveat in &report.caveats {
            ui.label(RichText::new(crate::analysis::caveat(lang, caveat)).small().weak());
        }
    });
}

/// The highlight switches, each with the swatch it draws.
fn highlights_ui(ui: &mut Ui, lang: Lang, highlight: &mut HighlightSpec) {
    ui.strong(tr(lang, "Show on the blueprint"));
    let style = crate::style::Style::default();
    let choices = [
        (
            HighlightKind::CriticalPath,
            &mut highlight.critical_path,
            "Critical path",
        ),
        (
            HighlightKind::Handoffs,
            &mut highlight.visibility_handoffs,
            "Handoffs across the line of visibility",
        ),
        (
            HighlightKind::PainHeat,
            &mut highlight.pain_heat,
            "Pain-point heat per stage",
        ),
        (HighlightKind::Waits, &mut highlight.waits, "Where the customer waits"),
    ];
    for (kind, on, label) in choices {
        ui.horizontal(|ui| {
            swatch_ui(ui, &style, kind);
            ui.checkbox(on, tr(lang, label));
        });
    }
}

/// What the "As-is and to-be" section shows.
#[derive(Clone, Default)]
pub struct Versions<'a> {
    /// The comparison, and whether the open blueprint is its first (as-is) side.
    pub comparison: Option<(&'a Comparison, bool)>,
    /// The open blueprint's other version: the command that compares with it, and its name.
    pub paired: Option<(Command, String)>,
}

/// Lead time, waiting and the critical path.
fn lead_time_ui(ui: &mut Ui, lang: Lang, report: &Report, names: &DrawingTexts, out: &mut Vec<Command>) {
    ui.strong(tr(lang, "Lead time"));
    match report.lead_time_minutes {
        Some(lead) => {
            ui.label(RichText::new(names.minutes(lead)).size(22.0).strong());
            let value_adding = match report.value_adding_share {
                Some(share) => format!("{} {:.0} %", tr(lang, "value-adding"), share * 100.0),
                None => tr(lang, "value-adding not classified").to_owned(),
            };
            ui.label(format!(
                "{} {} ({:.0} %) · {value_adding}",
                tr(lang, "waiting"),
                names.minutes(report.wait_minutes.unwrap_or(0.0)),
                report.wait_share.unwrap_or(0.0) * 100.0,
            ));
            egui::CollapsingHeader::new(format!(
                "{} ({})",
                tr(lang, "Critical path"),
                report.critical_path.len()
            ))
            .id_salt("critical-path")
            .show(ui, |ui| {
                if ui.button(tr(lang, "Select the whole path")).clicked() {
                    out.push(Command::Select(
                        report.critical_path.iter().map(|s| StepId(s.id.clone())).collect(),
                    ));
                }
                for s in &report.critical_path {
                    step_link(ui, s, out);
                }
            });
        }
        None => {
            ui.label(tr(
                lang,
                "No chain of flows joins the first and the last customer step.",
            ));
        }
    }
}

/// Handoffs across each line.
fn handoffs_ui(ui: &mut Ui, lang: Lang, report: &Report, names: &DrawingTexts, out: &mut Vec<Command>) {
    ui.strong(tr(lang, "Handoffs"));
    for line in Line::ALL {
        let handoffs = report.handoffs.across(line);
        egui::CollapsingHeader::new(format!("{}: {}", names.line(line), handoffs.len()))
            .id_salt(line.key())
            .show(ui, |ui| {
                for h in handoffs {
                    let arrow = if h.two_way { "↔" } else { "→" };
                    let text = format!("{} {arrow} {}", h.from.title, h.to.title);
                    if ui.link(latin_quotes(&text)).clicked() {
                        out.push(Command::Select(vec![
                            StepId(h.from.id.clone()),
                            StepId(h.to.id.clone()),
                        ]));
                    }
                }
            });
    }
}

/// Loops, orphans, duplicate flows and missing evidence or owners.
fn checks_ui(ui: &mut Ui, lang: Lang, report: &Report, out: &mut Vec<Command>) {
    ui.strong(tr(lang, "Check"));
    if report.loops.is_empty() {
        ui.label(RichText::new(format!("{} (0)", tr(lang, "Rework loops"))).weak());
    } else {
        egui::CollapsingHeader::new(format!("{} ({})", tr(lang, "Rework loops"), report.loops.len()))
            .id_salt("loops")
            .show(ui, |ui| {
                for l in &report.loops {
                    let titles: Vec<&str> = l.iter().map(|s| s.title.as_str()).collect();
                    if ui.link(latin_quotes(&titles.join(" ⇄ "))).clicked() {
                        out.push(Command::Select(l.iter().map(|s| StepId(s.id.clone())).collect()));
                    }
                }
            });
    }
    step_list(ui, lang, "Steps with no flow", &report.orphans, out);
    if !report.duplicate_flows.is_empty() {
        egui::CollapsingHeader::new(format!(
            "⚠ {} ({})",
            tr(lang, "Duplicate flows"),
            report.duplicate_flows.len()
        ))
        .id_salt("duplicate-flows")
        .default_open(true)
        .show(ui, |ui| {
            for d in &report.duplicate_flows {
                let text = format!("{} → {} ×{}", d.from.title, d.to.title, d.flows.len());
                if ui.link(latin_quotes(&text)).on_hover_text(d.flows.join(", ")).clicked() {
                    out.push(Command::Select(vec![
                        StepId(d.from.id.clone()),
                        StepId(d.to.id.clone()),
                    ]));
                }
            }
        });
    }
    step_list(
        ui,
        lang,
        "Customer steps without evidence",
        &report.customer_steps_without_evidence,
        out,
    );
    step_list(
        ui,
        lang,
        "Fail points without an owner",
        &report.fail_points_without_owner,
        out,
    );
}

/// Steps, pain and waiting per stage.
fn per_stage_ui(ui: &mut Ui, lang: Lang, report: &Report, names: &DrawingTexts) {
    ui.strong(tr(lang, "Per stage"));
    egui::Grid::new("per-stage").striped(true).show(ui, |ui| {
        ui.weak(tr(lang, "Stage"));
        ui.weak(tr(lang, "Steps"));
        ui.weak(names.marker(crate::model::MarkerKind::PainPoint));
        ui.weak(tr(lang, "waiting"));
        ui.end_row();
        for s in &report.stages {
            ui.label(&s.name);
            ui.label(s.steps.to_string());
            ui.label(format!(
                "{} ({})",
                s.markers.get("pain_point").copied().unwrap_or(0),
                s.pain_severity
            ));
            ui.label(names.minutes(s.wait_minutes));
            ui.end_row();
        }
    });
    ui.weak(tr(
        lang,
        "Waiting per stage adds up every step's wait, also those beside the critical path, so the stages can add up to more than the lead time.",
    ));
}

/// The as-is / to-be comparison, or the button that starts one.
fn comparison_ui(
    ui: &mut Ui,
    lang: Lang,
    comparison: Option<(&Comparison, bool)>,
    paired: Option<(Command, String)>,
    out: &mut Vec<Command>,
) {
    ui.strong(tr(lang, "As-is and to-be"));
    match comparison {
        None => {
            ui.label(tr(
                lang,
                "Open a second version of this service to see what the redesign changes.",
            ));
            // A sample or a file with another version: one click compares the pair.
            if let Some((compare, title)) = paired
                && ui.button(format!("{} “{title}”", tr(lang, "Compare with"))).clicked()
            {
                out.push(compare);
            }
            if ui.button(tr(lang, "Compare with…")).clicked() {
                out.push(Command::PickComparison);
            }
        }
        Some((c, current_first)) => {
            ui.label(format!("{} → {}", c.before_title, c.after_title));
            egui::Grid::new("comparison").striped(true).show(ui, |ui| {
                for m in c.metrics.iter().filter(|m| !m.kind.is_detail()) {
                    ui.label(m.kind.label(lang));
                    ui.label(match lang {
                        Lang::En => m.change_text(),
                        Lang::Zh => crate::style::localise_units(&m.change_text()),
                    });
                    ui.end_row();
                }
            });
            // Steps of the open version can be selected; the other version's are only named.
            // Which way the change went says what "only in one version" means: this is the
            // earlier version when it comes first.
            let (mine, theirs, headings, legend) = if current_first {
                (
                    &c.removed,
                    &c.added,
                    ["Gone in the other version", "New in the other version"],
                    "On the canvas: red outline = gone in the other version, purple = changed.",
                )
            } else {
                (
                    &c.added,
                    &c.removed,
                    ["New in this version", "Gone since the other version"],
                    "On the canvas: green outline = new in this version, purple = changed.",
                )
            };
            step_list(ui, lang, headings[0], mine, out);
            titled_list(ui, lang, headings[1], theirs.len(), |ui| {
                for s in theirs {
                    ui.label(latin_quotes(&format!("{} · {}", s.title, s.stage)));
                }
            });
            titled_list(ui, lang, "Changed", c.changed.len(), |ui| {
                for ch in &c.changed {
                    let s = if current_first { &ch.before } else { &ch.after };
                    let fields: Vec<&str> = ch.fields.iter().map(|f| tr(lang, field_label(f))).collect();
                    let text = format!("{} · {}", s.title, s.stage);
                    if ui.link(latin_quotes(&text)).on_hover_text(fields.join(", ")).clicked() {
                        out.push(Command::Select(vec![StepId(s.id.clone())]));
                    }
                }
            });
            ui.weak(tr(lang, legend));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "Export table slide…")).clicked() {
                    out.push(Command::ExportComparison);
                }
                if ui.button(tr(lang, "Stop comparing")).clicked() {
                    out.push(Command::StopComparing);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn open(path: &str) -> Blueprint {
        crate::file::open(std::path::Path::new(path)).expect("sample")
    }

    /// Refreshes in the background until the report is of `revision`.
    fn refresh_until_done(view: &mut AnalysisView, b: &Blueprint, revision: u64, spec: HighlightSpec) -> Refresh {
        let ctx = egui::Context::default();
        let start = std::time::Instant::now();
        loop {
            let copy = || std::sync::Arc::new(b.clone());
            match view.refresh_in_background(b, copy, revision, None, spec, &ctx) {
                Refresh::Working | Refresh::Comparing => {
                    assert!(start.elapsed().as_secs() < 30, "the report is worked out");
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                done => return done,
            }
        }
    }

    #[test]
    fn a_report_worked_out_in_the_background_is_the_one_worked_out_at_once_with_its_highlights() {
        let spec = HighlightSpec::parse("critical-path,visibility,heat,waits").expect("spec");
        let mut b = open("samples/en/bank-loan.ron");
        let mut view = AnalysisView::default();
        let Refresh::Worked(highlights) = refresh_until_done(&mut view, &b, 1, spec) else {
            panic!("worked out in the background");
        };
        let at_once = analyse(&b);
        assert_eq!(view.report(), Some(&at_once));
        assert_eq!(highlights, crate::analysis::highlights(&b, &at_once, spec));
        assert!(highlights.critical_path.is_some(), "the highlights asked for");
        // A revision it already has is current at once; a new one is worked out again.
        assert!(matches!(refresh_until_done(&mut view, &b, 1, spec), Refresh::Current));
        b.steps.remove(0);
        assert!(matches!(refresh_until_done(&mut view, &b, 2, spec), Refresh::Worked(_)));
        assert_eq!(view.report(), Some(&analyse(&b)), "of the blueprint without the step");
    }

    #[test]
    fn a_comparison_is_worked_out_in_the_background_too_and_only_against_the_blueprint_compared_with() {
        let spec = HighlightSpec::default();
        let mut b = open("samples/en/bank-loan.ron");
        let to_be = open("samples/en/bank-loan-to-be.ron");
        let mut view = AnalysisView::default();
        assert!(matches!(refresh_until_done(&mut view, &b, 1, spec), Refresh::Worked(_)));
        view.compare_with(PathBuf::from("to-be.ron"), to_be.clone());
        // Not compared on the calling thread: it asks to be called again, its report current.
        let ctx = egui::Context::default();
        let copy = || Arc::new(b.clone());
        assert!(matches!(
            view.refresh_in_background(&b, copy, 1, None, spec, &ctx),
            Refresh::Comparing
        ));
        assert!(matches!(refresh_until_done(&mut view, &b, 1, spec), Refresh::Worked(_)));
        assert_eq!(view.comparison(), Some((&compare(&b, &to_be), true)));
        // A title typed into the open blueprint: its report is patched, its comparison is not
        // current until worked out again.
        let before = b.steps[0].clone();
        b.steps[0].title += " (new)";
        let change = StepChange {
            before,
            after: b.steps[0].clone(),
        };
        let copy = || Arc::new(b.clone());
        assert!(matches!(
            view.refresh_in_background(&b, copy, 2, Some(&change), spec, &ctx),
            Refresh::Comparing
        ));
        assert_eq!(view.report(), Some(&analyse(&b)), "the report at once");
        assert!(matches!(refresh_until_done(&mut view, &b, 2, spec), Refresh::Worked(_)));
        assert_eq!(view.comparison(), Some((&compare(&b, &to_be), true)));
        // Compared with another file while a comparison is worked out: that one is dropped.
        b.steps.remove(1);
        let copy = || Arc::new(b.clone());
        view.refresh_in_background(&b, copy, 3, None, spec, &ctx);
        let as_is = open("samples/en/bank-loan.ron");
        view.compare_with(PathBuf::from("as-is.ron"), as_is.clone());
        refresh_until_done(&mut view, &b, 3, spec);
        assert_eq!(view.comparison(), Some((&compare(&b, &as_is), true)));
    }

    /// The panel of the bank-loan sample compared with its to-be version, with what it asked
    /// for after clicking `button`.
    fn click(button: &str, comparing: bool) -> Vec<Command> {
        let (before, after) = (open("samples/en/bank-loan.ron"), open("samples/en/bank-loan-to-be.ron"));
        let report = analyse(&before);
        let comparison = compare(&before, &after);
        // Tall enough that the comparison at the bottom is on screen; the first frame, before
        // the fonts are in, draws nothing.
        let mut harness = Harness::builder().with_size(egui::vec2(400.0, 4000.0)).build_ui_state(
            |ui, (ready, out): &mut (bool, Vec<Command>)| {
                if *ready {
                    let mut spec = HighlightSpec::default();
                    let shown = comparing.then_some((&comparison, true));
                    let versions = Versions {
                        comparison: shown,
                        paired: None,
                    };
                    panel_ui(ui, Lang::En, &report, &mut spec, versions, out);
                }
            },
            (false, Vec::new()),
        );
        crate::app::fonts::install(&harness.ctx);
        harness.state_mut().0 = true;
        harness.run();
        harness.get_by_label(button).click();
        harness.run();
        harness.state().1.clone()
    }

    #[test]
    fn the_counts_name_evidence_items_apart_and_unclassified_value_is_not_zero() {
        let mut unclassified = open("samples/en/bank-loan.ron");
        for step in &mut unclassified.steps {
            step.value = None;
        }
        for (lang, counts, value) in [
            (
                Lang::En,
                "25 steps + 6 evidence items · 28 flows · 9 markers",
                "value-adding not classified",
            ),
            (
                Lang::Zh,
                "25 个步骤 + 6 项有形展示 · 28 条流程线 · 9 个标记",
                "增值时间未分类",
            ),
        ] {
            let report = analyse(&unclassified);
            let mut harness = Harness::builder().with_size(egui::vec2(400.0, 2000.0)).build_ui_state(
                |ui, ready: &mut bool| {
                    if *ready {
                        let mut spec = HighlightSpec::default();
                        panel_ui(ui, lang, &report, &mut spec, Versions::default(), &mut Vec::new());
                    }
                },
                false,
            );
            crate::app::fonts::install(&harness.ctx);
            *harness.state_mut() = true;
            harness.run();
            harness.get_by_label(counts);
            let waiting =
                harness.query_all_by(|node| node.value().or(node.label()).is_some_and(|text| text.ends_with(value)));
            assert!(waiting.count() > 0, "{lang:?}: {value}");
        }
    }

    #[test]
    fn the_panels_requests_arrive_as_commands() {
        assert_eq!(click("Compare with…", false), [Command::PickComparison]);
        assert_eq!(click("Export table slide…", true), [Command::ExportComparison]);
        assert_eq!(click("Stop comparing", true), [Command::StopComparing]);
    }
}
