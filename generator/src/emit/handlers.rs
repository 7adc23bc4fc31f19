//! Handler traits: one per resource collection, one method per operation,
//! each taking a typed request and returning a typed response per status.

use std::collections::BTreeMap;

use super::code::{self, Code};
use super::context::{field_name, Context};
use super::docs;
use crate::parse;
use crate::schema::{Operation, Param};

const MODULE: Option<&str> = Some("handlers");

/// Operations by handler trait, traits in name order.
pub fn traits<'a>(cx: &Context<'a>) -> Vec<(&'a str, Vec<&'a Operation>)> {
    let mut traits: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &cx.schema.operations {
        if let Some(handler) = &op.handler {
            traits.entry(handler.as_str()).or_default().push(op);
        }
    }
    traits.into_iter().collect()
}

/// The items of `handlers.rs` for `traits`, as formatted text: per trait
/// its request and response types and the trait itself.
pub fn trait_items(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<String> {
    let mut items = Vec::new();
    for (name, ops) in traits {
        for op in ops {
            items.push(request(cx, op));
            items.push(spec(cx, op));
            items.push(response(cx, op));
        }
        items.push(handler_trait(cx, name, ops));
    }
    items
}

/// A handler method's signature, `fn {ident}(` to `> + Send {` (the body
/// opened), as prettyplease breaks it: it never fits on one line.
pub(super) fn signature(out: &mut Code, ident: &str, request: &str, response: &str) {
    out.open(&["fn ", ident, "("].concat());
    out.line("&self,");
    // A parameter's type is a path: it never breaks.
    out.whole(&["request: ", request, ","].concat());
    out.close(") -> impl ::core::future::Future<");
    out.indent();
    out.generic(
        "Output = ",
        &["Result<", response, ", ::mdbind_runtime::GraphError>"].concat(),
        ",",
        true,
    );
    out.close("> + Send {");
    out.indent();
}

/// The trait: one method per operation, each answering 501 unless implemented.
fn handler_trait(cx: &Context, name: &str, ops: &[&Operation]) -> String {
    let mut out = Code::new();
    let cfg = cx.trait_cfg_text(ops);
    let mut paths: Vec<String> = ops
        .iter()
        .flat_map(|op| op.paths.iter())
        .map(|p| p.replace('`', ""))
        .collect();
    paths.sort();
    paths.dedup();
    let listed: Vec<String> = paths.iter().map(|p| ["- `", p, "`"].concat()).collect();
    out.raw_doc(&format!(
        "Operations on one resource collection; implement it to serve them. Paths:\n\n{}",
        listed.join("\n")
    ));
    if let Some(cfg) = &cfg {
        out.line(cfg);
    }
    out.open(&["pub trait ", name, ": Send + Sync {"].concat());
    for op in ops {
        method(&mut out, cx, op, cfg.as_deref());
    }
    out.close("}");
    out.finish()
}

/// A path parameter field: the parameter, which occurrence of its name it
/// is in a template (`/x/{id}/y/{id}` has two), and whether every documented
/// template has it (otherwise the field is an `Option`).
pub struct PathField<'a> {
    pub param: &'a Param,
    pub nth: usize,
    pub always: bool,
}

pub fn path_fields(op: &Operation) -> Vec<PathField<'_>> {
    // Each template's parameters, read once for all the fields.
    let in_paths: Vec<Vec<String>> = op
        .paths
        .iter()
        .map(|path| parse::http::path_params(path))
        .collect();
    op.path_params
        .iter()
        .enumerate()
        .map(|(i, param)| {
            let nth = op.path_params[..i]
                .iter()
                .filter(|p| p.name == param.name)
                .count();
            let always = in_paths
                .iter()
                .all(|names| names.iter().filter(|n| **n == param.name).count() > nth);
            PathField { param, nth, always }
        })
        .collect()
}

pub fn type_names(op: &Operation) -> (String, String) {
    let base = op.type_base.as_str();
    ([base, "Request"].concat(), [base, "Response"].concat())
}

/// The request struct.
fn request(cx: &Context, op: &Operation) -> String {
    let mut out = Code::new();
    let (name, _) = type_names(op);
    if let Some(cfg) = cx.operation_cfg_text(op) {
        out.line(&cfg);
    }
    out.doc(
        &[
            "The request of `",
            op.handler.as_deref().unwrap_or_default(),
            "::",
            op.rust_name.as_str(),
            "`: path and query parameters and body.",
        ]
        .concat(),
    );
    out.line("#[derive(Debug)]");
    out.open_whole(&format!("pub struct {name} {{"));
    out.raw_doc(
        "The documented path template the request came by, one of `SPEC.paths` ([`Operation`](::mdbind_runtime::Operation)).",
    );
    out.line("pub path: &'static str,");
    for f in path_fields(op) {
        let field = field_name(&f.param.rust_name);
        if f.always {
            out.doc(&format!("Path parameter `{{{}}}`.", f.param.name));
            out.line(&["pub ", field.as_str(), ": String,"].concat());
        } else {
            out.doc(&format!(
                "Path parameter `{{{}}}`, in the paths that have it.",
                f.param.name
            ));
            out.generic(
                &["pub ", field.as_str(), ": "].concat(),
                "Option<String>",
                ",",
                false,
            );
        }
    }
    out.raw_doc("OData query options (`$select`, `$filter`, …) and undocumented query parameters.");
    out.line("pub query: ::mdbind_runtime::ODataQuery,");
    for p in &op.query_params {
        let text = match &p.description {
            Some(d) => format!("Query parameter `{}`: {d}", p.name),
            None => format!("Query parameter `{}`.", p.name),
        };
        out.doc(&text);
        out.generic(
            &format!("pub {}: ", field_name(&p.rust_name)),
            "Option<String>",
            ",",
            false,
        );
    }
    if let Some(b) = &op.request_body {
        let (mut ty, exact) = cx.value_type(&b.typ, MODULE).text();
        if !exact {
            out.inexact();
        }
        if b.collection {
            ty = ["Vec<", ty.as_str(), ">"].concat();
        }
        if b.optional {
            out.doc(&format!(
                "The request body, a `{}`; `None` when the request sends none.",
                b.typ
            ));
            ty = ["Option<", ty.as_str(), ">"].concat();
        } else {
            out.doc(&format!("The request body, a `{}`.", b.typ));
        }
        out.generic("pub body: ", &ty, ",", false);
    }
    out.raw_doc(
        "The HTTP request this was read from (headers for authorization); empty when built in code.",
    );
    out.line("pub http: ::mdbind_runtime::HttpRequest,");
    out.close("}");
    out.finish()
}

/// The request's `impl Operation`: what the docs say of the operation, as data.
fn spec(cx: &Context, op: &Operation) -> String {
    let mut out = Code::new();
    let (name, _) = type_names(op);
    if let Some(cfg) = cx.operation_cfg_text(op) {
        out.line(&cfg);
    }
    out.impl_block("::mdbind_runtime::Operation", &name.to_string());
    out.open("const SPEC: ::mdbind_runtime::OperationSpec = ::mdbind_runtime::OperationSpec {");
    // A field holding one string literal: nothing in it can break.
    out.whole(&format!("operation: {},", code::string(&op.name)));
    let method = op.method.as_deref().unwrap_or_default();
    out.whole(&format!("method: {},", code::string(method)));
    code::strings(&mut out, "paths: ", &op.paths, ",", false);
    if op.permissions.is_empty() {
        out.line("permissions: &[],");
    } else {
        out.open("permissions: &[");
        for p in &op.permissions {
            permission(&mut out, p);
        }
        out.close("],");
    }
    out.close("};");
    out.close("}");
    out.finish()
}

/// One documented permission row, as prettyplease breaks it (a row never
/// fits on one line).
fn permission(out: &mut Code, p: &crate::schema::Permission) {
    let (kind, other) = match p.kind.as_str() {
        "delegated_work" => ("DelegatedWork", None),
        "delegated_personal" => ("DelegatedPersonal", None),
        "application" => ("Application", None),
        other => ("Other", Some(code::string(other))),
    };
    let kind = ["::mdbind_runtime::PermissionKind::", kind].concat();
    let other = other.as_deref();
    if p.supported {
        out.open("::mdbind_runtime::Permission::supported(");
        kind_argument(out, "", &kind, other, false);
        code::strings(out, "", &p.scopes, ",", true);
        out.close("),");
    } else if p.scopes.is_empty() {
        out.open("::mdbind_runtime::Permission::not_supported(");
        kind_argument(out, "", &kind, other, true);
        out.close("),");
    } else {
        // "Not supported" yet naming scopes: kept as written.
        out.open("::mdbind_runtime::Permission {");
        kind_argument(out, "kind: ", &kind, other, false);
        code::strings(out, "scopes: ", &p.scopes, ",", false);
        out.line("supported: false,");
        out.close("},");
    }
}

/// `{head}{kind},` or `{head}{kind}({other}),` (a string literal) in a
/// broken list; `last`: the list's last item, whose comma does not count.
/// Too wide, `Other(…)` breaks as prettyplease breaks a call: the path and
/// the literal are printed whole however wide.
fn kind_argument(out: &mut Code, head: &str, kind: &str, other: Option<&str>, last: bool) {
    let item = |out: &mut Code, line: &str| {
        if last {
            out.last_item(line)
        } else {
            out.line(line)
        }
    };
    let Some(other) = other else {
        return item(out, &[head, kind, ","].concat());
    };
    let flat = [head, kind, "(", other, "),"].concat();
    let counted = if last {
        &flat[..flat.len() - 1]
    } else {
        &flat[..]
    };
    if out.fits(0, counted) {
        return item(out, &flat);
    }
    out.whole(&[head, kind, "("].concat());
    out.indent();
    out.last_item(&[other, ","].concat());
    out.outdent();
    out.line("),");
}

/// The response type: an alias of `mdbind_runtime::Response<Body, STATUS>`
/// (or `Empty<STATUS>`), whose `Debug`, status and reply the runtime writes
/// once for all operations (every operation documents one response).
fn response(cx: &Context, op: &Operation) -> String {
    let mut out = Code::new();
    let (_, name) = type_names(op);
    let (ty, text) = match &op.response {
        Some(r) => match &r.typ {
            Some(t) => {
                let (mut body, exact) = cx.value_type(t, MODULE).text();
                if !exact {
                    out.inexact();
                }
                let text = if r.collection {
                    body = ["::mdbind_runtime::Page<", body.as_str(), ">"].concat();
                    format!("`{}` with a page of `{t}`.", r.status)
                } else {
                    format!("`{}` with a `{t}`.", r.status)
                };
                (
                    format!("::mdbind_runtime::Response<{body}, {}>", r.status),
                    text,
                )
            }
            None => (
                format!("::mdbind_runtime::Empty<{}>", r.status),
                format!("`{}` with no body.", r.status),
            ),
        },
        None => (
            "::mdbind_runtime::Response<::serde_json::Value, 200>".to_string(),
            "`200`: the docs do not describe the response, so the body is any JSON.".to_string(),
        ),
    };
    if let Some(cfg) = cx.operation_cfg_text(op) {
        out.line(&cfg);
    }
    out.doc(&["The documented response: ", text.as_str()].concat());
    out.generic(&format!("pub type {name} = "), &ty, ";", false);
    out.finish()
}

/// One trait method; `container`: the trait's cfg.
fn method(out: &mut Code, cx: &Context, op: &Operation, container: Option<&str>) {
    let (request, response) = type_names(op);
    let ident = field_name(&op.rust_name);
    // Text from the docs is cleaned; the structure around it (a code block of
    // request lines, a list of permissions) is ours and stays markdown.
    let mut text = docs::clean(&op.title);
    if let Some(d) = &op.description {
        text.push_str("\n\n");
        text.push_str(&docs::clean(d));
    }
    let method = op.method.as_deref().unwrap_or_default();
    text.push_str("\n\n```text");
    for path in &op.paths {
        text.push('\n');
        text.push_str(method);
        text.push(' ');
        text.push_str(&path.replace('`', ""));
    }
    text.push_str("\n```");
    if !op.permissions.is_empty() {
        text.push_str("\n\nPermissions:\n");
    }
    for p in &op.permissions {
        let scopes = if !p.supported {
            "not supported".to_string()
        } else if p.scopes.is_empty() {
            "not documented".to_string()
        } else {
            p.scopes
                .iter()
                .map(|s| ["`", &s.replace('`', ""), "`"].concat())
                .collect::<Vec<_>>()
                .join(", ")
        };
        text.push_str("\n- `");
        text.push_str(&p.kind.replace('`', ""));
        text.push_str("`: ");
        text.push_str(&scopes);
    }
    text.push_str("\n\nDocumented in `");
    text.push_str(&op.source.file.replace('`', ""));
    text.push_str("`.");
    text.push_str("\n\nUnless implemented, answers `501 Not Implemented`.");
    if let Some(cfg) = cx.member_cfg_text(op, container) {
        out.line(&cfg);
    }
    out.raw_doc(&text);
    signature(out, &ident, &request, &response);
    out.line("let _ = request;");
    // Not an `async` block (thousands of coroutine types) nor
    // `core::future::ready` (whose `Send` proof rustc redoes for every
    // method): see `mdbind_runtime::NotImplemented`.
    let name = code::string(&op.name);
    out.line_or(
        &["::mdbind_runtime::NotImplemented::new(", name.as_str(), ")"].concat(),
        &[
            (0, "::mdbind_runtime::NotImplemented::new("),
            (1, &[name.as_str(), ","].concat()),
            (0, ")"),
        ],
    );
    out.close("}");
}
