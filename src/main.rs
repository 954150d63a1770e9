//! loa: turns a folder of Markdown guides into a static website and QR
//! posters for a Vietnamese ward. This file only parses the command line,
//! runs the command and exits with its status.

mod cli;
mod cmd;
mod collate;
mod config;
mod content;
mod diagnostics;
mod fs;
mod links;
mod markdown;
mod messages;
mod output;
mod render;
mod site;
mod slug;
mod suggest;
mod templates;
mod theme;
mod yaml;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let global = cmd::Global {
        lang: messages::Lang::detect(cli.lang.as_deref()),
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let code = match &cli.command {
        cli::Command::Build(args) => cmd::build::run(args, global),
        cli::Command::Check(args) => cmd::check::run(args, global),
    };
    std::process::exit(code);
}
