//! Page facts → one merged model: types and properties from every table that
//! describes them, inline enums, operations; then references are resolved,
//! types nobody documents are inferred from examples, and examples are checked.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::case::upper_camel_case;
use rayon::prelude::*;

use super::bodies::Bodies;
use super::model::*;
use super::{conformance, infer, names};
use crate::diagnostics::{Code, Diagnostic};
use crate::parse::{self, ExampleKind, Json, Page, PropertyRow, TableSubject, TypeName};

/// The namespace of pages without a `Namespace:` line.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Builds the schema from parsed pages (in any order) and the parse diagnostics.
pub fn build(pages: Vec<Page>, diagnostics: Vec<Diagnostic>) -> Schema {
    let (schema, pages) = build_keeping_pages(pages, diagnostics);
    free_pages(pages);
    schema
}

/// [`build`], handing the pages back (sorted by file, their example bodies
/// moved into the schema) for the caller to free when it suits it: freeing
/// them is ~20-35 ms of both cores' time on a large docs folder, which a
/// program about to exit need not spend (see [`free_pages`]).
pub fn build_keeping_pages(
    mut pages: Vec<Page>,
    diagnostics: Vec<Diagnostic>,
) -> (Schema, Vec<Page>) {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let mut schema = build_from(&pages, diagnostics);
    move_bodies(&mut schema, &mut pages);
    (schema, pages)
}

/// Frees parsed pages on every thread: they are hundreds of thousands of
/// small allocations on a large docs folder.
pub fn free_pages(pages: Vec<Page>) {
    pages.into_par_iter().for_each(drop);
}

/// Examples' bodies move from the pages into the schema, once nothing reads
/// them from the pages any more: a copy of every body would cost more.
/// `pages` are sorted by file, and an operation's examples are its page's,
/// in the page's order: each operation is paired with its page by a walk of
/// both in file order, then the pairs (each page has one operation) move
/// their bodies on every thread, as pages and operations are both cold.
fn move_bodies(schema: &mut Schema, pages: &mut [Page]) {
    let mut operations: Vec<&mut Operation> = schema.operations.iter_mut().collect();
    operations.sort_by(|a, b| a.source.file.cmp(&b.source.file));
    let mut pages = pages.iter_mut().peekable();
    let mut pairs: Vec<(&mut Operation, &mut Page)> = Vec::with_capacity(operations.len());
    for op in operations {
        while pages.next_if(|p| p.file < op.source.file).is_some() {}
        if let Some(page) = pages.next_if(|p| p.file == op.source.file) {
            pairs.push((op, page));
        }
    }
    pairs.into_par_iter().for_each(|(op, page)| {
        let mut parsed = page.examples.iter_mut();
        for e in &mut op.examples {
            e.body = parsed
                .by_ref()
                .find(|p| p.line == e.source.line)
                .and_then(|p| p.body.as_mut())
                // The value only: the text it was read from is freed with
                // the pages, on every thread, not here.
                .map(|b| std::mem::replace(&mut b.value, Json::Null));
        }
    });
}

/// The schema of `pages` (sorted by file), example bodies left out.
fn build_from(pages: &[Page], diagnostics: Vec<Diagnostic>) -> Schema {
    let pages: Vec<&Page> = pages.iter().collect();
    let mut b = Builder {
        diagnostics,
        ..Builder::default()
    };
    for page in &pages {
        if let Some((ns, _)) = &page.namespace {
            b.namespaces
                .entry(ns.to_ascii_lowercase())
                .or_insert_with(|| ns.clone());
        }
    }
    // A type's own page speaks for it before pages that merely send or
    // receive it: the first documented spelling of a property wins. So pages
    // without an operation are merged first, in file order, on one thread,
    // while what each operation page says on its own is made on the others.
    let (operation_pages, other_pages): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|page| page.operation.is_some());
    // The namespace spellings known before the merge, for the preparation
    // (the default one is spelled in lower case unless a page says otherwise).
    let mut namespaces = b.namespaces.clone();
    namespaces
        .entry(DEFAULT_NAMESPACE.to_string())
        .or_insert_with(|| DEFAULT_NAMESPACE.to_string());
    let ((), prepared) = rayon::join(
        || {
            for page in other_pages {
                b.page(page, None);
            }
        },
        || {
            operation_pages
                .par_iter()
                .map(|page| prepare_operation(page, &namespaces))
                .collect::<Vec<_>>()
        },
    );
    // The rest of the merge is on one thread (each step depends on the order
    // of pages), so the other threads do meanwhile what does not depend on
    // it: what only the pages decide (example bodies by source, areas by
    // file), then, once the operations are all merged, the routes they make
    // ambiguous and their names.
    let ((), (bodies, areas)) = rayon::join(
        || {
            // Operations are large: room for all of them at once, not regrown.
            b.operations.reserve(operation_pages.len());
            for (page, prepared) in operation_pages.into_iter().zip(prepared) {
                b.page(page, prepared);
            }
        },
        || rayon::join(|| Bodies::new(&pages), || areas_of(&pages)),
    );
    // Resolving reads the operations and renames in them only after; the
    // operations join the schema once their routes and names are planned.
    let mut operations = std::mem::take(&mut b.operations);
    let ((mut schema, indexes, renames), (ambiguities, operation_names)) = rayon::join(
        || {
            // Representations add properties, never types or enums: one
            // folded-key map serves every lookup they make.
            let folded = b.folded_keys();
            for page in &pages {
                b.representation(page, &folded);
            }
            let renames = b.resolve(&operations, &bodies, folded);
            let (mut schema, indexes) = b.finish();
            set_areas(&mut schema, &areas);
            (schema, indexes, renames)
        },
        || {
            // Routes and the operations' names depend on nothing resolving
            // changes (paths, methods, titles, parameters).
            let ordered = in_schema_order(&operations);
            rayon::join(
                || super::routes::ambiguities(&ordered),
                || names::plan_operations(&ordered),
            )
        },
    );
    operations.par_iter_mut().for_each(|op| {
        renames.rename_in(op);
        op.area = area_of(&areas, &op.source);
    });
    // Stable, as `in_schema_order`.
    operations.par_sort_by(schema_order);
    schema.operations = operations;
    // Checking the examples and naming everything each only read the
    // schema: naming is mostly one thread's work, so the other threads check
    // meanwhile. The merge's indexes (tens of thousands of small strings) are
    // freed on the naming side, which finishes first.
    let (findings, names) = rayon::join(
        || conformance::check(&schema, &bodies),
        || {
            drop(indexes);
            names::plan(&schema, operation_names)
        },
    );
    schema.example_counts = findings.apply(&mut schema);
    names.apply(&mut schema);
    schema.diagnostics.extend(ambiguities);
    // On every thread; unstable is the same order, as equal diagnostics are
    // identical (every field is compared).
    schema.diagnostics.par_sort_unstable();
    schema.diagnostics.dedup();
    schema
}

#[derive(Default)]
struct Builder {
    /// Lower-cased namespace → its documented spelling.
    namespaces: BTreeMap<String, String>,
    /// Keyed by `namespace-lowercased.name`; hashed, as the merge looks one
    /// up for every table and row it merges: listed only by [`sorted`].
    types: FxHashMap<String, TypeDef>,
    enums: FxHashMap<String, EnumDef>,
    operations: Vec<Operation>,
    diagnostics: Vec<Diagnostic>,
    /// Pages that state nothing this schema holds.
    skipped: Vec<Skipped>,
    /// Named types whose rows list "Possible values": members for an enum no page lists.
    named_values: BTreeMap<String, (Vec<String>, Source)>,
    /// Type key → property name → its position in `properties`, so that
    /// merging a page's rows costs one lookup each (a table can have 100,000).
    property_positions: FxHashMap<String, FxHashMap<String, usize>>,
}

fn key(namespace: &str, name: &str) -> String {
    let mut key = String::with_capacity(namespace.len() + 1 + name.len());
    key.push_str(namespace);
    key.make_ascii_lowercase();
    key.push('.');
    key.push_str(name);
    key
}

/// [`Builder::qualify`] with the namespace spellings `namespace` gives.
fn qualify_in(
    name: &TypeName,
    page_ns: &str,
    mut namespace: impl FnMut(&str) -> String,
) -> Option<(String, String)> {
    match name {
        TypeName::Primitive(p) => p
            .split_once('.')
            .map(|(a, b)| (a.to_string(), b.to_string())),
        TypeName::Named {
            name,
            namespace: ns,
        } => {
            let full = match ns {
                Some(ns) => [ns.as_str(), ".", name.as_str()].concat(),
                None => name.clone(),
            };
            if let Some(p) = parse::typeref::primitive(&full) {
                return p
                    .split_once('.')
                    .map(|(a, b)| (a.to_string(), b.to_string()));
            }
            let ns = match ns {
                Some(ns) => namespace(ns),
                None => page_ns.to_string(),
            };
            Some((ns, name.clone()))
        }
        _ => None,
    }
}

/// The documented spelling of namespace `raw` among those known so far;
/// `None` when it is not known yet. Asked for every reference a page
/// makes, nearly always with a lower-case namespace seen before: found
/// without a lower-cased copy then.
fn known_namespace(known: &BTreeMap<String, String>, raw: &str) -> Option<String> {
    if raw.bytes().any(|b| b.is_ascii_uppercase()) {
        known.get(&raw.to_ascii_lowercase()).cloned()
    } else {
        known.get(raw).cloned()
    }
}

/// An operation page's operation as far as the page alone says, and the
/// conflicts it reports: made for every page in parallel before the merge.
struct Prepared {
    /// Request body, response and example bodies typed when `typed`.
    operation: Operation,
    conflicts: Vec<Diagnostic>,
    /// Whether the typing is done: it is where every namespace it names
    /// was known before the merge (nearly always); the merge does the rest.
    typed: bool,
}

/// [`Prepared`] for `page`; `None` when it documents no operation.
fn prepare_operation(page: &Page, namespaces: &BTreeMap<String, String>) -> Option<Prepared> {
    let facts = page.operation.as_ref()?;
    let mut conflicts = Vec::new();
    let file = &page.file;
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md")
        .to_string();
    let method = facts
        .requests
        .first()
        .map(|r| r.method.clone())
        .or_else(|| facts.unroutable_methods.first().cloned());
    let mut paths: Vec<String> = Vec::new();
    // Paths taken so far, hashed: a page of many request lines must not
    // cost a scan of the list per line.
    let mut taken: FxHashSet<&str> = FxHashSet::default();
    for request in &facts.requests {
        if Some(&request.method) != method.as_ref() {
            conflicts.push(Diagnostic::warning(
                Code::Conflict,
                file,
                request.line,
                format!(
                    "request line uses {} but the first one uses {}",
                    request.method,
                    method.as_deref().unwrap_or("")
                ),
                "left this path out; one page documents one operation",
            ));
        } else if taken.insert(&request.path) {
            paths.push(request.path.clone());
        }
    }
    let mut path_params: Vec<Param> = Vec::new();
    for request in &facts.requests {
        // A name used twice in one path (`/x/{id}/y/{id}`) is two parameters.
        let names = parse::http::path_params(&request.path);
        for (i, name) in names.iter().enumerate() {
            let nth = names[..i].iter().filter(|n| *n == name).count();
            let have = path_params.iter().filter(|p| &p.name == name).count();
            if have <= nth {
                path_params.push(Param {
                    name: name.clone(),
                    kind: param_kind(name),
                    typ: "Edm.String".to_string(),
                    description: None,
                    example: None,
                    source: src(file, request.line),
                    rust_name: String::new(),
                });
            }
        }
    }
    let query_params = facts
        .query_params
        .iter()
        .map(|q| Param {
            name: q.name.clone(),
            kind: param_kind(&q.name),
            typ: "Edm.String".to_string(),
            description: (!q.description.is_empty()).then(|| q.description.clone()),
            example: q.example.clone(),
            source: src(file, q.line),
            rust_name: String::new(),
        })
        .collect();
    let examples = page
        .examples
        .iter()
        .map(|e| Example {
            kind: e.kind,
            name: e.name.clone(),
            method: e.method.clone(),
            url: e.url.clone(),
            status: e.status,
            headers: e.headers.clone(),
            // Moved in from the page at the end (see `move_bodies`).
            body: None,
            // Typed in the merge (see `Builder::operation`).
            body_type: None,
            body_collection: false,
            truncated: e.truncated,
            source: src(file, e.line),
            conforming: None,
        })
        .collect();
    let permissions = facts
        .permissions
        .iter()
        .map(|p| Permission {
            kind: p.kind.clone(),
            scopes: p.scopes.clone(),
            supported: p.supported,
            source: src(file, p.line),
        })
        .collect();
    let headers = facts
        .headers
        .iter()
        .map(|h| Header {
            name: h.name.clone(),
            description: h.description.clone(),
            source: src(file, h.line),
        })
        .collect();
    let mut operation = Operation {
        name: stem,
        title: page
            .title
            .as_ref()
            .map(|(t, _)| t.clone())
            .unwrap_or_default(),
        description: page.summary.clone(),
        method,
        routable: !paths.is_empty(),
        paths,
        path_params,
        query_params,
        headers,
        request_body: None,
        response: None,
        permissions,
        examples,
        // The first request line says most about the operation; the heading otherwise.
        source: src(file, facts.requests.first().map_or(facts.line, |r| r.line)),
        handler: None,
        rust_name: String::new(),
        type_base: String::new(),
        area: None,
    };
    // Typed here, on every thread, with the namespaces known before the
    // merge: the same spellings the merge would find, as a spelling once
    // known never changes. One it does not know yet leaves the typing to
    // the merge, which learns it in page order.
    let mut unknown = false;
    let page_ns = page
        .namespace
        .as_ref()
        .map_or(DEFAULT_NAMESPACE, |(ns, _)| ns.as_str());
    let page_ns = known_namespace(namespaces, page_ns).unwrap_or_else(|| {
        unknown = true;
        String::new()
    });
    let typing = type_operation(page, &page_ns, |name, ns| {
        qualify_in(name, ns, |raw| {
            known_namespace(namespaces, raw).unwrap_or_else(|| {
                unknown = true;
                String::new()
            })
        })
    });
    if !unknown {
        typing.apply(&mut operation);
    }
    Some(Prepared {
        operation,
        conflicts,
        typed: !unknown,
    })
}

/// An operation's types that name other pages' types: its request body,
/// its response and its example bodies'.
struct Typing {
    request_body: Option<Body>,
    response: Option<Response>,
    /// (body type, whether a collection) of each example with a body.
    examples: Vec<Option<(Option<String>, bool)>>,
}

impl Typing {
    fn apply(self, operation: &mut Operation) {
        for (example, typed) in operation.examples.iter_mut().zip(self.examples) {
            if let Some((body_type, body_collection)) = typed {
                example.body_type = body_type;
                example.body_collection = body_collection;
            }
        }
        operation.request_body = self.request_body;
        operation.response = self.response;
    }
}

/// The [`Typing`] of `page`'s operation, names qualified by `qualify` in the
/// order the merge always made them: body, response, then examples.
fn type_operation(
    page: &Page,
    page_ns: &str,
    mut qualify: impl FnMut(&TypeName, &str) -> Option<(String, String)>,
) -> Typing {
    let request_body = request_body_of(page, page_ns, &mut qualify);
    let response = response_of(page, page_ns, &mut qualify);
    let examples = page
        .examples
        .iter()
        .map(|parsed| {
            let body = parsed.body.as_ref()?;
            let (mut body_type, body_collection) = match parsed.kind {
                ExampleKind::Request => (request_body.as_ref().map(|b| b.typ.clone()), false),
                ExampleKind::Response => (
                    response.as_ref().and_then(|r| r.typ.clone()),
                    response.as_ref().is_some_and(|r| r.collection),
                ),
            };
            // Where the text names no type, a body that says its own `@odata.type` does.
            if body_type.is_none() {
                body_type = body
                    .value
                    .get("@odata.type")
                    .and_then(|t| t.as_str())
                    .and_then(parse::typeref::parse_text)
                    .and_then(|t| qualify(&t.name, page_ns))
                    .map(|(n, t)| [n.as_str(), ".", t.as_str()].concat());
            }
            Some((body_type, body_collection))
        })
        .collect();
    Typing {
        request_body,
        response,
        examples,
    }
}

/// The documented response: the "returns a `200 OK` response code and …"
/// sentence; where it names no type (or is missing), the response
/// example's annotation and status line say it.
fn response_of(
    page: &Page,
    page_ns: &str,
    qualify: &mut impl FnMut(&TypeName, &str) -> Option<(String, String)>,
) -> Option<Response> {
    let facts = page.operation.as_ref()?;
    let example = page
        .examples
        .iter()
        .find(|e| e.kind == ExampleKind::Response);
    let annotated = example.and_then(|e| {
        let parsed = parse::typeref::parse_text(e.odata_type.as_deref()?)?;
        let typ =
            qualify(&parsed.name, page_ns).map(|(n, t)| [n.as_str(), ".", t.as_str()].concat())?;
        Some((typ, parsed.collection || e.is_collection.unwrap_or(false)))
    });
    if let Some(r) = &facts.response {
        let typ = r
            .typ
            .as_ref()
            .and_then(|t| qualify(t, page_ns))
            .map(|(n, t)| [n.as_str(), ".", t.as_str()].concat());
        let (typ, collection) = match (typ, annotated) {
            (Some(t), _) => (Some(t), r.collection),
            (None, Some((t, c))) if r.status != 204 => (Some(t), c),
            _ => (None, r.collection),
        };
        return Some(Response {
            status: r.status,
            typ,
            collection,
            source: src(&page.file, r.line),
        });
    }
    let example = example?;
    let (typ, collection) = annotated.map_or((None, false), |(t, c)| (Some(t), c));
    Some(Response {
        status: example.status.unwrap_or(200),
        typ,
        collection,
        source: src(&page.file, example.line),
    })
}

fn request_body_of(
    page: &Page,
    page_ns: &str,
    qualify: &mut impl FnMut(&TypeName, &str) -> Option<(String, String)>,
) -> Option<Body> {
    let facts = page.operation.as_ref()?;
    if let Some(body) = &facts.request_body {
        if let Some((ns, name)) = body.typ.as_ref().and_then(|t| qualify(t, page_ns)) {
            return Some(Body {
                typ: [ns.as_str(), ".", name.as_str()].concat(),
                collection: body.collection,
                optional: optional_body(facts, page),
                source: src(&page.file, body.line),
            });
        }
    }
    let table = page
        .property_tables
        .iter()
        .find(|t| matches!(t.subject, TableSubject::RequestBody(_)))?;
    let (ns, name) = match &table.subject {
        TableSubject::RequestBody(Some(link)) => qualify(link, page_ns)?,
        _ => (page_ns.to_string(), inline_body_name(page)),
    };
    Some(Body {
        typ: [ns.as_str(), ".", name.as_str()].concat(),
        collection: false,
        optional: optional_body(facts, page),
        source: src(&page.file, table.line),
    })
}

/// The first reference to each type name (and where, and as what): a name
/// is resolved, or reported, once.
#[derive(Default)]
struct References<'a> {
    seen: FxHashSet<&'a str>,
    list: Vec<(String, Source, &'static str)>,
}

impl<'a> References<'a> {
    fn add(&mut self, name: &'a str, source: &Source, role: &'static str) {
        if !name.starts_with("Edm.") && self.seen.insert(name) {
            self.list.push((name.to_string(), source.clone(), role));
        }
    }
}

/// A property [`Builder::add_properties`] may add: what it is compared by
/// with the type's properties (name, type, collection, and where it is
/// written), and the whole property, made only when it is added.
trait NewProperty {
    fn compared(&self) -> (&str, &str, bool, &Source);
    fn into_property(self) -> Property;
}

impl NewProperty for Property {
    fn compared(&self) -> (&str, &str, bool, &Source) {
        (&self.name, &self.typ, self.collection, &self.source)
    }
    fn into_property(self) -> Property {
        self
    }
}

/// A property table row, typed ([`Builder::typed_row`]). Request-body
/// tables mostly repeat properties their type has already (about 16 k of the
/// beta corpus's 37.7 k rows): a row's name and description, whose text is
/// no longer in the cache by the merge, are copied only when it is added.
struct TypedRow<'r> {
    row: &'r PropertyRow,
    typ: String,
    collection: bool,
    navigation: bool,
    inherited_from: Option<String>,
    source: Source,
}

impl NewProperty for TypedRow<'_> {
    fn compared(&self) -> (&str, &str, bool, &Source) {
        (&self.row.name, &self.typ, self.collection, &self.source)
    }
    fn into_property(self) -> Property {
        let row = self.row;
        Property {
            name: row.name.clone(),
            typ: self.typ,
            collection: self.collection,
            navigation: self.navigation,
            read_only: row.marks.read_only,
            nullable: row.marks.nullable,
            required: row.marks.required,
            // Cells often open with a stray ". " where a sentence was left out.
            description: Some(
                row.description
                    .trim_start_matches(['.', ' '])
                    .trim()
                    .to_string(),
            )
            .filter(|d| !d.is_empty()),
            inherited_from: self.inherited_from,
            source: self.source,
            rust_name: String::new(),
        }
    }
}

/// Adds the type or enum under `key` to a [`Builder::folded_keys`] map.
fn fold(folded: &mut FxHashMap<String, Vec<String>>, key: &str, qualified: String) {
    folded
        .entry(key.to_ascii_lowercase())
        .or_default()
        .push(qualified);
}

fn src(file: &Arc<str>, line: u32) -> Source {
    Source {
        file: Arc::clone(file),
        line,
    }
}

impl Builder {
    fn namespace(&mut self, raw: &str) -> String {
        if let Some(known) = known_namespace(&self.namespaces, raw) {
            return known;
        }
        let lower = raw.to_ascii_lowercase();
        self.namespaces
            .entry(lower.clone())
            .or_insert_with(|| {
                if lower == DEFAULT_NAMESPACE {
                    lower.clone()
                } else {
                    raw.to_string()
                }
            })
            .clone()
    }

    fn page_namespace(&mut self, page: &Page) -> String {
        let raw = page
            .namespace
            .as_ref()
            .map_or(DEFAULT_NAMESPACE, |(ns, _)| ns.as_str());
        self.namespace(raw)
    }

    /// (namespace, name) of a reference made on a page in `page_ns`.
    /// Primitives come back as (`Edm`, `String`), so that formatting the pair
    /// gives their OData spelling.
    fn qualify(&mut self, name: &TypeName, page_ns: &str) -> Option<(String, String)> {
        qualify_in(name, page_ns, |ns| self.namespace(ns))
    }

    fn page(&mut self, page: &Page, prepared: Option<Prepared>) {
        let page_ns = self.page_namespace(page);
        if let Some((ns, name)) = self.resource_name(page, &page_ns) {
            // A resource page whose type has no properties still documents the type.
            let line = page.title.as_ref().map_or(1, |(_, l)| *l);
            let def = self.type_entry(&ns, &name, src(&page.file, line), page.summary.clone());
            def.open |= page.open_type;
        } else if page.property_tables.is_empty()
            && page.enums.is_empty()
            && page.operation.is_none()
            && page.resource.is_none()
        {
            self.skipped.push(Skipped {
                file: page.file.to_string(),
                reason: "not a reference page: no property table, enum, HTTP request or resource annotation".to_string(),
            });
            return;
        }
        for table in &page.property_tables {
            let target = match &table.subject {
                TableSubject::Resource | TableSubject::Relationships => {
                    self.resource_name(page, &page_ns)
                }
                TableSubject::RequestBody(Some(link)) => self.qualify(link, &page_ns),
                // The body sentence may name the type without linking it.
                TableSubject::RequestBody(None) => {
                    match page
                        .operation
                        .as_ref()
                        .and_then(|o| o.request_body.as_ref())
                        .and_then(|b| b.typ.as_ref())
                    {
                        Some(named) => self.qualify(named, &page_ns),
                        None => Some((page_ns.clone(), inline_body_name(page))),
                    }
                }
            };
            let Some((ns, name)) = target else { continue };
            let navigation = table.subject == TableSubject::Relationships;
            let description = matches!(table.subject, TableSubject::Resource)
                .then(|| page.summary.clone())
                .flatten();
            self.type_entry(&ns, &name, src(&page.file, table.line), description);
            let rows: Vec<TypedRow<'_>> = table
                .rows
                .iter()
                .map(|row| self.typed_row(page, &ns, &name, row, navigation))
                .collect();
            self.add_properties(&ns, &name, rows);
        }
        if let (Some(resource), Some((ns, name))) =
            (&page.resource, self.resource_name(page, &page_ns))
        {
            let base = resource
                .base
                .as_ref()
                .and_then(|b| self.qualify(b, &page_ns));
            let entry = self.type_entry(
                &ns,
                &name,
                src(&page.file, resource.line),
                page.summary.clone(),
            );
            if entry.base.is_none() {
                entry.base = base.map(|(ns, n)| [ns.as_str(), ".", n.as_str()].concat());
            }
        }
        if let Some((base, _)) = &page.base {
            let documents_type = page.resource.is_some()
                || page.property_tables.iter().any(|t| {
                    t.subject != TableSubject::Relationships
                        && !matches!(t.subject, TableSubject::RequestBody(_))
                });
            if let (true, Some((ns, name)), Some((bns, bname))) = (
                documents_type,
                self.resource_name(page, &page_ns),
                self.qualify(base, &page_ns),
            ) {
                if let Some(def) = self.types.get_mut(&key(&ns, &name)) {
                    if def.base.is_none() {
                        def.base = Some([bns.as_str(), ".", bname.as_str()].concat());
                    }
                }
            }
        }
        for facts in &page.enums {
            self.enum_table(page, &page_ns, facts);
        }
        if let Some(prepared) = prepared {
            self.operation(page, &page_ns, prepared);
        }
    }

    /// The type a resource page documents: its annotation's `@odata.type`, else
    /// the first word of a "x resource type" title.
    fn resource_name(&mut self, page: &Page, page_ns: &str) -> Option<(String, String)> {
        if let Some(resource) = &page.resource {
            return self.qualify(&resource.name, page_ns);
        }
        let (title, _) = page.title.as_ref()?;
        let word = title.split_whitespace().next()?;
        let ends_with = |suffix: &str| {
            let (title, suffix) = (title.as_bytes(), suffix.as_bytes());
            title.len() >= suffix.len()
                && title[title.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        (ends_with("resource type") || ends_with("complex type") || ends_with("entity type"))
            .then(|| (page_ns.to_string(), word.trim_matches('`').to_string()))
    }

    fn type_entry(
        &mut self,
        ns: &str,
        name: &str,
        source: Source,
        description: Option<String>,
    ) -> &mut TypeDef {
        let entry = self.types.entry(key(ns, name)).or_insert_with(|| TypeDef {
            name: name.to_string(),
            namespace: ns.to_string(),
            base: None,
            description: None,
            inferred: false,
            open: false,
            properties: Vec::new(),
            source: source.clone(),
            sources: Vec::new(),
            rust_name: String::new(),
            area: None,
            polymorphic: None,
        });
        if !entry.sources.contains(&source) {
            entry.sources.push(source);
        }
        if entry.description.is_none() {
            entry.description = description;
        }
        entry
    }

    /// A property row of type `ns.owner`, typed (which may add an inline enum
    /// or report the row): the rest is copied only if the type lacks it.
    fn typed_row<'r>(
        &mut self,
        page: &Page,
        ns: &str,
        owner: &str,
        row: &'r PropertyRow,
        navigation: bool,
    ) -> TypedRow<'r> {
        let source = src(&page.file, row.line);
        let (typ, collection) = match &row.typ {
            None => {
                self.diagnostics.push(Diagnostic::warning(
                    Code::UnresolvedType,
                    &page.file,
                    row.line,
                    format!("property `{}` has no type", row.name),
                    "typed it as Edm.Untyped (any JSON)",
                ));
                ("Edm.Untyped".to_string(), false)
            }
            Some(t) => match &t.name {
                // "Possible values are …" on a String row: an enum in all but name.
                TypeName::Primitive("Edm.String") if row.possible_values.len() >= 2 => {
                    (self.inline_enum(ns, owner, row, &source), t.collection)
                }
                TypeName::Primitive(p) => (p.to_string(), t.collection),
                TypeName::Enumeration if !row.possible_values.is_empty() => {
                    (self.inline_enum(ns, owner, row, &source), t.collection)
                }
                TypeName::Enumeration => {
                    self.diagnostics.push(Diagnostic::warning(
                        Code::UnresolvedType,
                        &page.file,
                        row.line,
                        format!(
                            "property `{}` is an enumeration but lists no values",
                            row.name
                        ),
                        "typed it as Edm.String",
                    ));
                    ("Edm.String".to_string(), t.collection)
                }
                named => {
                    let (n, name) = self.qualify(named, ns).unwrap_or_default();
                    let qualified = [n.as_str(), ".", name.as_str()].concat();
                    if !row.possible_values.is_empty() {
                        // Members of a named enum, in case no page lists them otherwise.
                        self.named_values
                            .entry(qualified.clone())
                            .or_insert_with(|| (row.possible_values.clone(), source.clone()));
                    }
                    (qualified, t.collection)
                }
            },
        };
        let inherited_from = row
            .inherited_from
            .as_ref()
            .and_then(|t| self.qualify(t, ns))
            .map(|(n, t)| [n.as_str(), ".", t.as_str()].concat());
        TypedRow {
            row,
            typ,
            collection,
            navigation,
            inherited_from,
            source,
        }
    }

    /// An enum listed in a property's description, named `{Type}{Property}`.
    /// The same list on the same type from several pages is one enum.
    fn inline_enum(&mut self, ns: &str, owner: &str, row: &PropertyRow, source: &Source) -> String {
        let name = format!("{}{}", upper_camel_case(owner), upper_camel_case(&row.name));
        let entry = self.enums.entry(key(ns, &name)).or_insert_with(|| EnumDef {
            name: name.clone(),
            namespace: ns.to_string(),
            flags: false,
            inline: true,
            members: Vec::new(),
            source: source.clone(),
            rust_name: String::new(),
            area: None,
        });
        let known: Vec<&str> = entry.members.iter().map(|m| m.name.as_str()).collect();
        if !entry.members.is_empty()
            && known
                != row
                    .possible_values
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
        {
            self.diagnostics.push(Diagnostic::warning(
                Code::Conflict,
                &source.file,
                source.line,
                format!(
                    "enum `{name}` lists other values here than at {}:{}",
                    entry.source.file, entry.source.line
                ),
                "merged both lists into one enum",
            ));
        }
        merge_members(
            &mut entry.members,
            row.possible_values.iter().map(|v| (v.as_str(), None)),
        );
        format!("{}.{}", entry.namespace, entry.name)
    }

    /// Members a resource's JSON representation shows but no property table of
    /// the type or its bases lists: added, typed from the placeholder value.
    fn representation(&mut self, page: &Page, folded: &FxHashMap<String, Vec<String>>) {
        let Some(resource) = &page.resource else {
            return;
        };
        let Some(body) = &resource.representation else {
            return;
        };
        let Some(object) = body.value.as_object() else {
            return;
        };
        let page_ns = self.page_namespace(page);
        let Some((ns, name)) = self.qualify(&resource.name, &page_ns) else {
            return;
        };
        let own = key(&ns, &name);
        if resource.open {
            if let Some(def) = self.types.get_mut(&own) {
                def.open = true;
            }
        }
        // The type and its bases: members they already have are not added
        // (looked up in their position maps, not copied). A set, so that a
        // chain of bases (or a cycle) costs a lookup per base, not a scan.
        let mut chain: FxHashSet<String> = FxHashSet::default();
        let mut current = Some(own.clone());
        while let Some(k) = current.take() {
            let Some(def) = self.types.get(&k) else { break };
            current = def
                .base
                .as_ref()
                .and_then(|b| self.lookup(b, folded))
                .and_then(|q| {
                    let (n, t) = q.rsplit_once('.')?;
                    Some(key(n, t))
                });
            if !chain.insert(k) {
                break;
            }
        }
        // The members none of them has, found before any is added: each
        // type's position map looked up once, not once per member. A member
        // added here is known to the ones after it (a repeated key), as
        // when each was looked up after the one before was added.
        let known_by: Vec<&FxHashMap<String, usize>> = chain
            .iter()
            .filter_map(|k| self.property_positions.get(k))
            .collect();
        let adds_to_own = self.types.contains_key(&own);
        let mut added: FxHashSet<&str> = FxHashSet::default();
        let new_members: Vec<(&str, &Json)> = object
            .iter()
            .map(|(k, v)| (&**k, v))
            .filter(|&(member, _)| {
                !member.contains('@')
                    && !known_by.iter().any(|names| names.contains_key(member))
                    && (!adds_to_own || added.insert(member))
            })
            .collect();
        for (member, value) in new_members {
            let line = body.line_of(&format!(
                "/{}",
                member.replace('~', "~0").replace('/', "~1")
            ));
            let (typ, collection) = placeholder_type(value);
            let typ = match typ {
                Placeholder::Edm(p) => p.to_string(),
                Placeholder::Named(text) => {
                    let named = parse::typeref::qualified(&text);
                    self.qualify(&named, &page_ns).map_or_else(
                        || "Edm.Untyped".to_string(),
                        |(n, t)| [n.as_str(), ".", t.as_str()].concat(),
                    )
                }
            };
            self.diagnostics.push(Diagnostic::warning(
                Code::UndocumentedProperty,
                &page.file,
                line,
                format!(
                    "`{member}` is in the JSON representation of `{name}` but in no property table"
                ),
                format!(
                    "added it as `{typ}`{}, read off the representation",
                    if collection { " collection" } else { "" }
                ),
            ));
            let property = Property::from_json(member, typ, collection, src(&page.file, line));
            self.add_properties(&ns, &name, [property]);
        }
    }

    /// An enum page or `### x values` section. The same enum on several pages
    /// is one enum; when their member lists differ, the union is kept (in order
    /// of first appearance) and the difference reported.
    fn enum_table(&mut self, page: &Page, ns: &str, facts: &parse::EnumFacts) {
        let (ns, name) = match facts.name.rsplit_once('.') {
            Some((n, name)) => (self.namespace(n), name.to_string()),
            None => (ns.to_string(), facts.name.clone()),
        };
        let source = src(&page.file, facts.line);
        let flags = is_flags(page, facts);
        let entry = self
            .enums
            .entry(key(&ns, &name))
            .or_insert_with(|| EnumDef {
                name: name.clone(),
                namespace: ns.clone(),
                flags,
                inline: false,
                members: Vec::new(),
                source: source.clone(),
                rust_name: String::new(),
                area: None,
            });
        let listed: Vec<&str> = facts.members.iter().map(|m| m.name.as_str()).collect();
        let known: Vec<&str> = entry.members.iter().map(|m| m.name.as_str()).collect();
        if !known.is_empty() && known != listed {
            let (earlier_file, earlier_line) = (entry.source.file.clone(), entry.source.line);
            self.diagnostics.push(Diagnostic::warning(
                Code::Conflict,
                &source.file,
                source.line,
                format!(
                    "enum `{name}` lists other members here than at {earlier_file}:{earlier_line}"
                ),
                "kept every member of both lists, in order of first appearance",
            ));
        }
        let entry = self
            .enums
            .get_mut(&key(&ns, &name))
            .expect("inserted above");
        entry.flags |= flags;
        merge_members(
            &mut entry.members,
            facts
                .members
                .iter()
                .map(|m| (m.name.as_str(), m.description.as_ref())),
        );
    }

    /// Adds `properties` to the type, in order; a name it already has keeps
    /// its first documented type. The type is looked up once, not once per
    /// row: request-body tables repeat a type's rows on many pages.
    fn add_properties<P: NewProperty>(
        &mut self,
        ns: &str,
        name: &str,
        properties: impl IntoIterator<Item = P>,
    ) {
        let type_key = key(ns, name);
        let Some(def) = self.types.get_mut(&type_key) else {
            return;
        };
        let positions = self.property_positions.entry(type_key).or_default();
        let properties = properties.into_iter();
        if def.properties.is_empty() {
            // A type's first table: room for its rows at once, not grown row
            // by row (a property is ~200 bytes, copied at each growth).
            def.properties.reserve_exact(properties.size_hint().0);
        }
        for property in properties {
            let (name, typ, collection, source) = property.compared();
            let existing = positions.get(name).map(|&i| &def.properties[i]);
            match existing {
                None => {
                    positions.insert(name.to_string(), def.properties.len());
                    def.properties.push(property.into_property());
                }
                Some(existing) if existing.typ != typ || existing.collection != collection => {
                    self.diagnostics.push(Diagnostic::warning(
                        Code::Conflict,
                        &source.file,
                        source.line,
                        format!(
                            "property `{name}` of `{}` is {} here but {} at {}:{}",
                            def.name,
                            shape(typ, collection),
                            shape(&existing.typ, existing.collection),
                            existing.source.file,
                            existing.source.line
                        ),
                        "kept the first documented type",
                    ));
                }
                Some(_) => {}
            }
        }
    }

    /// Adds the operation `prepared` from `page`, typed here where the
    /// preparation could not (see [`Prepared::typed`]).
    fn operation(&mut self, page: &Page, page_ns: &str, prepared: Prepared) {
        let Prepared {
            mut operation,
            conflicts,
            typed,
        } = prepared;
        self.diagnostics.extend(conflicts);
        if !typed {
            type_operation(page, page_ns, |name, ns| self.qualify(name, ns)).apply(&mut operation);
        }
        self.operations.push(operation);
    }

    /// Makes every type reference name a known type, infers the types that only
    /// examples show, and reports the rest. The operations (taken out of the
    /// builder) are only read: what to rename in them is handed back, for
    /// [`Renames::rename_in`].
    /// `folded`: [`Self::folded_keys`] of the types and enums so far.
    fn resolve(
        &mut self,
        operations: &[Operation],
        bodies: &Bodies,
        mut folded: FxHashMap<String, Vec<String>>,
    ) -> Renames {
        // Each name is resolved (or reported) at its first reference only:
        // later ones are collected no more (a common type is named thousands
        // of times).
        let mut first = References::default();
        for (_, def) in sorted(&self.types) {
            if let Some(base) = &def.base {
                first.add(base, &def.source, "base type");
            }
            for p in &def.properties {
                first.add(&p.typ, &p.source, "property type");
                if let Some(from) = &p.inherited_from {
                    first.add(from, &p.source, "base type");
                }
            }
        }
        for op in operations {
            if let Some(b) = &op.request_body {
                first.add(&b.typ, &b.source, "request body type");
            }
            if let Some(Response {
                typ: Some(t),
                source,
                ..
            }) = &op.response
            {
                first.add(t, source, "response type");
            }
        }
        let references = first.list;
        // Looked up for every type name in the schema, never listed.
        let mut renames: FxHashMap<String, String> = FxHashMap::default();
        let mut reported: FxHashSet<String> = FxHashSet::default();
        // `folded` is kept up to date as enums and inferred types are added below.
        // Operations by the type they send or receive, made when first needed.
        let mut by_type = None;
        for (reference, source, role) in references {
            if reference.starts_with("Edm.")
                || renames.contains_key(&reference)
                || reported.contains(&reference)
            {
                continue;
            }
            if let Some(found) = self.lookup(&reference, &folded) {
                renames.insert(reference, found);
                continue;
            }
            if let Some((values, at)) = self.named_values.get(&reference) {
                if let Some((ns, name)) = reference.rsplit_once('.') {
                    let def = EnumDef {
                        name: name.to_string(),
                        namespace: ns.to_string(),
                        flags: false,
                        inline: false,
                        members: values
                            .iter()
                            .map(|v| Member {
                                name: v.clone(),
                                description: None,
                                rust_name: String::new(),
                            })
                            .collect(),
                        source: at.clone(),
                        rust_name: String::new(),
                        area: None,
                    };
                    let k = key(ns, name);
                    fold(&mut folded, &k, reference.clone());
                    self.enums.insert(k, def);
                    renames.insert(reference.clone(), reference);
                    continue;
                }
            }
            let by_type = by_type.get_or_insert_with(|| infer::operations_by_type(operations));
            let named_by = by_type
                .get(reference.as_str())
                .map_or(&[][..], Vec::as_slice);
            let named_by = named_by.iter().map(|&i| &operations[i]);
            if let Some(def) = infer::from_examples(&reference, named_by, bodies) {
                self.diagnostics.push(Diagnostic::warning(
                    Code::InferredType,
                    &def.source.file,
                    def.source.line,
                    format!(
                        "type `{reference}` ({role} at {}:{}) is documented nowhere",
                        source.file, source.line
                    ),
                    format!("inferred {} properties from this example; document the type to replace them", def.properties.len()),
                ));
                let qualified = def.qualified();
                let k = key(&def.namespace, &def.name);
                fold(&mut folded, &k, qualified.clone());
                self.types.insert(k, def);
                renames.insert(reference, qualified);
                continue;
            }
            // Where a row said "Inherited from [x]", x may well be undocumented here; say so once.
            reported.insert(reference.clone());
            self.diagnostics.push(Diagnostic::warning(
                Code::UnresolvedType,
                &source.file,
                source.line,
                format!("{role} `{reference}` is documented nowhere and no example shows it"),
                "kept the name in the schema; generated code uses untyped JSON for it",
            ));
        }
        let renames = Renames(renames);
        for def in self.types.values_mut() {
            def.base.iter_mut().for_each(|t| renames.rename(t));
            for p in &mut def.properties {
                renames.rename(&mut p.typ);
                p.inherited_from.iter_mut().for_each(|t| renames.rename(t));
            }
        }
        // A base named only by "Inherited from" rows is still the base.
        for def in self.types.values_mut() {
            if def.base.is_none() {
                def.base = def.properties.iter().find_map(|p| p.inherited_from.clone());
            }
        }
        renames
    }

    /// Every type's and enum's key, ASCII case folded → their qualified names,
    /// so that a lookup ignoring case is one hash lookup, not a scan.
    fn folded_keys(&self) -> FxHashMap<String, Vec<String>> {
        let mut folded: FxHashMap<String, Vec<String>> = FxHashMap::default();
        let types = self.types.iter().map(|(k, t)| (k, t.qualified()));
        let enums = self.enums.iter().map(|(k, e)| (k, e.qualified()));
        for (k, qualified) in types.chain(enums) {
            fold(&mut folded, k, qualified);
        }
        folded
    }

    /// The canonical qualified name of a known type or enum: exact first, then
    /// ignoring case when that is unambiguous (`folded`: [`Self::folded_keys`]).
    fn lookup(&self, qualified: &str, folded: &FxHashMap<String, Vec<String>>) -> Option<String> {
        let (ns, name) = qualified.rsplit_once('.')?;
        let exact = key(ns, name);
        if let Some(t) = self.types.get(&exact) {
            return Some(t.qualified());
        }
        if let Some(e) = self.enums.get(&exact) {
            return Some(e.qualified());
        }
        match folded.get(&exact.to_ascii_lowercase())?.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    }

    /// The schema, and what only the merge needed (to free where it suits).
    /// The operations are the caller's by then (see `build_from`): the
    /// schema has none yet.
    fn finish(self) -> (Schema, MergeIndexes) {
        debug_assert!(self.operations.is_empty());
        let indexes = MergeIndexes {
            _namespaces: self.namespaces,
            _named_values: self.named_values,
            _property_positions: self.property_positions,
        };
        let mut namespaces: BTreeSet<String> =
            self.types.values().map(|t| t.namespace.clone()).collect();
        namespaces.extend(self.enums.values().map(|e| e.namespace.clone()));
        let schema = Schema {
            namespaces: namespaces
                .into_iter()
                .map(|name| Namespace {
                    name,
                    module: String::new(),
                })
                .collect(),
            types: sorted_values(self.types),
            enums: sorted_values(self.enums),
            operations: Vec::new(),
            diagnostics: self.diagnostics,
            example_counts: Default::default(),
            pages: 0,
            pages_skipped: self.skipped,
        };
        (schema, indexes)
    }
}

/// Type names [`Builder::resolve`] found under another spelling (a
/// reference in other case, an enum or type it made): the name to use.
struct Renames(FxHashMap<String, String>);

impl Renames {
    /// The type names `op` sends, receives and shows in examples.
    fn rename_in(&self, op: &mut Operation) {
        if let Some(b) = op.request_body.as_mut() {
            self.rename(&mut b.typ);
        }
        if let Some(Response { typ: Some(t), .. }) = &mut op.response {
            self.rename(t);
        }
        for e in &mut op.examples {
            e.body_type.iter_mut().for_each(|t| self.rename(t));
        }
    }

    fn rename(&self, t: &mut String) {
        // Primitives are never renamed (most types named are): not hashed.
        if t.starts_with("Edm.") {
            return;
        }
        if let Some(found) = self.0.get(t.as_str()).filter(|f| *f != t) {
            t.clone_from(found);
        }
    }
}

/// The order of operations in the schema: by name, then by where documented.
fn schema_order(a: &Operation, b: &Operation) -> std::cmp::Ordering {
    a.name.cmp(&b.name).then(a.source.cmp(&b.source))
}

/// `operations` as [`Builder::finish`] will order them (a stable sort, as
/// there).
fn in_schema_order(operations: &[Operation]) -> Vec<&Operation> {
    let mut ordered: Vec<&Operation> = operations.iter().collect();
    ordered.sort_by(|a, b| schema_order(a, b));
    ordered
}

/// The entries of one of the merge's maps in key order: the schema's order
/// of types and enums, and the order references are resolved in.
fn sorted<T>(map: &FxHashMap<String, T>) -> Vec<(&String, &T)> {
    let mut entries: Vec<(&String, &T)> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// The values of one of the merge's maps in key order ([`sorted`]).
fn sorted_values<T: Send>(map: FxHashMap<String, T>) -> Vec<T> {
    let mut entries: Vec<(String, T)> = map.into_iter().collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().map(|(_, v)| v).collect()
}

/// The merge's lookups, left over once the schema is made.
struct MergeIndexes {
    _namespaces: BTreeMap<String, String>,
    _named_values: BTreeMap<String, (Vec<String>, Source)>,
    _property_positions: FxHashMap<String, FxHashMap<String, usize>>,
}

/// The name of a request body that only a table describes: the last two
/// literal segments of its first path (`…/windowsFeatureUpdateProfiles/{id}/assign`
/// → `WindowsFeatureUpdateProfilesAssignRequestBody`), so that pages of the
/// same action on the same collection share it and other pages do not; the
/// page title when there is no path.
fn inline_body_name(page: &Page) -> String {
    let path = page
        .operation
        .as_ref()
        .and_then(|o| o.requests.first())
        .map(|r| r.path.as_str());
    let literal: Vec<&str> = path
        .unwrap_or_default()
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains('{') && !s.starts_with('$'))
        .map(|s| s.split('(').next().unwrap_or(s))
        .map(|s| s.rsplit('.').next().unwrap_or(s))
        .collect();
    let base = match literal.as_slice() {
        [.., a, b] => format!("{a}_{b}"),
        [a] => a.to_string(),
        [] => page.title.as_ref().map_or_else(
            || page.file.trim_end_matches(".md").to_string(),
            |(t, _)| t.clone(),
        ),
    };
    format!("{}RequestBody", upper_camel_case(&base))
}

fn shape(typ: &str, collection: bool) -> String {
    if collection {
        format!("`Collection({typ})`")
    } else {
        format!("`{typ}`")
    }
}

/// A flags enum: its page speaks of flags and every value is 0 or a power of two.
fn is_flags(page: &Page, facts: &parse::EnumFacts) -> bool {
    let speaks_of_flags = page
        .summary
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("flag"))
        || facts.members.iter().any(|m| {
            m.description
                .as_deref()
                .is_some_and(|d| d.to_ascii_lowercase().contains("flag"))
        });
    let values: Vec<Option<u64>> = facts
        .members
        .iter()
        .map(|m| m.value.as_deref().and_then(|v| v.trim().parse().ok()))
        .collect();
    speaks_of_flags
        && values.len() >= 2
        && values
            .iter()
            .all(|v| v.is_some_and(|v| v == 0 || v.is_power_of_two()))
}

/// What a parameter stands for, whatever its spelling: `{user-id}`,
/// `{userId}` and `{user_id}` are all `userid`.
fn param_kind(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Adds the listed members (name, description) an enum lacks, in order of
/// listing; one it has gets the description it lacks. Members are found
/// through a map of where each is, so that merging a list of n members costs
/// n lookups, not n scans of the list so far (an enum page can list 100,000).
/// The names an enum already has are copied into the map (only when a second
/// list of it is merged); names added are borrowed from the list.
fn merge_members<'l>(
    members: &mut Vec<Member>,
    listed: impl IntoIterator<Item = (&'l str, Option<&'l String>)>,
) {
    let mut position: FxHashMap<Cow<'l, str>, usize> = FxHashMap::default();
    for (i, m) in members.iter().enumerate() {
        position.entry(Cow::Owned(m.name.clone())).or_insert(i);
    }
    for (name, description) in listed {
        match position.get(name) {
            Some(&i) => {
                let existing = &mut members[i];
                if existing.description.is_none() {
                    existing.description = description.cloned();
                }
            }
            None => {
                position.insert(Cow::Borrowed(name), members.len());
                members.push(Member {
                    name: name.to_string(),
                    description: description.cloned(),
                    rust_name: String::new(),
                });
            }
        }
    }
}

enum Placeholder {
    Edm(&'static str),
    Named(String),
}

/// The type a JSON representation's placeholder value stands for: `"String"`,
/// `"String (timestamp)"`, `true`, `1024`, `{"@odata.type": "microsoft.graph.x"}`, `["String"]`.
fn placeholder_type(value: &Json) -> (Placeholder, bool) {
    match value {
        Json::Bool(_) => (Placeholder::Edm("Edm.Boolean"), false),
        Json::Number(n) if n.is_f64() => (Placeholder::Edm("Edm.Double"), false),
        Json::Number(_) => (Placeholder::Edm("Edm.Int64"), false),
        Json::String(text) => {
            let lower = text.to_ascii_lowercase();
            if lower.contains("timestamp") || lower.contains("datetime") {
                return (Placeholder::Edm("Edm.DateTimeOffset"), false);
            }
            let word = text.split_whitespace().next().unwrap_or_default();
            (
                Placeholder::Edm(parse::typeref::primitive(word).unwrap_or("Edm.String")),
                false,
            )
        }
        Json::Object(_) => match value.get("@odata.type").and_then(Json::as_str) {
            Some(t) => (
                Placeholder::Named(t.trim_start_matches('#').to_string()),
                false,
            ),
            None => (Placeholder::Edm("Edm.Untyped"), false),
        },
        Json::Array(items) => match items.first() {
            Some(first) if !first.is_array() => (placeholder_type(first).0, true),
            _ => (Placeholder::Edm("Edm.Untyped"), true),
        },
        Json::Null => (Placeholder::Edm("Edm.Untyped"), false),
    }
}

/// Page file → its documentation area (front matter `ms.prod`, lower-cased).
/// Read on every thread: front matter is read line by line, ~10 ms on one
/// thread for a large docs folder, and this was the last of the work done
/// beside the type merge.
fn areas_of<'a>(pages: &[&'a Page]) -> FxHashMap<&'a str, String> {
    let areas: Vec<(&str, String)> = pages
        .par_iter()
        .filter_map(|p| {
            let prod = p.front_matter.get("ms.prod")?.trim().to_ascii_lowercase();
            (!prod.is_empty()).then_some((&*p.file, prod))
        })
        .collect();
    areas.into_iter().collect()
}

/// Each type's and enum's documentation area: the `ms.prod` front matter of
/// the page it was first documented on (none when that page does not say);
/// operations get theirs as they join the schema.
fn set_areas(schema: &mut Schema, areas: &FxHashMap<&str, String>) {
    for t in &mut schema.types {
        t.area = area_of(areas, &t.source);
    }
    for e in &mut schema.enums {
        e.area = area_of(areas, &e.source);
    }
}

/// The area of what `source` documents ([`areas_of`]).
fn area_of(areas: &FxHashMap<&str, String>, source: &Source) -> Option<String> {
    areas.get(&*source.file).cloned()
}

/// See [`Body::optional`].
fn optional_body(facts: &parse::OperationFacts, page: &Page) -> bool {
    let bodiless_method = facts.requests.first().is_some_and(|r| {
        ["GET", "HEAD", "DELETE"]
            .iter()
            .any(|m| r.method.eq_ignore_ascii_case(m))
    });
    bodiless_method
        || page
            .examples
            .iter()
            .any(|e| e.kind == ExampleKind::Request && !e.sends_body)
}
