//! Fuzz target `slug_fold`: see `tests/properties/mod.rs` (`targets::slug_fold`)
//! for the properties it checks.

#![no_main]

#[path = "../../tests/properties/mod.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::targets::slug_fold(data));
