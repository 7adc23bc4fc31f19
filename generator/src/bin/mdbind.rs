//! The `mdbind` command line: generate, schema, check.
//!
//! Exit codes: 0 success; 1 the docs have errors (warnings never fail); 2 the
//! command could not run (bad arguments, unreadable folder, unwritable output).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mdbind::diagnostics::{summary, Severity};
use mdbind::write::Change;

#[derive(Parser)]
#[command(
    name = "mdbind",
    version,
    about = "Rust bindings from markdown API reference docs (Microsoft Graph format)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust files from DOCS into --out (only files whose bytes change are written).
    Generate {
        /// Folder of markdown pages, searched recursively.
        docs: PathBuf,
        /// Output folder; created if missing.
        #[arg(long)]
        out: PathBuf,
        /// Write nothing: list the files that are stale, missing or left over,
        /// and exit 1 when there are any (like `rustfmt --check`).
        #[arg(long)]
        check: bool,
        /// Write a whole crate of this name (Cargo.toml with a feature per
        /// documentation area, src/, README.md, a round-trip test of the docs'
        /// examples) instead of the module tree build.rs uses.
        #[arg(long = "crate", value_name = "NAME")]
        crate_name: Option<String>,
        /// With --crate: the mdbind-runtime folder the crate depends on
        /// (default: the one beside this mdbind's sources).
        #[arg(long, requires = "crate_name")]
        runtime_path: Option<PathBuf>,
        /// Also write server.rs: axum routers for the handler traits, compiled
        /// with the including crate's `server` feature (always on with --crate).
        #[arg(long)]
        server: bool,
        /// Also write mock.rs: the handler traits answered from the docs'
        /// response examples, compiled with the `mock` feature (always on with --crate).
        #[arg(long)]
        mock: bool,
        /// Gate every item behind a cargo feature per documentation area or
        /// per namespace (with --crate: per area unless this says otherwise).
        #[arg(long, value_enum, value_name = "KIND")]
        features_by: Option<FeaturesByArg>,
    },
    /// Print the intermediate schema of DOCS as JSON.
    Schema {
        /// Folder of markdown pages, searched recursively.
        docs: PathBuf,
    },
    /// Report problems in DOCS, with file and line; exits 1 only on errors.
    Check {
        /// Folder of markdown pages, searched recursively.
        docs: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Compare the API documented in OLD_DOCS with NEW_DOCS: added, removed and
    /// changed items, each marked breaking or not for users of the generated
    /// Rust, and the semver bump that follows. Exits 0 whatever it finds.
    Diff {
        old_docs: PathBuf,
        new_docs: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FeaturesByArg {
    Area,
    Namespace,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[global_allocator]
static ALLOCATOR: mdbind::allocator::MiMalloc = mdbind::allocator::MiMalloc;

fn main() -> ExitCode {
    mdbind::allocator::tune();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Generate {
            docs,
            out,
            check,
            crate_name,
            runtime_path,
            server,
            mock,
            features_by,
        } => {
            let options = mdbind::emit::Options {
                server,
                mock,
                features: features_by.map(|f| match f {
                    FeaturesByArg::Area => mdbind::FeaturesBy::Area,
                    FeaturesByArg::Namespace => mdbind::FeaturesBy::Namespace,
                }),
                ..Default::default()
            };
            let schema = load(&docs)?;
            let files = match &crate_name {
                Some(name) => {
                    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                    if !valid {
                        return Err(format!(
                            "--crate {name:?}: a crate name is ASCII letters, digits, `-` and `_`"
                        ));
                    }
                    let runtime = runtime_path.unwrap_or_else(mdbind::emit::default_runtime_path);
                    mdbind::emit::emit_crate(&schema, &options, name, &runtime)
                }
                None => mdbind::emit::emit_with(&schema, &options),
            };
            if check {
                let stale: Vec<(String, Change)> = mdbind::write::plan(&out, &files)
                    .into_iter()
                    .filter(|(_, c)| *c != Change::Unchanged)
                    .collect();
                for (file, change) in &stale {
                    let what = match change {
                        Change::Created => "missing",
                        Change::Updated => "stale",
                        Change::Removed => "left over",
                        Change::Unchanged => "fresh",
                    };
                    println!("{what}: {}", out.join(file).display());
                }
                if stale.is_empty() {
                    eprintln!(
                        "mdbind: {} is up to date with {}",
                        out.display(),
                        docs.display()
                    );
                    return Ok(ExitCode::SUCCESS);
                }
                eprintln!(
                    "mdbind: {} file(s) in {} differ from what {} generates; run `mdbind generate {} --out {}`",
                    stale.len(),
                    out.display(),
                    docs.display(),
                    docs.display(),
                    out.display()
                );
                return Ok(ExitCode::from(1));
            }
            let changes = mdbind::write::write_all(&out, &files)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            let count = |c: Change| changes.iter().filter(|(_, x)| *x == c).count();
            eprintln!(
                "mdbind: {} types, {} enums, {} operations -> {}: {} created, {} updated, {} unchanged, {} removed; {}",
                schema.types.len(),
                schema.enums.len(),
                schema.operations.len(),
                out.display(),
                count(Change::Created),
                count(Change::Updated),
                count(Change::Unchanged),
                count(Change::Removed),
                summary(&schema.diagnostics),
            );
            let code = exit_for(&schema.diagnostics);
            left_for_exit((schema, files));
            Ok(code)
        }
        Command::Diff {
            old_docs,
            new_docs,
            format,
        } => {
            let old = load(&old_docs)?;
            let new = load(&new_docs)?;
            let diff = mdbind::diff::diff(&old, &new);
            match format {
                Format::Human => print!("{}", mdbind::diff::render(&diff)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&diff).map_err(|e| e.to_string())?
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { docs } => {
            let schema = load(&docs)?;
            let json = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
            println!("{json}");
            left_for_exit(schema);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { docs, format } => {
            let schema = load(&docs)?;
            let diagnostics = &schema.diagnostics;
            match format {
                Format::Human => {
                    // Colour only for a terminal, never in a pipe or a file.
                    let color = std::io::IsTerminal::is_terminal(&std::io::stdout());
                    for d in diagnostics {
                        println!("{}\n", d.render_styled(&docs, color));
                    }
                    let figures = mdbind::schema::summary(&schema);
                    println!(
                        "mdbind check: {} pages ({} skipped): {} types, {} enums, {} operations; {} of {} example bodies conform",
                        figures.pages,
                        figures.pages_skipped.len(),
                        figures.types,
                        figures.enums,
                        figures.operations,
                        figures.examples_conforming,
                        figures.examples_parsed,
                    );
                    println!("mdbind check: {}", summary(diagnostics));
                }
                Format::Json => {
                    let errors = diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .count();
                    let report = serde_json::json!({
                        "diagnostics": diagnostics,
                        "errors": errors,
                        "warnings": diagnostics.len() - errors,
                        "summary": mdbind::schema::summary(&schema),
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                    );
                }
            }
            let code = exit_for(diagnostics);
            left_for_exit(schema);
            Ok(code)
        }
    }
}

fn exit_for(diagnostics: &[mdbind::Diagnostic]) -> ExitCode {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// [`mdbind::load_keeping_pages`], the parsed pages left to the end of the
/// process (freeing them is ~20-35 ms of both cores on a large docs folder).
fn load(docs: &std::path::Path) -> Result<mdbind::Schema, String> {
    let (schema, pages) =
        mdbind::load_keeping_pages(docs).map_err(|e| format!("{}: {e}", docs.display()))?;
    left_for_exit(pages);
    Ok(schema)
}

/// Leaves `value` to the end of the process instead of freeing it: the
/// schema of a large docs folder is millions of small allocations, which
/// freeing one by one costs ~50 ms of a run on one thread, and the operating
/// system reclaims them at exit anyway. Only for what a command holds until
/// it returns.
fn left_for_exit<T>(value: T) {
    std::mem::forget(value);
}
