//! The docs' request examples as replay cases ([`mdbind_runtime::replay::Case`]):
//! what a generated router must do with each documented request. A request
//! example that cannot be replayed is listed with the reason.

use std::collections::BTreeMap;

use mdbind_runtime::replay::Case;
use serde::Serialize;

use crate::parse;
use crate::schema::{Operation, Schema};

/// What a router knows of one operation (`mdbind_runtime::server::RouteSpec`,
/// owned): the generated `server.rs` spells these out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub operation: String,
    pub method: String,
    pub paths: Vec<String>,
    /// The request body's qualified type (not for collections).
    pub body_type: Option<String>,
    /// Path and query of the documented request examples.
    pub examples: Vec<String>,
}

/// The route of a routable operation.
pub fn route_of(op: &Operation) -> Route {
    let mut examples: Vec<String> = op
        .example_pairs()
        .into_iter()
        .filter_map(|(request, _)| parse::http::target_of_url(request.url.as_deref()?))
        .collect();
    examples.dedup();
    Route {
        operation: op.name.clone(),
        method: op.method.clone().unwrap_or_default(),
        paths: op.paths.clone(),
        body_type: op
            .request_body
            .as_ref()
            .filter(|b| !b.collection)
            .map(|b| b.typ.clone()),
        examples,
    }
}

/// Every replayable request example, and why the others are not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cases {
    pub cases: Vec<Case>,
    /// (`file:line`, reason) of request examples left out.
    pub left_out: Vec<(String, String)>,
    /// Operations with at least one request example.
    pub operations_with_requests: usize,
}

/// The cases of every operation's request examples, in schema order.
/// A request goes to the API's host (the one most request examples use); one
/// that goes elsewhere (a callback the service makes) is left out.
pub fn cases(schema: &Schema) -> Cases {
    let host_of = |url: &str| {
        url.split_once("://").map(|(_, rest)| {
            rest.split('/')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
    };
    let mut hosts: BTreeMap<String, usize> = BTreeMap::new();
    for op in &schema.operations {
        for (request, _) in op.example_pairs() {
            if let Some(host) = request.url.as_deref().and_then(host_of) {
                *hosts.entry(host).or_default() += 1;
            }
        }
    }
    // The most used host; the first in name order among equals.
    let api_host = hosts
        .iter()
        .fold(None::<(&String, usize)>, |best, (h, &n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((h, n)),
        })
        .map(|(h, _)| h.clone());

    let mut out = Cases::default();
    for op in &schema.operations {
        let pairs = op.example_pairs();
        if !pairs.is_empty() {
            out.operations_with_requests += 1;
        }
        for (request, response) in pairs {
            let place = format!("{}:{}", request.source.file, request.source.line);
            if !op.routable {
                out.left_out.push((
                    place,
                    "its page has no readable request line, so nothing routes to it".into(),
                ));
                continue;
            }
            let url = request.url.as_deref().unwrap_or_default();
            let host = host_of(url);
            if host.is_some() && host != api_host {
                out.left_out.push((
                    place,
                    format!(
                        "sent to `{}`, not the API's host `{}`",
                        host.unwrap_or_default(),
                        api_host.clone().unwrap_or_default()
                    ),
                ));
                continue;
            }
            let Some(target) = parse::http::target_of_url(url) else {
                out.left_out.push((place, format!("`{url}` is not a URL")));
                continue;
            };
            let Some(response) = response else {
                out.left_out
                    .push((place, "no response example follows it".into()));
                continue;
            };
            let Some(status) = response
                .status
                .or_else(|| op.response.as_ref().map(|r| r.status))
            else {
                out.left_out
                    .push((place, "the response example has no status".into()));
                continue;
            };
            let method = request
                .method
                .clone()
                .or_else(|| op.method.clone())
                .unwrap_or_default();
            let path = target.split('?').next().unwrap_or_default();
            let documented = op
                .method
                .as_ref()
                .is_some_and(|m| m.eq_ignore_ascii_case(&method))
                && crate::schema::conformance::fits_documented_paths(op, path);
            out.cases.push(Case {
                operation: op.name.clone(),
                method,
                documented,
                page_status: op.response.as_ref().map(|r| r.status),
                target,
                body: request.body.as_ref().map(|b| b.to_string()),
                status,
                response: response.body.as_ref().map(crate::parse::Json::to_value),
                truncated: response.truncated,
                source: place,
            });
        }
    }
    out
}
