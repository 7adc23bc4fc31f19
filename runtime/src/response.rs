//! What a handler method answers: a body with its documented status.
//!
//! Every documented operation has one documented response, so generated code
//! names its response type with an alias of these generic types instead of
//! declaring an enum of its own: `Debug`, the status and (with `server`) the
//! reply are written and type-checked once here, not once per operation.

use std::fmt;

/// A response with a body: `T` sent with the documented status `STATUS`.
///
/// ```
/// # use mdbind_runtime::Response;
/// let created: Response<String, 201> = Response("x".to_string());
/// assert_eq!(created.status(), 201);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Response<T, const STATUS: u16>(pub T);

impl<T, const STATUS: u16> Response<T, STATUS> {
    /// The documented status code.
    pub const STATUS: u16 = STATUS;

    /// The HTTP status code of this response.
    pub fn status(&self) -> u16 {
        STATUS
    }

    /// The body.
    pub fn into_body(self) -> T {
        self.0
    }
}

impl<T, const STATUS: u16> From<T> for Response<T, STATUS> {
    fn from(body: T) -> Self {
        Response(body)
    }
}

impl<T: fmt::Debug, const STATUS: u16> fmt::Debug for Response<T, STATUS> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &STATUS)
            .field("body", &self.0)
            .finish()
    }
}

/// A response without a body (`204 No Content`, a bare `202 Accepted`, …)
/// with the documented status `STATUS`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Empty<const STATUS: u16>;

impl<const STATUS: u16> Empty<STATUS> {
    /// The documented status code.
    pub const STATUS: u16 = STATUS;

    /// The HTTP status code of this response.
    pub fn status(&self) -> u16 {
        STATUS
    }
}

impl<const STATUS: u16> fmt::Debug for Empty<STATUS> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Empty").field("status", &STATUS).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_debug_come_from_the_type() {
        let page: Response<Vec<u8>, 200> = vec![1].into();
        assert_eq!((page.status(), Response::<(), 201>::STATUS), (200, 201));
        assert_eq!(format!("{page:?}"), "Response { status: 200, body: [1] }");
        assert_eq!(format!("{:?}", Empty::<204>), "Empty { status: 204 }");
        assert_eq!(Empty::<202>.status(), 202);
        assert_eq!(page.into_body(), vec![1]);
    }
}
