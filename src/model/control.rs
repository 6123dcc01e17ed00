//! Control characters in text fields: NUL and the other C0 codes a user never types on purpose.
//!
//! They arrive from broken exports, binary paste or a file cut off mid-write; they draw as
//! nothing or as boxes, and some tools stop reading a file at the first NUL.

use super::blueprint::Blueprint;
use super::validate::Problem;

/// Whether `c` is a C0 control character that has no place in a blueprint's text; tab and the
/// line breaks are ordinary text.
pub fn is_stray_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// One text field holding control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlChars {
    /// What holds the field: `blueprint`, `lane`, `stage`, `step`, `flow`, `marker` or `note`.
    pub kind: &'static str,
    /// The id of the thing (`blueprint` for the blueprint's own fields).
    pub id: String,
    /// The field, as spelt in the file.
    pub field: &'static str,
    /// How many control characters it holds.
    pub count: usize,
    /// The distinct code points, in order of first appearance.
    pub codes: Vec<u32>,
}

impl ControlChars {
    /// The finding as a problem `check` and the editor report.
    pub fn problem(&self) -> Problem {
        let codes: Vec<String> = self.codes.iter().map(|c| format!("U+{c:04X}")).collect();
        let plural = if self.count == 1 { "character" } else { "characters" };
        let owner = if self.kind == "blueprint" {
            String::new()
        } else {
            format!("{} ", self.kind)
        };
        Problem {
            id: self.id.clone(),
            message: format!(
                "{owner}{} contains {} control {plural} ({})",
                self.field,
                self.count,
                codes.join(", ")
            ),
            place: None,
        }
    }
}

/// Every text field of `blueprint`, with what holds it, mutably: the one list both the check and
/// the clean-up walk, so neither misses a field the other sees.
fn fields_mut(blueprint: &mut Blueprint) -> Vec<(&'static str, String, &'static str, &mut String)> {
    let mut fields: Vec<(&'static str, String, &'static str, &mut String)> = Vec::new();
    let b = blueprint;
    fields.push(("blueprint", "blueprint".into(), "title", &mut b.title));
    fields.push(("blueprint", "blueprint".into(), "description", &mut b.description));
    fields.push(("blueprint", "blueprint".into(), "scenario", &mut b.scenario));
    fields.push(("blueprint", "blueprint".into(), "persona", &mut b.persona));
    for lane in &mut b.lanes {
        fields.push(("lane", lane.id.0.clone(), "name", &mut lane.name));
    }
    for stage in &mut b.stages {
        fields.push(("stage", stage.id.0.clone(), "name", &mut stage.name));
    }
    for step in &mut b.steps {
        let id = step.id.0.clone();
        fields.push(("step", id.clone(), "title", &mut step.title));
        fields.push(("step", id.clone(), "description", &mut step.description));
        fields.push(("step", id.clone(), "owner", &mut step.owner));
        fields.push(("step", id.clone(), "channel", &mut step.channel));
        fields.push(("step", id, "standard", &mut step.standard));
    }
    for flow in &mut b.flows {
        fields.push(("flow", flow.id.0.clone(), "label", &mut flow.label));
    }
    for marker in &mut b.markers {
        fields.push(("marker", marker.id.0.clone(), "note", &mut marker.note));
    }
    for note in &mut b.notes {
        let id = note.id.0.clone();
        fields.push(("note", id.clone(), "author", &mut note.author));
        fields.push(("note", id, "text", &mut note.text));
    }
    fields
}

fn finding(kind: &'static str, id: String, field: &'static str, text: &str) -> Option<ControlChars> {
    let mut count = 0;
    let mut codes = Vec::new();
    for c in text.chars().filter(|&c| is_stray_control(c)) {
        count += 1;
        if !codes.contains(&(c as u32)) {
            codes.push(c as u32);
        }
    }
    (count > 0).then_some(ControlChars {
        kind,
        id,
        field,
        count,
        codes,
    })
}

/// Every text field holding control characters, in document order.
pub fn control_chars(blueprint: &Blueprint) -> Vec<ControlChars> {
    // Walking a copy keeps one field list for reading and cleaning; this runs once per open.
    let mut copy = blueprint.clone();
    fields_mut(&mut copy)
        .into_iter()
        .filter_map(|(kind, id, field, text)| finding(kind, id, field, text))
        .collect()
}

/// Removes every control character from every text field; returns what was removed, where.
pub fn strip_control_chars(blueprint: &mut Blueprint) -> Vec<ControlChars> {
    let mut found = Vec::new();
    for (kind, id, field, text) in fields_mut(blueprint) {
        if let Some(finding) = finding(kind, id, field, text) {
            text.retain(|c| !is_stray_control(c));
            found.push(finding);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LaneId, StageId, Step, StepId};

    fn blueprint() -> Blueprint {
        let mut b = Blueprint::with_standard_lanes("Shop", ["E", "C", "F", "B", "S"]);
        let mut step = Step::new(
            StepId::from("s3"),
            LaneId::from("customer"),
            StageId::from("one"),
            "Pays",
        );
        step.description = format!("Card{}\tor cash\r\n", "\0".repeat(64));
        b.steps.push(step);
        b
    }

    #[test]
    fn nul_bytes_in_a_description_are_named_by_id_field_and_count() {
        let found = control_chars(&blueprint());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].problem().to_string(),
            "s3: step description contains 64 control characters (U+0000)"
        );
    }

    #[test]
    fn tab_and_line_breaks_are_text_but_bell_and_escape_are_not() {
        let mut b = blueprint();
        b.steps[0].description = "a\tb\r\nc".into();
        assert!(control_chars(&b).is_empty());
        b.title = "Shop\u{7}\u{1b}\u{7}".into();
        let found = control_chars(&b);
        assert_eq!(
            found[0].problem().to_string(),
            "blueprint: title contains 3 control characters (U+0007, U+001B)"
        );
    }

    #[test]
    fn stripping_keeps_the_text_around_them() {
        let mut b = blueprint();
        let stripped = strip_control_chars(&mut b);
        assert_eq!(stripped.len(), 1);
        assert_eq!(b.steps[0].description, "Card\tor cash\r\n");
        assert!(control_chars(&b).is_empty());
    }
}
