//! The `build.rs` surface, after `prost_build::Config`: one builder, one call.
//!
//! ```no_run
//! // build.rs
//! mdbind::Builder::new().docs("docs-input").generate().unwrap();
//! // src/lib.rs then has:
//! // include!(concat!(env!("OUT_DIR"), "/mdbind.rs"));
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::emit::GeneratedFile;
use crate::schema::Schema;

/// Generates bindings from a docs folder into `OUT_DIR` (or another folder).
#[derive(Debug, Clone, Default)]
pub struct Builder {
    docs: Option<PathBuf>,
    out_dir: Option<PathBuf>,
}

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// No docs folder was given, or `OUT_DIR` is not set and no `out_dir` was.
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
#[derive(Debug)]
pub struct Generated {
    pub schema: Schema,
    pub files: Vec<GeneratedFile>,
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

    /// Reads the docs, writes the files that changed, and tells cargo to rerun
    /// the build script when (and only when) a file in the docs folder changes.
    /// Doc warnings become one `cargo:warning` summary line; doc errors fail.
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
        let (schema, files) = crate::generate(&docs)?;
        let errors: Vec<Diagnostic> = schema
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(Error::Docs(errors));
        }
        crate::write::write_all(&out, &files)?;
        if !schema.diagnostics.is_empty() {
            println!(
                "cargo:warning=mdbind: {} in {}; `mdbind check {}` lists them",
                diagnostics::summary(&schema.diagnostics),
                docs.display(),
                docs.display()
            );
        }
        Ok(Generated { schema, files })
    }
}
