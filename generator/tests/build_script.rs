//! A real cargo project whose build.rs uses mdbind: the first build runs the
//! build script, a build with no change does not, and touching or adding a
//! doc runs it again. Read off `cargo build -v`, which says `Running` for a
//! script it runs and `Fresh` for a package it leaves alone.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "mdbind-build-probe";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `cargo build -v` in `project`; returns stderr.
fn build(project: &Path, target: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "-v", "--offline"])
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cargo build failed:\n{stderr}");
    stderr
}

fn ran_build_script(stderr: &str) -> bool {
    stderr.lines().any(|l| {
        l.trim_start().starts_with("Running")
            && l.contains(PACKAGE)
            && l.contains("build-script-build")
    })
}

/// A cargo project at a temporary path: mdbind as build-dependency, the seed
/// pages as `docs/`, the given build.rs and lib.rs.
fn probe(
    package: &str,
    runtime_features: &str,
    build_rs: &str,
    lib_rs: &str,
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
"#,
            runtime = root.join("runtime").display(),
            generator = root.join("generator").display(),
        ),
    );
    write(&p.join("build.rs"), build_rs);
    write(&p.join("src/lib.rs"), lib_rs);
    std::fs::copy(root.join("Cargo.lock"), p.join("Cargo.lock")).unwrap();
    for page in mdbind::docs_files(&common::docs_input()).unwrap() {
        let name = page.file_name().unwrap();
        std::fs::create_dir_all(p.join("docs")).unwrap();
        std::fs::copy(common::docs_input().join(&page), p.join("docs").join(name)).unwrap();
    }
    // Kept between runs so that only the first run compiles the dependencies.
    let target = root.join("target/build-script-probe");
    (project, target)
}

#[test]
fn build_script_reruns_only_when_docs_change() {
    let (project, target) = probe(
        PACKAGE,
        "",
        "fn main() { mdbind::Builder::new().docs(\"docs\").warning_lines(0).generate().unwrap(); }\n",
        "include!(concat!(env!(\"OUT_DIR\"), \"/mdbind.rs\"));\n",
    );
    let p = project.path();

    let first = build(p, &target);
    assert!(
        ran_build_script(&first),
        "first build runs the script:\n{first}"
    );

    let second = build(p, &target);
    assert!(!ran_build_script(&second), "no change, no rerun:\n{second}");
    assert!(second.contains(&format!("Fresh {PACKAGE}")), "{second}");

    let page = p.join("docs/usercredentialusagedetails-update.md");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text + "\n").unwrap();
    let touched = build(p, &target);
    assert!(
        ran_build_script(&touched),
        "a changed doc reruns the script:\n{touched}"
    );

    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::copy(&page, p.join("docs/another-page.md")).unwrap();
    let added = build(p, &target);
    assert!(
        ran_build_script(&added),
        "an added doc reruns the script:\n{added}"
    );

    let again = build(p, &target);
    assert!(
        !ran_build_script(&again),
        "and then it is quiet again:\n{again}"
    );
}

/// Bindings generated with `DateTimeCrate::Time` compile against the
/// runtime's `time` feature, and an instant round-trips through them.
#[test]
fn time_crate_bindings_compile_and_work() {
    let build_rs = "fn main() { mdbind::Builder::new().docs(\"docs\").warning_lines(0)\
        .date_time(mdbind::DateTimeCrate::Time).generate().unwrap(); }\n";
    let lib_rs = r#"include!(concat!(env!("OUT_DIR"), "/mdbind.rs"));

#[test]
fn instant_round_trips() {
    let json = serde_json::json!({"eventDateTime": "2019-04-01T00:00:00Z"});
    let details: microsoft_graph::UserCredentialUsageDetails = serde_json::from_value(json).unwrap();
    let at: &mdbind_runtime::time_types::DateTimeOffset = details.event_date_time.as_ref().unwrap();
    assert_eq!(at.year(), 2019);
    let back = serde_json::to_value(&details).unwrap();
    assert_eq!(back["eventDateTime"], "2019-04-01T00:00:00Z");
}
"#;
    let (project, target) = probe("mdbind-time-probe", "\"time\"", build_rs, lib_rs);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["test", "--offline"])
        .current_dir(project.path())
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("test instant_round_trips ... ok"),
        "{stdout}"
    );
}
