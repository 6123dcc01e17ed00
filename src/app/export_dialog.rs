//! The export dialog: PNG or SVG with the command line's options, a live preview, and the
//! last settings remembered.

use super::EditorApp;
use super::settings::ExportSettings;
use super::texts::tr;
use crate::analysis::HighlightSpec;
use crate::export::deck::{self, Deck, DeckOptions, MIN_TEXT_RANGE};
use crate::export::{
    Background, ExportOptions, Format, Frame, Slide, SvgText, export_blueprint, export_scene, render_rgba,
};
use crate::layout::LayoutOptions;
use crate::style::Color;
use std::path::{Path, PathBuf};

/// Widest preview, in points.
const PREVIEW_WIDTH: f32 = 460.0;

/// Width of a deck slide's thumbnail, in points.
const THUMB_WIDTH: f32 = 148.0;

/// State of the open export dialog.
pub struct ExportDialog {
    settings: ExportSettings,
    path: String,
    /// The preview: one image, or a thumbnail per deck slide, for these settings and revision.
    preview: Option<(ExportSettings, u64, Vec<egui::TextureHandle>)>,
    message: Option<String>,
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
            scale: s.scale,
            slide: s.slide,
            background: s.background,
            border: s.border,
            layout: LayoutOptions {
                title: s.title,
                legend: s.legend,
            },
            stages: None,
            text_as_paths: s.text_as_paths && s.format == Format::Svg,
        }
    }

    /// Shows the dialog; returns whether it stays open.
    pub fn ui(&mut self, ctx: &egui::Context, app: &mut EditorApp) -> bool {
        let lang = app.lang;
        let mut open = true;
        let mut close = false;
        egui::Window::new(tr(lang, "Export"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(PREVIEW_WIDTH + 20.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
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
                        if deck_box.changed() && s.deck && !matches!(s.slide, Some(Slide::Wide | Slide::Standard)) {
                            s.slide = Some(Slide::Wide);
                        }
                        ui.end_row();
                        ui.label(tr(lang, "Size"));
                        ui.horizontal_wrapped(|ui| {
                            let sizes: &[(Option<Slide>, &str)] = if s.deck {
                                &[
                                    (Some(Slide::Wide), "16:9 (1920×1080)"),
                                    (Some(Slide::Standard), "4:3 (1440×1080)"),
                                ]
                            } else {
                                &[
                                    (Some(Slide::Wide), "16:9 (1920×1080)"),
                                    (Some(Slide::Standard), "4:3 (1440×1080)"),
                                    (Some(Slide::Uhd), "4K (3840×2160)"),
                                    (None, "Scale"),
                                ]
                            };
                            for &(slide, label) in sizes {
                                if ui.radio(s.slide == slide, tr(lang, label)).clicked() {
                                    s.slide = slide;
                                }
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
                        if s.slide.is_none() && !s.deck {
                            ui.label(tr(lang, "Scale"));
                            ui.add(
                                egui::Slider::new(&mut s.scale, 0.25..=8.0)
                                    .logarithmic(true)
                                    .suffix("×"),
                            );
                            ui.end_row();
                        }
                        ui.label(tr(lang, "Background"));
                        ui.horizontal(|ui| {
                            if ui.radio(s.background == Background::White, tr(lang, "White")).clicked() {
                                s.background = Background::White;
                            }
                            if ui
                                .radio(s.background == Background::Transparent, tr(lang, "Transparent"))
                                .clicked()
                            {
                                s.background = Background::Transparent;
                            }
                            let mut rgb = match s.background {
                                Background::Color(c) => [c.0[0], c.0[1], c.0[2]],
                                _ => [240, 244, 248],
                            };
                            if ui
                                .radio(matches!(s.background, Background::Color(_)), tr(lang, "Colour"))
                                .clicked()
                            {
                                s.background = Background::Color(Color([rgb[0], rgb[1], rgb[2], 255]));
                            }
                            if matches!(s.background, Background::Color(_))
                                && ui.color_edit_button_srgb(&mut rgb).changed()
                            {
                                s.background = Background::Color(Color([rgb[0], rgb[1], rgb[2], 255]));
                            }
                        });
                        ui.end_row();
                        if !s.deck {
                            ui.label(tr(lang, "Border"));
                            ui.add(egui::DragValue::new(&mut s.border).range(0..=400).suffix(" px"));
                            ui.end_row();
                        }
                        ui.label(tr(lang, "Include"));
                        ui.horizontal_wrapped(|ui| {
                            if !s.deck {
                                ui.checkbox(&mut s.title, tr(lang, "Title"));
                                ui.checkbox(&mut s.legend, tr(lang, "Legend"));
                                ui.checkbox(&mut s.per_stage, tr(lang, "One image per stage"));
                            }
                            ui.add_enabled(
                                app.settings.highlight.any(),
                                egui::Checkbox::new(&mut s.highlights, tr(lang, "Analysis highlights")),
                            )
                            .on_disabled_hover_text(tr(lang, "Switch highlights on in the analysis panel first."));
                        });
                        ui.end_row();
                        if s.format == Format::Svg {
                            ui.label(tr(lang, "Text"));
                            ui.checkbox(
                                &mut s.text_as_paths,
                                tr(lang, "As outlines (for tools without web fonts)"),
                            );
                            ui.end_row();
                        }
                        let label = ui.label(tr(lang, "File")).id;
                        ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(PREVIEW_WIDTH - 80.0))
                            .labelled_by(label);
                        ui.end_row();
                    });
                self.preview_ui(ui, app);
                if let Some(message) = &self.message {
                    ui.label(message.as_str());
                }
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "Export")).clicked() {
                        self.run(app);
                    }
                    if ui.button(tr(lang, "Close")).clicked() {
                        close = true;
                    }
                });
            });
        app.settings.export = self.settings.clone();
        open && !close
    }

    /// The deck options from the settings.
    fn deck_options(&self, highlight: HighlightSpec) -> DeckOptions {
        let s = &self.settings;
        DeckOptions {
            aspect: if s.slide == Some(Slide::Standard) {
                Slide::Standard
            } else {
                Slide::Wide
            },
            min_text: s.min_text.clamp(*MIN_TEXT_RANGE.start(), *MIN_TEXT_RANGE.end()),
            highlight: self.options(highlight).highlight,
            background: s.background,
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, app: &EditorApp) {
        let revision = app.doc.history.revision();
        let fresh = self
            .preview
            .as_ref()
            .is_some_and(|(s, r, _)| s == &self.settings && *r == revision);
        if !fresh {
            let textures = if self.settings.deck {
                self.deck_preview(ui.ctx(), app)
            } else {
                self.image_preview(ui.ctx(), app)
            };
            let Some(textures) = textures else {
                return;
            };
            self.preview = Some((self.settings.clone(), revision, textures));
        }
        if let Some((_, _, textures)) = &self.preview {
            egui::Frame::canvas(ui.style()).show(ui, |ui| {
                ui.set_max_width(PREVIEW_WIDTH);
                if self.settings.deck {
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            for texture in textures {
                                ui.image((texture.id(), texture.size_vec2()));
                            }
                        });
                    });
                } else if let Some(texture) = textures.first() {
                    ui.image((texture.id(), texture.size_vec2()));
                }
            });
        }
    }

    /// One small image of what a single export draws.
    fn image_preview(&mut self, ctx: &egui::Context, app: &EditorApp) -> Option<Vec<egui::TextureHandle>> {
        let mut options = self.options(app.settings.highlight);
        // The preview shows the first image of a per-stage export.
        if self.settings.per_stage {
            options.stages = Some((0, 0));
        }
        let scene = export_scene(app.blueprint(), &options).ok()?;
        let full = Frame::new(scene.bounds, &options);
        let texture = thumbnail(ctx, "export-preview", &scene, &full, options.background, PREVIEW_WIDTH)?;
        self.message = Some(format!("{} × {} px", full.width, full.height));
        Some(vec![texture])
    }

    /// A thumbnail of every slide of the deck.
    fn deck_preview(&mut self, ctx: &egui::Context, app: &EditorApp) -> Option<Vec<egui::TextureHandle>> {
        let options = self.deck_options(app.settings.highlight);
        let deck = deck::plan(app.blueprint(), &options);
        let textures: Vec<egui::TextureHandle> = deck
            .slides
            .iter()
            .enumerate()
            .filter_map(|(i, slide)| {
                thumbnail(
                    ctx,
                    &format!("deck-preview-{i}"),
                    &slide.scene,
                    &slide.frame,
                    options.background,
                    THUMB_WIDTH,
                )
            })
            .collect();
        self.message = Some(deck_summary(&deck, app.lang));
        Some(textures)
    }

    fn run(&mut self, app: &mut EditorApp) {
        let lang = app.lang;
        let path = PathBuf::from(self.path.trim());
        let Some(format) = Format::from_path(&path) else {
            self.message = Some(format!("{} {}", tr(lang, "Use a file name ending in"), Format::KNOWN));
            return;
        };
        self.settings.format = format;
        self.settings.last_dir = path.parent().map(Path::to_owned);
        let result = if self.settings.deck {
            let options = self.deck_options(app.settings.highlight);
            let deck = deck::plan(app.blueprint(), &options);
            let text = if self.settings.text_as_paths {
                SvgText::Paths
            } else {
                SvgText::EmbeddedFont
            };
            deck::write_deck(
                &deck,
                &options,
                format,
                &path,
                text,
                self.settings.handouts,
                &mut |_| true,
            )
        } else {
            export_blueprint(
                app.blueprint(),
                &self.options(app.settings.highlight),
                format,
                &path,
                self.settings.per_stage,
                &mut |_| true,
            )
        };
        match result {
            Ok(report) => {
                let files: Vec<String> = report
                    .written
                    .iter()
                    .map(|w| format!("{} ({} × {})", w.path.display(), w.width, w.height))
                    .collect();
                let mut message = format!("{} {}", tr(lang, "Exported"), files.join(", "));
                for (_, missing) in &report.missing {
                    let chars: String = missing.iter().collect();
                    message.push_str(&format!("\n{} {chars}", tr(lang, "No glyph in the bundled font for:")));
                }
                app.set_status(message.lines().next().unwrap_or_default().to_owned());
                self.message = Some(message);
            }
            Err(error) => self.message = Some(error.to_string()),
        }
    }
}

/// Renders `scene` in `full`'s layout at `width` points wide, as a texture.
fn thumbnail(
    ctx: &egui::Context,
    name: &str,
    scene: &crate::scene::Scene,
    full: &Frame,
    background: Background,
    width: f32,
) -> Option<egui::TextureHandle> {
    let shrink = (width / full.width as f32).min(1.0);
    let frame = Frame {
        width: (full.width as f32 * shrink).round().max(1.0) as u32,
        height: (full.height as f32 * shrink).round().max(1.0) as u32,
        scale: full.scale * shrink,
        dx: full.dx * shrink,
        dy: full.dy * shrink,
    };
    let pixels = render_rgba(scene, &frame, background).ok()?;
    let image = egui::ColorImage::from_rgba_unmultiplied([frame.width as usize, frame.height as usize], &pixels);
    Some(ctx.load_texture(name, image, egui::TextureOptions::LINEAR))
}

/// "7 slides · smallest text 18 px", and the deck's warnings.
fn deck_summary(deck: &Deck, lang: crate::i18n::Lang) -> String {
    let smallest = deck
        .slides
        .iter()
        .skip(1)
        .map(|s| s.min_text_px())
        .fold(f32::INFINITY, f32::min);
    let mut text = match lang {
        crate::i18n::Lang::En => format!("{} slides", deck.slides.len()),
        crate::i18n::Lang::Zh => format!("{} 页", deck.slides.len()),
    };
    if smallest.is_finite() {
        text.push_str(&format!(" · {} {smallest:.0} px", tr(lang, "smallest text")));
    }
    for warning in &deck.warnings {
        text.push('\n');
        text.push_str(warning);
    }
    text
}
