//! CPU time of each part of the poster stage (layout, each format), summed
//! over threads, for `build -v`: what a poster costs, and what dominates.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// CPU time and count per part; `None` when not asked for.
#[derive(Default)]
pub struct Clock(Option<Mutex<BTreeMap<&'static str, (Duration, usize)>>>);

impl Clock {
    /// A clock that measures (`build -v`), or one that only runs the work.
    pub fn new(on: bool) -> Clock {
        Clock(on.then(Mutex::default))
    }

    /// Runs `work`, adding the CPU time this thread spent in it to `part`.
    pub fn time<T>(&self, part: &'static str, work: impl FnOnce() -> T) -> T {
        let Some(parts) = &self.0 else { return work() };
        let started = thread_cpu();
        let out = work();
        let spent = thread_cpu().saturating_sub(started);
        let mut parts = parts.lock().unwrap_or_else(|e| e.into_inner());
        let entry = parts.entry(part).or_default();
        (entry.0, entry.1) = (entry.0 + spent, entry.1 + 1);
        out
    }

    /// (part, total CPU milliseconds, times run), by part name; the clock
    /// starts again from zero.
    pub fn take(&self) -> Vec<(&'static str, f64, usize)> {
        let Some(parts) = &self.0 else { return Vec::new() };
        let parts = std::mem::take(&mut *parts.lock().unwrap_or_else(|e| e.into_inner()));
        parts.into_iter().map(|(part, (spent, n))| (part, spent.as_secs_f64() * 1000.0, n)).collect()
    }
}

/// CPU time of the calling thread: wall time would count waiting for a
/// core too.
#[cfg(unix)]
fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), u32::try_from(t.tv_nsec).unwrap_or(0))
}

#[cfg(not(unix))]
fn thread_cpu() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}
