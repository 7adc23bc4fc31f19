//! Replaying the docs' request examples against a router (sending needs feature `server`):
//! each request is sent through the router without a socket and the answer is
//! compared with what the docs say — the operation it must reach, the path
//! parameters, the documented status and response body.
//!
//! Run against `mock::router()` it tests the routing itself; against a
//! router serving your own handlers it tests your service against the docs.

#[cfg(feature = "server")]
pub use sending::replay;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One documented request and its documented response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// The operation the request documents.
    pub operation: String,
    pub method: String,
    /// Path and query, without host or API version (`/me/events?$top=1`).
    pub target: String,
    /// The request body as JSON text, when the example has one.
    pub body: Option<String>,
    /// The documented response status.
    pub status: u16,
    /// The documented response body, when the example has one.
    pub response: Option<Value>,
    /// The docs cut the response short on purpose: its body is not compared.
    pub truncated: bool,
    /// Where the request example is documented, `file:line`.
    pub source: String,
    /// The example's method and path are among those its page documents in
    /// its `HTTP request` section. When they are not, the example's page
    /// disagrees with itself and a router cannot be expected to follow the
    /// example (`mdbind check` reports it as `example-url-mismatch`).
    #[serde(default = "documented_by_default")]
    pub documented: bool,
    /// The status the page's Response section documents, which generated
    /// code answers; where the example says another (`example-status-mismatch`),
    /// the page disagrees with itself.
    #[serde(default)]
    pub page_status: Option<u16>,
}

fn documented_by_default() -> bool {
    true
}

/// What became of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Right operation, path parameters, status and body.
    Passed,
    /// Right operation and status; the body differs from the example's (or
    /// the example's is cut short); the text says how.
    BodyDiffers(String),
    /// Right operation, another status; the text is the response body.
    WrongStatus { got: u16, text: String },
    /// Another operation answered.
    WrongOperation { got: String, template: String },
    /// The matched template with the parameters put in is not the path sent.
    WrongParams(String),
    /// No operation answered (404, 405, or a request the router refused).
    NotRouted { status: u16, text: String },
    /// The example's target is not a URL a client could send.
    BadTarget(String),
}

impl Verdict {
    /// The request reached the documented operation and got the documented status.
    pub fn routed_with_status(&self) -> bool {
        matches!(self, Verdict::Passed | Verdict::BodyDiffers(_))
    }
}

#[cfg(feature = "server")]
mod sending {
    use serde_json::Value;
    use tower::ServiceExt;

    use super::{Case, Verdict};
    use crate::route::{spellings, Template};
    use crate::server::{axum, Matched, Router};

    /// Characters a documented URL may hold that a request line may not.
    const NOT_IN_URI: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'<')
        .add(b'>')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'|')
        .add(b'\\')
        .add(b'^')
        .add(b'#');

    /// Sends every case through `router` (one after another) and judges the answers.
    pub async fn replay(router: Router, cases: &[Case]) -> Vec<Verdict> {
        let mut verdicts = Vec::with_capacity(cases.len());
        for case in cases {
            verdicts.push(replay_one(router.clone(), case).await);
        }
        verdicts
    }

    async fn replay_one(router: Router, case: &Case) -> Verdict {
        let uri = percent_encoding::utf8_percent_encode(&case.target, NOT_IN_URI).to_string();
        let request = axum::http::Request::builder()
            .method(case.method.as_str())
            .uri(&uri)
            .header("content-type", "application/json")
            .body(axum::body::Body::from(
                case.body.clone().unwrap_or_default(),
            ));
        let request = match request {
            Ok(r) => r,
            Err(e) => return Verdict::BadTarget(format!("{uri}: {e}")),
        };
        let response = match router.oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status().as_u16();
        let matched = response.extensions().get::<Matched>().cloned();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Some(matched) = matched else {
            return Verdict::NotRouted { status, text };
        };
        if matched.operation != case.operation {
            return Verdict::WrongOperation {
                got: matched.operation.to_string(),
                template: matched.template.to_string(),
            };
        }
        let path = case.target.split('?').next().unwrap_or_default();
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let rendered = Template::parse(matched.template).render(&matched.params);
        // The path as sent or one of the spellings routing tried.
        let fits = spellings(&decoded)
            .iter()
            .any(|p| rendered.eq_ignore_ascii_case(p.trim_end_matches('/')));
        if !fits {
            return Verdict::WrongParams(format!(
                "`{}` with {:?} is `{rendered}`, not `{decoded}`",
                matched.template, matched.params
            ));
        }
        if status != case.status {
            return Verdict::WrongStatus { got: status, text };
        }
        let got: Option<Value> = if bytes.is_empty() {
            None
        } else {
            match serde_json::from_slice(&bytes) {
                Ok(v) => Some(v),
                Err(e) => return Verdict::BodyDiffers(format!("the response is not JSON: {e}")),
            }
        };
        match (&case.response, &got) {
            _ if case.truncated => Verdict::BodyDiffers("the example is cut short".into()),
            (None, None) => Verdict::Passed,
            (Some(want), Some(got)) if crate::same_json(want, got) => Verdict::Passed,
            (Some(_), Some(got)) => Verdict::BodyDiffers(format!("got {got}")),
            (Some(_), None) => Verdict::BodyDiffers("got no body".into()),
            (None, Some(got)) => {
                Verdict::BodyDiffers(format!("the example has no body; got {got}"))
            }
        }
    }
}
