//! Repair: keep what is sound in a blueprint whose references are broken, drop the rest, and
//! say what went and why. The editor's "Open anyway" runs this; `check` never does.

use super::blueprint::Blueprint;
use super::control::strip_control_chars;
use super::marker::{DEFAULT_SEVERITY, MarkerTarget, NoteTarget, SEVERITY_RANGE};
use super::validate::MAX_MINUTES;
use std::collections::HashSet;
use std::fmt;

/// One thing a repair dropped or cleaned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// What it was: `lane`, `stage`, `step`, `flow`, `marker`, `note` or `blueprint`.
    pub kind: &'static str,
    /// Its id (`blueprint` for the blueprint's own fields).
    pub id: String,
    /// Why it went, and what went when only a value was dropped.
    pub reason: String,
    /// How many things before it in the file share its id (0 for the first), so the file layer
    /// can find the right one of several with the same id.
    pub occurrence: usize,
    /// The 1-based line it starts on, where the file layer found it.
    pub line: Option<usize>,
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{} {}: {}", self.kind, self.id, self.reason)
    }
}

/// Ids of the kinds, in the order a file lists them, for counting earlier uses of an id.
fn ids_in_file_order(b: &Blueprint) -> Vec<(&'static str, String)> {
    let mut ids = Vec::new();
    ids.extend(b.lanes.iter().map(|x| ("lane", x.id.0.clone())));
    ids.extend(b.stages.iter().map(|x| ("stage", x.id.0.clone())));
    ids.extend(b.steps.iter().map(|x| ("step", x.id.0.clone())));
    ids.extend(b.flows.iter().map(|x| ("flow", x.id.0.clone())));
    ids.extend(b.markers.iter().map(|x| ("marker", x.id.0.clone())));
    ids.extend(b.notes.iter().map(|x| ("note", x.id.0.clone())));
    ids
}

/// Collects what is dropped, numbering each against the blueprint as it was read.
struct Log {
    original: Vec<(&'static str, String)>,
    dropped: Vec<Dropped>,
}

impl Log {
    /// Records the `index`-th item of `kind` (counted in the blueprint as read).
    fn drop(&mut self, kind: &'static str, index: usize, reason: String) {
        let Some(position) = self
            .original
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k == kind)
            .nth(index)
            .map(|(i, _)| i)
        else {
            return;
        };
        let id = self.original[position].1.clone();
        let occurrence = self.original[..position]
            .iter()
            .filter(|(_, other)| *other == id)
            .count();
        self.dropped.push(Dropped {
            kind,
            id,
            reason,
            occurrence,
            line: None,
        });
    }

    /// Records something about an id without an index (the blueprint's own fields).
    fn note(&mut self, kind: &'static str, id: &str, reason: String) {
        let occurrence = self
            .original
            .iter()
            .position(|(k, other)| *k == kind && other == id)
            .map(|position| self.original[..position].iter().filter(|(_, o)| o == id).count())
            .unwrap_or(0);
        self.dropped.push(Dropped {
            kind,
            id: id.to_owned(),
            reason,
            occurrence,
            line: None,
        });
    }
}

/// Keeps the items `keep` accepts, in order, logging the others; `index` counts the items as
/// read, so the log can name the right one of several with the same id.
fn retain_logged<T>(
    items: &mut Vec<T>,
    log: &mut Log,
    kind: &'static str,
    mut keep: impl FnMut(&T) -> Result<(), String>,
) {
    let mut index = 0;
    items.retain(|item| {
        let verdict = keep(item);
        if let Err(reason) = &verdict {
            log.drop(kind, index, reason.clone());
        }
        index += 1;
        verdict.is_ok()
    });
}

/// Ids that are empty or repeat an earlier one of the same kind.
fn unique_ids<T>(items: &mut Vec<T>, log: &mut Log, kind: &'static str, id: impl Fn(&T) -> &str) {
    let mut seen = HashSet::new();
    retain_logged(items, log, kind, |item| {
        let id = id(item);
        if id.trim().is_empty() {
            Err("it has an empty id".to_owned())
        } else if !seen.insert(id.to_owned()) {
            Err(format!("another {kind} earlier in the file has the id \"{id}\""))
        } else {
            Ok(())
        }
    });
}

/// Drops what refers to nothing, repeats an id or holds an impossible value, strips control
/// characters, and returns what it dropped: things left out first, by kind in file order, then
/// values fixed and text cleaned. Does not
/// touch the standard lanes or stages as a whole: a blueprint that still fails
/// [`super::validate`] afterwards cannot be repaired this way.
pub fn repair(blueprint: &mut Blueprint) -> Vec<Dropped> {
    let mut log = Log {
        original: ids_in_file_order(blueprint),
        dropped: Vec::new(),
    };
    let b = blueprint;
    unique_ids(&mut b.lanes, &mut log, "lane", |x| x.id.as_str());
    unique_ids(&mut b.stages, &mut log, "stage", |x| x.id.as_str());

    let lanes: HashSet<String> = b.lanes.iter().map(|l| l.id.0.clone()).collect();
    let stages: HashSet<String> = b.stages.iter().map(|s| s.id.0.clone()).collect();
    let mut seen = HashSet::new();
    retain_logged(&mut b.steps, &mut log, "step", |step| {
        let id = step.id.as_str();
        if id.trim().is_empty() {
            Err("it has an empty id".to_owned())
        } else if !lanes.contains(step.lane.as_str()) {
            Err(format!("its lane \"{}\" does not exist", step.lane))
        } else if !stages.contains(step.stage.as_str()) {
            Err(format!("its stage \"{}\" does not exist", step.stage))
        } else if !seen.insert(id.to_owned()) {
            Err(format!("another step earlier in the file has the id \"{id}\""))
        } else {
            Ok(())
        }
    });

    let steps: HashSet<String> = b.steps.iter().map(|s| s.id.0.clone()).collect();
    let mut seen = HashSet::new();
    retain_logged(&mut b.flows, &mut log, "flow", |flow| {
        let id = flow.id.as_str();
        if id.trim().is_empty() {
            Err("it has an empty id".to_owned())
        } else if !steps.contains(flow.from.as_str()) {
            Err(format!("the step \"{}\" it starts from does not exist", flow.from))
        } else if !steps.contains(flow.to.as_str()) {
            Err(format!("the step \"{}\" it goes to does not exist", flow.to))
        } else if flow.from == flow.to {
            Err(format!("it goes from step \"{}\" to itself", flow.from))
        } else if !seen.insert(id.to_owned()) {
            Err(format!("another flow earlier in the file has the id \"{id}\""))
        } else {
            Ok(())
        }
    });
    let mut seen = HashSet::new();
    retain_logged(&mut b.markers, &mut log, "marker", |marker| {
        let id = marker.id.as_str();
        match &marker.target {
            _ if id.trim().is_empty() => Err("it has an empty id".to_owned()),
            MarkerTarget::Step(step) if !steps.contains(step.as_str()) => {
                Err(format!("its step \"{step}\" does not exist"))
            }
            MarkerTarget::Stage(stage) if !stages.contains(stage.as_str()) => {
                Err(format!("its stage \"{stage}\" does not exist"))
            }
            _ if !seen.insert(id.to_owned()) => Err(format!("another marker earlier in the file has the id \"{id}\"")),
            _ => Ok(()),
        }
    });
    let mut seen = HashSet::new();
    retain_logged(&mut b.notes, &mut log, "note", |note| {
        let id = note.id.as_str();
        match &note.target {
            _ if id.trim().is_empty() => Err("it has an empty id".to_owned()),
            NoteTarget::Step(step) if !steps.contains(step.as_str()) => {
                Err(format!("its step \"{step}\" does not exist"))
            }
            _ if !seen.insert(id.to_owned()) => Err(format!("another note earlier in the file has the id \"{id}\"")),
            _ => Ok(()),
        }
    });
    // After the drops, so nothing is both fixed and dropped.
    repair_values(b, &mut log);
    for found in strip_control_chars(b) {
        let plural = if found.count == 1 { "character" } else { "characters" };
        log.note(
            found.kind,
            &found.id,
            format!("{} control {plural} removed from its {}", found.count, found.field),
        );
    }
    log.dropped
}

/// Values out of range: times and feelings are dropped (unknown beats wrong), severities are
/// brought into range (a marker without one cannot exist).
fn repair_values(b: &mut Blueprint, log: &mut Log) {
    for step in &mut b.steps {
        for (what, minutes) in [
            ("duration_min", &mut step.duration_min),
            ("wait_min", &mut step.wait_min),
        ] {
            if let Some(value) = *minutes
                && !(value.is_finite() && (0.0..=MAX_MINUTES).contains(&value))
            {
                *minutes = None;
                log.note(
                    "step",
                    step.id.as_str(),
                    format!("its {what} {value} was dropped (out of range)"),
                );
            }
        }
        if let Some(emotion) = step.emotion
            && !(-2..=2).contains(&emotion)
        {
            step.emotion = None;
            log.note(
                "step",
                step.id.as_str(),
                format!("its emotion {emotion} was dropped (not -2 to 2)"),
            );
        }
    }
    for marker in &mut b.markers {
        match marker.severity {
            Some(severity) if !SEVERITY_RANGE.contains(&severity) => {
                let fixed = severity.clamp(*SEVERITY_RANGE.start(), *SEVERITY_RANGE.end());
                log.note(
                    "marker",
                    marker.id.as_str(),
                    format!("its severity {severity} became {fixed}"),
                );
                marker.severity = Some(fixed);
            }
            None if marker.kind.needs_severity() => {
                log.note(
                    "marker",
                    marker.id.as_str(),
                    format!("it had no severity and got {DEFAULT_SEVERITY}"),
                );
                marker.severity = Some(DEFAULT_SEVERITY);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Flow, FlowId, LaneId, Marker, MarkerId, MarkerKind, Stage, StageId, Step, StepId, validate};

    fn blueprint() -> Blueprint {
        let mut b = Blueprint::with_standard_lanes("Shop", ["E", "C", "F", "B", "S"]);
        b.stages.push(Stage {
            id: StageId::from("one"),
            name: "One".into(),
        });
        for id in ["a", "b"] {
            b.steps.push(Step::new(
                StepId::from(id),
                LaneId::from("customer"),
                StageId::from("one"),
                id,
            ));
        }
        b
    }

    fn flow(id: &str, from: &str, to: &str) -> Flow {
        Flow {
            id: FlowId::from(id),
            from: StepId::from(from),
            to: StepId::from(to),
            two_way: false,
            label: String::new(),
        }
    }

    fn marker(id: &str, target: MarkerTarget, severity: u8) -> Marker {
        Marker {
            id: MarkerId::from(id),
            kind: MarkerKind::PainPoint,
            target,
            severity: Some(severity),
            note: String::new(),
        }
    }

    #[test]
    fn a_sound_blueprint_is_left_alone() {
        let mut b = blueprint();
        b.flows.push(flow("f1", "a", "b"));
        let before = b.clone();
        assert!(repair(&mut b).is_empty());
        assert_eq!(b, before);
    }

    #[test]
    fn dangling_flows_and_markers_go_and_the_rest_stays_valid() {
        let mut b = blueprint();
        b.flows.push(flow("f1", "a", "b"));
        b.flows.push(flow("f2", "b", "ghost"));
        b.flows.push(flow("f3", "a", "a"));
        b.markers.push(marker("m1", MarkerTarget::Step(StepId::from("a")), 3));
        b.markers
            .push(marker("m2", MarkerTarget::Stage(StageId::from("nowhere")), 9));
        let dropped = repair(&mut b);
        let said: Vec<String> = dropped.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "flow f2: the step \"ghost\" it goes to does not exist",
                "flow f3: it goes from step \"a\" to itself",
                "marker m2: its stage \"nowhere\" does not exist",
            ]
        );
        assert_eq!(b.flows.len(), 1);
        assert_eq!(b.markers.len(), 1);
        assert!(validate(&b).is_empty(), "{:?}", validate(&b));
    }

    #[test]
    fn a_step_in_an_unknown_lane_takes_its_flows_with_it() {
        let mut b = blueprint();
        b.steps[1].lane = LaneId::from("kitchen");
        b.flows.push(flow("f1", "a", "b"));
        let dropped = repair(&mut b);
        assert_eq!(
            dropped.iter().map(|d| (d.kind, d.id.as_str())).collect::<Vec<_>>(),
            [("step", "b"), ("flow", "f1")]
        );
        assert_eq!(dropped[0].reason, "its lane \"kitchen\" does not exist");
        assert!(validate(&b).is_empty());
    }

    #[test]
    fn the_second_of_two_steps_with_one_id_goes_and_is_counted_as_the_second() {
        let mut b = blueprint();
        b.steps[1].id = StepId::from("a");
        b.flows.push(flow("a", "a", "a"));
        let dropped = repair(&mut b);
        assert_eq!((dropped[0].kind, dropped[0].occurrence), ("step", 1));
        assert_eq!(b.steps.len(), 1);
        assert_eq!(b.steps[0].title, "a", "the first keeps its place");
        assert_eq!((dropped[1].kind, dropped[1].occurrence), ("flow", 2));
    }

    #[test]
    fn impossible_values_are_dropped_and_severity_brought_into_range() {
        let mut b = blueprint();
        b.steps[0].duration_min = Some(f64::NAN);
        b.steps[0].emotion = Some(7);
        b.markers.push(marker("m1", MarkerTarget::Step(StepId::from("b")), 0));
        let dropped = repair(&mut b);
        assert_eq!(dropped.len(), 3, "{dropped:?}");
        assert_eq!((b.steps[0].duration_min, b.steps[0].emotion), (None, None));
        assert_eq!(b.markers[0].severity, Some(1));
        assert!(validate(&b).is_empty());
    }

    #[test]
    fn control_characters_are_stripped_and_listed() {
        let mut b = blueprint();
        b.steps[0].description = "x\0\0y".into();
        let dropped = repair(&mut b);
        assert_eq!(
            dropped[0].to_string(),
            "step a: 2 control characters removed from its description"
        );
        assert_eq!(b.steps[0].description, "xy");
    }
}
