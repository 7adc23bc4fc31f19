//! `generated/` is the reviewable copy of what build.rs generates: it must be
//! byte-identical to a fresh `mdbind generate docs-input --out generated --server --mock` and
//! to the build script's output, and build.rs must rerun on doc changes only.

use std::path::{Path, PathBuf};

const REFRESH: &str = "cargo run -p mdbind -- generate docs-input --out generated --server --mock";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".rs"))
        .map(|e| {
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn generated_folder_is_fresh() {
    // As build.rs asks: with the server and mock modules.
    let schema = mdbind::load(&root().join("docs-input")).unwrap();
    let options = mdbind::emit::Options {
        server: true,
        mock: true,
        ..Default::default()
    };
    let fresh = mdbind::emit::emit_with(&schema, &options);
    let fresh: Vec<(String, Vec<u8>)> = fresh
        .into_iter()
        .map(|f| (f.path, f.contents.into_bytes()))
        .collect();
    let checked_in = files_in(&root().join("generated"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&checked_in),
        names(&fresh),
        "generated/ has other files than mdbind makes; run `{REFRESH}`"
    );
    for ((name, old), (_, new)) in checked_in.iter().zip(&fresh) {
        assert!(old == new, "generated/{name} is stale: the docs or mdbind changed since it was written; run `{REFRESH}`");
    }
}

#[test]
fn build_script_output_equals_generated_folder() {
    let out_dir = PathBuf::from(env!("OUT_DIR"));
    assert_eq!(
        files_in(&out_dir),
        files_in(&root().join("generated")),
        "run `{REFRESH}`"
    );
}

/// Cargo keeps what a build script printed in `OUT_DIR/../output`: the rerun
/// rules must name `docs-input` and each file in it, and nothing else.
#[test]
fn build_script_reruns_on_docs_only() {
    let printed =
        std::fs::read_to_string(PathBuf::from(env!("OUT_DIR")).join("../output")).unwrap();
    let mut watched: Vec<&str> = printed
        .lines()
        .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
        .collect();
    watched.sort();
    let mut expected = vec!["docs-input".to_string()];
    expected.extend(
        mdbind::docs_files(&root().join("docs-input"))
            .unwrap()
            .iter()
            .map(|p| format!("docs-input/{}", p.to_string_lossy())),
    );
    expected.sort();
    assert_eq!(watched, expected);
    assert!(
        !printed
            .lines()
            .any(|l| l.starts_with("cargo:rerun-if-env-changed")),
        "{printed}"
    );
}
