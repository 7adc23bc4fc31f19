//! Any bytes as a page through parse, schema and emit: never panics, and
//! every generated file parses as Rust.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mdbind::fuzzing::pipeline(data));
