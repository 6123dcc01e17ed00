//! What each group of the scene stands for: id, classes and description of a step, flow,
//! marker, lane, stage or line, for exports that keep the drawing's meaning (SVG).

use super::Scene;
use crate::model::{Basis, Blueprint, Flow, Index, LaneKind, Line, Step, StepId, ValueClass};
use crate::style::DrawingTexts;

impl Scene {
    /// Begins the group of lane `index`.
    pub(super) fn begin_lane(&mut self, blueprint: &Blueprint, index: usize, kind: LaneKind) {
        let (id, name) = blueprint.lanes.get(index).map_or_else(
            || (index.to_string(), None),
            |l| (l.id.to_string(), Some(l.name.clone())),
        );
        self.begin_group(format!("lane-{id}"), format!("lane {}", lane_class(kind)), name);
    }

    /// Begins the group of stage `index`.
    pub(super) fn begin_stage(&mut self, blueprint: &Blueprint, index: usize) {
        let name = blueprint.stages.get(index).map(|s| s.name.clone());
        self.begin_group(
            format!("stage-{}", stage_id(blueprint, index)),
            "stage".to_owned(),
            name,
        );
    }

    /// Begins the group of stage `index`'s pain-point heat strip (an analysis highlight).
    pub(super) fn begin_heat(&mut self, blueprint: &Blueprint, index: usize) {
        self.begin_group(
            format!("heat-{}", stage_id(blueprint, index)),
            "highlight heat".to_owned(),
            None,
        );
    }

    /// Begins the group of one of the three lines.
    pub(super) fn begin_line(&mut self, line: Line, texts: &DrawingTexts) {
        self.begin_group(
            format!("line-{}", line.key()),
            format!("line {}", line.key()),
            Some(texts.line(line).to_owned()),
        );
    }

    /// Begins the group of step `index`: its lane kind, evidence and lean class as classes, and
    /// title, owner and times as the description.
    pub(super) fn begin_step(
        &mut self,
        blueprint: &Blueprint,
        index: usize,
        lane: LaneKind,
        highlighted: bool,
        texts: &DrawingTexts,
    ) {
        let Some(step) = blueprint.steps.get(index) else {
            self.begin_group(format!("step-{index}"), "step".to_owned(), None);
            return;
        };
        let mut class = format!("step {}", lane_class(lane));
        class.push_str(match step.basis {
            Basis::Observed => " observed",
            Basis::Assumed => " assumed",
            Basis::Proposed => " proposed",
        });
        if let Some(value) = step.value {
            class.push_str(match value {
                ValueClass::ValueAdding => " value-adding",
                ValueClass::Necessary => " necessary",
                ValueClass::Waste => " waste",
            });
        }
        if highlighted {
            class.push_str(" highlighted");
        }
        let mut title = step.title.clone();
        for extra in [
            Some(step.owner.clone()).filter(|o| !o.trim().is_empty()),
            texts.card_times(step.duration_min, step.wait_min),
        ]
        .into_iter()
        .flatten()
        {
            title.push('\n');
            title.push_str(&extra);
        }
        self.begin_group(format!("step-{}", step.id), class, Some(title));
    }

    /// Begins the group of flow `index`: two-way and the lines it crosses as classes. `positions`
    /// finds its steps' titles without a search per flow.
    pub(super) fn begin_flow(
        &mut self,
        blueprint: &Blueprint,
        positions: &Index<'_>,
        index: usize,
        crosses: &[Line],
        highlighted: bool,
    ) {
        let Some(flow) = blueprint.flows.get(index) else {
            self.begin_group(format!("flow-{index}"), "flow".to_owned(), None);
            return;
        };
        let mut class = "flow".to_owned();
        if flow.two_way {
            class.push_str(" two-way");
        }
        for line in crosses {
            class.push_str(" crosses-");
            class.push_str(line.key());
        }
        if highlighted {
            class.push_str(" highlighted");
        }
        let step_of = |id: &StepId| positions.step(id).and_then(|i| blueprint.steps.get(i));
        self.begin_group(format!("flow-{}", flow.id), class, Some(flow_title(flow, step_of)));
    }

    /// Gives the group of `flow` its description again, after a step it joins was renamed.
    pub(super) fn retitle_flow<'a>(&mut self, flow: &Flow, step_of: impl Fn(&StepId) -> Option<&'a Step>) {
        let id = format!("flow-{}", flow.id);
        if let Some(group) = self.groups.iter_mut().find(|g| g.id == id) {
            group.title = Some(flow_title(flow, step_of));
        }
    }

    /// Begins the group of marker `index`: its kind as a class; kind, severity and note as the
    /// description.
    pub(super) fn begin_marker(&mut self, blueprint: &Blueprint, index: usize, texts: &DrawingTexts) {
        let Some(marker) = blueprint.markers.get(index) else {
            self.begin_group(format!("marker-{index}"), "marker".to_owned(), None);
            return;
        };
        let kind = marker.kind.key().replace('_', "-");
        let mut title = texts.marker(marker.kind).to_owned();
        if let Some(severity) = marker.severity {
            title.push_str(&format!(" {severity}/5"));
        }
        if !marker.note.trim().is_empty() {
            title.push('\n');
            title.push_str(&marker.note);
        }
        self.begin_group(format!("marker-{}", marker.id), format!("marker {kind}"), Some(title));
    }
}

/// The model id of stage `index` (its position if the layout outran the model).
fn stage_id(blueprint: &Blueprint, index: usize) -> String {
    blueprint
        .stages
        .get(index)
        .map_or_else(|| index.to_string(), |s| s.id.to_string())
}

/// A lane kind as a class name.
fn lane_class(kind: LaneKind) -> String {
    kind.key().to_ascii_lowercase()
}

/// A flow's description: its label over "first step → next step", by title.
fn flow_title<'a>(flow: &Flow, step_of: impl Fn(&StepId) -> Option<&'a Step>) -> String {
    let title_of = |id: &StepId| step_of(id).map_or_else(|| id.to_string(), |s| s.title.clone());
    let arrow = if flow.two_way { "↔" } else { "→" };
    let title = format!("{} {arrow} {}", title_of(&flow.from), title_of(&flow.to));
    if flow.label.trim().is_empty() {
        title
    } else {
        format!("{}\n{title}", flow.label)
    }
}
