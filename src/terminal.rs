//! What the command line shows and returns, shared by every command and by
//! the preview server: the global flags, exit codes, diagnostics on stderr
//! and the progress bar.

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

/// A progress bar on stderr, only when it is a terminal (never in CI logs)
/// and not `--quiet`.
pub struct Bar {
    bar: Option<indicatif::ProgressBar>,
    lang: Lang,
}

impl Bar {
    pub fn new(global: Global) -> Bar {
        let shown = std::io::stderr().is_terminal() && !global.quiet;
        Bar { bar: shown.then(indicatif::ProgressBar::no_length), lang: global.lang }
    }
}

impl crate::progress::Progress for Bar {
    fn start(&self, what: &'static str, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(total as u64);
            bar.set_position(0);
            let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("=> "));
            bar.set_message(match what {
                "sites" => crate::messages::Chrome::building_sites(self.lang),
                _ => crate::messages::Chrome::drawing_posters(self.lang),
            });
        }
    }

    fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
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
