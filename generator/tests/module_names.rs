//! Namespaces named like a keyword or like the output's own files get module
//! names that compile and files that do not overwrite each other (cargo fuzz
//! found `Namespace: typeof` turning into `pub mod typeof`).

fn resource(namespace: &str, name: &str) -> String {
    format!(
        "# {name} resource type\n\nNamespace: {namespace}\n\nA thing.\n\n\
         ## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Its id. |\n"
    )
}

#[test]
fn keyword_and_file_named_namespaces_get_their_own_modules() {
    let namespaces = ["typeof", "server", "mdbind", "mock", "handlers", "match"];
    let (pages, diagnostics): (Vec<_>, Vec<_>) = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            let file = format!("resources/thing{i}.md");
            mdbind::parse::parse_page(&file, &resource(ns, &format!("thing{i}")))
        })
        .unzip();
    let schema = mdbind::schema::build(pages, diagnostics.concat());
    let modules: Vec<&str> = schema
        .namespaces
        .iter()
        .map(|n| n.module.as_str())
        .collect();
    for taken in ["typeof", "server", "mdbind", "mock", "handlers", "match"] {
        assert!(!modules.contains(&taken), "{taken} in {modules:?}");
    }
    let options = mdbind::emit::Options {
        server: true,
        mock: true,
        ..Default::default()
    };
    let files = mdbind::emit::emit_with(&schema, &options);
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let count = paths.len();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), count, "two files share a path: {paths:?}");
    for file in &files {
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        assert!(
            !file.contents.contains("compile_error!"),
            "{}",
            file.contents
        );
    }
}
