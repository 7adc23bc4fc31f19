//! Emit: the schema → formatted Rust files. Model types and enums (most of
//! the output) are written as formatted text (`code`); the rest is built as
//! tokens with quote and formatted with prettyplease. Both print the same.
//!
//! Reads only [`crate::schema::Schema`]; names come from the schema (see
//! `schema::names`), so this stage decides how code looks, never what it is called.
//!
//! Files: `mdbind.rs` (the entry to `include!`), one file per namespace
//! module, `handlers.rs` (handler traits with their request and response types),
//! and on request `server.rs` (axum routers) and `mock.rs` (answers from the examples).

mod code;
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

use rayon::prelude::*;

use crate::schema::{EnumDef, Operation, Schema, TypeDef};
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

/// [`emit`] with the user's [`Options`]: every piece of every file emitted and
/// formatted in parallel, then joined in order (the same bytes as
/// `format_all(emit_tokens(..))`, whatever the thread count).
pub fn emit_with(schema: &Schema, options: &Options) -> Vec<GeneratedFile> {
    let cx = Context::new(schema, options);
    let traits = handlers::traits(&cx);
    let plan = plan(&cx, &traits);
    let mut pieces: Vec<Vec<&Piece>> = plan.paths.iter().map(|_| Vec::new()).collect();
    for piece in &plan.pieces {
        pieces[piece.file].push(piece);
    }
    // Every piece of every file in parallel, and each file joined as soon
    // as its own pieces are made, while the other threads make the other
    // files' (joining is mostly fresh memory written: the largest file
    // alone takes about as long as all the others together).
    let mut out: Vec<GeneratedFile> = plan
        .paths
        .into_par_iter()
        .zip(pieces)
        .map(|(path, pieces)| {
            let items: Vec<Vec<String>> = pieces
                .par_iter()
                .map(|piece| (piece.emit)(&cx).format())
                .collect();
            join_file(path, items.into_iter().flatten().collect())
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The files from their pieces' formatted items (each file's in order), in
/// path order.
fn join(paths: Vec<String>, pieces: Vec<(usize, Vec<String>)>) -> Vec<GeneratedFile> {
    let mut items: Vec<Vec<String>> = vec![Vec::new(); paths.len()];
    for (index, piece) in pieces {
        items[index].extend(piece);
    }
    let mut out: Vec<GeneratedFile> = paths
        .into_par_iter()
        .zip(items)
        .map(|(path, items)| join_file(path, items))
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// One file from its formatted items, in order. Written once into a buffer
/// of its final size, each item freed as it goes in: the output is tens of
/// megabytes, and growing or copying it would double the peak. Items go
/// straight into it, not into a text per piece first: that copy of the
/// whole output cost as much as this one.
fn join_file(path: String, items: Vec<String>) -> GeneratedFile {
    let size = file::HEADER.len() + items.iter().map(|i| i.len() + 1).sum::<usize>();
    let mut contents = String::with_capacity(size);
    contents.push_str(file::HEADER);
    let mut first = true;
    for item in items.into_iter().filter(|i| !i.is_empty()) {
        if !std::mem::replace(&mut first, false) {
            // The blank line `format` puts between any two top-level items.
            contents.push('\n');
        }
        contents.push_str(&item);
    }
    GeneratedFile { path, contents }
}

/// What a piece of a file emits: tokens for prettyplease, or items written
/// as text that is already formatted (see `code`), each complete; the file
/// puts a blank line between any two (an empty one is left out).
pub enum Part {
    Tokens(Vec<TokenStream>),
    Text(Vec<String>),
}

impl Part {
    /// The piece's formatted items.
    pub fn format(self) -> Vec<String> {
        match self {
            Part::Tokens(items) => vec![file::format_items(items)],
            Part::Text(items) => items,
        }
    }
}

/// Items written as text.
fn text_part(items: impl IntoIterator<Item = String>) -> Part {
    Part::Text(items.into_iter().collect())
}

/// One output file before formatting: its path and its items.
pub struct FileTokens {
    pub path: String,
    pub items: Vec<TokenStream>,
}

/// Formats every file whole with prettyplease, in path order.
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

/// The tokens of every file for `schema`, on this thread, text pieces read
/// back into tokens: `format_all` of this is the reference `emit_with` must
/// equal byte for byte (prettyplease formatting every file whole).
pub fn emit_tokens(schema: &Schema, options: &Options) -> Vec<FileTokens> {
    let cx = Context::new(schema, options);
    let traits = handlers::traits(&cx);
    let plan = plan(&cx, &traits);
    let mut files: Vec<FileTokens> = plan
        .paths
        .into_iter()
        .map(|path| FileTokens {
            path,
            items: Vec::new(),
        })
        .collect();
    for piece in &plan.pieces {
        let items = &mut files[piece.file].items;
        match (piece.emit)(&cx) {
            Part::Tokens(tokens) => items.extend(tokens),
            Part::Text(text) => items.push(text.join("\n").parse().unwrap_or_else(|e| {
                let message = format!("mdbind wrote invalid Rust (a bug): {e}");
                quote! { compile_error!(#message); }
            })),
        }
    }
    files
}

/// Every file's pieces as emitted, on this thread, not yet formatted (the
/// benchmark times emitting and formatting apart).
pub fn emit_parts(schema: &Schema, options: &Options) -> Vec<(String, Vec<Part>)> {
    let cx = Context::new(schema, options);
    let traits = handlers::traits(&cx);
    let plan = plan(&cx, &traits);
    let mut files: Vec<(String, Vec<Part>)> =
        plan.paths.into_iter().map(|p| (p, Vec::new())).collect();
    for piece in &plan.pieces {
        files[piece.file].1.push((piece.emit)(&cx));
    }
    files
}

/// Formats [`emit_parts`]'s pieces, on this thread: the same files as [`emit_with`].
pub fn format_parts(files: Vec<(String, Vec<Part>)>) -> Vec<GeneratedFile> {
    let mut paths = Vec::new();
    let mut pieces = Vec::new();
    for (index, (path, parts)) in files.into_iter().enumerate() {
        paths.push(path);
        pieces.extend(parts.into_iter().map(|part| (index, part.format())));
    }
    join(paths, pieces)
}

/// Items per piece: small enough to spread over threads, large enough that
/// a piece is not mostly overhead.
const PIECE_ITEMS: usize = 64;
const PIECE_TRAITS: usize = 16;

/// Part of one output file, emitted and formatted on whichever thread takes
/// it (proc-macro2 tokens cannot cross threads; the text can).
struct Piece<'a> {
    file: usize,
    emit: Box<EmitPiece<'a>>,
}

type EmitPiece<'a> = dyn Fn(&Context) -> Part + Send + Sync + 'a;

/// Every output file and the pieces they are made of, in order.
struct Plan<'a> {
    paths: Vec<String>,
    pieces: Vec<Piece<'a>>,
}

impl<'a> Plan<'a> {
    fn file(&mut self, path: String) -> usize {
        self.paths.push(path);
        self.paths.len() - 1
    }

    fn piece(&mut self, file: usize, emit: impl Fn(&Context) -> Part + Send + Sync + 'a) {
        self.pieces.push(Piece {
            file,
            emit: Box::new(emit),
        });
    }
}

/// Emits the items for some handler traits, formatted.
type TraitItems = for<'x> fn(&Context, &Traits<'x>) -> Vec<String>;

impl<'a> Plan<'a> {
    /// A file made of a head, per-trait items in pieces, and a tail over all traits.
    fn trait_file(
        &mut self,
        path: &str,
        traits: &'a Traits<'a>,
        head: fn() -> Vec<TokenStream>,
        items: TraitItems,
        tail: TraitItems,
    ) {
        let file = self.file(path.to_string());
        self.piece(file, move |_| Part::Tokens(head()));
        for chunk in traits.chunks(PIECE_TRAITS) {
            self.piece(file, move |cx| text_part(items(cx, chunk)));
        }
        self.piece(file, move |cx| text_part(tail(cx, traits)));
    }
}

/// A type or an enum: what a namespace file is made of.
#[derive(Clone, Copy)]
enum Item<'a> {
    Type(&'a TypeDef),
    Enum(&'a EnumDef),
}

/// Operations by handler trait (see [`handlers::traits`]).
type Traits<'a> = [(&'a str, Vec<&'a Operation>)];

fn plan<'a>(cx: &Context<'a>, traits: &'a Traits<'a>) -> Plan<'a> {
    let schema = cx.schema;
    let options = cx.options;
    let mut plan = Plan {
        paths: Vec::new(),
        pieces: Vec::new(),
    };
    let mut modules: Vec<Module> = Vec::new();
    for ns in schema
        .namespaces
        .iter()
        .filter(|n| options.includes_namespace(&n.name))
    {
        let file = plan.file(format!("{}.rs", ns.module));
        let items: Vec<Item<'a>> = schema
            .types
            .iter()
            .filter(|t| t.namespace == ns.name && options.generates(&t.namespace, &t.qualified()))
            .map(Item::Type)
            .chain(
                schema
                    .enums
                    .iter()
                    .filter(|e| {
                        e.namespace == ns.name && options.generates(&e.namespace, &e.qualified())
                    })
                    .map(Item::Enum),
            )
            .collect();
        for chunk in items.chunks(PIECE_ITEMS) {
            let chunk = chunk.to_vec();
            plan.piece(file, move |cx| {
                text_part(chunk.iter().map(|item| emit_item(cx, *item)))
            });
        }
        modules.push(Module {
            name: ns.module.clone(),
            doc: format!("Types and enums of the `{}` namespace.", ns.name),
            feature: None,
        });
    }
    if !traits.is_empty() {
        let file = plan.file("handlers.rs".to_string());
        for chunk in traits.chunks(PIECE_TRAITS) {
            plan.piece(file, move |cx| text_part(handlers::trait_items(cx, chunk)));
        }
        modules.push(Module {
            name: "handlers".into(),
            doc: "Async handler traits, one per resource collection, with a typed request and response per operation.".into(),
            feature: None,
        });
        if options.server {
            plan.trait_file(
                "server.rs",
                traits,
                server::head,
                server::trait_items,
                server::tail,
            );
            modules.push(Module {
                name: "server".into(),
                doc: "axum routers serving the handler traits (feature `server`).".into(),
                feature: Some("server"),
            });
        }
        if options.mock {
            plan.trait_file("mock.rs", traits, mock::head, mock::trait_items, mock::tail);
            modules.push(Module {
                name: "mock".into(),
                doc: "The handler traits answered from the docs' own response examples (feature `mock`).".into(),
                feature: Some("mock"),
            });
        }
    }
    let file = plan.file(ENTRY_FILE.to_string());
    plan.piece(file, move |cx| Part::Tokens(entry(cx, &modules)));
    plan.piece(file, |cx| {
        Part::Text(vec![reserialize(cx, cx.options.features.is_some())])
    });
    plan
}

/// A module the entry file declares, `include!`-ing its file.
struct Module {
    name: String,
    doc: String,
    /// The cargo feature it is compiled with, if not always.
    feature: Option<&'static str>,
}

/// The entry file's modules (`reserialize` follows them, written as text).
fn entry(cx: &Context, modules: &[Module]) -> Vec<TokenStream> {
    // Features gate items; a crate including the output declares only the
    // features it wants, and the others must not warn.
    let allow = if cx.options.features.is_some() {
        quote! { #[allow(unexpected_cfgs)] }
    } else {
        quote! {}
    };
    let items: Vec<TokenStream> = modules
        .iter()
        .map(|m| {
            let doc = docs::attrs(&m.doc);
            let ident = format_ident!("{}", m.name);
            let path = format!("{}.rs", m.name);
            let cfg = m.feature.map(|f| quote! { #[cfg(feature = #f)] });
            quote! {
                #doc
                #cfg
                #allow
                pub mod #ident { include!(#path); }
            }
        })
        .collect();
    items
}

fn emit_item(cx: &Context, item: Item) -> String {
    match item {
        Item::Type(t) => structs::emit(cx, t),
        Item::Enum(e) => {
            let qualified = e.qualified();
            enums::emit(
                e,
                &cx.options.attributes_for(&e.namespace, &qualified),
                cx.item_cfg_text(&qualified).as_deref(),
            )
        }
    }
}

/// A function that reads JSON as the type a documented name stands for and
/// writes it back: the docs' examples are checked through it, and servers can
/// use it to validate a payload whose type is known only by name.
/// `reserialize`, a match arm per generated type, written as text: as
/// tokens through prettyplease it was one piece taking a sixth of emitting.
fn reserialize(cx: &Context, allow: bool) -> String {
    let mut out = code::Code::new();
    if allow {
        out.line("#[allow(unexpected_cfgs)]");
    }
    out.raw_doc(
        "Reads `value` as the generated type documented as `type_name` (qualified, e.g. \
         `microsoft.graph.user`), or as a [`mdbind_runtime::Page`] of them when `collection`, \
         and writes it back as JSON.\n\nReturns `None` when no generated type has that name.",
    );
    out.open("pub fn reserialize(");
    out.line("type_name: &str,");
    out.line("collection: bool,");
    out.line("value: ::serde_json::Value,");
    out.close(") -> Option<Result<::serde_json::Value, ::serde_json::Error>> {");
    out.indent();
    // The match only picks a function: with thousands of types, a match
    // that also ran each one would need a stack frame too big for a thread.
    out.open("let run: fn(");
    out.line("::serde_json::Value,");
    out.line("bool,");
    out.close(") -> Result<::serde_json::Value, ::serde_json::Error> = match type_name {");
    out.indent();
    let types = cx.schema.types.iter().map(|t| {
        // A base type reads as its `Any…` enum: an example's objects of
        // derived types are then read as those types.
        let rust = t
            .polymorphic
            .as_ref()
            .map_or(&t.rust_name, |p| &p.rust_name);
        (t.qualified(), &t.namespace, rust)
    });
    let enums = cx
        .schema
        .enums
        .iter()
        .map(|e| (e.qualified(), &e.namespace, &e.rust_name));
    for (qualified, ns, rust) in types.chain(enums) {
        if !cx.options.generates(ns, &qualified) {
            continue;
        }
        if let Some(cfg) = cx.item_cfg_text(&qualified) {
            out.line(&cfg);
        }
        let (path, exact) = cx.item_path(ns, rust, None).text();
        if !exact {
            out.inexact();
        }
        let pattern = code::string(&qualified);
        let value = ["::mdbind_runtime::reserialize::<", path.as_str(), ">"].concat();
        let flat = [pattern.as_str(), " => ", value.as_str(), ","].concat();
        if out.fits(0, flat.strip_suffix(',').unwrap_or(&flat)) {
            out.line(&flat);
        } else {
            // Too wide: prettyplease blocks the value, then breaks its
            // turbofish if it does not fit either.
            out.whole(&[pattern.as_str(), " => {"].concat());
            out.indent();
            out.generic("", &value, "", false);
            out.close("}");
        }
    }
    out.line("_ => return None,");
    out.close("};");
    out.line("Some(run(value, collection))");
    out.close("}");
    out.finish()
}
