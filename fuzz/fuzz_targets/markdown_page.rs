//! Fuzz target `markdown_page`: see `tests/properties/mod.rs` (`targets::markdown_page`)
//! for the properties it checks.

#![no_main]

#[path = "../../tests/properties/mod.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::targets::markdown_page(data));
