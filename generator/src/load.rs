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
    let mut out = files_under(docs, PathBuf::new())?;
    sort_paths(&mut out);
    Ok(out)
}

/// The files under `docs/dir`, relative to `docs`, in no particular order.
/// Subfolders are listed on every core: a docs folder is often a few
/// folders of thousands of pages each, and listing one is a few
/// milliseconds the parse waits for.
fn files_under(docs: &Path, dir: PathBuf) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(docs.join(&dir))? {
        let entry = entry?;
        let relative = dir.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            dirs.push(relative);
        } else if kind.is_file() {
            files.push(relative);
        }
    }
    // Each folder's outcome kept in order, so that of two unreadable ones
    // the same is reported whichever thread got there first.
    let nested: Vec<std::io::Result<Vec<PathBuf>>> = dirs
        .into_par_iter()
        .map(|dir| files_under(docs, dir))
        .collect();
    for listed in nested {
        files.extend(listed?);
    }
    Ok(files)
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
    let (md, other): (Vec<&PathBuf>, Vec<&PathBuf>) = files
        .iter()
        .partition(|f| f.extension().is_some_and(|e| e == "md"));
    let mut skipped: Vec<Skipped> = other
        .into_iter()
        .map(|relative| Skipped {
            file: page_name(relative),
            reason: "not a .md page".to_string(),
        })
        .collect();
    // Pages are large: each is written once, in place, by the thread that
    // parsed it (collecting them boxed and moving them into a list after
    // cost a few milliseconds on one thread, most of it fresh memory).
    let mut pages: Vec<Page> = Vec::with_capacity(md.len());
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(md.len());
    md.par_iter()
        .map(|relative| {
            let name = page_name(relative);
            match std::fs::read(docs.join(relative)).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    let (page, diagnostics) = parse::parse_page(&name, text);
                    (page, Outcome::Parsed(diagnostics))
                }
                Ok(Err(_)) => (Page::default(), unreadable(name, "the page is not UTF-8")),
                Err(e) => (Page::default(), unreadable(name, &e.to_string())),
            }
        })
        .unzip_into_vecs(&mut pages, &mut outcomes);
    // An unreadable page is no page: its placeholder goes (nothing moves
    // when every page was read).
    let mut parsed = outcomes.iter().map(|o| matches!(o, Outcome::Parsed(_)));
    pages.retain(|_| parsed.next().unwrap_or(false));
    let mut diagnostics = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Parsed(d) => diagnostics.extend(d),
            Outcome::Unreadable(s, d) => {
                skipped.push(s);
                diagnostics.push(d);
            }
        }
    }
    let (mut schema, pages) = schema::build_keeping_pages(pages, diagnostics);
    schema.pages_skipped.extend(skipped);
    schema.pages_skipped.sort();
    schema.pages += files.len();
    Ok((schema, pages))
}

/// A page's path relative to the docs folder, `/`-separated.
fn page_name(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What reading a `.md` file gave besides its page.
enum Outcome {
    Parsed(Vec<Diagnostic>),
    /// Not read: why, and the diagnostic saying so.
    Unreadable(Skipped, Diagnostic),
}

fn unreadable(file: String, why: &str) -> Outcome {
    let diagnostic = Diagnostic::error(
        Code::UnreadablePage,
        &file,
        1,
        format!("cannot read the page: {why}"),
        "skipped the page",
    );
    Outcome::Unreadable(
        Skipped {
            file,
            reason: format!("unreadable: {why}"),
        },
        diagnostic,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_page_is_skipped_and_the_others_keep_their_place() {
        let docs = tempfile::tempdir().unwrap();
        let page = |title: &str| {
            format!("# {title} resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n")
        };
        std::fs::write(docs.path().join("a.md"), page("alpha")).unwrap();
        std::fs::write(docs.path().join("b.md"), b"# beta\xff\n").unwrap();
        std::fs::write(docs.path().join("c.md"), page("gamma")).unwrap();
        std::fs::write(docs.path().join("notes.txt"), "not a page").unwrap();
        let (schema, pages) = load_keeping_pages(docs.path()).unwrap();
        let files: Vec<&str> = pages.iter().map(|p| &*p.file).collect();
        assert_eq!(files, ["a.md", "c.md"]);
        let titles: Vec<&str> = pages
            .iter()
            .map(|p| p.title.as_ref().unwrap().0.as_str())
            .collect();
        assert_eq!(titles, ["alpha resource type", "gamma resource type"]);
        let skipped: Vec<(&str, &str)> = schema
            .pages_skipped
            .iter()
            .map(|s| (s.file.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                ("b.md", "unreadable: the page is not UTF-8"),
                ("notes.txt", "not a .md page")
            ]
        );
        assert!(schema
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnreadablePage && d.file == "b.md"));
        assert_eq!(schema.pages, 4);
    }

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
