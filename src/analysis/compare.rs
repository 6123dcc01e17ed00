//! As-is against to-be: which steps were added, removed or changed, and how the numbers moved.

use super::report::{Report, StepRef, analyse};
use crate::i18n::Lang;
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

/// Which number a [`Metric`] holds: it knows its unit, which way is better, and its name in
/// each language, so no table or panel keeps a list of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetricKind {
    /// Lead time along the customer's path.
    LeadTime,
    /// Time spent waiting on it.
    Waiting,
    /// Waiting as a share of the lead time.
    WaitShare,
    /// Value-adding time as a share of the lead time.
    ValueAddingShare,
    /// Flows that cross a line.
    Handoffs(Line),
    /// Markers of a kind.
    Markers(MarkerKind),
    /// All steps.
    Steps,
    /// Steps in the lane of a kind.
    StepsIn(LaneKind),
}

/// The unit of a metric's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Minutes (shown as days, hours and minutes).
    Minutes,
    /// A share between 0 and 1 (shown in per cent; changes in points).
    Share,
    /// A count.
    Count,
}

/// Which way a metric improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// Less is better (time, waiting, handoffs, pain).
    Lower,
    /// More is better.
    Higher,
    /// Neither: a count that describes the service.
    Neither,
}

impl MetricKind {
    /// The stable key, as in `compare --json`.
    pub fn key(self) -> String {
        match self {
            MetricKind::LeadTime => "lead_time_minutes".to_owned(),
            MetricKind::Waiting => "wait_minutes".to_owned(),
            MetricKind::WaitShare => "wait_share".to_owned(),
            MetricKind::ValueAddingShare => "value_adding_share".to_owned(),
            MetricKind::Handoffs(line) => format!("handoffs_{}", line.key()),
            MetricKind::Markers(kind) => format!("{}s", kind.key()),
            MetricKind::Steps => "steps".to_owned(),
            MetricKind::StepsIn(kind) => format!("steps_{}", kind.key().to_lowercase()),
        }
    }

    /// The unit of its values.
    pub fn unit(self) -> Unit {
        match self {
            MetricKind::LeadTime | MetricKind::Waiting => Unit::Minutes,
            MetricKind::WaitShare | MetricKind::ValueAddingShare => Unit::Share,
            _ => Unit::Count,
        }
    }

    /// Which way it improves.
    pub fn better(self) -> Better {
        match self {
            MetricKind::ValueAddingShare => Better::Higher,
            MetricKind::Steps | MetricKind::StepsIn(_) => Better::Neither,
            _ => Better::Lower,
        }
    }

    /// Whether it is a detail (steps per lane) that a short list leaves out.
    pub fn is_detail(self) -> bool {
        matches!(self, MetricKind::StepsIn(_))
    }

    /// Its name.
    pub fn label(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let pick = |en: &str, zh_text: &str| if zh { zh_text.to_owned() } else { en.to_owned() };
        match self {
            MetricKind::LeadTime => pick("Lead time", "总用时"),
            MetricKind::Waiting => pick("Waiting", "等待时间"),
            MetricKind::WaitShare => pick("Share of lead time spent waiting", "等待占总用时比例"),
            MetricKind::ValueAddingShare => pick("Value-adding share", "增值时间占比"),
            MetricKind::Handoffs(Line::Interaction) => {
                pick("Handoffs across the line of interaction", "穿越互动线的交接")
            }
            MetricKind::Handoffs(Line::Visibility) => {
                pick("Handoffs across the line of visibility", "穿越可见线的交接")
            }
            MetricKind::Handoffs(Line::Internal) => pick(
                "Handoffs across the line of internal interaction",
                "穿越内部互动线的交接",
            ),
            MetricKind::Markers(MarkerKind::PainPoint) => pick("Pain points", "痛点"),
            MetricKind::Markers(MarkerKind::FailPoint) => pick("Fail points", "失误点"),
            MetricKind::Markers(MarkerKind::WaitPoint) => pick("Wait points", "等待点"),
            MetricKind::Markers(MarkerKind::MomentOfTruth) => pick("Moments of truth", "关键时刻"),
            MetricKind::Markers(MarkerKind::Opportunity) => pick("Opportunities", "机会点"),
            MetricKind::Steps => pick("Steps", "步骤"),
            MetricKind::StepsIn(LaneKind::Evidence) => pick("Steps in the evidence lane", "有形展示步骤"),
            MetricKind::StepsIn(LaneKind::Customer) => pick("Steps in the customer lane", "客户行为步骤"),
            MetricKind::StepsIn(LaneKind::Frontstage) => pick("Steps in the frontstage lane", "前台步骤"),
            MetricKind::StepsIn(LaneKind::Backstage) => pick("Steps in the backstage lane", "后台步骤"),
            MetricKind::StepsIn(LaneKind::Support) => pick("Steps in the support lane", "支持流程步骤"),
            MetricKind::StepsIn(LaneKind::Custom) => pick("Steps in custom lanes", "自定义泳道步骤"),
        }
    }

    /// A value in its unit ("–" when unknown), in English units; see [`crate::style::localise_units`].
    pub fn value_text(self, v: Option<f64>) -> String {
        match (v, self.unit()) {
            (None, _) => "–".to_owned(),
            (Some(v), Unit::Share) => format!("{:.0} %", v * 100.0),
            (Some(v), Unit::Minutes) => crate::style::format_minutes(v),
            (Some(v), Unit::Count) => format!("{v:.0}"),
        }
    }

    /// A signed change in its unit: shares change in points.
    pub fn change_text(self, change: Option<f64>) -> String {
        // A change that shows as zero at the precision printed is "±0", never "−0".
        let shown = |c: f64| match self.unit() {
            Unit::Share => (c * 100.0).round(),
            Unit::Minutes => (c * 60.0).round(),
            Unit::Count => c.round(),
        };
        match change {
            None => "–".to_owned(),
            Some(c) if shown(c) == 0.0 => "±0".to_owned(),
            Some(c) => {
                let sign = if c > 0.0 { "+" } else { "−" };
                match self.unit() {
                    Unit::Share => {
                        let points = (c.abs() * 100.0).round();
                        format!("{sign}{points:.0} {}", if points == 1.0 { "pt" } else { "pts" })
                    }
                    Unit::Minutes => format!("{sign}{}", crate::style::format_minutes(c.abs())),
                    Unit::Count => format!("{sign}{:.0}", c.abs()),
                }
            }
        }
    }
}

/// One number before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metric {
    /// What it measures.
    #[serde(skip)]
    pub kind: MetricKind,
    /// Stable key (`kind.key()`, for the JSON output).
    pub key: String,
    /// English name (`kind.label(En)`, for the JSON output).
    pub label: String,
    /// Value in the as-is blueprint.
    pub before: Option<f64>,
    /// Value in the to-be blueprint.
    pub after: Option<f64>,
    /// `after - before`.
    pub change: Option<f64>,
}

impl Metric {
    /// Its change as printed: a share's in points between the whole percentages shown, so
    /// "98 % → 90 %" says −8 pts, not the −7 between the exact shares.
    pub fn change_text(&self) -> String {
        let change = match (self.kind.unit(), self.before, self.after) {
            (Unit::Share, Some(before), Some(after)) => {
                Some(((after * 100.0).round() - (before * 100.0).round()) / 100.0)
            }
            _ => self.change,
        };
        self.kind.change_text(change)
    }
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
    check("basis", x.basis == y.basis);
    check("value", x.value == y.value);
    check("emotion", x.emotion == y.emotion);
    fields
}

/// Compares an as-is blueprint with a to-be one. Steps match by id first, then by lane kind
/// and title.
pub fn compare(before: &Blueprint, after: &Blueprint) -> Comparison {
    let (names_before, names_after) = (super::report::Names::new(before), super::report::Names::new(after));
    let mut pairs: Vec<(usize, usize, &str)> = Vec::new();
    let after_index = after.index();
    let mut used_after = HashSet::new();
    let mut unmatched_before = Vec::new();
    for (i, step) in before.steps.iter().enumerate() {
        match after_index.step(&step.id) {
            Some(j) => {
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
    let mut add = |kind: MetricKind, b: Option<f64>, a: Option<f64>| {
        let change = match (b, a) {
            (Some(b), Some(a)) => Some(a - b),
            _ => None,
        };
        out.push(Metric {
            kind,
            key: kind.key(),
            label: kind.label(Lang::En),
            before: b,
            after: a,
            change,
        });
    };
    add(MetricKind::LeadTime, x.lead_time_minutes, y.lead_time_minutes);
    add(MetricKind::Waiting, x.wait_minutes, y.wait_minutes);
    add(MetricKind::WaitShare, x.wait_share, y.wait_share);
    add(MetricKind::ValueAddingShare, x.value_adding_share, y.value_adding_share);
    for line in Line::ALL {
        add(
            MetricKind::Handoffs(line),
            Some(x.handoffs.across(line).len() as f64),
            Some(y.handoffs.across(line).len() as f64),
        );
    }
    for kind in [MarkerKind::PainPoint, MarkerKind::FailPoint, MarkerKind::WaitPoint] {
        let count = |r: &Report| r.markers_by_kind.get(kind.key()).map(|&n| n as f64);
        add(MetricKind::Markers(kind), count(x), count(y));
    }
    add(MetricKind::Steps, Some(x.steps as f64), Some(y.steps as f64));
    for kind in LaneKind::STANDARD {
        let count = |b: &Blueprint| {
            b.lane_of_kind(kind)
                .map(|l| b.steps.iter().filter(|s| s.lane == l.id).count() as f64)
        };
        add(MetricKind::StepsIn(kind), count(before), count(after));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_changes_by_the_points_between_the_percentages_shown() {
        // The bank loan's waiting share: 98.4 % → 90.5 %, shown as 98 % and 91 %.
        let share = |before, after| Metric {
            kind: MetricKind::WaitShare,
            key: String::new(),
            label: String::new(),
            before: Some(before),
            after: Some(after),
            change: Some(after - before),
        };
        let m = share(0.984, 0.904);
        assert_eq!(
            (m.kind.value_text(m.before), m.kind.value_text(m.after)),
            ("98 %".to_owned(), "90 %".to_owned())
        );
        assert_eq!(m.change_text(), "−8 pts");
        assert_eq!(share(0.0, 0.365).change_text(), "+37 pts");
        assert_eq!(share(0.204, 0.196).change_text(), "±0");
    }

    #[test]
    fn every_metric_has_its_own_key_and_name_in_both_languages_and_a_unit() {
        let a = crate::file::open(std::path::Path::new("samples/en/bank-loan.ron")).expect("as-is");
        let b = crate::file::open(std::path::Path::new("samples/en/bank-loan-to-be.ron")).expect("to-be");
        let c = compare(&a, &b);
        let mut keys = HashSet::new();
        let mut names = HashSet::new();
        for m in &c.metrics {
            assert_eq!(m.key, m.kind.key());
            assert!(keys.insert(m.key.clone()), "{} twice", m.key);
            for lang in [Lang::En, Lang::Zh] {
                assert!(names.insert(m.kind.label(lang)), "{:?} named twice", m.kind);
            }
            assert!(
                m.kind.label(Lang::Zh).chars().any(|ch| ch > '\u{2E80}'),
                "{:?} in Chinese",
                m.kind
            );
        }
        let lead = c
            .metrics
            .iter()
            .find(|m| m.kind == MetricKind::LeadTime)
            .expect("lead time");
        assert_eq!((lead.kind.unit(), lead.kind.better()), (Unit::Minutes, Better::Lower));
        assert_eq!(MetricKind::ValueAddingShare.better(), Better::Higher);
        assert_eq!(MetricKind::WaitShare.change_text(Some(-0.12)), "−12 pts");
        assert_eq!(MetricKind::WaitShare.change_text(Some(0.01)), "+1 pt");
        assert_eq!(MetricKind::Steps.change_text(Some(3.0)), "+3");
        assert_eq!(MetricKind::WaitShare.change_text(Some(-0.004)), "±0");
        assert_eq!(MetricKind::LeadTime.change_text(Some(-0.001)), "±0");
        assert_eq!(MetricKind::Steps.change_text(Some(-0.0)), "±0");
        assert_eq!(MetricKind::Waiting.value_text(None), "–");
    }
}
