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
    let fields = cx.fields(def).into_iter().map(|p| {
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
        let json = &p.name;
        let rename = (p.rust_name != p.name).then(|| quote! { rename = #json, });
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
            #[serde(
                #rename default,
                skip_serializing_if = "Option::is_none",
                with = "::mdbind_runtime::double_option"
            )]
            pub #ident: Option<Option<#ty>>,
        }
    });
    let extra = cx.options.attributes_for(&def.namespace, &def.qualified());
    let cfg = cx.item_cfg(&def.qualified());
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #(#extra)*
        pub struct #name {
            #(#fields)*
            /// Members the docs do not list, kept so that a round trip loses nothing.
            #[serde(flatten)]
            pub additional_properties: ::mdbind_runtime::AdditionalProperties,
        }
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
