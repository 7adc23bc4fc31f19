//! What the emitters look up: where each type lives, its Rust type, its
//! fields with inherited ones.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Options;
use crate::schema::{names, Index, Operation, Property, Schema, TypeDef};

pub struct Context<'a> {
    pub schema: &'a Schema,
    pub options: &'a Options,
    /// Present when items are gated by features.
    pub features: Option<super::features::Features>,
    pub index: Index<'a>,
    modules: BTreeMap<&'a str, &'a str>,
    /// Fields boxed to break a cycle.
    boxed: super::cycles::BoxedFields<'a>,
}

impl<'a> Context<'a> {
    pub fn new(schema: &'a Schema, options: &'a Options) -> Self {
        let mut cx = Context {
            schema,
            options,
            features: options
                .features
                .map(|by| super::features::Features::compute(schema, by)),
            index: Index::new(schema),
            modules: schema
                .namespaces
                .iter()
                .map(|n| (n.name.as_str(), n.module.as_str()))
                .collect(),
            boxed: Default::default(),
        };
        cx.boxed = super::cycles::boxed_fields(&cx);
        cx
    }

    /// `#[cfg(…)]` for a type or enum, as text, if gated.
    pub fn item_cfg_text(&self, qualified: &str) -> Option<String> {
        self.features.as_ref()?.item_cfg_text(qualified)
    }

    /// `#[cfg(…)]` for an operation's items, as text, if gated.
    pub fn operation_cfg_text(&self, op: &Operation) -> Option<String> {
        self.features.as_ref()?.operation_cfg_text(op)
    }

    /// `#[cfg(…)]` for a handler trait (on when any of its operations is), as
    /// text, if gated.
    pub fn trait_cfg_text(&self, ops: &[&Operation]) -> Option<String> {
        self.features.as_ref()?.trait_cfg_text(ops.iter().copied())
    }

    /// [`Self::operation_cfg_text`] for an item inside one gated by
    /// `container` (a trait's method, a mount's line): none when the two say
    /// the same, so the code says it once.
    pub fn member_cfg_text(&self, op: &Operation, container: Option<&str>) -> Option<String> {
        self.operation_cfg_text(op)
            .filter(|own| Some(own.as_str()) != container)
    }

    /// A type's fields, inherited ones first.
    pub fn fields(&self, def: &'a TypeDef) -> Vec<&'a Property> {
        self.index.properties(def)
    }

    pub fn is_boxed(&self, owner: &TypeDef, property: &Property) -> bool {
        self.boxed.contains(&(
            owner.namespace.as_str(),
            owner.name.as_str(),
            property.name.as_str(),
        ))
    }

    /// Path to a generated item of namespace `ns` from module `from`
    /// (`None`: from the entry file; `Some("handlers")`: a sibling module).
    pub fn item_path(&self, ns: &str, rust: &'a str, from: Option<&str>) -> RustType<'a> {
        let module = self.modules.get(ns).copied().unwrap_or("unknown");
        let prefix = match from {
            Some(current) if current == module => return RustType::Item(None, rust),
            Some(_) => "super::",
            None => "",
        };
        RustType::Item(Some((prefix, module)), rust)
    }

    /// The Rust type of a property's value: the `Any…` enum where the schema
    /// has one for `typ` (an object of a type derived from it then reads as
    /// that type), else [`Self::value_type`].
    pub fn property_type(&self, typ: &str, from: Option<&str>) -> RustType<'a> {
        let poly = self
            .index
            .type_def(typ)
            .filter(|d| self.options.generates(&d.namespace, typ))
            .and_then(|d| Some((d, d.polymorphic.as_ref()?)));
        match poly {
            Some((def, poly)) => self.item_path(&def.namespace, &poly.rust_name, from),
            None => self.value_type(typ, from),
        }
    }

    /// The Rust type of one value of OData type `typ`, seen from module `from`.
    pub fn value_type(&self, typ: &str, from: Option<&str>) -> RustType<'a> {
        if let Some(path) = self.options.extern_types.get(typ) {
            return RustType::Extern(path);
        }
        let generated = |ns: &str| self.options.includes_namespace(ns);
        if let Some(def) = self.index.type_def(typ).filter(|d| generated(&d.namespace)) {
            return self.item_path(&def.namespace, &def.rust_name, from);
        }
        if let Some(def) = self.index.enum_def(typ).filter(|d| generated(&d.namespace)) {
            return self.item_path(&def.namespace, &def.rust_name, from);
        }
        if self.options.date_time == super::DateTimeCrate::Time {
            match typ {
                "Edm.DateTimeOffset" => {
                    return RustType::Path("::mdbind_runtime::time_types::DateTimeOffset")
                }
                "Edm.Date" => return RustType::Path("::mdbind_runtime::time_types::Date"),
                "Edm.TimeOfDay" => {
                    return RustType::Path("::mdbind_runtime::time_types::TimeOfDay")
                }
                _ => {}
            }
        }
        RustType::Path(match typ {
            "Edm.String" => "String",
            "Edm.Boolean" => "bool",
            "Edm.Byte" => "u8",
            "Edm.SByte" => "i8",
            "Edm.Int16" => "i16",
            "Edm.Int32" => "i32",
            "Edm.Int64" => "i64",
            // Single too: examples give Single values more digits than an f32 keeps.
            "Edm.Single" => "f64",
            "Edm.Double" | "Edm.Decimal" => "f64",
            "Edm.DateTimeOffset" => "::mdbind_runtime::DateTimeOffset",
            "Edm.Date" => "::mdbind_runtime::Date",
            "Edm.TimeOfDay" => "::mdbind_runtime::TimeOfDay",
            "Edm.Duration" => "::mdbind_runtime::Duration",
            "Edm.Guid" => "::mdbind_runtime::Guid",
            "Edm.Binary" | "Edm.Stream" => "::mdbind_runtime::Binary",
            // Edm.Json, Edm.Untyped, and names the docs never define.
            _ => "::serde_json::Value",
        })
    }
}

/// A Rust type the emitters name: tokens for `quote!`, text for the
/// text emitter (see `code`), from one place.
#[derive(Clone, Copy, Debug)]
pub enum RustType<'a> {
    /// A path as prettyplease prints it: `String`, `::mdbind_runtime::Guid`.
    Path(&'static str),
    /// A generated item: its name, after `super::module::` or `module::`
    /// when it lives in another module.
    Item(Option<(&'static str, &'a str)>, &'a str),
    /// The user's own type, written as the user wrote it (checked to parse
    /// by the builder).
    Extern(&'a str),
}

impl RustType<'_> {
    /// The type as text, and whether that text is exactly how prettyplease
    /// prints it (the user's spelling of an extern path may not be).
    pub fn text(&self) -> (String, bool) {
        match self {
            RustType::Path(path) => (path.to_string(), true),
            RustType::Item(None, name) => (name.to_string(), true),
            RustType::Item(Some((prefix, module)), name) => {
                ([prefix, module, "::", name].concat(), true)
            }
            RustType::Extern(path) => (path.to_string(), false),
        }
    }
}

impl quote::ToTokens for RustType<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            RustType::Path(path) => {
                // Only `::`-separated identifiers (see `value_type`).
                let leading = path.starts_with("::");
                for (i, segment) in path.trim_start_matches("::").split("::").enumerate() {
                    if leading || i > 0 {
                        tokens.extend(quote! { :: });
                    }
                    tokens.extend(std::iter::once(proc_macro2::TokenTree::Ident(
                        format_ident!("{}", segment),
                    )));
                }
            }
            RustType::Item(module, name) => {
                let ident = format_ident!("{}", name);
                match module {
                    None => tokens.extend(quote! { #ident }),
                    Some((prefix, module)) => {
                        let module = format_ident!("{}", module);
                        if prefix.is_empty() {
                            tokens.extend(quote! { #module::#ident })
                        } else {
                            tokens.extend(quote! { super::#module::#ident })
                        }
                    }
                }
            }
            // Checked to parse by the builder; an unparsable one (options
            // built by hand) names nothing rather than panicking.
            RustType::Extern(path) => {
                tokens.extend(path.parse::<TokenStream>().unwrap_or_default())
            }
        }
    }
}

/// [`field_ident`] as text.
pub fn field_name(name: &str) -> String {
    if names::is_keyword(name) {
        ["r#", name].concat()
    } else {
        name.to_string()
    }
}
