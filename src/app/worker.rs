//! Work done off the UI thread, whose result the UI takes when it is ready: at thousands of
//! steps a full layout and scene, or an analysis report, take tens of milliseconds (a fifth of a
//! second at 20,000), which would hold up every frame after an edit. The editor keeps showing
//! the last result meanwhile.
//!
//! All such work runs on one worker thread, in the order it was asked for: with the UI thread
//! that makes two, as many as the machines the editor is measured on have cores, so the UI never
//! waits for a core while the report and the drawing are worked out.

use super::export_job::{WakeOnDrop, panic_message};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Sender, TryRecvError};
use std::sync::{Mutex, OnceLock};

/// A piece of work for the worker thread.
type Task = Box<dyn FnOnce() + Send>;

/// The worker thread's queue, started on first use.
fn queue() -> Option<Sender<Task>> {
    static QUEUE: OnceLock<Option<Mutex<Sender<Task>>>> = OnceLock::new();
    let queue = QUEUE.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Task>();
        std::thread::Builder::new()
            .name("background".into())
            .spawn(move || {
                for task in rx {
                    task();
                }
            })
            .ok()
            .map(|_| Mutex::new(tx))
    });
    let sender = queue.as_ref()?.lock().ok()?;
    Some(sender.clone())
}

/// Lets go of `value` on the worker thread. A large blueprint's drawing or report is tens of
/// thousands of small allocations: freeing them where a new one arrives, on the UI thread, held up
/// that frame by up to 30 ms at 20,000 steps.
pub(super) fn dispose<T: Send + 'static>(value: T) {
    if let Some(queue) = queue() {
        let _ = queue.send(Box::new(move || drop(value)));
    }
}

/// What a look at a job found.
pub(super) enum Polled<T> {
    /// Waiting or working.
    Running,
    /// Done.
    Done(T),
    /// It ended without a result, for this reason.
    Failed(String),
}

/// One piece of work on the worker thread.
pub(super) struct Job<T> {
    news: mpsc::Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Queues `work` on the worker thread; `ctx` is woken when it ends.
    pub fn start(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Job<T> {
        let (tx, news) = mpsc::channel();
        let wake = WakeOnDrop(ctx.clone());
        let task: Task = Box::new(move || {
            let _wake = wake;
            // A task that panics fails alone: its job reports the panic, the next one runs.
            let result = catch_unwind(AssertUnwindSafe(work)).map_err(|payload| panic_message(payload.as_ref()));
            // Whoever asked may have moved on (another revision, another file); then nobody
            // wants it.
            let _ = tx.send(result);
        });
        // Without a worker the task is dropped here, the channel closes and the poll says so.
        if let Some(queue) = queue() {
            let _ = queue.send(task);
        }
        Job { news }
    }

    /// Whether the work is done, and with what.
    pub fn poll(&mut self) -> Polled<T> {
        match self.news.try_recv() {
            Ok(Ok(result)) => Polled::Done(result),
            Ok(Err(panic)) => Polled::Failed(panic),
            Err(TryRecvError::Empty) => Polled::Running,
            Err(TryRecvError::Disconnected) => Polled::Failed("no worker thread".to_owned()),
        }
    }
}

/// Keeps the worker thread busy with nothing until the returned sender is dropped, so that a
/// test can look at the editor while its work waits.
#[cfg(test)]
pub(super) fn hold() -> mpsc::Sender<()> {
    let (release, held) = mpsc::channel::<()>();
    if let Some(queue) = queue() {
        let _ = queue.send(Box::new(move || {
            let _ = held.recv();
        }));
    }
    release
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_disposed_of_is_freed_on_the_worker_thread() {
        /// Says on which thread it is dropped.
        struct Noted(Sender<Option<String>>);
        impl Drop for Noted {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().name().map(str::to_owned));
            }
        }
        let (tx, rx) = mpsc::channel();
        dispose(Noted(tx));
        let thread = rx.recv_timeout(std::time::Duration::from_secs(30));
        assert_eq!(thread, Ok(Some("background".to_owned())));
    }
}
