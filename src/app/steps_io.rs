//! File → Import steps… and Export steps…: a blueprint from a spreadsheet's step list, and the
//! steps back out as a table (`crate::table`).

use super::EditorApp;
use super::document::Document;
use super::status::StatusText;
use super::texts::{count, tr};
use std::path::Path;

impl EditorApp {
    /// A new, unsaved blueprint from the steps table at `path`.
    pub(super) fn import_steps(&mut self, path: &Path) {
        match crate::table::import(path) {
            Ok(crate::table::Imported { blueprint, ignored }) => {
                let steps = blueprint.steps.len();
                let mut doc = Document::new(blueprint, None, tr(self.lang, "Imported steps"));
                doc.came_from = Some(path.to_owned());
                // Nothing on disk holds it yet: closing asks to save.
                doc.history.mark_unsaved();
                self.replace_document(doc);
                let mut status = StatusText::tr("Imported")
                    .then_raw(format!(" {} · ", path.display()))
                    .then_raw(count(self.lang, steps, "step", "steps"));
                // What the table holds beyond a step's fields must not vanish unsaid.
                if !ignored.is_empty() {
                    status = status.then_raw(" · ").then_tr("columns not read:");
                    for (k, column) in ignored.iter().enumerate() {
                        let header = match column.header.as_str() {
                            "" => tr(self.lang, "no header"),
                            header => header,
                        };
                        let gap = if k == 0 { " " } else { ", " };
                        status = status.then_raw(format!("{gap}{} ({header})", column.letter));
                    }
                }
                self.set_status(status);
            }
            Err(error) => self.error(
                "Cannot import the table",
                format!("{}: {}", path.display(), error.text(self.lang)),
            ),
        }
    }

    /// Writes the steps as a table to `path`.
    pub(super) fn export_steps(&mut self, path: &Path) {
        // A table written over a blueprint (the name typed where the blueprint's was suggested)
        // would lose it.
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
            self.error(
                "Cannot export the steps",
                tr(self.lang, "Steps are written as a table: choose a name ending in .csv.").to_owned(),
            );
            return;
        }
        let written = crate::table::write_csv(self.doc.blueprint())
            .and_then(|bytes| crate::file::write_atomically(path, &bytes, false));
        match written {
            Ok(()) => {
                let mut status = StatusText::tr("Exported steps to").then_raw(format!(" {}", path.display()));
                // What the table cannot hold must not vanish unsaid either.
                let left_out = crate::table::LeftOut::of(self.doc.blueprint());
                if !left_out.is_empty() {
                    status = status.then_raw(" · ").then_tr("not in the table:").then_raw(format!(
                        " {}, {}",
                        count(self.lang, left_out.stage_markers, "stage marker", "stage markers"),
                        count(self.lang, left_out.notes, "review note", "review notes")
                    ));
                }
                self.set_status(status);
            }
            Err(error) => self.error("Cannot export the steps", format!("{}: {error}", path.display())),
        }
    }
}
