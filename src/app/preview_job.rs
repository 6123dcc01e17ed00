//! The export dialog's preview, rendered on a worker thread: planning a large blueprint's deck
//! and drawing its thumbnails takes long enough to freeze the window, so the dialog opens at
//! once and shows the picture when it is ready.

use super::export_job::{WakeOnDrop, panic_message};
use crate::export::deck::{self, DeckOptions};
use crate::export::{Background, ExportOptions, Frame, export_scene, render_rgba};
use crate::model::Blueprint;
use crate::scene::Scene;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::thread::JoinHandle;

/// What a preview draws.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PreviewRequest {
    /// The one image of an export (the first of a per-stage one), this wide at most.
    Image(ExportOptions, f32),
    /// Every slide of a deck, each this wide.
    Deck(DeckOptions, f32),
}

/// What the preview tells about the export, worded by the dialog in the UI language.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PreviewFacts {
    /// The size of the image.
    Image {
        /// Pixels.
        width: u32,
        /// Pixels.
        height: u32,
        /// How high card titles come out on a slide of fixed size, in pixels.
        title_px: Option<f32>,
    },
    /// The deck's size and what it could not meet.
    Deck {
        /// Slides, the overview included.
        slides: usize,
        /// Smallest text on a content slide, pixels at 1080p; none for an overview-only deck.
        smallest: Option<f32>,
        /// What the plan could not meet.
        warnings: Vec<String>,
    },
    /// Nothing to show, and why.
    Failed(String),
}

/// A finished preview, before its pictures become textures (which only the UI thread makes).
pub(super) struct Rendered {
    /// The pictures, in order.
    pub images: Vec<egui::ColorImage>,
    /// The line shown under them.
    pub facts: PreviewFacts,
}

/// What a look at a running preview found.
pub(super) enum Polled {
    /// Still working.
    Running,
    /// Done.
    Done(Rendered),
    /// The worker ended without a result: it was stopped, or it failed (the reason).
    Ended(String),
}

/// A preview being rendered for one request and document revision.
pub(super) struct PreviewJob {
    /// What it draws.
    pub request: PreviewRequest,
    /// The document revision it draws.
    pub revision: u64,
    /// Set when a newer request supersedes this one: the worker stops between pictures.
    stop: Arc<AtomicBool>,
    news: mpsc::Receiver<Rendered>,
    thread: Option<JoinHandle<()>>,
}

impl PreviewJob {
    /// Starts rendering `request` for `blueprint`, a copy taken at `revision`; `ctx` is woken
    /// when it ends.
    pub fn start(ctx: &egui::Context, blueprint: Blueprint, request: PreviewRequest, revision: u64) -> PreviewJob {
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, news) = mpsc::channel();
        let worker_request = request.clone();
        let worker_stop = Arc::clone(&stop);
        let wake = WakeOnDrop(ctx.clone());
        let thread = std::thread::Builder::new()
            .name("export-preview".into())
            .spawn(move || {
                let _wake = wake;
                if let Some(rendered) = render(&blueprint, &worker_request, &worker_stop) {
                    // The dialog may be gone; then nobody wants the picture.
                    let _ = tx.send(rendered);
                }
            });
        PreviewJob {
            request,
            revision,
            stop,
            news,
            // Without a thread the channel is closed at once and the preview says so.
            thread: thread.ok(),
        }
    }

    /// Asks the worker to stop soon: what it draws is no longer wanted.
    pub fn supersede(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether the worker has finished, and with what.
    pub fn poll(&mut self) -> Polled {
        match self.news.try_recv() {
            Ok(rendered) => Polled::Done(rendered),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => {
                let reason = match self.thread.take().map(JoinHandle::join) {
                    Some(Err(payload)) => panic_message(payload.as_ref()),
                    Some(Ok(())) if !self.stop.load(Ordering::Relaxed) => "no picture".to_owned(),
                    Some(Ok(())) => "stopped".to_owned(),
                    None => "no worker thread".to_owned(),
                };
                Polled::Ended(reason)
            }
        }
    }
}

impl Drop for PreviewJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Plans and draws what `request` asks for; `None` when stopped part way.
fn render(blueprint: &Blueprint, request: &PreviewRequest, stop: &AtomicBool) -> Option<Rendered> {
    match request {
        PreviewRequest::Image(options, width) => {
            let scene = match export_scene(blueprint, options) {
                Ok(scene) => scene,
                Err(error) => {
                    return Some(Rendered {
                        images: Vec::new(),
                        facts: PreviewFacts::Failed(error.to_string()),
                    });
                }
            };
            let full = Frame::new(scene.bounds, options);
            Some(Rendered {
                images: thumbnail(&scene, &full, options.background, *width)
                    .into_iter()
                    .collect(),
                facts: PreviewFacts::Image {
                    width: full.width,
                    height: full.height,
                    title_px: crate::export::slide_title_px(&scene, options),
                },
            })
        }
        PreviewRequest::Deck(options, width) => {
            let deck = deck::plan(blueprint, options);
            let mut images = Vec::with_capacity(deck.slides.len());
            for slide in &deck.slides {
                if stop.load(Ordering::Relaxed) {
                    return None;
                }
                images.extend(thumbnail(&slide.scene, &slide.frame, options.background, *width));
            }
            let smallest = deck
                .slides
                .iter()
                .skip(1)
                .map(|s| s.min_text_px())
                .fold(f32::INFINITY, f32::min);
            Some(Rendered {
                images,
                facts: PreviewFacts::Deck {
                    slides: deck.slides.len(),
                    smallest: smallest.is_finite().then_some(smallest),
                    warnings: deck.warnings,
                },
            })
        }
    }
}

/// Draws `scene` in `full`'s layout at most `width` pixels wide.
fn thumbnail(scene: &Scene, full: &Frame, background: Background, width: f32) -> Option<egui::ColorImage> {
    let shrink = (width / full.width as f32).min(1.0);
    let frame = Frame {
        width: (full.width as f32 * shrink).round().max(1.0) as u32,
        height: (full.height as f32 * shrink).round().max(1.0) as u32,
        scale: full.scale * shrink,
        dx: full.dx * shrink,
        dy: full.dy * shrink,
    };
    let pixels = render_rgba(scene, &frame, background).ok()?;
    Some(egui::ColorImage::from_rgba_unmultiplied(
        [frame.width as usize, frame.height as usize],
        &pixels,
    ))
}
