//! Regenerates the bindings from `docs-input/` into `OUT_DIR` whenever a page
//! there changes (and only then); `src/lib.rs` includes the result.

fn main() {
    if let Err(e) = mdbind::Builder::new().docs("docs-input").generate() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
