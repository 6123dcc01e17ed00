//! The inspector: every property of the selection, or of the blueprint when nothing is
//! selected. Each change becomes an edit; typing in one field is one undo step.

use super::actions::{Action, Command};
use super::quotes;
use super::state::{EditorState, Selection};
use super::texts::tr;
use crate::edit::{Edit, Info};
use crate::i18n::Lang;
use crate::model::{
    Basis, Blueprint, DEFAULT_SEVERITY, Flow, Marker, MarkerKind, MarkerTarget, NoteId, NoteTarget, ReviewNote,
    ServiceState, Step, ValueClass, fresh_id,
};
use crate::style::DrawingTexts;
use egui::{ComboBox, DragValue, Ui};

struct Out<'a> {
    commands: &'a mut Vec<Command>,
}

impl Out<'_> {
    fn typing(&mut self, edit: Edit, label: &'static str, key: String) {
        self.commands.push(Command::Typing { edit, label, key });
    }
    fn apply(&mut self, edit: Edit, label: &'static str) {
        self.commands.push(Command::Apply { edit, label });
    }
}

/// Shows the inspector for the current selection.
pub fn inspector_ui(ui: &mut Ui, b: &Blueprint, state: &EditorState, lang: Lang, commands: &mut Vec<Command>) {
    let mut out = Out { commands };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(4.0);
        let selection = &state.selection;
        if let Some(flow) = selection
            .flow
            .as_ref()
            .and_then(|id| b.flows.iter().find(|f| &f.id == id))
        {
            flow_ui(ui, b, flow, lang, &mut out);
        } else if selection.steps.len() == 1
            && let Some(step) = b.step(&selection.steps[0])
        {
            step_ui(ui, b, step, lang, &mut out);
        } else if selection.steps.len() > 1 {
            many_ui(ui, selection, lang, &mut out);
        } else {
            blueprint_ui(ui, b, lang, &mut out);
        }
    });
}

/// How a text field takes Enter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// One line.
    One,
    /// Wrapped over two rows, but Enter finishes, as it does on the canvas (Shift+Enter breaks
    /// the line): a title, where a stray line break would make the card taller for good.
    Title,
    /// Paragraphs: Enter starts a new line.
    Many,
}

/// A labelled text field for `owner`'s `label` field (owner: the id of the thing edited); the
/// new text when it changed.
fn text_field(ui: &mut Ui, lang: Lang, (label, owner): (&str, &str), value: &str, lines: Lines) -> Option<String> {
    let label_id = ui.label(tr(lang, label)).id;
    // One field per thing edited: egui's Ctrl+Z inside a field then takes back this thing's
    // typing only, never text typed while another step was selected.
    let id = ui.make_persistent_id((label, owner));
    if lines == Lines::Title
        && ui.memory(|m| m.has_focus(id))
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter))
    {
        ui.memory_mut(|m| m.surrender_focus(id));
    }
    let mut text = value.to_owned();
    let multiline = lines != Lines::One;
    let rows = if multiline { 2 } else { 1 };
    let response = quotes::field(ui, &mut text, multiline, |edit| {
        edit.desired_rows(rows).desired_width(f32::INFINITY).id(id)
    })
    .labelled_by(label_id);
    response.changed().then_some(text)
}

/// A time in the largest unit that still says it exactly ("2 d", "2.5 h", "125 min"), as the
/// cards write times: the field's text is also what it edits, and "2.1 h" for 125 minutes would
/// turn into 126 when the field is left.
fn exact_minutes_text(minutes: f64, lang: Lang) -> String {
    let tenths = |v: f64| (v * 10.0 - (v * 10.0).round()).abs() < 1e-6;
    let text = if minutes >= 1440.0 && tenths(minutes / 1440.0) {
        format!("{} d", minutes / 1440.0)
    } else if minutes >= 120.0 && tenths(minutes / 60.0) {
        format!("{} h", minutes / 60.0)
    } else {
        format!("{} min", (minutes * 10.0).round() / 10.0)
    };
    match lang {
        Lang::En => text,
        Lang::Zh => crate::style::localise_units(&text),
    }
}

fn minutes_field(ui: &mut Ui, lang: Lang, label: &str, value: Option<f64>) -> Option<Option<f64>> {
    let mut changed = None;
    ui.horizontal(|ui| {
        ui.label(tr(lang, label));
        let mut set = value.is_some();
        let mut minutes = value.unwrap_or(0.0);
        let toggled = ui.checkbox(&mut set, "").on_hover_text(tr(lang, "Known")).changed();
        let dragged = ui
            .add_enabled(
                set,
                DragValue::new(&mut minutes)
                    .range(0.0..=1_000_000.0)
                    .speed(0.5)
                    .custom_formatter(|minutes, _| exact_minutes_text(minutes, lang))
                    .custom_parser(crate::table::parse_minutes),
            )
            .changed();
        if toggled || dragged {
            changed = Some(set.then_some(minutes));
        }
    });
    changed
}

fn step_ui(ui: &mut Ui, b: &Blueprint, step: &Step, lang: Lang, out: &mut Out<'_>) {
    let id = step.id.as_str();
    ui.heading(tr(lang, "Step"));
    let set = |out: &mut Out<'_>, field: &str, change: &dyn Fn(&mut Step)| {
        let mut new = step.clone();
        change(&mut new);
        out.typing(Edit::SetStep(new), "Edit step", format!("{field}:{id}"));
    };
    if let Some(text) = text_field(ui, lang, ("Title", id), &step.title, Lines::Title) {
        set(out, "title", &|s| s.title = text.clone());
    }
    egui::Grid::new("step-place").num_columns(2).show(ui, |ui| {
        ui.label(tr(lang, "Lane"));
        let current = b.lane(&step.lane).map_or(String::new(), |l| l.name.clone());
        ComboBox::from_id_salt("lane").selected_text(current).show_ui(ui, |ui| {
            for lane in &b.lanes {
                if ui.selectable_label(lane.id == step.lane, &lane.name).clicked() && lane.id != step.lane {
                    let edit =
                        crate::edit::move_steps(b, std::slice::from_ref(&step.id), &lane.id, &step.stage, usize::MAX);
                    out.apply(edit, "Move steps");
                }
            }
        });
        ui.end_row();
        ui.label(tr(lang, "Stage"));
        let current = b.stage(&step.stage).map_or(String::new(), |s| s.name.clone());
        ComboBox::from_id_salt("stage")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for stage in &b.stages {
                    if ui.selectable_label(stage.id == step.stage, &stage.name).clicked() && stage.id != step.stage {
                        let edit = crate::edit::move_steps(
                            b,
                            std::slice::from_ref(&step.id),
                            &step.lane,
                            &stage.id,
                            usize::MAX,
                        );
                        out.apply(edit, "Move steps");
                    }
                }
            });
        ui.end_row();
    });
    if let Some(text) = text_field(ui, lang, ("Description", id), &step.description, Lines::Many) {
        set(out, "description", &|s| s.description = text.clone());
    }
    if let Some(text) = text_field(ui, lang, ("Owner / role", id), &step.owner, Lines::One) {
        set(out, "owner", &|s| s.owner = text.clone());
    }
    if let Some(text) = text_field(ui, lang, ("Channel / touchpoint", id), &step.channel, Lines::One) {
        set(out, "channel", &|s| s.channel = text.clone());
    }
    if let Some(value) = minutes_field(ui, lang, "Duration", step.duration_min) {
        set(out, "duration", &|s| s.duration_min = value);
    }
    if let Some(value) = minutes_field(ui, lang, "Wait before", step.wait_min) {
        set(out, "wait", &|s| s.wait_min = value);
    }
    if let Some(text) = text_field(ui, lang, ("Service standard / KPI", id), &step.standard, Lines::One) {
        set(out, "standard", &|s| s.standard = text.clone());
    }
    egui::Grid::new("step-class").num_columns(2).show(ui, |ui| {
        ui.label(tr(lang, "Basis"))
            .on_hover_text(tr(lang, "How sure the team is that the step happens as drawn"));
        ComboBox::from_id_salt("basis")
            .selected_text(tr(lang, step.basis.name()))
            .show_ui(ui, |ui| {
                for e in Basis::ALL {
                    if ui.selectable_label(step.basis == e, tr(lang, e.name())).clicked() && step.basis != e {
                        set(out, "basis", &|s| s.basis = e);
                    }
                }
            });
        ui.end_row();
        ui.label(tr(lang, "Value"));
        ComboBox::from_id_salt("value")
            .selected_text(tr(lang, value_label(step.value)))
            .show_ui(ui, |ui| {
                for v in std::iter::once(None).chain(ValueClass::ALL.map(Some)) {
                    if ui.selectable_label(step.value == v, tr(lang, value_label(v))).clicked() && step.value != v {
                        set(out, "value", &|s| s.value = v);
                    }
                }
            });
        ui.end_row();
        ui.label(tr(lang, "Emotion"));
        ui.horizontal(|ui| {
            let mut known = step.emotion.is_some();
            let mut value = step.emotion.unwrap_or(0);
            let toggled = ui.checkbox(&mut known, "").on_hover_text(tr(lang, "Known")).changed();
            let slid = ui.add_enabled(known, egui::Slider::new(&mut value, -2..=2)).changed();
            if toggled || slid {
                set(out, "emotion", &|s| s.emotion = known.then_some(value));
            }
        });
        ui.end_row();
    });

    ui.separator();
    ui.strong(tr(lang, "Markers"));
    let markers: Vec<&Marker> = b
        .markers
        .iter()
        .filter(|m| m.target == MarkerTarget::Step(step.id.clone()))
        .collect();
    markers_ui(ui, &markers, lang, out);
    ui.horizontal_wrapped(|ui| {
        for kind in MarkerKind::ALL {
            if ui
                .small_button(format!(
                    "+ {}",
                    tr(lang, super::actions::Action::AddMarker(kind).label())
                ))
                .clicked()
            {
                out.commands.push(Command::Action(Action::AddMarker(kind)));
            }
        }
    });

    ui.separator();
    ui.strong(tr(lang, "Review notes"));
    notes_ui(ui, b, NoteTarget::Step(step.id.clone()), lang, out);

    ui.separator();
    ui.weak(format!("id: {}", step.id));
}

/// The marker's severity, with a box to go without one where its kind allows; the new value
/// when it changed.
fn severity_ui(ui: &mut Ui, lang: Lang, marker: &Marker) -> Option<Option<u8>> {
    let mut rated = marker.severity.is_some();
    let mut severity = marker.severity.unwrap_or(DEFAULT_SEVERITY);
    let label = ui.label(tr(lang, "severity")).id;
    let toggled = !marker.kind.needs_severity()
        && ui
            .checkbox(&mut rated, "")
            .on_hover_text(tr(lang, "Rate this marker"))
            .changed();
    let dragged = ui
        .add_enabled(rated, DragValue::new(&mut severity).range(1..=5))
        .labelled_by(label)
        .changed();
    (toggled || dragged).then(|| rated.then_some(severity))
}

fn markers_ui(ui: &mut Ui, markers: &[&Marker], lang: Lang, out: &mut Out<'_>) {
    let names = DrawingTexts::new(lang);
    for marker in markers {
        let id = marker.id.as_str();
        ui.push_id(id, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ComboBox::from_id_salt("kind")
                        .selected_text(names.marker(marker.kind))
                        .show_ui(ui, |ui| {
                            for kind in MarkerKind::ALL {
                                if ui.selectable_label(marker.kind == kind, names.marker(kind)).clicked()
                                    && marker.kind != kind
                                {
                                    out.apply(
                                        Edit::SetMarker(Marker {
                                            kind,
                                            severity: marker.severity.or(kind.default_severity()),
                                            ..(*marker).clone()
                                        }),
                                        "Edit marker",
                                    );
                                }
                            }
                        });
                    if let Some(severity) = severity_ui(ui, lang, marker) {
                        out.typing(
                            Edit::SetMarker(Marker {
                                severity,
                                ..(*marker).clone()
                            }),
                            "Edit marker",
                            format!("severity:{id}"),
                        );
                    }
                    if ui.small_button("×").on_hover_text(tr(lang, "Delete marker")).clicked() {
                        out.apply(Edit::RemoveMarker(marker.id.clone()), "Delete marker");
                    }
                });
                let mut note = marker.note.clone();
                let label = ui.weak(tr(lang, "Note")).id;
                let hint = tr(lang, "What do we know about it?");
                if quotes::field(ui, &mut note, true, |edit| {
                    edit.desired_rows(1).desired_width(f32::INFINITY).hint_text(hint)
                })
                .labelled_by(label)
                .changed()
                {
                    out.typing(
                        Edit::SetMarker(Marker {
                            note,
                            ..(*marker).clone()
                        }),
                        "Edit marker",
                        format!("note:{id}"),
                    );
                }
            });
        });
    }
}

fn notes_ui(ui: &mut Ui, b: &Blueprint, target: NoteTarget, lang: Lang, out: &mut Out<'_>) {
    for note in b.notes.iter().filter(|n| n.target == target) {
        let id = note.id.as_str();
        ui.push_id(id, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    let mut author = note.author.clone();
                    let label = ui.weak(tr(lang, "Author")).id;
                    if quotes::field(ui, &mut author, false, |edit| edit.desired_width(140.0))
                        .labelled_by(label)
                        .changed()
                    {
                        out.typing(
                            Edit::SetNote(ReviewNote { author, ..note.clone() }),
                            "Edit note",
                            format!("author:{id}"),
                        );
                    }
                    if ui.small_button("×").on_hover_text(tr(lang, "Delete note")).clicked() {
                        out.apply(Edit::RemoveNote(note.id.clone()), "Delete note");
                    }
                });
                let mut text = note.text.clone();
                let label = ui.weak(tr(lang, "Note")).id;
                if quotes::field(ui, &mut text, true, |edit| {
                    edit.desired_rows(2).desired_width(f32::INFINITY)
                })
                .labelled_by(label)
                .changed()
                {
                    out.typing(
                        Edit::SetNote(ReviewNote { text, ..note.clone() }),
                        "Edit note",
                        format!("note-text:{id}"),
                    );
                }
            });
        });
    }
    if ui.button(tr(lang, "Add note")).clicked() {
        let id = NoteId(fresh_id("n", b.notes.iter().map(|n| n.id.as_str())));
        out.apply(
            Edit::InsertNote(
                usize::MAX,
                ReviewNote {
                    id,
                    target,
                    author: String::new(),
                    text: String::new(),
                },
            ),
            "Add note",
        );
    }
}

fn flow_ui(ui: &mut Ui, b: &Blueprint, flow: &Flow, lang: Lang, out: &mut Out<'_>) {
    ui.heading(tr(lang, "Flow"));
    let title = |id| b.step(id).map_or(String::new(), |s| s.title.clone());
    ui.label(format!("{} → {}", title(&flow.from), title(&flow.to)));
    let mut two_way = flow.two_way;
    if ui.checkbox(&mut two_way, tr(lang, "Two-way")).changed() {
        out.apply(
            Edit::SetFlow(Flow {
                two_way,
                ..flow.clone()
            }),
            "Change flow",
        );
    }
    if let Some(label) = text_field(ui, lang, ("Label", flow.id.as_str()), &flow.label, Lines::One) {
        out.typing(
            Edit::SetFlow(Flow { label, ..flow.clone() }),
            "Change flow",
            format!("label:{}", flow.id),
        );
    }
    if let (Some(from), Some(to)) = (b.step(&flow.from), b.step(&flow.to)) {
        let (a, z) = (
            b.lane_index(&from.lane).unwrap_or(0),
            b.lane_index(&to.lane).unwrap_or(0),
        );
        let lines = b.lines_between(a, z);
        if !lines.is_empty() {
            let names = DrawingTexts::new(lang);
            let crossed: Vec<&str> = lines.iter().map(|l| names.line(*l)).collect();
            ui.label(format!("{} {}", tr(lang, "Crosses:"), crossed.join(", ")));
        }
    }
    if ui.button(tr(lang, "Delete flow")).clicked() {
        out.apply(Edit::RemoveFlow(flow.id.clone()), "Delete flow");
    }
}

fn many_ui(ui: &mut Ui, selection: &Selection, lang: Lang, out: &mut Out<'_>) {
    ui.heading(format!("{} {}", selection.steps.len(), tr(lang, "steps selected")));
    ui.label(tr(
        lang,
        "Drag them together, or use the arrow keys to move them between cells.",
    ));
    ui.horizontal_wrapped(|ui| {
        for kind in MarkerKind::ALL {
            if ui
                .small_button(format!("+ {}", tr(lang, Action::AddMarker(kind).label())))
                .clicked()
            {
                out.commands.push(Command::Action(Action::AddMarker(kind)));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "Duplicate")).clicked() {
            out.commands.push(Command::Action(Action::Duplicate));
        }
        if ui.button(tr(lang, "Delete")).clicked() {
            out.commands.push(Command::Action(Action::Delete));
        }
    });
}

/// A text field of the blueprint: label, undo key, accessor, how it takes Enter.
type InfoField = (&'static str, &'static str, fn(&mut Info) -> &mut String, Lines);

fn blueprint_ui(ui: &mut Ui, b: &Blueprint, lang: Lang, out: &mut Out<'_>) {
    ui.heading(tr(lang, "Blueprint"));
    let info = Info::of(b);
    let fields: [InfoField; 4] = [
        ("Title", "title", |i| &mut i.title, Lines::One),
        ("Description", "description", |i| &mut i.description, Lines::Many),
        ("Scenario", "scenario", |i| &mut i.scenario, Lines::Many),
        ("Persona", "persona", |i| &mut i.persona, Lines::Many),
    ];
    for (label, key, field, lines) in fields {
        let mut new = info.clone();
        if let Some(text) = text_field(ui, lang, (label, "blueprint"), field(&mut new), lines) {
            *field(&mut new) = text;
            out.typing(Edit::SetInfo(new), "Edit blueprint", format!("info:{key}"));
        }
    }
    ui.horizontal(|ui| {
        for (state, label) in [(ServiceState::AsIs, "As-is"), (ServiceState::ToBe, "To-be")] {
            if ui.radio(info.state == state, tr(lang, label)).clicked() && info.state != state {
                out.apply(Edit::SetInfo(Info { state, ..info.clone() }), "Edit blueprint");
            }
        }
    });

    ui.separator();
    ui.strong(tr(lang, "Stages"));
    // The numbers take the width of the widest, so the name fields of stages 10 and up line
    // up with those of 1–9.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let number_width = ui
        .painter()
        .layout_no_wrap(format!("{}.", b.stages.len()), font, egui::Color32::WHITE)
        .size()
        .x;
    for (i, stage) in b.stages.iter().enumerate() {
        ui.push_id(stage.id.as_str(), |ui| {
            ui.horizontal(|ui| {
                let mut name = stage.name.clone();
                let number = egui::Label::new(format!("{}.", i + 1));
                let label = ui.add_sized([number_width, ui.spacing().interact_size.y], number).id;
                if quotes::field(ui, &mut name, false, |edit| edit.desired_width(150.0))
                    .labelled_by(label)
                    .changed()
                {
                    out.typing(
                        Edit::SetStage(crate::model::Stage { name, ..stage.clone() }),
                        "Rename stage",
                        format!("stage:{}", stage.id),
                    );
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("◀").small())
                    .on_hover_text(tr(lang, "Move left"))
                    .clicked()
                {
                    out.apply(Edit::MoveStage(stage.id.clone(), i - 1), "Move stage");
                }
                if ui
                    .add_enabled(i + 1 < b.stages.len(), egui::Button::new("▶").small())
                    .on_hover_text(tr(lang, "Move right"))
                    .clicked()
                {
                    out.apply(Edit::MoveStage(stage.id.clone(), i + 1), "Move stage");
                }
                if ui.small_button("×").on_hover_text(tr(lang, "Delete stage")).clicked() {
                    out.commands.push(Command::RemoveStage(stage.id.clone()));
                }
            });
        });
    }
    if ui.button(tr(lang, "Add stage")).clicked() {
        out.commands.push(Command::AddStage(b.stages.len()));
    }

    ui.separator();
    ui.strong(tr(lang, "Lanes"));
    for (i, lane) in b.lanes.iter().enumerate() {
        ui.push_id(lane.id.as_str(), |ui| {
            ui.horizontal(|ui| {
                let mut name = lane.name.clone();
                let label = ui.label(format!("{}.", i + 1)).id;
                if quotes::field(ui, &mut name, false, |edit| edit.desired_width(170.0))
                    .labelled_by(label)
                    .changed()
                {
                    out.typing(
                        Edit::SetLane(crate::model::Lane { name, ..lane.clone() }),
                        "Rename lane",
                        format!("lane:{}", lane.id),
                    );
                }
                if lane.kind.is_removable() {
                    if ui.small_button("×").on_hover_text(tr(lang, "Delete lane")).clicked() {
                        out.commands.push(Command::RemoveLane(lane.id.clone()));
                    }
                } else {
                    ui.weak(tr(lang, "standard"));
                }
                if ui
                    .small_button("+")
                    .on_hover_text(tr(lang, "Add custom lane below"))
                    .clicked()
                {
                    out.commands.push(Command::AddLane(i + 1));
                }
            });
        });
    }

    ui.separator();
    ui.strong(tr(lang, "Review notes"));
    notes_ui(ui, b, NoteTarget::Blueprint, lang, out);
}

fn value_label(v: Option<ValueClass>) -> &'static str {
    match v {
        None => "Not set",
        Some(ValueClass::ValueAdding) => "Value-adding",
        Some(ValueClass::Necessary) => "Necessary",
        Some(ValueClass::Waste) => "Waste",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_show_in_the_largest_exact_unit_and_read_back_unchanged() {
        for (minutes, en, zh) in [
            (2880.0, "2 d", "2 天"),
            (150.0, "2.5 h", "2.5 小时"),
            (125.0, "125 min", "125 分钟"),
            (90.0, "90 min", "90 分钟"),
            (0.5, "0.5 min", "0.5 分钟"),
        ] {
            assert_eq!(exact_minutes_text(minutes, Lang::En), en);
            assert_eq!(exact_minutes_text(minutes, Lang::Zh), zh);
            for text in [en, zh] {
                assert_eq!(crate::table::parse_minutes(text), Some(minutes), "{text}");
            }
        }
        assert_eq!(crate::table::parse_minutes("soon"), None);
    }
}
