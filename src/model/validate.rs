//! Structural checks: what a well-formed blueprint must satisfy beyond its types.

use super::blueprint::Blueprint;
use super::lane::LaneKind;
use super::marker::{MarkerTarget, NoteTarget, SEVERITY_RANGE};
use std::collections::{HashMap, HashSet};
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
    let mut problems = Vec::new();
    let mut report = |id: &str, message: String| {
        problems.push(Problem {
            id: if id.is_empty() {
                "(empty id)".to_owned()
            } else {
                id.to_owned()
            },
            message,
            place: None,
        });
    };

    let check_ids = |what: &str, ids: Vec<&str>, report: &mut dyn FnMut(&str, String)| {
        let mut seen = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                report(id, format!("a {what} has an empty id"));
            } else if !seen.insert(id) {
                report(id, format!("duplicate {what} id"));
            }
        }
    };
    check_ids(
        "lane",
        blueprint.lanes.iter().map(|l| l.id.as_str()).collect(),
        &mut report,
    );
    check_ids(
        "stage",
        blueprint.stages.iter().map(|s| s.id.as_str()).collect(),
        &mut report,
    );
    check_ids(
        "step",
        blueprint.steps.iter().map(|s| s.id.as_str()).collect(),
        &mut report,
    );
    check_ids(
        "flow",
        blueprint.flows.iter().map(|f| f.id.as_str()).collect(),
        &mut report,
    );
    check_ids(
        "marker",
        blueprint.markers.iter().map(|m| m.id.as_str()).collect(),
        &mut report,
    );
    check_ids(
        "note",
        blueprint.notes.iter().map(|n| n.id.as_str()).collect(),
        &mut report,
    );

    // The standard lanes: each once, in order, so the three lines sit where the method says.
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
            [] => report("blueprint", format!("the standard lane {} is missing", kind.key())),
            [index] => {
                if let Some((previous, previous_kind)) = last_standard
                    && *index < previous
                {
                    report(
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
                    report(
                        blueprint.lanes[index].id.as_str(),
                        format!("a second {} lane; each standard lane appears once", kind.key()),
                    );
                }
            }
        }
    }
    if blueprint.stages.is_empty() {
        report("blueprint", "a blueprint needs at least one stage".to_owned());
    }

    let lane_ids: HashSet<&str> = blueprint.lanes.iter().map(|l| l.id.as_str()).collect();
    let stage_ids: HashSet<&str> = blueprint.stages.iter().map(|s| s.id.as_str()).collect();
    let step_ids: HashSet<&str> = blueprint.steps.iter().map(|s| s.id.as_str()).collect();

    for step in &blueprint.steps {
        let id = step.id.as_str();
        if !lane_ids.contains(step.lane.as_str()) {
            report(id, format!("step is in lane \"{}\", which does not exist", step.lane));
        }
        if !stage_ids.contains(step.stage.as_str()) {
            report(id, format!("step is in stage \"{}\", which does not exist", step.stage));
        }
        for (what, minutes) in [("duration_min", step.duration_min), ("wait_min", step.wait_min)] {
            if let Some(minutes) = minutes
                && !(minutes.is_finite() && (0.0..=MAX_MINUTES).contains(&minutes))
            {
                report(
                    id,
                    format!("{what} is {minutes}; it must be a number of minutes from 0 to {MAX_MINUTES}"),
                );
            }
        }
        if let Some(emotion) = step.emotion
            && !(-2..=2).contains(&emotion)
        {
            report(id, format!("emotion is {emotion}; it must be between -2 and 2"));
        }
    }

    for flow in &blueprint.flows {
        let id = flow.id.as_str();
        for (end, step) in [("from", &flow.from), ("to", &flow.to)] {
            if !step_ids.contains(step.as_str()) {
                report(id, format!("flow {end} step \"{step}\", which does not exist"));
            }
        }
        if flow.from == flow.to {
            report(id, format!("flow goes from step \"{}\" to itself", flow.from));
        }
    }

    for marker in &blueprint.markers {
        let id = marker.id.as_str();
        match &marker.target {
            MarkerTarget::Step(step) if !step_ids.contains(step.as_str()) => {
                report(id, format!("marker is on step \"{step}\", which does not exist"));
            }
            MarkerTarget::Stage(stage) if !stage_ids.contains(stage.as_str()) => {
                report(id, format!("marker is on stage \"{stage}\", which does not exist"));
            }
            _ => {}
        }
        if !SEVERITY_RANGE.contains(&marker.severity) {
            report(
                id,
                format!(
                    "severity is {}; it must be between {} and {}",
                    marker.severity,
                    SEVERITY_RANGE.start(),
                    SEVERITY_RANGE.end()
                ),
            );
        }
    }

    for note in &blueprint.notes {
        if let NoteTarget::Step(step) = &note.target
            && !step_ids.contains(step.as_str())
        {
            report(
                note.id.as_str(),
                format!("note is on step \"{step}\", which does not exist"),
            );
        }
    }
    problems
}

/// Groups of flows (indices into `blueprint.flows`, in document order) that repeat one another's
/// from, to and direction; a two-way flow has no direction, so `a ↔ b` repeats `b ↔ a`.
pub fn duplicate_flows(blueprint: &Blueprint) -> Vec<Vec<usize>> {
    let mut groups: HashMap<(&str, &str, bool), Vec<usize>> = HashMap::new();
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
