//! Writing generated files: each only when its bytes changed (so cargo and
//! editors see no change when there is none), through a temporary file renamed
//! over the old one (so no reader ever sees half a file).

use std::io::Write as _;
use std::path::Path;

use crate::emit::GeneratedFile;

/// What happened, or would happen, to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
    Unchanged,
    /// A file an earlier run generated that is no longer produced.
    Removed,
}

/// The changes writing `files` to `out` would make, without writing anything.
pub fn plan(out: &Path, files: &[GeneratedFile]) -> Vec<(String, Change)> {
    let mut changes: Vec<(String, Change)> = files
        .iter()
        .map(|f| {
            let change = match std::fs::read(out.join(&f.path)) {
                Ok(bytes) if bytes == f.contents.as_bytes() => Change::Unchanged,
                Ok(_) => Change::Updated,
                Err(_) => Change::Created,
            };
            (f.path.clone(), change)
        })
        .collect();
    changes.extend(
        leftovers(out, files)
            .into_iter()
            .map(|name| (name, Change::Removed)),
    );
    changes
}

/// Writes `files` into `out` (created if missing) and removes files that an
/// earlier run generated there but this one did not. Returns what changed.
pub fn write_all(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<(String, Change)>> {
    std::fs::create_dir_all(out)?;
    let changes = plan(out, files);
    for (file, (_, change)) in files.iter().zip(&changes) {
        if matches!(change, Change::Created | Change::Updated) {
            let mut temp = tempfile::NamedTempFile::new_in(out)?;
            temp.write_all(file.contents.as_bytes())?;
            // Temporary files are private (0600); generated code is ordinary source.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                temp.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
            temp.persist(out.join(&file.path)).map_err(|e| e.error)?;
        }
    }
    for (name, change) in &changes {
        if *change == Change::Removed {
            std::fs::remove_file(out.join(name))?;
        }
    }
    Ok(changes)
}

/// `.rs` files in `out` that carry mdbind's header but are not in `files`.
/// Files without the header are the user's and are never touched.
fn leftovers(out: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| name.ends_with(".rs") && !files.iter().any(|f| &f.path == name))
        .filter(|name| {
            std::fs::read_to_string(out.join(name))
                .is_ok_and(|text| text.starts_with(crate::emit::HEADER_MARK))
        })
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_own_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let header = crate::emit::HEADER_MARK;
        let first = [
            file("a.rs", &format!("{header} a")),
            file("b.rs", &format!("{header} b")),
        ];
        let changes = write_all(dir.path(), &first).unwrap();
        assert!(changes.iter().all(|(_, c)| *c == Change::Created));
        std::fs::write(dir.path().join("mine.rs"), "// not generated").unwrap();
        let second = [
            file("a.rs", &format!("{header} a")),
            file("c.rs", &format!("{header} c")),
        ];
        let mut changes = write_all(dir.path(), &second).unwrap();
        changes.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            changes,
            vec![
                ("a.rs".into(), Change::Unchanged),
                ("b.rs".into(), Change::Removed),
                ("c.rs".into(), Change::Created)
            ]
        );
        assert!(dir.path().join("mine.rs").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.path().join("c.rs"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        assert!(!dir.path().join("b.rs").exists());
    }
}
