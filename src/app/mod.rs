//! The eframe application: menus, toolbar, canvas, inspector, dialogs. Thin: it turns input into
//! [`Command`]s, runs them through edit commands with undo, and paints the scene.

pub mod actions;
pub mod analysis_panel;
pub mod canvas;
pub mod dialogs;
pub mod disk_watch;
pub mod document;
mod export_dialog;
mod export_job;
mod file_dialogs;
mod file_messages;
pub mod fonts;
pub mod headers;
mod inspector;
mod menus;
pub mod paint;
mod present;
mod preview_job;
mod quotes;
pub mod recovery;
pub mod settings;
pub mod state;
pub mod status;
mod steps_io;
pub mod texts;
mod worker;

#[cfg(test)]
mod tests;

pub use actions::{Action, Command};
pub use dialogs::Dialog;

use crate::edit::{self, Edit, Fragment, Merge, build};
use crate::file;
use crate::i18n::Lang;
use crate::model::{Blueprint, LaneId, LaneKind, MarkerKind, MarkerTarget, StageId, StepId};
use crate::scene::Highlights;
use crate::style::Style;
use dialogs::{PathPurpose, Pending};
use document::Document;
use recovery::Autosave;
use settings::Settings;
use state::{EditorState, InlineEdit, InlineTarget, Selection};
use status::StatusText;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Instant;
use texts::tr;

/// The app id: window class and storage folder.
pub const APP_ID: &str = "blueprint-studio";

/// How the editor starts.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// File to open.
    pub file: Option<PathBuf>,
    /// UI language; the saved choice or the system's when `None`.
    pub lang: Option<Lang>,
    /// Use the system's file dialogs (off in tests: a path field is used instead).
    pub native_dialogs: bool,
    /// Where autosave writes recovery files; eframe's storage folder when `None`.
    pub recovery_dir: Option<PathBuf>,
    /// Steps from which drawings are built on a worker thread;
    /// [`document::BACKGROUND_FROM`] when `None` (tests lower it to use small files).
    pub background_from: Option<usize>,
}

/// A system file dialog running on its own thread.
struct FilePicker {
    purpose: PathPurpose,
    result: Receiver<Option<PathBuf>>,
    started: Instant,
}

/// The zoom at which a card's title reads comfortably: what a step picked in the analysis
/// panel is shown at when the view is further out.
const READABLE_ZOOM: f32 = 0.75;

/// The editor.
pub struct EditorApp {
    doc: Document,
    /// The bundled sample the document was opened from, so its other version is offered.
    sample: Option<usize>,
    /// Selection, viewport and gestures.
    pub state: EditorState,
    /// Remembered preferences.
    pub settings: Settings,
    lang: Lang,
    pending: Vec<Command>,
    dialog: Option<Dialog>,
    /// Whether a dialog was shown last frame: the first frame of one puts focus on its default
    /// button, so Enter takes it.
    dialog_was_open: bool,
    /// Whether the dialog on screen opened this frame.
    dialog_fresh: bool,
    /// A dialog that waits for the one on screen to close.
    queued_dialog: Option<Dialog>,
    export: Option<export_dialog::ExportDialog>,
    /// The deck shown full screen, while presenting.
    presentation: Option<present::Presentation>,
    picker: Option<FilePicker>,
    autosave: Autosave,
    native_dialogs: bool,
    status: status::StatusText,
    window_title: String,
    quitting: bool,
    /// What to do after a Save As that an unsaved-changes prompt asked for.
    after_save: Option<Pending>,
    /// Steps copied inside this window, for Paste from a menu (no clipboard event there).
    copied: Option<Fragment>,
    style: Style,
    /// Analysis highlights shown on the canvas.
    pub highlights: Highlights,
    paint_cache: paint::PaintCache,
    analysis: analysis_panel::AnalysisView,
    /// Revision, highlight choice and comparison the highlights were last worked out for.
    analysis_key: Option<(u64, crate::analysis::HighlightSpec, bool)>,
    /// Steps from which drawings are built on a worker thread.
    background_from: usize,
}

impl EditorApp {
    /// Creates the editor inside eframe.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> EditorApp {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, "settings"))
            .unwrap_or_default();
        let recovery_dir = options
            .recovery_dir
            .clone()
            .or_else(|| eframe::storage_dir(APP_ID).map(|d| d.join("recovery")))
            .unwrap_or_else(|| std::env::temp_dir().join("blueprint-studio-recovery"));
        Self::with_settings(
            &cc.egui_ctx,
            AppOptions {
                recovery_dir: Some(recovery_dir),
                ..options
            },
            settings,
        )
    }

    /// Creates the editor with explicit settings instead of stored ones (tests).
    pub fn with_settings(ctx: &egui::Context, options: AppOptions, settings: Settings) -> EditorApp {
        let recovery_dir = options
            .recovery_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("blueprint-studio-recovery"));
        let lang = options.lang.or(settings.lang).unwrap_or_else(Lang::from_env);
        fonts::install(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_visuals(if settings.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        });
        let mut app = EditorApp {
            doc: Document::new(crate::model::template(lang), None, tr(lang, "Untitled")),
            sample: None,
            state: EditorState {
                fit_pending: true,
                ..EditorState::default()
            },
            settings,
            lang,
            pending: Vec::new(),
            dialog: None,
            dialog_was_open: false,
            dialog_fresh: false,
            queued_dialog: None,
            export: None,
            presentation: None,
            picker: None,
            autosave: Autosave::new(recovery_dir),
            native_dialogs: options.native_dialogs,
            status: status::StatusText::default(),
            window_title: String::new(),
            quitting: false,
            after_save: None,
            copied: None,
            style: Style::default(),
            highlights: Highlights::default(),
            paint_cache: paint::PaintCache::default(),
            analysis: analysis_panel::AnalysisView::default(),
            analysis_key: None,
            background_from: options.background_from.unwrap_or(document::BACKGROUND_FROM),
        };
        let leftovers = app.autosave.leftovers();
        if let Some(path) = options.file {
            app.open_path(&path);
        }
        app.state.remembered_zoom = app.settings.zoom;
        if !leftovers.is_empty() {
            // What went wrong opening the file asked for is answered first; the offer waits.
            let restore = Some(Dialog::Restore(leftovers));
            if app.dialog.is_some() {
                app.queued_dialog = restore;
            } else {
                app.dialog = restore;
            }
        }
        app
    }

    /// The blueprint being edited.
    pub fn blueprint(&self) -> &Blueprint {
        self.doc.blueprint()
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The dialog on screen, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// The UI language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The status bar's message, in the UI language.
    pub fn status(&self) -> String {
        self.status.show(self.lang)
    }

    /// Queues a command, as a menu item or shortcut would.
    pub fn queue(&mut self, command: Command) {
        self.pending.push(command);
    }

    fn set_status(&mut self, message: impl Into<status::StatusText>) {
        self.status = message.into();
    }

    fn error(&mut self, title: &str, message: impl Into<String>) {
        self.dialog = Some(Dialog::Error {
            title: tr(self.lang, title).to_owned(),
            message: message.into(),
        });
    }

    /// Applies an edit as one undo step.
    fn apply(&mut self, edit: Edit, label: &str) {
        self.apply_merge(edit, label, Merge::Never);
    }

    /// After undo or redo: selects the steps it brought back or changed, so they can be seen
    /// and worked on at once; when it was about none (a flow, a marker), keeps what still exists.
    fn select_subjects(&mut self) {
        let subjects = self.doc.history.subjects();
        if subjects.is_empty() {
            self.state.selection.retain_existing(self.doc.blueprint());
        } else {
            self.state.selection = Selection::of_steps(subjects.iter().cloned());
        }
    }

    fn apply_merge(&mut self, edit: Edit, label: &str, merge: Merge) {
        match self.doc.apply(edit, label, merge) {
            Ok(true) => self.set_status(StatusText::tr("Done").then_raw(": ").then_tr(label)),
            Ok(false) => {}
            Err(error) => self.error("Cannot apply the change", error.to_string()),
        }
        self.state.selection.retain_existing(self.doc.blueprint());
    }

    // ----- files -----

    /// Opens a file now (the unsaved-changes question has been answered).
    fn open_path(&mut self, path: &Path) {
        match file::open(path) {
            Ok(blueprint) => {
                let warnings = crate::model::warnings(&blueprint);
                self.replace_document(Document::new(blueprint, Some(path.to_owned()), ""));
                self.settings.add_recent(path.to_owned());
                let mut status = StatusText::tr("Opened").then_raw(format!(" {}", path.display()));
                if let Some(first) = warnings.first() {
                    // The analysis panel lists them all; the status names the first.
                    status = status
                        .then_raw(" · ⚠ ")
                        .then_tr("Duplicate flows")
                        .then_raw(format!(": {first}"));
                }
                self.set_status(status);
            }
            // Sound syntax but broken references: offer to open what is sound.
            Err(error @ file::OpenError::Invalid { .. }) => match file::open_repaired(path) {
                Ok(repaired) => {
                    self.dialog = Some(Dialog::CannotOpen {
                        path: path.to_owned(),
                        message: file_messages::open_error_text(self.lang, &error),
                        repaired: Box::new(repaired),
                    })
                }
                Err(_) => self.error(
                    "Cannot open the file",
                    file_messages::open_error_text(self.lang, &error),
                ),
            },
            Err(error) => self.error(
                "Cannot open the file",
                file_messages::open_error_text(self.lang, &error),
            ),
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.autosave.clear();
        self.doc = doc;
        // Revisions count from the start in every document: a report of the last one (or one
        // still being worked out) would pass for the new one's.
        self.analysis.forget();
        self.analysis_key = None;
        self.sample = None;
        self.state = EditorState {
            fit_pending: true,
            ..EditorState::default()
        };
        self.export = None;
    }

    fn open_sample(&mut self, index: usize) {
        let Some(sample) = crate::samples::SAMPLES.get(index) else {
            return;
        };
        match file::parse(sample.text) {
            Ok(blueprint) => {
                let name = format!("{} ({})", sample.file, tr(self.lang, "sample"));
                self.replace_document(Document::new(blueprint, None, name));
                self.sample = Some(index);
                self.set_status(StatusText::tr(
                    "Samples open as untitled copies: Save as to keep your changes.",
                ));
            }
            Err(error) => self.error("Cannot open the file", error.to_string()),
        }
    }

    /// Saves to `path`; returns whether it worked.
    fn save_to(&mut self, path: &Path) -> bool {
        let same_file = self.doc.path.as_deref() == Some(path);
        let blueprint = self.doc.blueprint();
        let saved = match (same_file, self.doc.backup) {
            (true, document::Backup::KeepOriginal) => file::save_keeping_original(path, blueprint),
            (true, document::Backup::OriginalKept) => file::save_over_backup_kept(path, blueprint).map(|()| None),
            _ => file::save(path, blueprint).map(|()| None),
        };
        match saved {
            Ok(kept) => {
                self.doc.backup = if kept.as_deref() == Some(file::backup_path(path).as_path())
                    || (same_file && self.doc.backup == document::Backup::OriginalKept)
                {
                    document::Backup::OriginalKept
                } else {
                    document::Backup::Rolling
                };
                self.doc.path = Some(path.to_owned());
                self.doc.disk.remember(path);
                self.doc.history.mark_saved();
                self.autosave.clear();
                self.autosave.reset_clock();
                self.settings.add_recent(path.to_owned());
                let mut status = StatusText::tr("Saved").then_raw(format!(" {}", path.display()));
                if let Some(kept) = kept {
                    status = status
                        .then_raw(" · ")
                        .then_tr("the original is kept as")
                        .then_raw(format!(" {}", kept.display()));
                }
                self.set_status(status);
                true
            }
            Err(error) => {
                self.error("Cannot save", error.to_string());
                false
            }
        }
    }

    fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            // Never replace someone else's version without asking.
            Some(path) if self.doc.disk.changed_since_saved(&path) => {
                self.dialog = Some(Dialog::ConfirmOverwrite {
                    then: self.after_save.take(),
                });
                false
            }
            Some(path) => self.save_to(&path),
            None => {
                self.ask_path(PathPurpose::SaveAs);
                false
            }
        }
    }

    /// The path a file to be written is suggested at; empty for files to be read.
    fn suggested_path(&self, purpose: PathPurpose) -> String {
        match purpose {
            PathPurpose::Open | PathPurpose::Compare | PathPurpose::ImportSteps => String::new(),
            PathPurpose::SaveAs => self.suggested_save_path(),
            PathPurpose::ExportSteps => Path::new(&self.suggested_save_path())
                .with_extension("csv")
                .display()
                .to_string(),
            PathPurpose::ComparisonSlide => Path::new(&self.suggested_save_path())
                .with_file_name("comparison.png")
                .display()
                .to_string(),
        }
    }

    /// Asks for a path: the system dialog on its own thread, or the path field.
    fn ask_path(&mut self, purpose: PathPurpose) {
        let suggested = self.suggested_path(purpose);
        if !self.native_dialogs {
            self.dialog = Some(Dialog::path_prompt(purpose, suggested, None));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_owned))
            .or_else(|| {
                self.settings
                    .recent
                    .first()
                    .and_then(|p| p.parent().map(Path::to_owned))
            });
        let name = Path::new(&suggested)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let filter = tr(self.lang, "Blueprint").to_owned();
        let steps = tr(self.lang, "Steps table").to_owned();
        std::thread::spawn(move || {
            // Every dialog starts in the document's folder (or the last one opened).
            let start = || match &dir {
                Some(dir) => rfd::FileDialog::new().set_directory(dir),
                None => rfd::FileDialog::new(),
            };
            let blueprints = start().add_filter(filter, &["ron"]);
            let picked = match purpose {
                PathPurpose::Open | PathPurpose::Compare => blueprints.pick_file(),
                PathPurpose::ImportSteps => start().add_filter(steps, &["csv", "xlsx"]).pick_file(),
                PathPurpose::ExportSteps => start().add_filter("CSV", &["csv"]).set_file_name(name).save_file(),
                PathPurpose::SaveAs => blueprints.set_file_name(name).save_file(),
                PathPurpose::ComparisonSlide => start()
                    .add_filter("PNG", &["png"])
                    .add_filter("SVG", &["svg"])
                    .set_file_name(name)
                    .save_file(),
            };
            let _ = tx.send(picked);
        });
        self.picker = Some(FilePicker {
            purpose,
            result: rx,
            started: Instant::now(),
        });
    }

    fn suggested_save_path(&self) -> String {
        // Imported steps are saved beside their table, under its name.
        if let (None, Some(table)) = (&self.doc.path, &self.doc.came_from) {
            return table.with_extension("ron").display().to_string();
        }
        let name = self.doc.display_name();
        let name = name.split(" (").next().unwrap_or("blueprint").to_owned();
        let name = if name.ends_with(".ron") {
            name
        } else {
            format!("{name}.ron")
        };
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_owned))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        dir.join(name).display().to_string()
    }

    fn poll_picker(&mut self, ctx: &egui::Context) {
        let Some(picker) = &self.picker else {
            return;
        };
        match picker.result.try_recv() {
            Ok(picked) => {
                let (purpose, quick) = (picker.purpose, picker.started.elapsed().as_millis() < 400);
                self.picker = None;
                match picked {
                    Some(path) => self.path_chosen(purpose, path),
                    // A dialog that closes at once never showed: no desktop portal. Offer the path field.
                    None if quick => {
                        let note = tr(
                            self.lang,
                            "The system file dialog is not available here (no desktop portal). Type the path instead.",
                        )
                        .to_owned();
                        self.dialog = Some(Dialog::path_prompt(purpose, self.suggested_path(purpose), Some(note)));
                    }
                    None => self.after_save = None,
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.picker = None,
        }
    }

    /// The open blueprint's other version, to compare with in one click, and what to call it:
    /// its pair among the bundled samples, or the file beside it named as its pair
    /// (`NAME.ron` and `NAME-to-be.ron`), as the samples are.
    fn other_version(&self) -> Option<(Command, String)> {
        if let Some(j) = self.sample.and_then(crate::samples::pair_of) {
            return Some((
                Command::CompareWithSample(j),
                crate::samples::SAMPLES[j].title().to_owned(),
            ));
        }
        let path = self.doc.path.as_ref()?;
        let stem = path.file_name()?.to_str()?.strip_suffix(".ron")?;
        let other = match stem.strip_suffix("-to-be") {
            Some(as_is) => format!("{as_is}.ron"),
            None => format!("{stem}-to-be.ron"),
        };
        let other = path.with_file_name(other);
        let name = other.file_name()?.to_string_lossy().into_owned();
        other.is_file().then_some((Command::CompareWithFile(other), name))
    }

    fn path_chosen(&mut self, purpose: PathPurpose, path: PathBuf) {
        let path = purpose.written(path);
        match purpose {
            PathPurpose::Open => self.open_path(&path),
            PathPurpose::Compare => match file::open(&path) {
                Ok(other) => {
                    self.analysis.compare_with(path, other);
                    self.settings.show_analysis = true;
                }
                Err(error) => self.error(
                    "Cannot open the file",
                    file_messages::open_error_text(self.lang, &error),
                ),
            },
            PathPurpose::ComparisonSlide => self.export_comparison(&path),
            PathPurpose::ImportSteps => self.import_steps(&path),
            PathPurpose::ExportSteps => self.export_steps(&path),
            PathPurpose::SaveAs => {
                if self.save_to(&path)
                    && let Some(then) = self.after_save.take()
                {
                    self.proceed(then);
                }
            }
        }
    }

    /// Does what was waiting for the unsaved-changes question.
    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::New => {
                self.replace_document(Document::new(
                    crate::model::template(self.lang),
                    None,
                    tr(self.lang, "Untitled"),
                ));
                // The status of the file before would seem to be about this one.
                self.set_status(StatusText::tr("New blueprint"));
            }
            Pending::Open => self.ask_path(PathPurpose::Open),
            Pending::ImportSteps => self.ask_path(PathPurpose::ImportSteps),
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenSample(index) => self.open_sample(index),
            Pending::Quit => {
                self.quitting = true;
                self.autosave.clear();
            }
        }
    }

    /// Runs `then` now, or asks first when there are unsaved changes.
    fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    // ----- commands -----

    fn run_pending(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.pending);
        for command in commands {
            self.run(ctx, command);
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Action(action) => self.run_action(ctx, action),
            Command::Apply { edit, label } => self.apply(edit, label),
            Command::Typing { edit, label, key } => self.apply_merge(edit, label, Merge::Key(key)),
            Command::AddStepAt { lane, stage, slot } => self.add_step(lane, stage, slot, None),
            Command::MoveSteps { ids, lane, stage, slot } => {
                // Every card moves as the one taken hold of (the first) does, as their ghosts
                // showed: cards picked in several lanes keep their lanes.
                let b = self.doc.blueprint();
                let lead = ids.first().and_then(|id| b.step(id));
                let by = lead.and_then(|s| {
                    let from = (b.lane_index(&s.lane)?, b.stage_index(&s.stage)?);
                    let to = (b.lane_index(&lane)?, b.stage_index(&stage)?);
                    Some((to.0 as isize - from.0 as isize, to.1 as isize - from.1 as isize))
                });
                let edit = match (by, ids.first()) {
                    (Some(by), Some(first)) => edit::shift_steps(b, &ids, by, Some((first, slot)), true),
                    _ => Some(edit::move_steps(b, &ids, &lane, &stage, slot)),
                };
                if let Some(edit) = edit {
                    self.apply(edit, "Move steps");
                }
            }
            Command::Connect { from, to } => self.connect(from, to),
            Command::MoveStage { id, to } => self.apply(Edit::MoveStage(id, to), "Move stage"),
            Command::AddStage(index) => self.add_stage(index),
            Command::RemoveStage(id) => {
                let steps = self.doc.blueprint().steps.iter().filter(|s| s.stage == id).count();
                if self.doc.blueprint().stages.len() <= 1 {
                    self.error(
                        "Cannot delete the stage",
                        tr(self.lang, "A blueprint needs at least one stage."),
                    );
                } else if steps > 0 {
                    self.dialog = Some(Dialog::ConfirmRemoveStage { id, steps });
                } else {
                    self.remove_stage(&id);
                }
            }
            Command::AddLane(index) => self.add_lane(index),
            Command::RemoveLane(id) => {
                let steps = self.doc.blueprint().steps.iter().filter(|s| s.lane == id).count();
                if self.doc.blueprint().lane(&id).is_none_or(|l| !l.kind.is_removable()) {
                    self.error(
                        "Cannot delete the lane",
                        tr(
                            self.lang,
                            "The five standard lanes define the three lines; they can be renamed, not deleted.",
                        ),
                    );
                } else if steps > 0 {
                    self.dialog = Some(Dialog::ConfirmRemoveLane { id, steps });
                } else {
                    self.remove_lane(&id);
                }
            }
            Command::RenameStage(id) => {
                if let Some(stage) = self.doc.blueprint().stage(&id) {
                    self.state.inline = Some(InlineEdit {
                        text: stage.name.clone(),
                        target: InlineTarget::StageName(id),
                        fresh: true,
                        new_step: false,
                    });
                }
            }
            Command::RenameLane(id) => {
                if let Some(lane) = self.doc.blueprint().lane(&id) {
                    self.state.inline = Some(InlineEdit {
                        text: lane.name.clone(),
                        target: InlineTarget::LaneName(id),
                        fresh: true,
                        new_step: false,
                    });
                }
            }
            Command::EditFlowLabel(id) => {
                if let Some(flow) = self.doc.blueprint().flows.iter().find(|f| f.id == id) {
                    self.state.selection = Selection::only_flow(id.clone());
                    self.state.inline = Some(InlineEdit {
                        text: flow.label.clone(),
                        target: InlineTarget::FlowLabel(id),
                        fresh: true,
                        new_step: false,
                    });
                }
            }
            Command::AddStageMarker(stage, kind) => {
                let edit = build::add_marker(self.doc.blueprint(), kind, MarkerTarget::Stage(stage));
                self.apply(edit, "Add marker");
            }
            Command::OpenPath(path) => self.guard(Pending::OpenPath(path)),
            Command::OpenSample(index) => self.guard(Pending::OpenSample(index)),
            Command::CompareWithSample(index) => {
                if let Some(sample) = crate::samples::SAMPLES.get(index)
                    && let Ok(other) = file::parse(sample.text)
                {
                    self.analysis.compare_with(PathBuf::from(sample.file), other);
                    self.settings.show_analysis = true;
                }
            }
            Command::CompareWithFile(path) => self.path_chosen(PathPurpose::Compare, path),
            Command::Select(ids) => {
                // A step or two picked in the analysis panel (a handoff, a loop) are brought
                // into view near enough to read; a whole path is only marked where it is.
                if ids.len() <= 6
                    && let Some(first) = ids.first()
                {
                    self.state.reveal = Some(first.clone());
                    let view = &mut self.state.viewport;
                    if view.zoom < READABLE_ZOOM {
                        view.zoom_at(self.state.canvas_rect.size() / 2.0, READABLE_ZOOM / view.zoom);
                    }
                }
                self.state.selection = Selection::of_steps(ids);
            }
            Command::PickComparison => self.ask_path(PathPurpose::Compare),
            Command::StopComparing => self.analysis.comparing = None,
            Command::ExportComparison => self.ask_path(PathPurpose::ComparisonSlide),
            Command::SaveThen(then) => self.save_then(then),
            Command::DiscardThen(then) => self.discard_then(then),
            Command::DeleteStage(id) => self.remove_stage(&id),
            Command::DeleteLane(id) => self.remove_lane(&id),
            Command::Restore(item) => self.restore(&item),
            Command::DiscardRecovered(item) => Autosave::discard(&item),
            Command::OpenRepaired(path, repaired) => self.open_repaired(&path, repaired),
            Command::KeepMine(seen) => self.doc.disk.dismiss(seen),
            Command::Reload(seen) => self.reload(seen),
            Command::SaveOver(then) => self.save_over(then),
            Command::PathChosen(purpose, path) => self.path_chosen(purpose, path),
            Command::CancelPath => self.after_save = None,
            Command::DiscardNewStep(id) => {
                // Only the step just added, before anything else changed.
                if self.doc.history.undo_label() == Some("Add step") && self.doc.blueprint().step(&id).is_some() {
                    self.doc.retract();
                    self.state.selection = Selection::default();
                    self.set_status(StatusText::tr("No step added"));
                }
            }
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => self.guard(Pending::New),
            Action::Open => self.guard(Pending::Open),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => self.ask_path(PathPurpose::SaveAs),
            Action::ImportSteps => self.guard(Pending::ImportSteps),
            Action::ExportSteps => self.ask_path(PathPurpose::ExportSteps),
            Action::Export => {
                self.export = Some(export_dialog::ExportDialog::new(
                    &self.settings.export,
                    self.doc.path.as_deref(),
                    &self.doc.display_name(),
                ))
            }
            Action::CopyImage => self.copy_image(ctx),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Undo => match self.doc.undo() {
                Some(label) => {
                    self.select_subjects();
                    self.set_status(StatusText::tr("Undone").then_raw(": ").then_tr(label))
                }
                None => self.set_status(StatusText::tr("Nothing to undo")),
            },
            Action::Redo => match self.doc.redo() {
                Some(label) => {
                    self.select_subjects();
                    self.set_status(StatusText::tr("Redone").then_raw(": ").then_tr(label))
                }
                None => self.set_status(StatusText::tr("Nothing to redo")),
            },
            Action::Copy | Action::Cut => {
                if self.state.selection.steps.is_empty() {
                    return;
                }
                let fragment = Fragment::copy(self.doc.blueprint(), &self.state.selection.steps);
                ctx.copy_text(fragment.to_text());
                self.copied = Some(fragment);
                if action == Action::Cut {
                    self.delete_selection();
                } else {
                    self.set_status(StatusText::tr("Copied"));
                }
            }
            Action::Paste => {
                if let Some(fragment) = self.copied.clone() {
                    self.paste(&fragment, true);
                }
            }
            Action::Duplicate => {
                if !self.state.selection.steps.is_empty() {
                    let fragment = Fragment::copy(self.doc.blueprint(), &self.state.selection.steps);
                    self.paste(&fragment, false);
                }
            }
            Action::Delete => self.delete_selection(),
            Action::SelectAll => {
                self.state.selection = Selection::of_steps(self.doc.blueprint().steps.iter().map(|s| s.id.clone()))
            }
            Action::AddStep => {
                let b = self.doc.blueprint();
                let (lane, stage) = match self.state.selection.steps.last().and_then(|id| b.step(id)) {
                    Some(step) => (step.lane.clone(), step.stage.clone()),
                    None => (
                        b.lane_of_kind(LaneKind::Customer)
                            .map(|l| l.id.clone())
                            .unwrap_or_default(),
                        b.stages.first().map(|s| s.id.clone()).unwrap_or_default(),
                    ),
                };
                self.add_step(lane, stage, usize::MAX, None);
            }
            Action::AddNextStep => self.add_next_step(),
            Action::EditTitle => {
                if let Some(step) = self
                    .state
                    .selection
                    .steps
                    .last()
                    .and_then(|id| self.doc.blueprint().step(id))
                {
                    self.state.inline = Some(InlineEdit {
                        text: step.title.clone(),
                        target: InlineTarget::StepTitle(step.id.clone()),
                        fresh: true,
                        new_step: false,
                    });
                }
            }
            Action::AddMarker(kind) => self.toggle_marker(kind),
            Action::ToggleTwoWay => {
                if let Some(flow) = self
                    .state
                    .selection
                    .flow
                    .as_ref()
                    .and_then(|id| self.doc.blueprint().flows.iter().find(|f| &f.id == id))
                {
                    let mut flow = flow.clone();
                    flow.two_way = !flow.two_way;
                    self.apply(Edit::SetFlow(flow), "Change flow");
                }
            }
            Action::ZoomIn | Action::ZoomOut => {
                let factor = if action == Action::ZoomIn { 1.25 } else { 0.8 };
                let canvas = self.state.canvas_rect;
                let anchor = self
                    .state
                    .last_pointer
                    .filter(|p| canvas.contains(*p))
                    .unwrap_or(canvas.center())
                    - canvas.min;
                self.state.viewport.zoom_at(anchor, factor);
            }
            Action::ZoomFit => self.state.fit_pending = true,
            Action::NudgeLeft => self.nudge(build::Nudge::Left),
            Action::NudgeRight => self.nudge(build::Nudge::Right),
            Action::NudgeUp => self.nudge(build::Nudge::Up),
            Action::NudgeDown => self.nudge(build::Nudge::Down),
            Action::ToggleAnalysis => self.settings.show_analysis = !self.settings.show_analysis,
            Action::ToggleInspector => self.settings.hide_inspector = !self.settings.hide_inspector,
            Action::Present => {
                self.presentation = Some(present::Presentation::new(
                    self.doc.blueprint(),
                    self.settings.highlight,
                ));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
            }
            Action::ToggleLanguage => {
                self.lang = if self.lang == Lang::En { Lang::Zh } else { Lang::En };
                self.settings.lang = Some(self.lang);
            }
            Action::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                ctx.set_visuals(if self.settings.dark {
                    egui::Visuals::dark()
                } else {
                    egui::Visuals::light()
                });
            }
        }
    }

    fn delete_selection(&mut self) {
        if let Some(flow) = self.state.selection.flow.clone() {
            self.apply(Edit::RemoveFlow(flow), "Delete flow");
        } else if !self.state.selection.steps.is_empty() {
            let ids: HashSet<StepId> = self.state.selection.steps.iter().cloned().collect();
            let edit = edit::delete_steps(self.doc.blueprint(), &ids);
            self.apply(edit, "Delete steps");
        }
    }

    /// Pastes into the cell last clicked, else the one under the pointer, else each step's own
    /// stage (Duplicate passes `here = false`: copies stay beside their originals).
    fn paste(&mut self, fragment: &Fragment, here: bool) {
        let b = self.doc.blueprint();
        let clicked = self
            .state
            .paste_cell
            .clone()
            .filter(|(lane, stage)| b.lane(lane).is_some() && b.stage(stage).is_some());
        let cell = if here {
            clicked.or_else(|| self.cell_under_pointer())
        } else {
            None
        };
        let b = self.doc.blueprint();
        let (edit, ids) = fragment.paste_into(b, cell.as_ref().map(|(lane, stage)| (lane, stage)));
        self.apply(edit, "Paste");
        self.state.selection = Selection::of_steps(ids);
    }

    /// The cell under the pointer, if it is over the canvas.
    fn cell_under_pointer(&self) -> Option<(LaneId, StageId)> {
        let pointer = self.state.last_pointer?;
        let b = self.doc.blueprint();
        b.lanes.iter().find_map(|lane| {
            b.stages.iter().find_map(|stage| {
                self.cell_screen_rect(&lane.id, &stage.id)
                    .filter(|r| r.contains(pointer))
                    .map(|_| (lane.id.clone(), stage.id.clone()))
            })
        })
    }

    fn paste_text(&mut self, text: &str) {
        match Fragment::from_text(text) {
            Some(fragment) => self.paste(&fragment, true),
            None => self.set_status(StatusText::tr("The clipboard holds no Blueprint Studio steps.")),
        }
    }

    /// Adds a step in a cell at `slot` (end of the cell for `usize::MAX`) and starts editing its title.
    fn add_step(&mut self, lane: LaneId, stage: StageId, slot: usize, flow_from: Option<StepId>) {
        let title = tr(self.lang, "New step");
        let Some((edit, id)) = build::add_step(self.doc.blueprint(), (&lane, &stage), slot, title, flow_from.as_ref())
        else {
            return;
        };
        self.apply(edit, "Add step");
        self.state.selection = Selection::only_step(id.clone());
        self.state.inline = Some(InlineEdit {
            text: String::new(),
            target: InlineTarget::StepTitle(id),
            fresh: true,
            new_step: true,
        });
    }

    /// Tab: a new step after the selected one, in the same lane and the next stage, joined by a flow.
    fn add_next_step(&mut self) {
        let Some(from) = self.state.selection.steps.last().cloned() else {
            return;
        };
        if let Some((lane, stage, slot)) = build::next_step_place(self.doc.blueprint(), &from) {
            self.add_step(lane, stage, slot, Some(from));
        }
    }

    fn connect(&mut self, from: StepId, to: StepId) {
        let id = match build::connect(self.doc.blueprint(), &from, &to) {
            build::Connection::New(edit, id) => {
                self.apply(edit, "Connect steps");
                id
            }
            // Drawing a flow that exists the other way makes it two-way; the same way, selects it.
            build::Connection::TwoWay(edit, id) => {
                self.apply(edit, "Change flow");
                id
            }
            build::Connection::Exists(id) => id,
        };
        self.state.selection = Selection::only_flow(id);
    }

    /// Adds the marker kind to every selected step, or removes it where all have it already.
    fn toggle_marker(&mut self, kind: MarkerKind) {
        let ids: Vec<StepId> = self.state.selection.steps.iter().cloned().collect();
        if ids.is_empty() {
            self.set_status(StatusText::tr("Select a step first."));
            return;
        }
        let (edit, adds) = build::toggle_marker(self.doc.blueprint(), &ids, kind);
        self.apply(edit, if adds { "Add marker" } else { "Remove marker" });
    }

    fn nudge(&mut self, direction: build::Nudge) {
        let ids: Vec<StepId> = self.state.selection.steps.iter().cloned().collect();
        if let Some(edit) = build::nudge(self.doc.blueprint(), &ids, direction) {
            self.apply(edit, "Move steps");
        }
    }

    fn add_stage(&mut self, index: usize) {
        let b = self.doc.blueprint();
        let name = format!("{} {}", tr(self.lang, "Stage"), b.stages.len() + 1);
        let (edit, id) = build::add_stage(b, index, &name);
        self.apply(edit, "Add stage");
        self.state.inline = Some(InlineEdit {
            text: name,
            target: InlineTarget::StageName(id),
            fresh: true,
            new_step: false,
        });
    }

    fn remove_stage(&mut self, id: &StageId) {
        let edit = build::remove_stage(self.doc.blueprint(), id);
        self.apply(edit, "Delete stage");
    }

    fn add_lane(&mut self, index: usize) {
        let name = tr(self.lang, "Custom lane");
        let (edit, id) = build::add_lane(self.doc.blueprint(), index, name);
        self.apply(edit, "Add lane");
        self.state.inline = Some(InlineEdit {
            text: name.to_owned(),
            target: InlineTarget::LaneName(id),
            fresh: true,
            new_step: false,
        });
    }

    fn remove_lane(&mut self, id: &LaneId) {
        if let Some(edit) = build::remove_lane(self.doc.blueprint(), id) {
            self.apply(edit, "Delete lane");
        }
    }

    fn copy_image(&mut self, ctx: &egui::Context) {
        let options = crate::export::ExportOptions {
            scale: 2.0,
            ..Default::default()
        };
        let result = crate::export::export_scene(self.doc.blueprint(), &options).and_then(|scene| {
            let frame = crate::export::Frame::new(scene.bounds, &options);
            crate::export::render_rgba(&scene, &frame, options.background).map(|pixels| (pixels, frame))
        });
        match result {
            Ok((pixels, frame)) => {
                let image =
                    egui::ColorImage::from_rgba_unmultiplied([frame.width as usize, frame.height as usize], &pixels);
                ctx.copy_image(image);
                self.set_status(
                    StatusText::tr("Copied as image").then_raw(format!(" ({} × {} px)", frame.width, frame.height)),
                );
            }
            Err(error) => self.error("Cannot copy the image", error.to_string()),
        }
    }

    /// Writes the before/after table of the comparison as a slide.
    fn export_comparison(&mut self, path: &Path) {
        // The panel may still show the comparison of an earlier revision while a large
        // blueprint's is worked out in the background; the slide is of the blueprint as it is.
        self.analysis
            .refresh(self.doc.blueprint(), self.doc.history.revision(), None);
        let (Some((comparison, current_first)), Some(comparing)) =
            (self.analysis.comparison(), self.analysis.comparing.as_ref())
        else {
            return;
        };
        let Some(format) = crate::export::Format::from_path(path) else {
            self.error(
                "Cannot export",
                format!(
                    "{} {}",
                    tr(self.lang, "Use a file name ending in"),
                    crate::export::Format::KNOWN
                ),
            );
            return;
        };
        let (mine, other) = (self.doc.blueprint(), &*comparing.other);
        let versions = if current_first { (mine, other) } else { (other, mine) };
        let scene = crate::export::comparison_slide(comparison, versions, self.lang);
        let options = crate::export::ExportOptions {
            slide: Some(crate::export::Slide::Wide),
            ..Default::default()
        };
        match crate::export::export_to_file(&scene, &options, format, path, &mut |_| {}) {
            Ok(written) => self.set_status(StatusText::tr("Exported").then_raw(format!(" {}", written.path.display()))),
            Err(error) => self.error("Cannot export", error.to_string()),
        }
    }

    /// Works out the report, highlights and comparison marks for this frame. Returns whether
    /// the highlights are of the current revision: a large blueprint's report is worked out in
    /// the background, and until it is, its highlights are not known.
    fn update_analysis(&mut self, ctx: &egui::Context) -> bool {
        let revision = self.doc.history.revision();
        let spec = self.settings.highlight;
        let wanted = self.settings.show_analysis || spec.any() || self.analysis.comparing.is_some();
        if !wanted {
            self.highlights = Highlights::default();
            self.state.compare_marks.clear();
            self.state.compare_emotions = None;
            self.analysis_key = None;
            return true;
        }
        let key = (revision, spec, self.analysis.comparing.is_some());
        if self.analysis_key == Some(key) {
            return true;
        }
        let b = self.doc.blueprint();
        let change = self.doc.history.step_change();
        let (worked, compared) = if b.steps.len() >= self.background_from {
            let doc = &self.doc;
            match self
                .analysis
                .refresh_in_background(b, || doc.copy(), revision, change, spec, ctx)
            {
                analysis_panel::Refresh::Working => return !spec.any(),
                analysis_panel::Refresh::Worked(highlights) => (Some(highlights), true),
                analysis_panel::Refresh::Current => (None, true),
                // The comparison is still being worked out: asked again next frame.
                analysis_panel::Refresh::Comparing => (None, false),
            }
        } else {
            self.analysis.refresh(b, revision, change);
            (None, true)
        };
        match worked {
            Some(highlights) => self.highlights = highlights,
            None => {
                if let Some(report) = self.analysis.report() {
                    self.highlights = crate::analysis::highlights(b, report, spec);
                }
            }
        }
        if !compared {
            return true;
        }
        self.analysis_key = Some(key);
        self.state.compare_marks = self.analysis.marks();
        let lang = self.lang;
        self.state.compare_emotions = self.analysis.comparing.as_ref().map(|c| {
            let name = crate::style::DrawingTexts::new(lang).state(c.other.state).to_owned();
            let felt = c
                .other
                .steps
                .iter()
                .filter_map(|s| s.emotion.map(|e| (s.id.clone(), e)));
            (name, felt.collect())
        });
        true
    }

    // ----- input -----

    /// Puts back the input that came after a key that ended an in-place edit, ahead of this
    /// frame's own, so it reaches the editor that key opened.
    fn replay_deferred_input(&mut self, ctx: &egui::Context) {
        if self.state.deferred_events.is_empty() {
            return;
        }
        let mut events = std::mem::take(&mut self.state.deferred_events);
        ctx.input_mut(|i| {
            events.append(&mut i.events);
            i.events = events;
        });
    }

    fn collect_shortcuts(&mut self, ctx: &egui::Context) {
        // A widget other than the canvas with the keyboard (a field, or a list or checkbox of the
        // inspector Tab moved to) takes the keys: a letter, Tab or Delete meant for it must not
        // add a marker, a step or delete one.
        let elsewhere = ctx
            .memory(|m| m.focused())
            .is_some_and(|id| Some(id) != self.state.canvas_id);
        let typing = elsewhere || self.state.inline.is_some();
        let modal = self.dialog.is_some() || self.export.is_some();
        let canvas_tab =
            !modal && (self.state.inline.is_some() || !elsewhere) && ctx.input(|i| i.key_pressed(egui::Key::Tab));
        let mut actions: Vec<Action> = Action::ALL.to_vec();
        // Longer combinations first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
        actions.sort_by_key(|a| {
            std::cmp::Reverse(
                a.shortcut()
                    .map_or(0, |s| s.modifiers.shift as u8 + s.modifiers.command as u8),
            )
        });
        let mut found = Vec::new();
        let mut pasted = None;
        ctx.input_mut(|i| {
            // Keys typed in the same frame after one that opens an editor are that editor's:
            // they wait for the next frame, when it is open.
            if !typing
                && !modal
                && let Some(at) = i.events.iter().position(Action::opens_editor)
            {
                self.state.deferred_events = i.events.split_off(at + 1);
            }
            for action in actions {
                if action.is_clipboard() {
                    continue;
                }
                let blocked_while_typing = action.is_bare_key()
                    || matches!(
                        action,
                        Action::Undo | Action::Redo | Action::SelectAll | Action::Duplicate
                    );
                if (typing && blocked_while_typing) || (modal && !matches!(action, Action::Quit)) {
                    continue;
                }
                let keys = action
                    .shortcut()
                    .into_iter()
                    .chain(action.alternative_shortcuts().iter().copied());
                for key in keys {
                    if i.consume_shortcut(&key) {
                        found.push(action);
                    }
                }
            }
            if !typing && !modal {
                for event in &i.events {
                    match event {
                        egui::Event::Copy => found.push(Action::Copy),
                        egui::Event::Cut => found.push(Action::Cut),
                        egui::Event::Paste(text) => pasted = Some(text.clone()),
                        _ => {}
                    }
                }
            }
        });
        if !self.state.deferred_events.is_empty() {
            ctx.request_repaint();
        }
        // egui moves the keyboard focus on Tab before the app sees it: to the File menu when
        // nothing has focus, where the next Space or Enter would open it, and away from an
        // editor on the canvas in the frame it opens (before it holds on to Tab). A Tab the
        // canvas takes leaves the focus where it is.
        if canvas_tab {
            ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        self.pending.extend(found.into_iter().map(Command::Action));
        if let Some(text) = pasted {
            self.paste_text(&text);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        {
            self.pending.push(Command::OpenPath(path));
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved { then: Pending::Quit });
            } else {
                self.autosave.clear();
            }
        }
        if self.quitting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let title = format!("{dirty}{} — Blueprint Studio", self.doc.display_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// Whether a text is being edited in place on the canvas.
    pub fn is_editing_in_place(&self) -> bool {
        self.state.inline.is_some()
    }

    /// Where a step's card is on screen (as of the last frame).
    pub fn card_screen_rect(&self, id: &StepId) -> Option<egui::Rect> {
        let drawing = self.doc.current_drawing()?;
        let card = drawing.layout.card_of(id)?;
        Some(self.screen_transform().rect_to_screen(card.rect))
    }

    /// Where step `id`'s point of the emotion curve is on screen, and where its feeling `emotion`
    /// would put it (as of the last frame).
    pub fn emotion_screen_point(&self, id: &StepId, emotion: i8) -> Option<(egui::Pos2, egui::Pos2)> {
        let drawing = self.doc.current_drawing()?;
        let curve = drawing.layout.emotion.as_ref()?;
        let step = drawing.layout.card_of(id)?.step;
        let point = curve.points.iter().find(|p| p.step == step)?;
        let t = self.screen_transform();
        let to = crate::geom::pt(point.at.x, curve.y_of(f32::from(emotion)));
        Some((t.to_screen(point.at), t.to_screen(to)))
    }

    /// Where a lane × stage cell is on screen (as of the last frame).
    pub fn cell_screen_rect(&self, lane: &LaneId, stage: &StageId) -> Option<egui::Rect> {
        let drawing = self.doc.current_drawing()?;
        let b = self.doc.blueprint();
        let (lane, stage) = (
            &drawing.layout.lanes[b.lane_index(lane)?],
            &drawing.layout.stages[b.stage_index(stage)?],
        );
        let cell = crate::geom::Rect {
            min: crate::geom::pt(stage.column.min.x, lane.band.min.y),
            max: crate::geom::pt(stage.column.max.x, lane.band.max.y),
        };
        Some(self.screen_transform().rect_to_screen(cell))
    }

    /// Where the whole drawing is on screen (as of the last frame).
    pub fn drawing_screen_rect(&self) -> Option<egui::Rect> {
        let drawing = self.doc.current_drawing()?;
        Some(self.screen_transform().rect_to_screen(drawing.layout.bounds))
    }

    /// Where a stage's header is on screen (as of the last frame, unpinned).
    pub fn stage_header_screen_rect(&self, stage: &StageId) -> Option<egui::Rect> {
        let drawing = self.doc.current_drawing()?;
        let header = drawing
            .layout
            .stages
            .get(self.doc.blueprint().stage_index(stage)?)?
            .header;
        Some(self.screen_transform().rect_to_screen(header))
    }

    fn screen_transform(&self) -> paint::Transform {
        paint::Transform {
            origin: self.state.canvas_rect.min + self.state.viewport.pan,
            zoom: self.state.viewport.zoom,
        }
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    fn autosave_tick(&mut self, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            let name = self.doc.display_name();
            if let Err(message) = self
                .autosave
                .tick(self.doc.blueprint(), self.doc.path.as_deref(), &name, false)
            {
                self.set_status(StatusText::tr("Autosave failed").then_raw(format!(": {message}")));
            }
            ctx.request_repaint_after(recovery::INTERVAL);
        }
    }
}

impl EditorApp {
    /// While presenting: the slide shown (0-based), the number of slides, and whether the
    /// talking points are shown.
    pub fn presentation(&self) -> Option<(usize, usize, bool)> {
        self.presentation.as_ref().map(|p| {
            let (index, count) = p.position();
            (index, count, p.shows_notes())
        })
    }

    /// While presenting: the highlights the slides show, and whether the deck is still being
    /// planned again for them.
    pub fn presented_highlights(&self) -> Option<(crate::analysis::HighlightSpec, bool)> {
        self.presentation.as_ref().map(|p| (p.highlight(), p.is_replanning()))
    }
}

impl eframe::App for EditorApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_close(&ctx);
        self.handle_dropped_files(&ctx);
        if let Some(presentation) = &mut self.presentation {
            let (blueprint, lang) = (self.doc.blueprint(), self.lang);
            let request = egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| presentation.ui(ui, blueprint, lang))
                .inner;
            if request == present::PresentRequest::Leave {
                self.presentation = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            return;
        }
        self.replay_deferred_input(&ctx);
        self.collect_shortcuts(&ctx);
        self.poll_picker(&ctx);

        menus::menu_bar(ui, self);
        menus::toolbar(ui, self);
        menus::status_bar(ui, self);
        let highlights_known = self.update_analysis(&ctx);
        if self.settings.show_analysis {
            egui::Panel::left("analysis")
                .default_size(320.0)
                .max_size(480.0)
                .show(ui, |ui| {
                    let Some(report) = self.analysis.report() else {
                        return;
                    };
                    let mut out = Vec::new();
                    let comparison = self.analysis.comparison();
                    let paired = self.other_version();
                    analysis_panel::panel_ui(
                        ui,
                        self.lang,
                        report,
                        &mut self.settings.highlight,
                        analysis_panel::Versions { comparison, paired },
                        &mut out,
                    );
                    self.pending.extend(out);
                });
        }
        if !self.settings.hide_inspector {
            egui::Panel::right("inspector")
                .default_size(300.0)
                .max_size(420.0)
                .show(ui, |ui| {
                    let mut out = Vec::new();
                    inspector::inspector_ui(ui, self.doc.blueprint(), &self.state, self.lang, &mut out);
                    self.pending.extend(out);
                });
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let mut out = Vec::new();
            let style = self.style.clone();
            let lang = self.lang;
            let highlights = self.highlights.clone();
            self.doc.background_from = self.background_from;
            self.doc.update_drawing(highlights_known.then_some(&highlights), &ctx);
            let (blueprint, drawing) = self.doc.parts();
            let input = canvas::CanvasInput {
                blueprint,
                drawing,
                edited: self.doc.blueprint(),
                style: &style,
                lang,
            };
            canvas::canvas_ui(ui, &input, &mut self.state, &mut self.paint_cache, &mut out);
            self.pending.extend(out);
        });
        self.dialogs_ui(&ctx);
        self.run_pending(&ctx);
        self.autosave_tick(&ctx);
        self.disk_tick(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.zoom = Some(self.state.viewport.zoom);
        eframe::set_value(storage, "settings", &self.settings);
    }
}
