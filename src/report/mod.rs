//! `loa report`: the web server's access logs turned into the commune's
//! monthly figures, read → count → write. `site_map` knows the site's
//! pages and tracking codes; `input` streams the logs through `line`
//! (`combined`, `caddy`) into `tally` under the `rules`; `figures` sums it
//! up for `csv` and `page` (with its `chart`). Nothing identifying a
//! resident is written anywhere, only counts.

mod caddy;
mod chart;
mod combined;
mod csv;
mod figures;
mod input;
pub(crate) mod line;
mod page;
mod rules;
mod site_map;
mod tally;
pub(crate) mod time;

use std::path::{Path, PathBuf};

pub use tally::Counts;
pub use time::Month;

use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;

pub const HTML: &str = "bao-cao.html";
pub const CSV: &str = "bao-cao.csv";

pub struct Options {
    pub root: PathBuf,
    /// Where `bao-cao.html` and `bao-cao.csv` go.
    pub output: PathBuf,
    pub logs: Vec<PathBuf>,
    pub since: Option<Month>,
    pub until: Option<Month>,
}

/// What a report found, for the command's summary.
pub struct Summary {
    pub counts: Counts,
    pub months: usize,
    /// Bytes of log read (as stored: compressed for gzip).
    pub bytes: u64,
}

pub struct Outcome {
    /// `None` when no report was written.
    pub summary: Option<Summary>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the site and the logs, writes the report. `progress` is told the
/// bytes read so far and the total.
pub fn run(options: &Options, progress: &dyn Fn(u64, u64)) -> Outcome {
    let report = Report::default();
    let summary = write_report(options, &report, progress);
    Outcome { summary: summary.filter(|_| !report.has_errors()), diagnostics: report.into_sorted() }
}

fn write_report(options: &Options, report: &Report, progress: &dyn Fn(u64, u64)) -> Option<Summary> {
    // The site's own problems are `loa check`'s business; only one that
    // stops it loading stops the report.
    let site_report = Report::default();
    let Some(site) = crate::build::load_published(&options.root, &site_report) else {
        report.extend(site_report.into_sorted().into_iter().filter(Diagnostic::is_error));
        return None;
    };
    let site_map = site_map::SiteMap::new(&site);
    if let (Some(since), Some(until)) = (options.since, options.until)
        && since > until
    {
        report.error(Msg::ReportMonthsReversed { since: since.to_string(), until: until.to_string() }, None);
        return None;
    }
    let logs = distinct(&options.logs, report);
    let sizes = sizes(&logs, report)?;
    let total: u64 = sizes.iter().sum();
    let mut tally = tally::Tally::new(&site_map, options.since, options.until);
    let mut skipped = Vec::new();
    let mut done = 0;
    for (log, size) in logs.iter().zip(sizes) {
        let tick = |read: u64| progress(done + read.min(size), total);
        match input::read_file(log, &site_map, &mut tally, &mut skipped, &tick) {
            Ok(None) => {}
            Ok(Some(cut)) => report.warning(
                Msg::LogCut { after_line: cut.after_line, error: cut.error.to_string() },
                Some(Location::file(log)),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
                report.error(Msg::LogCompressed { format: e.to_string() }, Some(Location::file(log)))
            }
            Err(e) => report.push(crate::fs::read_error(log, &e)),
        }
        done += size;
    }
    for s in &skipped {
        report.warning(Msg::LogLineSkipped { why: s.why.code() }, Some(line_only(&s.file, s.line)));
    }
    let figures = figures::figures(&tally, &site_map);
    let chart_label = site.theme.strings.get("report_chart_label");
    let html = report.ok(page::render(&figures, &site_map, &skipped, &site.templates, chart_label))?;
    if report.has_errors() {
        return None;
    }
    let files = [(CSV, csv::write(&figures.rows)), (HTML, html)];
    report.ok(write_together(&options.output, &files))?;
    Some(Summary { counts: tally.counts, months: figures.months.len(), bytes: total })
}

/// The logs, each once: the same file named twice would count its views
/// twice.
fn distinct(logs: &[PathBuf], report: &Report) -> Vec<PathBuf> {
    let mut seen = Vec::new();
    let mut kept = Vec::new();
    for log in logs {
        let same = crate::fs::canonical(log).unwrap_or_else(|_| log.clone());
        if seen.contains(&same) {
            report.warning(Msg::LogRepeated, Some(Location::file(log)));
        } else {
            seen.push(same);
            kept.push(log.clone());
        }
    }
    kept
}

/// Every log's size; a missing one is an error before any is read.
fn sizes(logs: &[PathBuf], report: &Report) -> Option<Vec<u64>> {
    let sizes: Vec<Option<u64>> = logs
        .iter()
        .map(|log| {
            std::fs::metadata(log)
                .map(|m| m.len())
                .map_err(|e| report.push(crate::fs::read_error(log, &e)))
                .ok()
        })
        .collect();
    sizes.into_iter().collect()
}

/// A log line's place without its text: the text holds a resident's address.
fn line_only(file: &Path, line: u64) -> Location {
    Location { line: line as usize, ..Location::file(file) }
}

/// Every file written beside, then each renamed over the old one: a
/// report cut off half-way never replaces last month's.
fn write_together(dir: &Path, files: &[(&str, String)]) -> Result<(), Diagnostic> {
    let partial = |name: &str| dir.join(format!("{name}.tmp"));
    for (name, text) in files {
        crate::fs::write(&partial(name), text.as_bytes())?;
    }
    for (name, _) in files {
        let path = dir.join(name);
        std::fs::rename(partial(name), &path).map_err(|e| crate::fs::write_error(&path, &e))?;
    }
    Ok(())
}
