//! `loa check`: everything `build` validates, without writing anything,
//! ending with a one-line summary (also when all is well).

use crate::build::{self, Options};
use crate::cli::{CheckArgs, Format};
use crate::diagnostics::JsonDiagnostic;
use crate::messages::Chrome;
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &CheckArgs, global: Global) -> i32 {
    let root = args.root.root.clone();
    let options = Options {
        output: root.join("output"),
        root,
        base_url: None,
        drafts: args.drafts,
        timed: false,
        shared: None,
    };
    let outcome = build::check(&options);
    let failed = outcome.stats.is_none() || (args.strict && !outcome.diagnostics.is_empty());
    match args.format {
        Format::Text => {
            print_diagnostics(&outcome.diagnostics, global);
            if !global.quiet {
                let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
                let (warnings, pages) = (outcome.diagnostics.len() - errors, outcome.stats.map(|s| s.pages));
                eprintln!("{}", Chrome::checked(global.lang, pages, errors, warnings));
            }
        }
        Format::Json => {
            let items: Vec<JsonDiagnostic> =
                outcome.diagnostics.iter().map(|d| JsonDiagnostic::new(d, global.lang)).collect();
            println!("{}", serde_json::to_string_pretty(&items).unwrap_or_default());
        }
    }
    if failed { EXIT_ERRORS } else { EXIT_OK }
}
