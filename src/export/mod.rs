//! Slides from the scene: PNG (CPU rasteriser, in bands), SVG and PDF, headless; decks of such
//! slides, also as PowerPoint.

mod comparison;
pub mod deck;
mod marks;
mod outline;
mod pdf;
mod png;
mod pptx;
mod staging;
mod svg;
mod webfont;

pub use comparison::comparison_slide;
pub use pdf::{PT_PER_PX, PdfError, PdfSlide, write_pdf};
pub use png::{MIN_GLYPH_PX, render_rgba, write_png};
pub use pptx::{PptxSlide, SlideBox, write_pptx};
pub use svg::{EMBEDDED_FAMILY, SvgText, write_svg};
pub use webfont::{WebFontError, data_url, subset_font};

use crate::geom::Rect;
use crate::layout::{LayoutOptions, layout_with};
use crate::model::{Blueprint, MarkerTarget, NoteTarget};
use crate::scene::{Scene, build};
use crate::style::{Color, Style};
use staging::Staging;
use std::path::{Path, PathBuf};

/// Output file formats, chosen by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// Raster, for slides.
    Png,
    /// Vector, text stays text.
    Svg,
    /// Vector pages with real, searchable text; one page, or one per slide of a deck.
    Pdf,
    /// PowerPoint: a deck only, each slide a picture with its title as text and notes.
    Pptx,
}

impl Format {
    /// The extensions we write, for messages.
    pub const KNOWN: &'static str = ".png, .svg, .pdf, .pptx";

    /// The format an output path asks for.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            "pdf" => Some(Format::Pdf),
            "pptx" => Some(Format::Pptx),
            _ => None,
        }
    }
}

/// A fixed slide size the drawing is fitted into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Slide {
    /// 1920 × 1080.
    Wide,
    /// 1440 × 1080.
    Standard,
    /// 3840 × 2160.
    Uhd,
}

impl Slide {
    /// Pixel size.
    pub fn size(self) -> (u32, u32) {
        match self {
            Slide::Wide => (1920, 1080),
            Slide::Standard => (1440, 1080),
            Slide::Uhd => (3840, 2160),
        }
    }

    /// Parses `16:9`, `4:3` or `4k`.
    pub fn parse(text: &str) -> Option<Slide> {
        match text.to_ascii_lowercase().as_str() {
            "16:9" => Some(Slide::Wide),
            "4:3" => Some(Slide::Standard),
            "4k" => Some(Slide::Uhd),
            _ => None,
        }
    }
}

/// What to put behind the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Background {
    /// The style's page colour (white).
    White,
    /// Nothing: alpha 0 around and between the lanes' margins.
    Transparent,
    /// A colour of the user's.
    Color(Color),
}

impl Background {
    /// Parses `white`, `transparent` or `#RRGGBB`.
    pub fn parse(text: &str) -> Option<Background> {
        match text.to_ascii_lowercase().as_str() {
            "white" => Some(Background::White),
            "transparent" => Some(Background::Transparent),
            other => Color::parse_hex(other).map(Background::Color),
        }
    }

    /// The colour painted first.
    pub fn color(self) -> Color {
        match self {
            Background::White => Color::WHITE,
            Background::Transparent => Color::TRANSPARENT,
            Background::Color(color) => color,
        }
    }
}

/// How to export.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Pixels per blueprint unit, when no slide size is given.
    pub scale: f32,
    /// Fit into a fixed slide size instead.
    pub slide: Option<Slide>,
    /// Page colour.
    pub background: Background,
    /// Extra space around the drawing, in output pixels.
    pub border: u32,
    /// Title block and legend.
    pub layout: LayoutOptions,
    /// Only these stages (0-based, inclusive).
    pub stages: Option<(usize, usize)>,
    /// Analysis results to draw (critical path, handoffs, pain heat, waits).
    pub highlight: crate::analysis::HighlightSpec,
    /// SVG: draw text as glyph outlines instead of text in an embedded font.
    pub text_as_paths: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            scale: 2.0,
            slide: None,
            background: Background::White,
            border: 0,
            layout: LayoutOptions::default(),
            stages: None,
            highlight: crate::analysis::HighlightSpec::default(),
            text_as_paths: false,
        }
    }
}

/// Allowed `--scale` values.
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.25..=8.0;

/// The largest side a PNG is rendered to; the rasteriser's own limit per band width.
pub const MAX_SIDE: u32 = 65_535;
/// The most pixels an export may have (about 4 GB of RGBA if it were held whole).
pub const MAX_PIXELS: u64 = 1_000_000_000;

/// How scene units map to output pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Pixels per scene unit.
    pub scale: f32,
    /// Output x of scene x = 0.
    pub dx: f32,
    /// Output y of scene y = 0.
    pub dy: f32,
}

impl Frame {
    /// The frame for `scene` under `options`.
    pub fn new(scene_bounds: Rect, options: &ExportOptions) -> Frame {
        let border = options.border as f32;
        let (w, h) = (scene_bounds.width(), scene_bounds.height());
        match options.slide {
            Some(slide) => {
                let (sw, sh) = slide.size();
                let scale = ((sw as f32 - 2.0 * border) / w)
                    .min((sh as f32 - 2.0 * border) / h)
                    .max(0.01);
                Frame {
                    width: sw,
                    height: sh,
                    scale,
                    dx: (sw as f32 - w * scale) / 2.0,
                    dy: (sh as f32 - h * scale) / 2.0,
                }
            }
            None => Frame {
                width: (w * options.scale + 2.0 * border).ceil() as u32,
                height: (h * options.scale + 2.0 * border).ceil() as u32,
                scale: options.scale,
                dx: border,
                dy: border,
            },
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Output larger than PNG or memory allow.
    #[error(
        "the image would be {width} × {height} px; the limit is {MAX_SIDE} px a side and {MAX_PIXELS} pixels in all — lower --scale or export stages one at a time (--per-stage)"
    )]
    TooLarge {
        /// Asked width.
        width: u32,
        /// Asked height.
        height: u32,
    },
    /// Nothing to draw in the asked stage range.
    #[error("stages {from}..{to} are out of range: the blueprint has {count} stages")]
    StageRange {
        /// First asked stage, 1-based.
        from: usize,
        /// Last asked stage, 1-based.
        to: usize,
        /// Stages the blueprint has.
        count: usize,
    },
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Output file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] ::png::EncodingError),
    /// The PDF writer failed.
    #[error("{0}")]
    Pdf(#[from] PdfError),
    /// A PowerPoint file was asked for without a deck.
    #[error("a PowerPoint file holds a deck of slides: add --deck (or choose Deck in the export dialog)")]
    PptxNeedsDeck,
    /// The progress callback asked to stop; nothing was written.
    #[error("the export was cancelled")]
    Cancelled,
}

/// How far an export has got: what its progress callback is told, answering whether to go on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Slides or files finished.
    pub done: usize,
    /// Slides or files in all.
    pub total: usize,
    /// How far into the next one, 0…1 (the bands of a large PNG).
    pub part: f32,
}

impl Progress {
    /// The share of the whole export done, 0…1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            return 1.0;
        }
        ((self.done as f32 + self.part.clamp(0.0, 1.0)) / self.total as f32).min(1.0)
    }

    /// Everything is rendered and about to be moved into place: the last moment to stop.
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

/// Keeps only stages `from..=to` (0-based) and what lies in them.
pub fn crop_stages(blueprint: &Blueprint, from: usize, to: usize) -> Result<Blueprint, ExportError> {
    let count = blueprint.stages.len();
    if from > to || to >= count {
        return Err(ExportError::StageRange {
            from: from + 1,
            to: to + 1,
            count,
        });
    }
    let mut cropped = blueprint.clone();
    cropped.stages = blueprint.stages[from..=to].to_vec();
    let stage_ids: std::collections::HashSet<_> = cropped.stages.iter().map(|s| s.id.clone()).collect();
    cropped.steps.retain(|s| stage_ids.contains(&s.stage));
    let step_ids: std::collections::HashSet<_> = cropped.steps.iter().map(|s| s.id.clone()).collect();
    cropped
        .flows
        .retain(|f| step_ids.contains(&f.from) && step_ids.contains(&f.to));
    cropped.markers.retain(|m| match &m.target {
        MarkerTarget::Step(id) => step_ids.contains(id),
        MarkerTarget::Stage(id) => stage_ids.contains(id),
    });
    cropped.notes.retain(|n| match &n.target {
        NoteTarget::Blueprint => true,
        NoteTarget::Step(id) => step_ids.contains(id),
    });
    Ok(cropped)
}

/// The scene an export draws (after cropping), with the style's light slide theme.
pub fn export_scene(blueprint: &Blueprint, options: &ExportOptions) -> Result<Scene, ExportError> {
    let marks = marks::Marks::of(blueprint, options.highlight);
    let cropped;
    let blueprint = match options.stages {
        Some((from, to)) => {
            cropped = crop_stages(blueprint, from, to)?;
            &cropped
        }
        None => blueprint,
    };
    let style = Style::default();
    let highlights = marks.on(blueprint);
    let layout = layout_with(blueprint, &style, options.layout, &highlights);
    Ok(build(blueprint, &layout, &style, &highlights))
}

/// Card titles under this height in pixels cannot be read from the back of a training room.
pub const READABLE_SLIDE_TEXT: f32 = 14.0;

/// How high the card titles of `scene` come out on a slide of fixed size (`options.slide`),
/// in pixels of a 1080-pixel-high slide (a 4K slide is shown as large): a whole blueprint
/// shrunk onto one slide can make them too small to read.
pub fn slide_title_px(scene: &Scene, options: &ExportOptions) -> Option<f32> {
    options.slide?;
    let title = scene
        .items
        .iter()
        .filter_map(|item| match (&item.role, &item.shape) {
            (crate::scene::Role::CardText(_), crate::scene::Shape::Text { size, .. }) => Some(*size),
            _ => None,
        })
        .fold(0.0_f32, f32::max);
    let frame = Frame::new(scene.bounds, options);
    (title > 0.0).then(|| title * frame.scale * 1080.0 / frame.height as f32)
}

/// One file written by [`export_to_file`].
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// Where.
    pub path: PathBuf,
    /// Pixel width (SVG: its nominal width).
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// How many slides it holds: 1 for an image, a deck's count for a PDF or PowerPoint.
    pub slides: usize,
}

/// Renders `scene` to `path` in `format`, through a temporary file so a failed export never
/// leaves half an image. `progress` receives 0…1 as bands complete.
pub fn export_to_file(
    scene: &Scene,
    options: &ExportOptions,
    format: Format,
    path: &Path,
    progress: &mut dyn FnMut(f32),
) -> Result<Written, ExportError> {
    let mut staging = Staging::default();
    let written = stage_file(scene, options, format, path, &mut staging, &mut |done| {
        progress(done);
        true
    })?;
    staging.commit()?;
    Ok(written)
}

/// Renders `scene` in `format` as the future `path`, into `staging`; `progress` gets 0…1 as
/// bands complete and answers whether to go on.
fn stage_file(
    scene: &Scene,
    options: &ExportOptions,
    format: Format,
    path: &Path,
    staging: &mut Staging,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Written, ExportError> {
    let frame = Frame::new(scene.bounds, options);
    let io = |source| ExportError::Io {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    match format {
        Format::Png => {
            check_size(&frame)?;
            // Streamed to the temporary file: memory stays at one band.
            staging.write_with(path, &mut |out| {
                png::write_png_until(scene, &frame, options.background, out, progress)
            })?;
        }
        Format::Svg => {
            let text = if options.text_as_paths {
                SvgText::Paths
            } else {
                SvgText::EmbeddedFont
            };
            write_svg(scene, &frame, options.background, text, &mut bytes).map_err(io)?;
            staging.write(path, &bytes)?;
        }
        Format::Pdf => {
            let page = PdfSlide {
                scene,
                frame,
                background: options.background,
                title: String::new(),
                notes: Vec::new(),
            };
            write_pdf(&[page], false, &mut bytes)?;
            staging.write(path, &bytes)?;
        }
        Format::Pptx => return Err(ExportError::PptxNeedsDeck),
    }
    Ok(Written {
        path: path.to_owned(),
        width: frame.width,
        height: frame.height,
        slides: 1,
    })
}

/// Refuses sizes the rasteriser or memory cannot take, before any work.
pub fn check_size(frame: &Frame) -> Result<(), ExportError> {
    if frame.width == 0
        || frame.height == 0
        || frame.width > MAX_SIDE
        || frame.height > MAX_SIDE
        || u64::from(frame.width) * u64::from(frame.height) > MAX_PIXELS
    {
        return Err(ExportError::TooLarge {
            width: frame.width,
            height: frame.height,
        });
    }
    Ok(())
}

/// `OUT.png` → `OUT-03-make-drink.png` for stage 3 of a per-stage export.
pub fn per_stage_path(path: &Path, index: usize, stage_id: &str) -> PathBuf {
    let slug: String = stage_id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    numbered_path(path, index, &format!("-{slug}"))
}

/// `OUT.png` → `OUT-03{suffix}.png`: file `index` (0-based) of an export written as several.
pub fn numbered_path(path: &Path, index: usize, suffix: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}-{:02}{suffix}.{ext}", index + 1))
}

/// What an export wrote, and the characters the bundled font could not draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Files written, in order.
    pub written: Vec<Written>,
    /// Characters shown as boxes, with the file they appear in.
    pub missing: Vec<(PathBuf, Vec<char>)>,
    /// What could not be met (a deck's text smaller than asked).
    pub warnings: Vec<String>,
}

/// What to export, as the command line and the export dialog both ask for it: one type, so the
/// two cannot drift apart.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportRequest {
    /// A teaching deck: an overview, then slides of consecutive stages.
    Deck {
        /// How to plan it.
        options: deck::DeckOptions,
        /// SVG text as text in an embedded font, or as outlines.
        text: SvgText,
        /// A PDF deck's handout pages with the talking points.
        handouts: bool,
    },
    /// One image, or one per stage.
    Images {
        /// How to draw it.
        options: ExportOptions,
        /// One file per stage.
        per_stage: bool,
    },
}

impl ExportRequest {
    /// Writes `blueprint` to `output` in `format`; a deck's warnings (text smaller than asked)
    /// come back in the report. `progress` as for [`export_blueprint`].
    pub fn run(
        &self,
        blueprint: &Blueprint,
        format: Format,
        output: &Path,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<Report, ExportError> {
        match self {
            ExportRequest::Deck {
                options,
                text,
                handouts,
            } => {
                let planned = deck::plan(blueprint, options);
                let mut report = deck::write_deck(&planned, options, format, output, *text, *handouts, progress)?;
                report.warnings = planned.warnings;
                Ok(report)
            }
            ExportRequest::Images { options, per_stage } => {
                export_blueprint(blueprint, options, format, output, *per_stage, progress)
            }
        }
    }

    /// Whether it writes a deck (counted in slides) rather than images (counted in files).
    pub fn is_deck(&self) -> bool {
        matches!(self, ExportRequest::Deck { .. })
    }
}

/// Exports `blueprint` to `output` (one file per stage when `per_stage`): the one path the
/// command line and the editor's export dialog share.
///
/// `progress` is told before each file, as the bands of a PNG complete, and once more when
/// every file is rendered (see [`Progress::is_complete`]); answering `false` stops with
/// [`ExportError::Cancelled`]. The files are moved into place together at the end, so a
/// cancelled or failed export leaves none of them behind.
pub fn export_blueprint(
    blueprint: &Blueprint,
    options: &ExportOptions,
    format: Format,
    output: &Path,
    per_stage: bool,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<Report, ExportError> {
    let jobs: Vec<(PathBuf, Option<(usize, usize)>)> = if per_stage {
        blueprint
            .stages
            .iter()
            .enumerate()
            .map(|(j, stage)| (per_stage_path(output, j, stage.id.as_str()), Some((j, j))))
            .collect()
    } else {
        vec![(output.to_owned(), options.stages)]
    };
    let total = jobs.len();
    let mut report = Report::default();
    let mut staging = Staging::default();
    for (index, (path, stages)) in jobs.into_iter().enumerate() {
        if !progress(Progress {
            done: index,
            total,
            part: 0.0,
        }) {
            return Err(ExportError::Cancelled);
        }
        let options = ExportOptions {
            stages,
            ..options.clone()
        };
        let scene = export_scene(blueprint, &options)?;
        if let Some(px) = slide_title_px(&scene, &options).filter(|px| *px < READABLE_SLIDE_TEXT) {
            let warning = format!(
                "card titles on this slide are as small as {px:.0} px text on a 1920×1080 slide, under the {READABLE_SLIDE_TEXT} px a room can read: a deck (--deck) spreads the blueprint over slides that keep them readable"
            );
            if !report.warnings.contains(&warning) {
                report.warnings.push(warning);
            }
        }
        let missing = crate::text::missing_chars(&scene.all_text());
        if !missing.is_empty() {
            report.missing.push((path.clone(), missing));
        }
        report.written.push(stage_file(
            &scene,
            &options,
            format,
            &path,
            &mut staging,
            &mut |part| {
                progress(Progress {
                    done: index,
                    total,
                    part,
                })
            },
        )?);
    }
    if !progress(Progress {
        done: total,
        total,
        part: 0.0,
    }) {
        return Err(ExportError::Cancelled);
    }
    staging.commit()?;
    Ok(report)
}
