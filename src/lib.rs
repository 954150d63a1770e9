//! loa turns a folder of Markdown guides into a static website and QR
//! posters for a Vietnamese ward. The `loa` binary is a thin wrapper around
//! `run`; the poster engine is public so its tests can drive it directly.
//!
//! The data flows one way: `config` and `content` load the site, `markdown`
//! parses every page, `render` and `poster` produce the files, `output`
//! writes them atomically. `site` runs those stages in order.

mod build;
mod cli;
mod cmd;
mod collate;
mod config;
mod content;
mod diagnostics;
mod escape;
mod fs;
#[doc(hidden)]
pub mod fuzzing;
mod links;
mod markdown;
mod messages;
mod output;
mod packs;
mod phone;
mod pictures;
mod platform;
pub mod poster;
mod progress;
mod render;
mod report;
mod scaffold;
mod search;
mod serve;
mod slug;
mod suggest;
mod templates;
mod terminal;
mod theme;
mod yaml;

use clap::Parser;

/// Parses the command line, runs the command, returns the exit status.
pub fn run() -> i32 {
    platform::prepare_console();
    if std::env::args_os().len() == 1 && platform::started_by_double_click() {
        let global = terminal::Global { lang: messages::Lang::detect(None), quiet: false, verbose: false };
        return cmd::launch::run(global);
    }
    let cli = cli::Cli::parse();
    let global = terminal::Global {
        lang: messages::Lang::detect(cli.lang.as_deref()),
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args, global),
        cli::Command::Check(args) => cmd::check::run(args, global),
        cli::Command::Serve(args) => cmd::serve::run(args, global),
        cli::Command::New(args) => cmd::new::run(args, global),
        cli::Command::Init(args) => cmd::init::run(args, global),
        cli::Command::Report(args) => cmd::report::run(args, global),
        cli::Command::Accept(args) => cmd::accept::run(args, global),
    }
}
