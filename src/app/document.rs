//! The open document: the blueprint, its undo history, where it lives on disk, and the layout
//! and scene derived from it (rebuilt only when the blueprint changes, on a worker thread when
//! the blueprint is large).

use super::disk_watch::DiskWatch;
use super::paint::Chunks;
use super::worker::{Job, Polled, dispose};
use crate::edit::{Edit, EditError, History, Merge};
use crate::layout::{Layout, LayoutOptions, layout_with};
use crate::model::Blueprint;
use crate::scene::{Highlights, Scene, build, redraw_card};
use crate::style::Style;
use std::path::PathBuf;
use std::sync::Arc;

/// Steps from which the editor builds drawings on a worker thread. Below it a full build takes
/// less than a frame (6 ms at 1,000 steps on two cores, docs/PERFORMANCE.md) and is done at
/// once; the limit counts steps rather than measuring time so the editor behaves the same on
/// every machine and in every test.
pub const BACKGROUND_FROM: usize = 2_000;

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
    /// The scene's items grouped for the paint cache.
    pub chunks: Chunks,
    /// Steps per stage, shown where a stage is too narrow on screen for its name.
    pub stage_steps: Vec<usize>,
    /// Markers per stage (on the stage or its steps), shown as heat beside the step count.
    pub stage_markers: Vec<usize>,
    /// The blueprint it was made from, kept where drawings are built in the background: while
    /// the drawing is behind the document, the canvas must paint and hit-test against this one.
    source: Option<Arc<Blueprint>>,
}

impl Drawing {
    /// The analysis highlights it is drawn with.
    pub fn highlights(&self) -> &Highlights {
        &self.highlights
    }

    /// Lays out and draws `blueprint`, revision `revision`, keeping it as the drawing's source.
    pub(super) fn build(blueprint: Arc<Blueprint>, revision: u64, highlights: &Highlights) -> Drawing {
        let mut drawing = Drawing::of(&blueprint, revision, highlights);
        drawing.source = Some(blueprint);
        drawing
    }

    /// Lays out and draws `blueprint`, revision `revision`.
    fn of(blueprint: &Blueprint, revision: u64, highlights: &Highlights) -> Drawing {
        let style = Style::default();
        let layout = layout_with(
            blueprint,
            &style,
            LayoutOptions {
                title: true,
                legend: true,
            },
            highlights,
        );
        let scene = build(blueprint, &layout, &style, highlights);
        let (stage_steps, stage_markers) = super::headers::stage_counts(blueprint, &layout);
        Drawing {
            layout,
            chunks: Chunks::of(&scene),
            scene,
            revision,
            highlights: highlights.clone(),
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            patched: Vec::new(),
            stage_steps,
            stage_markers,
            source: None,
        }
    }
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
    /// Where a document with no path of its own came from (the table its steps were imported
    /// from): Save as suggests a file beside it.
    pub came_from: Option<PathBuf>,
    /// The file on disk as we last read or wrote it, to notice when someone else writes it.
    pub disk: DiskWatch,
    /// What saving does with the file it replaces.
    pub backup: Backup,
    drawing: Option<Drawing>,
    /// The drawing being built in the background, if any.
    job: Option<Job<Drawing>>,
    /// Steps from which drawings are built in the background ([`BACKGROUND_FROM`]).
    pub background_from: usize,
    /// A copy of the blueprint for work in the background, with its revision: the drawing and
    /// the analysis of one revision share it.
    copy: std::cell::RefCell<Option<(u64, Arc<Blueprint>)>>,
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
            came_from: None,
            backup: Backup::Rolling,
            drawing: None,
            job: None,
            background_from: BACKGROUND_FROM,
            copy: Default::default(),
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
        if self.is_stale(highlights) && !self.patch_drawing(highlights) {
            self.build_now(highlights, false);
        }
    }

    /// Like [`Document::ensure_drawing`], but a large blueprint's full build runs on a worker
    /// thread: until it is done the drawing stays as it was, [`Document::parts`] gives it with
    /// the blueprint it shows, and `ctx` is woken when the new one is ready. One build runs at a
    /// time; edits made meanwhile are drawn by the next. `highlights` is `None` while they are
    /// not known for the current revision (its report is being worked out): the drawing then
    /// waits too, unless there is none to show.
    pub fn update_drawing(&mut self, highlights: Option<&Highlights>, ctx: &egui::Context) {
        if let Some(job) = &mut self.job {
            match job.poll() {
                Polled::Running => {}
                Polled::Done(drawing) => {
                    self.job = None;
                    // Never older than what is shown (a build on the UI thread may have overtaken
                    // it); of the same revision when it has the highlights asked for, which the
                    // one shown lacks.
                    let newer = |d: &Drawing| {
                        d.revision < drawing.revision
                            || (d.revision == drawing.revision
                                && highlights.is_some_and(|h| *h == drawing.highlights && *h != d.highlights))
                    };
                    if self.drawing.as_ref().is_none_or(newer) {
                        dispose(self.drawing.replace(drawing));
                    } else {
                        dispose(drawing);
                    }
                }
                Polled::Failed(reason) => {
                    self.job = None;
                    eprintln!("drawing in the background failed ({reason}); drawing here instead");
                    self.drawing = None;
                }
            }
        }
        let behind_is_safe = self.drawing.as_ref().is_some_and(|d| d.source.is_some());
        let Some(highlights) = highlights else {
            if !behind_is_safe && self.is_stale(&Highlights::default()) {
                // Nothing that can be shown meanwhile: draw it without highlights.
                self.build_now(&Highlights::default(), true);
            }
            return;
        };
        if !self.is_stale(highlights) || self.patch_drawing(highlights) {
            return;
        }
        if !behind_is_safe || self.blueprint.steps.len() < self.background_from {
            self.job = None;
            self.build_now(highlights, true);
        } else if self.job.is_none() {
            let (copy, revision, highlights) = (self.copy(), self.history.revision(), highlights.clone());
            self.job = Some(Job::start(ctx, move || Drawing::build(copy, revision, &highlights)));
        }
    }

    /// A copy of the blueprint as it is now, for work in the background; made once per revision.
    pub fn copy(&self) -> Arc<Blueprint> {
        let revision = self.history.revision();
        let mut copy = self.copy.borrow_mut();
        match &*copy {
            Some((r, blueprint)) if *r == revision => Arc::clone(blueprint),
            _ => {
                let blueprint = Arc::new(self.blueprint.clone());
                *copy = Some((revision, Arc::clone(&blueprint)));
                blueprint
            }
        }
    }

    /// Whether the drawing shown is of an older revision than the blueprint: its successor is
    /// being built in the background.
    pub fn is_drawing_behind(&self) -> bool {
        self.drawing
            .as_ref()
            .is_some_and(|d| d.revision != self.history.revision())
    }

    /// Whether the drawing is missing, of another revision, or drawn with other highlights.
    fn is_stale(&self, highlights: &Highlights) -> bool {
        let revision = self.history.revision();
        self.drawing
            .as_ref()
            .is_none_or(|d| d.revision != revision || &d.highlights != highlights)
    }

    /// Builds the drawing of the current revision on this thread. With `later_in_background`,
    /// a large blueprint's drawing keeps a copy of it, so the next builds can run in the
    /// background while this one is shown.
    fn build_now(&mut self, highlights: &Highlights, later_in_background: bool) {
        let revision = self.history.revision();
        self.drawing = Some(
            if !later_in_background || self.blueprint.steps.len() < self.background_from {
                Drawing::of(&self.blueprint, revision, highlights)
            } else {
                Drawing::build(self.copy(), revision, highlights)
            },
        );
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
        if let Some(source) = &mut drawing.source {
            // The copy for the revision before is no longer wanted: let go of it, so the
            // drawing's own copy is changed in place rather than copied.
            self.copy.borrow_mut().take();
            Arc::make_mut(source).steps[step] = change.after.clone();
        }
        drawing.chunks.refit_card(&drawing.scene, c);
        drawing.revision = revision;
        drawing.patched.push(c);
        true
    }

    /// The drawing and the blueprint it shows: the document's own, or while a new drawing is
    /// built in the background, the copy the last one was made from. Call
    /// [`Document::ensure_drawing`] or [`Document::update_drawing`] first.
    pub fn parts(&self) -> (&Blueprint, &Drawing) {
        let drawing = self.drawing.as_ref().expect("ensure_drawing was called");
        match &drawing.source {
            Some(source) if drawing.revision != self.history.revision() => (source, drawing),
            _ => (&self.blueprint, drawing),
        }
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

#[cfg(test)]
mod background_tests {
    use super::*;
    use crate::edit::{Merge, delete_steps};
    use std::time::{Duration, Instant};

    /// A document of `path` whose drawings are all built in the background.
    fn background(path: &str, ctx: &egui::Context) -> Document {
        let b = crate::file::open(std::path::Path::new(path)).expect("sample");
        let mut doc = Document::new(b, None, "background");
        doc.background_from = 0;
        doc.update_drawing(Some(&Highlights::default()), ctx);
        assert!(!doc.is_drawing_behind(), "the first drawing is built at once");
        doc
    }

    /// Frames until the drawing has caught up with the blueprint.
    fn catch_up(doc: &mut Document, ctx: &egui::Context) {
        let start = Instant::now();
        while doc.is_drawing_behind() || doc.job.is_some() {
            assert!(start.elapsed() < Duration::from_secs(30), "the drawing catches up");
            std::thread::sleep(Duration::from_millis(2));
            doc.update_drawing(Some(&Highlights::default()), ctx);
        }
    }

    /// The drawing shown agrees with the blueprint `parts` gives with it: every card and route
    /// is of a step and flow of that blueprint.
    fn consistent(doc: &Document) {
        let (b, drawing) = doc.parts();
        for card in &drawing.layout.cards {
            assert!(card.step < b.steps.len(), "a card of a step of the blueprint shown");
            assert_eq!(
                drawing.layout.card_of(&b.steps[card.step].id).map(|c| c.step),
                Some(card.step)
            );
        }
        assert!(drawing.layout.flows.iter().all(|r| r.flow < b.flows.len()));
    }

    /// The drawing is the one a build from scratch of the current blueprint makes.
    fn same_as_full(doc: &Document) {
        let (b, drawing) = doc.parts();
        assert!(
            std::ptr::eq(b, doc.blueprint()),
            "the drawing shows the document's blueprint"
        );
        let fresh = Drawing::of(b, 0, &Highlights::default());
        assert_eq!(
            format!("{:?}", drawing.layout.cards),
            format!("{:?}", fresh.layout.cards)
        );
        assert!(drawing.scene == fresh.scene, "the scene is the one a full build makes");
    }

    #[test]
    fn while_a_drawing_is_built_in_the_background_the_last_one_shows_with_its_own_blueprint() {
        let ctx = egui::Context::default();
        let mut doc = background("samples/en/bank-loan.ron", &ctx);
        let shown_steps = doc.blueprint().steps.len();
        // Deleting the first step shifts every other step's index: a drawing of the old
        // blueprint paired with the new one would point its cards at the wrong steps.
        let first = doc.blueprint().steps[0].id.clone();
        let edit = delete_steps(doc.blueprint(), &[first].into_iter().collect());
        doc.apply(edit, "delete", Merge::Never).expect("a valid edit");
        doc.update_drawing(Some(&Highlights::default()), &ctx);
        assert!(doc.is_drawing_behind(), "the build runs in the background");
        assert_eq!(
            doc.parts().0.steps.len(),
            shown_steps,
            "the old drawing with its blueprint"
        );
        consistent(&doc);
        catch_up(&mut doc, &ctx);
        assert_eq!(doc.parts().0.steps.len(), shown_steps - 1);
        consistent(&doc);
        same_as_full(&doc);
    }

    #[test]
    fn typing_while_a_build_runs_is_patched_onto_it_when_it_arrives() {
        let ctx = egui::Context::default();
        let mut doc = background("samples/en/coffee-shop.ron", &ctx);
        let flow = doc.blueprint().flows[0].id.clone();
        doc.apply(Edit::RemoveFlow(flow), "remove", Merge::Never)
            .expect("valid");
        doc.update_drawing(Some(&Highlights::default()), &ctx);
        assert!(doc.is_drawing_behind());
        let mut step = doc.blueprint().steps[3].clone();
        step.title.push('x');
        let serial = doc.parts().1.serial;
        doc.apply(Edit::SetStep(step.clone()), "type", Merge::Never)
            .expect("valid");
        catch_up(&mut doc, &ctx);
        let (b, drawing) = doc.parts();
        assert_eq!(b.steps[3].title, step.title);
        assert_ne!(drawing.serial, serial, "built once in the background");
        assert_eq!(drawing.patched.len(), 1, "then the typing patched onto it");
        same_as_full(&doc);
        // The copy it keeps took the typing too: the next build in the background shows it.
        let source = drawing.source.as_deref().expect("a copy");
        assert_eq!(source.steps[3].title, step.title);
        // Typing into a drawing built in the background changes its copy in place: a
        // keystroke does not copy the whole blueprint.
        let flow = doc.blueprint().flows[0].id.clone();
        doc.apply(Edit::RemoveFlow(flow), "remove", Merge::Never)
            .expect("valid");
        catch_up(&mut doc, &ctx);
        let before = std::ptr::from_ref(doc.parts().1.source.as_deref().expect("a copy"));
        step.title.push('y');
        doc.apply(Edit::SetStep(step.clone()), "type", Merge::Never)
            .expect("valid");
        doc.update_drawing(Some(&Highlights::default()), &ctx);
        let source = doc.parts().1.source.as_deref().expect("a copy");
        assert_eq!(source.steps[3].title, step.title);
        assert!(std::ptr::eq(before, source), "changed in place");
    }

    #[test]
    fn a_small_blueprints_drawing_is_never_behind() {
        let ctx = egui::Context::default();
        let b = crate::file::open(std::path::Path::new("samples/en/coffee-shop.ron")).expect("sample");
        let mut doc = Document::new(b, None, "small");
        doc.update_drawing(Some(&Highlights::default()), &ctx);
        let flow = doc.blueprint().flows[0].id.clone();
        doc.apply(Edit::RemoveFlow(flow), "remove", Merge::Never)
            .expect("valid");
        doc.update_drawing(Some(&Highlights::default()), &ctx);
        assert!(!doc.is_drawing_behind());
        assert!(doc.parts().1.source.is_none(), "no copy kept below the limit");
        same_as_full(&doc);
    }
}
