//! Assembles a page's facts from its blocks, section by section.

use std::sync::LazyLock;

use regex::Regex;

use super::examples::{self, ExampleKind};
use super::json_tree::Json;
use super::markdown::{self, Block, BlockKind, Inline, Row};
use super::text::{self, find_short, strip_prefix_ci, without};
use super::typeref::{self, TypeName};
use super::Phrase;
use super::{
    enums, http, json, BodyFacts, EnumFacts, EnumMember, HeaderRow, OperationFacts, Page,
    PermissionRow, PropertyRow, PropertyTable, QueryParamRow, RequestLine, ResourceFacts,
    ResponseFacts, TableSubject,
};
use crate::diagnostics::{Code, Diagnostic};

/// "a user object", "collection of event objects" (no link): group 1 says
/// whether it is a collection, group 2 is the type name.
static NAMED_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(an?|the|updated|new|collection of|(?:an? )?(?:updated |new )?collection of)\s+(?:\*\*)?([A-Za-z][A-Za-z0-9]*)(?:\*\*)?\s+(?:object|objects|entity|resource)\b").unwrap()
});
/// "JSON representation for/of the x object" (no link).
static JSON_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)json representation (?:for|of) (?:the |an? )?(?:\*\*)?([A-Za-z][A-Za-z0-9]*)(?:\*\*)? object").unwrap()
});
/// "This type is an open type", "It is an Open Type", "This is an _open type_".
static OPEN_TYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:is|as) an? _?open type_?\b").unwrap());
static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)`?\b([1-5]\d\d)\b(?:\s+[A-Za-z][A-Za-z ]*?)?`?\s+(?:response|status)\s+code")
        .unwrap()
});

/// Parses one page. `file` is its path relative to the docs folder.
pub fn parse_page(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let blocks = markdown::blocks(text);
    let mut p = PageParser {
        page: Page {
            file: file.into(),
            ..Page::default()
        },
        diagnostics: Vec::new(),
    };
    p.run(&blocks);
    (p.page, p.diagnostics)
}

struct PageParser {
    page: Page,
    diagnostics: Vec<Diagnostic>,
}

/// The annotation waiting for the code block it announces.
enum Pending {
    None,
    Example(ExampleKind, Json),
    /// A resource's JSON representation follows.
    Representation,
    Ignored,
}

impl PageParser {
    fn run(&mut self, blocks: &[Block]) {
        let mut section = String::new();
        let mut subsection = String::new();
        let mut seen_h2 = false;
        let mut pending = Pending::None;
        // The first type a paragraph of the current section links to: the
        // sentence that names a table's type.
        let mut section_link: Option<TypeName> = None;
        for block in blocks {
            match &block.kind {
                BlockKind::FrontMatter(text) => self.page.front_matter.add(text),
                BlockKind::Heading { level, inline } => {
                    // Copied only where kept: section names into buffers
                    // reused from heading to heading.
                    let text = inline.text.trim();
                    match level {
                        1 if self.page.title.is_none() && !is_tab_marker(inline) => {
                            self.page.title = Some((text.to_string(), block.line));
                        }
                        2 => {
                            seen_h2 = true;
                            section.clear();
                            section.push_str(text);
                            section.make_ascii_lowercase();
                            subsection.clear();
                            section_link = None;
                            if section == "http request" {
                                self.operation().line = block.line;
                            }
                        }
                        3.. => {
                            subsection.clear();
                            subsection.push_str(text);
                        }
                        _ => {}
                    }
                }
                BlockKind::Paragraph(inline) => {
                    if !seen_h2 {
                        self.preamble(inline, block.line);
                    }
                    self.inheritance(inline, block.line);
                    // The regex only where its words are: most paragraphs are not.
                    static OPEN_TYPE_WORDS: Phrase = Phrase::new("open type");
                    if OPEN_TYPE_WORDS.occurs_in(&inline.text) && OPEN_TYPE.is_match(&inline.text) {
                        self.page.open_type = true;
                    }
                    if section_link.is_none() {
                        section_link = inline
                            .links
                            .iter()
                            .find(|l| typeref::is_page_link(&l.dest))
                            .map(typeref::named_from_link);
                    }
                    if section == "request body" && self.page.operation.is_some() {
                        self.request_body_sentence(inline, block.line);
                    }
                    if section == "response" && self.page.operation.is_some() {
                        self.response_sentence(inline, block.line);
                    }
                }
                BlockKind::Table { header, rows } => {
                    if let Some(name) =
                        enum_table_name(&section, &subsection, self.page.title.as_ref())
                    {
                        if self.enum_table(&name, header, rows, block.line) {
                            continue;
                        }
                    }
                    self.table(&section, header, rows, block.line, section_link.clone());
                }
                BlockKind::Html(text) => {
                    for annotation in self.annotations(text, block.line) {
                        match annotation.get("blockType").and_then(Json::as_str) {
                            Some("request") => {
                                pending = Pending::Example(ExampleKind::Request, annotation)
                            }
                            Some("response") => {
                                pending = Pending::Example(ExampleKind::Response, annotation)
                            }
                            Some("resource") => {
                                self.resource_annotation(&annotation, block.line);
                                pending = Pending::Representation;
                            }
                            Some(_) => pending = Pending::Ignored,
                            None => {}
                        }
                    }
                }
                BlockKind::Code {
                    info,
                    text,
                    first_line,
                } => {
                    match std::mem::replace(&mut pending, Pending::None) {
                        Pending::Example(kind, annotation) => {
                            self.example(kind, &annotation, text, *first_line)
                        }
                        Pending::Representation => {
                            // Placeholder values ("String", 1024) are read for their
                            // members and kinds; invalid JSON here is not an example.
                            if let json::JsonRead::Strict(body)
                            | json::JsonRead::Lenient(body, _, _) = json::read(text, *first_line)
                            {
                                if let Some(resource) = self.page.resource.as_mut() {
                                    resource.representation = Some(body);
                                }
                            }
                        }
                        Pending::Ignored | Pending::None if section == "http request" => {
                            self.request_block(text, *first_line);
                        }
                        Pending::None
                            if section.starts_with("example")
                                && info.eq_ignore_ascii_case("http") =>
                        {
                            // Unannotated example (common on Intune pages): the first line says which kind.
                            let first = text
                                .lines()
                                .find(|l| !l.trim().is_empty())
                                .unwrap_or_default();
                            let kind = if http::status_line(first).is_some() {
                                Some(ExampleKind::Response)
                            } else if http::request_line(first).is_some() {
                                Some(ExampleKind::Request)
                            } else {
                                None
                            };
                            if let Some(kind) = kind {
                                self.example(
                                    kind,
                                    &Json::Object(Default::default()),
                                    text,
                                    *first_line,
                                );
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    fn operation(&mut self) -> &mut OperationFacts {
        self.page
            .operation
            .get_or_insert_with(OperationFacts::default)
    }

    /// Text between the title and the first section: the namespace and summary.
    fn preamble(&mut self, inline: &Inline, line: u32) {
        let text = inline.text.trim();
        if let Some(rest) = strip_prefix_ci(text, "namespace:") {
            // "Namespace: microsoft.graph" may run on into the next line's text.
            let ns = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .trim_matches('`');
            let valid = !ns.is_empty()
                && ns.split('.').all(|part| {
                    part.chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                        && part.chars().all(|c| c.is_alphanumeric() || c == '_')
                });
            if valid {
                self.page.namespace = Some((ns.to_string(), line));
            }
        } else if self.page.summary.is_none()
            && self.page.title.is_some()
            && !text.starts_with("[!")
        {
            self.page.summary = Some(text.to_string());
        }
    }

    fn annotations(&mut self, html: &str, line: u32) -> Vec<Json> {
        let mut out = Vec::new();
        let mut rest = html;
        let mut offset_line = line;
        while let Some(start) = find_short(rest, "<!--") {
            // The closer is searched after the opener: in `<!-->` they overlap.
            let Some(len) = find_short(&rest[start + 4..], "-->").map(|l| l + 4) else {
                break;
            };
            let inner = rest[start + 4..start + len].trim();
            let inner_line = offset_line + lines_in(&rest[..start]);
            if inner.starts_with('{') {
                // Strict JSON (nearly every annotation) needs serde_json alone;
                // the rest is read as example JSON is.
                match serde_json::from_str::<Json>(inner) {
                    Ok(value) => out.push(value),
                    Err(_) => match json::read(inner, inner_line) {
                        json::JsonRead::Strict(body) | json::JsonRead::Lenient(body, _, _) => {
                            out.push(body.value)
                        }
                        json::JsonRead::Invalid(why, at) => {
                            self.diagnostics.push(Diagnostic::warning(
                                Code::AnnotationInvalid,
                                &self.page.file,
                                at,
                                format!("annotation comment is not readable JSON: {why}"),
                                "ignored the annotation; the block after it is read as unannotated",
                            ))
                        }
                    },
                }
            }
            offset_line += lines_in(&rest[..start + len + 3]);
            rest = &rest[start + len + 3..];
        }
        out
    }

    fn resource_annotation(&mut self, annotation: &Json, line: u32) {
        let Some(name) = annotation.get("@odata.type").and_then(Json::as_str) else {
            return;
        };
        let base = annotation
            .get("baseType")
            .and_then(Json::as_str)
            .map(typeref::qualified);
        self.page.resource = Some(ResourceFacts {
            name: typeref::qualified(name),
            base,
            open: annotation
                .get("openType")
                .and_then(Json::as_bool)
                .unwrap_or(false),
            representation: None,
            line,
        });
    }

    fn request_block(&mut self, code: &str, first_line: u32) {
        for (i, text) in super::lines(code).enumerate() {
            let line = first_line + i as u32;
            if text.trim().is_empty() {
                continue;
            }
            match http::request_line(text) {
                Some((method, path)) => {
                    self.operation()
                        .requests
                        .push(RequestLine { method, path, line })
                }
                None => {
                    let first = text
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase();
                    if http::METHODS.contains(&first.as_str()) {
                        self.operation().unroutable_methods.push(first);
                    }
                    self.diagnostics.push(Diagnostic::warning(
                    Code::UnroutableRequestLine,
                    &self.page.file,
                    line,
                    format!("request line is not `METHOD /path`: `{}`", text.trim()),
                    "kept the operation in the schema as unroutable and left it out of the handler traits",
                    ));
                }
            }
        }
    }

    fn example(&mut self, kind: ExampleKind, annotation: &Json, text: &str, first_line: u32) {
        let example = examples::read(
            &self.page.file,
            kind,
            annotation,
            text,
            first_line,
            &mut self.diagnostics,
        );
        self.page.examples.push(example);
    }

    fn request_body_sentence(&mut self, inline: &Inline, line: u32) {
        let op = self.operation();
        if op.request_body.is_some() {
            return;
        }
        if let Some(link) = inline.links.iter().find(|l| typeref::is_page_link(&l.dest)) {
            let before = inline.text[..link.offset.min(inline.text.len())].to_ascii_lowercase();
            let says_body = [
                "json representation",
                "supply",
                "provide",
                "request body",
                "specify",
            ]
            .iter()
            .any(|w| before.contains(w));
            if says_body && !before.contains("do not supply") && !before.contains("don't supply") {
                op.request_body = Some(BodyFacts {
                    typ: Some(typeref::named_from_link(link)),
                    collection: before.contains("collection"),
                    line,
                });
            }
        } else if let Some(c) = JSON_FOR.captures(&inline.text) {
            // "supply a JSON representation for the appVulnerabilityManagedDevice object."
            op.request_body = Some(BodyFacts {
                typ: Some(TypeName::Named {
                    name: c[1].to_string(),
                    namespace: None,
                }),
                collection: false,
                line,
            });
        }
    }

    fn response_sentence(&mut self, inline: &Inline, line: u32) {
        let op = self.operation();
        if op.response.is_some() {
            return;
        }
        // Every status sentence ends in "code": most paragraphs skip the regex.
        static CODE: Phrase = Phrase::new("code");
        if !CODE.occurs_in(&inline.text) {
            return;
        }
        // The match opens with the status (after a backtick, if any): found
        // without asking for the group, which costs the regex a second search.
        let Some(found) = STATUS.find(&inline.text) else {
            return;
        };
        // (`\d` is any Unicode digit: those are not a status, as before.)
        let digits = found.as_str().trim_start_matches('`');
        let Some(status) = digits.get(..3).and_then(|d| d.parse::<u16>().ok()) else {
            return;
        };
        let end = found.end();
        // Only the sentence that gives the status names the response's type.
        let sentence_end = inline.text[end..]
            .find(". ")
            .map_or(inline.text.len(), |i| end + i);
        let link = inline
            .links
            .iter()
            .find(|l| l.offset >= end && l.offset < sentence_end && typeref::is_page_link(&l.dest));
        let (typ, collection) = match link {
            Some(link) => {
                let between = inline.text[end..link.offset].to_ascii_lowercase();
                // "… an [event](event.md) collection in the response body."
                let after = inline.text[link.offset..].to_ascii_lowercase();
                let after = after.split(". ").next().unwrap_or_default();
                (
                    Some(typeref::named_from_link(link)),
                    between.contains("collection") || after.contains(" collection"),
                )
            }
            // "… and a appVulnerabilityManagedDevice object in the response body."
            None => match NAMED_OBJECT.captures(&inline.text[end..sentence_end]) {
                Some(c) => (
                    Some(TypeName::Named {
                        name: c[2].to_string(),
                        namespace: None,
                    }),
                    c.get(1)
                        .is_some_and(|m| m.as_str().to_ascii_lowercase().contains("collection")),
                ),
                None => (None, false),
            },
        };
        op.response = Some(ResponseFacts {
            status,
            typ,
            collection,
            line,
        });
    }

    fn table(
        &mut self,
        section: &str,
        header: &[Inline],
        rows: &[Row],
        line: u32,
        link: Option<TypeName>,
    ) {
        let columns: Vec<String> = header
            .iter()
            .map(|c| without(&c.text, &['`']).trim().to_ascii_lowercase())
            .collect();
        let col = |names: &[&str]| columns.iter().position(|c| names.contains(&c.as_str()));
        /// The row's cell in column `i`; empty where the row is short.
        fn cell<'r>(row: &'r Row<'_>, i: Option<usize>) -> &'r Inline<'r> {
            static EMPTY: Inline<'static> = Inline {
                text: std::borrow::Cow::Borrowed(""),
                links: Vec::new(),
            };
            i.and_then(|i| row.cells.get(i)).unwrap_or(&EMPTY)
        }
        if section == "permissions"
            || columns
                .first()
                .is_some_and(|c| c.starts_with("permission type"))
        {
            self.permissions(rows);
            return;
        }
        if section.contains("request header") {
            let (name, desc) = (col(&["name", "header"]), col(&["description", "value"]));
            for row in rows {
                let name = cell(row, name).text.to_string();
                if !name.is_empty() {
                    let description = cell(row, desc).text.to_string();
                    self.operation().headers.push(HeaderRow {
                        name,
                        description,
                        line: row.line,
                    });
                }
            }
            return;
        }
        if section.contains("query parameter") {
            let name = col(&["name", "parameter", "query parameter"]);
            let (desc, example, ops) = (
                col(&["description"]),
                col(&["example"]),
                col(&["supported operators"]),
            );
            for row in rows {
                let name = cell(row, name).text.replace('`', "");
                if !name.is_empty() {
                    let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
                    self.operation().query_params.push(QueryParamRow {
                        name,
                        description: cell(row, desc).text.to_string(),
                        example: non_empty(&cell(row, example).text),
                        operators: non_empty(&cell(row, ops).text),
                        line: row.line,
                    });
                }
            }
            return;
        }
        let (Some(name_col), Some(type_col)) = (
            col(&[
                "property",
                "name",
                "parameter",
                "relationship",
                "property name",
                "relationship name",
                "parameter name",
            ]),
            col(&["type"]),
        ) else {
            return;
        };
        let subject = match section {
            "properties" => TableSubject::Resource,
            "relationships" => TableSubject::Relationships,
            "request body" => TableSubject::RequestBody(link),
            _ => return,
        };
        let desc_col = col(&["description"]);
        // Rows are large and kept to the end of the run: sized once (a
        // grown list copies them and keeps up to half its room unused).
        let mut out: Vec<PropertyRow> = Vec::with_capacity(rows.len());
        // Rows whose description the rows after them go on with.
        let mut continued: Vec<usize> = Vec::new();
        for row in rows {
            let name = without(&cell(row, Some(name_col)).text, &['`'])
                .trim()
                .to_string();
            if name.is_empty() {
                continue;
            }
            let type_cell = cell(row, Some(type_col));
            if name.contains(char::is_whitespace) && type_cell.text.trim().is_empty() {
                // Not a property: a `|**Policy Set**|` group label, or a
                // description that ran onto a line of its own.
                let text = name.replace("**", "");
                if !name.starts_with("**") {
                    if let Some(previous) = out.last_mut() {
                        previous.description.push(' ');
                        previous.description.push_str(&text);
                        if continued.last() != Some(&(out.len() - 1)) {
                            continued.push(out.len() - 1);
                        }
                    }
                }
                continue;
            }
            let description = cell(row, desc_col);
            // "… Inherited from [x](x.md)", anywhere in the cell. The
            // description is lower-cased once for the three readings of it.
            static INHERITED_FROM: Phrase = Phrase::new("inherited from");
            let (inherited_at, possible_values, marks) =
                text::with_lowercase(&description.text, |lower| {
                    (
                        INHERITED_FROM.find_in(lower),
                        enums::possible_values_in(&description.text, lower),
                        super::PropertyMarks::in_lowercase(lower),
                    )
                });
            let inherited_from = inherited_at
                .map(|at| at + "inherited from".len())
                .and_then(|end| {
                    description
                        .links
                        .iter()
                        .find(|l| l.offset >= end && typeref::is_page_link(&l.dest))
                })
                .map(typeref::named_from_link);
            out.push(PropertyRow {
                name,
                typ: typeref::parse(type_cell),
                possible_values,
                marks,
                description: description.text.to_string(),
                inherited_from,
                line: row.line,
            });
        }
        // A row's description can go on in the rows after it (see above):
        // its marks are read again once it is whole.
        for i in continued {
            out[i].marks = super::PropertyMarks::of(&out[i].description);
        }
        self.page.property_tables.push(PropertyTable {
            subject,
            line,
            rows: out,
        });
    }

    /// Reads an enum's member table; false when the table is not one.
    fn enum_table(&mut self, name: &str, header: &[Inline], rows: &[Row], line: u32) -> bool {
        let columns: Vec<String> = header
            .iter()
            .map(|c| without(&c.text, &['`']).trim().to_ascii_lowercase())
            .collect();
        let col = |names: &[&str]| columns.iter().position(|c| names.contains(&c.as_str()));
        let Some(member_col) = col(&["member", "name", "value", "members"]) else {
            return false;
        };
        let value_col = col(&["value"]).filter(|&v| v != member_col);
        let desc_col = col(&["description"]);
        let mut members = Vec::new();
        for row in rows {
            let cell = |i: Option<usize>| {
                i.and_then(|i| row.cells.get(i))
                    .map(|c| c.text.trim().to_string())
            };
            let Some(member) = cell(Some(member_col)) else {
                continue;
            };
            let member = without(&member, &['`', '*']).trim().to_string();
            if member.is_empty() {
                continue;
            }
            members.push(EnumMember {
                name: member,
                value: cell(value_col).filter(|v| !v.is_empty()),
                description: cell(desc_col).filter(|v| !v.is_empty()),
                line: row.line,
            });
        }
        self.page.enums.push(EnumFacts {
            name: name.to_string(),
            members,
            line,
        });
        true
    }

    /// "Inherits from [x](x.md)", "derived from [x][]": the page's base type.
    fn inheritance(&mut self, inline: &Inline, line: u32) {
        // Every marker has a "from": most paragraphs are passed over on one scan.
        static FROM: Phrase = Phrase::new("from");
        let has_from = FROM.occurs_in(&inline.text);
        if self.page.base.is_some() || !has_from {
            return;
        }
        let lower = inline.text.to_ascii_lowercase();
        for marker in [
            "inherits from",
            "derived from",
            "derives from",
            "inherits properties from",
        ] {
            let Some(at) = lower.find(marker) else {
                continue;
            };
            let end = at + marker.len();
            if let Some(link) = inline
                .links
                .iter()
                .find(|l| l.offset >= end && l.offset <= end + 4)
            {
                if !link.dest.starts_with("http") {
                    self.page.base = Some((typeref::named_from_link(link), line));
                    return;
                }
            }
        }
    }

    fn permissions(&mut self, rows: &[Row]) {
        for row in rows {
            let (Some(kind), Some(scopes)) = (row.cells.first(), row.cells.get(1)) else {
                continue;
            };
            let kind_text = kind.text.to_ascii_lowercase();
            let kind = if kind_text.contains("delegated") && kind_text.contains("work") {
                "delegated_work".to_string()
            } else if kind_text.contains("delegated") && kind_text.contains("personal") {
                "delegated_personal".to_string()
            } else if kind_text.starts_with("application") {
                "application".to_string()
            } else {
                kind_text
            };
            let text = scopes.text.replace("**", "").replace('`', "");
            let text = text.trim();
            let plain = text.trim_end_matches('.').trim();
            let mut entry = PermissionRow {
                kind,
                scopes: Vec::new(),
                supported: true,
                line: row.line,
            };
            if plain.eq_ignore_ascii_case("not supported")
                || plain.eq_ignore_ascii_case("not applicable")
            {
                entry.supported = false;
            } else if plain.is_empty() || plain.to_ascii_uppercase().contains("TODO") {
                self.diagnostics.push(Diagnostic::warning(
                    Code::PermissionPlaceholder,
                    &self.page.file,
                    row.line,
                    format!(
                        "permission scopes are a placeholder: `{}`",
                        scopes.text.trim()
                    ),
                    "generated the operation with no scopes of this kind; list the real scopes",
                ));
            } else {
                entry.scopes = plain
                    .split([',', ';'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            self.operation().permissions.push(entry);
        }
    }
}

/// `# [HTTP](#tab/http)`: a tab strip, not a title.
fn is_tab_marker(inline: &Inline) -> bool {
    inline.links.iter().any(|l| l.dest.starts_with("#tab/"))
}

/// The enum a table lists, if any: an enum page's `## Members` (named by its
/// "x enum type" title) or an `### x values` section.
fn enum_table_name(
    section: &str,
    subsection: &str,
    title: Option<&(String, u32)>,
) -> Option<String> {
    let words: Vec<&str> = subsection.split_whitespace().collect();
    if words.len() == 2 && words[1].eq_ignore_ascii_case("values") {
        return Some(words[0].trim_matches('`').to_string());
    }
    if section == "members" || section == "enum members" {
        let (title, _) = title?;
        let lower = title.to_ascii_lowercase();
        if lower.ends_with("enum type")
            || lower.ends_with("enumeration type")
            || lower.ends_with(" enum")
        {
            return title
                .split_whitespace()
                .next()
                .map(|w| w.trim_matches('`').to_string());
        }
    }
    None
}

/// The line breaks in `text`, as a line count.
fn lines_in(text: &str) -> u32 {
    u32::try_from(markdown::count_newlines(text.as_bytes())).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::PropertyMarks;

    /// Found by `cargo fuzz`: `<!-->` opens and closes a comment at once.
    #[test]
    fn overlapping_comment_markers_are_no_annotation() {
        let (page, _) = parse_page(
            "api/x.md",
            "# x\n\n<!-->-- {\n\n<!-- { \"blockType\": \"ignored\" } -->\n",
        );
        assert_eq!(page.title.map(|(t, _)| t).as_deref(), Some("x"));
    }

    /// The status is the number the response sentence opens its match with,
    /// quoted or not; digits of other scripts (which the regex's `\d`
    /// matches) are not a status.
    #[test]
    fn response_status_is_read_off_the_sentence() {
        let status = |sentence: &str| {
            let text = format!(
                "# x\n\n## HTTP request\n\n```http\nGET /x\n```\n\n## Response\n\n{sentence}\n"
            );
            let (page, _) = parse_page("api/x.md", &text);
            page.operation.and_then(|o| o.response).map(|r| r.status)
        };
        assert_eq!(
            status("This method returns a `201 Created` response code."),
            Some(201)
        );
        assert_eq!(status("Returns 204 No Content response code."), Some(204));
        assert_eq!(status("Returns a `404` status code."), Some(404));
        assert_eq!(status("Returns 2\u{e51}\u{e52} response code."), None);
        assert_eq!(status("Returns 200 OK."), None);
    }

    /// A description that runs onto a row of its own is read whole for its
    /// marks; its own row's marks, values and base stay read off it.
    #[test]
    fn marks_of_a_description_continued_on_the_next_row() {
        let (page, _) = parse_page(
            "resources/x.md",
            "# x resource type\n\n## Properties\n\n\
             | Property | Type | Description |\n|:--|:--|:--|\n\
             | a | String | Nullable. Possible values are: `one`, `two`. |\n\
             | goes on here. Read-only. | | |\n\
             | b | String | Not nullable. Inherited from [y](y.md). |\n",
        );
        assert_eq!(page.property_tables.len(), 1);
        let rows = &page.property_tables[0].rows;
        let a = &rows[0];
        assert_eq!(
            a.description,
            "Nullable. Possible values are: `one`, `two`. goes on here. Read-only."
        );
        assert_eq!(a.possible_values, ["one", "two"]);
        assert_eq!(
            a.marks,
            PropertyMarks {
                read_only: true,
                nullable: Some(true),
                required: false
            }
        );
        let b = &rows[1];
        assert_eq!((b.marks.read_only, b.marks.nullable), (false, Some(false)));
        assert!(
            matches!(&b.inherited_from, Some(TypeName::Named { name, .. }) if name == "y"),
            "{:?}",
            b.inherited_from
        );
    }
}
