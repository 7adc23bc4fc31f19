//! The `mdbind` binary as users run it: exit codes, JSON output, files written.

mod common;

use std::process::Command;

use common::docs_input;
use serde_json::Value;

fn mdbind(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mdbind"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn schema_of_the_seeds() {
    let docs = docs_input();
    let (code, stdout, _) = mdbind(&["schema", docs.to_str().unwrap()]);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&stdout).unwrap();
    let types: Vec<(String, bool)> = schema["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                format!(
                    "{}.{}",
                    t["namespace"].as_str().unwrap(),
                    t["name"].as_str().unwrap()
                ),
                t["inferred"] == true,
            )
        })
        .collect();
    assert_eq!(
        types,
        [
            (
                "Microsoft.AAD.Reporting.credentialUserRegistrationDetails".to_string(),
                false
            ),
            (
                "Microsoft.AAD.Reporting.userCredentialUsageDetails".to_string(),
                false
            ),
            ("microsoft.graph.credentialUsageSummary".to_string(), false),
            (
                "microsoft.graph.userCredentialUsageDetails".to_string(),
                true
            ),
        ]
    );
    let enums: Vec<(&str, usize)> = schema["enums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap(),
                e["members"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        enums,
        [
            ("CredentialUserRegistrationDetailsAuthMethods", 10),
            ("UserCredentialUsageDetailsAuthMethod", 11),
            ("UserCredentialUsageDetailsFeature", 3),
            ("CredentialUsageSummaryAuthMethod", 11),
            ("CredentialUsageSummaryFeature", 3),
        ]
    );
    let ops: Vec<(&str, &str, Vec<&str>, i64)> = schema["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["method"].as_str().unwrap(),
                o["paths"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap())
                    .collect(),
                o["response"]["status"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("credentialusagesummary-post", "POST", vec![], 201),
            (
                "credentialuserregistrationdetails-post",
                "POST",
                vec!["/reports/credentialUserRegistrationDetails/$ref"],
                201
            ),
            (
                "reportroot-list-usercredentialusagedetails",
                "GET",
                vec!["/reports/userCredentialUsageDetails"],
                200
            ),
            (
                "usercredentialusagedetails-post",
                "POST",
                vec!["/reports/userCredentialUsageDetails/$ref"],
                201
            ),
            (
                "usercredentialusagedetails-update",
                "PATCH",
                vec!["/reports/userCredentialUsageDetails/{userCredentialUsageDetailsId}"],
                200
            ),
        ]
    );
    let list = &schema["operations"][2];
    assert_eq!(list["response"]["collection"], true);
    assert_eq!(list["query_params"][0]["name"], "period");
    assert_eq!(list["permissions"][0]["scopes"][0], "Reports.Read.All");
    assert_eq!(
        schema["operations"][4]["path_params"][0]["name"],
        "userCredentialUsageDetailsId"
    );
}

#[test]
fn check_reports_warnings_and_succeeds() {
    let docs = docs_input();
    let (code, stdout, _) = mdbind(&["check", docs.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 29);
    let first = &report["diagnostics"][0];
    for field in ["file", "line", "severity", "code", "message"] {
        assert!(!first[field].is_null(), "missing {field}");
    }
    let (code, human, _) = mdbind(&["check", docs.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(human.contains("warning[example-json-lenient]"), "{human}");
    assert!(
        human
            .trim_end()
            .ends_with("mdbind check: 0 errors, 29 warnings"),
        "{human}"
    );
}

#[test]
fn check_fails_on_errors_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), b"# Title\n\xff\xfe not UTF-8\n").unwrap();
    std::fs::copy(
        docs_input().join("api/usercredentialusagedetails-update.md"),
        dir.path().join("usercredentialusagedetails-update.md"),
    )
    .unwrap();
    let (code, stdout, _) = mdbind(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"], 1);
    let error = &report["diagnostics"][0];
    assert_eq!(
        (error["code"].as_str(), error["file"].as_str()),
        (Some("unreadable-page"), Some("bad.md"))
    );
    // The readable page was still read.
    let (_, schema, _) = mdbind(&["schema", dir.path().to_str().unwrap()]);
    let schema: Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(schema["operations"].as_array().unwrap().len(), 1);
}

#[test]
fn generate_writes_then_leaves_unchanged() {
    let out = tempfile::tempdir().unwrap();
    let docs = docs_input();
    let args = [
        "generate",
        docs.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ];
    let (code, _, stderr) = mdbind(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("4 created, 0 updated, 0 unchanged"),
        "{stderr}"
    );
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "handlers.rs",
            "mdbind.rs",
            "microsoft_aad_reporting.rs",
            "microsoft_graph.rs"
        ]
    );
    let before = std::fs::metadata(out.path().join("mdbind.rs"))
        .unwrap()
        .modified()
        .unwrap();
    let (code, _, stderr) = mdbind(&args);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("0 created, 0 updated, 4 unchanged, 0 removed"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::metadata(out.path().join("mdbind.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(mdbind(&["generate"]).0, 2);
    assert_eq!(mdbind(&["schema", "/nonexistent/docs"]).0, 2);
}

#[test]
fn generate_check_reports_stale_missing_and_leftover_files() {
    let out = tempfile::tempdir().unwrap();
    let docs = docs_input();
    let (docs_arg, out_arg) = (docs.to_str().unwrap(), out.path().to_str().unwrap());
    // Nothing generated yet: every file is missing, nothing is written.
    let (code, stdout, _) = mdbind(&["generate", docs_arg, "--out", out_arg, "--check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("missing: "))
            .count(),
        4,
        "{stdout}"
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    // Fresh output passes.
    assert_eq!(mdbind(&["generate", docs_arg, "--out", out_arg]).0, 0);
    let (code, stdout, stderr) = mdbind(&["generate", docs_arg, "--out", out_arg, "--check"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    // An edited file and a generated file mdbind no longer makes are both reported.
    let handlers = out.path().join("handlers.rs");
    std::fs::write(
        &handlers,
        std::fs::read_to_string(&handlers).unwrap() + "\n// edited\n",
    )
    .unwrap();
    std::fs::write(
        out.path().join("old.rs"),
        format!("{} long ago\n", mdbind::emit::HEADER_MARK),
    )
    .unwrap();
    let (code, stdout, _) = mdbind(&["generate", docs_arg, "--out", out_arg, "--check"]);
    assert_eq!(code, 1);
    let mut lines: Vec<&str> = stdout.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("left over: {}", out.path().join("old.rs").display()),
            format!("stale: {}", handlers.display()),
        ]
    );
}

/// What a user sees from `mdbind check docs-input` (no colour: not a terminal).
#[test]
fn rendered_diagnostics_of_the_seeds() {
    let root = docs_input().join("..").canonicalize().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mdbind"))
        .args(["check", "docs-input"])
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "no escape codes outside a terminal"
    );
    insta::assert_snapshot!("check_docs_input_human", text);
}
