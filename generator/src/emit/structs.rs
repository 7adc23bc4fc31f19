//! One struct per documented type, written as text (see `code`).

use super::code::{self, Code};
use super::context::{field_name, Context};
use crate::schema::TypeDef;

pub fn emit(cx: &Context, def: &TypeDef) -> String {
    let mut out = Code::new();
    let module = cx
        .schema
        .namespaces
        .iter()
        .find(|n| n.name == def.namespace)
        .map(|n| n.module.as_str());
    let name = &def.rust_name;
    let qualified = def.qualified();
    let cfg = cx.item_cfg_text(&qualified);
    let cfg = cfg.as_deref();
    let properties = cx.fields(def);
    let fields: Vec<String> = properties
        .iter()
        .map(|p| field_name(&p.rust_name))
        .collect();
    let wire: Vec<String> = properties.iter().map(|p| code::string(&p.name)).collect();

    out.doc(&type_doc(def));
    attrs(&mut out, cfg);
    // `Default`, `Clone`, `PartialEq` and `Debug` come from `object_traits!`
    // below.
    for extra in cx.options.attributes_for(&def.namespace, &qualified) {
        out.tokens(&extra);
    }
    out.open_whole(&["pub struct ", name, " {"].concat());
    for (p, field) in properties.iter().zip(&fields) {
        let (mut ty, exact) = cx.property_type(&p.typ, module).text();
        if !exact {
            out.inexact();
        }
        if cx.index.enum_def(&p.typ).is_some_and(|e| e.flags) && !p.collection {
            // A flags enum's value is a set of members: "a,b" on the wire.
            ty = ["::mdbind_runtime::Flags<", ty.as_str(), ">"].concat();
        } else if p.collection {
            ty = ["Vec<", ty.as_str(), ">"].concat();
        } else if cx.is_boxed(def, p) {
            ty = ["Box<", ty.as_str(), ">"].concat();
        }
        let described = match &p.description {
            Some(text) => std::borrow::Cow::Borrowed(text.as_str()),
            None => ["`", p.name.as_str(), "`"].concat().into(),
        };
        if p.navigation {
            out.doc(&[&described, "\n\nRelationship (navigation property)."].concat());
        } else {
            out.doc(&described);
        }
        out.generic(
            &["pub ", field, ": "].concat(),
            &["Option<Option<", ty.as_str(), ">>"].concat(),
            ",",
            false,
        );
    }
    out.line("/// Members the docs do not list, kept so that a round trip loses nothing.");
    out.line("pub additional_properties: ::mdbind_runtime::AdditionalProperties,");
    out.close("}");

    // Each member named once to read it and once to write it; the serde
    // plumbing is mdbind_runtime's, shared by every struct (see its `object`
    // module for why this is not `#[derive(Serialize, Deserialize)]`).
    out.blank();
    attrs(&mut out, cfg);
    out.impl_block("::mdbind_runtime::Object", name);
    out.open("fn read(object: &mut ::mdbind_runtime::ObjectReader<'_>) -> Self {");
    // A struct literal this long is always broken, one field per line.
    out.open("Self {");
    for (field, wire) in fields.iter().zip(&wire) {
        out.field_call(field, "object", &[".member(", wire, ")"].concat());
    }
    out.line("additional_properties: object.rest(),");
    out.close("}");
    out.close("}");
    out.open("fn write<'a>(&'a self, object: &mut ::mdbind_runtime::ObjectWriter<'a>) {");
    for (field, wire) in fields.iter().zip(&wire) {
        let call = [".member(", wire, ", &self.", field, ");"].concat();
        if out.fits_parts(0, &["object", &call]) {
            out.line_parts(&["object", &call]);
        } else if out.fits(1, &call) {
            out.lines(&[(0, "object"), (1, &call)]);
        } else {
            out.lines(&[(0, "object"), (1, ".member("), (2, &[wire, ","].concat())]);
            out.indent();
            out.indent();
            out.last_field_access(field);
            out.outdent();
            out.outdent();
            out.lines(&[(1, ");")]);
        }
    }
    out.line("object.rest(&self.additional_properties);");
    out.close("}");
    out.close("}");

    out.blank();
    attrs(&mut out, cfg);
    macro_call(&mut out, "::mdbind_runtime::object_serde!", name);
    // `Default` as an empty object, `Clone` and `PartialEq` through the
    // members `write` lists, `Debug` showing the ones present as JSON: no
    // per-struct code (see the macro).
    out.blank();
    attrs(&mut out, cfg);
    macro_call(&mut out, "::mdbind_runtime::object_traits!", name);

    polymorphic(&mut out, cx, def, module);
    out.finish()
}

/// `{mac}({name});` at the top level.
pub(super) fn macro_call(out: &mut Code, mac: &str, name: &str) {
    out.line_or(
        &[mac, "(", name, ");"].concat(),
        &[(0, &[mac, "("].concat()), (1, name), (0, ");")],
    );
}

/// The item's `#[cfg]`, if gated.
fn attrs(out: &mut Code, cfg: Option<&str>) {
    if let Some(cfg) = cfg {
        out.line(cfg);
    }
}

/// `Any{Type}`: the type or any type derived from it, picked by the
/// payload's `@odata.type`; anything else reads as the type itself.
fn polymorphic(out: &mut Code, cx: &Context, def: &TypeDef, module: Option<&str>) {
    let Some(poly) = &def.polymorphic else {
        return;
    };
    let name = &poly.rust_name;
    let base = &poly.variants[0];
    let base_variant = &base.rust_name;
    let base_type = &def.rust_name;
    // Derived types the output has (a namespace left out or an extern type is not).
    let derived: Vec<_> = poly.variants[1..]
        .iter()
        .filter_map(|v| {
            let t = cx.index.type_def(&v.typ)?;
            cx.options.generates(&t.namespace, &v.typ).then(|| {
                let (ty, exact) = cx.value_type(&v.typ, module).text();
                (v, ty, exact, cx.item_cfg_text(&v.typ))
            })
        })
        .collect();
    if derived.iter().any(|(_, _, exact, _)| !exact) {
        out.inexact();
    }
    let cfg = cx.item_cfg_text(&def.qualified());
    let cfg = cfg.as_deref();
    out.blank();
    // Our own text around names (which hold no backticks): markdown kept, so
    // the link to the base struct resolves.
    out.raw_doc(&format!(
        "A `{}` or a type derived from it: the payload's `@odata.type` picks the \
         variant (ASCII case ignored). An object without one, or naming another \
         type, reads as [`{}`] and keeps every member; `@odata.type` is written back as read.",
        def.name, def.rust_name
    ));
    attrs(out, cfg);
    out.line("#[derive(Debug, Clone, PartialEq)]");
    out.open(&["pub enum ", name, " {"].concat());
    out.doc(&format!(
        "`{}` itself, or a type not derived from it.",
        base.typ
    ));
    out.call(base_variant, &["Box<", base_type, ">"].concat(), ",");
    for (v, ty, _, cfg) in &derived {
        out.doc(&format!("`{}`", v.typ));
        attrs(out, cfg.as_deref());
        out.call(&v.rust_name, &["Box<", ty, ">"].concat(), ",");
    }
    out.close("}");

    // Each variant reads and writes itself through the runtime, which the
    // variant's type picks: one short arm per type.
    out.blank();
    attrs(out, cfg);
    out.impl_block("::mdbind_runtime::Object", name);
    out.open("fn read(object: &mut ::mdbind_runtime::ObjectReader<'_>) -> Self {");
    let base_self = ["Self::", base_variant].concat();
    if derived.is_empty() {
        out.call(&base_self, "object.variant()", "");
    } else {
        let names: Vec<String> = derived.iter().map(|(v, ..)| v.typ.clone()).collect();
        code::strings(out, "const DERIVED: &[&str] = ", &names, ";", false);
        out.open("match object.odata_type(DERIVED) {");
        for (i, (v, _, _, cfg)) in derived.iter().enumerate() {
            attrs(out, cfg.as_deref());
            out.arm_call(
                &format!("Some({i})"),
                &format!("Self::{}", v.rust_name),
                "object.variant()",
            );
        }
        out.arm_call("_", &base_self, "object.variant()");
        out.close("}");
    }
    out.close("}");
    out.open("fn write<'a>(&'a self, object: &mut ::mdbind_runtime::ObjectWriter<'a>) {");
    out.open("match self {");
    for (variant, cfg) in std::iter::once((base_variant, None)).chain(
        derived
            .iter()
            .map(|(v, _, _, cfg)| (&v.rust_name, cfg.as_deref())),
    ) {
        attrs(out, cfg);
        out.arm_call(
            &["Self::", variant, "(value)"].concat(),
            "object.variant",
            "value",
        );
    }
    out.close("}");
    out.close("}");
    out.close("}");

    out.blank();
    attrs(out, cfg);
    macro_call(out, "::mdbind_runtime::object_serde!", name);
}

fn type_doc(def: &TypeDef) -> String {
    let mut text = def
        .description
        .clone()
        .unwrap_or_else(|| ["`", def.name.as_str(), "`"].concat());
    text.push_str("\n\nOData type `");
    text.push_str(&def.qualified());
    text.push('`');
    if let Some(base) = &def.base {
        text.push_str(&[", derived from `", base, "`"].concat());
    }
    text.push('.');
    // A page documents a type in several places (table, JSON block, …): name it once.
    let mut files: Vec<String> = Vec::new();
    for source in &def.sources {
        let file = ["`", &source.file, "`"].concat();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    text.push_str(if def.inferred {
        " Documented nowhere: fields inferred from the example in "
    } else {
        " Documented in "
    });
    text.push_str(&files.join(", "));
    text.push('.');
    text
}
