//! mdbind: Microsoft Graph-style markdown API reference docs → Rust bindings.
//!
//! The pipeline is three stages, each its own module with one typed interface:
//!
//! 1. [`parse`]: one page's markdown → [`parse::Page`] (facts with lines);
//! 2. [`schema`]: all pages → one [`schema::Schema`] (merged, resolved, named);
//! 3. [`emit`]: the schema → formatted Rust files.
//!
//! [`load`] runs the first two over a docs folder, [`generate`] all three, and
//! [`Builder`] does it from `build.rs`.

#[cfg(feature = "mimalloc")]
pub mod allocator;
mod builder;
pub mod diagnostics;
pub mod diff;
pub mod emit;
#[doc(hidden)]
pub mod fuzzing;
mod load;
pub mod parse;
pub mod replay;
pub mod schema;
pub mod write;

pub use builder::{Builder, Error, Generated};
pub use diagnostics::{Diagnostic, Severity};
pub use emit::{DateTimeCrate, FeaturesBy, GeneratedFile};
pub use load::{docs_files, load, load_keeping_pages};
pub use schema::Schema;

/// Reads every page under `docs` and generates the Rust files for it.
pub fn generate(docs: &std::path::Path) -> std::io::Result<(Schema, Vec<GeneratedFile>)> {
    let schema = load(docs)?;
    let files = emit::emit(&schema);
    Ok((schema, files))
}
