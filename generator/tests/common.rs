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

/// A folder of `../shared` (beside the repository). Missing in CI (`CI` set)
/// is a failure; elsewhere the caller skips, and this says so on the terminal
/// (written straight to stderr, which the test harness does not capture).
pub fn shared(relative: &str, test: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(relative);
    if path.is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: CI must have ../shared/{relative} beside the repository"
    );
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: ../shared/{relative} is not here"
    );
    None
}
