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
    /// For each type of more than [`SCANNED_PROPERTIES`] properties (keyed
    /// by its address in the schema): name → its first property of that name.
    large: FxHashMap<usize, FxHashMap<&'a str, &'a Property>>,
}

/// Up to this many properties a type's are searched one by one (nearly
/// every type); a larger one is looked up in a map, so that checking an
/// example of many members against a table of many rows is not quadratic.
const SCANNED_PROPERTIES: usize = 64;

/// A type of the schema's identity, as a map key (here in [`Index::large`]):
/// its address, stable while the schema is borrowed.
pub(crate) fn address(def: &TypeDef) -> usize {
    std::ptr::from_ref(def) as usize
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
            large: schema
                .types
                .iter()
                .filter(|t| t.properties.len() > SCANNED_PROPERTIES)
                .map(|t| {
                    let mut by_name = FxHashMap::default();
                    for p in &t.properties {
                        by_name.entry(p.name.as_str()).or_insert(p);
                    }
                    (address(t), by_name)
                })
                .collect(),
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
        // Hashed: a base with thousands of derived types must not cost a scan
        // of the list per type.
        let mut seen: rustc_hash::FxHashSet<usize> = rustc_hash::FxHashSet::default();
        let mut stack = vec![def.qualified()];
        while let Some(name) = stack.pop() {
            for child in self.children.get(&name).into_iter().flatten() {
                if seen.insert(address(child)) {
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
        self.property_in(&self.chain(def), name)
    }

    /// The property `name` of the first type of `chain` (a type's
    /// [`Self::chain`]) that has one, outermost base first: the one
    /// [`Self::properties`] keeps.
    pub fn property_in(&self, chain: &[&'a TypeDef], name: &str) -> Option<&'a Property> {
        chain.iter().rev().find_map(|t| self.own_property(t, name))
    }

    /// `def`'s own property `name` (not a base's).
    pub fn own_property(&self, def: &'a TypeDef, name: &str) -> Option<&'a Property> {
        if def.properties.len() > SCANNED_PROPERTIES {
            if let Some(by_name) = self.large.get(&address(def)) {
                return by_name.get(name).copied();
            }
        }
        def.properties.iter().find(|p| p.name == name)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::Source;

    fn source(name: &str) -> Source {
        Source {
            file: format!("{name}.md").into(),
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
                file: format!("{name}.md").into(),
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

    #[test]
    fn a_large_type_is_looked_up_as_a_small_one_is_scanned() {
        // Past the scanned size a type's properties are found through a map:
        // the same property (the first of a repeated name) either way.
        for count in [SCANNED_PROPERTIES, SCANNED_PROPERTIES + 1, 500] {
            let mut def = type_def("big");
            def.properties = (0..count)
                .map(|i| {
                    Property::from_json(
                        &format!("p{}", i % (count - 3)),
                        format!("Edm.T{i}"),
                        false,
                        source("big"),
                    )
                })
                .collect();
            let schema = Schema {
                types: vec![def],
                ..Schema::default()
            };
            let index = Index::new(&schema);
            let big = &schema.types[0];
            assert_eq!(index.large.len(), usize::from(count > SCANNED_PROPERTIES));
            for name in ["p0", "p1", "p2", "p3", "p7", "missing"] {
                let scanned = big.properties.iter().find(|p| p.name == name);
                assert_eq!(
                    index.property(big, name).map(|p| &p.typ),
                    scanned.map(|p| &p.typ),
                    "{count} {name}"
                );
            }
            assert_eq!(index.property(big, "p0").unwrap().typ, "Edm.T0");
        }
    }
}
