//! A user implements a generated handler trait and calls it: the trait, its
//! typed requests and responses, and the data they carry work as documented.

mod common;

use common::Store;
use docs_bindings::handlers::*;
use docs_bindings::microsoft_aad_reporting::{
    UserCredentialUsageDetails, UserCredentialUsageDetailsFeature,
};
use mdbind_runtime::{Operation, Tristate};

#[tokio::test]
async fn implement_and_call_a_generated_trait() {
    let store = Store::default();
    let body = UserCredentialUsageDetails {
        feature: Some(Some(UserCredentialUsageDetailsFeature::Registration)),
        user_principal_name: Some(Some("a@b.com".into())),
        ..Default::default()
    };
    let created = store
        .add_user_credential_usage_details(AddUserCredentialUsageDetailsRequest {
            path: AddUserCredentialUsageDetailsRequest::SPEC.paths[0],
            query: Default::default(),
            body,
            http: Default::default(),
        })
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let item = created.into_body();
    assert_eq!(item.id.flatten().as_deref(), Some("id-1"));

    let update = UpdateUserCredentialUsageDetailsRequest {
        path: UpdateUserCredentialUsageDetailsRequest::SPEC.paths[0],
        user_credential_usage_details_id: "id-1".into(),
        query: Default::default(),
        http: Default::default(),
        body: UserCredentialUsageDetails {
            feature: Some(Some(UserCredentialUsageDetailsFeature::Reset)),
            ..Default::default()
        },
    };
    let updated = store
        .update_user_credential_usage_details(update)
        .await
        .unwrap();
    assert_eq!(updated.status(), 200);

    let missing = UpdateUserCredentialUsageDetailsRequest {
        path: UpdateUserCredentialUsageDetailsRequest::SPEC.paths[0],
        user_credential_usage_details_id: "nope".into(),
        query: Default::default(),
        http: Default::default(),
        body: UserCredentialUsageDetails::default(),
    };
    let error = store
        .update_user_credential_usage_details(missing)
        .await
        .unwrap_err();
    assert_eq!(
        (error.status, error.body.error.code.as_str()),
        (404, "Request_ResourceNotFound")
    );

    let list = store
        .list_credentials_usage_details(ListCredentialsUsageDetailsRequest {
            path: ListCredentialsUsageDetailsRequest::SPEC.paths[0],
            query: Default::default(),
            http: Default::default(),
            period: None,
            feature: Some("reset".into()),
        })
        .await
        .unwrap();
    let page = list.0;
    assert_eq!(page.value.len(), 1);
    assert_eq!(
        page.value[0].feature.value().map(String::as_str),
        Some("reset")
    );
    assert_eq!(
        serde_json::to_value(&page).unwrap(),
        serde_json::json!({"value": [{"id": "id-1", "feature": "reset"}]})
    );
}

#[test]
fn requests_carry_their_documented_route() {
    let update = UpdateUserCredentialUsageDetailsRequest::SPEC;
    assert_eq!(
        (update.operation, update.method),
        ("usercredentialusagedetails-update", "PATCH")
    );
    assert_eq!(
        update.paths,
        ["/reports/userCredentialUsageDetails/{userCredentialUsageDetailsId}"]
    );
    assert_eq!(ListCredentialsUsageDetailsRequest::SPEC.method, "GET");
    // The response type carries the documented status.
    assert_eq!(AddUserCredentialUsageDetailsResponse::STATUS, 201);
}

/// A handler that implements nothing still compiles, and every operation
/// answers 501 until it is implemented (so a new operation in the docs breaks
/// no implementation).
#[tokio::test]
async fn unimplemented_operations_answer_501() {
    struct Nothing;
    impl CredentialUserRegistrationDetailsHandler for Nothing {}
    let request = AddCredentialUserRegistrationDetailsRequest {
        path: AddCredentialUserRegistrationDetailsRequest::SPEC.paths[0],
        query: Default::default(),
        body: Default::default(),
        http: Default::default(),
    };
    let error = Nothing
        .add_credential_user_registration_details(request)
        .await
        .unwrap_err();
    assert_eq!(
        (error.status, error.body.error.code.as_str()),
        (501, "notImplemented")
    );
    assert!(error
        .body
        .error
        .message
        .contains("credentialuserregistrationdetails-post"));
}
