//! A namespace no page declares is spelled as the first page (in file order)
//! that names it spells it, wherever an operation's types are worked out:
//! most operations are typed before the merge, from the namespaces pages
//! declare, and one naming a namespace not known yet is typed in the merge,
//! in page order.

fn operation_page(path: &str, link: &str) -> String {
    format!(
        "# Get thing\n\nGet a thing.\n\n## HTTP request\n\n```http\nGET {path}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [thing]({link}) object in the response body.\n"
    )
}

#[test]
fn an_undeclared_namespace_is_spelled_as_the_first_page_spells_it() {
    let pages = [
        (
            "api/a-get.md",
            "/a/{id}",
            "../resources/Custom.Stuff-thing.md",
        ),
        (
            "api/b-get.md",
            "/b/{id}",
            "../resources/custom.stuff-thing.md",
        ),
        ("api/c-get.md", "/c/{id}", "../resources/thing.md"),
    ];
    // The same schema whatever order the pages come in.
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let (parsed, diagnostics): (Vec<_>, Vec<_>) = order
            .iter()
            .map(|&i| {
                let (file, path, link) = pages[i];
                mdbind::parse::parse_page(file, &operation_page(path, link))
            })
            .unzip();
        let schema = mdbind::schema::build(parsed, diagnostics.concat());
        let response = |name: &str| {
            let op = schema.operations.iter().find(|o| o.name == name).unwrap();
            op.response.as_ref().and_then(|r| r.typ.clone())
        };
        assert_eq!(response("a-get").as_deref(), Some("Custom.Stuff.thing"));
        assert_eq!(response("b-get").as_deref(), Some("Custom.Stuff.thing"));
        assert_eq!(response("c-get").as_deref(), Some("microsoft.graph.thing"));
    }
}
