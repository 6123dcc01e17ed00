//! The analysis report of one blueprint: counts, handoffs across the three lines, lead time and
//! its waiting, loops, orphans and gaps. Rules and their limits: docs/ANALYSIS.md.

use super::graph::{StepGraph, customer_span};
use crate::model::{Basis, Blueprint, Index, LaneKind, Line, MarkerKind, MarkerTarget, Step, ValueClass};
use foldhash::HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// A step as the report names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepRef {
    /// Stable id.
    pub id: String,
    /// Card title.
    pub title: String,
    /// Lane name.
    pub lane: String,
    /// Stage name.
    pub stage: String,
}

/// A flow across a line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Handoff {
    /// Flow id.
    pub flow: String,
    /// Where it starts.
    pub from: StepRef,
    /// Where it points.
    pub to: StepRef,
    /// Whether it runs both ways.
    pub two_way: bool,
}

/// Flows across each of the three lines.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Handoffs {
    /// Across the line of interaction (customer ↔ frontstage).
    pub interaction: Vec<Handoff>,
    /// Across the line of visibility (frontstage ↔ backstage).
    pub visibility: Vec<Handoff>,
    /// Across the line of internal interaction (backstage ↔ support).
    pub internal: Vec<Handoff>,
}

impl Handoffs {
    /// The handoffs across one line.
    pub fn across(&self, line: Line) -> &[Handoff] {
        match line {
            Line::Interaction => &self.interaction,
            Line::Visibility => &self.visibility,
            Line::Internal => &self.internal,
        }
    }
}

/// Flows that repeat one another.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DuplicateFlows {
    /// Their ids, in document order.
    pub flows: Vec<String>,
    /// Where they start.
    pub from: StepRef,
    /// Where they point.
    pub to: StepRef,
}

/// Steps in one lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneCount {
    /// Lane id.
    pub lane: String,
    /// Lane name.
    pub name: String,
    /// Steps in it.
    pub steps: usize,
}

/// Steps and markers in one stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageCount {
    /// Stage id.
    pub stage: String,
    /// Stage name.
    pub name: String,
    /// Steps in it, its evidence items apart, as [`Report::steps`] counts them.
    pub steps: usize,
    /// Markers on its steps or on the stage, by kind key.
    pub markers: BTreeMap<String, usize>,
    /// Sum of the severities of its pain points.
    pub pain_severity: u32,
    /// Minutes waited before its steps, all of them: waits beside the critical path or side by
    /// side count too, so the stages can add up to more than the lead time.
    pub wait_minutes: f64,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Blueprint title.
    pub title: String,
    /// `as_is` or `to_be`.
    pub state: String,
    /// Number of steps of the process: every step outside the physical-evidence lane.
    pub steps: usize,
    /// Number of physical-evidence items (the steps in the evidence lane), counted apart: they are
    /// what the customer sees, not work anyone does.
    pub evidence_items: usize,
    /// Number of flows.
    pub flows: usize,
    /// Number of markers.
    pub markers: usize,
    /// Markers by kind key (`pain_point`, …).
    pub markers_by_kind: BTreeMap<String, usize>,
    /// Steps per lane, top to bottom.
    pub steps_per_lane: Vec<LaneCount>,
    /// Steps and markers per stage, left to right.
    pub stages: Vec<StageCount>,
    /// Flows across the three lines.
    pub handoffs: Handoffs,
    /// Longest path from the first to the last customer step, by duration + wait; `None` when no
    /// chain of flows joins them.
    pub lead_time_minutes: Option<f64>,
    /// The waiting on that path.
    pub wait_minutes: Option<f64>,
    /// `wait_minutes / lead_time_minutes`.
    pub wait_share: Option<f64>,
    /// Duration of value-adding steps on that path.
    pub value_adding_minutes: Option<f64>,
    /// `value_adding_minutes / lead_time_minutes`; `None` (with the minutes) when no step of the
    /// blueprint has a value class, as 0 % would blame a blueprint that only left them out.
    pub value_adding_share: Option<f64>,
    /// The steps on that path, in order.
    pub critical_path: Vec<StepRef>,
    /// Rework cycles: groups of steps that flows join in a circle.
    pub loops: Vec<Vec<StepRef>>,
    /// Steps no flow reaches or leaves (physical evidence aside).
    pub orphans: Vec<StepRef>,
    /// Customer steps in a stage that shows no physical evidence.
    pub customer_steps_without_evidence: Vec<StepRef>,
    /// Steps with a fail point but no owner.
    pub fail_points_without_owner: Vec<StepRef>,
    /// Steps on the critical path whose duration is not filled in.
    pub steps_without_duration: Vec<StepRef>,
    /// Flows that repeat another's from, to and direction: each group as flow ids, usually a slip.
    pub duplicate_flows: Vec<DuplicateFlows>,
    /// What to keep in mind reading the numbers.
    pub caveats: Vec<String>,
}

impl Report {
    /// Gives step `id` its new `title` wherever the report names it: all a change does to the
    /// report when it leaves the fields analysis reads alone (see [`same_for_analysis`]).
    pub fn retitle(&mut self, id: &str, title: &str) {
        let Report {
            handoffs,
            critical_path,
            loops,
            orphans,
            customer_steps_without_evidence,
            fail_points_without_owner,
            steps_without_duration,
            duplicate_flows,
            ..
        } = self;
        let Handoffs {
            interaction,
            visibility,
            internal,
        } = handoffs;
        let across = interaction
            .iter_mut()
            .chain(visibility.iter_mut())
            .chain(internal.iter_mut())
            .flat_map(|h| [&mut h.from, &mut h.to]);
        let refs = critical_path
            .iter_mut()
            .chain(loops.iter_mut().flatten())
            .chain(orphans.iter_mut())
            .chain(customer_steps_without_evidence.iter_mut())
            .chain(fail_points_without_owner.iter_mut())
            .chain(steps_without_duration.iter_mut())
            .chain(across)
            .chain(duplicate_flows.iter_mut().flat_map(|d| [&mut d.from, &mut d.to]));
        for step in refs.filter(|r| r.id == id) {
            step.title = title.to_owned();
        }
    }
}

/// Whether a report stays the same, titles apart, when step `before` becomes `after`: analysis
/// reads a step's place, times, value, owner and evidence, not its description, channel,
/// standard or emotion.
pub fn same_for_analysis(before: &Step, after: &Step) -> bool {
    before.id == after.id
        && before.lane == after.lane
        && before.stage == after.stage
        && before.order == after.order
        && before.duration_min == after.duration_min
        && before.wait_min == after.wait_min
        && before.value == after.value
        && before.owner == after.owner
        && before.basis == after.basis
}

/// Lane and stage names by id, so naming many steps stays linear.
pub(crate) struct Names<'a> {
    b: &'a Blueprint,
    index: Index<'a>,
}

impl<'a> Names<'a> {
    pub(crate) fn new(b: &'a Blueprint) -> Names<'a> {
        Names { b, index: b.index() }
    }

    /// Step `i` as the report names it.
    pub(crate) fn step(&self, i: usize) -> StepRef {
        let step = &self.b.steps[i];
        StepRef {
            id: step.id.0.clone(),
            title: step.title.clone(),
            lane: self
                .index
                .lane(&step.lane)
                .map_or("", |i| &self.b.lanes[i].name)
                .to_owned(),
            stage: self
                .index
                .stage(&step.stage)
                .map_or("", |j| &self.b.stages[j].name)
                .to_owned(),
        }
    }
}

/// Analyses a (valid) blueprint.
pub fn analyse(b: &Blueprint) -> Report {
    let positions = b.index();
    let names = Names::new(b);

    // Counts.
    let mut markers_by_kind = BTreeMap::new();
    for kind in MarkerKind::ALL {
        markers_by_kind.insert(
            kind.key().to_owned(),
            b.markers.iter().filter(|m| m.kind == kind).count(),
        );
    }
    let steps_per_lane = b
        .lanes
        .iter()
        .map(|l| LaneCount {
            lane: l.id.0.clone(),
            name: l.name.clone(),
            steps: b.steps.iter().filter(|s| s.lane == l.id).count(),
        })
        .collect();
    let stages = stage_counts(b, &positions);
    let evidence_items = b
        .steps
        .iter()
        .filter(|s| {
            positions
                .lane(&s.lane)
                .is_some_and(|l| b.lanes[l].kind == LaneKind::Evidence)
        })
        .count();

    let handoffs = find_handoffs(b, &positions, &names);

    // Lead time along the longest path between the first and the last customer step.
    let graph = StepGraph::new(b);
    let minutes = |i: usize| b.steps[i].duration_min.unwrap_or(0.0) + b.steps[i].wait_min.unwrap_or(0.0);
    let path = customer_span(b).and_then(|(first, last)| graph.longest_path(first, last, minutes));
    let mut caveats = vec!["Durations and waits are the estimates drawn on the blueprint, not measurements; the lead time is only as good as they are.".to_owned()];
    // `+ 0.0` turns the `-0.0` that an empty f64 sum gives into 0, which prints as "0", not "-0".
    let total = |minutes: &mut dyn Iterator<Item = f64>| minutes.sum::<f64>() + 0.0;
    let classified = b.steps.iter().any(|s| s.value.is_some());
    let (lead, wait, value) = match &path {
        Some(path) => (
            Some(total(&mut path.iter().map(|&i| minutes(i)))),
            Some(total(&mut path.iter().filter_map(|&i| b.steps[i].wait_min))),
            classified.then(|| {
                total(
                    &mut path
                        .iter()
                        .filter(|&&i| b.steps[i].value == Some(ValueClass::ValueAdding))
                        .filter_map(|&i| b.steps[i].duration_min),
                )
            }),
        ),
        None => {
            caveats.push(
                "No chain of flows leads from the first to the last customer step, so there is no lead time."
                    .to_owned(),
            );
            (None, None, None)
        }
    };
    let share = |part: Option<f64>| match (part, lead) {
        (Some(part), Some(lead)) if lead > 0.0 => Some(part / lead),
        _ => None,
    };
    let steps_without_duration: Vec<StepRef> = path
        .iter()
        .flatten()
        .filter(|&&i| b.steps[i].duration_min.is_none())
        .map(|&i| names.step(i))
        .collect();
    if !steps_without_duration.is_empty() {
        caveats.push("Some steps on the critical path have no duration; they count as 0.".to_owned());
    }
    let loops: Vec<Vec<StepRef>> = graph
        .loops()
        .into_iter()
        .map(|l| l.into_iter().map(|i| names.step(i)).collect())
        .collect();
    if !loops.is_empty() {
        caveats
            .push("Rework loops are counted once in the lead time; each extra round adds its steps again.".to_owned());
    }

    let Gaps {
        orphans,
        customer_steps_without_evidence,
        fail_points_without_owner,
        duplicate_flows,
    } = gaps(b, &positions, &names, &graph);
    if b.steps.iter().any(|s| s.basis == Basis::Assumed) {
        caveats
            .push("Some steps are marked as assumed: check them with the people who deliver the service.".to_owned());
    }

    Report {
        title: b.title.clone(),
        state: match b.state {
            crate::model::ServiceState::AsIs => "as_is".to_owned(),
            crate::model::ServiceState::ToBe => "to_be".to_owned(),
        },
        steps: b.steps.len() - evidence_items,
        evidence_items,
        flows: b.flows.len(),
        markers: b.markers.len(),
        markers_by_kind,
        steps_per_lane,
        stages,
        handoffs,
        lead_time_minutes: lead,
        wait_minutes: wait,
        wait_share: share(wait),
        value_adding_minutes: value,
        value_adding_share: share(value),
        critical_path: path.iter().flatten().map(|&i| names.step(i)).collect(),
        loops,
        orphans,
        customer_steps_without_evidence,
        fail_points_without_owner,
        steps_without_duration,
        duplicate_flows,
        caveats,
    }
}

/// Steps, markers, pain and waiting filed by stage, in one pass over steps and markers.
fn stage_counts(b: &Blueprint, positions: &Index<'_>) -> Vec<StageCount> {
    let stage_index: HashMap<_, _> = b.stages.iter().enumerate().map(|(j, s)| (&s.id, j)).collect();
    let mut stages: Vec<StageCount> = b
        .stages
        .iter()
        .map(|stage| StageCount {
            stage: stage.id.0.clone(),
            name: stage.name.clone(),
            steps: 0,
            markers: MarkerKind::ALL.iter().map(|k| (k.key().to_owned(), 0)).collect(),
            pain_severity: 0,
            wait_minutes: 0.0,
        })
        .collect();
    let evidence = b.lane_of_kind(LaneKind::Evidence).map(|l| &l.id);
    for step in &b.steps {
        if let Some(&j) = stage_index.get(&step.stage) {
            // Counted as the report counts steps: evidence items are things, not steps.
            if Some(&step.lane) != evidence {
                stages[j].steps += 1;
            }
            stages[j].wait_minutes += step.wait_min.unwrap_or(0.0);
        }
    }
    for marker in &b.markers {
        let stage = match &marker.target {
            MarkerTarget::Stage(id) => stage_index.get(id).copied(),
            MarkerTarget::Step(id) => positions
                .step(id)
                .and_then(|i| stage_index.get(&b.steps[i].stage).copied()),
        };
        if let Some(j) = stage {
            *stages[j].markers.entry(marker.kind.key().to_owned()).or_insert(0) += 1;
            if marker.kind == MarkerKind::PainPoint {
                stages[j].pain_severity += u32::from(marker.severity.unwrap_or(0));
            }
        }
    }
    stages
}

/// Flows that cross each of the three lines.
fn find_handoffs(b: &Blueprint, positions: &Index<'_>, names: &Names<'_>) -> Handoffs {
    let lane_index: HashMap<_, _> = b.lanes.iter().enumerate().map(|(i, l)| (&l.id, i)).collect();
    let mut handoffs = Handoffs::default();
    for flow in &b.flows {
        let (Some(from), Some(to)) = (positions.step(&flow.from), positions.step(&flow.to)) else {
            continue;
        };
        let (Some(&a), Some(&z)) = (lane_index.get(&b.steps[from].lane), lane_index.get(&b.steps[to].lane)) else {
            continue;
        };
        for line in b.lines_between(a, z) {
            let handoff = Handoff {
                flow: flow.id.0.clone(),
                from: names.step(from),
                to: names.step(to),
                two_way: flow.two_way,
            };
            match line {
                Line::Interaction => handoffs.interaction.push(handoff),
                Line::Visibility => handoffs.visibility.push(handoff),
                Line::Internal => handoffs.internal.push(handoff),
            }
        }
    }
    handoffs
}

/// What the blueprint leaves open.
struct Gaps {
    orphans: Vec<StepRef>,
    customer_steps_without_evidence: Vec<StepRef>,
    fail_points_without_owner: Vec<StepRef>,
    duplicate_flows: Vec<DuplicateFlows>,
}

/// Steps with no flow, customer steps with no evidence in their stage, fail points without an
/// owner, and flows drawn twice.
fn gaps(b: &Blueprint, positions: &Index<'_>, names: &Names<'_>, graph: &StepGraph) -> Gaps {
    let lane_kind = |i: usize| b.lane(&b.steps[i].lane).map(|l| l.kind);
    let mut linked = vec![false; b.steps.len()];
    for edge in graph.graph.edge_indices() {
        if let Some((u, v)) = graph.graph.edge_endpoints(edge) {
            linked[u.index()] = true;
            linked[v.index()] = true;
        }
    }
    let orphans = (0..b.steps.len())
        .filter(|&i| !linked[i] && lane_kind(i) != Some(LaneKind::Evidence))
        .map(|i| names.step(i))
        .collect();
    let evidence_stages: foldhash::HashSet<_> = (0..b.steps.len())
        .filter(|&i| lane_kind(i) == Some(LaneKind::Evidence))
        .map(|i| &b.steps[i].stage)
        .collect();
    let customer_steps_without_evidence = (0..b.steps.len())
        .filter(|&i| lane_kind(i) == Some(LaneKind::Customer) && !evidence_stages.contains(&b.steps[i].stage))
        .map(|i| names.step(i))
        .collect();
    let mut fail_points_without_owner: Vec<StepRef> = b
        .markers
        .iter()
        .filter(|m| m.kind == MarkerKind::FailPoint)
        .filter_map(|m| match &m.target {
            MarkerTarget::Step(id) => positions.step(id),
            MarkerTarget::Stage(_) => None,
        })
        .filter(|&i| b.steps[i].owner.trim().is_empty())
        .map(|i| names.step(i))
        .collect();
    fail_points_without_owner.dedup();
    let duplicate_flows = crate::model::duplicate_flows(b)
        .into_iter()
        .filter_map(|group| {
            let flow = &b.flows[group[0]];
            let (from, to) = (positions.step(&flow.from)?, positions.step(&flow.to)?);
            Some(DuplicateFlows {
                flows: group.iter().map(|&i| b.flows[i].id.0.clone()).collect(),
                from: names.step(from),
                to: names.step(to),
            })
        })
        .collect();
    Gaps {
        orphans,
        customer_steps_without_evidence,
        fail_points_without_owner,
        duplicate_flows,
    }
}
