//! Replays every input in `tests/fuzz_corpus/<target>/` through the same
//! property checks the fuzz targets run (`tests/properties/mod.rs`): the
//! seeds, and every input a fuzzer ever found a problem with, stay fixed on
//! the stable toolchain. `fuzz/README.md` says how to fuzz and add cases.

mod properties;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus").join(target);
    let mut inputs: Vec<_> =
        std::fs::read_dir(&dir).expect("corpus folder").flatten().map(|e| e.path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{target}: no inputs");
    for input in inputs {
        let data = std::fs::read(&input).expect("read input");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", input.display());
    }
}

#[test]
fn markdown_page() {
    replay("markdown_page", properties::targets::markdown_page);
}

#[test]
fn site_yaml() {
    replay("site_yaml", properties::targets::site_yaml);
}

#[test]
fn slug_fold() {
    replay("slug_fold", properties::targets::slug_fold);
}

#[test]
fn poster_text() {
    replay("poster_text", properties::targets::poster_text);
}

/// The seeds that are meant to build do, so the fuzzers start from pages
/// that reach the render stage, not only from ones that fail early.
#[test]
fn rich_seed_builds() {
    let data = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/markdown_page/seed-rich.md"),
    )
    .expect("seed");
    match loa::fuzzing::build_site(loa::fuzzing::SITE_YAML, &data) {
        loa::fuzzing::Built::Files(files) => assert!(files.contains_key("tin-tuc/atom.xml")),
        loa::fuzzing::Built::Errors(errors) => panic!("{}", errors.join("\n")),
    }
}

#[test]
fn log_line() {
    replay("log_line", properties::targets::log_line);
}
