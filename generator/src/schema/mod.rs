//! Schema: page facts from every page → one merged, resolved, named model.
//!
//! Knows nothing of markdown (it reads [`crate::parse::Page`]s) and nothing of
//! Rust syntax (names are strings; the emitter turns them into tokens).

mod bodies;
mod build;
mod case;
pub(crate) mod conformance;
pub mod index;
mod infer;
pub mod model;
pub mod names;
mod routes;
mod summary;

pub use build::{build, build_keeping_pages, free_pages, DEFAULT_NAMESPACE};
pub use conformance::ExampleCounts;
pub use index::Index;
pub use model::*;
pub use summary::{summary, Summary};
