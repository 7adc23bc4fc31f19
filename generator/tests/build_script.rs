//! A real cargo project whose build.rs uses mdbind: the first build runs the
//! build script, a build with no change does not, and touching or adding a
//! doc runs it again. Read off `cargo build -v`, which says `Running` for a
//! script it runs and `Fresh` for a package it leaves alone.

mod common;

use std::path::Path;

const PACKAGE: &str = "mdbind-build-probe";

/// `cargo build -v` in `project`; returns stderr.
fn build(project: &Path, target: &Path) -> String {
    let (ok, _, stderr) = common::cargo(project, target, &["build", "-v", "--offline"]);
    assert!(ok, "cargo build failed:\n{stderr}");
    stderr
}

fn ran_build_script(stderr: &str) -> bool {
    ran_build_script_of(PACKAGE, stderr)
}

fn ran_build_script_of(package: &str, stderr: &str) -> bool {
    stderr.lines().any(|l| {
        l.trim_start().starts_with("Running")
            && l.contains(package)
            && l.contains("build-script-build")
    })
}

#[test]
fn build_script_reruns_only_when_docs_change() {
    let (project, target) = common::probe(
        PACKAGE,
        &common::docs_input(),
        "",
        "fn main() { mdbind::Builder::new().docs(\"docs\").warning_lines(0).generate().unwrap(); }\n",
        "include!(concat!(env!(\"OUT_DIR\"), \"/mdbind.rs\"));\n", "",
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
    let at: &mdbind_runtime::time_types::DateTimeOffset = mdbind_runtime::Tristate::value(&details.event_date_time).unwrap();
    assert_eq!(at.year(), 2019);
    let back = serde_json::to_value(&details).unwrap();
    assert_eq!(back["eventDateTime"], "2019-04-01T00:00:00Z");
}
"#;
    let (project, target) = common::probe(
        "mdbind-time-probe",
        &common::docs_input(),
        "\"time\"",
        build_rs,
        lib_rs,
        "",
    );
    let (ok, stdout, stderr) = common::cargo(project.path(), &target, &["test", "--offline"]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("test instant_round_trips ... ok"),
        "{stdout}"
    );
}

/// `features_by(Namespace)` with the server and the mock, in a crate that
/// declares only the `microsoft-graph` feature: what that namespace needs is
/// compiled (its type, its operation's route and mock answer), the rest is not,
/// and nothing warns about the features left undeclared.
#[test]
fn features_by_namespace_compiles_only_what_is_declared() {
    let build_rs = r#"fn main() {
    let generated = mdbind::Builder::new()
        .docs("docs")
        .features_by(mdbind::FeaturesBy::Namespace)
        .server(true)
        .mock(true)
        .warning_lines(0)
        .generate()
        .unwrap();
    assert_eq!(generated.features, ["microsoft-aad-reporting", "microsoft-graph"]);
}
"#;
    let lib_rs = r#"include!(concat!(env!("OUT_DIR"), "/mdbind.rs"));

#[test]
fn only_the_declared_namespace_is_compiled() {
    let body = serde_json::json!({"id": "1"});
    assert!(reserialize("microsoft.graph.userCredentialUsageDetails", false, body.clone()).is_some());
    assert!(reserialize("Microsoft.AAD.Reporting.userCredentialUsageDetails", false, body).is_none());
    let routed: Vec<&str> = server::ROUTES.iter().map(|r| r.operation).collect();
    assert_eq!(routed, ["reportroot-list-usercredentialusagedetails"]);
    let _mock = mock::router();
}
"#;
    let manifest = "\n[features]\ndefault = [\"microsoft-graph\", \"server\", \"mock\"]\n\
                    microsoft-graph = []\nserver = [\"mdbind-runtime/server\"]\nmock = []\n";
    let (project, target) = common::probe(
        "mdbind-features-probe",
        &common::docs_input(),
        "",
        build_rs,
        lib_rs,
        manifest,
    );
    let (ok, stdout, stderr) = common::cargo(project.path(), &target, &["test", "--offline"]);
    assert!(ok, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("test only_the_declared_namespace_is_compiled ... ok"),
        "{stdout}"
    );
    assert!(!stderr.contains("warning: unexpected"), "{stderr}");
}

/// A build script on mdbind's own allocator (feature `mimalloc`), as the
/// README suggests for large docs folders: it builds, and mimalloc is what
/// serves its allocations.
#[test]
fn build_script_can_run_on_the_cli_allocator() {
    let build_rs = r#"#[global_allocator]
static ALLOCATOR: mdbind::allocator::MiMalloc = mdbind::allocator::MiMalloc;

fn main() {
    mdbind::allocator::tune();
    assert!(mdbind::allocator::is_global(), "mimalloc does not serve this build script");
    mdbind::Builder::new().docs("docs").warning_lines(0).generate().unwrap();
}
"#;
    let package = "mdbind-allocator-probe";
    let (project, target) = common::probe(
        package,
        &common::docs_input(),
        "",
        build_rs,
        "include!(concat!(env!(\"OUT_DIR\"), \"/mdbind.rs\"));\n",
        "",
    );
    let manifest = project.path().join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let with_feature = text.replace(
        "default-features = false }",
        "default-features = false, features = [\"mimalloc\"] }",
    );
    assert_ne!(with_feature, text, "the probe's mdbind dependency moved");
    std::fs::write(&manifest, with_feature).unwrap();
    let stderr = build(project.path(), &target);
    assert!(ran_build_script_of(package, &stderr), "{stderr}");
}
