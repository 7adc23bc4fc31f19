//! `docs-input/` starts as the five seed pages of `../shared/seeds`, byte for
//! byte, under the names the docs link to.

use std::io::Write as _;
use std::path::PathBuf;

const PAGES: [(&str, &str); 5] = [
    (
        "000_6b159b9ee892a71e.txt",
        "api/usercredentialusagedetails-post.md",
    ),
    (
        "001_02ef74631fba9940.txt",
        "api/credentialuserregistrationdetails-post.md",
    ),
    (
        "002_d025a4a58e297cfe.txt",
        "api/usercredentialusagedetails-update.md",
    ),
    (
        "003_c6be41f0ff0b4328.txt",
        "api/credentialusagesummary-post.md",
    ),
    (
        "004_a43488ab6fc44395.txt",
        "api/reportroot-list-usercredentialusagedetails.md",
    ),
];

#[test]
fn docs_input_holds_the_seeds_unchanged() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/seeds");
    if !seeds.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/seeds beside the repository"
        );
        // Written straight to stderr: the test harness captures eprintln!.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED docs_input_holds_the_seeds_unchanged: ../shared/seeds is not here"
        );
        return;
    }
    for (seed, page) in PAGES {
        let expected = std::fs::read(seeds.join(seed)).unwrap();
        let actual = std::fs::read(root.join("docs-input").join(page)).unwrap();
        assert!(
            expected == actual,
            "docs-input/{page} differs from seed {seed}"
        );
    }
}
