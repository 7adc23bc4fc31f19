//! Shared by the bindings' tests: an implementation of a generated trait.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use docs_bindings::handlers::*;
use docs_bindings::microsoft_aad_reporting::UserCredentialUsageDetails;
use docs_bindings::microsoft_graph;
use mdbind_runtime::{GraphError, Page, Response, Tristate};

/// An in-memory store behind the documented operations.
#[derive(Clone, Default)]
pub struct Store {
    pub items: Arc<Mutex<HashMap<String, UserCredentialUsageDetails>>>,
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
        Ok(Response(Page::new(value)))
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
        Ok(Response(item))
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
        Ok(Response(item.clone()))
    }
}
