//! One file per subcommand; each `run` returns the process exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::io::IsTerminal;

use crate::diagnostics::Diagnostic;
use crate::messages::Lang;

/// Exit codes (SPEC.md): success, content/config/theme errors.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;

/// Flags every command shares.
#[derive(Clone, Copy, Debug)]
pub struct Global {
    pub lang: Lang,
    pub quiet: bool,
    pub verbose: bool,
}

/// Prints diagnostics to stderr, errors and warnings alike (warnings only
/// when not `--quiet`).
pub fn print_diagnostics(diagnostics: &[Diagnostic], global: Global) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diagnostics {
        if global.quiet && !d.is_error() {
            continue;
        }
        eprintln!("{}\n", d.render(global.lang, color));
    }
}
