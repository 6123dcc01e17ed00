//! The open document: the blueprint, its undo history, where it lives on disk, and the layout
//! and scene derived from it (rebuilt only when the blueprint changes).

use super::disk_watch::DiskWatch;
use crate::edit::{Edit, EditError, History, Merge};
use crate::layout::{Layout, LayoutOptions, layout_with};
use crate::model::Blueprint;
use crate::scene::{Highlights, Scene, build, redraw_card};
use crate::style::Style;
use std::path::PathBuf;

/// The layout and scene of one revision of the blueprint.
pub struct Drawing {
    /// Where everything sits.
    pub layout: Layout,
    /// What the canvas paints.
    pub scene: Scene,
    revision: u64,
    highlights: Highlights,
    /// Unique per build, so caches of what was painted can tell drawings apart.
    pub serial: u64,
    /// Cards drawn again in place since the build, oldest first: caches of what was painted
    /// forget just these.
    pub patched: Vec<usize>,
    /// Steps per stage, shown where a stage is too narrow on screen for its name.
    pub stage_steps: Vec<usize>,
    /// Markers per stage (on the stage or its steps), shown as heat beside the step count.
    pub stage_markers: Vec<usize>,
}

/// Serial numbers for drawings.
static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// What a save does with the file it replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Backup {
    /// Keeps the previous version as `NAME.ron.bak`, replacing the last one.
    #[default]
    Rolling,
    /// The file was repaired on open: keep it whole under a backup name not yet taken.
    KeepOriginal,
    /// `NAME.ron.bak` holds the original of a repaired file: leave it alone.
    OriginalKept,
}

/// An open blueprint.
pub struct Document {
    /// The blueprint being edited. Change it only through [`Document::apply`].
    blueprint: Blueprint,
    /// Undo and redo.
    pub history: History,
    /// The file it was opened from or saved to; `None` for new documents and bundled samples.
    pub path: Option<PathBuf>,
    /// Name shown in the title bar when there is no path.
    pub untitled_name: String,
    /// The file on disk as we last read or wrote it, to notice when someone else writes it.
    pub disk: DiskWatch,
    /// What saving does with the file it replaces.
    pub backup: Backup,
    drawing: Option<Drawing>,
}

impl Document {
    /// A document that matches its file (or a fresh one that needs no saving yet).
    pub fn new(blueprint: Blueprint, path: Option<PathBuf>, untitled_name: impl Into<String>) -> Document {
        let mut history = History::default();
        history.mark_saved();
        Document {
            blueprint,
            history,
            disk: DiskWatch::of(path.as_deref()),
            path,
            untitled_name: untitled_name.into(),
            backup: Backup::Rolling,
            drawing: None,
        }
    }

    /// The blueprint.
    pub fn blueprint(&self) -> &Blueprint {
        &self.blueprint
    }

    /// Takes back the last edit without leaving it to redo.
    pub fn retract(&mut self) -> Option<String> {
        self.history.retract(&mut self.blueprint)
    }

    /// Applies an edit through the history. Returns whether anything changed.
    pub fn apply(&mut self, edit: Edit, label: &str, merge: Merge) -> Result<bool, EditError> {
        self.history.apply(&mut self.blueprint, edit, label, merge)
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        self.history.undo(&mut self.blueprint)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        self.history.redo(&mut self.blueprint)
    }

    /// The file name or the untitled name.
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.untitled_name.clone())
    }

    /// Whether there are changes not on disk.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Brings the layout and scene up to date with the blueprint and `highlights`: patches the
    /// one card an edit of a single step changed when nothing else moves, and builds them again
    /// otherwise.
    pub fn ensure_drawing(&mut self, highlights: &Highlights) {
        let revision = self.history.revision();
        let stale = self
            .drawing
            .as_ref()
            .is_none_or(|d| d.revision != revision || &d.highlights != highlights);
        if stale && !self.patch_drawing(highlights) {
            let style = Style::default();
            let layout = layout_with(
                &self.blueprint,
                &style,
                LayoutOptions {
                    title: true,
                    legend: true,
                },
                highlights,
            );
            let scene = build(&self.blueprint, &layout, &style, highlights);
            let serial = NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let (stage_steps, stage_markers) = super::headers::stage_counts(&self.blueprint, &layout);
            self.drawing = Some(Drawing {
                layout,
                scene,
                revision,
                highlights: highlights.clone(),
                serial,
                patched: Vec::new(),
                stage_steps,
                stage_markers,
            });
        }
    }

    /// Redraws the card of the step the last change touched alone, when the drawing is of the
    /// revision just before and nothing else has to move. Returns whether it did.
    fn patch_drawing(&mut self, highlights: &Highlights) -> bool {
        let revision = self.history.revision();
        let (Some(drawing), Some(change)) = (self.drawing.as_mut(), self.history.step_change()) else {
            return false;
        };
        // A feeling moves a point of the emotion curve, which a card alone does not redraw.
        if drawing.revision + 1 != revision
            || &drawing.highlights != highlights
            || change.before.emotion != change.after.emotion
        {
            return false;
        }
        let Some(c) = drawing.layout.card_index(&change.after.id) else {
            return false;
        };
        let style = Style::default();
        let step = drawing.layout.cards[c].step;
        let old = drawing.layout.cards[c].clone();
        if !drawing.layout.relayout_card(&self.blueprint, &style, highlights, step) {
            return false;
        }
        if !redraw_card(
            &mut drawing.scene,
            &self.blueprint,
            &drawing.layout,
            &style,
            highlights,
            c,
        ) {
            drawing.layout.cards[c] = old;
            return false;
        }
        drawing.revision = revision;
        drawing.patched.push(c);
        true
    }

    /// The blueprint and its drawing; call [`Document::ensure_drawing`] first.
    pub fn parts(&self) -> (&Blueprint, &Drawing) {
        let drawing = self.drawing.as_ref().expect("ensure_drawing was called");
        (&self.blueprint, drawing)
    }

    /// The drawing if one is current, without building it.
    pub fn current_drawing(&self) -> Option<&Drawing> {
        self.drawing.as_ref().filter(|d| d.revision == self.history.revision())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Merge;
    use crate::model::{Basis, Step};

    fn open(path: &str) -> Blueprint {
        crate::file::open(std::path::Path::new(path)).expect("sample")
    }

    /// The drawing a document would build from scratch.
    fn full(b: &Blueprint, highlights: &Highlights) -> Document {
        let mut doc = Document::new(b.clone(), None, "full");
        doc.ensure_drawing(highlights);
        doc
    }

    /// Applies `change` to step `i` and brings the drawing up to date; returns whether it was
    /// patched rather than rebuilt, after checking it matches a drawing built from scratch.
    fn edit_step(doc: &mut Document, highlights: &Highlights, i: usize, change: &dyn Fn(&mut Step)) -> bool {
        let mut step = doc.blueprint().steps[i].clone();
        change(&mut step);
        doc.apply(Edit::SetStep(step), "edit", Merge::Key(format!("step {i}")))
            .expect("a valid edit");
        same_as_full(doc, highlights)
    }

    fn same_as_full(doc: &mut Document, highlights: &Highlights) -> bool {
        let serial = doc.drawing.as_ref().map(|d| d.serial);
        doc.ensure_drawing(highlights);
        let (b, patched) = doc.parts();
        let fresh = full(b, highlights);
        let (_, rebuilt) = fresh.parts();
        assert_eq!(
            format!("{:?}", patched.layout.cards),
            format!("{:?}", rebuilt.layout.cards),
            "the cards are where a full layout puts them"
        );
        assert!(
            patched.scene == rebuilt.scene,
            "the scene is the one a full build makes"
        );
        serial == Some(patched.serial)
    }

    #[test]
    fn an_edit_of_one_steps_text_patches_its_card_and_matches_a_full_build() {
        for (path, highlights) in [
            ("samples/en/bank-loan.ron", Highlights::default()),
            ("samples/zh/coffee-shop.ron", Highlights::default()),
        ] {
            let b = open(path);
            let mut doc = full(&b, &highlights);
            // Typing into a title, letter by letter: each keystroke patches the card.
            let i = b.steps.iter().position(|s| !s.title.is_empty()).expect("a titled step");
            for letter in ['x', 'y'] {
                assert!(
                    edit_step(&mut doc, &highlights, i, &|s| s.title.push(letter)),
                    "{path}: typing a letter patches"
                );
            }
            assert!(edit_step(&mut doc, &highlights, i, &|s| s.owner = "Someone else".into()));
            assert!(edit_step(&mut doc, &highlights, i, &|s| s.basis = Basis::Proposed));
            assert!(edit_step(&mut doc, &highlights, i, &|s| s.description.push('+')));
            // Undo and redo of such an edit patch too.
            doc.undo();
            assert!(same_as_full(&mut doc, &highlights), "{path}: undo patches");
            doc.redo();
            assert!(same_as_full(&mut doc, &highlights), "{path}: redo patches");
            // A title that needs more lines makes the card taller: everything below moves.
            let long = "A much longer title that needs several lines on its card ".repeat(3);
            assert!(!edit_step(&mut doc, &highlights, i, &|s| s.title = long.clone()));
            // Moving a step behind the next one in its cell, or to another stage, is no text
            // edit.
            let (b, drawing) = doc.parts();
            let cards = &drawing.layout.cards;
            let (first, next) = cards
                .windows(2)
                .find(|w| (w[0].lane, w[0].stage) == (w[1].lane, w[1].stage))
                .map(|w| (w[0].step, b.steps[w[1].step].order))
                .expect("a cell with two cards");
            assert!(!edit_step(&mut doc, &highlights, first, &|s| s.order = next + 1));
            let other = doc.blueprint().stages.last().expect("stages").id.clone();
            assert!(!edit_step(&mut doc, &highlights, i, &|s| s.stage = other.clone()));
            // A customer's feeling moves a point of the emotion curve: drawn again in full.
            let felt = doc
                .blueprint()
                .steps
                .iter()
                .position(|s| s.emotion.is_some())
                .expect("a feeling");
            assert!(!edit_step(&mut doc, &highlights, felt, &|s| s.emotion = Some(-2)));
        }
    }

    #[test]
    fn two_edits_between_frames_or_other_edits_build_the_drawing_again() {
        let highlights = Highlights::default();
        let b = open("samples/en/coffee-shop.ron");
        let mut doc = full(&b, &highlights);
        for letter in ['a', 'b'] {
            let mut step = doc.blueprint().steps[0].clone();
            step.title.push(letter);
            doc.apply(Edit::SetStep(step), "edit", Merge::Never).expect("valid");
        }
        assert!(!same_as_full(&mut doc, &highlights), "two revisions behind: rebuilt");
        let flow = doc.blueprint().flows[0].clone();
        doc.apply(Edit::RemoveFlow(flow.id.clone()), "remove", Merge::Never)
            .expect("valid");
        assert!(!same_as_full(&mut doc, &highlights), "a flow removed: rebuilt");
    }
}
