//! A user implements a generated handler trait and calls it: the trait, its
//! typed requests and responses, and the data they carry work as documented.

use std::collections::HashMap;
use std::sync::Mutex;

use docs_bindings::handlers::*;
use docs_bindings::microsoft_aad_reporting::{
    UserCredentialUsageDetails, UserCredentialUsageDetailsFeature,
};
use docs_bindings::microsoft_graph;
use mdbind_runtime::{GraphError, Page, Tristate};

/// An in-memory store behind the documented operations.
#[derive(Default)]
struct Store {
    items: Mutex<HashMap<String, UserCredentialUsageDetails>>,
}

impl UserCredentialUsageDetailsHandler for Store {
    async fn list_credentials_usage_details(
        &self,
        request: ListCredentialsUsageDetailsRequest,
    ) -> Result<ListCredentialsUsageDetailsResponse, GraphError> {
        let items = self.items.lock().unwrap();
        let mut value: Vec<microsoft_graph::UserCredentialUsageDetails> = items
            .values()
            .filter(|d| {
                request
                    .feature
                    .as_deref()
                    .is_none_or(|f| d.feature.value().is_some_and(|x| x.as_str() == f))
            })
            .map(|d| microsoft_graph::UserCredentialUsageDetails {
                id: d.id.clone(),
                feature: d
                    .feature
                    .as_ref()
                    .map(|f| f.as_ref().map(|f| f.as_str().to_owned())),
                ..Default::default()
            })
            .collect();
        value.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(ListCredentialsUsageDetailsResponse::Ok(Page::new(value)))
    }

    async fn add_user_credential_usage_details(
        &self,
        request: AddUserCredentialUsageDetailsRequest,
    ) -> Result<AddUserCredentialUsageDetailsResponse, GraphError> {
        let mut item = request.body;
        let mut items = self.items.lock().unwrap();
        // Properties are absent (None), null (Some(None)) or set (Some(Some(v))).
        let id = item
            .id
            .clone()
            .flatten()
            .unwrap_or_else(|| format!("id-{}", items.len() + 1));
        item.id = Some(Some(id.clone()));
        items.insert(id, item.clone());
        Ok(AddUserCredentialUsageDetailsResponse::Created(item))
    }

    async fn update_user_credential_usage_details(
        &self,
        request: UpdateUserCredentialUsageDetailsRequest,
    ) -> Result<UpdateUserCredentialUsageDetailsResponse, GraphError> {
        let mut items = self.items.lock().unwrap();
        let Some(item) = items.get_mut(&request.user_credential_usage_details_id) else {
            return Err(GraphError::new(
                404,
                "Request_ResourceNotFound",
                "no such item",
            ));
        };
        if request.body.feature.is_some() {
            item.feature = request.body.feature;
        }
        Ok(UpdateUserCredentialUsageDetailsResponse::Ok(item.clone()))
    }
}

#[tokio::test]
async fn implement_and_call_a_generated_trait() {
    let store = Store::default();
    let body = UserCredentialUsageDetails {
        feature: Some(Some(UserCredentialUsageDetailsFeature::Registration)),
        user_principal_name: Some(Some("a@b.com".into())),
        ..Default::default()
    };
    let created = store
        .add_user_credential_usage_details(AddUserCredentialUsageDetailsRequest { body })
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let AddUserCredentialUsageDetailsResponse::Created(item) = created;
    assert_eq!(item.id.flatten().as_deref(), Some("id-1"));

    let update = UpdateUserCredentialUsageDetailsRequest {
        user_credential_usage_details_id: "id-1".into(),
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
        user_credential_usage_details_id: "nope".into(),
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
            period: None,
            feature: Some("reset".into()),
        })
        .await
        .unwrap();
    let ListCredentialsUsageDetailsResponse::Ok(page) = list;
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
    assert_eq!(UpdateUserCredentialUsageDetailsRequest::METHOD, "PATCH");
    assert_eq!(
        UpdateUserCredentialUsageDetailsRequest::PATHS,
        ["/reports/userCredentialUsageDetails/{userCredentialUsageDetailsId}"]
    );
    assert_eq!(ListCredentialsUsageDetailsRequest::METHOD, "GET");
}

/// A handler that implements nothing still compiles, and every operation
/// answers 501 until it is implemented (so a new operation in the docs breaks
/// no implementation).
#[tokio::test]
async fn unimplemented_operations_answer_501() {
    struct Nothing;
    impl CredentialUserRegistrationDetailsHandler for Nothing {}
    let request = AddCredentialUserRegistrationDetailsRequest {
        body: Default::default(),
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
