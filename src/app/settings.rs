//! Preferences kept between runs (eframe's storage): language, theme, recent files, zoom,
//! panels and the last export settings.

use crate::export::{ExportOptions, Format, Slide};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Most recent files listed.
pub const MAX_RECENT: usize = 10;

/// The export dialog's choices, remembered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportSettings {
    /// PNG, SVG, PDF or PowerPoint.
    pub format: Format,
    /// How to draw an image: the options the command line's `export` takes too. Its stages and
    /// highlights are not used; `highlights` says whether the editor's are drawn.
    pub options: ExportOptions,
    /// One image per stage.
    pub per_stage: bool,
    /// Draw the analysis highlights that are switched on in the editor.
    pub highlights: bool,
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
            // A slide is what most exports are for.
            options: ExportOptions {
                slide: Some(Slide::Wide),
                ..ExportOptions::default()
            },
            per_stage: false,
            highlights: true,
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
    /// Inspector hidden, for more room for the drawing.
    pub hide_inspector: bool,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Background;

    #[test]
    fn export_choices_are_remembered_as_the_command_lines_options() {
        let mut settings = Settings::default();
        settings.export.options.border = 24;
        settings.export.options.background = Background::Transparent;
        settings.export.options.layout.legend = false;
        settings.export.deck = true;
        // eframe keeps settings as RON.
        let text = ron::to_string(&settings).expect("serialises");
        let back: Settings = ron::from_str(&text).expect("reads back");
        assert_eq!(back, settings);
        // Settings written before a field existed take its default.
        let written_before = "(export: (format: Svg))";
        let old: Settings = ron::from_str(written_before).expect("reads");
        assert_eq!(old.export.options, ExportSettings::default().options);
        assert_eq!(old.export.format, Format::Svg);
    }
}
