//! Dialogs about the open file itself: "Open anyway" for a file with broken references, what
//! that left out, the file changing on disk, and saving over such a change.

use super::dialogs::{Dialog, PathPurpose, Pending, default_button};
use super::document::{Backup, Document};
use super::status::StatusText;
use super::texts::tr;
use super::{Command, EditorApp};
use crate::file::{DiskStamp, Repaired};
use std::path::Path;
use std::time::Instant;

/// A scrolled block of monospace lines, for file messages that name lines and ids.
fn listing_ui(ui: &mut egui::Ui, lines: &[String]) {
    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
        for line in lines {
            ui.add(egui::Label::new(egui::RichText::new(line.as_str()).monospace()).wrap());
        }
    });
}

impl EditorApp {
    /// "Cannot open": the problems, and Open anyway / Cancel. Returns whether it is answered.
    pub(super) fn cannot_open_ui(
        &mut self,
        ui: &mut egui::Ui,
        path: &Path,
        message: &str,
        repaired: &Repaired,
    ) -> bool {
        let lang = self.lang;
        let lines: Vec<String> = message.lines().map(str::to_owned).collect();
        listing_ui(ui, &lines);
        ui.add_space(6.0);
        ui.label(tr(
            lang,
            "The file reads fine, but some parts refer to things that are not there or hold impossible values.",
        ));
        ui.label(tr(
            lang,
            "Open anyway keeps what is valid and leaves the rest out. The file on disk stays as it is until you save; saving keeps the original as a backup.",
        ));
        ui.add_space(8.0);
        let mut answered = false;
        ui.horizontal(|ui| {
            let open = default_button(ui, tr(lang, "Open anyway"), self.dialog_fresh);
            if open.clicked() {
                answered = true;
                self.pending
                    .push(Command::OpenRepaired(path.to_owned(), repaired.clone()));
            }
            if ui.button(tr(lang, "Cancel")).clicked() {
                answered = true;
            }
        });
        answered
    }

    /// Opens what a repair kept, unsaved, and lists what it left out.
    pub(super) fn open_repaired(&mut self, path: &Path, repaired: Repaired) {
        let mut doc = Document::new(repaired.blueprint, Some(path.to_owned()), "");
        // Unsaved: the file on disk still holds the broken version until the user saves.
        doc.history.mark_unsaved();
        doc.backup = Backup::KeepOriginal;
        self.replace_document(doc);
        self.settings.add_recent(path.to_owned());
        self.set_status(
            StatusText::tr("Opened")
                .then_raw(format!(" {} · ", path.display()))
                .then_tr("some parts were left out: save to keep a clean copy"),
        );
        self.dialog = Some(Dialog::Repaired {
            dropped: repaired.dropped.iter().map(ToString::to_string).collect(),
        });
    }

    /// What "Open anyway" left out. Returns whether it is closed.
    pub(super) fn repaired_ui(&mut self, ui: &mut egui::Ui, dropped: &[String]) -> bool {
        let lang = self.lang;
        ui.label(tr(lang, "These were left out or cleaned up:"));
        listing_ui(ui, dropped);
        ui.add_space(6.0);
        ui.label(tr(
            lang,
            "Save to keep a clean copy; the original file is kept next to it as a backup.",
        ));
        ui.add_space(8.0);
        default_button(ui, tr(lang, "OK"), self.dialog_fresh).clicked()
    }

    /// "Changed on disk": Reload / Ignore, or with unsaved changes Keep mine / Take theirs.
    pub(super) fn changed_on_disk_ui(&mut self, ui: &mut egui::Ui, seen: DiskStamp) -> bool {
        let lang = self.lang;
        // One sentence with the name in it, so each language puts the name where it belongs.
        let name = self.doc.display_name();
        ui.label(tr(lang, "“{name}” has changed on disk.").replacen("{name}", &name, 1));
        let dirty = self.doc.is_dirty();
        if dirty {
            ui.label(tr(
                lang,
                "You have unsaved changes. Take theirs loads the file from disk and your changes are lost; Keep mine goes on with yours, and saving asks before it replaces theirs.",
            ));
        } else {
            ui.label(tr(lang, "Reload to see the version on disk."));
        }
        ui.add_space(8.0);
        let mut answered = false;
        ui.horizontal(|ui| {
            let (take, keep) = if dirty {
                ("Take theirs", "Keep mine")
            } else {
                ("Reload", "Ignore")
            };
            // The default keeps unsaved work, and otherwise shows what is on disk.
            let fresh = self.dialog_fresh;
            if dirty && default_button(ui, tr(lang, keep), fresh).clicked() {
                answered = true;
                self.pending.push(Command::KeepMine(seen));
            }
            let take_button = if dirty {
                ui.button(tr(lang, take))
            } else {
                default_button(ui, tr(lang, take), fresh)
            };
            if take_button.clicked() {
                answered = true;
                self.pending.push(Command::Reload(seen));
            }
            if !dirty && ui.button(tr(lang, keep)).clicked() {
                answered = true;
                self.pending.push(Command::KeepMine(seen));
            }
        });
        answered
    }

    /// Loads the file again through the same path as Open, dropping the unsaved changes.
    pub(super) fn reload(&mut self, seen: DiskStamp) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        // If the new version cannot be opened, the document stays and is not asked about again
        // until the file changes once more.
        self.doc.disk.dismiss(seen);
        self.open_path(&path);
    }

    /// "Save over the changes on disk?": Save anyway / Cancel. Returns whether it is answered.
    pub(super) fn confirm_overwrite_ui(&mut self, ui: &mut egui::Ui, then: &Option<Pending>) -> bool {
        let lang = self.lang;
        let name = self.doc.display_name();
        ui.label(
            tr(
                lang,
                "“{name}” has changed on disk since it was opened or saved. Saving replaces that version with yours.",
            )
            .replacen("{name}", &name, 1),
        );
        ui.add_space(8.0);
        let mut answered = false;
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "Save anyway")).clicked() {
                answered = true;
                self.pending.push(Command::SaveOver(then.clone()));
            }
            if default_button(ui, tr(lang, "Cancel"), self.dialog_fresh).clicked() {
                answered = true;
            }
        });
        answered
    }

    /// A typed path names a file that is there: Replace writes it, Cancel goes back to the path.
    pub(super) fn confirm_replace_ui(
        &mut self,
        ui: &mut egui::Ui,
        purpose: PathPurpose,
        path: &std::path::Path,
    ) -> bool {
        let lang = self.lang;
        ui.label(
            tr(lang, "“{name}” already exists. Replacing it overwrites what is in it.").replacen(
                "{name}",
                &path.display().to_string(),
                1,
            ),
        );
        ui.add_space(8.0);
        let mut answered = false;
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "Replace")).clicked() {
                answered = true;
                self.pending.push(Command::PathChosen(purpose, path.to_owned()));
            }
            if default_button(ui, tr(lang, "Cancel"), self.dialog_fresh).clicked() {
                answered = true;
                self.dialog = Some(Dialog::path_prompt(purpose, path.display().to_string(), None));
            }
        });
        answered
    }

    /// Save anyway: writes over the version on disk, then goes on with what was waiting.
    pub(super) fn save_over(&mut self, then: Option<Pending>) {
        if let Some(path) = self.doc.path.clone()
            && self.save_to(&path)
            && let Some(then) = then
        {
            self.proceed(then);
        }
    }

    /// Looks at the open file when the window gains focus and every few seconds.
    pub(super) fn disk_tick(&mut self, ctx: &egui::Context) {
        if self.doc.path.is_none() {
            return;
        }
        let focused = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::WindowFocused(true))));
        if self.doc.disk.due(Instant::now()) || focused {
            self.check_disk();
        }
        ctx.request_repaint_after(super::disk_watch::INTERVAL);
    }

    /// Asks what to do if the open file changed on disk since it was read or saved; does
    /// nothing while another dialog is open (the question waits for the next look).
    pub fn check_disk(&mut self) {
        if self.dialog.is_some() || self.export.is_some() || self.presentation.is_some() {
            return;
        }
        let Some(path) = &self.doc.path else {
            return;
        };
        if let Some(seen) = self.doc.disk.news(path) {
            self.dialog = Some(Dialog::ChangedOnDisk { seen });
        }
    }
}
