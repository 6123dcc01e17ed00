//! Presentation mode: the deck's slides full screen, drawn live by the canvas painter, so a
//! trainer teaches from the app itself.

use super::paint::{Transform, push_shape};
use super::texts::tr;
use crate::analysis::HighlightSpec;
use crate::export::deck::{Deck, DeckOptions, plan};
use crate::i18n::Lang;
use crate::model::Blueprint;
use egui::{Color32, Key, Pos2, Rect, Sense, vec2};

/// Size of the talking points' text, in points.
const NOTES_SIZE: f32 = 18.0;

/// A running presentation.
pub struct Presentation {
    deck: Deck,
    options: DeckOptions,
    /// The slide shown, 0-based.
    index: usize,
    /// Whether the talking points are shown under the slide.
    notes: bool,
    /// How far the talking points are scrolled down, in points, as of the last frame.
    notes_scroll: f32,
    /// Where ↓, ↑ or a new slide moved the talking points to, for the next frame.
    notes_jump: Option<f32>,
    /// The deck being planned on a worker thread: at first (a large blueprint's deck takes
    /// seconds, and the window would freeze), and again after a highlight was toggled, when
    /// the slide shown stays on screen meanwhile.
    replanning: Option<std::sync::mpsc::Receiver<Deck>>,
}

/// What the presenter asked for this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresentRequest {
    /// Keep presenting.
    Stay,
    /// Leave presentation mode.
    Leave,
}

impl Presentation {
    /// The deck of `blueprint`, with the editor's highlights, starting at the overview once
    /// it is planned.
    pub fn new(blueprint: &Blueprint, highlight: HighlightSpec) -> Presentation {
        let options = DeckOptions {
            highlight,
            ..DeckOptions::default()
        };
        let mut presentation = Presentation {
            deck: Deck {
                slides: Vec::new(),
                warnings: Vec::new(),
            },
            options,
            index: 0,
            notes: false,
            notes_scroll: 0.0,
            notes_jump: None,
            replanning: None,
        };
        presentation.plan_in_background(blueprint);
        presentation
    }

    /// Plans the deck again on a worker thread; a later call drops the deck of an earlier one.
    fn plan_in_background(&mut self, blueprint: &Blueprint) {
        let (tx, rx) = std::sync::mpsc::channel();
        let (blueprint, options) = (blueprint.clone(), self.options.clone());
        std::thread::spawn(move || {
            let _ = tx.send(plan(&blueprint, &options));
        });
        self.replanning = Some(rx);
    }

    /// The highlights the slides show, or will show once planned again.
    pub fn highlight(&self) -> HighlightSpec {
        self.options.highlight
    }

    /// Whether the deck is being planned again.
    pub fn is_replanning(&self) -> bool {
        self.replanning.is_some()
    }

    /// Takes the deck planned again, when it is ready.
    fn collect_replanned(&mut self, ctx: &egui::Context) {
        let Some(result) = &self.replanning else {
            return;
        };
        match result.try_recv() {
            Ok(deck) => {
                self.deck = deck;
                self.index = self.index.min(self.deck.slides.len().saturating_sub(1));
                self.replanning = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(16))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.replanning = None,
        }
    }

    /// The slide shown (0-based) and the number of slides.
    pub fn position(&self) -> (usize, usize) {
        (self.index, self.deck.slides.len())
    }

    /// Whether the talking points are shown.
    pub fn shows_notes(&self) -> bool {
        self.notes
    }

    /// Draws the slide over the whole window and takes the presenter's keys: → / Space /
    /// Page Down / click next, ← / Page Up / Backspace back, Home / End, 1–4 the highlights,
    /// N the talking points and ↓ / ↑ to scroll them, Escape leaves.
    pub fn ui(&mut self, ui: &mut egui::Ui, blueprint: &Blueprint, lang: Lang) -> PresentRequest {
        self.collect_replanned(ui.ctx());
        let shown = self.index;
        // Until the first deck is planned every press still counts, and takes effect when it
        // is: a presenter who clicks ahead is not ignored.
        let last = self.deck.slides.len().checked_sub(1).unwrap_or(usize::MAX);
        let mut toggled = None;
        let mut request = PresentRequest::Stay;
        ui.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, Key::Escape) {
                request = PresentRequest::Leave;
            }
            // Every press, also several in one frame (a clicker pressed twice quickly).
            for key in [Key::ArrowRight, Key::Space, Key::PageDown, Key::Enter] {
                while i.consume_key(egui::Modifiers::NONE, key) {
                    self.index = (self.index + 1).min(last);
                }
            }
            for key in [Key::ArrowLeft, Key::PageUp, Key::Backspace] {
                while i.consume_key(egui::Modifiers::NONE, key) {
                    self.index = self.index.saturating_sub(1);
                }
            }
            if i.consume_key(egui::Modifiers::NONE, Key::Home) {
                self.index = 0;
            }
            if i.consume_key(egui::Modifiers::NONE, Key::End) {
                self.index = last;
            }
            if i.consume_key(egui::Modifiers::NONE, Key::N) {
                self.notes = !self.notes;
            }
            // Three lines of the notes at a time.
            while i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
                self.notes_jump = Some(self.notes_jump.unwrap_or(self.notes_scroll) + NOTES_SIZE * 4.0);
            }
            while i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
                self.notes_jump = Some((self.notes_jump.unwrap_or(self.notes_scroll) - NOTES_SIZE * 4.0).max(0.0));
            }
            for (n, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4].into_iter().enumerate() {
                if i.consume_key(egui::Modifiers::NONE, key) {
                    toggled = Some(n);
                }
            }
        });
        if let Some(n) = toggled {
            let h = &mut self.options.highlight;
            match n {
                0 => h.critical_path = !h.critical_path,
                1 => h.visibility_handoffs = !h.visibility_handoffs,
                2 => h.pain_heat = !h.pain_heat,
                _ => h.waits = !h.waits,
            }
            self.plan_in_background(blueprint);
            ui.ctx().request_repaint();
        }

        let screen = ui.max_rect();
        let response = ui.allocate_rect(screen, Sense::click());
        if response.clicked() {
            self.index = (self.index + 1).min(last);
        }
        if response.secondary_clicked() {
            self.index = self.index.saturating_sub(1);
        }
        if self.index != shown {
            self.notes_jump = Some(0.0);
        }
        let painter = ui.painter_at(screen);
        painter.rect_filled(screen, 0.0, Color32::BLACK);
        let Some(slide) = self.deck.slides.get(self.index) else {
            let text = if self.replanning.is_some() {
                tr(lang, "Preparing the slides…")
            } else {
                tr(lang, "This blueprint has no stages to present.")
            };
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                text,
                egui::FontId::proportional(24.0),
                Color32::WHITE,
            );
            return request;
        };
        let notes_height = if self.notes { screen.height() * 0.28 } else { 0.0 };
        let room = Rect::from_min_size(screen.min, vec2(screen.width(), screen.height() - notes_height));
        let (w, h) = (slide.frame.width as f32, slide.frame.height as f32);
        let k = (room.width() / w).min(room.height() / h);
        let area = Rect::from_center_size(room.center(), vec2(w * k, h * k));
        painter.rect_filled(area, 0.0, super::paint::color(self.options.background.color()));
        let t = Transform {
            origin: Pos2::new(area.min.x + slide.frame.dx * k, area.min.y + slide.frame.dy * k),
            zoom: slide.frame.scale * k,
        };
        let mut shapes = Vec::with_capacity(slide.scene.items.len());
        for item in &slide.scene.items {
            push_shape(&painter, &mut shapes, &item.shape, t);
        }
        painter.extend(shapes);
        if self.notes {
            let notes = Rect::from_min_max(Pos2::new(screen.min.x, room.max.y), screen.max);
            let mut text = slide.notes.join("\n");
            if text.is_empty() {
                text = tr(lang, "No talking points on this slide.").to_owned();
            }
            ui.scope_builder(egui::UiBuilder::new().max_rect(notes.shrink(16.0)), |ui| {
                // A solid bar where the notes run on: a floating one is invisible until the
                // pointer is over it, and the cut-off last line would seem to be the end.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                let mut area = egui::ScrollArea::vertical().id_salt(("talking points", self.index));
                if let Some(offset) = self.notes_jump.take() {
                    area = area.vertical_scroll_offset(offset);
                }
                let shown = area.show(ui, |ui| {
                    ui.label(
                        egui::RichText::new(text)
                            .size(NOTES_SIZE)
                            .color(Color32::from_gray(230)),
                    );
                });
                self.notes_scroll = shown.state.clamped_offset().y;
            });
        }
        request
    }
}
