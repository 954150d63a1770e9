//! `loa build`: build the site and its posters into the output folder.

use crate::build::{self, Options};
use crate::cli::BuildArgs;
use crate::messages::{BuildSummary, Chrome, SiteRow};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &BuildArgs, global: Global) -> i32 {
    if let Some(dir) = &args.sites {
        return run_sites(dir, args, global);
    }
    let started = std::time::Instant::now();
    let root = args.root.root.clone();
    let output = args.output.clone().unwrap_or_else(|| root.join("output"));
    let options = Options {
        root,
        output: output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        timed: global.verbose,
        shared: None,
    };
    let bar = crate::terminal::Bar::new(global);
    let outcome = build::build(&options, &bar);
    print_diagnostics(&outcome.diagnostics, global);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    let Some(stats) = outcome.stats else {
        eprintln!("{}", Chrome::failed(global.lang, errors, warnings));
        return EXIT_ERRORS;
    };
    if global.verbose {
        for (stage, ms) in &stats.timings {
            eprintln!("  {stage:<10} {ms:>6} ms");
        }
        for (part, ms, count) in &stats.cpu {
            let each = ms / (*count).max(1) as f64;
            eprintln!("  cpu {part:<20} {count:>5} × {each:>7.2} ms = {ms:>8.0} ms");
        }
    }
    if !global.quiet {
        let summary = BuildSummary {
            pages: stats.pages,
            posters: stats.posters,
            posters_rendered: stats.posters_rendered,
            warnings,
            millis: started.elapsed().as_millis(),
            output: crate::fs::display(output.strip_prefix(".").unwrap_or(&output)),
            unchanged: stats.unchanged,
        };
        eprintln!("{}", Chrome::built(global.lang, &summary));
        if stats.placements > 0 {
            let (places, made, drawn) = (stats.placements, stats.placement_posters, stats.placement_rendered);
            eprintln!("{}", Chrome::placements_built(global.lang, places, made, drawn));
        }
        if stats.slides > 0 {
            eprintln!("{}", Chrome::screen_built(global.lang, stats.slides, stats.slides_rendered));
        }
        if stats.posters_failed > 0 {
            eprintln!("{}", Chrome::posters_failed(global.lang, stats.posters_failed));
        }
        if stats.placeholders > 0 && stats.posters > 0 {
            eprintln!("{}", Chrome::sample_band(global.lang, stats.placeholders));
        }
    }
    EXIT_OK
}

/// `loa build --sites DIR`: every site, then one table.
fn run_sites(dir: &std::path::Path, args: &BuildArgs, global: Global) -> i32 {
    let started = std::time::Instant::now();
    let sites = build::sites::find(dir);
    if sites.is_empty() {
        eprintln!("{}", Chrome::sites_none(global.lang, &crate::fs::display(dir)));
        return EXIT_ERRORS;
    }
    let bar = crate::terminal::Bar::new(global);
    let runs = build::sites::build_all(dir, &sites, args.output.as_deref(), args.drafts, &bar);
    let mut rows = Vec::new();
    for run in &runs {
        if run.outcome.diagnostics.iter().any(|d| d.is_error() || !global.quiet) {
            eprintln!("{}", Chrome::site_heading(global.lang, &run.name, &crate::fs::display(&run.root)));
            print_diagnostics(&run.outcome.diagnostics, global);
        }
        let errors = run.outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        rows.push(SiteRow {
            name: run.name.clone(),
            pages: run.outcome.stats.as_ref().map(|s| s.pages),
            posters: run.outcome.stats.as_ref().map(|s| s.posters),
            drawn: run.outcome.stats.as_ref().map(|s| s.posters_rendered),
            warnings: run.outcome.diagnostics.len() - errors,
            errors,
        });
    }
    let failed = runs.iter().filter(|r| r.outcome.stats.is_none()).count();
    eprintln!("{}", Chrome::sites_table(global.lang, &rows));
    eprintln!(
        "{}",
        Chrome::sites_done(global.lang, runs.len() - failed, failed, started.elapsed().as_millis())
    );
    if failed > 0 { EXIT_ERRORS } else { EXIT_OK }
}
