//! The whole beta corpus as a generated crate (`--crate`): it compiles with
//! warnings denied, its docs build with warnings denied (no broken link, no
//! stray HTML), and its own test round-trips every example body whose type is
//! generated (all conforming ones must pass; the others are listed) and
//! replays every documented request through its mock.
//! Slow by nature (the crate is ~1.36 million lines): about 6 minutes and
//! 10 GB for `cargo test`, 4 minutes and 4.5 GB for `cargo doc`, on 2 cores;
//! an unchanged crate is not rebuilt.

mod common;

use std::path::PathBuf;
use std::time::Instant;

#[test]
fn corpus_crate_compiles_and_round_trips_the_examples() {
    let Some(corpus) = common::shared(
        "corpus/graph-beta",
        "corpus_crate_compiles_and_round_trips_the_examples",
    ) else {
        return;
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap();
    // Kept between runs: an unchanged crate is not compiled again.
    let krate = root.join("target/corpus-crate");
    let target = root.join("target/corpus-crate-target");
    let schema = mdbind::load(&corpus).unwrap();
    let files = mdbind::emit::emit_crate(
        &schema,
        &Default::default(),
        "graph-beta-bindings",
        &root.join("runtime"),
    );
    mdbind::write::write_all(&krate, &files).unwrap();
    let lines: usize = files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .map(|f| f.contents.lines().count())
        .sum();

    let cargo = |args: &[&str]| {
        let started = Instant::now();
        let out =
            std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(args)
                .current_dir(&krate)
                .env("CARGO_TARGET_DIR", &target)
                .env("RUSTFLAGS", "-D warnings")
                // Broken intra-doc links, bad HTML in doc text: errors too.
                .env("RUSTDOCFLAGS", "-D warnings")
                // A crate this size needs its memory for compiling, not for
                // incremental state or debug info (with both, rustc passes 23 GB).
                .env("CARGO_INCREMENTAL", "0")
                .env("CARGO_PROFILE_DEV_DEBUG", "0")
                .env("CARGO_PROFILE_TEST_DEBUG", "0")
                .output()
                .unwrap();
        let text = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "cargo {args:?} failed:\n{}",
            tail(&text)
        );
        (text, started.elapsed())
    };
    // With warnings denied, compiling the tests is the `cargo check -D warnings` too.
    let (output, tested) = cargo(&["test", "--offline", "--", "--nocapture"]);
    let summary = output
        .lines()
        .find(|l| l.starts_with("round trip:"))
        .unwrap_or("no round-trip summary");
    // The replay's every miss, kept for reading; the figures go to the terminal.
    let _ = std::fs::write(root.join("target/corpus-crate-replay.txt"), &output);
    let replay = output
        .lines()
        .find(|l| l.starts_with("replay:"))
        .unwrap_or("no replay summary");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{replay}\n").as_bytes());
    // Floors from the measured figures (docs/replay in the README): routing
    // may get better, not worse. Counts are read off the summary line.
    let numbers: Vec<usize> = replay
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let [routed, requests, _with_body, _ties, ops_right, ops_replayed, ops_resolved, ..] =
        numbers[..]
    else {
        panic!("unreadable replay summary: {replay}");
    };
    assert!(
        routed * 100 >= requests * 75,
        "{routed} of {requests} requests routed right: below the 75 % floor"
    );
    assert!(
        ops_right * 100 >= ops_replayed * 74 && ops_resolved * 100 >= ops_replayed * 90,
        "operations routed right: {ops_right} ({ops_resolved} with ties) of {ops_replayed}: below the floors"
    );
    // The docs' descriptions as rustdoc: every link resolves, no HTML escapes.
    let (_, documented) = cargo(&["doc", "--offline", "--no-deps", "--all-features"]);
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "corpus crate: {lines} lines, {} types, {} enums; cargo test (build and run) {:.0?}; cargo doc {:.0?}; {summary}\n",
            schema.types.len(),
            schema.enums.len(),
            tested,
            documented
        )
        .as_bytes(),
    );
    assert!(
        output.contains("test documented_requests_replay ... ok"),
        "{}",
        tail(&output)
    );
    assert!(
        output.contains("test examples_round_trip ... ok"),
        "{}",
        tail(&output)
    );
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(60)..].join("\n")
}
