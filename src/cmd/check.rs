//! `loa check`: everything `build` validates, without writing anything.

use super::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};
use crate::cli::{CheckArgs, Format};
use crate::diagnostics::JsonDiagnostic;
use crate::site::{self, BuildOptions};

pub fn run(args: &CheckArgs, global: Global) -> i32 {
    let root = args.root.root.clone();
    let options = BuildOptions {
        output: root.join("output"),
        root,
        base_url: None,
        drafts: args.drafts,
        dry_run: true,
    };
    let outcome = site::build(&options, &crate::site::Silent);
    let failed = outcome.stats.is_none() || (args.strict && !outcome.diagnostics.is_empty());
    match args.format {
        Format::Text => print_diagnostics(&outcome.diagnostics, global),
        Format::Json => {
            let items: Vec<JsonDiagnostic> =
                outcome.diagnostics.iter().map(|d| JsonDiagnostic::new(d, global.lang)).collect();
            println!("{}", serde_json::to_string_pretty(&items).unwrap_or_default());
        }
    }
    if failed { EXIT_ERRORS } else { EXIT_OK }
}
