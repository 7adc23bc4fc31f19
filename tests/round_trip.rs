//! Every example body in `docs-input` survives the generated types: it is
//! read into the type its operation documents and written back to JSON equal
//! to the original.
//!
//! "Equal" is JSON equality except for two documented differences in spelling
//! that carry the same value: numbers are compared by value (`7` and `7.0`),
//! and date-times by instant (`…34.1704434+00:00` is written back as
//! `…34.170443400+00:00`, `Z` as `+00:00`). Nothing else may differ: no
//! member may be lost, added or changed.

use mdbind_runtime::same_json as same_value;

#[test]
fn every_example_body_round_trips() {
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input");
    let schema = mdbind::load(&docs).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in &schema.operations {
        for example in &op.examples {
            let (Some(body), Some(typ)) = (&example.body, &example.body_type) else {
                continue;
            };
            let at = format!("{}:{}", example.source.file, example.source.line);
            let body = body.to_value();
            match docs_bindings::reserialize(typ, example.body_collection, body.clone()) {
                None => failures.push(format!("{at}: no generated type for `{typ}`")),
                Some(Err(e)) => failures.push(format!("{at}: `{typ}` does not read it: {e}")),
                Some(Ok(back)) if !same_value(&body, &back) => failures.push(format!(
                    "{at}: `{typ}` changed it:\n  in:  {body}\n  out: {back}"
                )),
                Some(Ok(_)) => checked += 1,
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // 5 pages: 4 request bodies and 5 response bodies (the GET has no request body).
    assert_eq!(checked, 9);
}

#[test]
fn enum_values_outside_the_docs_round_trip_as_other() {
    use docs_bindings::microsoft_aad_reporting::{
        UserCredentialUsageDetails, UserCredentialUsageDetailsFeature as Feature,
    };
    let json =
        serde_json::json!({"feature": "String", "authMethod": "fido", "extra": {"kept": [1, 2]}});
    let details: UserCredentialUsageDetails = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(details.feature, Some(Some(Feature::Other("String".into()))));
    assert_eq!(
        details.additional_properties["extra"],
        serde_json::json!({"kept": [1, 2]})
    );
    assert_eq!(serde_json::to_value(&details).unwrap(), json);
    assert_eq!(Feature::from("reset"), Feature::Reset);
    assert_eq!(Feature::UnknownFutureValue.as_ref(), "unknownFutureValue");
    assert_eq!(Feature::Other("x".into()).as_ref(), "x");
}

/// An explicit `null` is not an absent member: Graph PATCH clears a property
/// sent as `null`. Both survive a round trip, and read apart.
#[test]
fn null_and_absent_stay_apart() {
    use docs_bindings::microsoft_aad_reporting::UserCredentialUsageDetails;
    use mdbind_runtime::Tristate;
    let json = serde_json::json!({"failureReason": null, "userDisplayName": "abc"});
    let details: UserCredentialUsageDetails = serde_json::from_value(json.clone()).unwrap();
    assert!(details.failure_reason.is_null());
    assert_eq!(
        details.user_display_name.value().map(String::as_str),
        Some("abc")
    );
    assert_eq!(details.user_principal_name, None);
    assert_eq!(serde_json::to_value(&details).unwrap(), json);
}
