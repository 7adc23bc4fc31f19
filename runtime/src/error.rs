use std::fmt;

use serde::{Deserialize, Serialize};

use crate::AdditionalProperties;

/// The error a handler returns: an HTTP status and the Graph error body sent with it.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphError {
    /// HTTP status code, e.g. 404.
    pub status: u16,
    /// The JSON body, `{"error": {"code": ..., "message": ...}}` (boxed: an
    /// error stays small in the `Result`s that carry it).
    pub body: Box<ErrorBody>,
}

impl GraphError {
    /// An error with the given status, Graph error code and message.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        GraphError {
            status,
            body: Box::new(ErrorBody {
                error: ErrorDetail {
                    code: code.into(),
                    message: message.into(),
                    ..ErrorDetail::default()
                },
            }),
        }
    }
}

impl GraphError {
    /// `501 Not Implemented`: what a handler method answers until it is implemented.
    pub fn not_implemented(operation: &str) -> Self {
        GraphError::new(
            501,
            "notImplemented",
            format!("operation `{operation}` is not implemented"),
        )
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status, self.body.error.code, self.body.error.message
        )
    }
}

impl std::error::Error for GraphError {}

/// The body of a Graph error response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error itself.
    pub error: ErrorDetail,
}

/// `error` member of a Graph error response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Machine-readable error code, e.g. `Request_ResourceNotFound`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Nested error, when the service gives one.
    #[serde(
        rename = "innerError",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<serde_json::Value>,
    /// Any other member.
    #[serde(flatten)]
    pub additional_properties: AdditionalProperties,
}
