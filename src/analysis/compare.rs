//! As-is against to-be: which steps were added, removed or changed, and how the numbers moved.

use super::report::{Report, StepRef, analyse};
use crate::model::{Blueprint, LaneKind, Line, MarkerKind, Step};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A step found in both blueprints whose content differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed {
    /// The step before.
    pub before: StepRef,
    /// The step after.
    pub after: StepRef,
    /// How it was matched: `id` or `lane+title`.
    pub matched_by: String,
    /// Which fields differ (`title`, `lane`, `stage`, `duration_min`, …).
    pub fields: Vec<String>,
}

/// One number before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metric {
    /// Stable key.
    pub key: String,
    /// English label.
    pub label: String,
    /// Value in the as-is blueprint.
    pub before: Option<f64>,
    /// Value in the to-be blueprint.
    pub after: Option<f64>,
    /// `after - before`.
    pub change: Option<f64>,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Title of the first (as-is) blueprint.
    pub before_title: String,
    /// Title of the second (to-be) blueprint.
    pub after_title: String,
    /// Steps only in the second.
    pub added: Vec<StepRef>,
    /// Steps only in the first.
    pub removed: Vec<StepRef>,
    /// Steps in both that differ.
    pub changed: Vec<Changed>,
    /// Steps in both, unchanged.
    pub unchanged: usize,
    /// The numbers, before and after.
    pub metrics: Vec<Metric>,
}

fn normalise(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn lane_kind(b: &Blueprint, step: &Step) -> Option<LaneKind> {
    b.lane(&step.lane).map(|l| l.kind)
}

/// The fields in which two matched steps differ.
fn differences(a: &Blueprint, x: &Step, b: &Blueprint, y: &Step) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            fields.push(name.to_owned());
        }
    };
    check("title", x.title == y.title);
    let lane_name = |bp: &Blueprint, s: &Step| bp.lane(&s.lane).map(|l| (l.kind, l.name.clone()));
    check("lane", lane_name(a, x) == lane_name(b, y));
    let stage_name = |bp: &Blueprint, s: &Step| bp.stage(&s.stage).map(|st| st.name.clone());
    check("stage", stage_name(a, x) == stage_name(b, y));
    check("description", x.description == y.description);
    check("owner", x.owner == y.owner);
    check("channel", x.channel == y.channel);
    check("duration_min", x.duration_min == y.duration_min);
    check("wait_min", x.wait_min == y.wait_min);
    check("standard", x.standard == y.standard);
    check("evidence", x.evidence == y.evidence);
    check("value", x.value == y.value);
    check("emotion", x.emotion == y.emotion);
    fields
}

/// Compares an as-is blueprint with a to-be one. Steps match by id first, then by lane kind
/// and title.
pub fn compare(before: &Blueprint, after: &Blueprint) -> Comparison {
    let (names_before, names_after) = (super::report::Names::new(before), super::report::Names::new(after));
    let mut pairs: Vec<(usize, usize, &str)> = Vec::new();
    let after_by_id: HashMap<&str, usize> = after
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut used_after = HashSet::new();
    let mut unmatched_before = Vec::new();
    for (i, step) in before.steps.iter().enumerate() {
        match after_by_id.get(step.id.as_str()) {
            Some(&j) => {
                pairs.push((i, j, "id"));
                used_after.insert(j);
            }
            None => unmatched_before.push(i),
        }
    }
    let mut by_title: HashMap<(Option<LaneKind>, String), Vec<usize>> = HashMap::new();
    for (j, step) in after.steps.iter().enumerate().filter(|(j, _)| !used_after.contains(j)) {
        by_title
            .entry((lane_kind(after, step), normalise(&step.title)))
            .or_default()
            .push(j);
    }
    let mut removed = Vec::new();
    for i in unmatched_before {
        let step = &before.steps[i];
        let candidates = by_title.get_mut(&(lane_kind(before, step), normalise(&step.title)));
        match candidates.and_then(|c| if c.is_empty() { None } else { Some(c.remove(0)) }) {
            Some(j) => {
                pairs.push((i, j, "lane+title"));
                used_after.insert(j);
            }
            None => removed.push(names_before.step(i)),
        }
    }
    let added = (0..after.steps.len())
        .filter(|j| !used_after.contains(j))
        .map(|j| names_after.step(j))
        .collect();
    pairs.sort();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for (i, j, how) in pairs {
        let fields = differences(before, &before.steps[i], after, &after.steps[j]);
        if fields.is_empty() {
            unchanged += 1;
        } else {
            changed.push(Changed {
                before: names_before.step(i),
                after: names_after.step(j),
                matched_by: how.to_owned(),
                fields,
            });
        }
    }
    let (x, y) = (analyse(before), analyse(after));
    Comparison {
        before_title: before.title.clone(),
        after_title: after.title.clone(),
        added,
        removed,
        changed,
        unchanged,
        metrics: metrics(before, &x, after, &y),
    }
}

fn metrics(before: &Blueprint, x: &Report, after: &Blueprint, y: &Report) -> Vec<Metric> {
    let mut out = Vec::new();
    let mut add = |key: &str, label: &str, b: Option<f64>, a: Option<f64>| {
        let change = match (b, a) {
            (Some(b), Some(a)) => Some(a - b),
            _ => None,
        };
        out.push(Metric {
            key: key.to_owned(),
            label: label.to_owned(),
            before: b,
            after: a,
            change,
        });
    };
    add(
        "lead_time_minutes",
        "Lead time",
        x.lead_time_minutes,
        y.lead_time_minutes,
    );
    add("wait_minutes", "Waiting", x.wait_minutes, y.wait_minutes);
    add(
        "wait_share",
        "Share of lead time spent waiting",
        x.wait_share,
        y.wait_share,
    );
    add(
        "value_adding_share",
        "Value-adding share",
        x.value_adding_share,
        y.value_adding_share,
    );
    for line in Line::ALL {
        let label = match line {
            Line::Interaction => "Handoffs across the line of interaction",
            Line::Visibility => "Handoffs across the line of visibility",
            Line::Internal => "Handoffs across the line of internal interaction",
        };
        add(
            &format!("handoffs_{}", line.key()),
            label,
            Some(x.handoffs.across(line).len() as f64),
            Some(y.handoffs.across(line).len() as f64),
        );
    }
    for (kind, label) in [
        (MarkerKind::PainPoint, "Pain points"),
        (MarkerKind::FailPoint, "Fail points"),
        (MarkerKind::WaitPoint, "Wait points"),
    ] {
        let count = |r: &Report| r.markers_by_kind.get(kind.key()).map(|&n| n as f64);
        add(&format!("{}s", kind.key()), label, count(x), count(y));
    }
    add("steps", "Steps", Some(x.steps as f64), Some(y.steps as f64));
    for kind in LaneKind::STANDARD {
        let count = |b: &Blueprint| {
            b.lane_of_kind(kind)
                .map(|l| b.steps.iter().filter(|s| s.lane == l.id).count() as f64)
        };
        let label = format!("Steps in the {} lane", kind.key().to_lowercase());
        add(
            &format!("steps_{}", kind.key().to_lowercase()),
            &label,
            count(before),
            count(after),
        );
    }
    out
}
