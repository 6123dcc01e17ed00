//! Menu bar, toolbar and status bar: they only queue commands.

use super::EditorApp;
use super::actions::{Action, Command};
use super::texts::{count, tr};
use crate::i18n::Lang;
use crate::model::MarkerKind;
use crate::style::{Style, badge_letter};
use egui::{Button, RichText, Ui};

/// How a shortcut is written in menus and tips: keys by their symbol ("Ctrl+=", "↑"), as on
/// the keyboard, rather than by egui's names for them ("Ctrl+Equals", "Up").
pub fn shortcut_text(ctx: &egui::Context, shortcut: &egui::KeyboardShortcut) -> String {
    let written = ctx.format_shortcut(shortcut);
    let key = shortcut.logical_key;
    let symbol = match key {
        egui::Key::ArrowLeft => "←",
        egui::Key::ArrowRight => "→",
        egui::Key::ArrowUp => "↑",
        egui::Key::ArrowDown => "↓",
        _ if key.symbol_or_name().chars().count() == 1 => key.symbol_or_name(),
        _ => return written,
    };
    match written.strip_suffix(key.name()) {
        Some(modifiers) => format!("{modifiers}{symbol}"),
        None => written,
    }
}

/// A menu entry for an action, with its shortcut; queues the action when clicked.
fn item(ui: &mut Ui, app: &mut EditorApp, action: Action, enabled: bool) {
    let mut button = Button::new(tr(app.lang, action.label()));
    if let Some(shortcut) = action.shortcut() {
        button = button.shortcut_text(shortcut_text(ui.ctx(), &shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        app.queue(Command::Action(action));
        ui.close();
    }
}

/// The menu bar.
pub fn menu_bar(ui: &mut Ui, app: &mut EditorApp) {
    let lang = app.lang;
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr(lang, "File"), |ui| {
                item(ui, app, Action::New, true);
                item(ui, app, Action::Open, true);
                ui.menu_button(tr(lang, "Open sample"), |ui| {
                    // The interface's language first.
                    let mut groups = [("English", Lang::En), ("中文", Lang::Zh)];
                    if lang == Lang::Zh {
                        groups.reverse();
                    }
                    for (group, group_lang) in groups {
                        ui.label(RichText::new(group).weak());
                        // A to-be version sits beside its as-is one.
                        let listed = crate::samples::SAMPLES
                            .iter()
                            .enumerate()
                            .filter(|&(i, s)| s.lang == group_lang && !crate::samples::is_to_be(i));
                        for (index, sample) in listed {
                            ui.horizontal(|ui| {
                                if ui.button(sample.title()).clicked() {
                                    app.queue(Command::OpenSample(index));
                                    ui.close();
                                }
                                if let Some(to_be) = crate::samples::pair_of(index) {
                                    let texts = crate::style::DrawingTexts::new(group_lang);
                                    let to_be_name = texts.state(crate::model::ServiceState::ToBe);
                                    if ui
                                        .button(to_be_name)
                                        .on_hover_text(crate::samples::SAMPLES[to_be].title())
                                        .clicked()
                                    {
                                        app.queue(Command::OpenSample(to_be));
                                        ui.close();
                                    }
                                }
                            });
                        }
                    }
                });
                ui.menu_button(tr(lang, "Recent files"), |ui| {
                    if app.settings.recent.is_empty() {
                        ui.weak(tr(lang, "None yet"));
                    }
                    for path in app.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.queue(Command::OpenPath(path));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                item(ui, app, Action::Save, true);
                item(ui, app, Action::SaveAs, true);
                ui.separator();
                item(ui, app, Action::Export, true);
                item(ui, app, Action::CopyImage, true);
                ui.separator();
                item(ui, app, Action::ImportSteps, true);
                item(ui, app, Action::ExportSteps, true);
                ui.separator();
                item(ui, app, Action::Quit, true);
            });
            ui.menu_button(tr(lang, "Edit"), |ui| {
                let undo = app.doc.history.undo_label().map(|l| format!("{} {}", tr(lang, "Undo"), tr(lang, l)));
                let redo = app.doc.history.redo_label().map(|l| format!("{} {}", tr(lang, "Redo"), tr(lang, l)));
                for (action, label) in [(Action::Undo, undo), (Action::Redo, redo)] {
                    let text = label.clone().unwrap_or_else(|| tr(lang, action.label()).to_owned());
                    let shortcut = action.shortcut().map(|s| shortcut_text(ui.ctx(), &s)).unwrap_or_default();
                    if ui.add_enabled(label.is_some(), Button::new(text).shortcut_text(shortcut)).clicked() {
                        app.queue(Command::Action(action));
                        ui.close();
                    }
                }
                ui.separator();
                let has_steps = !app.state.selection.steps.is_empty();
                item(ui, app, Action::Cut, has_steps);
                item(ui, app, Action::Copy, has_steps);
                item(ui, app, Action::Paste, app.copied.is_some());
                item(ui, app, Action::Duplicate, has_steps);
                item(ui, app, Action::Delete, !app.state.selection.is_empty());
                ui.separator();
                item(ui, app, Action::SelectAll, true);
            });
            ui.menu_button(tr(lang, "Insert"), |ui| {
                let one = !app.state.selection.steps.is_empty();
                item(ui, app, Action::AddStep, true);
                item(ui, app, Action::AddNextStep, one);
                if ui.button(tr(lang, "Add stage")).clicked() {
                    app.queue(Command::AddStage(app.blueprint().stages.len()));
                    ui.close();
                }
                if ui.button(tr(lang, "Add custom lane")).clicked() {
                    app.queue(Command::AddLane(app.blueprint().lanes.len()));
                    ui.close();
                }
                ui.separator();
                for kind in MarkerKind::ALL {
                    item(ui, app, Action::AddMarker(kind), one);
                }
            });
            ui.menu_button(tr(lang, "View"), |ui| {
                item(ui, app, Action::ZoomIn, true);
                item(ui, app, Action::ZoomOut, true);
                item(ui, app, Action::ZoomFit, true);
                ui.separator();
                let mut analysis = app.settings.show_analysis;
                if ui.checkbox(&mut analysis, tr(lang, Action::ToggleAnalysis.label())).clicked() {
                    app.queue(Command::Action(Action::ToggleAnalysis));
                }
                let mut inspector = !app.settings.hide_inspector;
                if ui.checkbox(&mut inspector, tr(lang, Action::ToggleInspector.label())).clicked() {
                    app.queue(Command::Action(Action::ToggleInspector));
                }
                let mut dark = app.settings.dark;
                if ui.checkbox(&mut dark, tr(lang, Action::ToggleTheme.label())).clicked() {
                    app.queue(Command::Action(Action::ToggleTheme));
                }
                item(ui, app, Action::ToggleLanguage, true);
                ui.separator();
                item(ui, app, Action::Present, true);
            });
            ui.menu_button(tr(lang, "Help"), |ui| {
                ui.label(RichText::new(tr(lang, "Keyboard shortcuts")).strong());
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for action in Action::ALL {
                        if let Some(shortcut) = action.shortcut() {
                            ui.label(tr(lang, action.label()));
                            ui.label(shortcut_text(ui.ctx(), &shortcut));
                            ui.end_row();
                        }
                    }
                });
                ui.separator();
                ui.label(tr(lang, "Drag empty canvas to pan, Shift+drag to select, Ctrl+wheel to zoom."));
                ui.label(tr(lang, "Double-click an empty cell to add a step; drag the dot on a card's edge to another card to connect them."));
            });
        });
    });
}

/// A toolbar button with a tooltip naming its shortcut.
fn tool(ui: &mut Ui, app: &mut EditorApp, text: impl Into<egui::WidgetText>, action: Action, enabled: bool) {
    let mut tip = tr(app.lang, action.label()).to_owned();
    if let Some(shortcut) = action.shortcut() {
        tip = format!("{tip} ({})", shortcut_text(ui.ctx(), &shortcut));
    }
    if ui
        .add_enabled(enabled, Button::new(text))
        .on_hover_text(&tip)
        .on_disabled_hover_text(&tip)
        .clicked()
    {
        app.queue(Command::Action(action));
    }
}

/// The toolbar under the menus.
pub fn toolbar(ui: &mut Ui, app: &mut EditorApp) {
    let lang = app.lang;
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            tool(ui, app, tr(lang, "New"), Action::New, true);
            tool(ui, app, tr(lang, "Open…"), Action::Open, true);
            tool(ui, app, tr(lang, "Save"), Action::Save, true);
            ui.separator();
            let (can_undo, can_redo) = (
                app.doc.history.undo_label().is_some(),
                app.doc.history.redo_label().is_some(),
            );
            tool(ui, app, tr(lang, "Undo"), Action::Undo, can_undo);
            tool(ui, app, tr(lang, "Redo"), Action::Redo, can_redo);
            ui.separator();
            tool(ui, app, format!("+ {}", tr(lang, "Step")), Action::AddStep, true);
            let one = !app.state.selection.steps.is_empty();
            let style = Style::default();
            for kind in MarkerKind::ALL {
                let color = super::paint::color(style.marker_color(kind));
                let text = RichText::new(badge_letter(kind))
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(color);
                tool(ui, app, text, Action::AddMarker(kind), one);
            }
            ui.separator();
            tool(ui, app, "−", Action::ZoomOut, true);
            ui.label(zoom_text(app.state.viewport.zoom));
            tool(ui, app, "+", Action::ZoomIn, true);
            tool(ui, app, tr(lang, "Fit"), Action::ZoomFit, true);
            ui.separator();
            tool(ui, app, tr(lang, "Export…"), Action::Export, true);
            tool(ui, app, tr(lang, "Analysis"), Action::ToggleAnalysis, true);
        });
    });
}

/// The status bar at the bottom.
pub fn status_bar(ui: &mut Ui, app: &mut EditorApp) {
    let lang = app.lang;
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(app.status());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let b = app.blueprint();
                // Counted as the analysis counts them, evidence items apart: one pass comparing
                // lane ids: 0.03 ms a frame at 20,000 steps.
                let evidence = b
                    .lane_of_kind(crate::model::LaneKind::Evidence)
                    .map_or(0, |lane| b.steps.iter().filter(|s| s.lane == lane.id).count());
                let steps = match evidence {
                    0 => count(lang, b.steps.len(), "step", "steps"),
                    _ => format!(
                        "{} + {}",
                        count(lang, b.steps.len() - evidence, "step", "steps"),
                        count(lang, evidence, "evidence item", "evidence items")
                    ),
                };
                ui.label(format!(
                    "{steps} · {} · {}",
                    count(lang, b.flows.len(), "flow", "flows"),
                    count(lang, b.markers.len(), "marker", "markers"),
                ));
                let selected = app.state.selection.steps.len();
                if selected > 0 {
                    ui.label(match lang {
                        Lang::En => format!("{selected} {} ·", tr(lang, "selected")),
                        Lang::Zh => format!("{} {selected} 项 ·", tr(lang, "selected")),
                    });
                }
            });
        });
    });
}

/// The zoom as the toolbar shows it: whole percent, with a decimal under 10 % so a fitted
/// overview of a large blueprint does not read "0 %".
fn zoom_text(zoom: f32) -> String {
    let percent = zoom * 100.0;
    if percent < 9.95 {
        format!("{percent:.1} %")
    } else {
        format!("{percent:.0} %")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_zoom_of_a_fitted_overview_reads_as_more_than_nothing() {
        assert_eq!(super::zoom_text(0.006), "0.6 %");
        assert_eq!(super::zoom_text(0.0995), "10 %");
        assert_eq!(super::zoom_text(1.0), "100 %");
    }
}
