//! Writing generated files so that no reader ever sees a half-written output:
//! the complete new folder is built beside the old one and swapped in with one
//! rename, so a failed or interrupted run leaves the previous output as it was.
//! Files whose bytes did not change are carried over as hard links, keeping
//! their modification time (cargo, make and editors see no change); files in
//! the folder that mdbind did not generate are carried over too.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

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
    // Compared on every core: a rerun whose docs barely changed reads back
    // tens of megabytes here, most of them in two or three large files.
    let mut changes: Vec<(String, Change)> = files
        .par_iter()
        .map(|f| {
            let change = match same_contents(&out.join(&f.path), f.contents.as_bytes()) {
                Ok(true) => Change::Unchanged,
                Ok(false) => Change::Updated,
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

/// Whether the file at `path` holds exactly `contents`, read a block at a
/// time (a generated file can be tens of megabytes; reading it whole would
/// add that much to the run's peak memory).
fn same_contents(path: &Path, contents: &[u8]) -> std::io::Result<bool> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() != contents.len() as u64 {
        return Ok(false);
    }
    let mut block = vec![0; 64 * 1024];
    let mut rest = contents;
    loop {
        let n = file.read(&mut block)?;
        if n == 0 {
            return Ok(rest.is_empty());
        }
        if n > rest.len() || block[..n] != rest[..n] {
            return Ok(false);
        }
        rest = &rest[n..];
    }
}

/// Makes `out` hold exactly `files` (plus any files of the user's) and
/// returns what changed. Nothing is touched when nothing changed.
pub fn write_all(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<(String, Change)>> {
    write_all_with(out, files, &mut |_| Ok(()))
}

/// [`write_all`], calling `after_file` after each file written to the new
/// folder: tests use it to inject a failure part-way.
pub fn write_all_with(
    out: &Path,
    files: &[GeneratedFile],
    after_file: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<Vec<(String, Change)>> {
    let changes = plan(out, files);
    if changes.iter().all(|(_, c)| *c == Change::Unchanged) && out.is_dir() {
        return Ok(changes);
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    remove_stale_temporaries(&parent, out);
    let staging = tempfile::Builder::new()
        .prefix(&temp_prefix(out))
        .tempdir_in(&parent)?;
    // Carry over everything (as hard links), then drop what goes and replace
    // what changed: unlinking first, so the old folder's files are never touched.
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries {
            let entry = entry?;
            carry_over(&entry.path(), &staging.path().join(entry.file_name()))?;
        }
    }
    for (name, change) in &changes {
        if *change == Change::Removed {
            std::fs::remove_file(staging.path().join(name))?;
        }
    }
    // Written and flushed to disk on every core: flushing is most of the
    // time of writing tens of megabytes, and the disk takes them together.
    let to_write: Vec<&GeneratedFile> = files
        .iter()
        .zip(&changes)
        .filter(|(_, (_, change))| matches!(change, Change::Created | Change::Updated))
        .map(|(file, _)| file)
        .collect();
    let written: Vec<std::io::Result<()>> = to_write
        .par_iter()
        .map(|file| write_new(&staging.path().join(&file.path), file.contents.as_bytes()))
        .collect();
    for (file, result) in to_write.iter().zip(written) {
        result?;
        after_file(&file.path)?;
    }
    set_mode(staging.path(), 0o755)?;
    let staging = staging.keep();
    if let Err(e) = swap_in(&staging, out) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // `staging` now holds the previous output (or nothing).
    let _ = std::fs::remove_dir_all(&staging);
    Ok(changes)
}

/// Writes `contents` to a new file at `path` (replacing a carried-over
/// link, never writing through it) and flushes it to disk.
fn write_new(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut handle = std::fs::File::create(path)?;
    handle.write_all(contents)?;
    handle.sync_all()
}

fn temp_prefix(out: &Path) -> String {
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.mdbind-")
}

/// Folders an interrupted run left behind (they never hold the live output).
fn remove_stale_temporaries(parent: &Path, out: &Path) {
    let prefix = temp_prefix(out);
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// A hard link when the file system allows one (same bytes, same mtime),
/// else a copy; folders are copied whole.
fn carry_over(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            carry_over(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// Puts `staging` at `out` in one step where the OS can (Linux exchanges the
/// two folders atomically); elsewhere two renames, with the old folder moved
/// aside first so that it is never lost.
fn swap_in(staging: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = staging.with_extension("old");
    std::fs::rename(out, &aside)?;
    if let Err(e) = std::fs::rename(staging, out) {
        std::fs::rename(&aside, out)?;
        return Err(e);
    }
    std::fs::rename(&aside, staging)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// `.rs` files under `out` that carry mdbind's header but are not in
/// `files` (paths relative to `out`, `/`-separated). Files without the header
/// are the user's and are never touched.
fn leftovers(out: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut names = Vec::new();
    let mut stack = vec![String::new()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(out.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let relative = if dir.is_empty() {
                name.clone()
            } else {
                format!("{dir}/{name}")
            };
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(relative);
            } else if name.ends_with(".rs")
                && !files.iter().any(|f| f.path == relative)
                && std::fs::read_to_string(entry.path())
                    .is_ok_and(|t| t.starts_with(crate::emit::HEADER_MARK))
            {
                names.push(relative);
            }
        }
    }
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
    fn compares_contents_block_by_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.rs");
        // Over two blocks, differing only in the last byte.
        let mut contents = vec![b'x'; 150 * 1024];
        std::fs::write(&path, &contents).unwrap();
        assert!(same_contents(&path, &contents).unwrap());
        *contents.last_mut().unwrap() = b'y';
        assert!(!same_contents(&path, &contents).unwrap());
        assert!(!same_contents(&path, &contents[1..]).unwrap());
        assert!(same_contents(&dir.path().join("missing.rs"), b"").is_err());
    }

    fn read(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().into_string().unwrap(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn writes_only_changes_and_removes_own_leftovers() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let header = crate::emit::HEADER_MARK;
        let first = [
            file("a.rs", &format!("{header} a")),
            file("b.rs", &format!("{header} b")),
        ];
        let changes = write_all(&out, &first).unwrap();
        assert!(changes.iter().all(|(_, c)| *c == Change::Created));
        std::fs::write(out.join("mine.rs"), "// not generated").unwrap();
        let a_mtime = std::fs::metadata(out.join("a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        let second = [
            file("a.rs", &format!("{header} a")),
            file("c.rs", &format!("{header} c")),
        ];
        let mut changes = write_all(&out, &second).unwrap();
        changes.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            changes,
            vec![
                ("a.rs".into(), Change::Unchanged),
                ("b.rs".into(), Change::Removed),
                ("c.rs".into(), Change::Created)
            ]
        );
        assert_eq!(
            std::fs::read_to_string(out.join("mine.rs")).unwrap(),
            "// not generated"
        );
        assert!(!out.join("b.rs").exists());
        assert_eq!(
            std::fs::metadata(out.join("a.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            a_mtime
        );
        // Nothing is left beside the output.
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failure_part_way_leaves_the_previous_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let old = [
            file("a.rs", "old a"),
            file("b.rs", "old b"),
            file("c.rs", "old c"),
        ];
        write_all(&out, &old).unwrap();
        let new = [
            file("a.rs", "new a"),
            file("b.rs", "new b"),
            file("c.rs", "new c"),
        ];
        let mut written = 0;
        let result = write_all_with(&out, &new, &mut |_| {
            written += 1;
            if written == 2 {
                Err(std::io::Error::other("injected fault"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err());
        assert_eq!(
            read(&out),
            [
                ("a.rs".into(), "old a".into()),
                ("b.rs".into(), "old b".into()),
                ("c.rs".into(), "old c".into())
            ]
        );
        // The next run cleans up and succeeds.
        write_all(&out, &new).unwrap();
        assert_eq!(
            read(&out),
            [
                ("a.rs".into(), "new a".into()),
                ("b.rs".into(), "new b".into()),
                ("c.rs".into(), "new c".into())
            ]
        );
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }
}
