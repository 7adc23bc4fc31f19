//! insta snapshots of the schema and the generated Rust, per seed page and for
//! `docs-input` whole. Review changes with `cargo insta review`.

mod common;

use common::*;

#[test]
fn schema_per_seed() {
    for (stem, relative) in seed_pages() {
        let schema = schema_of_page(&relative);
        insta::assert_json_snapshot!(format!("schema__{stem}"), schema);
    }
}

#[test]
fn rust_per_seed() {
    for (stem, relative) in seed_pages() {
        let files = mdbind::emit::emit(&schema_of_page(&relative));
        insta::assert_snapshot!(format!("rust__{stem}"), joined(&files));
    }
}

#[test]
fn schema_of_docs_input() {
    let schema = mdbind::load(&docs_input()).unwrap();
    insta::assert_json_snapshot!("schema__docs_input", schema);
}

#[test]
fn rust_of_docs_input() {
    let schema = mdbind::load(&docs_input()).unwrap();
    let options = mdbind::emit::Options {
        server: true,
        mock: true,
        ..Default::default()
    };
    let files = mdbind::emit::emit_with(&schema, &options);
    insta::assert_snapshot!("rust__docs_input", joined(&files));
}

/// Every generated file parses as Rust, whatever the page.
#[test]
fn generated_files_parse() {
    for (_, relative) in seed_pages() {
        for file in mdbind::emit::emit(&schema_of_page(&relative)) {
            syn::parse_file(&file.contents)
                .unwrap_or_else(|e| panic!("{relative} → {}: {e}", file.path));
            assert!(
                file.contents.starts_with(mdbind::emit::HEADER_MARK),
                "{}",
                file.path
            );
        }
    }
}
