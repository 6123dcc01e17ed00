//! The export dialog: PNG or SVG with the command line's options, a live preview, and the
//! last settings remembered.

use super::EditorApp;
use super::settings::ExportSettings;
use super::texts::tr;
use crate::analysis::HighlightSpec;
use crate::export::{Background, ExportOptions, Format, Frame, Slide, export_blueprint, export_scene, render_rgba};
use crate::layout::LayoutOptions;
use crate::style::Color;
use std::path::{Path, PathBuf};

/// Widest preview, in points.
const PREVIEW_WIDTH: f32 = 460.0;

/// State of the open export dialog.
pub struct ExportDialog {
    settings: ExportSettings,
    path: String,
    preview: Option<(ExportSettings, u64, egui::TextureHandle)>,
    message: Option<String>,
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
        let ext = if settings.format == Format::Svg { "svg" } else { "png" };
        ExportDialog {
            settings: settings.clone(),
            path: dir.join(format!("{stem}.{ext}")).display().to_string(),
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
                            for (format, label) in [(Format::Png, "PNG"), (Format::Svg, "SVG")] {
                                if ui.radio(s.format == format, label).clicked() {
                                    s.format = format;
                                    let ext = if format == Format::Svg { "svg" } else { "png" };
                                    self.path = Path::new(&self.path).with_extension(ext).display().to_string();
                                }
                            }
                        });
                        ui.end_row();
                        ui.label(tr(lang, "Size"));
                        ui.horizontal_wrapped(|ui| {
                            for (slide, label) in [
                                (Some(Slide::Wide), "16:9 (1920×1080)"),
                                (Some(Slide::Standard), "4:3 (1440×1080)"),
                                (Some(Slide::Uhd), "4K (3840×2160)"),
                                (None, "Scale"),
                            ] {
                                if ui.radio(s.slide == slide, tr(lang, label)).clicked() {
                                    s.slide = slide;
                                }
                            }
                        });
                        ui.end_row();
                        if s.slide.is_none() {
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
                        ui.label(tr(lang, "Border"));
                        ui.add(egui::DragValue::new(&mut s.border).range(0..=400).suffix(" px"));
                        ui.end_row();
                        ui.label(tr(lang, "Include"));
                        ui.horizontal_wrapped(|ui| {
                            ui.checkbox(&mut s.title, tr(lang, "Title"));
                            ui.checkbox(&mut s.legend, tr(lang, "Legend"));
                            ui.checkbox(&mut s.per_stage, tr(lang, "One image per stage"));
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

    fn preview_ui(&mut self, ui: &mut egui::Ui, app: &EditorApp) {
        let revision = app.doc.history.revision();
        let fresh = self
            .preview
            .as_ref()
            .is_some_and(|(s, r, _)| s == &self.settings && *r == revision);
        if !fresh {
            let mut options = self.options(app.settings.highlight);
            // The preview shows the first image of a per-stage export.
            if self.settings.per_stage {
                options.stages = Some((0, 0));
            }
            let Ok(scene) = export_scene(app.blueprint(), &options) else {
                return;
            };
            let full = Frame::new(scene.bounds, &options);
            // Render small: same layout, scaled to the preview width.
            let shrink = (PREVIEW_WIDTH / full.width as f32).min(1.0);
            let frame = Frame {
                width: (full.width as f32 * shrink).round().max(1.0) as u32,
                height: (full.height as f32 * shrink).round().max(1.0) as u32,
                scale: full.scale * shrink,
                dx: full.dx * shrink,
                dy: full.dy * shrink,
            };
            let Ok(pixels) = render_rgba(&scene, &frame, options.background) else {
                return;
            };
            let image =
                egui::ColorImage::from_rgba_unmultiplied([frame.width as usize, frame.height as usize], &pixels);
            let texture = ui
                .ctx()
                .load_texture("export-preview", image, egui::TextureOptions::LINEAR);
            self.preview = Some((self.settings.clone(), revision, texture));
            self.message = Some(format!("{} × {} px", full.width, full.height));
        }
        if let Some((_, _, texture)) = &self.preview {
            egui::Frame::canvas(ui.style()).show(ui, |ui| {
                ui.image((texture.id(), texture.size_vec2()));
            });
        }
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
        match export_blueprint(
            app.blueprint(),
            &self.options(app.settings.highlight),
            format,
            &path,
            self.settings.per_stage,
            &mut |_, _| {},
        ) {
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
