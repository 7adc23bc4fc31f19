//! One serde struct per documented type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::context::{field_ident, Context};
use super::docs;
use crate::schema::TypeDef;

pub fn emit(cx: &Context, def: &TypeDef) -> TokenStream {
    let module = cx
        .schema
        .namespaces
        .iter()
        .find(|n| n.name == def.namespace)
        .map(|n| n.module.as_str());
    let name = format_ident!("{}", def.rust_name);
    let doc = docs::attrs(&type_doc(def));
    let properties = cx.fields(def);
    let fields = properties.iter().map(|p| {
        let ident = field_ident(&p.rust_name);
        let mut ty = cx.value_type(&p.typ, module);
        if cx.index.enum_def(&p.typ).is_some_and(|e| e.flags) && !p.collection {
            // A flags enum's value is a set of members: "a,b" on the wire.
            ty = quote! { ::mdbind_runtime::Flags<#ty> };
        } else if p.collection {
            ty = quote! { Vec<#ty> };
        } else if cx.is_boxed(def, p) {
            ty = quote! { Box<#ty> };
        }
        let mut text = p
            .description
            .clone()
            .unwrap_or_else(|| format!("`{}`", p.name));
        if p.navigation {
            text.push_str("\n\nRelationship (navigation property).");
        }
        let doc = docs::attrs(&text);
        quote! {
            #doc
            pub #ident: Option<Option<#ty>>,
        }
    });
    // Each member named once to read it and once to write it; the serde
    // plumbing is mdbind_runtime's, shared by every struct (see its `object`
    // module for why this is not `#[derive(Serialize, Deserialize)]`).
    let idents: Vec<_> = properties.iter().map(|p| field_ident(&p.rust_name)).collect();
    let wire: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
    let extra = cx.options.attributes_for(&def.namespace, &def.qualified());
    let cfg = cx.item_cfg(&def.qualified());
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Default, PartialEq)]
        #(#extra)*
        pub struct #name {
            #(#fields)*
            /// Members the docs do not list, kept so that a round trip loses nothing.
            pub additional_properties: ::mdbind_runtime::AdditionalProperties,
        }

        #cfg
        impl ::mdbind_runtime::Object for #name {
            fn read(object: &mut ::mdbind_runtime::ObjectReader) -> Self {
                Self {
                    #(#idents: object.member(#wire),)*
                    additional_properties: object.rest(),
                }
            }

            fn write<'a>(&'a self, object: &mut ::mdbind_runtime::ObjectWriter<'a>) {
                #(object.member(#wire, &self.#idents);)*
                object.rest(&self.additional_properties);
            }
        }

        #cfg
        ::mdbind_runtime::object_serde!(#name);
    }
}

fn type_doc(def: &TypeDef) -> String {
    let mut text = def
        .description
        .clone()
        .unwrap_or_else(|| format!("`{}`", def.name));
    text.push_str(&format!("\n\nOData type `{}`", def.qualified()));
    if let Some(base) = &def.base {
        text.push_str(&format!(", derived from `{base}`"));
    }
    text.push('.');
    let files: Vec<String> = def
        .sources
        .iter()
        .map(|s| format!("`{}`", s.file))
        .collect();
    if def.inferred {
        text.push_str(&format!(
            " Documented nowhere: fields inferred from the example in {}.",
            files.join(", ")
        ));
    } else {
        text.push_str(&format!(" Documented in {}.", files.join(", ")));
    }
    text
}
