//! Shared by the generator's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The bindings package's docs folder (the seed pages).
pub fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// Each page of `docs-input`, as (file name stem, path relative to docs-input).
pub fn seed_pages() -> Vec<(String, String)> {
    mdbind::docs_files(&docs_input())
        .unwrap()
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, p.to_string_lossy().replace('\\', "/"))
        })
        .collect()
}

/// The schema of one page read alone.
pub fn schema_of_page(relative: &str) -> mdbind::Schema {
    let text = std::fs::read_to_string(docs_input().join(relative)).unwrap();
    let (page, diagnostics) = mdbind::parse::parse_page(relative, &text);
    mdbind::schema::build(&[page], diagnostics)
}

/// All generated files joined into one text, each under its name.
pub fn joined(files: &[mdbind::GeneratedFile]) -> String {
    files
        .iter()
        .map(|f| format!("// ===== {} =====\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}
