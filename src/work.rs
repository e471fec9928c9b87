//! How long work runs: on a fixed pool of worker threads, in order, and cancellably.
//!
//! * **Fan-out.** [`chunks`] and [`map`] run a stage on every core of rayon's global pool (one
//!   thread a core, made once) and give the results back in the items' order, so the result
//!   never depends on how many cores the machine has or how the work was shared out. Every
//!   parallel stage of the crate (normalising sources, aligning gaps, snapping to words,
//!   collating witnesses, laying out a pair's two halves) goes through here: no stage spawns
//!   threads of its own.
//! * **Cancelling.** A [`Cancel`] is a flag shared between whoever asked for work and the
//!   work. Work started under [`Cancel::run`] sees it as the *current* flag, on its own thread
//!   and on the pool's threads while they run its items; long loops (the aligner's gaps, the
//!   collation's witnesses, the layout's sections) call [`check`], which unwinds out of the
//!   work as soon as the flag is set (with [`std::panic::resume_unwind`], so no panic hook
//!   runs and nothing is printed). [`Cancel::run`] catches that unwinding and says
//!   [`Cancelled`]; any other panic goes on. Outside [`Cancel::run`], [`check`] does nothing.
//!
//! * **Memory.** [`available_memory`]: what this process can still be given, so that work too
//!   large for it is refused in one line before it starts, instead of aborting half way (an
//!   allocation failure aborts a Rust program, leaving a terminal raw).
//!
//!   Inside the work, the allocations that grow with the texts go through [`reserve`] (or
//!   [`vec_with_capacity`]), which ask for the memory without aborting: when it cannot be had
//!   they unwind with [`OutOfMemory`] as [`check`] unwinds with [`Cancelled`], and [`fallible`]
//!   (around the report, around each of the viewer's jobs) turns that into an error of one
//!   line. Any other allocation that fails aborts, as in every Rust program; [`Watched`], the
//!   command's global allocator, notes the failure so that [`watch_aborts`] can still undo
//!   what must be undone (the terminal) and end with that one line and exit status 2.
//!
//! Nothing here knows about texts or terminals; it imports nothing else of the crate.

use rayon::prelude::*;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// A flag that asks running work to stop; clones share it.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

/// What work that was cancelled gives back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

thread_local! {
    /// The flag of the work this thread is running, if any.
    static CURRENT: RefCell<Option<Cancel>> = const { RefCell::new(None) };
}

impl Cancel {
    /// A flag not set.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the work was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Runs `work` with this flag as the current one: `Err(Cancelled)` if the flag was set
    /// while it ran and it stopped at a [`check`] (or the flag was set before it started).
    pub fn run<T>(&self, work: impl FnOnce() -> T) -> Result<T, Cancelled> {
        if self.is_cancelled() {
            return Err(Cancelled);
        }
        match catch_unwind(AssertUnwindSafe(|| self.current(work))) {
            Ok(value) => Ok(value),
            Err(payload) if payload.is::<Cancelled>() => Err(Cancelled),
            Err(payload) => resume_unwind(payload),
        }
    }

    /// Runs `work` with this flag as the current one on this thread, then puts back the one
    /// there was (a pool thread may run items of several pieces of work in turn).
    fn current<T>(&self, work: impl FnOnce() -> T) -> T {
        struct Restore(Option<Cancel>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let before = self.0.take();
                CURRENT.with(|c| *c.borrow_mut() = before);
            }
        }
        let before = CURRENT.with(|c| c.borrow_mut().replace(self.clone()));
        let _restore = Restore(before);
        work()
    }
}

/// The current work's flag, if this thread runs cancellable work.
fn current() -> Option<Cancel> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Stops the current work here if it was cancelled (see the module docs); else nothing.
pub fn check() {
    let cancelled = CURRENT.with(|c| c.borrow().as_ref().is_some_and(Cancel::is_cancelled));
    if cancelled {
        resume_unwind(Box::new(Cancelled));
    }
}

/// Runs `f` under `flag` (when there is one) on this thread.
fn under<T>(flag: &Option<Cancel>, f: impl FnOnce() -> T) -> T {
    match flag {
        Some(flag) => flag.current(f),
        None => f(),
    }
}

/// The number of cores, the pool's size.
pub fn cores() -> usize {
    rayon::current_num_threads().max(1)
}

/// Runs `f` on consecutive chunks of `items` (each at least `min_chunk` items, at most one
/// chunk a core) in parallel, and concatenates the results in order. `f` gets a
/// chunk and the index of its first item. A single chunk runs on the calling thread.
pub fn chunks<T: Sync, R: Send>(
    items: &[T],
    min_chunk: usize,
    f: impl Fn(&[T], usize) -> Vec<R> + Sync,
) -> Vec<R> {
    let threads = cores();
    let chunk = items.len().div_ceil(threads).max(min_chunk).max(1);
    if items.len() <= chunk {
        return f(items, 0);
    }
    let flag = current();
    let parts: Vec<Vec<R>> = items
        .par_chunks(chunk)
        .enumerate()
        .map(|(i, part)| {
            under(&flag, || {
                check();
                f(part, i * chunk)
            })
        })
        .collect();
    parts.into_iter().flatten().collect()
}

/// `f` of every item, in parallel (an item a task: for few, large items such as witnesses or
/// sources), in the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        return items.iter().map(f).collect();
    }
    let flag = current();
    items
        .par_iter()
        .map(|item| {
            under(&flag, || {
                check();
                f(item)
            })
        })
        .collect()
}

/// `a` and `b` at once (`b` on the pool when a thread is free), both under the current flag.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    let flag = current();
    let flag_b = flag.clone();
    rayon::join(|| under(&flag, a), || under(&flag_b, b))
}

/// Work that could not have the memory it asked for: what [`reserve`] unwinds with and
/// [`fallible`] gives back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfMemory {
    /// The size of the allocation that failed, in bytes.
    pub bytes: usize,
}

impl std::fmt::Display for OutOfMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "out of memory: {} MiB more could not be had; close other programs or compare smaller texts",
            self.bytes.div_ceil(1 << 20)
        )
    }
}

/// Makes room in `v` for `additional` more items, or unwinds with [`OutOfMemory`] (caught by
/// [`fallible`]) when the memory cannot be had, instead of aborting.
pub fn reserve<T>(v: &mut Vec<T>, additional: usize) {
    #[cfg(feature = "testkit")]
    let additional = test_hooks::inflated(additional, std::mem::size_of::<T>());
    if v.try_reserve(additional).is_err() {
        out_of_memory(additional.saturating_mul(std::mem::size_of::<T>()));
    }
}

/// Unwinds with [`OutOfMemory`] for a reservation of `bytes` that failed. The allocator
/// noted the failure; it is handled here, not by an abort, so the note is cleared.
fn out_of_memory(bytes: usize) -> ! {
    FAILED.store(0, Ordering::Relaxed);
    resume_unwind(Box::new(OutOfMemory { bytes }))
}

/// Makes room in the hash map `m` for `additional` more entries, as [`reserve`] does.
pub fn reserve_map<K: Eq + std::hash::Hash, V, S: std::hash::BuildHasher>(
    m: &mut std::collections::HashMap<K, V, S>,
    additional: usize,
) {
    #[cfg(feature = "testkit")]
    let additional = test_hooks::inflated(additional, std::mem::size_of::<(K, V)>());
    if m.try_reserve(additional).is_err() {
        out_of_memory(additional.saturating_mul(std::mem::size_of::<(K, V)>()));
    }
}

/// An empty vector with room for `n` items, as [`reserve`] makes it.
pub fn vec_with_capacity<T>(n: usize) -> Vec<T> {
    let mut v = Vec::new();
    reserve(&mut v, n);
    v
}

/// The characters of `s`, in a vector allocated as [`reserve`] does.
pub fn chars(s: &str) -> Vec<char> {
    let mut v = vec_with_capacity(s.len());
    v.extend(s.chars());
    v
}

/// Runs `work`; `Err` if it ran out of memory at a [`reserve`] (on this thread or on the
/// pool's threads working for it). Other panics, and cancelling, go on.
pub fn fallible<T>(work: impl FnOnce() -> T) -> Result<T, OutOfMemory> {
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(value) => Ok(value),
        Err(payload) => match payload.downcast::<OutOfMemory>() {
            Ok(oom) => Err(*oom),
            Err(payload) => resume_unwind(payload),
        },
    }
}

/// The size of the last allocation that failed and was not handled by [`reserve`], or 0.
static FAILED: AtomicUsize = AtomicUsize::new(0);

/// The system's allocator, noting the size of an allocation that fails (for
/// [`watch_aborts`]); the command installs it as the global allocator.
pub struct Watched;

// SAFETY: every call goes to the system allocator with the same arguments; the only addition
// is a store to an atomic when it fails.
unsafe impl std::alloc::GlobalAlloc for Watched {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract is the system allocator's.
        let p = unsafe { std::alloc::System.alloc(layout) };
        if p.is_null() {
            FAILED.store(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: as above.
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if p.is_null() {
            FAILED.store(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            FAILED.store(new_size, Ordering::Relaxed);
        }
        p
    }
}

/// Makes an abort after a failed allocation (one not asked for through [`reserve`]) end as
/// every error does: `undo` runs first (it must be async-signal-safe: it runs in the signal
/// handler), then `duizhao: memory: out of memory …` on standard error and exit status 2.
/// Any other abort runs `undo` and goes on aborting. Only the command calls this, once, and
/// only with [`Watched`] as its global allocator (else no failure is ever noted).
pub fn watch_aborts(undo: fn()) -> std::io::Result<()> {
    let handler = move || {
        undo();
        let bytes = FAILED.load(Ordering::Relaxed);
        if bytes == 0 {
            return;
        }
        // No allocation and no locks in a signal handler: the line is put together on the
        // stack and written with write(2).
        let mut line = [0u8; 128];
        let mut len = 0;
        let mut put = |part: &[u8]| {
            let n = part.len().min(line.len() - len);
            line[len..len + n].copy_from_slice(&part[..n]);
            len += n;
        };
        put(b"duizhao: memory: out of memory: ");
        let mut digits = [0u8; 20];
        let mut k = digits.len();
        let mut mib = bytes.div_ceil(1 << 20);
        loop {
            k -= 1;
            digits[k] = b'0' + (mib % 10) as u8;
            mib /= 10;
            if mib == 0 {
                break;
            }
        }
        put(&digits[k..]);
        put(b" MiB more could not be had\n");
        // SAFETY: write(2) and _exit(2) are async-signal-safe; `line` outlives the call.
        unsafe {
            libc::write(2, line.as_ptr().cast(), len);
            libc::_exit(2);
        }
    };
    // SAFETY: the handler only reads atomics, writes to a stack buffer and calls
    // async-signal-safe functions (and `undo`, which must be).
    unsafe { signal_hook::low_level::register(signal_hook::consts::SIGABRT, handler) }.map(|_| ())
}

/// Test hooks, only in the binary the tests build (the `testkit` feature).
#[cfg(feature = "testkit")]
mod test_hooks {
    /// With `DUIZHAO_TEST_RESERVE=N` set, a [`super::reserve`] of `N` bytes or more asks for
    /// more memory than any machine has, so that the tests see the real failure's path.
    pub(super) fn inflated(additional: usize, size: usize) -> usize {
        static AT: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
        let at = AT.get_or_init(|| std::env::var("DUIZHAO_TEST_RESERVE").ok()?.parse().ok());
        match at {
            Some(at) if additional.saturating_mul(size) >= *at => (1usize << 62) / size.max(1),
            _ => additional,
        }
    }
}

/// The memory this process can still be given, if anything says: the least of the system's
/// `MemAvailable`, what the address-space limit (`RLIMIT_AS`, `ulimit -v`) leaves beside what
/// the process has mapped already, and what its memory cgroup's limit leaves (v2
/// `memory.max`, v1 `memory.limit_in_bytes`).
pub fn available_memory() -> Option<u64> {
    [mem_available(), address_space_left(), cgroup_left()]
        .into_iter()
        .flatten()
        .min()
}

/// `MemAvailable` of `/proc/meminfo`, in bytes.
fn mem_available() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    kib_field(&info, "MemAvailable:")
}

/// A `Name: N kB` field of a `/proc` file, in bytes.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    let kib: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix(name))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// The address-space limit less the address space mapped now (`VmSize`), when there is a limit.
fn address_space_left() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid rlimit for getrlimit to fill.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } != 0
        || limit.rlim_cur == libc::RLIM_INFINITY
    {
        return None;
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let mapped = kib_field(&status, "VmSize:").unwrap_or(0);
    Some(limit.rlim_cur.saturating_sub(mapped))
}

/// What this process's memory cgroup may still take, when it has a limit.
fn cgroup_left() -> Option<u64> {
    let groups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let read =
        |path: String| -> Option<u64> { std::fs::read_to_string(path).ok()?.trim().parse().ok() };
    for line in groups.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let (limit, used) = if controllers.is_empty() {
            let dir = format!("/sys/fs/cgroup{path}");
            (
                read(format!("{dir}/memory.max")),
                read(format!("{dir}/memory.current")),
            )
        } else if controllers.split(',').any(|c| c == "memory") {
            let dir = format!("/sys/fs/cgroup/memory{path}");
            (
                read(format!("{dir}/memory.limit_in_bytes")),
                read(format!("{dir}/memory.usage_in_bytes")),
            )
        } else {
            continue;
        };
        // v2's `max` does not parse (no limit); v1 says "no limit" with a huge number.
        if let Some(limit) = limit.filter(|&l| l < 1 << 60) {
            return Some(limit.saturating_sub(used.unwrap_or(0)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::{Duration, Instant};

    #[test]
    fn a_reservation_too_large_is_an_error_not_an_abort() {
        let got = fallible(|| {
            let mut v: Vec<u64> = vec![1, 2, 3];
            reserve(&mut v, 1 << 59);
            v.len()
        });
        assert_eq!(got, Err(OutOfMemory { bytes: 8 << 59 }));
        assert_eq!(fallible(|| chars("对照").len()), Ok(2));
        // On the pool's threads too, as the stages run.
        let items: Vec<usize> = (0..64).collect();
        let got = fallible(|| {
            map(&items, |&i| {
                let n = if i == 37 { 1 << 60 } else { 8 };
                vec_with_capacity::<u32>(n).capacity()
            })
        });
        assert_eq!(got, Err(OutOfMemory { bytes: 4 << 60 }));
        // Anything else goes on unwinding.
        let other = catch_unwind(|| fallible(|| panic!("not memory")));
        assert!(other.is_err());
    }

    #[test]
    fn chunks_and_map_keep_the_order_at_any_chunk_size() {
        let items: Vec<u32> = (0..10_000).collect();
        for min_chunk in [1, 7, 512, 20_000] {
            let out = chunks(&items, min_chunk, |part, start| {
                part.iter()
                    .enumerate()
                    .map(|(k, &x)| (start + k) as u32 * 2 + x)
                    .collect()
            });
            let expected: Vec<u32> = items.iter().map(|&x| x * 3).collect();
            assert_eq!(out, expected, "min_chunk {min_chunk}");
        }
        assert_eq!(map(&items, |x| x + 1)[9_999], 10_000);
        assert_eq!(map(&items[..0], |x| x + 1), Vec::<u32>::new());
        assert_eq!(join(|| 1, || "b"), (1, "b"));
    }

    #[test]
    fn outside_cancellable_work_check_does_nothing() {
        check();
        assert_eq!(Cancel::new().run(|| 7), Ok(7));
    }

    #[test]
    fn a_flag_set_before_the_work_starts_runs_nothing() {
        let flag = Cancel::new();
        flag.cancel();
        let ran = AtomicUsize::new(0);
        assert_eq!(
            flag.run(|| ran.fetch_add(1, Ordering::SeqCst)),
            Err(Cancelled)
        );
        assert_eq!(ran.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn cancelled_work_stops_at_its_next_check_on_every_thread() {
        // Work that would loop for ever but checks its flag, on the pool's threads too.
        let flag = Cancel::new();
        let started = Arc::new(AtomicUsize::new(0));
        let (flag2, started2) = (flag.clone(), started.clone());
        let worker = std::thread::spawn(move || {
            flag2.run(|| {
                let items: Vec<usize> = (0..64).collect();
                map(&items, |_| {
                    started2.fetch_add(1, Ordering::SeqCst);
                    loop {
                        check();
                        std::thread::yield_now();
                    }
                })
            })
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        while started.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        flag.cancel();
        let result: Result<Vec<()>, Cancelled> = worker.join().expect("no panic");
        assert_eq!(result, Err(Cancelled));
        // The pool's threads are free again, with no flag left on them.
        assert_eq!(map(&[1, 2, 3], |x| x * 2), [2, 4, 6]);
        check();
    }

    #[test]
    fn other_panics_go_on() {
        let caught = catch_unwind(|| Cancel::new().run(|| panic!("a real bug")));
        assert!(caught.is_err());
    }
}
