//! The real documentation: all of `../shared/corpus/graph-beta` (7,947 pages,
//! CC BY 4.0) is read without a panic, every page is accounted for, and the
//! schema holds at least what it held when these floors were measured, so a
//! regression in the parser fails here.

mod common;

#[test]
fn whole_corpus_reads_into_one_schema() {
    let Some(corpus) = common::shared("corpus/graph-beta", "whole_corpus_reads_into_one_schema")
    else {
        return;
    };
    let schema = mdbind::load(&corpus).unwrap();
    let s = mdbind::schema::summary(&schema);

    // Every file is either read into the schema or skipped with a reason.
    let files = walk(&corpus);
    assert_eq!(s.pages, files, "every file under the corpus is counted");
    assert!(s.pages_skipped.iter().all(|p| !p.reason.is_empty()));
    assert!(
        s.pages_skipped.len() < 150,
        "{} pages skipped",
        s.pages_skipped.len()
    );
    assert!(
        s.pages_skipped
            .iter()
            .any(|p| p.file == "resources/translationlanguageoverride.md.txt"),
        "the stray .md.txt file is reported as skipped"
    );
    assert_eq!(
        schema
            .diagnostics
            .iter()
            .filter(|d| d.severity == mdbind::Severity::Error)
            .count(),
        0
    );

    // Floors, a little under the figures measured on 2026-11-26.
    let floors = [
        ("types", s.types, 2_800),
        ("properties", s.properties, 22_000),
        ("enums", s.enums, 1_050),
        ("enum_members", s.enum_members, 6_600),
        ("operations", s.operations, 5_000),
        ("paths", s.paths, 9_000),
        ("examples_parsed", s.examples_parsed, 6_100),
        ("examples_conforming", s.examples_conforming, 5_100),
    ];
    for (name, got, floor) in floors {
        assert!(got >= floor, "{name}: {got} < floor {floor}");
    }
    // Unresolved references stay under 1 % of properties.
    assert!(
        s.properties_unresolved * 100 <= s.properties,
        "{} unresolved of {}",
        s.properties_unresolved,
        s.properties
    );
    assert!(
        s.operations_unroutable <= 40,
        "{} unroutable operations",
        s.operations_unroutable
    );
}

#[test]
fn corpus_output_is_deterministic() {
    let Some(corpus) = common::shared("corpus/graph-beta", "corpus_output_is_deterministic") else {
        return;
    };
    let generate = || {
        let (schema, files) = mdbind::generate(&corpus).unwrap();
        (serde_json::to_string(&schema).unwrap(), files)
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let single = one.install(generate);
    let many = generate();
    assert!(
        single.0 == many.0,
        "schema differs between 1 thread and many"
    );
    assert!(
        single.1 == many.1,
        "generated Rust differs between 1 thread and many"
    );

    // The pages in reverse order give the same schema.
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    for relative in mdbind::docs_files(&corpus).unwrap().iter().rev() {
        let name = relative.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(corpus.join(relative)).unwrap();
        let (page, found) = mdbind::parse::parse_page(&name, &text);
        pages.push(page);
        diagnostics.extend(found);
    }
    let mut reversed = mdbind::schema::build(pages, diagnostics);
    let mut forward = mdbind::load(&corpus).unwrap();
    // `load` also counts files that are not pages; the rest must be identical.
    (forward.pages, forward.pages_skipped) = (0, Vec::new());
    reversed.pages_skipped.clear();
    assert!(
        serde_json::to_string(&reversed).unwrap() == serde_json::to_string(&forward).unwrap(),
        "schema depends on page order"
    );
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn corpus_pieces_formatted_apart_join_into_the_whole_file() {
    let Some(corpus) = common::shared(
        "corpus/graph-beta",
        "corpus_pieces_formatted_apart_join_into_the_whole_file",
    ) else {
        return;
    };
    let schema = mdbind::load(&corpus).unwrap();
    let options = mdbind::emit::Options {
        server: true,
        mock: true,
        features: Some(mdbind::emit::FeaturesBy::Area),
        ..Default::default()
    };
    // `emit_with` formats each piece of a file on its own thread and joins
    // the text, and writes model types and enums as formatted text without
    // prettyplease (emit/code.rs); prettyplease formatting each file whole
    // must give the same bytes.
    let pieces = mdbind::emit::emit_with(&schema, &options);
    let whole = mdbind::emit::format_all(mdbind::emit::emit_tokens(&schema, &options));
    assert_eq!(pieces.len(), whole.len());
    for (a, b) in pieces.iter().zip(&whole) {
        assert_eq!(a.path, b.path);
        if a.contents != b.contents {
            let at = a
                .contents
                .lines()
                .zip(b.contents.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let around = |text: &str| {
                text.lines()
                    .skip(at.saturating_sub(3))
                    .take(6)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{}: formatted in pieces differs from formatted whole at line {}:\n{}\n---\n{}",
                a.path,
                at + 1,
                around(&a.contents),
                around(&b.contents)
            );
        }
    }
}
