//! Answering with the docs' own examples: what a generated `mock` module's
//! handlers use to pick the documented response for a request.

use serde::de::DeserializeOwned;

use crate::request::HttpRequest;
use crate::{Empty, GraphError, Response};

/// One documented request/response example pair of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// The example request's path and query, without host or API version.
    pub target: &'static str,
    /// The example response's status.
    pub status: u16,
    /// The example response's JSON body, when it has one.
    pub body: Option<&'static str>,
    /// Where the response example is documented, `file:line`.
    pub source: &'static str,
}

impl Example {
    /// Of `examples`, the one whose request is `request`: same path and query,
    /// else same path, else the first. `None` when there are none.
    pub fn pick<'a>(examples: &'a [Example], request: &HttpRequest) -> Option<&'a Example> {
        let target = without_version(&request.target);
        let path = |t: &str| {
            t.split('?')
                .next()
                .unwrap_or_default()
                .trim_end_matches('/')
                .to_ascii_lowercase()
        };
        examples
            .iter()
            .find(|e| e.target.eq_ignore_ascii_case(target))
            .or_else(|| examples.iter().find(|e| path(e.target) == path(target)))
            .or_else(|| examples.first())
    }

    /// A generated mock method's answer for `operation`: the body of the
    /// example [`Example::pick`] picks, read as `T`; `501` when there is none.
    /// One call per method keeps the generated mock small to compile.
    pub fn answer<T: DeserializeOwned, const STATUS: u16>(
        examples: &[Example],
        request: &HttpRequest,
        operation: &str,
    ) -> Result<Response<T, STATUS>, GraphError> {
        Example::pick(examples, request)
            .ok_or_else(|| GraphError::not_implemented(operation))?
            .json()
            .map(Response)
    }

    /// [`Example::answer`] for an operation whose response has no body.
    pub fn answer_empty<const STATUS: u16>(
        examples: &[Example],
        request: &HttpRequest,
        operation: &str,
    ) -> Result<Empty<STATUS>, GraphError> {
        Example::pick(examples, request)
            .map(|_| Empty)
            .ok_or_else(|| GraphError::not_implemented(operation))
    }

    /// The example's body read as `T`; a `500` naming the example when the
    /// docs' JSON does not fit the documented type.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, GraphError> {
        let text = self.body.unwrap_or("null");
        // Through `Value`, as `server::Call::json` and for the same reason.
        let value = serde_json::from_str::<serde_json::Value>(text);
        value.and_then(serde_json::from_value).map_err(|e| {
            GraphError::new(
                500,
                "InvalidDocumentedExample",
                format!(
                    "the response example at {} does not fit the documented type: {e}",
                    self.source
                ),
            )
        })
    }
}

/// `/beta/me` → `/me`: a router nested under the version sees both.
fn without_version(target: &str) -> &str {
    for prefix in ["/beta/", "/v1.0/"] {
        if let Some(rest) = target.strip_prefix(prefix) {
            return &target[target.len() - rest.len() - 1..];
        }
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLES: &[Example] = &[
        Example {
            target: "/me/events",
            status: 200,
            body: Some("1"),
            source: "a.md:10",
        },
        Example {
            target: "/me/events?$top=2",
            status: 200,
            body: Some("2"),
            source: "a.md:20",
        },
        Example {
            target: "/users/x/events",
            status: 200,
            body: Some("3"),
            source: "a.md:30",
        },
    ];

    fn request(target: &str) -> HttpRequest {
        HttpRequest {
            target: target.to_string(),
            ..HttpRequest::default()
        }
    }

    #[test]
    fn the_example_of_the_same_request_answers() {
        let pick = |t| Example::pick(EXAMPLES, &request(t)).unwrap().body;
        assert_eq!(pick("/me/events?$top=2"), Some("2"));
        assert_eq!(pick("/beta/users/x/events"), Some("3"));
        assert_eq!(pick("/users/X/events/?$select=id"), Some("3"));
        assert_eq!(pick("/elsewhere"), Some("1"));
        assert_eq!(Example::pick(&[], &request("/")), None);
        let bad: Result<Vec<u8>, _> = EXAMPLES[0].json();
        assert!(bad.unwrap_err().body.error.message.contains("a.md:10"));
    }
}
