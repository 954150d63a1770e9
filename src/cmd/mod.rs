//! One file per subcommand; each `run` returns the process exit code.

pub mod accept;
pub mod build;
pub mod check;
pub mod init;
pub mod launch;
pub mod new;
pub mod report;
pub mod serve;
