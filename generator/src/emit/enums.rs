//! Forward-compatible enums: one variant per documented member, and `Other`
//! for values the docs never listed, so any value read is written back as it
//! was. `#[non_exhaustive]`, so a member the docs add later breaks no `match`.

use proc_macro2::TokenStream;

use super::code::{self, Code};
use crate::schema::EnumDef;

/// `extra`: the user's attributes; `cfg`: the feature gate, if any.
pub fn emit(def: &EnumDef, extra: &[TokenStream], cfg: Option<&str>) -> String {
    let mut out = Code::new();
    let name = &def.rust_name;
    let mut text = format!("Values of `{}`", def.qualified());
    if def.inline {
        text.push_str(", listed in the property's description");
    }
    text.push_str(&format!(". Documented in `{}`.", def.source.file));
    let wire: Vec<String> = def.members.iter().map(|m| code::string(&m.name)).collect();
    let attrs = |out: &mut Code| {
        if let Some(cfg) = cfg {
            out.line(cfg);
        }
    };

    out.doc(&text);
    out.line("#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    out.line("#[non_exhaustive]");
    for extra in extra {
        out.tokens(extra);
    }
    attrs(&mut out);
    out.open(&["pub enum ", name, " {"].concat());
    for m in &def.members {
        let text = match &m.description {
            Some(d) => ["`", m.name.as_str(), "`: ", d.as_str()].concat(),
            None => ["`", m.name.as_str(), "`"].concat(),
        };
        out.doc(&text);
        out.line(&[m.rust_name.as_str(), ","].concat());
    }
    out.line("/// A value the docs do not list, kept as sent.");
    out.line("Other(String),");
    out.close("}");

    out.blank();
    attrs(&mut out);
    out.open(&["impl ", name, " {"].concat());
    out.line("/// The value as sent on the wire.");
    out.open("pub fn as_str(&self) -> &str {");
    out.open("match self {");
    for (m, wire) in def.members.iter().zip(&wire) {
        let variant = ["Self::", m.rust_name.as_str()].concat();
        arm(&mut out, &variant, wire);
    }
    out.line("Self::Other(value) => value,");
    out.close("}");
    out.close("}");
    out.close("}");

    out.blank();
    attrs(&mut out);
    out.open(&["impl From<String> for ", name, " {"].concat());
    out.open("fn from(value: String) -> Self {");
    out.open("match value.as_str() {");
    for (m, wire) in def.members.iter().zip(&wire) {
        arm(&mut out, wire, &["Self::", m.rust_name.as_str()].concat());
    }
    out.line("_ => Self::Other(value),");
    out.close("}");
    out.close("}");
    out.close("}");

    out.blank();
    attrs(&mut out);
    out.open(&["impl From<&str> for ", name, " {"].concat());
    out.open("fn from(value: &str) -> Self {");
    out.line("Self::from(value.to_owned())");
    out.close("}");
    out.close("}");

    // `AsRef<str>`, not `From<Enum> for String`: a thousand impls for
    // the one type `String` make rustc's coherence check quadratic.
    out.blank();
    attrs(&mut out);
    out.open(&["impl AsRef<str> for ", name, " {"].concat());
    out.open("fn as_ref(&self) -> &str {");
    out.line("self.as_str()");
    out.close("}");
    out.close("}");

    // On the wire: the member's string (`as_str`, `From<String>`).
    out.blank();
    attrs(&mut out);
    super::structs::macro_call(&mut out, "::mdbind_runtime::string_enum_serde!", name);
    out.finish()
}

/// A match arm `pattern => value,`; prettyplease blocks a value that does not fit.
fn arm(out: &mut Code, pattern: &str, value: &str) {
    out.item_or(
        &[pattern, " => ", value, ","].concat(),
        &[(0, &[pattern, " => {"].concat()), (1, value), (0, "}")],
    );
}
