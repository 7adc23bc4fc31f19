//! Which generated items rustc spent its time on.
//!
//! ```sh
//! cd target/compile-cost/crate
//! CARGO_TARGET_DIR=../target CARGO_INCREMENTAL=0 RUSTC_BOOTSTRAP=1 cargo rustc --profile check --lib \
//!     -- -Z self-profile=/tmp/prof -Z self-profile-events=default,args
//! cargo run --release --manifest-path scripts/rustc-profile/Cargo.toml -- /tmp/prof/<crate>-<pid> items 1
//! cargo run --release --manifest-path scripts/rustc-profile/Cargo.toml -- /tmp/prof/<crate>-<pid> obligations
//! ```
//!
//! `items DEPTH`: each event's self time (its time minus its children's) goes
//! to the innermost enclosing query whose argument is an item of the crate,
//! grouped by the first DEPTH segments of its path (`{impl}`, `<Type>` for
//! impls and capitalised names); events outside any item keep their label.
//! `obligations`: `evaluate_obligation` time by the predicate's shape and its
//! parameter environment (empty, a handler trait's, or a generic function's).
//! `items DEPTH queries`: as `items`, each item's time split by query.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use analyzeme::ProfilingData;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(stem), Some(mode)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: rustc-profile PROFILE_STEM items [DEPTH] | obligations");
        std::process::exit(2);
    };
    let data = ProfilingData::new(Path::new(stem)).unwrap_or_else(|e| {
        eprintln!("rustc-profile: {e}");
        std::process::exit(2);
    });
    let totals = match mode.as_str() {
        "items" => {
            // The profile is `<crate>-<pid>`: items are paths under `<crate>::`.
            let file = Path::new(stem)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned());
            let krate = file
                .as_deref()
                .and_then(|f| f.rsplit_once('-'))
                .map_or("", |f| f.0)
                .to_string();
            let depth = args.get(3).and_then(|d| d.parse().ok()).unwrap_or(1);
            // `items DEPTH queries`: also split each item's time by query.
            let by_query = args.get(4).is_some_and(|a| a == "queries");
            items(&data, &format!("{krate}::"), depth, by_query)
        }
        "obligations" => obligations(&data),
        _ => {
            eprintln!("rustc-profile: unknown mode `{mode}`");
            std::process::exit(2);
        }
    };
    let mut totals: Vec<_> = totals.into_iter().collect();
    totals.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = std::io::stdout().lock();
    // `ROWS=n` lists more (or fewer) than the top 60.
    let rows = std::env::var("ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(60);
    for (key, seconds) in totals.iter().take(rows) {
        // A closed pipe (`| head`) ends the listing.
        if writeln!(out, "{seconds:>9.2} s  {key}").is_err() {
            break;
        }
    }
}

struct Span {
    thread: u32,
    start: SystemTime,
    end: SystemTime,
    label: String,
    arg: String,
}

fn items(data: &ProfilingData, krate: &str, depth: usize, by_query: bool) -> HashMap<String, f64> {
    let mut spans: Vec<Span> = data
        .iter_full()
        .filter_map(|e| {
            let t = e.payload.timestamp().filter(|t| !t.is_instant())?;
            Some(Span {
                thread: e.thread_id,
                start: t.start(),
                end: t.end(),
                label: e.label.to_string(),
                arg: e
                    .additional_data
                    .first()
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
            })
        })
        .collect();
    // Parents before children: by thread, then start, the longer first.
    spans.sort_by(|a, b| {
        (a.thread, a.start, std::cmp::Reverse(a.end)).cmp(&(
            b.thread,
            b.start,
            std::cmp::Reverse(b.end),
        ))
    });
    let mut totals: HashMap<String, f64> = HashMap::new();
    // Open spans: (end, owner key, duration, children's time, query).
    type Open = (SystemTime, String, f64, f64, String);
    let mut open: Vec<Open> = Vec::new();
    let mut close = |open: &mut Vec<Open>| {
        if let Some((_, key, duration, children, query)) = open.pop() {
            let key = if by_query {
                format!("{key}  [{query}]")
            } else {
                key
            };
            *totals.entry(key).or_default() += duration - children;
            if let Some(parent) = open.last_mut() {
                parent.3 += duration;
            }
        }
    };
    let mut thread = None;
    for span in spans {
        if thread != Some(span.thread) {
            while !open.is_empty() {
                close(&mut open);
            }
            thread = Some(span.thread);
        }
        while open.last().is_some_and(|o| o.0 <= span.start) {
            close(&mut open);
        }
        let key = item_key(&span.arg, krate, depth)
            .or_else(|| open.last().map(|o| o.1.clone()))
            .unwrap_or_else(|| format!("({})", span.label));
        let duration = span
            .end
            .duration_since(span.start)
            .map_or(0.0, |d| d.as_secs_f64());
        open.push((span.end, key, duration, 0.0, span.label));
    }
    while !open.is_empty() {
        close(&mut open);
    }
    totals
}

/// `krate::module::{{impl}}[12]::fmt` → `module::{impl}::fmt` at depth 3;
/// `None` when `arg` names no item of the crate.
fn item_key(arg: &str, krate: &str, depth: usize) -> Option<String> {
    let path = arg.find(krate).map(|i| &arg[i + krate.len()..])?;
    let segments: Vec<String> = path
        .split("::")
        .take(depth)
        .map(|s| {
            if s.starts_with("{{impl}}") || s.starts_with("{impl#") {
                "{impl}".to_string()
            } else if s.starts_with(|c: char| c.is_ascii_uppercase()) {
                "<Type>".to_string()
            } else {
                s.to_string()
            }
        })
        .collect();
    Some(segments.join("::"))
}

fn obligations(data: &ProfilingData) -> HashMap<String, f64> {
    let mut totals: HashMap<String, f64> = HashMap::new();
    for e in data.iter_full() {
        if e.label != "evaluate_obligation" {
            continue;
        }
        let Some(duration) = e.duration() else {
            continue;
        };
        let arg = e
            .additional_data
            .first()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let env = if arg.contains("caller_bounds: []") {
            "empty env"
        } else if arg.contains("caller_bounds: [Binder { value: ProjectionPredicate") {
            "trait env"
        } else {
            "generic env"
        };
        // `<Outer<…> as Trait>`: keep the outer type and the trait.
        let predicate = arg
            .rsplit_once("value: Binder { value: ")
            .map_or("", |p| p.1);
        let outer = predicate
            .split_once('(')
            .map_or("", |p| p.1)
            .trim_start_matches('<')
            .split(['<', ' '])
            .next()
            .unwrap_or("");
        let tr = predicate
            .rsplit_once(" as ")
            .map_or("", |p| p.1)
            .split(['>', ','])
            .next()
            .unwrap_or("");
        *totals.entry(format!("{env:11} {outer}: {tr}")).or_default() += duration.as_secs_f64();
    }
    totals
}
