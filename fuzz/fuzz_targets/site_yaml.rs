//! Fuzz target `site_yaml`: see `tests/properties/mod.rs` (`targets::site_yaml`)
//! for the properties it checks.

#![no_main]

#[path = "../../tests/properties/mod.rs"]
mod properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| properties::targets::site_yaml(data));
