//! A response example whose status is not the one its page's Response
//! section documents gets `example-status-mismatch` at the example's status
//! line; one that agrees gets nothing.

fn status_diagnostics(example_status: &str) -> Vec<(u32, String)> {
    let text = format!(
        "# job: create\n\nNamespace: microsoft.graph\n\nCreates a job.\n\n\
         ## HTTP request\n\n```http\nPOST /jobs\n```\n\n\
         ## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n\
         ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"create\" }} -->\n\
         ```http\nPOST https://graph.microsoft.com/beta/jobs\n```\n\n\
         ### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n\
         ```http\nHTTP/1.1 {example_status}\n```\n"
    );
    let (page, diagnostics) = mdbind::parse::parse_page("api/job-create.md", &text);
    let schema = mdbind::schema::build(vec![page], diagnostics);
    schema
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "example-status-mismatch")
        .map(|d| (d.line, d.message.clone()))
        .collect()
}

#[test]
fn a_response_example_with_another_status_than_its_page_is_reported() {
    let found = status_diagnostics("200 OK");
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, message) = &found[0];
    assert_eq!(*line, 30, "the line of `HTTP/1.1 200 OK`");
    assert!(
        message.contains("200") && message.contains("documents 201"),
        "{message}"
    );
    assert!(status_diagnostics("201 Created").is_empty());
}
