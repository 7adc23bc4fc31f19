//! What the emitters look up: where each type lives, its Rust type, its
//! fields with inherited ones.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::Options;
use crate::schema::{names, Index, Property, Schema, TypeDef};

pub struct Context<'a> {
    pub schema: &'a Schema,
    pub options: &'a Options,
    /// Present when items are gated by features.
    pub features: Option<super::features::Features>,
    pub index: Index<'a>,
    modules: BTreeMap<&'a str, &'a str>,
    /// (type, property) pairs whose field is boxed to break a cycle.
    boxed: BTreeSet<(String, String)>,
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
            boxed: BTreeSet::new(),
        };
        cx.boxed = super::cycles::boxed_fields(&cx);
        cx
    }

    /// The `#[cfg]` of a type or enum (empty without features).
    pub fn item_cfg(&self, qualified: &str) -> TokenStream {
        self.features
            .as_ref()
            .map(|f| f.item_cfg(qualified))
            .unwrap_or_default()
    }

    /// A type's fields, inherited ones first.
    pub fn fields(&self, def: &'a TypeDef) -> Vec<&'a Property> {
        self.index.properties(def)
    }

    pub fn is_boxed(&self, owner: &TypeDef, property: &Property) -> bool {
        self.boxed
            .contains(&(owner.qualified(), property.name.clone()))
    }

    /// Path to a generated item of namespace `ns` from module `from`
    /// (`None`: from the entry file; `Some("handlers")`: a sibling module).
    pub fn item_path(&self, ns: &str, rust: &str, from: Option<&str>) -> TokenStream {
        let module = self.modules.get(ns).copied().unwrap_or("unknown");
        let ident = format_ident!("{}", rust);
        let module_ident = format_ident!("{}", module);
        match from {
            Some(current) if current == module => quote! { #ident },
            Some(_) => quote! { super::#module_ident::#ident },
            None => quote! { #module_ident::#ident },
        }
    }

    /// The Rust type of a property's value: the `Any…` enum where the schema
    /// has one for `typ` (an object of a type derived from it then reads as
    /// that type), else [`Self::value_type`].
    pub fn property_type(&self, typ: &str, from: Option<&str>) -> TokenStream {
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
    pub fn value_type(&self, typ: &str, from: Option<&str>) -> TokenStream {
        if let Some(path) = self.options.extern_path(typ) {
            return path;
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
                    return quote! { ::mdbind_runtime::time_types::DateTimeOffset }
                }
                "Edm.Date" => return quote! { ::mdbind_runtime::time_types::Date },
                "Edm.TimeOfDay" => return quote! { ::mdbind_runtime::time_types::TimeOfDay },
                _ => {}
            }
        }
        match typ {
            "Edm.String" => quote! { String },
            "Edm.Boolean" => quote! { bool },
            "Edm.Byte" => quote! { u8 },
            "Edm.SByte" => quote! { i8 },
            "Edm.Int16" => quote! { i16 },
            "Edm.Int32" => quote! { i32 },
            "Edm.Int64" => quote! { i64 },
            // Single too: examples give Single values more digits than an f32 keeps.
            "Edm.Single" => quote! { f64 },
            "Edm.Double" | "Edm.Decimal" => quote! { f64 },
            "Edm.DateTimeOffset" => quote! { ::mdbind_runtime::DateTimeOffset },
            "Edm.Date" => quote! { ::mdbind_runtime::Date },
            "Edm.TimeOfDay" => quote! { ::mdbind_runtime::TimeOfDay },
            "Edm.Duration" => quote! { ::mdbind_runtime::Duration },
            "Edm.Guid" => quote! { ::mdbind_runtime::Guid },
            "Edm.Binary" | "Edm.Stream" => quote! { ::mdbind_runtime::Binary },
            // Edm.Json, Edm.Untyped, and names the docs never define.
            _ => quote! { ::serde_json::Value },
        }
    }
}

/// A field or method identifier, raw when it is a keyword.
pub fn field_ident(name: &str) -> Ident {
    if names::is_keyword(name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}
