//! The future an unimplemented handler method returns.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::GraphError;

/// What a generated handler method answers until it is implemented: a future
/// that is ready at once with `501 Not Implemented`.
///
/// Not `core::future::Ready<Result<T, GraphError>>`: whether that is `Send`
/// depends on `T`, and rustc proves it again for every method of a handler
/// trait (the trait's own bounds keep the proof out of its global cache); for
/// the response types of a large API that proof was most of the time spent
/// checking the generated crate. This future holds no `T`, so it is `Send`
/// and `Sync` whatever `T` is, and proving that costs nothing.
pub struct NotImplemented<T> {
    operation: &'static str,
    output: PhantomData<fn() -> T>,
}

impl<T> NotImplemented<T> {
    /// The answer for `operation` (its documented name, e.g. `user-get`).
    pub fn new(operation: &'static str) -> Self {
        NotImplemented {
            operation,
            output: PhantomData,
        }
    }
}

impl<T> Future for NotImplemented<T> {
    type Output = Result<T, GraphError>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Err(GraphError::not_implemented(self.operation)))
    }
}

impl<T> fmt::Debug for NotImplemented<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotImplemented")
            .field("operation", &self.operation)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use std::task::Waker;

    fn send_and_sync<F: Send + Sync>(_: &F) {}

    #[test]
    fn answers_501_and_is_send_for_any_output() {
        // `Rc` is neither `Send` nor `Sync`: the future still is.
        let mut future = NotImplemented::<Rc<u8>>::new("user-get");
        send_and_sync(&future);
        let mut cx = Context::from_waker(Waker::noop());
        let Poll::Ready(Err(error)) = Pin::new(&mut future).poll(&mut cx) else {
            panic!("not ready with an error");
        };
        assert_eq!(error.status, 501);
        assert_eq!(error.body.error.code, "notImplemented");
        assert!(error.body.error.message.contains("`user-get`"));
    }
}
