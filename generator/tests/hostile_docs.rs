//! Docs written to break the generator or to smuggle code into the output,
//! each with its asserted outcome: a diagnostic or correct output, and Rust
//! in which text stays text. Pages are written into a temporary folder here,
//! so every case is visible in one place.

use std::path::Path;

use syn::visit::Visit;

/// A resource page with one property row per `(name, type, description)`.
fn resource(name: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut page = format!(
        "---\ntitle: \"{name} resource type\"\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n"
    );
    for (property, typ, description) in rows {
        page.push_str(&format!("|{property}|{typ}|{description}|\n"));
    }
    page
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(dir.join("resources")).unwrap();
    std::fs::write(dir.join("resources").join(name), bytes).unwrap();
}

/// An operation page (for `api/`): its title, its `## HTTP request` lines
/// and what follows them.
fn operation(title: &str, requests: &str, rest: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\n{requests}\n```\n{rest}"
    )
}

/// An example section: a GET of `path`, then a `200 OK` response whose
/// annotation has the members `annotation` adds, with the JSON `body`.
fn get_example(path: &str, annotation: &str, body: &str) -> String {
    format!(
        "\n## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"get\" }} -->\n```http\nGET https://graph.microsoft.com/beta{path}\n```\n\n### Response\n\n<!-- {{ \"blockType\": \"response\"{annotation} }} -->\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{body}\n```\n"
    )
}

fn write_api(dir: &Path, name: &str, text: String) {
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::write(dir.join("api").join(name), text).unwrap();
}

/// Loads and emits `dir`; every file must parse as Rust.
fn generate(dir: &Path) -> (mdbind::Schema, Vec<syn::File>, String) {
    let (schema, files) = mdbind::generate(dir).unwrap();
    let mut all = String::new();
    let parsed = files
        .iter()
        .map(|f| {
            all.push_str(&f.contents);
            syn::parse_file(&f.contents)
                .unwrap_or_else(|e| panic!("{}: {e}\n{}", f.path, f.contents))
        })
        .collect();
    (schema, parsed, all)
}

/// Everything in the generated code that is not a doc comment or a string:
/// what an injection would have to reach.
#[derive(Default)]
struct Code {
    functions: Vec<String>,
    macros: Vec<String>,
}

impl<'ast> Visit<'ast> for Code {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.functions.push(f.sig.ident.to_string());
        syn::visit::visit_item_fn(self, f);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.macros.push(
            m.path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::"),
        );
        syn::visit::visit_macro(self, m);
    }
}

#[test]
fn text_that_looks_like_code_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        (
            "closer",
            "String",
            "Ends a block comment */ and opens one /*",
        ),
        ("quote", "String", "A \" quote and a \\\" backslash"),
        ("nul", "String", "A NUL \u{0} byte"),
        ("attr", "String", "#[doc = \"x\"] pub fn injected() {}"),
        ("include", "String", "include_str!(\"/etc/passwd\")"),
        ("breakout", "String", "\")] fn evil() {} #[doc=\""),
        (
            "html",
            "String",
            "<script>alert(1)</script> and <b>bold</b>",
        ),
        ("fence", "String", "```rust\nfn in_a_fence() {}\n```"),
    ];
    write(dir.path(), "hostile.md", resource("hostile", &hostile));
    let (schema, files, all) = generate(dir.path());
    let def = schema.types.iter().find(|t| t.name == "hostile").unwrap();
    assert_eq!(def.properties.len(), hostile.len(), "every row is kept");

    let mut code = Code::default();
    for file in &files {
        code.visit_file(file);
    }
    for evil in ["evil", "injected", "in_a_fence"] {
        assert!(
            !code.functions.iter().any(|f| f == evil),
            "{evil} became code"
        );
    }
    assert!(
        code.macros.iter().all(|m| [
            "include",
            "mdbind_runtime::object_serde",
            "mdbind_runtime::object_traits",
            "mdbind_runtime::string_enum_serde"
        ]
        .contains(&m.as_str())),
        "only mdbind's own include! and serde and std trait impl macros: {:?}",
        code.macros
    );
    // The text is still there, as documentation.
    assert!(
        all.contains("fn evil() {}"),
        "the text is kept in a doc comment"
    );
    assert!(
        all.contains(r#"include\_str!("/etc/passwd")"#),
        "kept, markdown-escaped"
    );
    assert!(!all.contains('\u{0}'), "no NUL in the output");
}

#[test]
fn names_that_try_to_be_rust_become_identifiers() {
    let dir = tempfile::tempdir().unwrap();
    let page = resource(
        "a; fn x(){}",
        &[
            ("a; fn y(){}", "String", "x"),
            ("r#type", "String", "x"),
            ("crate::x", "String", "x"),
        ],
    );
    write(dir.path(), "names.md", page);
    let (schema, files, _) = generate(dir.path());
    let mut code = Code::default();
    for file in &files {
        code.visit_file(file);
    }
    assert!(!code.functions.iter().any(|f| f == "x" || f == "y"));
    for t in &schema.types {
        assert!(
            syn::parse_str::<syn::Ident>(&t.rust_name).is_ok(),
            "{}",
            t.rust_name
        );
        for p in &t.properties {
            let ident = p.rust_name.trim_start_matches("r#");
            assert!(
                syn::parse_str::<syn::Ident>(ident).is_ok()
                    || syn::parse_str::<syn::Ident>(&format!("r#{ident}")).is_ok(),
                "{}",
                p.rust_name
            );
        }
    }
}

#[test]
fn odd_encodings_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = resource("crlf", &[("id", "String", "x")]).replace('\n', "\r\n");
    write(dir.path(), "crlf.md", crlf);
    write(
        dir.path(),
        "bom.md",
        format!("\u{feff}{}", resource("bom", &[("id", "String", "x")])),
    );
    write(
        dir.path(),
        "spaces.md",
        resource(
            "spaces",
            &[("\u{a0}id\u{a0}", "\tString\t", "tab\tand\u{a0}NBSP")],
        ),
    );
    write(dir.path(), "empty.md", "");
    write(
        dir.path(),
        "latin1.md",
        b"# caf\xe9 resource type\n\n|Property|Type|\n|:--|:--|\n|x|String|\n",
    );
    let (schema, _, _) = generate(dir.path());
    let props = |name: &str| {
        schema.types.iter().find(|t| t.name == name).map(|t| {
            t.properties
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        props("crlf"),
        Some(vec!["id".to_string()]),
        "CRLF reads like LF"
    );
    assert_eq!(
        props("bom"),
        Some(vec!["id".to_string()]),
        "a BOM is not text"
    );
    assert_eq!(
        props("spaces"),
        Some(vec!["id".to_string()]),
        "tabs and NBSP are spaces"
    );
    let unreadable: Vec<_> = schema
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "unreadable-page")
        .collect();
    assert_eq!(unreadable.len(), 1, "{unreadable:?}");
    assert_eq!(unreadable[0].file, "resources/latin1.md");
    assert!(schema
        .pages_skipped
        .iter()
        .any(|s| s.file == "resources/empty.md"));
}

#[test]
fn huge_inputs_finish_with_everything_kept() {
    let dir = tempfile::tempdir().unwrap();
    // 100,000 rows.
    let rows: Vec<(String, &str, &str)> = (0..100_000)
        .map(|i| (format!("p{i}"), "Int32", "A number."))
        .collect();
    let rows: Vec<(&str, &str, &str)> = rows.iter().map(|(n, t, d)| (n.as_str(), *t, *d)).collect();
    write(dir.path(), "wide.md", resource("wide", &rows));
    // An example nested 10,000 levels deep.
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let example = format!(
        "{}\n## Example\n<!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.deep\" }} -->\n```json\n{{\"id\": {deep}}}\n```\n",
        resource("deep", &[("id", "Int32", "x")])
    );
    write(dir.path(), "deep.md", example);
    // A 50 MiB page: one long description.
    let long = "x".repeat(50 << 20);
    write(
        dir.path(),
        "long.md",
        resource("long", &[("id", "String", &long)]),
    );

    // An enum of 100,000 members, listed again (in part, with one more) on
    // another page; and a response example of 100,000 members for a type
    // no page documents, so it is inferred from it and then checked.
    let mut members = String::new();
    for i in 0..100_000 {
        members.push_str(&format!("| m{i} | {i} | Member {i}. |\n"));
    }
    write(
        dir.path(),
        "bigenum.md",
        format!("---\ntitle: \"bigEnum enum type\"\n---\n\n# bigEnum enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n{members}"),
    );
    write(
        dir.path(),
        "again.md",
        format!(
            "{}\n### bigEnum values\n\n| Member | Description |\n|:---|:---|\n| m5 | Five. |\n| extra | Added. |\n| m0 | Zero. |\n",
            resource("again", &[("kind", "bigEnum", "A kind.")])
        ),
    );
    let body: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\": {i}")).collect();
    let example = get_example(
        "/wideThings/1",
        ", \"@odata.type\": \"microsoft.graph.wideThing\"",
        &format!("{{{}}}", body.join(",\n")),
    );
    write_api(
        dir.path(),
        "widething-get.md",
        operation("Get wideThing", "GET /wideThings/{id}", &example),
    );
    // 50,000 possible values in one description; 50,000 request lines on one page.
    let values: Vec<String> = (0..50_000).map(|i| format!("`v{i}`")).collect();
    let description = format!("A choice. Possible values are: {}.", values.join(", "));
    write(
        dir.path(),
        "choices.md",
        resource("choices", &[("pick", "String", &description)]),
    );
    // 10,000 property names that differ only in symbols, which Rust names drop.
    let symbols: Vec<char> = ('\u{2190}'..='\u{21ff}')
        .chain('\u{2500}'..='\u{257f}')
        .collect();
    let symbolic: Vec<String> = symbols
        .iter()
        .flat_map(|a| symbols.iter().map(move |b| format!("p{a}{b}")))
        .take(10_000)
        .collect();
    let rows: Vec<(&str, &str, &str)> = symbolic
        .iter()
        .map(|n| (n.as_str(), "String", "P."))
        .collect();
    write(dir.path(), "symbols.md", resource("symbols", &rows));
    let lines: Vec<String> = (0..50_000)
        .map(|i| format!("GET /many/{{id}}/p{i}"))
        .collect();
    write_api(
        dir.path(),
        "many-get.md",
        operation("Get many", &lines.join("\n"), ""),
    );

    let schema = mdbind::load(dir.path()).unwrap();
    let count = |name: &str| {
        schema
            .types
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.properties.len())
    };
    assert_eq!(count("wide"), Some(100_000));
    let big = schema.enums.iter().find(|e| e.name == "bigEnum").unwrap();
    assert_eq!(big.members.len(), 100_001);
    // Pages merge in file order: the short list (again.md) came first.
    let first: Vec<&str> = big.members[..4].iter().map(|m| m.name.as_str()).collect();
    assert_eq!(first, ["m5", "extra", "m0", "m1"]);
    assert_eq!(big.members[0].description.as_deref(), Some("Five."));
    assert_eq!(big.members[100_000].name, "m99999");
    let inferred = schema.types.iter().find(|t| t.name == "wideThing").unwrap();
    assert!(inferred.inferred);
    assert_eq!(inferred.properties.len(), 100_000);
    assert_eq!(inferred.properties[99_999].name, "k99999");
    // Its members' lines: the body starts on the page's line 31, one member a line.
    assert_eq!(inferred.properties[99_999].source.line, 31 + 99_999);
    assert_eq!(schema.example_counts.examples_checked, 1);
    assert_eq!(schema.example_counts.examples_conforming, 1);
    let choices = schema
        .enums
        .iter()
        .find(|e| e.inline && e.name == "ChoicesPick")
        .unwrap();
    assert_eq!(choices.members.len(), 50_000);
    let many = schema
        .operations
        .iter()
        .find(|o| &*o.source.file == "api/many-get.md")
        .unwrap();
    assert_eq!(many.paths.len(), 50_000);
    let symbols = schema.types.iter().find(|t| t.name == "symbols").unwrap();
    let rust: std::collections::BTreeSet<&str> = symbols
        .properties
        .iter()
        .map(|p| p.rust_name.as_str())
        .collect();
    assert_eq!(rust.len(), 10_000);
    assert!(rust.contains("p") && rust.contains("p_10000"));
    assert_eq!(count("deep"), Some(1));
    assert_eq!(count("long"), Some(1));
    let long_def = schema.types.iter().find(|t| t.name == "long").unwrap();
    assert_eq!(
        long_def.properties[0].description.as_ref().map(String::len),
        Some(50 << 20)
    );
}

#[test]
fn an_example_of_unknown_members_against_a_base_of_many_derived_types() {
    // Each unknown member may belong to any type derived from the documented
    // one: 3,000 of them, listed once per object, each found by its address.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "base.md",
        resource("base", &[("id", "String", "Id.")]),
    );
    for i in 0..3_000 {
        let page = format!(
            "{}\n## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.c{i}\", \"baseType\": \"microsoft.graph.base\" }} -->\n```json\n{{\"p{i}\": \"String\"}}\n```\n",
            resource(&format!("c{i}"), &[(&format!("p{i}"), "String", "P.")])
        );
        write(dir.path(), &format!("c{i}.md"), page);
    }
    let members: Vec<String> = (0..1_000).map(|i| format!("\"u{i}\": 1")).collect();
    let response = "\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [base](../resources/base.md) object in the response body.\n";
    let example = get_example(
        "/bases/1",
        "",
        &format!(
            "{{\"id\": \"1\", \"p2999\": \"x\", {}}}",
            members.join(", ")
        ),
    );
    write_api(
        dir.path(),
        "base-get.md",
        operation(
            "Get base",
            "GET /bases/{id}",
            &[response, &example].concat(),
        ),
    );

    let schema = mdbind::load(dir.path()).unwrap();
    let derived = schema
        .types
        .iter()
        .filter(|t| t.base.as_deref() == Some("microsoft.graph.base"))
        .count();
    assert_eq!(derived, 3_000);
    let unknown: Vec<&str> = schema
        .diagnostics
        .iter()
        .filter(|d| d.code == mdbind::diagnostics::Code::ExampleUnknownProperty)
        .map(|d| d.message.as_str())
        .collect();
    // `p2999` is a derived type's property: known; every `u…` is reported.
    assert_eq!(unknown.len(), 1_000, "{:?}", &unknown[..3]);
    assert!(unknown.iter().all(|m| m.starts_with("`u")));
}

#[test]
fn links_out_of_the_docs_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        resource("secret", &[("id", "String", "x")]),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rel = format!(
        "../{}/secret.md",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    let page = resource(
        "linker",
        &[
            ("a", &format!("[secret]({rel})"), "Relative link out."),
            (
                "b",
                &format!("[secret]({}/secret.md)", outside.path().display()),
                "Absolute link.",
            ),
        ],
    );
    write(dir.path(), "linker.md", page);
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), dir.path().join("resources/outside")).unwrap();
    let schema = mdbind::load(dir.path()).unwrap();
    assert!(
        schema
            .types
            .iter()
            .all(|t| t.name != "secret" || t.inferred),
        "a page outside the docs folder was read"
    );
    assert!(
        schema
            .types
            .iter()
            .flat_map(|t| &t.sources)
            .all(|s| !s.file.contains("..")
                && !s.file.starts_with('/')
                && !s.file.contains("outside")),
        "every source is a file inside the docs folder"
    );
}
