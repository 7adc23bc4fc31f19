//! Handler traits: one per resource collection, one method per operation,
//! each taking a typed request and returning a typed response per status.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::context::{field_ident, Context};
use super::docs;
use crate::parse;
use crate::schema::{names, Operation, Param};

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

/// The `#[cfg]` of a trait (empty without features).
pub fn trait_cfg(cx: &Context, ops: &[&Operation]) -> TokenStream {
    cx.features
        .as_ref()
        .map(|f| f.trait_cfg(ops.iter().copied()))
        .unwrap_or_default()
}

/// The items of `handlers.rs` for `traits`: per trait its request and
/// response types and the trait itself.
pub fn trait_items(cx: &Context, traits: &[(&str, Vec<&Operation>)]) -> Vec<TokenStream> {
    let mut items = Vec::new();
    for (name, ops) in traits {
        for op in ops {
            items.push(request(cx, op));
            items.push(response(cx, op));
        }
        let ident = format_ident!("{}", name);
        let cfg = trait_cfg(cx, ops);
        let methods: Vec<_> = ops.iter().map(|op| method(cx, op, &cfg)).collect();
        let mut paths: Vec<String> = ops
            .iter()
            .flat_map(|op| op.paths.iter())
            .map(|p| p.replace('`', ""))
            .collect();
        paths.sort();
        paths.dedup();
        let listed: Vec<String> = paths.iter().map(|p| format!("- `{p}`")).collect();
        let doc = docs::raw_attrs(&format!(
            "Operations on one resource collection; implement it to serve them. Paths:\n\n{}",
            listed.join("\n")
        ));
        items.push(quote! {
            #doc
            #cfg
            pub trait #ident: Send + Sync {
                #(#methods)*
            }
        });
    }
    items
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
    op.path_params
        .iter()
        .enumerate()
        .map(|(i, param)| {
            let nth = op.path_params[..i]
                .iter()
                .filter(|p| p.name == param.name)
                .count();
            let always = op.paths.iter().all(|path| {
                parse::http::path_params(path)
                    .iter()
                    .filter(|n| **n == param.name)
                    .count()
                    > nth
            });
            PathField { param, nth, always }
        })
        .collect()
}

pub fn operation_cfg(cx: &Context, op: &Operation) -> TokenStream {
    cx.features
        .as_ref()
        .map(|f| f.operation_cfg(op))
        .unwrap_or_default()
}

/// [`operation_cfg`] for an item inside one whose cfg is `container` (a
/// trait's method, a router's mount): nothing when the two say the same, so
/// the code says it once.
pub fn member_cfg(cx: &Context, op: &Operation, container: &TokenStream) -> TokenStream {
    let own = operation_cfg(cx, op);
    if own.to_string() == container.to_string() {
        TokenStream::new()
    } else {
        own
    }
}

pub fn type_names(op: &Operation) -> (proc_macro2::Ident, proc_macro2::Ident) {
    let base = names::camel(&op.rust_name);
    (
        format_ident!("{}Request", base),
        format_ident!("{}Response", base),
    )
}

fn request(cx: &Context, op: &Operation) -> TokenStream {
    let cfg = operation_cfg(cx, op);
    let (name, _) = type_names(op);
    let path_fields = path_fields(op).into_iter().map(|f| {
        let ident = field_ident(&f.param.rust_name);
        if f.always {
            let doc = docs::attrs(&format!("Path parameter `{{{}}}`.", f.param.name));
            quote! { #doc pub #ident: String, }
        } else {
            let doc = docs::attrs(&format!(
                "Path parameter `{{{}}}`, in the paths that have it.",
                f.param.name
            ));
            quote! { #doc pub #ident: Option<String>, }
        }
    });
    let query_fields = op.query_params.iter().map(|p| {
        let ident = field_ident(&p.rust_name);
        let text = match &p.description {
            Some(d) => format!("Query parameter `{}`: {d}", p.name),
            None => format!("Query parameter `{}`.", p.name),
        };
        let doc = docs::attrs(&text);
        quote! { #doc pub #ident: Option<String>, }
    });
    let body = op.request_body.as_ref().map(|b| {
        let mut ty = cx.value_type(&b.typ, MODULE).into_token_stream();
        if b.collection {
            ty = quote! { Vec<#ty> };
        }
        if b.optional {
            let doc = docs::attrs(&format!(
                "The request body, a `{}`; `None` when the request sends none.",
                b.typ
            ));
            return quote! { #doc pub body: Option<#ty>, };
        }
        let doc = docs::attrs(&format!("The request body, a `{}`.", b.typ));
        quote! { #doc pub body: #ty, }
    });
    let method = op.method.as_deref().unwrap_or_default();
    let paths = &op.paths;
    let permissions = op.permissions.iter().map(|p| {
        let kind = match p.kind.as_str() {
            "delegated_work" => quote! { DelegatedWork },
            "delegated_personal" => quote! { DelegatedPersonal },
            "application" => quote! { Application },
            other => quote! { Other(#other) },
        };
        let scopes = &p.scopes;
        // One line per documented row (a struct literal took five).
        let supported = p.supported;
        if p.supported {
            quote! { ::mdbind_runtime::Permission::supported(::mdbind_runtime::PermissionKind::#kind, &[#(#scopes),*]), }
        } else if p.scopes.is_empty() {
            quote! { ::mdbind_runtime::Permission::not_supported(::mdbind_runtime::PermissionKind::#kind), }
        } else {
            // "Not supported" yet naming scopes: kept as written.
            quote! {
                ::mdbind_runtime::Permission {
                    kind: ::mdbind_runtime::PermissionKind::#kind,
                    scopes: &[#(#scopes),*],
                    supported: #supported,
                },
            }
        }
    });
    let doc = docs::attrs(&format!(
        "The request of `{}::{}`: path and query parameters and body.",
        op.handler.as_deref().unwrap_or_default(),
        op.rust_name
    ));
    let operation = &op.name;
    quote! {
        #cfg
        #doc
        #[derive(Debug)]
        pub struct #name {
            /// The documented path template the request came by, one of `SPEC.paths` ([`Operation`](::mdbind_runtime::Operation)).
            pub path: &'static str,
            #(#path_fields)*
            /// OData query options (`$select`, `$filter`, …) and undocumented query parameters.
            pub query: ::mdbind_runtime::ODataQuery,
            #(#query_fields)*
            #body
            /// The HTTP request this was read from (headers for authorization); empty when built in code.
            pub http: ::mdbind_runtime::HttpRequest,
        }

        #cfg
        impl ::mdbind_runtime::Operation for #name {
            const SPEC: ::mdbind_runtime::OperationSpec = ::mdbind_runtime::OperationSpec {
                operation: #operation,
                method: #method,
                paths: &[#(#paths),*],
                permissions: &[#(#permissions)*],
            };
        }
    }
}

/// The response type: an alias of `mdbind_runtime::Response<Body, STATUS>`
/// (or `Empty<STATUS>`), whose `Debug`, status and reply the runtime writes
/// once for all operations (every operation documents one response).
fn response(cx: &Context, op: &Operation) -> TokenStream {
    let cfg = operation_cfg(cx, op);
    let (_, name) = type_names(op);
    let (ty, text) = match &op.response {
        Some(r) => {
            let status = proc_macro2::Literal::u16_unsuffixed(r.status);
            match &r.typ {
                Some(t) => {
                    let mut body = cx.value_type(t, MODULE).into_token_stream();
                    let text = if r.collection {
                        body = quote! { ::mdbind_runtime::Page<#body> };
                        format!("`{}` with a page of `{t}`.", r.status)
                    } else {
                        format!("`{}` with a `{t}`.", r.status)
                    };
                    (quote! { ::mdbind_runtime::Response<#body, #status> }, text)
                }
                None => (
                    quote! { ::mdbind_runtime::Empty<#status> },
                    format!("`{}` with no body.", r.status),
                ),
            }
        }
        None => (
            quote! { ::mdbind_runtime::Response<::serde_json::Value, 200> },
            "`200`: the docs do not describe the response, so the body is any JSON.".to_string(),
        ),
    };
    let doc = docs::attrs(&format!("The documented response: {text}"));
    quote! {
        #cfg
        #doc
        pub type #name = #ty;
    }
}

fn method(cx: &Context, op: &Operation, container: &TokenStream) -> TokenStream {
    let cfg = member_cfg(cx, op, container);
    let (request, response) = type_names(op);
    let ident = field_ident(&op.rust_name);
    // Text from the docs is cleaned; the structure around it (a code block of
    // request lines, a list of permissions) is ours and stays markdown.
    let mut text = docs::clean(&op.title);
    if let Some(d) = &op.description {
        text.push_str(&format!("\n\n{}", docs::clean(d)));
    }
    let method = op.method.as_deref().unwrap_or_default();
    text.push_str("\n\n```text");
    for path in &op.paths {
        text.push_str(&format!("\n{method} {}", path.replace('`', "")));
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
                .map(|s| format!("`{}`", s.replace('`', "")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        text.push_str(&format!("\n- `{}`: {scopes}", p.kind.replace('`', "")));
    }
    text.push_str(&format!(
        "\n\nDocumented in `{}`.",
        op.source.file.replace('`', "")
    ));
    text.push_str("\n\nUnless implemented, answers `501 Not Implemented`.");
    let doc = docs::raw_attrs(&text);
    let name = &op.name;
    quote! {
        #cfg
        #doc
        fn #ident(
            &self,
            request: #request,
        ) -> impl ::core::future::Future<Output = Result<#response, ::mdbind_runtime::GraphError>> + Send {
            let _ = request;
            // Not an `async` block (thousands of coroutine types) nor
            // `core::future::ready` (whose `Send` proof rustc redoes for every
            // method): see `mdbind_runtime::NotImplemented`.
            ::mdbind_runtime::NotImplemented::new(#name)
        }
    }
}
