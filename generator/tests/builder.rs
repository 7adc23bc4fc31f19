//! The `Builder` options a build script uses, checked on the generated code.

mod common;

use common::docs_input;

fn generate(builder: mdbind::Builder) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    builder
        .docs(docs_input())
        .out_dir(out.path())
        .generate()
        .unwrap();
    let mut all = String::new();
    let mut names: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        syn::parse_file(&text).unwrap();
        all.push_str(&text);
    }
    (out, all)
}

#[test]
fn extern_type_replaces_a_documented_type() {
    let builder = mdbind::Builder::new()
        .extern_type(
            "microsoft.graph.credentialUsageSummary",
            "my_crate::Summary",
        )
        .unwrap();
    let (_out, code) = generate(builder);
    assert!(!code.contains("pub struct CredentialUsageSummary"));
    assert!(
        !code.contains("\"microsoft.graph.credentialUsageSummary\" =>"),
        "not in reserialize either"
    );
    let (_out, plain) = generate(mdbind::Builder::new());
    assert!(plain.contains("pub struct CredentialUsageSummary"));
}

#[test]
fn extern_type_is_used_where_the_type_is_referenced() {
    let builder = mdbind::Builder::new()
        .extern_type(
            "Microsoft.AAD.Reporting.userCredentialUsageDetails",
            "my_crate::Details",
        )
        .unwrap();
    let (_out, code) = generate(builder);
    assert!(
        code.contains("pub body: my_crate::Details"),
        "the request body uses the user's type"
    );
    let squeezed: String = code.split_whitespace().collect();
    assert!(
        squeezed.contains("Response=::mdbind_runtime::Response<my_crate::Details,201"),
        "the response (201 Created) carries the user's type"
    );
}

#[test]
fn namespaces_limit_what_is_generated() {
    let (out, code) = generate(mdbind::Builder::new().namespaces(["microsoft.graph"]));
    assert!(!out.path().join("microsoft_aad_reporting.rs").exists());
    assert!(out.path().join("microsoft_graph.rs").exists());
    // Operations on types of other namespaces take untyped JSON.
    assert!(code.contains("pub body: ::serde_json::Value"), "{code}");
}

#[test]
fn type_attributes_go_where_selected() {
    let builder = mdbind::Builder::new()
        .type_attribute("microsoft.graph", "#[doc(alias = \"graph\")]")
        .unwrap()
        .type_attribute(
            "Microsoft.AAD.Reporting.UserCredentialUsageDetailsFeature",
            "#[derive(PartialOrd)]",
        )
        .unwrap();
    let (_out, code) = generate(builder);
    assert_eq!(
        code.matches("#[doc(alias = \"graph\")]").count(),
        4,
        "2 types and 2 enums of microsoft.graph"
    );
    assert_eq!(code.matches("#[derive(PartialOrd)]").count(), 1);
}

#[test]
fn bad_configuration_is_a_typed_error() {
    assert!(matches!(
        mdbind::Builder::new().type_attribute(".", "derive(Eq)"),
        Err(mdbind::Error::Config(_))
    ));
    assert!(matches!(
        mdbind::Builder::new().extern_type("x.y", "not a path"),
        Err(mdbind::Error::Config(_))
    ));
    assert!(matches!(
        mdbind::Builder::new().out_dir("/tmp/x").generate(),
        Err(mdbind::Error::Config(_))
    ));
}
