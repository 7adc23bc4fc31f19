//! `mock.rs`: `DocExamples`, an implementation of every handler trait that
//! answers each operation with its documented response example (the one
//! whose request example is the incoming request, else the first), and with
//! the `server` feature a `router()` serving it: a mock of the documented
//! service for client tests, made from the docs alone.

use proc_macro2::TokenStream;
use quote::quote;

use super::code::{self, Code};
use super::context::{field_name, Context};
use super::handlers;
use crate::parse;
use crate::schema::{names, Operation};

/// `DocExamples`, the struct that starts `mock.rs`.
pub fn head() -> Vec<TokenStream> {
    vec![quote! {
        /// Answers every documented operation with its documented response
        /// example; operations without one answer `501 Not Implemented`.
        #[derive(Debug, Clone, Copy, Default)]
        pub struct DocExamples;
    }]
}

/// `DocExamples`' impl of each trait of `traits`, as formatted text.
pub fn trait_items(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<String> {
    traits
        .iter()
        .map(|(name, ops)| {
            let mut out = Code::new();
            let cfg = cx.trait_cfg_text(ops);
            if let Some(cfg) = &cfg {
                out.line(cfg);
            }
            let answering: Vec<&&Operation> = ops.iter().filter(|op| has_examples(op)).collect();
            let path = ["super::handlers::", name].concat();
            if answering.is_empty() {
                // Every method keeps the trait's `501` default.
                out.line(&["impl ", path.as_str(), " for DocExamples {}"].concat());
                return out.finish();
            }
            out.impl_block(&path, "DocExamples");
            for op in answering {
                method(&mut out, cx, op, cfg.as_deref());
            }
            out.close("}");
            out.finish()
        })
        .collect()
}

/// With the server: `router()`, serving `DocExamples` for every trait.
pub fn tail(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<String> {
    if !cx.options.server {
        return Vec::new();
    }
    let mut out = Code::new();
    out.raw_doc(
        "An axum router answering every documented request with the\n\
         documented response (see [`DocExamples`]).",
    );
    out.line("#[cfg(feature = \"server\")]");
    out.open("pub fn router() -> ::mdbind_runtime::server::Router {");
    out.line("let api = super::server::Api::new();");
    for (name, ops) in traits {
        if let Some(cfg) = cx.trait_cfg_text(ops) {
            out.line(&cfg);
        }
        let method = format!(".{}(", field_name(&names::snake(name)));
        let call = [method.as_str(), "DocExamples);"].concat();
        if out.fits(0, &["let api = api", call.as_str()].concat()) {
            out.line(&["let api = api", call.as_str()].concat());
            continue;
        }
        // Too wide: the method call below the receiver, its argument below
        // it if need be.
        out.line("let api = api");
        out.indent();
        out.line_or(&call, &[(0, &method), (1, "DocExamples,"), (0, ");")]);
        out.outdent();
    }
    out.line("api.into_router()");
    out.close("}");
    vec![out.finish()]
}

/// Whether an operation has a request example answered by a response
/// example: otherwise `DocExamples` leaves it the trait's `501` default.
fn has_examples(op: &Operation) -> bool {
    op.example_pairs()
        .into_iter()
        .any(|(_, response)| response.is_some())
}

/// The method answering from the operation's examples.
fn method(out: &mut Code, cx: &Context, op: &Operation, container: Option<&str>) {
    let status = op.response.as_ref().map_or(200, |r| r.status);
    if let Some(own) = cx.member_cfg_text(op, container) {
        out.line(&own);
    }
    out.doc(&format!(
        "Answers with a documented response example of `{}`.",
        op.source.file
    ));
    let (request, response) = handlers::type_names(op);
    handlers::signature(
        out,
        &field_name(&op.rust_name),
        &format!("super::handlers::{request}"),
        &format!("super::handlers::{response}"),
    );
    out.open("const EXAMPLES: &[::mdbind_runtime::mock::Example] = &[");
    for (request, response) in op.example_pairs() {
        let Some(response) = response else { continue };
        let target = request
            .url
            .as_deref()
            .and_then(parse::http::target_of_url)
            .unwrap_or_default();
        out.open("::mdbind_runtime::mock::Example {");
        out.whole(&format!("target: {},", code::string(&target)));
        out.line(&format!("status: {},", response.status.unwrap_or(status)));
        match &response.body {
            Some(b) => {
                let text = code::string(&serde_json::to_string(b).unwrap_or_default());
                out.line_or(
                    &["body: Some(", text.as_str(), "),"].concat(),
                    &[
                        (0, "body: Some("),
                        (1, &[text.as_str(), ","].concat()),
                        (0, "),"),
                    ],
                );
            }
            None => out.line("body: None,"),
        }
        let source = format!("{}:{}", response.source.file, response.source.line);
        out.whole(&format!("source: {},", code::string(&source)));
        out.close("},");
    }
    out.close("];");
    // The response type (body and status) is the signature's.
    let name = code::string(&op.name);
    out.line_or(
        &[
            "::mdbind_runtime::mock::Answer::new(EXAMPLES, request.http, ",
            name.as_str(),
            ")",
        ]
        .concat(),
        &[
            (0, "::mdbind_runtime::mock::Answer::new("),
            (1, "EXAMPLES,"),
            (1, "request.http,"),
            (1, &[name.as_str(), ","].concat()),
            (0, ")"),
        ],
    );
    out.close("}");
}
