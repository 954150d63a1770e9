//! Rebuilds the binary when the built-in theme or the `loa init` skeleton
//! changes: both are compiled in with `include_dir!`, which cargo cannot see
//! on its own.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/skeleton");
}
