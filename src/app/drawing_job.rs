//! A large blueprint's drawing, built on a worker thread: at thousands of steps a full layout
//! and scene take tens of milliseconds (a fifth of a second at 20,000), which would hold up every
//! frame after an edit. The editor keeps painting the last drawing, with the copy of the
//! blueprint it was made from, and takes the new one when it is ready.

use super::document::Drawing;
use super::export_job::{WakeOnDrop, panic_message};
use crate::model::Blueprint;
use crate::scene::Highlights;
use std::sync::Arc;
use std::sync::mpsc::{self, TryRecvError};
use std::thread::JoinHandle;

/// What a look at a running build found.
pub(super) enum Polled {
    /// Still working.
    Running,
    /// Done.
    Done(Box<Drawing>),
    /// The worker ended without a drawing, for this reason.
    Failed(String),
}

/// A drawing being built for one revision of the blueprint.
pub(super) struct DrawingJob {
    news: mpsc::Receiver<Drawing>,
    thread: Option<JoinHandle<()>>,
}

impl DrawingJob {
    /// Starts drawing `blueprint`, a copy taken at `revision`, with `highlights`; `ctx` is woken
    /// when it ends.
    pub fn start(ctx: &egui::Context, blueprint: Arc<Blueprint>, revision: u64, highlights: Highlights) -> DrawingJob {
        let (tx, news) = mpsc::channel();
        let wake = WakeOnDrop(ctx.clone());
        let thread = std::thread::Builder::new().name("drawing".into()).spawn(move || {
            let _wake = wake;
            // The document may be gone, or on to another file; then nobody wants it.
            let _ = tx.send(Drawing::build(blueprint, revision, &highlights));
        });
        DrawingJob {
            news,
            // Without a thread the channel is closed at once and the poll says so.
            thread: thread.ok(),
        }
    }

    /// Whether the worker has finished, and with what.
    pub fn poll(&mut self) -> Polled {
        match self.news.try_recv() {
            Ok(drawing) => Polled::Done(Box::new(drawing)),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Failed(match self.thread.take().map(JoinHandle::join) {
                Some(Err(payload)) => panic_message(payload.as_ref()),
                Some(Ok(())) => "no drawing".to_owned(),
                None => "no worker thread".to_owned(),
            }),
        }
    }
}
