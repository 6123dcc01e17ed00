//! Analysis: the blueprint as a graph (petgraph) — handoffs across the three lines, lead time and
//! waiting on the longest customer path, loops, orphans and gaps — and as-is against to-be.

mod compare;
mod graph;
mod report;
mod text;

pub use compare::{Better, Changed, Comparison, Metric, MetricKind, Unit, compare};
pub use graph::StepGraph;
pub use report::{
    DuplicateFlows, Handoff, Handoffs, LaneCount, Report, StageCount, StepRef, analyse, same_for_analysis,
};
pub use text::{caveat, comparison_text, report_text};

use crate::model::Blueprint;
use crate::scene::{CriticalPath, Highlights};
use serde::{Deserialize, Serialize};

/// Which analysis results to draw on the blueprint (on the canvas and in exports).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HighlightSpec {
    /// The longest customer path: its steps and the flows between them.
    pub critical_path: bool,
    /// Flows across the line of visibility.
    pub visibility_handoffs: bool,
    /// Pain-point severity as a heat strip under each stage header.
    pub pain_heat: bool,
    /// Steps where the customer or the work waits.
    pub waits: bool,
}

impl HighlightSpec {
    /// Whether anything is switched on.
    pub fn any(self) -> bool {
        self.critical_path || self.visibility_handoffs || self.pain_heat || self.waits
    }

    /// Parses `critical-path,visibility,heat,waits` (the command line's spelling).
    pub fn parse(text: &str) -> Result<HighlightSpec, String> {
        let mut spec = HighlightSpec::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "critical-path" => spec.critical_path = true,
                "visibility" => spec.visibility_handoffs = true,
                "heat" => spec.pain_heat = true,
                "waits" => spec.waits = true,
                other => {
                    return Err(format!(
                        "`{other}` is not a highlight; use critical-path, visibility, heat or waits"
                    ));
                }
            }
        }
        Ok(spec)
    }
}

/// The minutes waited before each step that waits, by index into `b.steps`.
pub fn waiting_steps(b: &Blueprint) -> std::collections::BTreeMap<usize, f64> {
    b.steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.wait_min.filter(|&w| w > 0.0).map(|w| (i, w)))
        .collect()
}

/// The highlights `spec` asks for, computed on `b` (after any cropping, so indices match).
pub fn highlights(b: &Blueprint, report: &Report, spec: HighlightSpec) -> Highlights {
    let mut out = Highlights::default();
    if !spec.any() {
        return out;
    }
    let positions = b.index();
    let index = |id: &str| positions.step_named(id);
    // Flows by their ends and by id, so marking a long path stays linear.
    let by_ends: foldhash::HashMap<(&str, &str), usize> = b
        .flows
        .iter()
        .enumerate()
        .flat_map(|(f, flow)| {
            let forward = ((flow.from.as_str(), flow.to.as_str()), f);
            let back = flow.two_way.then_some(((flow.to.as_str(), flow.from.as_str()), f));
            std::iter::once(forward).chain(back)
        })
        .collect();
    if spec.critical_path {
        let path: Vec<usize> = report.critical_path.iter().filter_map(|s| index(&s.id)).collect();
        let mut critical = CriticalPath {
            steps: path.iter().copied().collect(),
            minutes: report.lead_time_minutes,
            ..CriticalPath::default()
        };
        for pair in path.windows(2) {
            if let Some(&f) = by_ends.get(&(b.steps[pair[0]].id.as_str(), b.steps[pair[1]].id.as_str())) {
                critical.flows.insert(f);
            }
        }
        out.critical_path = Some(critical);
    }
    if spec.visibility_handoffs {
        let by_id: foldhash::HashMap<&str, usize> = b
            .flows
            .iter()
            .enumerate()
            .map(|(f, flow)| (flow.id.as_str(), f))
            .collect();
        out.handoffs = Some(
            report
                .handoffs
                .visibility
                .iter()
                .filter_map(|h| by_id.get(h.flow.as_str()).copied())
                .collect(),
        );
    }
    if spec.waits {
        out.waits = Some(waiting_steps(b));
    }
    if spec.pain_heat {
        let max = report.stages.iter().map(|s| s.pain_severity).max().unwrap_or(0).max(1) as f32;
        out.stage_heat = Some(report.stages.iter().map(|s| s.pain_severity as f32 / max).collect());
    }
    out
}
