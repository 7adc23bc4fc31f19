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
    mdbind::schema::build(vec![page], diagnostics)
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

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `cargo ARGS` in `project` with the probe target folder; (success, stdout, stderr).
pub fn cargo(project: &Path, target: &Path, args: &[&str]) -> (bool, String, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(args)
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A cargo project at a temporary path: mdbind as build-dependency, the
/// pages of `docs` as `docs/`, the given build.rs and lib.rs. The target
/// folder is kept between runs so that only the first compiles dependencies.
pub fn probe(
    package: &str,
    docs: &Path,
    runtime_features: &str,
    build_rs: &str,
    lib_rs: &str,
    manifest_extra: &str,
) -> (tempfile::TempDir, PathBuf) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    let project = tempfile::tempdir().unwrap();
    let p = project.path();
    write(
        &p.join("Cargo.toml"),
        &format!(
            r#"[package]
name = "{package}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
mdbind-runtime = {{ path = "{runtime}", features = [{runtime_features}] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"

[build-dependencies]
mdbind = {{ path = "{generator}", default-features = false }}

[workspace]
{manifest_extra}"#,
            runtime = root.join("runtime").display(),
            generator = root.join("generator").display(),
        ),
    );
    write(&p.join("build.rs"), build_rs);
    write(&p.join("src/lib.rs"), lib_rs);
    std::fs::copy(root.join("Cargo.lock"), p.join("Cargo.lock")).unwrap();
    for page in mdbind::docs_files(docs).unwrap() {
        let name = page.file_name().unwrap();
        std::fs::create_dir_all(p.join("docs")).unwrap();
        std::fs::copy(docs.join(&page), p.join("docs").join(name)).unwrap();
    }
    // Kept between runs so that only the first run compiles the dependencies.
    let target = root.join("target/build-script-probe");
    // Probes build offline, but may need crates the workspace's own build
    // never downloads (the runtime's optional `time` feature): fetched here
    // first. Without a network this fails, and the offline build then names
    // the crate it lacks.
    let _ = cargo(p, &target, &["fetch"]);
    (project, target)
}
