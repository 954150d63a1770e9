//! `loa` double-clicked in Explorer (no arguments, a console window of its
//! own that closes when loa exits): preview the site in this folder in the
//! browser, or offer to create one here. After an error the window stays
//! open until Enter, so the officer can read why.

use std::io::{BufRead, Write};
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};

use super::init::{self, Place};
use crate::messages::Chrome;
use crate::serve::{self, ServeOptions};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(global: Global) -> i32 {
    // Even a crash must not close the window before it can be read.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report(info);
        wait_for_enter(global);
    }));
    // Explorer starts a program in its own folder.
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let code =
        if here.join("site.yaml").is_file() { preview(&here, global) } else { offer_new_site(&here, global) };
    if code != EXIT_OK {
        wait_for_enter(global);
    }
    code
}

fn wait_for_enter(global: Global) {
    eprintln!("\n{}", Chrome::launch_press_enter(global.lang));
    let _closing = std::io::stdin().lock().read_line(&mut String::new());
}

fn preview(root: &Path, global: Global) -> i32 {
    let options = ServeOptions {
        root: root.to_path_buf(),
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: serve::DEFAULT_PORT,
        drafts: false,
        open_browser: true,
    };
    serve::run(&options, global)
}

fn offer_new_site(here: &Path, global: Global) -> i32 {
    eprintln!("{}", Chrome::launch_no_site(global.lang, &crate::fs::display(here)));
    let mut input = std::io::stdin().lock();
    let mut prompt = std::io::stderr();
    let answer = init::question(&mut input, &mut prompt, Chrome::launch_ask_create(global.lang));
    if !answer.as_deref().is_some_and(is_yes) {
        return EXIT_OK;
    }
    let answers = init::ask(&mut input, &mut prompt, global.lang);
    match init::create(here, &answers, Place::BesideOtherFiles) {
        Ok(count) => {
            let _shown =
                writeln!(prompt, "{}", Chrome::initialised(global.lang, &crate::fs::display(here), count));
            preview(here, global)
        }
        Err(problem) => {
            print_diagnostics(&[problem], global);
            EXIT_ERRORS
        }
    }
}

/// Yes in Vietnamese or English, in any case.
fn is_yes(answer: &str) -> bool {
    crate::messages::YES_ANSWERS.contains(&answer.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_in_vietnamese_or_english() {
        for yes in ["c", "C", "Có", "co", "y", "YES"] {
            assert!(is_yes(yes), "{yes}");
        }
        for no in ["", "k", "không", "n", "cc"] {
            assert!(!is_yes(no), "{no}");
        }
    }
}
