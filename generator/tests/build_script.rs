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

#[test]
fn build_script_reruns_only_when_docs_change() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap();
    let project = tempfile::tempdir().unwrap();
    let p = project.path();
    write(
        &p.join("Cargo.toml"),
        &format!(
            r#"[package]
name = "{PACKAGE}"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
mdbind-runtime = {{ path = "{runtime}" }}
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
    write(&p.join("build.rs"), "fn main() { mdbind::Builder::new().docs(\"docs\").warning_lines(0).generate().unwrap(); }\n");
    write(
        &p.join("src/lib.rs"),
        "include!(concat!(env!(\"OUT_DIR\"), \"/mdbind.rs\"));\n",
    );
    std::fs::copy(root.join("Cargo.lock"), p.join("Cargo.lock")).unwrap();
    for page in mdbind::docs_files(&common::docs_input()).unwrap() {
        let name = page.file_name().unwrap();
        std::fs::create_dir_all(p.join("docs")).unwrap();
        std::fs::copy(common::docs_input().join(&page), p.join("docs").join(name)).unwrap();
    }
    // Kept between runs so that only the first run compiles the dependencies.
    let target = root.join("target/build-script-probe");

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
