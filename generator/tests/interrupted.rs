//! A `generate` killed at any moment (SIGKILL: no destructor, no cleanup)
//! leaves the output folder exactly as it was before, or exactly as a full
//! run makes it; never a mix. The next run then succeeds and removes what
//! the killed one left beside the folder.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every file under `dir` (relative path → bytes); hidden entries too.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn generate(docs: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mdbind"));
    command
        .args([
            "generate",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--server", "--mock"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn a_killed_generate_leaves_the_old_output_or_the_new_one() {
    let Some(corpus) = common::shared(
        "corpus/graph-beta",
        "a_killed_generate_leaves_the_old_output_or_the_new_one",
    ) else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    // The two states the folder may be in: the seeds' bindings (before) and
    // the corpus's (after), each made by an uninterrupted run.
    let (old, new) = (root.path().join("old"), root.path().join("new"));
    assert!(generate(&common::docs_input(), &old)
        .status()
        .unwrap()
        .success());
    let started = Instant::now();
    assert!(generate(&corpus, &new).status().unwrap().success());
    let full = started.elapsed();
    let (before, after) = (snapshot(&old), snapshot(&new));

    let out = root.path().join("out");
    let staging_prefix = ".out.mdbind-";
    let writing = || {
        std::fs::read_dir(root.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(staging_prefix)
        })
    };
    let mut outcomes = Vec::new();
    // One kill half-way through the work, then kills at moments after the
    // run starts writing (its staging folder appears beside the output).
    let moments: [(Option<u64>, f64); 5] = [
        (None, 0.5),
        (Some(0), 0.0),
        (Some(20), 0.0),
        (Some(100), 0.0),
        (Some(400), 0.0),
    ];
    for (after_writing_ms, fraction) in moments {
        let _ = std::fs::remove_dir_all(&out);
        assert!(generate(&common::docs_input(), &out)
            .status()
            .unwrap()
            .success());
        let mut child = generate(&corpus, &out).spawn().unwrap();
        let label = match after_writing_ms {
            None => {
                std::thread::sleep(full.mul_f64(fraction));
                format!("{:.0} % of a run", fraction * 100.0)
            }
            Some(ms) => {
                while !writing() && child.try_wait().unwrap().is_none() {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                std::thread::sleep(std::time::Duration::from_millis(ms));
                format!("{ms} ms into writing")
            }
        };
        let killed = child.try_wait().unwrap().is_none();
        if killed {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let now = snapshot(&out);
        let state = if now == before {
            "old"
        } else if now == after {
            "new"
        } else {
            panic!(
                "killed at {label}: the output is neither the old nor the new one ({} files)",
                now.len()
            );
        };
        let how = if killed { "killed" } else { "finished" };
        outcomes.push(format!("{label}: {how}, {state}"));
    }
    assert!(
        outcomes.iter().any(|o| o.contains("killed")),
        "no run was killed: {outcomes:?}"
    );
    // What a killed run left beside the folder, the next run removes.
    assert!(generate(&corpus, &out).status().unwrap().success());
    assert_eq!(snapshot(&out), after);
    let beside: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".mdbind-"))
        .collect();
    assert!(beside.is_empty(), "left beside the output: {beside:?}");
    println!("interrupted runs: {}", outcomes.join("; "));
}
