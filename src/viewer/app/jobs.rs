//! Background jobs (the machinery; [`super::background`] is what the app does with it): long
//! work (comparing a pair, laying it out, collating, measuring similarities) runs off the
//! input thread, one job at a time, on the viewer's one worker thread (started at the first
//! job, kept for the next; the engine's own parallel stages run on the fixed pool of
//! [`crate::work`]), so no number of keys ever makes more threads.
//!
//! Each job runs under a [`Cancel`] flag that the aligner, the collation and the layout check
//! in their loops. [`Pending`] is the handle the state keeps: dropping it — `Esc`, newer work
//! superseding it, the viewer quitting — sets the flag, so the work stops at its next check
//! instead of running on unseen.

use crate::engine::compare::Filter;
use crate::pair::Pair;
use crate::work::{Cancel, OutOfMemory};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// What background work hands back: its result, ready to be applied to the state `S`.
type Apply<S> = Box<dyn FnOnce(&mut S) + Send>;

/// A job for the worker thread.
type Job = Box<dyn FnOnce() + Send>;

/// The viewer's worker thread and its queue.
#[derive(Default)]
pub(crate) struct Jobs {
    /// Where jobs go; `None` until the first job starts the worker.
    queue: Option<mpsc::Sender<Job>>,
    /// Whether the worker is running a job now.
    running: Arc<AtomicBool>,
    /// How many worker threads were started (one, unless one died).
    started: usize,
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Jobs(started {})", self.started)
    }
}

impl Jobs {
    /// Runs `job` on the worker thread (after the jobs before it), starting the worker if
    /// there is none; where no thread can be started, at once.
    fn submit(&mut self, job: Job) {
        let job = match &self.queue {
            Some(queue) => match queue.send(job) {
                Ok(()) => return,
                // The worker is gone (it never is, but for a failed allocation): a new one.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = mpsc::channel::<Job>();
        let running = Arc::clone(&self.running);
        let worker = std::thread::Builder::new()
            .name("duizhao-jobs".to_string())
            .spawn(move || {
                for job in rx {
                    running.store(true, Ordering::SeqCst);
                    // A job that panics drops its result's sender: the state says the work
                    // failed, and the worker goes on with the next.
                    let _ = catch_unwind(AssertUnwindSafe(job));
                    running.store(false, Ordering::SeqCst);
                }
            });
        match worker {
            Ok(_) => {
                self.started += 1;
                // The receiver lives in the worker just started: this cannot fail.
                let _ = tx.send(job);
                self.queue = Some(tx);
            }
            Err(_) => job(),
        }
    }

    /// Starts `work` on the worker thread; the handle of the work, whose result is `apply`
    /// to the state once it is done (nothing, if the handle was dropped first).
    pub(super) fn start<S: 'static, T: Send + 'static>(
        &mut self,
        what: String,
        asked: (Pair<usize>, Filter),
        starting: bool,
        work: impl FnOnce() -> T + Send + 'static,
        apply: impl FnOnce(&mut S, T) + Send + 'static,
    ) -> Pending<S> {
        let cancel = Cancel::new();
        let (tx, rx) = mpsc::channel::<Result<Apply<S>, OutOfMemory>>();
        let flag = cancel.clone();
        self.submit(Box::new(move || {
            // Cancelled work sends nothing: its handle is gone already. Work that ran out of
            // memory says so.
            match crate::work::fallible(|| flag.run(work)) {
                Ok(Ok(result)) => {
                    let _ = tx.send(Ok(Box::new(move |state: &mut S| apply(state, result))));
                }
                Ok(Err(_cancelled)) => {}
                Err(oom) => {
                    let _ = tx.send(Err(oom));
                }
            }
        }));
        Pending {
            what,
            started: Instant::now(),
            asked,
            starting,
            cancel,
            result: rx,
        }
    }

    /// Whether the worker is running a job now.
    #[cfg(test)]
    pub(crate) fn running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// How many worker threads were ever started.
    #[cfg(test)]
    pub(crate) fn started(&self) -> usize {
        self.started
    }
}

/// Work running in the background (a comparison, a collation, similarities): the handle the
/// state `S` keeps. Dropping it cancels the work.
pub(super) struct Pending<S> {
    /// What it is, for the status bar.
    pub(super) what: String,
    /// When it started, to show how long it has been running.
    pub(super) started: Instant,
    /// What the work was asked for: the shown pair and the filter. If either has changed
    /// when it ends (the panes swapped, a class toggled), its result is dropped.
    pub(super) asked: (Pair<usize>, Filter),
    /// Whether this is the first comparison, with nothing to show yet: keys wait for it.
    pub(super) starting: bool,
    /// The work's flag: set when this handle is dropped.
    cancel: Cancel,
    /// Where its result comes (or word that it ran out of memory).
    pub(super) result: mpsc::Receiver<Result<Apply<S>, OutOfMemory>>,
}

impl<S> Drop for Pending<S> {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

impl<S> std::fmt::Debug for Pending<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pending({})", self.what)
    }
}
