//! Emit: the schema → formatted Rust files, through syn/quote and prettyplease.
//!
//! Reads only [`crate::schema::Schema`]; names come from the schema (see
//! `schema::names`), so this stage decides how code looks, never what it is called.
//!
//! Files: `mdbind.rs` (the entry to `include!`), one file per namespace
//! module, `handlers.rs` (handler traits with their request and response types),
//! and on request `server.rs` (axum routers) and `mock.rs` (answers from the examples).

mod context;
mod cycles;
mod docs;
mod enums;
mod features;
mod file;
mod handlers;
mod mock;
mod options;
mod package;
mod server;
mod structs;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::schema::Schema;
use context::Context;

pub use file::HEADER_MARK;
pub use options::{DateTimeCrate, FeaturesBy, Options};
pub use package::{default_runtime_path, emit_crate};

/// The file every generated folder is entered through.
pub const ENTRY_FILE: &str = "mdbind.rs";

/// One output file: a path relative to the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// The cargo features `options.features` gates items by, sorted (none
/// without gating): a crate including the output declares those it wants.
pub fn feature_names(schema: &Schema, options: &Options) -> Vec<String> {
    options
        .features
        .map(|by| features::Features::compute(schema, by).names)
        .unwrap_or_default()
}

/// Generates every file for `schema`, in a fixed order.
pub fn emit(schema: &Schema) -> Vec<GeneratedFile> {
    emit_with(schema, &Options::default())
}

/// [`emit`] with the user's [`Options`].
pub fn emit_with(schema: &Schema, options: &Options) -> Vec<GeneratedFile> {
    format_all(emit_tokens(schema, options))
}

/// One output file before formatting: its path and its items.
pub struct FileTokens {
    pub path: String,
    pub items: Vec<TokenStream>,
}

/// Formats every file, in path order. (Sequential: proc-macro2 tokens cannot
/// cross threads.)
pub fn format_all(files: Vec<FileTokens>) -> Vec<GeneratedFile> {
    let mut out: Vec<GeneratedFile> = files
        .into_iter()
        .map(|f| GeneratedFile {
            path: f.path,
            contents: file::format(f.items),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The tokens of every file for `schema`: the work before formatting.
pub fn emit_tokens(schema: &Schema, options: &Options) -> Vec<FileTokens> {
    let cx = Context::new(schema, options);
    // Features gate items; a crate including the output declares only the
    // features it wants, and the others must not warn.
    let allow = if options.features.is_some() {
        quote! { #[allow(unexpected_cfgs)] }
    } else {
        quote! {}
    };
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for ns in schema
        .namespaces
        .iter()
        .filter(|n| options.includes_namespace(&n.name))
    {
        let mut items = Vec::new();
        items.extend(
            schema
                .types
                .iter()
                .filter(|t| {
                    t.namespace == ns.name && options.generates(&t.namespace, &t.qualified())
                })
                .map(|t| structs::emit(&cx, t)),
        );
        items.extend(
            schema
                .enums
                .iter()
                .filter(|e| {
                    e.namespace == ns.name && options.generates(&e.namespace, &e.qualified())
                })
                .map(|e| {
                    let qualified = e.qualified();
                    enums::emit(
                        e,
                        &options.attributes_for(&e.namespace, &qualified),
                        cx.item_cfg(&qualified),
                    )
                }),
        );
        files.push(FileTokens {
            path: format!("{}.rs", ns.module),
            items,
        });
        let module = format_ident!("{}", ns.module);
        let path = format!("{}.rs", ns.module);
        let doc = docs::attrs(&format!("Types and enums of the `{}` namespace.", ns.name));
        modules.push(quote! {
            #doc
            #allow
            pub mod #module { include!(#path); }
        });
    }
    let handler_items = handlers::emit(&cx);
    let has_handlers = !handler_items.is_empty();
    if has_handlers {
        files.push(FileTokens {
            path: "handlers.rs".to_string(),
            items: handler_items,
        });
        let doc = docs::attrs("Async handler traits, one per resource collection, with a typed request and response per operation.");
        modules.push(quote! {
            #doc
            #allow
            pub mod handlers { include!("handlers.rs"); }
        });
        if options.server {
            files.push(FileTokens {
                path: "server.rs".to_string(),
                items: server::emit(&cx),
            });
            let doc = docs::attrs("axum routers serving the handler traits (feature `server`).");
            modules.push(quote! {
                #doc
                #[cfg(feature = "server")]
                #allow
                pub mod server { include!("server.rs"); }
            });
        }
        if options.mock {
            files.push(FileTokens {
                path: "mock.rs".to_string(),
                items: mock::emit(&cx),
            });
            let doc = docs::attrs(
                "The handler traits answered from the docs' own response examples (feature `mock`).",
            );
            modules.push(quote! {
                #doc
                #[cfg(feature = "mock")]
                #allow
                pub mod mock { include!("mock.rs"); }
            });
        }
    }
    let reserialize = reserialize(&cx);
    modules.push(quote! { #allow #reserialize });
    files.push(FileTokens {
        path: ENTRY_FILE.to_string(),
        items: modules,
    });
    files
}

/// A function that reads JSON as the type a documented name stands for and
/// writes it back: the docs' examples are checked through it, and servers can
/// use it to validate a payload whose type is known only by name.
fn reserialize(cx: &Context) -> TokenStream {
    let arms = cx
        .schema
        .types
        .iter()
        .map(|t| (t.qualified(), &t.namespace, &t.rust_name))
        .chain(
            cx.schema
                .enums
                .iter()
                .map(|e| (e.qualified(), &e.namespace, &e.rust_name)),
        )
        .filter(|(qualified, ns, _)| cx.options.generates(ns, qualified))
        .map(|(qualified, ns, rust)| {
            let path = cx.item_path(ns, rust, None);
            let cfg = cx.item_cfg(&qualified);
            quote! { #cfg #qualified => ::mdbind_runtime::reserialize::<#path>, }
        });
    let doc = docs::raw_attrs(
        "Reads `value` as the generated type documented as `type_name` (qualified, e.g. \
         `microsoft.graph.user`), or as a [`mdbind_runtime::Page`] of them when `collection`, \
         and writes it back as JSON.\n\nReturns `None` when no generated type has that name.",
    );
    quote! {
        #doc
        pub fn reserialize(
            type_name: &str,
            collection: bool,
            value: ::serde_json::Value,
        ) -> Option<Result<::serde_json::Value, ::serde_json::Error>> {
            // The match only picks a function: with thousands of types, a match
            // that also ran each one would need a stack frame too big for a thread.
            let run: fn(
                ::serde_json::Value,
                bool,
            ) -> Result<::serde_json::Value, ::serde_json::Error> = match type_name {
                #(#arms)*
                _ => return None,
            };
            Some(run(value, collection))
        }
    }
}
