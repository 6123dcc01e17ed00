//! Preferences kept between runs (eframe's storage): language, theme, recent files, zoom,
//! panels and the last export settings.

use crate::export::{Background, Format, Slide};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Most recent files listed.
pub const MAX_RECENT: usize = 10;

/// The export dialog's choices, remembered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// PNG or SVG.
    pub format: Format,
    /// Scale when no slide size is chosen.
    pub scale: f32,
    /// Slide size, or free size at `scale`.
    pub slide: Option<Slide>,
    /// Background.
    pub background: Background,
    /// Extra pixels around.
    pub border: u32,
    /// Title block.
    pub title: bool,
    /// Legend.
    pub legend: bool,
    /// One image per stage.
    pub per_stage: bool,
    /// Draw the analysis highlights that are switched on in the editor.
    pub highlights: bool,
    /// SVG text as outlines, for tools that ignore embedded web fonts.
    pub text_as_paths: bool,
    /// A teaching deck (overview, then slides of consecutive stages) instead of one image.
    pub deck: bool,
    /// Smallest text on a deck's content slides, pixels at 1080p.
    pub min_text: f32,
    /// A deck as PDF: a handout page with the talking points after each slide.
    pub handouts: bool,
    /// Folder of the last export.
    pub last_dir: Option<PathBuf>,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            format: Format::Png,
            scale: 2.0,
            slide: Some(Slide::Wide),
            background: Background::White,
            border: 0,
            title: true,
            legend: true,
            per_stage: false,
            highlights: true,
            text_as_paths: false,
            deck: false,
            min_text: crate::export::deck::DEFAULT_MIN_TEXT,
            handouts: false,
            last_dir: None,
        }
    }
}

/// Everything remembered between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Chosen UI language; the system's when never chosen.
    pub lang: Option<Lang>,
    /// Dark theme.
    pub dark: bool,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
    /// Last zoom.
    pub zoom: Option<f32>,
    /// Analysis panel shown.
    pub show_analysis: bool,
    /// Last export settings.
    pub export: ExportSettings,
    /// Analysis highlights shown on the canvas.
    pub highlight: crate::analysis::HighlightSpec,
}

impl Settings {
    /// Puts `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
