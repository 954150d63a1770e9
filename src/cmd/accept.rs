//! `loa accept [PAGE…]`: the officer has brought their copies of pack
//! pages up to date; record the pack pages as they now are, so the
//! "province updated this guide" warning stops until the next change.

use std::path::Path;

use crate::cli::AcceptArgs;
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::{Chrome, Msg};
use crate::packs::drift;
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &AcceptArgs, global: Global) -> i32 {
    let root = &args.root.root;
    let report = Report::default();
    let Some(prepared) = crate::build::load_published(root, &report) else {
        print_diagnostics(&report.into_sorted(), global);
        return EXIT_ERRORS;
    };
    // Pages named as the officer sees them: `content/vneid/x.md`, with
    // Windows' backslashes, or below `content/`.
    let paths: Vec<String> = args.pages.iter().map(|p| below_content(&crate::fs::display(p))).collect();
    let copies: Vec<&str> = prepared.content.overrides.iter().map(|o| o.content_path.as_str()).collect();
    let unknown: Vec<Diagnostic> = paths
        .iter()
        .filter(|p| !copies.contains(&p.as_str()))
        .map(|p| {
            let at = Location::file(&Path::new("content").join(p));
            Diagnostic::error(Msg::AcceptNotACopy { page: format!("content/{p}") }, Some(at))
        })
        .collect();
    if !unknown.is_empty() {
        print_diagnostics(&unknown, global);
        return EXIT_ERRORS;
    }
    let (lock, accepted) = drift::accept(&prepared.content, &prepared.packs, &prepared.lock, &paths);
    if let Err(problem) = drift::write_lock(root, &prepared.lock, &lock) {
        print_diagnostics(&[problem], global);
        return EXIT_ERRORS;
    }
    if !global.quiet {
        eprintln!("{}", Chrome::accepted(global.lang, &accepted, copies.len()));
    }
    EXIT_OK
}

fn below_content(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    crate::fs::normalise(path.strip_prefix("content/").unwrap_or(path).to_string())
}
