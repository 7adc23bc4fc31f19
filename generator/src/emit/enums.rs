//! Forward-compatible enums: one variant per documented member, and `Other`
//! for values the docs never listed, so any value read is written back as it
//! was. `#[non_exhaustive]`, so a member the docs add later breaks no `match`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::schema::EnumDef;

/// `extra`: the user's attributes; `cfg`: the feature gate, if any.
pub fn emit(def: &EnumDef, extra: &[TokenStream], cfg: TokenStream) -> TokenStream {
    let name = format_ident!("{}", def.rust_name);
    let mut text = format!("Values of `{}`", def.qualified());
    if def.inline {
        text.push_str(", listed in the property's description");
    }
    text.push_str(&format!(". Documented in `{}`.", def.source.file));
    let doc = docs::attrs(&text);
    let variants: Vec<_> = def
        .members
        .iter()
        .map(|m| format_ident!("{}", m.rust_name))
        .collect();
    let wire: Vec<&str> = def.members.iter().map(|m| m.name.as_str()).collect();
    let variant_docs = def.members.iter().map(|m| {
        let text = match &m.description {
            Some(d) => format!("`{}`: {d}", m.name),
            None => format!("`{}`", m.name),
        };
        docs::attrs(&text)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        #(#extra)*
        #cfg
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value the docs do not list, kept as sent.
            Other(String),
        }

        #cfg
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::Other(value) => value,
                }
            }
        }

        #cfg
        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#wire => Self::#variants,)*
                    _ => Self::Other(value),
                }
            }
        }

        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::from(value.to_owned())
            }
        }

        // `AsRef<str>`, not `From<Enum> for String`: a thousand impls for
        // the one type `String` make rustc's coherence check quadratic.
        #cfg
        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        // On the wire: the member's string (`as_str`, `From<String>`).
        #cfg
        ::mdbind_runtime::string_enum_serde!(#name);
    }
}
