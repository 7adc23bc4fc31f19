//! Reading a docs folder: every `.md` file under it, parsed in parallel,
//! merged in sorted path order so the result never depends on thread count or
//! on the order the file system lists files in.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{self, Page};
use crate::schema::{self, Schema, Skipped};

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
    sort_paths(&mut out);
    Ok(out)
}

/// Sorts paths in `Path`'s own order (component by component), with a key
/// made once per path: comparing `Path`s splits both into components each
/// time, two thirds of listing a large docs folder. Mapping the separator
/// to the lowest byte gives the same order for paths made by `join` (no
/// empty or `.` components).
fn sort_paths(paths: &mut [PathBuf]) {
    paths.sort_by_cached_key(|p| {
        p.as_os_str()
            .as_encoded_bytes()
            .iter()
            .map(|&b| {
                if std::path::is_separator(char::from(b)) {
                    0
                } else {
                    b
                }
            })
            .collect::<Vec<u8>>()
    });
}

/// Parses and merges every page under `docs`. Fails only when the folder
/// cannot be listed; an unreadable page is a diagnostic.
pub fn load(docs: &Path) -> std::io::Result<Schema> {
    let (schema, pages) = load_keeping_pages(docs)?;
    schema::free_pages(pages);
    Ok(schema)
}

/// [`load`], handing back the parsed pages too (see
/// [`schema::build_keeping_pages`]): the command line leaves them to the
/// process's exit and a build script's [`crate::Generated`] frees them on a
/// thread of its own.
pub fn load_keeping_pages(docs: &Path) -> std::io::Result<(Schema, Vec<Page>)> {
    let files = all_files(docs)?;
    let parsed: Vec<Loaded> = files
        .par_iter()
        .map(|relative| {
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if relative.extension().is_none_or(|e| e != "md") {
                return Loaded::Skipped(
                    Skipped {
                        file: name,
                        reason: "not a .md page".to_string(),
                    },
                    None,
                );
            }
            match std::fs::read(docs.join(relative)).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    let (page, diagnostics) = parse::parse_page(&name, text);
                    Loaded::Page(Box::new(page), diagnostics)
                }
                Ok(Err(_)) => unreadable(name, "the page is not UTF-8"),
                Err(e) => unreadable(name, &e.to_string()),
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    let mut diagnostics = Vec::new();
    let mut skipped = Vec::new();
    for loaded in parsed {
        match loaded {
            Loaded::Page(page, d) => {
                pages.push(*page);
                diagnostics.extend(d);
            }
            Loaded::Skipped(s, d) => {
                skipped.push(s);
                diagnostics.extend(d);
            }
        }
    }
    let (mut schema, pages) = schema::build_keeping_pages(pages, diagnostics);
    schema.pages_skipped.extend(skipped);
    schema.pages_skipped.sort();
    schema.pages += files.len();
    Ok((schema, pages))
}

enum Loaded {
    Page(Box<Page>, Vec<Diagnostic>),
    Skipped(Skipped, Option<Diagnostic>),
}

fn unreadable(file: String, why: &str) -> Loaded {
    let diagnostic = Diagnostic::error(
        Code::UnreadablePage,
        &file,
        1,
        format!("cannot read the page: {why}"),
        "skipped the page",
    );
    Loaded::Skipped(
        Skipped {
            file,
            reason: format!("unreadable: {why}"),
        },
        Some(diagnostic),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_component_by_component() {
        let names = [
            "a-b/c.md", "a/b.md", "ab.md", "a/b/c.md", "a.md", "a/a.md", "b.md", "a b.md",
        ];
        let mut ours: Vec<PathBuf> = names.iter().map(|n| n.split('/').collect()).collect();
        let mut std = ours.clone();
        sort_paths(&mut ours);
        std.sort();
        assert_eq!(ours, std);
    }
}
