//! A request body is optional where the docs show a request may go without
//! one: a documented request example that sends none, or a method that
//! carries none (a body table on a GET function lists what its URL carries).
//! Elsewhere it stays required, and the server says so when it is missing.

/// A method page: `request` is the request line, `example` the request
/// example's lines (request line first).
fn page(title: &str, request: &str, example: &str) -> String {
    format!(
        "# {title}\n\nNamespace: microsoft.graph\n\nDoes something.\n\n\
         ## HTTP request\n\n```http\n{request}\n```\n\n\
         ## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
         | reason | String | Why. |\n\n\
         ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n\
         ## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{title}\" }} -->\n\
         ```http\n{example}\n```\n\n\
         ### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 204 No Content\n```\n"
    )
}

fn optional(file: &str, text: &str) -> bool {
    let (page, diagnostics) = mdbind::parse::parse_page(file, text);
    let schema = mdbind::schema::build(vec![page], diagnostics);
    let op = &schema.operations[0];
    op.request_body
        .as_ref()
        .unwrap_or_else(|| panic!("{file}: no request body read"))
        .optional
}

#[test]
fn a_body_is_optional_only_where_the_docs_show_a_request_without_one() {
    let without = page(
        "job: abort",
        "POST /jobs/{id}/abort",
        "POST https://graph.microsoft.com/beta/jobs/1/abort",
    );
    assert!(optional("api/job-abort.md", &without));

    let with = page(
        "job: cancel",
        "POST /jobs/{id}/cancel",
        "POST https://graph.microsoft.com/beta/jobs/1/cancel\nContent-type: application/json\n\n{\n  \"reason\": \"late\"\n}",
    );
    assert!(!optional("api/job-cancel.md", &with));

    // Headers alone are not a body.
    let headers_only = page(
        "job: pause",
        "POST /jobs/{id}/pause",
        "POST https://graph.microsoft.com/beta/jobs/1/pause\nContent-type: application/json",
    );
    assert!(optional("api/job-pause.md", &headers_only));

    let function = page(
        "jobs: count",
        "GET /jobs/count(reason='{reason}')",
        "GET https://graph.microsoft.com/beta/jobs/count(reason='late')",
    );
    assert!(optional("api/jobs-count.md", &function));
}
