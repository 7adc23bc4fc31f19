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
        let mut ty = cx.property_type(&p.typ, module);
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
    let idents: Vec<_> = properties
        .iter()
        .map(|p| field_ident(&p.rust_name))
        .collect();
    let wire: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
    let extra = cx.options.attributes_for(&def.namespace, &def.qualified());
    let cfg = cx.item_cfg(&def.qualified());
    let polymorphic = polymorphic(cx, def, module);
    quote! {
        #doc
        #cfg
        #[derive(Clone, Default, PartialEq)]
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

        // `Debug` lists the members present, as JSON (see the macro).
        #cfg
        ::mdbind_runtime::object_debug!(#name);

        #polymorphic
    }
}

/// `Any{Type}`: the type or any type derived from it, picked by the
/// payload's `@odata.type`; anything else reads as the type itself.
fn polymorphic(cx: &Context, def: &TypeDef, module: Option<&str>) -> TokenStream {
    let Some(poly) = &def.polymorphic else {
        return TokenStream::new();
    };
    let name = format_ident!("{}", poly.rust_name);
    let base = &poly.variants[0];
    let base_variant = format_ident!("{}", base.rust_name);
    let base_type = format_ident!("{}", def.rust_name);
    // Derived types the output has (a namespace left out or an extern type is not).
    let derived: Vec<_> = poly.variants[1..]
        .iter()
        .filter_map(|v| {
            let t = cx.index.type_def(&v.typ)?;
            cx.options
                .generates(&t.namespace, &v.typ)
                .then(|| (v, cx.value_type(&v.typ, module), cx.item_cfg(&v.typ)))
        })
        .collect();
    let names: Vec<&str> = derived.iter().map(|(v, _, _)| v.typ.as_str()).collect();
    let variants = derived.iter().map(|(v, ty, cfg)| {
        let ident = format_ident!("{}", v.rust_name);
        let doc = docs::attrs(&format!("`{}`", v.typ));
        quote! { #doc #cfg #ident(Box<#ty>), }
    });
    let reads = derived.iter().enumerate().map(|(i, (v, ty, cfg))| {
        let ident = format_ident!("{}", v.rust_name);
        let i = proc_macro2::Literal::usize_unsuffixed(i);
        quote! {
            #cfg
            Some(#i) => Self::#ident(Box::new(<#ty as ::mdbind_runtime::Object>::read(object))),
        }
    });
    let writes = derived.iter().map(|(v, _, cfg)| {
        let ident = format_ident!("{}", v.rust_name);
        quote! { #cfg Self::#ident(value) => ::mdbind_runtime::Object::write(&**value, object), }
    });
    // Our own text around names (which hold no backticks): markdown kept, so
    // the link to the base struct resolves.
    let doc = docs::raw_attrs(&format!(
        "A `{}` or a type derived from it: the payload's `@odata.type` picks the \
         variant (ASCII case ignored). An object without one, or naming another \
         type, reads as [`{}`] and keeps every member; `@odata.type` is written back as read.",
        def.name, def.rust_name
    ));
    let read_base = quote! { Self::#base_variant(Box::new(<#base_type as ::mdbind_runtime::Object>::read(object))) };
    let read = if derived.is_empty() {
        read_base
    } else {
        quote! {
            const DERIVED: &[&str] = &[#(#names),*];
            match object.odata_type(DERIVED) {
                #(#reads)*
                _ => #read_base,
            }
        }
    };
    let base_doc = docs::attrs(&format!(
        "`{}` itself, or a type not derived from it.",
        base.typ
    ));
    let cfg = cx.item_cfg(&def.qualified());
    quote! {
        #doc
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #base_doc
            #base_variant(Box<#base_type>),
            #(#variants)*
        }

        #cfg
        impl ::mdbind_runtime::Object for #name {
            fn read(object: &mut ::mdbind_runtime::ObjectReader) -> Self {
                #read
            }

            fn write<'a>(&'a self, object: &mut ::mdbind_runtime::ObjectWriter<'a>) {
                match self {
                    Self::#base_variant(value) => ::mdbind_runtime::Object::write(&**value, object),
                    #(#writes)*
                }
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
    // A page documents a type in several places (table, JSON block, …): name it once.
    let mut files: Vec<String> = Vec::new();
    for source in &def.sources {
        let file = format!("`{}`", source.file);
        if !files.contains(&file) {
            files.push(file);
        }
    }
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
