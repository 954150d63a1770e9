//! Fuzz target `poster_text`: see `tests/properties/mod.rs` (`targets::poster_text`)
//! for the properties it checks.

#![no_main]

#[path = "../../tests/properties/mod.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::targets::poster_text(data));
