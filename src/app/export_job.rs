//! An export on a worker thread, so a large deck does not freeze the window: the dialog shows
//! its progress and can cancel it.
//!
//! The writers render every file under a temporary name and ask their progress callback once
//! more before moving them into place. The worker waits there until the dialog, on the UI
//! thread, allows it: so a Cancel the user clicked before the dialog showed "done" always
//! wins, and leaves no files behind.

use crate::export::{ExportError, ExportRequest, Format, Progress, Report};
use crate::model::Blueprint;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::thread::JoinHandle;

/// Requests a repaint when dropped: a worker holds one, so the UI wakes when it ends, also when
/// it ends by a panic, and never waits for news that cannot come.
pub(super) struct WakeOnDrop(pub egui::Context);

impl Drop for WakeOnDrop {
    fn drop(&mut self) {
        self.0.request_repaint();
    }
}

/// The text of a panic, for an error message.
pub(super) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// What to export, in which format, where (the first of several files for a deck or per-stage
/// images as PNG or SVG).
pub(super) struct ExportWork {
    /// What.
    pub request: ExportRequest,
    /// Its format.
    pub format: Format,
    /// Where.
    pub path: PathBuf,
}

/// How an export ended.
pub(super) enum Outcome {
    /// Every file is in place.
    Written(Report),
    /// Stopped at the user's request; nothing was written.
    Cancelled,
    /// The writer failed; nothing was written.
    Failed(ExportError),
    /// The worker ended without an answer (a panic: its message).
    Crashed(String),
}

/// What the worker tells the dialog.
enum News {
    /// How far it has got.
    Progress(Progress),
    /// The end.
    Finished(Result<Report, ExportError>),
}

/// An export running on a worker thread.
pub(super) struct ExportJob {
    /// A deck (counted in slides) or images (counted in files).
    deck: bool,
    /// The latest progress; none until the worker has planned its work.
    progress: Option<Progress>,
    /// Set by Cancel; the worker checks it between slides, files and bands.
    cancel: Arc<AtomicBool>,
    /// Lets the worker move its files into place; dropped to refuse.
    permit: Option<mpsc::Sender<()>>,
    news: mpsc::Receiver<News>,
    thread: Option<JoinHandle<()>>,
}

impl ExportJob {
    /// Starts exporting `blueprint`, a copy the editor can go on changing; `ctx` is woken
    /// whenever there is news.
    pub fn start(ctx: &egui::Context, blueprint: Blueprint, work: ExportWork) -> ExportJob {
        let deck = work.request.is_deck();
        ExportJob::spawn(ctx, deck, move |progress| {
            work.request.run(&blueprint, work.format, &work.path, progress)
        })
    }

    /// Runs `export` on a worker thread, telling it to go on or stop through its progress
    /// callback.
    fn spawn(
        ctx: &egui::Context,
        deck: bool,
        export: impl FnOnce(&mut dyn FnMut(Progress) -> bool) -> Result<Report, ExportError> + Send + 'static,
    ) -> ExportJob {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, news) = mpsc::channel();
        let (permit, permitted) = mpsc::channel::<()>();
        let worker_cancel = Arc::clone(&cancel);
        let worker_ctx = ctx.clone();
        let thread = std::thread::Builder::new().name("export".into()).spawn(move || {
            let wake = WakeOnDrop(worker_ctx);
            let mut progress = |step: Progress| {
                if worker_cancel.load(Ordering::Relaxed) || tx.send(News::Progress(step)).is_err() {
                    return false;
                }
                wake.0.request_repaint();
                // The last moment to stop: the dialog decides, on its own thread.
                !step.is_complete() || (permitted.recv().is_ok() && !worker_cancel.load(Ordering::Relaxed))
            };
            let result = export(&mut progress);
            let _ = tx.send(News::Finished(result));
        });
        ExportJob {
            deck,
            progress: None,
            cancel,
            permit: Some(permit),
            news,
            // Without a thread the channel is closed at once and the dialog says so.
            thread: thread.ok(),
        }
    }

    /// Whether it counts slides (else files).
    pub fn is_deck(&self) -> bool {
        self.deck
    }

    /// The latest progress, once the worker knows how much there is to do.
    pub fn progress(&self) -> Option<Progress> {
        self.progress
    }

    /// Whether Cancel was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Stops the export at the next slide, file or band; nothing is left behind.
    pub fn cancel(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        // A worker waiting to move its files into place hears "no".
        self.permit = None;
    }

    /// Takes the worker's news; the outcome once it has ended.
    pub fn poll(&mut self) -> Option<Outcome> {
        loop {
            match self.news.try_recv() {
                Ok(News::Progress(step)) => self.progress = Some(step),
                Ok(News::Finished(result)) => {
                    return Some(match result {
                        Ok(report) => Outcome::Written(report),
                        Err(ExportError::Cancelled) => Outcome::Cancelled,
                        Err(error) => Outcome::Failed(error),
                    });
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    let reason = match self.thread.take().map(JoinHandle::join) {
                        Some(Err(payload)) => panic_message(payload.as_ref()),
                        Some(Ok(())) => "no result".to_owned(),
                        None => "no worker thread".to_owned(),
                    };
                    return Some(Outcome::Crashed(reason));
                }
            }
        }
    }

    /// Lets a worker that has rendered everything move its files into place, unless cancelled.
    /// Called after the frame's input, so a Cancel clicked in the same frame wins.
    pub fn allow_commit(&mut self) {
        if self.progress.is_some_and(|p| p.is_complete())
            && !self.is_cancelled()
            && let Some(permit) = self.permit.take()
        {
            let _ = permit.send(());
        }
    }
}

impl Drop for ExportJob {
    /// Closing the dialog cancels; the worker removes what it wrote on its own.
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(job: &mut ExportJob) -> Outcome {
        let start = std::time::Instant::now();
        loop {
            if let Some(outcome) = job.poll() {
                return outcome;
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(30), "the job hangs");
            job.allow_commit();
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    #[test]
    fn a_panic_in_the_worker_ends_the_job_with_its_message() {
        let ctx = egui::Context::default();
        let mut job = ExportJob::spawn(&ctx, true, |_| panic!("the slide is on fire"));
        match wait(&mut job) {
            Outcome::Crashed(message) => assert!(message.contains("the slide is on fire"), "{message}"),
            _ => panic!("not a crash"),
        }
    }

    #[test]
    fn the_files_move_into_place_only_with_the_dialogs_permit() {
        let ctx = egui::Context::default();
        let export = |progress: &mut dyn FnMut(Progress) -> bool| {
            for done in 0..=3 {
                if !progress(Progress {
                    done,
                    total: 3,
                    part: 0.0,
                }) {
                    return Err(ExportError::Cancelled);
                }
            }
            Ok(Report::default())
        };
        // Polling and permitting: written.
        let mut job = ExportJob::spawn(&ctx, true, export);
        assert!(matches!(wait(&mut job), Outcome::Written(_)));
        assert_eq!(job.progress().map(|p| p.done), Some(3), "the end was shown first");
        // Cancelled while the worker waits for the permit: nothing.
        let mut job = ExportJob::spawn(&ctx, true, export);
        while !job.progress().is_some_and(|p| p.is_complete()) {
            assert!(job.poll().is_none());
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        job.cancel();
        assert!(matches!(wait(&mut job), Outcome::Cancelled));
    }
}
