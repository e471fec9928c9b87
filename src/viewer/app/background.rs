//! Long work in the background, from the app's side: started on the worker thread
//! ([`super::jobs`]) or, without [`App::background`] (tests), done at once; the pending work
//! shown in the status bar; its result applied by [`App::poll`] on the input thread, unless the
//! shown pair or the filter changed meanwhile (then it is stale and dropped); cancelled by
//! dropping its handle.

use super::App;
use crate::engine::compare::Filter;
use crate::pair::Pair;
use std::sync::mpsc;

impl App {
    /// Does `work` and then `apply` to its result: at once, or, in the background, on the
    /// worker thread while the viewer keeps answering (the status bar says `what`). Work
    /// already running is cancelled: this supersedes it.
    pub(super) fn work<T: Send + 'static>(
        &mut self,
        what: String,
        work: impl FnOnce() -> T + Send + 'static,
        apply: impl FnOnce(&mut App, T) + Send + 'static,
    ) {
        if !self.background {
            let result = work();
            return apply(self, result);
        }
        let asked = (self.view.shown, self.filter);
        self.start(what, asked, false, work, apply);
    }

    /// Starts `work` on the worker thread as the pending work (replacing, so cancelling, the
    /// one there was).
    pub(super) fn start<T: Send + 'static>(
        &mut self,
        what: String,
        asked: (Pair<usize>, Filter),
        starting: bool,
        work: impl FnOnce() -> T + Send + 'static,
        apply: impl FnOnce(&mut App, T) + Send + 'static,
    ) {
        self.pending = None;
        let pending = self.jobs.start(what, asked, starting, work, apply);
        self.pending = Some(pending);
    }

    /// Stops the pending work, if any; what it was.
    pub(super) fn cancel_work(&mut self) -> Option<String> {
        self.pending.take().map(|p| p.what.clone())
    }

    /// Whether the first comparison is still being made (nothing to show yet).
    pub fn is_starting(&self) -> bool {
        self.pending.as_ref().is_some_and(|p| p.starting)
    }

    /// What the viewer is busy with, if anything (for the status bar): what, for how long
    /// once it takes more than a second, and how to stop it.
    pub fn busy(&self) -> Option<String> {
        let p = self.pending.as_ref()?;
        let secs = p.started.elapsed().as_secs();
        let time = if secs > 0 {
            format!(" {secs} s")
        } else {
            String::new()
        };
        let stop = if p.starting { "q quits" } else { "Esc cancels" };
        Some(format!("{}…{time} ({stop})", p.what))
    }

    /// Takes the result of background work if it is ready; `true` if the state changed.
    pub fn poll(&mut self) -> bool {
        let Some(p) = &self.pending else {
            return false;
        };
        match p.result.try_recv() {
            Ok(Err(oom)) => {
                // With nothing to show yet the viewer ends, in one line (`out_of_memory`);
                // else what is shown stays, and the status bar says why the work stopped.
                if p.starting {
                    self.out_of_memory = Some(oom);
                    self.quit = true;
                } else {
                    self.message = Some(format!("{}: {oom}", p.what));
                }
                self.pending = None;
                true
            }
            Ok(Ok(apply)) => {
                let asked = p.asked;
                self.pending = None;
                // Work asked for another pair or filter than the one shown now is stale.
                if asked == (self.view.shown, self.filter) {
                    apply(self);
                }
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                self.message = Some("the work in the background failed".to_string());
                true
            }
        }
    }

    /// Waits for background work to finish and takes its result.
    pub fn settle(&mut self) {
        while self.pending.is_some() {
            if !self.poll() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::Side;
    use crate::testkit::source;
    use crate::viewer::keys::{Input, Key};
    use crate::viewer::overlay::Request;
    use std::time::{Duration, Instant};

    /// Two long texts that differ every few hundred characters (a comparison of seconds), and
    /// two short ones: the viewer opens on the short pair.
    fn long_pair_app() -> App {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let han = |n: u64| char::from_u32(0x4E00 + (n % 3000) as u32).unwrap_or('中');
        let a: String = (0..1_500_000)
            .map(|i| if i % 40 == 39 { '\n' } else { han(next()) })
            .collect();
        let b: String = a
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 301 == 0 && c != '\n' {
                    han(next())
                } else {
                    c
                }
            })
            .collect();
        let sources = vec![
            source("a.txt", "短的文本。"),
            source("b.txt", "短的文字。"),
            source("long-a.txt", &a),
            source("long-b.txt", &b),
        ];
        App::new(sources, Pair::new(0, 1), Default::default(), (80, 24))
    }

    /// Waits up to `limit` for the worker to be idle; how long that took.
    fn idle_within(app: &App, limit: Duration) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if !app.jobs.running() {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        None
    }

    #[test]
    fn esc_stops_a_running_comparison_and_one_worker_serves_every_job() {
        let mut a = long_pair_app();
        a.background = true;
        let pick = |a: &mut App, side, source| a.carry_out(Request::Pick { side, source });
        // The long pair, compared in the background: Esc stops its work, not only its result.
        let mut fastest = Duration::MAX;
        for _ in 0..3 {
            a.show(Pair::new(2, 3), Side::Left);
            std::thread::sleep(Duration::from_millis(30));
            assert!(a.jobs.running(), "the comparison runs: {:?}", a.busy());
            a.update(Input::Key(Key::Esc));
            assert!(a.busy().is_none());
            let took = idle_within(&a, Duration::from_secs(30)).expect("the work stops");
            fastest = fastest.min(took);
            assert!(!a.poll(), "a cancelled comparison hands nothing back");
            assert_eq!(a.view.shown, Pair::new(0, 1), "and shows nothing");
        }
        assert!(
            fastest < Duration::from_millis(100),
            "the worker was idle {fastest:?} after Esc"
        );
        // Many jobs, superseded or cancelled or finished: one worker thread ran them all.
        for source in [1, 0, 1, 0] {
            a.show(Pair::new(2, 3), Side::Left);
            pick(&mut a, Side::Right, source);
            a.settle();
        }
        a.update(Input::Key(Key::Char('s')));
        a.settle();
        assert_eq!(a.jobs.started(), 1);
    }
}
