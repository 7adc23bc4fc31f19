//! `server.rs`: axum routers for the handler traits (as tonic-build makes a
//! server from a service). Per operation, how its typed request is read from
//! a routed call; per trait, a mount function and a `{trait}_router(handler)`
//! (the one route table narrowed to the trait's operations); and [`Api`], one
//! router for every operation, each trait served by the handler given for it.
//!
//! Matching, body reading and Graph-style errors are `mdbind_runtime::server`'s:
//! generated code only says what is documented.

use proc_macro2::TokenStream;
use quote::quote;

use super::code::{self, Code};
use super::context::{field_name, Context};
use super::handlers::{self, path_fields};
use crate::replay;
use crate::schema::{names, Operation};

/// The `use` lines that start `server.rs`.
pub fn head() -> Vec<TokenStream> {
    vec![quote! {
        use ::mdbind_runtime::server::{Call, FromCall, RouteSpec, Router, Server};
        use ::mdbind_runtime::Operation;
        use ::mdbind_runtime::GraphError;
    }]
}

/// Per trait of `traits`: how each operation's request is read, its mount
/// function and its router (the one route table, [`tail`]'s `ROUTES`,
/// narrowed to the trait's operations). `ROUTES` is a `static`: every router
/// names it, and a `const` would be a copy of the whole table in each one's
/// machine code (the corpus crate's build ran out of 24 GiB that way).
pub fn trait_items(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<String> {
    let mut items = Vec::new();
    for (name, ops) in traits {
        for op in ops {
            items.push(conversions(cx, op));
        }
        let cfg = cx.trait_cfg_text(ops);
        let snake = names::snake(name);
        items.push(mount(cx, name, &snake, ops, cfg.as_deref()));
        items.push(router(name, &snake, cfg.as_deref()));
    }
    items
}

/// `mount_{trait}(server, handler)`: each operation of the trait served by
/// its method.
fn mount(cx: &Context, name: &str, snake: &str, ops: &[&Operation], cfg: Option<&str>) -> String {
    let mut out = Code::new();
    if let Some(cfg) = cfg {
        out.line(cfg);
    }
    let head = ["fn mount_", snake, "<H>("].concat();
    out.line_or(
        &[head.as_str(), "server: &mut Server, handler: H)"].concat(),
        &[
            (0, &head),
            (1, "server: &mut Server,"),
            (1, "handler: H,"),
            (0, ")"),
        ],
    );
    where_bound(&mut out, name);
    out.line("let handler = ::std::sync::Arc::new(handler);");
    for op in ops {
        if let Some(own) = cx.member_cfg_text(op, cfg) {
            out.line(&own);
        }
        serve_method(&mut out, op);
    }
    out.close("}");
    out.finish()
}

/// `server.serve_method("{operation}", handler.clone(), H::{method});` as
/// prettyplease lays it out: the method itself, not a closure boxing its
/// future (see `mdbind_runtime::server::HandlerMethod` for why).
fn serve_method(out: &mut Code, op: &Operation) {
    let operation = code::string(&op.name);
    let method = ["H::", field_name(&op.rust_name).as_str()].concat();
    let call = [
        ".serve_method(",
        operation.as_str(),
        ", handler.clone(), ",
        method.as_str(),
        ");",
    ]
    .concat();
    let flat = ["server", call.as_str()].concat();
    if out.fits(0, &flat) {
        return out.line(&flat);
    }
    // Too wide: the receiver alone, then the call on the next line, broken
    // an argument a line if it is still too wide (a path never breaks).
    out.line("server");
    out.indent();
    if out.fits(0, &call) {
        out.line(&call);
    } else {
        out.open(".serve_method(");
        out.whole(&[operation.as_str(), ","].concat());
        out.line("handler.clone(),");
        out.whole(&[method.as_str(), ","].concat());
        out.close(");");
    }
    out.outdent();
}

/// `{trait}_router(handler)`: the one route table narrowed to the trait.
fn router(name: &str, snake: &str, cfg: Option<&str>) -> String {
    let mut out = Code::new();
    if let Some(cfg) = cfg {
        out.line(cfg);
    }
    out.raw_doc(&format!(
        "An axum router serving the operations of [`{name}`](super::handlers::{name}) at their documented paths \
         (other paths answer `404`, other methods `405`, in Graph's error format)."
    ));
    let head = ["pub fn ", snake, "_router<H>("].concat();
    out.line_or(
        &[head.as_str(), "handler: H) -> Router"].concat(),
        &[(0, &head), (1, "handler: H,"), (0, ") -> Router")],
    );
    where_bound(&mut out, name);
    out.line("let mut server = Server::new(ROUTES);");
    let call = ["mount_", snake, "("].concat();
    out.line_or(
        &[call.as_str(), "&mut server, handler);"].concat(),
        &[(0, &call), (1, "&mut server,"), (1, "handler,"), (0, ");")],
    );
    out.line("server.served_only().into_router()");
    out.close("}");
    out.finish()
}

/// `where H: super::handlers::{trait} + 'static,` and the body's `{`.
fn where_bound(out: &mut Code, name: &str) {
    out.line("where");
    out.indent();
    // A path does not break: a bound too wide puts `+ 'static` below it.
    let bound = ["H: super::handlers::", name].concat();
    out.line_or(
        &[bound.as_str(), " + 'static,"].concat(),
        &[(0, &bound), (1, "+ 'static,")],
    );
    out.close("{");
    out.indent();
}

/// Every operation's route and [`Api`], one router for all traits.
pub fn tail(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<String> {
    let mut routes = Code::new();
    routes.raw_doc(
        "Every operation, in the order that breaks ties between equally\nspecific paths (the schema's).",
    );
    routes.open("pub static ROUTES: &[RouteSpec] = &[");
    // Schema order, which breaks ties (as the `ambiguous-route` diagnostics say).
    for op in cx
        .schema
        .operations
        .iter()
        .filter(|op| op.handler.is_some())
    {
        if let Some(cfg) = cx.operation_cfg_text(op) {
            routes.line(&cfg);
        }
        spec(&mut routes, op);
    }
    routes.close("];");
    vec![routes.finish(), api(cx, traits)]
}

/// `Api`: one router for every trait, a method per trait taking its handler.
fn api(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> String {
    let mut out = Code::new();
    out.raw_doc(
        "One router for every documented operation: give a handler for each \
         trait you implement; the operations of the others answer `501 Not \
         Implemented`, unknown paths `404`, other methods `405`.\n\n\
         ```ignore\n\
         let app = Api::new().some_handler(MyImplementation).into_router();\n\
         axum::serve(listener, axum::Router::new().nest(\"/beta\", app)).await?;\n\
         ```",
    );
    // As prettyplease prints these fixed items (no blank line between an
    // impl's methods).
    for line in [
        "pub struct Api {",
        "    server: Server,",
        "}",
        "",
        "impl Default for Api {",
        "    fn default() -> Self {",
        "        Self::new()",
        "    }",
        "}",
        "",
        "impl Api {",
        "    /// No handler yet: every operation answers `501`.",
        "    pub fn new() -> Self {",
        "        Api { server: Server::new(ROUTES) }",
        "    }",
        "    /// The largest request body read (16 MiB unless set).",
        "    pub fn body_limit(self, bytes: usize) -> Self {",
        "        Api {",
        "            server: self.server.body_limit(bytes),",
        "        }",
        "    }",
    ] {
        out.whole(line);
    }
    out.indent();
    for (name, ops) in traits {
        let snake = names::snake(name);
        if let Some(cfg) = cx.trait_cfg_text(ops) {
            out.line(&cfg);
        }
        out.raw_doc(&format!(
            "Serves the operations of [`{name}`](super::handlers::{name}) with `handler`."
        ));
        let head = format!("pub fn {}<H>(", field_name(&snake));
        out.line_or(
            &[head.as_str(), "mut self, handler: H) -> Self"].concat(),
            &[
                (0, &head),
                (1, "mut self,"),
                (1, "handler: H,"),
                (0, ") -> Self"),
            ],
        );
        where_bound(&mut out, name);
        let call = ["mount_", snake.as_str(), "("].concat();
        out.line_or(
            &[call.as_str(), "&mut self.server, handler);"].concat(),
            &[
                (0, &call),
                (1, "&mut self.server,"),
                (1, "handler,"),
                (0, ");"),
            ],
        );
        out.line("self");
        out.close("}");
    }
    out.line("/// The axum router (nest it under `/beta` or wherever the API lives).");
    out.open("pub fn into_router(self) -> Router {");
    out.line("self.server.into_router()");
    out.close("}");
    out.close("}");
    out.finish()
}

/// One entry of `ROUTES`.
fn spec(out: &mut Code, op: &Operation) {
    let (request, _) = handlers::type_names(op);
    let route = replay::route_of(op);
    out.open("RouteSpec {");
    out.whole(&format!("operation: {},", code::string(&route.operation)));
    out.whole(&format!("method: {},", code::string(&route.method)));
    let paths = format!("super::handlers::{request}::SPEC");
    out.line_or(
        &["paths: ", paths.as_str(), ".paths,"].concat(),
        &[(0, &["paths: ", paths.as_str()].concat()), (1, ".paths,")],
    );
    match &route.body_type {
        Some(t) => {
            let t = code::string(t);
            out.line_or(
                &["body_type: Some(", t.as_str(), "),"].concat(),
                &[
                    (0, "body_type: Some("),
                    (1, &[t.as_str(), ","].concat()),
                    (0, "),"),
                ],
            );
        }
        None => out.line("body_type: None,"),
    }
    // The last field: its comma does not count.
    code::strings(out, "examples: ", &route.examples, ",", true);
    out.close("},");
}

/// `FromCall` for the request (the response's `IntoReply` is the runtime's).
/// Failures are recorded in `call` and returned by `finish` (the body's `?`
/// returns an earlier one first): no early return per field.
fn conversions(cx: &Context, op: &Operation) -> String {
    let mut out = Code::new();
    let (request, _) = handlers::type_names(op);
    if let Some(cfg) = cx.operation_cfg_text(op) {
        out.line(&cfg);
    }
    out.impl_block("FromCall", &format!("super::handlers::{request}"));
    out.open("fn from_call(call: &Call) -> Result<Self, GraphError> {");
    out.open("call.finish(Self {");
    out.line("path: call.template(),");
    for f in path_fields(op) {
        let field = field_name(&f.param.rust_name);
        let name = code::string(&f.param.name);
        let call = if f.always { "required_param" } else { "param" };
        out.field_call(&field, "call", &format!(".{call}({name}, {}usize)", f.nth));
    }
    let documented: Vec<String> = op
        .query_params
        .iter()
        .map(|p| code::string(&p.name))
        .collect();
    out.field_call(
        "query",
        "call",
        &format!(".odata(&[{}])", documented.join(", ")),
    );
    for p in &op.query_params {
        let field = field_name(&p.rust_name);
        out.field_call(
            &field,
            "call",
            &format!(".query_param({})", code::string(&p.name)),
        );
    }
    match op.request_body.as_ref().map(|b| b.optional) {
        Some(true) => out.line("body: call.optional_json()?,"),
        Some(false) => out.line("body: call.json()?,"),
        None => {}
    }
    out.line("http: call.http(),");
    out.close("})");
    out.close("}");
    out.close("}");
    out.finish()
}
