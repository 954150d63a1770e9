//! `loa report LOG…`: the month's figures from the server's access logs,
//! into `bao-cao.html` and `bao-cao.csv`, with a byte progress bar on a
//! terminal and a summary line.

use std::io::IsTerminal;

use crate::cli::ReportArgs;
use crate::messages::{Chrome, ReportSummary};
use crate::report::{self, Options};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &ReportArgs, global: Global) -> i32 {
    let started = std::time::Instant::now();
    let root = args.root.root.clone();
    let output = args.output.clone().unwrap_or_else(|| root.clone());
    let options = Options {
        root,
        output: output.clone(),
        logs: args.logs.clone(),
        since: args.since,
        until: args.until,
    };
    let bar = (std::io::stderr().is_terminal() && !global.quiet).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar.set_message(Chrome::reading_logs(global.lang));
        bar
    });
    let progress = |done: u64, total: u64| {
        if let Some(bar) = &bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    let outcome = report::run(&options, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    print_diagnostics(&outcome.diagnostics, global);
    let Some(summary) = outcome.summary else {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{}", Chrome::report_failed(global.lang, errors));
        return EXIT_ERRORS;
    };
    let c = summary.counts;
    if !global.quiet {
        let shown = outcome.diagnostics.iter().filter(|d| d.msg.code() == "log-line-skipped").count() as u64;
        if c.malformed > shown {
            eprintln!("{}", Chrome::report_more_skipped(global.lang, c.malformed - shown));
        }
        let path = |name: &str| crate::fs::display(&output.join(name));
        let line = ReportSummary {
            lines: c.lines,
            megabytes: summary.bytes as f64 / 1e6,
            seconds: started.elapsed().as_secs_f64(),
            views: c.views,
            months: summary.months,
            robots: c.robots,
            malformed: c.malformed,
            html: path(report::HTML),
            csv: path(report::CSV),
        };
        eprintln!("{}", Chrome::report_written(global.lang, &line));
    }
    EXIT_OK
}
