//! Modal dialogs: unsaved changes, errors, confirmations, crash recovery, and the path field
//! used where the system file dialog is not available.

use super::recovery::{Autosave, Recovered};
use super::texts::tr;
use super::{Command, EditorApp};
use crate::model::{LaneId, StageId};
use std::path::{Path, PathBuf};

/// What a path is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a blueprint.
    Open,
    /// Save under a new name.
    SaveAs,
    /// Open a second blueprint to compare with.
    Compare,
    /// Where to write the before/after table slide.
    ComparisonSlide,
    /// A steps table (.csv, .xlsx) to build a blueprint from.
    ImportSteps,
    /// Where to write the steps as a table (.csv).
    ExportSteps,
}

impl PathPurpose {
    /// Whether the path is written to.
    pub fn writes(self) -> bool {
        matches!(
            self,
            PathPurpose::SaveAs | PathPurpose::ComparisonSlide | PathPurpose::ExportSteps
        )
    }

    /// The file a path chosen for this purpose writes: a name without an extension gets the
    /// one of what is written.
    pub fn written(self, path: PathBuf) -> PathBuf {
        let extension = match self {
            PathPurpose::SaveAs => "ron",
            PathPurpose::ExportSteps => "csv",
            PathPurpose::ComparisonSlide => "png",
            PathPurpose::Open | PathPurpose::Compare | PathPurpose::ImportSteps => return path,
        };
        if path.extension().is_none() {
            path.with_extension(extension)
        } else {
            path
        }
    }
}

/// What waits on the unsaved-changes question.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// A new blueprint.
    New,
    /// The Open dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a bundled sample.
    OpenSample(usize),
    /// Import a steps table.
    ImportSteps,
    /// Close the window.
    Quit,
}

/// A modal dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Save / Discard / Cancel before something that would lose changes.
    Unsaved {
        /// What to do after.
        then: Pending,
    },
    /// Something went wrong.
    Error {
        /// Heading.
        title: String,
        /// What and where (file:line:col for load errors).
        message: String,
    },
    /// Deleting a stage that holds steps.
    ConfirmRemoveStage {
        /// The stage.
        id: StageId,
        /// How many steps go with it.
        steps: usize,
    },
    /// Deleting a lane that holds steps.
    ConfirmRemoveLane {
        /// The lane.
        id: LaneId,
        /// How many steps go with it.
        steps: usize,
    },
    /// Work a crashed run left behind.
    Restore(Vec<Recovered>),
    /// A file that reads as RON but refers to things that are not there: offers to open what
    /// is sound.
    CannotOpen {
        /// The file.
        path: PathBuf,
        /// Every problem, as `check` prints them.
        message: String,
        /// What "Open anyway" opens.
        repaired: Box<crate::file::Repaired>,
    },
    /// What "Open anyway" left out, shown once the rest is open.
    Repaired {
        /// One line per thing dropped or cleaned, with its line in the file where known.
        dropped: Vec<String>,
    },
    /// The open file changed on disk.
    ChangedOnDisk {
        /// The version on disk the question is about.
        seen: crate::file::DiskStamp,
    },
    /// Saving would replace a version someone else wrote since we read or saved the file.
    ConfirmOverwrite {
        /// What waits on the save (an unsaved-changes question answered with Save).
        then: Option<Pending>,
    },
    /// A path typed by hand names a file that is there: replace it?
    ConfirmReplace {
        /// What the path is for.
        purpose: PathPurpose,
        /// The file.
        path: PathBuf,
    },
    /// A path typed by hand.
    PathPrompt {
        /// Open or save.
        purpose: PathPurpose,
        /// The path so far.
        text: String,
        /// Why the system dialog is not used, if it failed.
        note: Option<String>,
        /// The folder of the path suggested, where a name typed alone goes.
        base: Option<PathBuf>,
    },
}

impl Dialog {
    /// The path field for `purpose`, starting from the path `suggested` (may be empty).
    pub(super) fn path_prompt(purpose: PathPurpose, suggested: String, note: Option<String>) -> Dialog {
        let base = Path::new(&suggested).parent().map(Path::to_owned);
        Dialog::PathPrompt {
            purpose,
            text: suggested,
            note,
            base,
        }
    }

    /// The dialog's heading in English, for tests and logs.
    pub fn heading(&self) -> &str {
        match self {
            Dialog::Unsaved { .. } => "Unsaved changes",
            Dialog::Error { title, .. } => title,
            Dialog::ConfirmRemoveStage { .. } => "Delete stage?",
            Dialog::ConfirmRemoveLane { .. } => "Delete lane?",
            Dialog::Restore(_) => "Restore unsaved work?",
            Dialog::CannotOpen { .. } => "Cannot open the file",
            Dialog::Repaired { .. } => "Opened with parts left out",
            Dialog::ChangedOnDisk { .. } => "Changed on disk",
            Dialog::ConfirmOverwrite { .. } => "Save over the changes on disk?",
            Dialog::ConfirmReplace { .. } => "Replace the file?",
            Dialog::PathPrompt {
                purpose: PathPurpose::Open,
                ..
            } => "Open file",
            Dialog::PathPrompt {
                purpose: PathPurpose::SaveAs,
                ..
            } => "Save as",
            Dialog::PathPrompt {
                purpose: PathPurpose::Compare,
                ..
            } => "Compare with",
            Dialog::PathPrompt {
                purpose: PathPurpose::ComparisonSlide,
                ..
            } => "Export table slide",
            Dialog::PathPrompt {
                purpose: PathPurpose::ImportSteps,
                ..
            } => "Import steps",
            Dialog::PathPrompt {
                purpose: PathPurpose::ExportSteps,
                ..
            } => "Export steps",
        }
    }
}

/// A dialog's default button: it has the keyboard focus when the dialog opens (or whenever
/// nothing else has), so Enter presses it; Escape cancels through the modal itself.
pub(super) fn default_button(ui: &mut egui::Ui, text: &str, fresh: bool) -> egui::Response {
    let response = ui.add(egui::Button::new(egui::RichText::new(text).strong()));
    if fresh || ui.ctx().memory(|m| m.focused().is_none()) {
        response.request_focus();
    }
    response
}

/// The body of "delete this stage / lane?": `Some(true)` to delete, `Some(false)` to cancel.
fn confirm_removal(
    ui: &mut egui::Ui,
    lang: crate::i18n::Lang,
    name: &str,
    steps: usize,
    button: &str,
    fresh: bool,
) -> Option<bool> {
    ui.label(format!(
        "“{name}”: {} {steps}",
        tr(lang, "steps that are deleted with it:")
    ));
    ui.label(tr(lang, "You can undo this."));
    let mut answer = None;
    ui.horizontal(|ui| {
        // Deleting is what was asked for, and it can be undone.
        if default_button(ui, tr(lang, button), fresh).clicked() {
            answer = Some(true);
        }
        if ui.button(tr(lang, "Cancel")).clicked() {
            answer = Some(false);
        }
    });
    answer
}

impl EditorApp {
    /// Shows the open dialog, if any, and the export dialog.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let lang = self.lang;
        if let Some(mut export) = self.export.take() {
            let keep = export.ui(ctx, self);
            if keep {
                self.export = Some(export);
            }
        }
        if self.dialog.is_none() {
            self.dialog = self.queued_dialog.take();
        }
        let fresh = !self.dialog_was_open;
        self.dialog_was_open = self.dialog.is_some();
        self.dialog_fresh = fresh;
        let Some(mut dialog) = self.dialog.take() else {
            return;
        };
        let mut close = false;
        let heading = tr(lang, dialog.heading()).to_owned();
        let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(&heading);
            ui.add_space(6.0);
            match &mut dialog {
                Dialog::Unsaved { then } => close = self.unsaved_ui(ui, then),
                Dialog::Error { message, .. } => {
                    egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                        ui.add(egui::Label::new(egui::RichText::new(message.as_str()).monospace()).wrap());
                    });
                    ui.add_space(8.0);
                    if default_button(ui, tr(lang, "OK"), fresh).clicked() {
                        close = true;
                    }
                }
                Dialog::ConfirmRemoveStage { id, steps } => {
                    let name = self
                        .doc
                        .blueprint()
                        .stage(id)
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    if let Some(delete) = confirm_removal(ui, lang, &name, *steps, "Delete stage", fresh) {
                        close = true;
                        if delete {
                            self.pending.push(Command::DeleteStage(id.clone()));
                        }
                    }
                }
                Dialog::ConfirmRemoveLane { id, steps } => {
                    let name = self
                        .doc
                        .blueprint()
                        .lane(id)
                        .map(|l| l.name.clone())
                        .unwrap_or_default();
                    if let Some(delete) = confirm_removal(ui, lang, &name, *steps, "Delete lane", fresh) {
                        close = true;
                        if delete {
                            self.pending.push(Command::DeleteLane(id.clone()));
                        }
                    }
                }
                Dialog::Restore(found) => close = self.restore_ui(ui, found),
                Dialog::CannotOpen {
                    path,
                    message,
                    repaired,
                } => close = self.cannot_open_ui(ui, path, message, repaired),
                Dialog::Repaired { dropped } => close = self.repaired_ui(ui, dropped),
                Dialog::ChangedOnDisk { seen } => close = self.changed_on_disk_ui(ui, *seen),
                Dialog::ConfirmOverwrite { then } => close = self.confirm_overwrite_ui(ui, then),
                Dialog::ConfirmReplace { purpose, path } => close = self.confirm_replace_ui(ui, *purpose, path),
                Dialog::PathPrompt {
                    purpose,
                    text,
                    note,
                    base,
                } => close = self.path_prompt_ui(ui, *purpose, text, note, base.as_deref()),
            }
        });
        if modal.should_close() && !matches!(dialog, Dialog::Restore(_)) {
            close = true;
            // Escape on "changed on disk" answers for that version, like Ignore or Keep mine.
            if let Dialog::ChangedOnDisk { seen } = &dialog {
                self.pending.push(Command::KeepMine(*seen));
            }
        }
        // A dialog opened while handling this one (e.g. an error) replaces it.
        if !close && self.dialog.is_none() {
            self.dialog = Some(dialog);
        }
    }

    /// "Save the changes?": Save / Discard / Cancel. Returns whether it is answered.
    fn unsaved_ui(&mut self, ui: &mut egui::Ui, then: &Pending) -> bool {
        let (lang, fresh) = (self.lang, self.dialog_fresh);
        ui.label(format!(
            "{} “{}”?",
            tr(lang, "Save the changes to"),
            self.doc.display_name()
        ));
        ui.label(tr(lang, "Your changes are lost if you do not save them."));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if default_button(ui, tr(lang, "Save"), fresh).clicked() {
                self.pending.push(Command::SaveThen(then.clone()));
                return true;
            }
            if ui.button(tr(lang, "Discard")).clicked() {
                self.pending.push(Command::DiscardThen(then.clone()));
                return true;
            }
            ui.button(tr(lang, "Cancel")).clicked()
        })
        .inner
    }

    /// Work a crash left behind: Restore each, or Discard all. Returns whether nothing is left
    /// to answer.
    fn restore_ui(&mut self, ui: &mut egui::Ui, found: &mut Vec<Recovered>) -> bool {
        let lang = self.lang;
        ui.label(tr(
            lang,
            "Blueprint Studio did not close properly last time. This work was saved automatically:",
        ));
        let mut restore = None;
        for (i, item) in found.iter().enumerate() {
            ui.horizontal(|ui| {
                let place = item
                    .original
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| tr(lang, "never saved").to_owned());
                ui.label(format!("{} — {place}", item.name));
                if ui.button(tr(lang, "Restore")).clicked() {
                    restore = Some(i);
                }
            });
        }
        let mut close = false;
        if let Some(i) = restore {
            self.pending.push(Command::Restore(found.remove(i)));
            close = found.is_empty();
        }
        ui.add_space(8.0);
        if ui.button(tr(lang, "Discard all")).clicked() {
            self.pending.extend(found.drain(..).map(Command::DiscardRecovered));
            close = true;
        }
        close
    }

    /// The path field, for when there is no native file dialog. Returns whether it is answered.
    fn path_prompt_ui(
        &mut self,
        ui: &mut egui::Ui,
        purpose: PathPurpose,
        text: &mut String,
        note: &Option<String>,
        base: Option<&Path>,
    ) -> bool {
        let lang = self.lang;
        if let Some(note) = note {
            ui.label(note.as_str());
        }
        let label = ui.label(tr(lang, "Path")).id;
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(480.0)
                    .hint_text("/home/…/blueprint.ron"),
            )
            .labelled_by(label);
        // Enter leaves the field: take that as "go" (Escape and clicks elsewhere do not).
        let enter = field.lost_focus() && ui.input(|i| !i.key_pressed(egui::Key::Escape) && !i.pointer.any_click());
        // The field takes the keyboard as soon as the dialog opens, with the path suggested
        // selected: what is typed replaces it, a name alone goes in its folder.
        if !field.lost_focus() && ui.ctx().memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        if field.gained_focus()
            && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id)
        {
            let all = egui::text::CCursorRange::select_all_str(text);
            state.cursor.set_char_range(Some(all));
            egui::TextEdit::store_state(ui.ctx(), field.id, state);
        }
        // The file open now is never what to compare it with (nor to open again).
        let open_now = self
            .doc
            .path
            .as_ref()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()));
        let recent: Vec<PathBuf> = self
            .settings
            .recent
            .iter()
            .filter(|p| Some(*p) != open_now.as_ref())
            .cloned()
            .collect();
        if matches!(purpose, PathPurpose::Open | PathPurpose::Compare) && !recent.is_empty() {
            ui.label(tr(lang, "Recent files"));
            for recent in recent {
                if ui.link(recent.display().to_string()).clicked() {
                    *text = recent.display().to_string();
                }
            }
        }
        ui.horizontal(|ui| {
            let label = match purpose {
                PathPurpose::Open | PathPurpose::Compare | PathPurpose::ImportSteps => "Open",
                PathPurpose::SaveAs | PathPurpose::ComparisonSlide | PathPurpose::ExportSteps => "Save",
            };
            if (ui.button(tr(lang, label)).clicked() || enter) && !text.trim().is_empty() {
                let typed = PathBuf::from(text.trim());
                let path = purpose.written(match base {
                    Some(base) if typed.is_relative() => base.join(typed),
                    _ => typed,
                });
                // A system dialog asks before it lets a file be replaced; so does this one.
                let saving_itself = purpose == PathPurpose::SaveAs && self.doc.path.as_deref() == Some(path.as_path());
                if purpose.writes() && path.exists() && !saving_itself {
                    self.dialog = Some(Dialog::ConfirmReplace { purpose, path });
                    return false;
                }
                self.pending.push(Command::PathChosen(purpose, path));
                return true;
            }
            if ui.button(tr(lang, "Cancel")).clicked() {
                self.pending.push(Command::CancelPath);
                return true;
            }
            false
        })
        .inner
    }

    /// Unsaved changes, Save: saves (asking for a path if there is none), then goes on.
    pub(super) fn save_then(&mut self, then: Pending) {
        // Held in case the save must ask first (the file changed on disk, or there is no path):
        // the question takes it along; a failed save must not leave it.
        self.after_save = Some(then);
        if self.doc.path.is_none() {
            self.ask_path(PathPurpose::SaveAs);
            return;
        }
        let saved = self.save();
        if let Some(then) = self.after_save.take()
            && saved
        {
            self.proceed(then);
        }
    }

    /// Unsaved changes, Discard: forgets them and goes on.
    pub(super) fn discard_then(&mut self, then: Pending) {
        self.autosave.clear();
        self.doc.history.mark_saved();
        self.proceed(then);
    }

    pub(super) fn restore(&mut self, item: &Recovered) {
        match crate::file::open(&item.path) {
            Ok(blueprint) => {
                let mut doc = super::document::Document::new(blueprint, item.original.clone(), item.name.clone());
                doc.history.mark_unsaved();
                // Written since this work was put aside (another window, a sync): the file is
                // not the version the work started from, so it is news, and saving asks first.
                let written_since = |original: &std::path::Path| {
                    let modified = std::fs::metadata(original).and_then(|m| m.modified()).ok();
                    modified.zip(item.modified).is_some_and(|(file, aside)| file > aside)
                };
                if item.original.as_deref().is_some_and(written_since) {
                    doc.disk = super::disk_watch::DiskWatch::default();
                }
                self.replace_document(doc);
                Autosave::discard(item);
                self.set_status(super::status::StatusText::tr(
                    "Restored unsaved work: save it to keep it.",
                ));
            }
            Err(error) => self.error(
                "Cannot open the file",
                super::file_messages::open_error_text(self.lang, &error),
            ),
        }
    }
}
