//! Fuzz target `log_line`: see `tests/properties/mod.rs` (`targets::log_line`)
//! for the properties it checks.

#![no_main]

#[path = "../../tests/properties/mod.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::targets::log_line(data));
