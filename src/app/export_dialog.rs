//! The export dialog: PNG or SVG with the command line's options, a live preview, and the
//! last settings remembered. The preview and the export run on worker threads, so the dialog
//! opens at once and a large deck exports with a progress bar and Cancel.

use super::EditorApp;
use super::export_job::{ExportJob, ExportWork, Outcome};
use super::preview_job::{Polled, PreviewFacts, PreviewJob, PreviewRequest};
use super::settings::ExportSettings;
use super::texts::tr;
use crate::analysis::HighlightSpec;
use crate::export::deck::{DeckOptions, MIN_TEXT_RANGE};
use crate::export::{Background, ExportOptions, ExportRequest, Format, Report, Slide, SvgText};
use crate::i18n::Lang;
use crate::style::Color;
use std::path::{Path, PathBuf};

/// Widest preview, in points.
const PREVIEW_WIDTH: f32 = 460.0;

/// Width of a deck slide's thumbnail, in points.
const THUMB_WIDTH: f32 = 148.0;

/// Width of the export's progress bar, beside the buttons, in points.
const PROGRESS_WIDTH: f32 = 300.0;

/// How often the dialog looks at its workers when they have not woken it.
const WORKER_POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// State of the open export dialog.
pub struct ExportDialog {
    settings: ExportSettings,
    path: String,
    /// The preview shown: one image, or a thumbnail per deck slide.
    preview: Option<Preview>,
    /// The preview being rendered, when the shown one is not for the current settings.
    preview_job: Option<PreviewJob>,
    /// The export running.
    job: Option<ExportJob>,
    /// How the last export went.
    message: Option<String>,
}

/// A rendered preview, as textures.
struct Preview {
    /// What it shows.
    request: PreviewRequest,
    /// The document revision it shows.
    revision: u64,
    /// The pictures.
    textures: Vec<egui::TextureHandle>,
    /// The line under them.
    facts: PreviewFacts,
}

/// The file extension of a format.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Png => "png",
        Format::Svg => "svg",
        Format::Pdf => "pdf",
        Format::Pptx => "pptx",
    }
}

impl ExportDialog {
    /// Opens with the remembered settings and a file name next to the blueprint.
    pub fn new(settings: &ExportSettings, doc_path: Option<&Path>, name: &str) -> ExportDialog {
        let stem = doc_path
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.split(['.', ' ']).next().unwrap_or("blueprint").to_owned());
        let dir = settings
            .last_dir
            .clone()
            .or_else(|| doc_path.and_then(|p| p.parent().map(Path::to_owned)))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        ExportDialog {
            settings: settings.clone(),
            path: dir
                .join(format!("{stem}.{}", extension(settings.format)))
                .display()
                .to_string(),
            preview: None,
            preview_job: None,
            job: None,
            message: None,
        }
    }

    /// The export options; `highlight` is what the editor shows, drawn when asked to.
    fn options(&self, highlight: HighlightSpec) -> ExportOptions {
        let s = &self.settings;
        ExportOptions {
            highlight: if s.highlights {
                highlight
            } else {
                HighlightSpec::default()
            },
            stages: None,
            text_as_paths: s.options.text_as_paths && s.format == Format::Svg,
            ..s.options.clone()
        }
    }

    /// Shows the dialog; returns whether it stays open.
    pub fn ui(&mut self, ctx: &egui::Context, app: &mut EditorApp) -> bool {
        let lang = app.lang;
        let mut open = true;
        let mut close = false;
        if let Some(job) = &mut self.job
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            job.cancel();
        }
        egui::Window::new(tr(lang, "Export"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(PREVIEW_WIDTH + 20.0)
            // Held by its top: the preview and messages arrive later and grow it downwards,
            // so the controls do not jump under the pointer.
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, ctx.content_rect().height() * 0.08))
            .show(ctx, |ui| {
                // The export uses the settings it started with; changing them meanwhile would
                // only mislead.
                ui.add_enabled_ui(self.job.is_none(), |ui| self.options_ui(ui, app));
                self.preview_ui(ui, app);
                if let Some(message) = &self.message {
                    ui.label(message.as_str());
                }
                // A fixed id: the buttons keep theirs when a preview appears above them between
                // a press and its release. The progress bar goes beside them, so they do not
                // move when it appears.
                let actions = egui::UiBuilder::new()
                    .scope_id(ui.scope_id().with("export-actions"))
                    .layout(egui::Layout::left_to_right(egui::Align::Center));
                ui.scope_builder(actions, |ui| {
                    if ui
                        .add_enabled(self.job.is_none(), egui::Button::new(tr(lang, "Export")))
                        .clicked()
                    {
                        self.start_export(ctx, app);
                    }
                    match &mut self.job {
                        Some(job) => {
                            if ui
                                .add_enabled(!job.is_cancelled(), egui::Button::new(tr(lang, "Cancel")))
                                .clicked()
                            {
                                job.cancel();
                            }
                            let (fraction, text) = progress_text(job, lang);
                            ui.add(
                                egui::ProgressBar::new(fraction)
                                    .text(text)
                                    .desired_width(PROGRESS_WIDTH),
                            );
                        }
                        None => close = ui.button(tr(lang, "Close")).clicked(),
                    }
                });
            });
        app.settings.export = self.settings.clone();
        if !open || close {
            // Dropping the job cancels it; its worker removes what it wrote.
            if self.job.take().is_some() {
                app.set_status(super::status::StatusText::tr("Export cancelled"));
            }
            return false;
        }
        // After the frame's clicks and keys, so a Cancel the user saw in time always wins: the
        // files move into place only once the dialog has shown everything rendered and the
        // user has had a frame to cancel; and the end is taken in only now, so the Cancel
        // button cannot turn into Close under a click.
        if let Some(job) = &mut self.job {
            job.allow_commit();
        }
        if let Some(outcome) = self.job.as_mut().and_then(ExportJob::poll) {
            self.job = None;
            self.finish(outcome, app);
            ctx.request_repaint();
        }
        // The workers wake the UI with their news; this is only a safety net, and the next
        // frame's permit to move the files into place should not wait for it.
        match &self.job {
            Some(job) if job.progress().is_some_and(|p| p.is_complete()) => ctx.request_repaint(),
            Some(_) => ctx.request_repaint_after(WORKER_POLL),
            None if self.preview_job.is_some() => ctx.request_repaint_after(WORKER_POLL),
            None => {}
        }
        true
    }

    /// The grid of choices.
    fn options_ui(&mut self, ui: &mut egui::Ui, app: &EditorApp) {
        let lang = app.lang;
        let s = &mut self.settings;
        egui::Grid::new("export-options")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label(tr(lang, "Format"));
                ui.horizontal(|ui| {
                    for (format, label) in [
                        (Format::Png, "PNG"),
                        (Format::Svg, "SVG"),
                        (Format::Pdf, "PDF"),
                        (Format::Pptx, "PowerPoint"),
                    ] {
                        if ui.radio(s.format == format, label).clicked() {
                            s.format = format;
                            // A PowerPoint file is a deck of slides.
                            if format == Format::Pptx {
                                s.deck = true;
                            }
                            self.path = Path::new(&self.path)
                                .with_extension(extension(format))
                                .display()
                                .to_string();
                        }
                    }
                });
                ui.end_row();
                ui.label(tr(lang, "Slides"));
                let deck_box = ui.add_enabled(
                    s.format != Format::Pptx,
                    egui::Checkbox::new(
                        &mut s.deck,
                        tr(lang, "Deck: an overview, then the stages a few at a time"),
                    ),
                );
                if deck_box.changed() && s.deck && !matches!(s.options.slide, Some(Slide::Wide | Slide::Standard)) {
                    s.options.slide = Some(Slide::Wide);
                }
                ui.end_row();
                ui.label(tr(lang, "Size"));
                // Rows of their own rather than wrapped: a grid keeps a wrapped cell to one
                // row's height, and its second line ran into the next row.
                ui.vertical(|ui| {
                    let slides: [&[(Option<Slide>, &str)]; 2] = [
                        &[
                            (Some(Slide::Wide), "16:9 (1920×1080)"),
                            (Some(Slide::Standard), "4:3 (1440×1080)"),
                        ],
                        &[(Some(Slide::Uhd), "4K (3840×2160)"), (None, "Scale")],
                    ];
                    let rows = if s.deck { &slides[..1] } else { &slides[..] };
                    for row in rows {
                        ui.horizontal(|ui| {
                            for &(slide, label) in *row {
                                if ui.radio(s.options.slide == slide, tr(lang, label)).clicked() {
                                    s.options.slide = slide;
                                }
                            }
                        });
                    }
                });
                ui.end_row();
                if s.deck {
                    ui.label(tr(lang, "Smallest text"));
                    ui.add(
                        egui::DragValue::new(&mut s.min_text)
                            .range(MIN_TEXT_RANGE)
                            .suffix(" px"),
                    );
                    ui.end_row();
                    if s.format == Format::Pdf {
                        ui.label(tr(lang, "Handouts"));
                        ui.checkbox(&mut s.handouts, tr(lang, "A page of talking points after each slide"));
                        ui.end_row();
                    }
                }
                if s.options.slide.is_none() && !s.deck {
                    ui.label(tr(lang, "Scale"));
                    ui.add(
                        egui::Slider::new(&mut s.options.scale, 0.25..=8.0)
                            .logarithmic(true)
                            .suffix("×"),
                    );
                    ui.end_row();
                }
                ui.label(tr(lang, "Background"));
                ui.horizontal(|ui| {
                    if ui
                        .radio(s.options.background == Background::White, tr(lang, "White"))
                        .clicked()
                    {
                        s.options.background = Background::White;
                    }
                    if ui
                        .radio(s.options.background == Background::Transparent, tr(lang, "Transparent"))
                        .clicked()
                    {
                        s.options.background = Background::Transparent;
                    }
                    let mut rgb = match s.options.background {
                        Background::Color(c) => [c.0[0], c.0[1], c.0[2]],
                        _ => [240, 244, 248],
                    };
                    if ui
                        .radio(matches!(s.options.background, Background::Color(_)), tr(lang, "Colour"))
                        .clicked()
                    {
                        s.options.background = Background::Color(Color([rgb[0], rgb[1], rgb[2], 255]));
                    }
                    if matches!(s.options.background, Background::Color(_))
                        && ui.color_edit_button_srgb(&mut rgb).changed()
                    {
                        s.options.background = Background::Color(Color([rgb[0], rgb[1], rgb[2], 255]));
                    }
                });
                ui.end_row();
                if !s.deck {
                    ui.label(tr(lang, "Border"));
                    ui.add(egui::DragValue::new(&mut s.options.border).range(0..=400).suffix(" px"));
                    ui.end_row();
                }
                ui.label(tr(lang, "Include"));
                ui.vertical(|ui| {
                    if !s.deck {
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut s.options.layout.title, tr(lang, "Title"));
                            ui.checkbox(&mut s.options.layout.legend, tr(lang, "Legend"));
                            ui.checkbox(&mut s.per_stage, tr(lang, "One image per stage"));
                        });
                    }
                    // With no highlight switched on there are none to include: the box shows
                    // that, unticked, and keeps the choice for when there are.
                    let any = app.settings.highlight.any();
                    let mut none = false;
                    let include = if any { &mut s.highlights } else { &mut none };
                    ui.add_enabled(any, egui::Checkbox::new(include, tr(lang, "Analysis highlights")))
                        .on_disabled_hover_text(tr(lang, "Switch highlights on in the analysis panel first."));
                });
                ui.end_row();
                if s.format == Format::Svg {
                    ui.label(tr(lang, "Text"));
                    ui.checkbox(
                        &mut s.options.text_as_paths,
                        tr(lang, "As outlines (for tools without web fonts)"),
                    );
                    ui.end_row();
                }
                let label = ui.label(tr(lang, "File")).id;
                ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(PREVIEW_WIDTH - 80.0))
                    .labelled_by(label);
                ui.end_row();
            });
    }

    /// The deck options from the settings.
    fn deck_options(&self, highlight: HighlightSpec) -> DeckOptions {
        let s = &self.settings;
        DeckOptions {
            aspect: if s.options.slide == Some(Slide::Standard) {
                Slide::Standard
            } else {
                Slide::Wide
            },
            min_text: s.min_text.clamp(*MIN_TEXT_RANGE.start(), *MIN_TEXT_RANGE.end()),
            highlight: self.options(highlight).highlight,
            background: s.options.background,
        }
    }

    /// What the preview should show for the current settings.
    fn preview_request(&self, highlight: HighlightSpec) -> PreviewRequest {
        if self.settings.deck {
            return PreviewRequest::Deck(self.deck_options(highlight), THUMB_WIDTH);
        }
        let mut options = self.options(highlight);
        // The preview shows the first image of a per-stage export.
        if self.settings.per_stage {
            options.stages = Some((0, 0));
        }
        PreviewRequest::Image(options, PREVIEW_WIDTH)
    }

    /// Shows the latest preview, and renders a new one in the background when the settings or
    /// the blueprint have changed.
    fn preview_ui(&mut self, ui: &mut egui::Ui, app: &EditorApp) {
        let lang = app.lang;
        let request = self.preview_request(app.settings.highlight);
        let revision = app.doc.history.revision();
        let wanted = |r: &PreviewRequest, v: u64| *r == request && v == revision;
        if let Some(job) = &mut self.preview_job {
            match job.poll() {
                Polled::Running => {}
                // Pictures for settings already left behind are not worth a frame.
                _ if !wanted(&job.request, job.revision) => self.preview_job = None,
                Polled::Done(rendered) => {
                    let textures = rendered
                        .images
                        .into_iter()
                        .enumerate()
                        .map(|(i, image)| {
                            ui.ctx()
                                .load_texture(format!("export-preview-{i}"), image, egui::TextureOptions::LINEAR)
                        })
                        .collect();
                    self.preview = Some(Preview {
                        request: job.request.clone(),
                        revision: job.revision,
                        textures,
                        facts: rendered.facts,
                    });
                    self.preview_job = None;
                }
                Polled::Ended(reason) => {
                    self.preview = Some(Preview {
                        request: job.request.clone(),
                        revision: job.revision,
                        textures: Vec::new(),
                        facts: PreviewFacts::Failed(format!("{} {reason}", tr(lang, "No preview:"))),
                    });
                    self.preview_job = None;
                }
            }
        }
        let fresh = self.preview.as_ref().is_some_and(|p| wanted(&p.request, p.revision));
        if !fresh {
            match &self.preview_job {
                // One preview at a time: a stale one is told to stop, and the newest settings
                // are rendered when it has, so dragging a value does not pile up threads.
                Some(job) if !wanted(&job.request, job.revision) => job.supersede(),
                Some(_) => {}
                None => {
                    self.preview_job = Some(PreviewJob::start(
                        ui.ctx(),
                        app.blueprint().clone(),
                        request.clone(),
                        revision,
                    ));
                }
            }
        }
        let Some(preview) = &self.preview else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(lang, "Rendering preview…"));
            });
            return;
        };
        if !preview.textures.is_empty() {
            egui::Frame::canvas(ui.style()).show(ui, |ui| {
                ui.set_max_width(PREVIEW_WIDTH);
                if matches!(preview.request, PreviewRequest::Deck(..)) {
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            for texture in &preview.textures {
                                ui.image((texture.id(), texture.size_vec2()));
                            }
                        });
                    });
                } else if let Some(texture) = preview.textures.first() {
                    ui.image((texture.id(), texture.size_vec2()));
                }
            });
        }
        if fresh {
            ui.label(facts_text(&preview.facts, lang));
        } else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(lang, "Rendering preview…"));
            });
        }
    }

    /// Starts the export on a worker thread.
    fn start_export(&mut self, ctx: &egui::Context, app: &EditorApp) {
        let lang = app.lang;
        let path = PathBuf::from(self.path.trim());
        let Some(format) = Format::from_path(&path) else {
            self.message = Some(format!("{} {}", tr(lang, "Use a file name ending in"), Format::KNOWN));
            return;
        };
        self.settings.format = format;
        self.settings.last_dir = path.parent().map(Path::to_owned);
        let request = if self.settings.deck {
            ExportRequest::Deck {
                options: self.deck_options(app.settings.highlight),
                text: if self.settings.options.text_as_paths {
                    SvgText::Paths
                } else {
                    SvgText::EmbeddedFont
                },
                handouts: self.settings.handouts,
            }
        } else {
            ExportRequest::Images {
                options: self.options(app.settings.highlight),
                per_stage: self.settings.per_stage,
            }
        };
        let work = ExportWork { request, format, path };
        self.message = None;
        self.job = Some(ExportJob::start(ctx, app.blueprint().clone(), work));
    }

    /// Says how the export ended, here and in the status bar.
    fn finish(&mut self, outcome: Outcome, app: &mut EditorApp) {
        let lang = app.lang;
        let message = match outcome {
            Outcome::Written(report) => written_text(&report, lang),
            Outcome::Cancelled => tr(lang, "Export cancelled").to_owned(),
            Outcome::Failed(error) => error.to_string(),
            Outcome::Crashed(reason) => format!("{} {reason}", tr(lang, "The export stopped unexpectedly:")),
        };
        app.set_status(message.lines().next().unwrap_or_default().to_owned());
        self.message = Some(message);
    }
}

/// "Exported OUT.png (1920 × 1080)", and the characters the bundled font lacks; a deck of many
/// files is named by its first and last, so the message fits the dialog.
fn written_text(report: &Report, lang: Lang) -> String {
    let describe = |w: &crate::export::Written| format!("{} ({} × {})", w.path.display(), w.width, w.height);
    let files = match report.written.as_slice() {
        [first, .., last] if report.written.len() > 3 => {
            let last = last.path.file_name().unwrap_or_default().to_string_lossy();
            let count = report.written.len();
            match lang {
                Lang::En => format!("{count} files: {} … {last}", describe(first)),
                Lang::Zh => format!("{count} 个文件：{} … {last}", describe(first)),
            }
        }
        written => written.iter().map(describe).collect::<Vec<_>>().join(", "),
    };
    let mut message = format!("{} {files}", tr(lang, "Exported"));
    let mut missing: Vec<char> = report
        .missing
        .iter()
        .flat_map(|(_, chars)| chars.iter().copied())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        let chars: String = missing.into_iter().collect();
        message.push_str(&format!("\n{} {chars}", tr(lang, "No glyph in the bundled font for:")));
    }
    message
}

/// The progress bar's fill and text: "Slide 3 of 9", "Image 2 of 7" or "42 %".
fn progress_text(job: &ExportJob, lang: Lang) -> (f32, String) {
    if job.is_cancelled() {
        return (
            job.progress().map_or(0.0, |p| p.fraction()),
            tr(lang, "Cancelling…").to_owned(),
        );
    }
    let Some(progress) = job.progress() else {
        return (0.0, tr(lang, "Preparing…").to_owned());
    };
    let fraction = progress.fraction();
    if progress.total <= 1 && !job.is_deck() {
        return (fraction, format!("{:.0} %", fraction * 100.0));
    }
    let (n, total) = ((progress.done + 1).min(progress.total), progress.total);
    let text = match (lang, job.is_deck()) {
        (Lang::En, true) => format!("Slide {n} of {total}"),
        (Lang::En, false) => format!("Image {n} of {total}"),
        (Lang::Zh, true) => format!("第 {n} 页，共 {total} 页"),
        (Lang::Zh, false) => format!("第 {n} 张，共 {total} 张"),
    };
    (fraction, text)
}

/// "7 slides · smallest text 18 px" and the deck's warnings, or the image's size.
fn facts_text(facts: &PreviewFacts, lang: Lang) -> String {
    match facts {
        PreviewFacts::Image {
            width,
            height,
            title_px,
        } => {
            let mut text = format!("{width} × {height} px");
            // A whole blueprint on one slide: say when its titles cannot be read in a room.
            if let Some(px) = title_px.filter(|px| *px < crate::export::READABLE_SLIDE_TEXT) {
                text.push('\n');
                text.push_str(&match lang {
                    Lang::En => format!(
                        "Card titles come out {px:.0} px high: too small to read in a room; a deck keeps them readable."
                    ),
                    Lang::Zh => format!("卡片标题只有 {px:.0} 像素高，在教室里看不清；导出幻灯片组可以保持清晰。"),
                });
            }
            text
        }
        PreviewFacts::Failed(reason) => reason.clone(),
        PreviewFacts::Deck {
            slides,
            smallest,
            warnings,
        } => {
            let mut text = match lang {
                Lang::En => format!("{slides} slides"),
                Lang::Zh => format!("{slides} 页"),
            };
            if let Some(smallest) = smallest {
                text.push_str(&format!(" · {} {smallest:.0} px", tr(lang, "smallest text")));
            }
            for warning in warnings {
                text.push('\n');
                text.push_str(warning);
            }
            text
        }
    }
}
