//! Any bytes as a page: parsing never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mdbind::fuzzing::page(data));
