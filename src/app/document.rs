//! The open document: the blueprint, its undo history, where it lives on disk, and the layout
//! and scene derived from it (rebuilt only when the blueprint changes).

use super::disk_watch::DiskWatch;
use crate::edit::{Edit, EditError, History, Merge};
use crate::layout::{Layout, LayoutOptions, layout_with};
use crate::model::Blueprint;
use crate::scene::{Highlights, Scene, build};
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

    /// Rebuilds the layout and scene if the blueprint or `highlights` changed since.
    pub fn ensure_drawing(&mut self, highlights: &Highlights) {
        let revision = self.history.revision();
        let stale = self
            .drawing
            .as_ref()
            .is_none_or(|d| d.revision != revision || &d.highlights != highlights);
        if stale {
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
                stage_steps,
                stage_markers,
            });
        }
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
