//! Rebuilds the binary when the built-in theme changes: the default theme
//! is compiled in with `include_dir!`, which cargo cannot see on its own.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
