//! Schema snapshots of the hardest pages of the real docs, each read alone
//! (fixtures under `tests/fixtures/graph-beta`, CC BY 4.0; see its README).

use std::path::Path;

#[test]
fn schema_of_hard_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph-beta");
    let pages = mdbind::docs_files(&root).unwrap();
    assert_eq!(pages.len(), 11, "10 pages and the README");
    for relative in pages.iter().filter(|p| !p.ends_with("README.md")) {
        let name = relative.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(root.join(relative)).unwrap();
        let (page, diagnostics) = mdbind::parse::parse_page(&name, &text);
        let schema = mdbind::schema::build(vec![page], diagnostics);
        let snapshot = name.trim_end_matches(".md").replace('/', "__");
        insta::assert_json_snapshot!(format!("hard__{snapshot}"), schema);
    }
}
