//! Answering with the docs' own examples: what a generated `mock` module's
//! handlers use to pick the documented response for a request.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::de::DeserializeOwned;

use crate::request::HttpRequest;
use crate::{Empty, GraphError, Response};

/// What a generated mock method returns: a future, ready at once, answering
/// with the example [`Example::pick`] picks for the request, read as the
/// response type `R`; `501` when the operation has no example.
///
/// The answer is made when polled, so the future holds no `R` and is `Send`
/// whatever `R` is (as [`crate::NotImplemented`], and for the same reason: a
/// `Ready<Result<R, _>>` per method made rustc prove `Send` and drop safety
/// through every response type again).
pub struct Answer<R> {
    examples: &'static [Example],
    http: HttpRequest,
    operation: &'static str,
    output: PhantomData<fn() -> R>,
}

impl<R> Answer<R> {
    /// The answer of `operation` to the request `http`, from `examples`.
    pub fn new(examples: &'static [Example], http: HttpRequest, operation: &'static str) -> Self {
        Answer {
            examples,
            http,
            operation,
            output: PhantomData,
        }
    }
}

impl<R: FromExample> Future for Answer<R> {
    type Output = Result<R, GraphError>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        let answer = Example::pick(self.examples, &self.http)
            .ok_or_else(|| GraphError::not_implemented(self.operation))
            .and_then(R::from_example);
        Poll::Ready(answer)
    }
}

impl<R> fmt::Debug for Answer<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("operation", &self.operation)
            .field("target", &self.http.target)
            .finish()
    }
}

/// A response type an example can be read as.
pub trait FromExample: Sized {
    fn from_example(example: &Example) -> Result<Self, GraphError>;
}

impl<T: DeserializeOwned, const STATUS: u16> FromExample for Response<T, STATUS> {
    fn from_example(example: &Example) -> Result<Self, GraphError> {
        example.json().map(Response)
    }
}

impl<const STATUS: u16> FromExample for Empty<STATUS> {
    /// The documented status, no body (whatever the example shows).
    fn from_example(_: &Example) -> Result<Self, GraphError> {
        Ok(Empty)
    }
}

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

    fn answer<R: FromExample>(examples: &'static [Example], target: &str) -> Result<R, GraphError> {
        let mut future = Answer::<R>::new(examples, request(target), "x-get");
        let mut cx = Context::from_waker(std::task::Waker::noop());
        match Pin::new(&mut future).poll(&mut cx) {
            Poll::Ready(answer) => answer,
            Poll::Pending => panic!("an answer is ready at once"),
        }
    }

    #[test]
    fn a_mock_answer_is_the_picked_example_as_the_response_type() {
        let two: Response<u8, 200> = answer(EXAMPLES, "/me/events?$top=2").unwrap();
        assert_eq!(two.0, 2);
        let empty: Empty<204> = answer(EXAMPLES, "/me/events").unwrap();
        assert_eq!(empty.status(), 204);
        let none = answer::<Empty<204>>(&[], "/me").unwrap_err();
        assert_eq!(
            (none.status, none.body.error.code.as_str()),
            (501, "notImplemented")
        );
        // `Rc` is not `Send`; the future still is.
        fn send<F: Send>(_: F) {}
        send(Answer::<Response<std::rc::Rc<u8>, 200>>::new(
            EXAMPLES,
            request("/"),
            "x",
        ));
    }
}
