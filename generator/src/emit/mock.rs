//! `mock.rs`: `DocExamples`, an implementation of every handler trait that
//! answers each operation with its documented response example (the one
//! whose request example is the incoming request, else the first), and with
//! the `server` feature a `router()` serving it: a mock of the documented
//! service for client tests, made from the docs alone.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::{field_ident, Context};
use super::docs;
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

/// `DocExamples`' impl of each trait of `traits`.
pub fn trait_items(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<TokenStream> {
    traits
        .iter()
        .map(|(name, ops)| {
            let trait_ident = format_ident!("{}", name);
            let cfg = handlers::trait_cfg(cx, ops);
            let methods: Vec<_> = ops.iter().filter_map(|op| method(cx, op, &cfg)).collect();
            quote! {
                #cfg
                impl super::handlers::#trait_ident for DocExamples {
                    #(#methods)*
                }
            }
        })
        .collect()
}

/// With the server: `router()`, serving `DocExamples` for every trait.
pub fn tail(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<TokenStream> {
    if !cx.options.server {
        return Vec::new();
    }
    let mounts = traits.iter().map(|(name, ops)| {
        let cfg = handlers::trait_cfg(cx, ops);
        let api_ident = field_ident(&names::snake(name));
        quote! {
            #cfg
            let api = api.#api_ident(DocExamples);
        }
    });
    vec![quote! {
        /// An axum router answering every documented request with the
        /// documented response (see [`DocExamples`]).
        #[cfg(feature = "server")]
        pub fn router() -> ::mdbind_runtime::server::Router {
            let api = super::server::Api::new();
            #(#mounts)*
            api.into_router()
        }
    }]
}

/// The method answering from the operation's examples; `None` (the trait's
/// `501` default) when no request example has a response example.
fn method(cx: &Context, op: &Operation, container: &TokenStream) -> Option<TokenStream> {
    let status = op.response.as_ref().map_or(200, |r| r.status);
    let examples: Vec<TokenStream> = op
        .example_pairs()
        .into_iter()
        .filter_map(|(request, response)| {
            let response = response?;
            let target = request
                .url
                .as_deref()
                .and_then(parse::http::target_of_url)
                .unwrap_or_default();
            let status = proc_macro2::Literal::u16_unsuffixed(response.status.unwrap_or(status));
            let body = match &response.body {
                Some(b) => {
                    let text = serde_json::to_string(b).unwrap_or_default();
                    quote! { Some(#text) }
                }
                None => quote! { None },
            };
            let source = format!("{}:{}", response.source.file, response.source.line);
            Some(quote! {
                ::mdbind_runtime::mock::Example {
                    target: #target,
                    status: #status,
                    body: #body,
                    source: #source,
                },
            })
        })
        .collect();
    if examples.is_empty() {
        return None;
    }
    let cfg = handlers::member_cfg(cx, op, container);
    let (request, response) = handlers::type_names(op);
    let ident = field_ident(&op.rust_name);
    let name = &op.name;
    let doc = docs::attrs(&format!(
        "Answers with a documented response example of `{}`.",
        op.source.file
    ));
    Some(quote! {
        #cfg
        #doc
        fn #ident(
            &self,
            request: super::handlers::#request,
        ) -> impl ::core::future::Future<Output = Result<super::handlers::#response, ::mdbind_runtime::GraphError>> + Send {
            const EXAMPLES: &[::mdbind_runtime::mock::Example] = &[#(#examples)*];
            // The response type (body and status) is the signature's.
            ::mdbind_runtime::mock::Answer::new(EXAMPLES, request.http, #name)
        }
    })
}
