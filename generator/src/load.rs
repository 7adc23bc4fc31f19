//! Reading a docs folder: every `.md` file under it, parsed in parallel,
//! merged in sorted path order so the result never depends on thread count or
//! on the order the file system lists files in.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{self, Page};
use crate::schema::{self, Schema};

/// The pages (`.md` files) under `docs`, sorted, as paths relative to `docs`.
pub fn docs_files(docs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = all_files(docs)?;
    files.retain(|f| f.extension().is_some_and(|e| e == "md"));
    Ok(files)
}

/// Every file under `docs`, sorted, relative to `docs`.
pub(crate) fn all_files(docs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(docs.join(&dir))? {
            let entry = entry?;
            let relative = dir.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(relative);
            } else if kind.is_file() {
                out.push(relative);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Parses and merges every page under `docs`. Fails only when the folder
/// cannot be listed; an unreadable page is a diagnostic.
pub fn load(docs: &Path) -> std::io::Result<Schema> {
    let files = docs_files(docs)?;
    let parsed: Vec<(Option<Page>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|relative| {
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            match std::fs::read(docs.join(relative)).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    let (page, diagnostics) = parse::parse_page(&name, text);
                    (Some(page), diagnostics)
                }
                Ok(Err(_)) => (None, vec![unreadable(&name, "the page is not UTF-8")]),
                Err(e) => (None, vec![unreadable(&name, &e.to_string())]),
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    for (page, d) in parsed {
        pages.extend(page);
        diagnostics.extend(d);
    }
    Ok(schema::build(&pages, diagnostics))
}

fn unreadable(file: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnreadablePage,
        file,
        1,
        format!("cannot read the page: {why}"),
        "skipped the page",
    )
}
