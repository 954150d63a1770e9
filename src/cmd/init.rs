//! `loa init DIR`: a new site for another ward — a `site.yaml` with every
//! key explained in Vietnamese, a home page and one example page per main
//! section — that builds at once with the built-in theme.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::cli::InitArgs;
use crate::diagnostics::Diagnostic;
use crate::messages::{Chrome, Msg};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

static SKELETON: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/skeleton");

pub fn run(args: &InitArgs, global: Global) -> i32 {
    match create(&args.dir) {
        Ok(count) => {
            if !global.quiet {
                eprintln!("{}", Chrome::initialised(global.lang, &crate::fs::display(&args.dir), count));
            }
            EXIT_OK
        }
        Err(problem) => {
            print_diagnostics(&[problem], global);
            EXIT_ERRORS
        }
    }
}

fn create(dir: &Path) -> Result<usize, Diagnostic> {
    let occupied = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if occupied {
        return Err(Diagnostic::error(Msg::InitNotEmpty { dir: crate::fs::display(dir) }, None));
    }
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let mut count = 0;
    write_all(&SKELETON, dir, &today, &mut count)?;
    Ok(count)
}

fn write_all(skeleton: &Dir<'_>, dir: &Path, today: &str, count: &mut usize) -> Result<(), Diagnostic> {
    for file in skeleton.files() {
        let text = String::from_utf8_lossy(file.contents()).replace("{{today}}", today);
        crate::fs::write(&dir.join(file.path()), text.as_bytes())?;
        *count += 1;
    }
    for sub in skeleton.dirs() {
        write_all(sub, dir, today, count)?;
    }
    Ok(())
}
