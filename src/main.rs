//! The `loa` command. Everything happens in the library (`src/lib.rs`).

fn main() {
    std::process::exit(loa::run());
}
