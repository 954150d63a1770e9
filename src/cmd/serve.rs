//! `loa serve`: local preview with live reload (see `crate::serve`).

use crate::cli::ServeArgs;
use crate::serve::{self, ServeOptions};
use crate::terminal::Global;

pub fn run(args: &ServeArgs, global: Global) -> i32 {
    let options = ServeOptions {
        root: args.root.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        open_browser: args.open,
    };
    serve::run(&options, global)
}
