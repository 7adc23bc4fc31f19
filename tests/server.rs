//! The generated axum routers: the docs' own requests replayed against the
//! mock, a real implementation served, bad requests answered Graph-style,
//! and one round over a real socket with a real HTTP client.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::Store;
use docs_bindings::handlers::*;
use docs_bindings::microsoft_aad_reporting::UserCredentialUsageDetails;
use docs_bindings::{mock, server};
use mdbind_runtime::replay::{replay, Verdict};
use mdbind_runtime::server::Matched;
use mdbind_runtime::{GraphError, Operation, PermissionKind};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Every request example of docs-input, sent through `mock::router()`.
/// The seeds' known flaws show as the misses they cause, each pinned here.
#[tokio::test]
async fn the_seeds_requests_replay_against_the_mock() {
    let schema = mdbind::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input")).unwrap();
    let cases = mdbind::replay::cases(&schema);
    let verdicts = replay(mock::router(), &cases.cases).await;
    let report: HashMap<&str, &Verdict> = cases
        .cases
        .iter()
        .map(|c| c.source.as_str())
        .zip(&verdicts)
        .collect();
    assert_eq!(report.len(), 4, "{report:#?}");
    // Routed to the documented operation with the documented status; the
    // response examples are cut short (`"truncated": true`), so bodies are not compared.
    for place in [
        "api/reportroot-list-usercredentialusagedetails.md:63",
        "api/usercredentialusagedetails-update.md:69",
    ] {
        assert!(
            report[place].routed_with_status(),
            "{place}: {:?}",
            report[place]
        );
    }
    // The request line says `/$ref`; the example posts to the collection itself.
    assert!(matches!(
        report["api/credentialuserregistrationdetails-post.md:70"],
        Verdict::NotRouted { status: 404, .. }
    ));
    // The same flaw where the collection has a GET: the method is refused.
    assert!(matches!(
        report["api/usercredentialusagedetails-post.md:70"],
        Verdict::NotRouted { status: 405, .. }
    ));
    // Seed 003's request line is broken: its example is listed, not replayed.
    assert_eq!(cases.left_out.len(), 1, "{:?}", cases.left_out);
    assert!(cases.left_out[0]
        .0
        .starts_with("api/credentialusagesummary-post.md:"));
    assert_eq!(cases.operations_with_requests, 5);
}

/// The store, recording what the list operation was called with.
#[derive(Clone, Default)]
struct Recorder {
    store: Store,
    seen: Arc<Mutex<Vec<String>>>,
}

impl UserCredentialUsageDetailsHandler for Recorder {
    async fn list_credentials_usage_details(
        &self,
        request: ListCredentialsUsageDetailsRequest,
    ) -> Result<ListCredentialsUsageDetailsResponse, GraphError> {
        // The documented permissions are data the implementation can enforce.
        let kinds: Vec<PermissionKind> = request.permissions().iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PermissionKind::DelegatedWork,
                PermissionKind::DelegatedPersonal,
                PermissionKind::Application
            ]
        );
        self.seen.lock().unwrap().push(format!(
            "{} period={:?} feature={:?} top={:?} select={:?} other={:?} auth={:?}",
            request.path,
            request.period,
            request.feature,
            request.query.top,
            request.query.select,
            request.query.other,
            request.http.header("authorization"),
        ));
        Ok(mdbind_runtime::Response(mdbind_runtime::Page::new(vec![])))
    }

    async fn update_user_credential_usage_details(
        &self,
        request: UpdateUserCredentialUsageDetailsRequest,
    ) -> Result<UpdateUserCredentialUsageDetailsResponse, GraphError> {
        self.store
            .update_user_credential_usage_details(request)
            .await
    }
}

#[tokio::test]
async fn an_implementation_is_served_with_typed_requests() {
    let recorder = Recorder::default();
    recorder
        .store
        .items
        .lock()
        .unwrap()
        .insert("u1".into(), UserCredentialUsageDetails::default());
    let router = server::user_credential_usage_details_handler_router(recorder.clone());

    let (status, body, matched) = send(
        router.clone(),
        "GET",
        "/reports/userCredentialUsageDetails?period=D7&$top=5&$select=id,feature&other=x",
        "",
    )
    .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"value": []})));
    assert_eq!(
        matched.unwrap().operation,
        "reportroot-list-usercredentialusagedetails"
    );
    assert_eq!(
        recorder.seen.lock().unwrap().as_slice(),
        [
            r#"/reports/userCredentialUsageDetails period=Some("D7") feature=None top=Some(5) select=["id", "feature"] other=[("other", "x")] auth=None"#
        ]
    );

    // Path parameter extracted, body read, the documented status sent.
    let (status, body, matched) = send(
        router.clone(),
        "PATCH",
        "/reports/userCredentialUsageDetails/u1",
        r#"{"feature": "reset"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["feature"], "reset");
    assert_eq!(
        matched.unwrap().params,
        [("userCredentialUsageDetailsId".to_string(), "u1".to_string())]
    );

    // A handler's error goes out with its status, Graph-style.
    let (status, body, _) = send(
        router.clone(),
        "PATCH",
        "/reports/userCredentialUsageDetails/nope",
        "{}",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "Request_ResourceNotFound");

    // Not implemented by this handler: 501.
    let (status, body, _) = send(
        router.clone(),
        "POST",
        "/reports/userCredentialUsageDetails/$ref",
        r#"{"id": "x"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED);
    assert_eq!(body["error"]["code"], "notImplemented");

    // Another trait's operation is not this router's: 404, where the
    // all-operations `Api` (no handler for that trait) answers 501.
    let other = "/reports/credentialUserRegistrationDetails/$ref";
    let (status, body, _) = send(router, "POST", other, "{}").await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (StatusCode::NOT_FOUND, &json!("NotFound"))
    );
    let api = server::Api::new().into_router();
    let (status, _, _) = send(api, "POST", other, "{}").await;
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED);
}

#[tokio::test]
async fn bad_requests_get_graph_errors() {
    let router = server::Api::new()
        .user_credential_usage_details_handler(Recorder::default())
        .into_router();
    let cases = [
        ("GET", "/nowhere", "", 404, "NotFound"),
        (
            "DELETE",
            "/reports/userCredentialUsageDetails",
            "",
            405,
            "MethodNotAllowed",
        ),
        (
            "PATCH",
            "/reports/userCredentialUsageDetails/u1",
            "{not json",
            400,
            "BadRequest",
        ),
        (
            "PATCH",
            "/reports/userCredentialUsageDetails/u1",
            r#"{"feature": 5}"#,
            400,
            "BadRequest",
        ),
        (
            "PATCH",
            "/reports/userCredentialUsageDetails/u1",
            "[]",
            400,
            "BadRequest",
        ),
        (
            "PATCH",
            "/reports/userCredentialUsageDetails/u1",
            "",
            400,
            "BadRequest",
        ),
        (
            "GET",
            "/reports/userCredentialUsageDetails?$top=ten",
            "",
            400,
            "BadRequest",
        ),
        // Another trait's operation, no handler given for it.
        (
            "POST",
            "/reports/credentialUserRegistrationDetails/$ref",
            "{}",
            501,
            "notImplemented",
        ),
    ];
    for (method, uri, body, status, code) in cases {
        let (got, json, _) = send(router.clone(), method, uri, body).await;
        assert_eq!(got.as_u16(), status, "{method} {uri} {body}: {json}");
        assert_eq!(json["error"]["code"], code, "{method} {uri} {body}: {json}");
        assert!(json["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

/// A real server on a loopback socket, called by a real HTTP client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn served_over_a_real_socket() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new().nest("/beta", mock::router());
    let served = tokio::spawn(async move { axum::serve(listener, app).await });

    let client = reqwest::Client::new();
    let url = format!("http://{address}/beta/reports/userCredentialUsageDetails/abc");
    let response = client
        .patch(&url)
        .json(&json!({"feature": "registration"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    // The mock answers with the documented response example.
    assert_eq!(
        body["@odata.type"],
        "#Microsoft.AAD.Reporting.userCredentialUsageDetails"
    );

    let missing = client
        .get(format!("http://{address}/beta/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    served.abort();
}

/// Sends one request through `router`; returns status, body and what matched.
async fn send(
    router: axum::Router,
    method: &str,
    uri: &str,
    body: &str,
) -> (StatusCode, Value, Option<Matched>) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let matched = response.extensions().get::<Matched>().cloned();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    (status, value, matched)
}
