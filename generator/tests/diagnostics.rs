//! Every flaw of the seed pages is reported with its code, file and line, and
//! nothing else is; the run still produces the full schema.

mod common;

use common::docs_input;

#[test]
fn seed_flaws_are_reported_at_their_lines() {
    let schema = mdbind::load(&docs_input()).unwrap();
    let got: Vec<(&str, &str, u32)> = schema
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line))
        .collect();
    let expected: Vec<(&str, &str, u32)> = vec![
        // Seed 003: placeholder scopes, the broken request line, the undocumented
        // base `entity`, and "String" where the enum wants a member.
        (
            "permission-placeholder",
            "api/credentialusagesummary-post.md",
            21,
        ),
        (
            "permission-placeholder",
            "api/credentialusagesummary-post.md",
            23,
        ),
        (
            "unroutable-request-line",
            "api/credentialusagesummary-post.md",
            31,
        ),
        ("unresolved-type", "api/credentialusagesummary-post.md", 47),
        (
            "example-enum-value",
            "api/credentialusagesummary-post.md",
            74,
        ),
        (
            "example-enum-value",
            "api/credentialusagesummary-post.md",
            77,
        ),
        (
            "example-enum-value",
            "api/credentialusagesummary-post.md",
            97,
        ),
        (
            "example-enum-value",
            "api/credentialusagesummary-post.md",
            100,
        ),
        // Seed 001: as seed 000, with an enum collection.
        (
            "permission-placeholder",
            "api/credentialuserregistrationdetails-post.md",
            21,
        ),
        (
            "permission-placeholder",
            "api/credentialuserregistrationdetails-post.md",
            23,
        ),
        (
            "example-url-mismatch",
            "api/credentialuserregistrationdetails-post.md",
            70,
        ),
        (
            "example-enum-value",
            "api/credentialuserregistrationdetails-post.md",
            79,
        ),
        (
            "example-enum-value",
            "api/credentialuserregistrationdetails-post.md",
            107,
        ),
        // Seed 004: the type it lists is documented nowhere, a header line
        // stands in the body, and the JSON has a trailing comma.
        (
            "inferred-type",
            "api/reportroot-list-usercredentialusagedetails.md",
            78,
        ),
        (
            "example-stray-text",
            "api/reportroot-list-usercredentialusagedetails.md",
            82,
        ),
        (
            "example-json-lenient",
            "api/reportroot-list-usercredentialusagedetails.md",
            95,
        ),
        // Seed 000: `/$ref` in the request line but not in the example URL.
        (
            "permission-placeholder",
            "api/usercredentialusagedetails-post.md",
            21,
        ),
        (
            "permission-placeholder",
            "api/usercredentialusagedetails-post.md",
            23,
        ),
        (
            "example-url-mismatch",
            "api/usercredentialusagedetails-post.md",
            70,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-post.md",
            76,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-post.md",
            80,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-post.md",
            102,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-post.md",
            106,
        ),
        // Seed 002.
        (
            "permission-placeholder",
            "api/usercredentialusagedetails-update.md",
            21,
        ),
        (
            "permission-placeholder",
            "api/usercredentialusagedetails-update.md",
            23,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-update.md",
            75,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-update.md",
            79,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-update.md",
            100,
        ),
        (
            "example-enum-value",
            "api/usercredentialusagedetails-update.md",
            104,
        ),
    ];
    assert_eq!(got, expected);
    assert!(schema
        .diagnostics
        .iter()
        .all(|d| d.severity == mdbind::Severity::Warning));
}

#[test]
fn messages_say_what_and_what_was_done() {
    let schema = mdbind::load(&docs_input()).unwrap();
    let find = |code: &str| {
        schema
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == code)
            .unwrap()
    };
    let lenient = find("example-json-lenient");
    assert_eq!(
        lenient.message,
        "example JSON is not valid JSON: trailing comma"
    );
    let mismatch = find("example-url-mismatch");
    assert!(
        mismatch
            .message
            .contains("`/reports/credentialUserRegistrationDetails`"),
        "{}",
        mismatch.message
    );
    assert!(
        mismatch
            .message
            .contains("`/reports/credentialUserRegistrationDetails/$ref`"),
        "{}",
        mismatch.message
    );
    let enum_value = find("example-enum-value");
    assert!(
        enum_value
            .message
            .starts_with("example value `String` is not a member of enum"),
        "{}",
        enum_value.message
    );
    for d in &schema.diagnostics {
        assert!(!d.action.is_empty(), "{d:?} says nothing of what was done");
    }
    // The unroutable operation is still in the schema, out of the traits.
    let op = schema
        .operations
        .iter()
        .find(|o| o.name == "credentialusagesummary-post")
        .unwrap();
    assert!(!op.routable && op.paths.is_empty() && op.handler.is_none());
    assert_eq!(op.method.as_deref(), Some("POST"));
}

#[test]
fn rendered_like_rustc() {
    let schema = mdbind::load(&docs_input()).unwrap();
    let d = schema
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "unroutable-request-line")
        .unwrap();
    let text = d.render(&docs_input());
    assert!(
        text.starts_with("warning[unroutable-request-line]: request line is not `METHOD /path`"),
        "{text}"
    );
    assert!(
        text.contains("api/credentialusagesummary-post.md:31"),
        "{text}"
    );
    assert!(
        text.contains(
            "31 | POST ** Collection URI for microsoft.graph.credentialUsageSummary not found"
        ),
        "{text}"
    );
    assert!(
        text.contains("note: kept the operation in the schema as unroutable"),
        "{text}"
    );
}

/// Two operations documenting one route: the diagnostic goes to the one
/// routers try second, in schema order (by operation name), whatever order
/// the pages are read in: here `a/zeta.md` is read before `b/alpha.md`.
#[test]
fn an_ambiguous_route_is_reported_on_the_operation_tried_second() {
    let docs = tempfile::tempdir().unwrap();
    let page =
        |title: &str| format!("# {title}\n\n## HTTP request\n\n```http\nGET /things/{{id}}\n```\n");
    for (dir, file, title) in [("a", "zeta.md", "Get zeta"), ("b", "alpha.md", "Get alpha")] {
        std::fs::create_dir_all(docs.path().join(dir)).unwrap();
        std::fs::write(docs.path().join(dir).join(file), page(title)).unwrap();
    }
    let schema = mdbind::load(docs.path()).unwrap();
    let ambiguous: Vec<_> = schema
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "ambiguous-route")
        .collect();
    assert_eq!(ambiguous.len(), 1, "{:?}", schema.diagnostics);
    assert_eq!(ambiguous[0].file, "a/zeta.md");
    assert!(
        ambiguous[0].message.contains("operation `alpha`"),
        "{}",
        ambiguous[0].message
    );
}
