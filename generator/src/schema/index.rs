//! Lookups over a built schema, by qualified name, for the stages that read it
//! (conformance checks, the emitter).

use rustc_hash::FxHashMap;

use super::model::{EnumDef, Property, Schema, TypeDef};

pub struct Index<'a> {
    /// Every type, in schema order.
    all_types: &'a [TypeDef],
    types: FxHashMap<String, &'a TypeDef>,
    enums: FxHashMap<String, &'a EnumDef>,
    /// Qualified base name → the types that name it as their base.
    children: FxHashMap<String, Vec<&'a TypeDef>>,
}

impl<'a> Index<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut children: FxHashMap<String, Vec<&TypeDef>> = FxHashMap::default();
        for t in &schema.types {
            if let Some(base) = &t.base {
                children.entry(base.clone()).or_default().push(t);
            }
        }
        Index {
            all_types: &schema.types,
            types: schema.types.iter().map(|t| (t.qualified(), t)).collect(),
            enums: schema.enums.iter().map(|e| (e.qualified(), e)).collect(),
            children,
        }
    }

    pub fn type_def(&self, qualified: &str) -> Option<&'a TypeDef> {
        self.types.get(qualified).copied()
    }

    pub fn enum_def(&self, qualified: &str) -> Option<&'a EnumDef> {
        self.enums.get(qualified).copied()
    }

    /// `#microsoft.graph.user` or `microsoft.graph.user` (ASCII case ignored when
    /// the exact spelling is unknown, as Graph does) → the type.
    pub fn odata_type(&self, text: &str) -> Option<&'a TypeDef> {
        let name = text.trim_start_matches('#');
        // Ignoring case two types can match (`mailFolder`, `mailfolder`): the
        // first in schema order answers, never whichever a hash map yields first.
        self.type_def(name).or_else(|| {
            let (namespace, local) = name.rsplit_once('.')?;
            self.all_types.iter().find(|t| {
                t.name.eq_ignore_ascii_case(local) && t.namespace.eq_ignore_ascii_case(namespace)
            })
        })
    }

    /// The base chain of `def`, `def` first, stopping at a cycle or an unknown base.
    pub fn chain(&self, def: &'a TypeDef) -> Vec<&'a TypeDef> {
        let mut chain = vec![def];
        while let Some(base) = chain
            .last()
            .and_then(|t| t.base.as_ref())
            .and_then(|b| self.type_def(b))
        {
            if chain.iter().any(|t| std::ptr::eq(*t, base)) {
                break;
            }
            chain.push(base);
        }
        chain
    }

    /// Every type that derives from `def`, directly or not, in schema order.
    pub fn descendants(&self, def: &TypeDef) -> Vec<&'a TypeDef> {
        let mut out: Vec<&TypeDef> = Vec::new();
        let mut stack = vec![def.qualified()];
        while let Some(name) = stack.pop() {
            for child in self.children.get(&name).into_iter().flatten() {
                if !out.iter().any(|t| std::ptr::eq(*t, *child)) {
                    out.push(child);
                    stack.push(child.qualified());
                }
            }
        }
        out
    }

    /// Whether `derived` is `base` or derives from it.
    pub fn derives_from(&self, derived: &'a TypeDef, base: &TypeDef) -> bool {
        self.chain(derived).iter().any(|t| std::ptr::eq(*t, base))
    }

    /// The property `name` of `def` or of a base: the one [`Self::properties`]
    /// lists, found without listing them all.
    pub fn property(&self, def: &'a TypeDef, name: &str) -> Option<&'a Property> {
        property_in(&self.chain(def), name)
    }

    /// A type's properties with its bases': inherited ones first (outermost
    /// base first), then its own; a property documented again appears once.
    pub fn properties(&self, def: &'a TypeDef) -> Vec<&'a Property> {
        let mut out: Vec<&Property> = Vec::new();
        let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
        for t in self.chain(def).iter().rev() {
            for p in &t.properties {
                if seen.insert(p.name.as_str()) {
                    out.push(p);
                }
            }
        }
        out
    }
}

/// The property `name` of the first type of `chain` (a type's [`Index::chain`])
/// that has one, outermost base first: the one `properties` keeps.
pub fn property_in<'a>(chain: &[&'a TypeDef], name: &str) -> Option<&'a Property> {
    chain
        .iter()
        .rev()
        .find_map(|t| t.properties.iter().find(|p| p.name == name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::Source;

    fn source(name: &str) -> Source {
        Source {
            file: format!("{name}.md"),
            line: 1,
        }
    }

    fn type_def(name: &str) -> TypeDef {
        TypeDef {
            name: name.to_string(),
            namespace: "ns".to_string(),
            base: None,
            description: None,
            inferred: false,
            open: false,
            properties: Vec::new(),
            source: Source {
                file: format!("{name}.md"),
                line: 1,
            },
            sources: Vec::new(),
            rust_name: String::new(),
            area: None,
            polymorphic: None,
        }
    }

    #[test]
    fn odata_type_ignoring_case_takes_the_first_in_schema_order() {
        let schema = Schema {
            types: ["mailFolder", "mailfolder", "other"]
                .map(type_def)
                .into_iter()
                .collect(),
            ..Schema::default()
        };
        let index = Index::new(&schema);
        let name = |t: Option<&TypeDef>| t.map(|t| t.name.clone());
        assert_eq!(
            name(index.odata_type("#ns.mailfolder")),
            Some("mailfolder".into())
        );
        // Many times: a hash map's order would differ between maps and runs.
        for _ in 0..32 {
            let index = Index::new(&schema);
            assert_eq!(
                name(index.odata_type("#ns.MAILFOLDER")),
                Some("mailFolder".into())
            );
        }
        assert_eq!(name(index.odata_type("ns.nothing")), None);
    }

    #[test]
    fn a_property_is_the_one_the_full_list_keeps() {
        let with = |name: &str, base: Option<&str>, properties: &[(&str, &str)]| TypeDef {
            base: base.map(str::to_string),
            properties: properties
                .iter()
                .map(|(n, t)| Property::from_json(n, t.to_string(), false, source(n)))
                .collect(),
            ..type_def(name)
        };
        let schema = Schema {
            types: vec![
                with("entity", None, &[("id", "Edm.String")]),
                with(
                    "item",
                    Some("ns.entity"),
                    &[("name", "Edm.String"), ("id", "Edm.Int32")],
                ),
                with(
                    "file",
                    Some("ns.item"),
                    &[("size", "Edm.Int64"), ("name", "Edm.Guid")],
                ),
            ],
            ..Schema::default()
        };
        let index = Index::new(&schema);
        let file = &schema.types[2];
        let listed = index.properties(file);
        assert_eq!(listed.len(), 3);
        for name in ["id", "name", "size", "other"] {
            let found = index.property(file, name).map(|p| &p.typ);
            let kept = listed.iter().find(|p| p.name == name).map(|p| &p.typ);
            assert_eq!(found, kept, "{name}");
        }
        assert_eq!(index.property(file, "id").unwrap().typ, "Edm.String");
    }
}
