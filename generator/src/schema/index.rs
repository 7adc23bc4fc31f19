//! Lookups over a built schema, by qualified name, for the stages that read it
//! (conformance checks, the emitter).

use std::collections::HashMap;

use super::model::{EnumDef, Property, Schema, TypeDef};

pub struct Index<'a> {
    types: HashMap<String, &'a TypeDef>,
    enums: HashMap<String, &'a EnumDef>,
    /// Qualified base name → the types that name it as their base.
    children: HashMap<String, Vec<&'a TypeDef>>,
}

impl<'a> Index<'a> {
    pub fn new(schema: &'a Schema) -> Self {
        let mut children: HashMap<String, Vec<&TypeDef>> = HashMap::new();
        for t in &schema.types {
            if let Some(base) = &t.base {
                children.entry(base.clone()).or_default().push(t);
            }
        }
        Index {
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
        self.type_def(name).or_else(|| {
            self.types
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, t)| *t)
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

    /// A type's properties with its bases': inherited ones first (outermost
    /// base first), then its own; a property documented again appears once.
    pub fn properties(&self, def: &'a TypeDef) -> Vec<&'a Property> {
        let mut out: Vec<&Property> = Vec::new();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
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
