//! What the fuzz targets (`fuzz/`) check, here so that the stable smoke test
//! (`tests/fuzz_smoke.rs`) checks exactly the same: any bytes as a page
//! never panic, and the Rust generated from them always parses.

/// Parses `bytes` (lossily decoded) as a page; must not panic.
pub fn page(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = crate::parse::parse_page("api/fuzz.md", &text);
}

/// `bytes` as a page through parse, schema and emit (with the server and the
/// mock): must not panic, and every generated file must parse as Rust.
pub fn pipeline(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let (page, diagnostics) = crate::parse::parse_page("api/fuzz.md", &text);
    let schema = crate::schema::build(vec![page], diagnostics);
    let options = crate::emit::Options {
        server: true,
        mock: true,
        ..Default::default()
    };
    for file in crate::emit::emit_with(&schema, &options) {
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!("{} does not parse: {e}\n{}", file.path, file.contents);
        }
        assert!(
            !file.contents.contains("compile_error!"),
            "{} is a compile_error!:\n{}",
            file.path,
            file.contents
        );
    }
}
