//! The `build.rs` surface, after `prost_build::Config`: one builder, one call.
//!
//! ```
//! # fn main() -> Result<(), mdbind::Error> {
//! # let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
//! # let out = tempfile::tempdir().unwrap();
//! // build.rs (there `.out_dir` can be left out: it defaults to cargo's OUT_DIR)
//! mdbind::Builder::new()
//!     .docs(&docs)
//!     .out_dir(out.path())
//!     .namespaces(["microsoft.graph"])
//!     .type_attribute(".", "#[allow(missing_docs)]")?
//!     .extern_type("microsoft.graph.credentialUsageSummary", "serde_json::Value")?
//!     .features_by(mdbind::FeaturesBy::Area) // optional: a cargo feature per doc area
//!     .server(true) // optional: axum routers, compiled with feature "server"
//!     .mock(true) // optional: answers from the examples, feature "mock"
//!     .generate()?;
//! // src/lib.rs then has:
//! // include!(concat!(env!("OUT_DIR"), "/mdbind.rs"));
//! # assert!(out.path().join("mdbind.rs").exists());
//! # assert!(out.path().join("server.rs").exists() && out.path().join("mock.rs").exists());
//! # Ok(())
//! # }
//! ```
//!
//! Cargo builds a build script's dependencies unoptimised unless told
//! otherwise (`[profile.dev.build-override] opt-level = 3`): on a large docs
//! folder that makes a run several times slower; the README has the figures.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::emit::{GeneratedFile, Options};
use crate::schema::Schema;

/// How many doc warnings become their own `cargo:warning` line by default;
/// past that, one summary line says how many more there are.
const WARNING_LINES: usize = 10;

/// Generates bindings from a docs folder into `OUT_DIR` (or another folder).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    docs: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    options: Options,
    warning_lines: Option<usize>,
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// The builder was set up wrong: no docs folder, no `OUT_DIR`, an
    /// attribute or path that is not Rust.
    Config(String),
    /// Reading the docs or writing the output failed.
    Io(std::io::Error),
    /// The docs have errors (not warnings); each is listed.
    Docs(Vec<Diagnostic>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(why) => write!(f, "mdbind: {why}"),
            Error::Io(e) => write!(f, "mdbind: {e}"),
            Error::Docs(list) => {
                writeln!(f, "mdbind: the docs have errors:")?;
                for d in list {
                    writeln!(f, "{}:{}: {} [{}]", d.file, d.line, d.message, d.code)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// What a successful run produced.
///
/// Dropping it frees the schema, the files and the parsed pages on a thread
/// of their own: the schema of a large docs folder is hundreds of thousands
/// of small allocations, and freeing them one by one took 52–55 ms of a
/// ~0.7 s build script run on the beta corpus (system allocator). A build script returns
/// right after and the operating system reclaims the memory at exit; a
/// longer-lived program has it freed a moment later, off its own path. To
/// keep the parts, take them with [`Generated::into_parts`] (a type with a
/// `Drop` cannot have its fields moved out one by one).
#[derive(Debug)]
pub struct Generated {
    pub schema: Schema,
    pub files: Vec<GeneratedFile>,
    /// The cargo features items are gated by (empty unless [`Builder::features_by`]).
    pub features: Vec<String>,
    /// The parsed pages, freed with the rest (see [`crate::load_keeping_pages`]).
    pages: ParsedPages,
}

/// Parsed pages held only to be freed later; printed as their count.
#[derive(Default)]
struct ParsedPages(Vec<crate::parse::Page>);

impl std::fmt::Debug for ParsedPages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} parsed pages", self.0.len())
    }
}

impl Generated {
    /// The schema, the files and the features, to keep.
    pub fn into_parts(mut self) -> (Schema, Vec<GeneratedFile>, Vec<String>) {
        (
            std::mem::take(&mut self.schema),
            std::mem::take(&mut self.files),
            std::mem::take(&mut self.features),
        )
    }
}

impl Drop for Generated {
    fn drop(&mut self) {
        let schema = &self.schema;
        if self.files.is_empty()
            && self.pages.0.is_empty()
            && schema.types.is_empty()
            && schema.enums.is_empty()
            && schema.operations.is_empty()
            && schema.diagnostics.is_empty()
        {
            // Nothing large left (taken by `into_parts`, or no docs): freed
            // here, without starting a thread.
            return;
        }
        free_elsewhere((
            std::mem::take(&mut self.schema),
            std::mem::take(&mut self.files),
            std::mem::take(&mut self.pages),
        ));
    }
}

/// Drops `value` on a new thread, or here if no thread can be started (the
/// closure holding it is then dropped by `spawn`'s caller, i.e. here).
fn free_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("mdbind-free".into())
        .spawn(move || drop(value));
}

impl Builder {
    pub fn new() -> Self {
        Builder::default()
    }

    /// The folder of markdown pages (relative paths are relative to the
    /// package root, where cargo runs build scripts).
    pub fn docs(mut self, path: impl AsRef<Path>) -> Self {
        self.docs = Some(path.as_ref().to_path_buf());
        self
    }

    /// Where to write; defaults to cargo's `OUT_DIR`.
    pub fn out_dir(mut self, path: impl AsRef<Path>) -> Self {
        self.out_dir = Some(path.as_ref().to_path_buf());
        self
    }

    /// Generate only these namespaces (e.g. `microsoft.graph`); types of
    /// others are referred to as untyped JSON. All namespaces by default.
    pub fn namespaces<I, S>(mut self, namespaces: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.namespaces = namespaces.into_iter().map(Into::into).collect();
        self
    }

    /// Adds an attribute (`#[derive(Hash)]`, `#[must_use]`, …) to generated
    /// types and enums (not `#[serde(…)]`: they implement serde through
    /// `mdbind_runtime::Object`, not serde's derive): `selector` is `.` for all of them, a
    /// namespace for its own, or one qualified name
    /// (`microsoft.graph.identitySet`).
    pub fn type_attribute(mut self, selector: &str, attribute: &str) -> Result<Self, Error> {
        let tokens: TokenStream = attribute
            .parse()
            .map_err(|e| Error::Config(format!("type_attribute {attribute:?} is not Rust: {e}")))?;
        let parser = syn::Attribute::parse_outer;
        syn::parse::Parser::parse2(parser, tokens).map_err(|e| {
            Error::Config(format!(
                "type_attribute {attribute:?} is not an attribute: {e}"
            ))
        })?;
        self.options
            .type_attributes
            .push((selector.to_string(), attribute.to_string()));
        Ok(self)
    }

    /// Uses the user's `rust_path` wherever the docs use the type named
    /// `documented` (qualified, e.g. `microsoft.graph.identitySet`), and does
    /// not generate that type. The user's type must (de)serialize the same JSON.
    pub fn extern_type(mut self, documented: &str, rust_path: &str) -> Result<Self, Error> {
        syn::parse_str::<syn::Path>(rust_path).map_err(|e| {
            Error::Config(format!("extern_type {rust_path:?} is not a Rust path: {e}"))
        })?;
        self.options
            .extern_types
            .insert(documented.to_string(), rust_path.to_string());
        Ok(self)
    }

    /// Which crate's types stand for the Edm date and time types: `chrono`
    /// (default) or `time` (then enable `mdbind-runtime`'s `time` feature).
    pub fn date_time(mut self, date_time: crate::emit::DateTimeCrate) -> Self {
        self.options.date_time = date_time;
        self
    }

    /// Gates every generated item behind a cargo feature: one per
    /// documentation area ([`FeaturesBy::Area`](crate::FeaturesBy::Area), e.g.
    /// `outlook`) or per namespace
    /// ([`FeaturesBy::Namespace`](crate::FeaturesBy::Namespace)). An item is compiled when any
    /// feature that needs it is on. Declare the features you want in
    /// `[features]` (`area = []`); [`Generated::features`] lists them all, and
    /// the others are simply never compiled.
    pub fn features_by(mut self, by: crate::emit::FeaturesBy) -> Self {
        self.options.features = Some(by);
        self
    }

    /// Also generate `server.rs`: an axum router per handler trait and `server::Api`,
    /// one router for them all (as tonic-build's `build_server`). It is
    /// compiled when the including crate's `server` feature is on; declare
    /// `server = ["mdbind-runtime/server"]` in its `[features]`.
    pub fn server(mut self, on: bool) -> Self {
        self.options.server = on;
        self
    }

    /// Also generate `mock.rs`: `mock::DocExamples` implements every handler
    /// trait with the docs' response examples (and with `server`,
    /// `mock::router()` serves it). Compiled with the including crate's
    /// `mock` feature; declare `mock = []`.
    pub fn mock(mut self, on: bool) -> Self {
        self.options.mock = on;
        self
    }

    /// How many doc warnings to print as their own `cargo:warning` line (10
    /// by default; 0 prints only the one summary line). Cargo shows these
    /// lines again on every build of the package, not only when the script runs.
    pub fn warning_lines(mut self, lines: usize) -> Self {
        self.warning_lines = Some(lines);
        self
    }

    /// Reads the docs, writes the files that changed, and tells cargo to rerun
    /// the build script when (and only when) a file in the docs folder changes.
    /// The first doc warnings become `cargo:warning` lines, the rest one
    /// summary line; doc errors fail the build.
    pub fn generate(self) -> Result<Generated, Error> {
        let docs = self
            .docs
            .ok_or_else(|| Error::Config("no docs folder: call .docs(path)".into()))?;
        let out = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Config("OUT_DIR is not set: call .out_dir(path) outside build.rs".into())
                })?,
        };
        // A folder listed here makes cargo rerun when anything under it changes
        // (files added or removed included); each file is listed as well so the
        // dependency is explicit.
        println!("cargo:rerun-if-changed={}", docs.display());
        for file in crate::load::all_files(&docs)? {
            println!("cargo:rerun-if-changed={}", docs.join(file).display());
        }
        let (schema, pages) = crate::load_keeping_pages(&docs)?;
        let files = crate::emit::emit_with(&schema, &self.options);
        // Held as what is returned from here on, so that it is freed
        // elsewhere on the error path too.
        let mut generated = Generated {
            schema,
            files,
            features: Vec::new(),
            pages: ParsedPages(pages),
        };
        let schema = &generated.schema;
        let errors: Vec<Diagnostic> = schema
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(Error::Docs(errors));
        }
        crate::write::write_all(&out, &generated.files)?;
        let lines = self.warning_lines.unwrap_or(WARNING_LINES);
        for d in schema.diagnostics.iter().take(lines) {
            let at = docs.join(&d.file);
            println!(
                "cargo:warning={}:{}: {} [{}]",
                at.display(),
                d.line,
                d.message.replace('\n', " "),
                d.code
            );
        }
        if schema.diagnostics.len() > lines {
            println!(
                "cargo:warning=mdbind: {} more ({} in all); `mdbind check {}` lists them",
                schema.diagnostics.len() - lines,
                diagnostics::summary(&schema.diagnostics),
                docs.display()
            );
        }
        generated.features = crate::emit::feature_names(schema, &self.options);
        Ok(generated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends the thread it is dropped on.
    struct ReportsDrop(std::sync::mpsc::Sender<std::thread::ThreadId>);

    impl Drop for ReportsDrop {
        fn drop(&mut self) {
            let _ = self.0.send(std::thread::current().id());
        }
    }

    #[test]
    fn a_value_freed_elsewhere_is_dropped_on_another_thread() {
        let (tx, rx) = std::sync::mpsc::channel();
        free_elsewhere(ReportsDrop(tx));
        let dropped_on = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the value was never dropped");
        assert_ne!(dropped_on, std::thread::current().id());
    }

    #[test]
    fn into_parts_keeps_every_part() {
        let generated = Generated {
            schema: Schema {
                pages: 3,
                ..Schema::default()
            },
            files: vec![GeneratedFile {
                path: "mdbind.rs".into(),
                contents: "// x".into(),
            }],
            features: vec!["area".into()],
            pages: ParsedPages::default(),
        };
        let (schema, files, features) = generated.into_parts();
        assert_eq!(schema.pages, 3);
        assert_eq!(files.len(), 1);
        assert_eq!(
            (files[0].path.as_str(), files[0].contents.as_str()),
            ("mdbind.rs", "// x")
        );
        assert_eq!(features, ["area"]);
    }
}
