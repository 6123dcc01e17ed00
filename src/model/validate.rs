//! Structural checks: what a well-formed blueprint must satisfy beyond its types.

use super::blueprint::Blueprint;
use super::index::Index;
use super::lane::LaneKind;
use super::marker::{MarkerTarget, NoteTarget, SEVERITY_RANGE};
use std::collections::HashSet;
use std::fmt;

/// One thing wrong with a blueprint, naming the offending id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The id of the lane, stage, step, flow, marker or note at fault (or `blueprint`).
    pub id: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
    /// Line and column (1-based) in the file, where the file layer could find them.
    pub place: Option<(usize, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.id, self.message)
    }
}

/// The most minutes a duration or wait may hold (about 1,900 years): far beyond any service, and
/// small enough that adding up every step of the largest blueprint stays finite and exact.
pub const MAX_MINUTES: f64 = 1e9;

/// Every structural problem of `blueprint`, in document order; empty when it is valid.
pub fn validate(blueprint: &Blueprint) -> Vec<Problem> {
    let mut problems = Problems::default();
    unique_ids(blueprint, &mut problems);
    standard_lanes(blueprint, &mut problems);
    if blueprint.stages.is_empty() {
        problems.add("blueprint", "a blueprint needs at least one stage".to_owned());
    }
    let index = blueprint.index();
    steps(blueprint, &index, &mut problems);
    flows(blueprint, &index, &mut problems);
    markers_and_notes(blueprint, &index, &mut problems);
    problems.0
}

/// Problems found so far, in the order found.
#[derive(Default)]
struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, id: &str, message: String) {
        self.0.push(Problem {
            id: if id.is_empty() {
                "(empty id)".to_owned()
            } else {
                id.to_owned()
            },
            message,
            place: None,
        });
    }
}

/// Ids are non-empty and unique within their kind.
fn unique_ids(blueprint: &Blueprint, problems: &mut Problems) {
    let mut check = |what: &str, ids: Vec<&str>| {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                problems.add(id, format!("a {what} has an empty id"));
            } else if !seen.insert(id) {
                problems.add(id, format!("duplicate {what} id"));
            }
        }
    };
    check("lane", blueprint.lanes.iter().map(|l| l.id.as_str()).collect());
    check("stage", blueprint.stages.iter().map(|s| s.id.as_str()).collect());
    check("step", blueprint.steps.iter().map(|s| s.id.as_str()).collect());
    check("flow", blueprint.flows.iter().map(|f| f.id.as_str()).collect());
    check("marker", blueprint.markers.iter().map(|m| m.id.as_str()).collect());
    check("note", blueprint.notes.iter().map(|n| n.id.as_str()).collect());
}

/// The standard lanes: each once, in order, so the three lines sit where the method says.
fn standard_lanes(blueprint: &Blueprint, problems: &mut Problems) {
    let mut last_standard: Option<(usize, LaneKind)> = None;
    for kind in LaneKind::STANDARD {
        let found: Vec<usize> = blueprint
            .lanes
            .iter()
            .enumerate()
            .filter(|(_, lane)| lane.kind == kind)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [] => problems.add("blueprint", format!("the standard lane {} is missing", kind.key())),
            [index] => {
                if let Some((previous, previous_kind)) = last_standard
                    && *index < previous
                {
                    problems.add(
                        blueprint.lanes[*index].id.as_str(),
                        format!(
                            "lane {} must come below lane {}: the standard lanes keep their order",
                            kind.key(),
                            previous_kind.key()
                        ),
                    );
                }
                last_standard = Some((*index, kind));
            }
            [_, extra @ ..] => {
                for &index in extra {
                    problems.add(
                        blueprint.lanes[index].id.as_str(),
                        format!("a second {} lane; each standard lane appears once", kind.key()),
                    );
                }
            }
        }
    }
}

/// Each step sits in a lane and stage that exist, with times and emotion in range.
fn steps(blueprint: &Blueprint, index: &Index<'_>, problems: &mut Problems) {
    for step in &blueprint.steps {
        let id = step.id.as_str();
        if index.lane(&step.lane).is_none() {
            problems.add(id, format!("step is in lane \"{}\", which does not exist", step.lane));
        }
        if index.stage(&step.stage).is_none() {
            problems.add(id, format!("step is in stage \"{}\", which does not exist", step.stage));
        }
        for (what, minutes) in [("duration_min", step.duration_min), ("wait_min", step.wait_min)] {
            if let Some(minutes) = minutes
                && !(minutes.is_finite() && (0.0..=MAX_MINUTES).contains(&minutes))
            {
                problems.add(
                    id,
                    format!("{what} is {minutes}; it must be a number of minutes from 0 to {MAX_MINUTES}"),
                );
            }
        }
        if let Some(emotion) = step.emotion
            && !(-2..=2).contains(&emotion)
        {
            problems.add(id, format!("emotion is {emotion}; it must be between -2 and 2"));
        }
    }
}

/// Each flow joins two different steps that exist.
fn flows(blueprint: &Blueprint, index: &Index<'_>, problems: &mut Problems) {
    for flow in &blueprint.flows {
        let id = flow.id.as_str();
        for (end, step) in [("from", &flow.from), ("to", &flow.to)] {
            if index.step(step).is_none() {
                problems.add(id, format!("flow {end} step \"{step}\", which does not exist"));
            }
        }
        if flow.from == flow.to {
            problems.add(id, format!("flow goes from step \"{}\" to itself", flow.from));
        }
    }
}

/// Markers and notes are on things that exist; severities in range.
fn markers_and_notes(blueprint: &Blueprint, index: &Index<'_>, problems: &mut Problems) {
    for marker in &blueprint.markers {
        let id = marker.id.as_str();
        match &marker.target {
            MarkerTarget::Step(step) if index.step(step).is_none() => {
                problems.add(id, format!("marker is on step \"{step}\", which does not exist"));
            }
            MarkerTarget::Stage(stage) if index.stage(stage).is_none() => {
                problems.add(id, format!("marker is on stage \"{stage}\", which does not exist"));
            }
            _ => {}
        }
        match marker.severity {
            Some(severity) if !SEVERITY_RANGE.contains(&severity) => problems.add(
                id,
                format!(
                    "severity is {severity}; it must be between {} and {}",
                    SEVERITY_RANGE.start(),
                    SEVERITY_RANGE.end()
                ),
            ),
            None if marker.kind.needs_severity() => problems.add(
                id,
                format!(
                    "a {} needs a severity from {} to {}",
                    marker.kind.key().replace('_', " "),
                    SEVERITY_RANGE.start(),
                    SEVERITY_RANGE.end()
                ),
            ),
            _ => {}
        }
    }
    for note in &blueprint.notes {
        if let NoteTarget::Step(step) = &note.target
            && index.step(step).is_none()
        {
            problems.add(
                note.id.as_str(),
                format!("note is on step \"{step}\", which does not exist"),
            );
        }
    }
}

/// Groups of flows (indices into `blueprint.flows`, in document order) that repeat one another's
/// from, to and direction; a two-way flow has no direction, so `a ↔ b` repeats `b ↔ a`.
pub fn duplicate_flows(blueprint: &Blueprint) -> Vec<Vec<usize>> {
    let mut groups: foldhash::HashMap<(&str, &str, bool), Vec<usize>> = foldhash::HashMap::default();
    for (i, flow) in blueprint.flows.iter().enumerate() {
        let (from, to) = (flow.from.as_str(), flow.to.as_str());
        let key = if flow.two_way && to < from {
            (to, from, true)
        } else {
            (from, to, flow.two_way)
        };
        groups.entry(key).or_default().push(i);
    }
    let mut repeated: Vec<Vec<usize>> = groups.into_values().filter(|group| group.len() > 1).collect();
    repeated.sort_unstable();
    repeated
}

/// Things that are allowed but usually a slip, by id: today, duplicate flows.
pub fn warnings(blueprint: &Blueprint) -> Vec<Problem> {
    duplicate_flows(blueprint)
        .into_iter()
        .map(|group| {
            let flow = &blueprint.flows[group[0]];
            let ids: Vec<&str> = group.iter().map(|&i| blueprint.flows[i].id.as_str()).collect();
            let arrow = if flow.two_way { "↔" } else { "→" };
            Problem {
                id: flow.id.0.clone(),
                message: format!(
                    "flows {} all go {} {arrow} {}: a duplicate flow is usually a slip",
                    ids.join(", "),
                    flow.from,
                    flow.to
                ),
                place: None,
            }
        })
        .collect()
}
