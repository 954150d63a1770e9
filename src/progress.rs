//! How long work reports its progress: the poster stage says how many
//! posters it will draw and ticks each; the command line shows a bar.

/// Told how long work is going: the command line shows a progress bar when
/// it talks to a terminal.
pub trait Progress: Sync {
    fn start(&self, what: &'static str, total: usize);
    fn tick(&self);
    fn finish(&self);
}

/// Progress nobody watches: a site built as one of many (the run shows
/// one bar for all of them).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _what: &'static str, _total: usize) {}
    fn tick(&self) {}
    fn finish(&self) {}
}
