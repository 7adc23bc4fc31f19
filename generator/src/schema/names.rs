//! Rust names for everything in the schema, decided once, here: idiomatic
//! (heck), valid (keywords, digits, symbols), collision-free within each scope,
//! and deterministic (scopes are filled in schema order, which is sorted).

use std::collections::{BTreeMap, BTreeSet};

use super::case::{snake_case, upper_camel_case};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::model::{Operation, Polymorphic, PolymorphicVariant, Schema, TypeDef};

/// Words that cannot be identifiers even as `r#word`; they get a `_` suffix.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Rust keywords (all editions); fields named like these are written `r#word`.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Type names that would shadow what generated code uses unqualified.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "From",
    "Into",
    "AsRef",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Debug",
    "Hash",
    "ToString",
    "ToOwned",
    "Serialize",
    "Deserialize",
    "Future",
    "Self",
];

/// Field names generated code adds itself.
const RESERVED_FIELDS: &[&str] = &["additional_properties"];

/// Whether a name must be written `r#name`.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) && !NOT_RAW.contains(&name)
}

/// Names already taken in one scope (a module, a struct, an enum, a trait).
#[derive(Default)]
struct Scope {
    /// Hashed: never listed, only asked (a struct's scope starts with every
    /// field it inherits, hundreds for some).
    taken: FxHashSet<String>,
    /// Per base that collided: the suffix to try first next time. Names are
    /// never released, so every smaller suffix is still taken; without it
    /// k names wanting one base cost k²/2 tries (a table of many names that
    /// differ only in symbols, which names drop).
    next_suffix: FxHashMap<String, usize>,
}

impl Scope {
    fn with(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
            next_suffix: FxHashMap::default(),
        }
    }

    /// `base`, or `base2`, `base3`, … (`base_2` for snake case) if taken.
    fn claim(&mut self, base: String, snake: bool) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let name = loop {
            let name = if snake && !base.ends_with('_') {
                format!("{base}_{n}")
            } else {
                format!("{base}{n}")
            };
            n += 1;
            if !self.taken.contains(&name) {
                break name;
            }
        };
        self.next_suffix.insert(base, n);
        self.taken.insert(name.clone());
        name
    }
}

/// A valid snake_case identifier for a documented name (`r#` is the emitter's job).
pub fn snake(name: &str) -> String {
    let mut s = snake_case(name);
    s.retain(|c| c == '_' || unicode_ident::is_xid_continue(c));
    if s.is_empty() {
        s = "value".to_string();
    }
    // A digit or a combining mark may follow a letter, not start a name.
    if s.starts_with(|c: char| c != '_' && !unicode_ident::is_xid_start(c)) {
        s.insert(0, '_');
    }
    if NOT_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// A valid UpperCamelCase identifier for a documented name.
pub fn camel(name: &str) -> String {
    let mut s = upper_camel_case(name);
    s.retain(unicode_ident::is_xid_continue);
    if s.is_empty() {
        s = "Value".to_string();
    }
    if s.starts_with(|c: char| !unicode_ident::is_xid_start(c)) {
        s.insert(0, 'V');
    }
    s
}

/// Every `rust_name`, `module`, `handler` and `type_base` the schema needs,
/// decided from the schema alone ([`plan`]) so that it can be worked out
/// while other stages read the schema too; [`Names::apply`] writes it in.
pub struct Names {
    modules: Vec<String>,
    types: Vec<String>,
    /// Per type, its properties' field names.
    fields: Vec<Vec<String>>,
    /// Per enum, its name and its members'.
    enums: Vec<(String, Vec<String>)>,
    /// Type index → the enum standing for it and its derived types.
    polymorphic: Vec<(usize, Polymorphic)>,
    operations: Vec<OperationName>,
}

/// Every operation's names ([`plan_operations`]), for [`plan`].
pub struct OperationNames(Vec<OperationName>);

struct OperationName {
    rust_name: String,
    type_base: String,
    /// The handler trait and the request's parameter fields, for an
    /// operation a router can serve.
    handler: Option<(String, Vec<String>)>,
}

impl Names {
    /// Writes the names into the schema they were planned for.
    pub fn apply(self, schema: &mut Schema) {
        for (ns, module) in schema.namespaces.iter_mut().zip(self.modules) {
            ns.module = module;
        }
        // Types, enums and operations on every core: each is tens of
        // thousands of cold fields to write.
        let types = self.types;
        let fields = self.fields;
        let enums = self.enums;
        let operations = self.operations;
        rayon::join(
            || {
                schema.types.par_iter_mut().zip(types).zip(fields).for_each(
                    |((def, name), fields)| {
                        def.rust_name = name;
                        for (p, field) in def.properties.iter_mut().zip(fields) {
                            p.rust_name = field;
                        }
                    },
                );
                for (i, polymorphic) in self.polymorphic {
                    schema.types[i].polymorphic = Some(polymorphic);
                }
            },
            || {
                rayon::join(
                    || {
                        schema
                            .enums
                            .par_iter_mut()
                            .zip(enums)
                            .for_each(|(def, (name, members))| {
                                def.rust_name = name;
                                for (m, member) in def.members.iter_mut().zip(members) {
                                    m.rust_name = member;
                                }
                            })
                    },
                    || {
                        schema
                            .operations
                            .par_iter_mut()
                            .zip(operations)
                            .for_each(|(op, names)| {
                                op.rust_name = names.rust_name;
                                op.type_base = names.type_base;
                                if let Some((handler, params)) = names.handler {
                                    op.handler = Some(handler);
                                    let fields =
                                        op.path_params.iter_mut().chain(op.query_params.iter_mut());
                                    for (p, field) in fields.zip(params) {
                                        p.rust_name = field;
                                    }
                                }
                            })
                    },
                )
            },
        );
    }
}

/// `convert` of every distinct name in `names`, each made once, on every
/// core: documented names repeat (`id`, `displayName` in thousands of types)
/// and heck takes most of a microsecond per name.
fn converted<'a>(
    names: impl Iterator<Item = &'a str>,
    convert: fn(&str) -> String,
) -> FxHashMap<&'a str, String> {
    let distinct: Vec<&str> = names.collect::<FxHashSet<_>>().into_iter().collect();
    distinct.into_par_iter().map(|n| (n, convert(n))).collect()
}

/// Decides every name in the schema (see [`Names`]); the operations' are
/// [`plan_operations`]' (planned earlier, as soon as the operations are
/// merged).
pub fn plan(schema: &Schema, operations: OperationNames) -> Names {
    // The other files of the output (`mdbind.rs` the entry, `lib.rs` a
    // crate's) and the modules beside the namespaces'.
    let mut modules = Scope::with(&["handlers", "server", "mock", "mdbind", "lib"]);
    let modules = schema
        .namespaces
        .iter()
        .map(|ns| {
            // A module is named in paths (`super::x::T`) and files (`x.rs`), so a
            // keyword gets a `_` rather than `r#`.
            let mut base = snake(&ns.name);
            if is_keyword(&base) {
                base.push('_');
            }
            modules.claim(base, true)
        })
        .collect();
    // The names wanted (heck's work, in parallel) are made first; claiming
    // them in schema order is what must be serial.
    let type_bases: Vec<String> = schema.types.par_iter().map(|d| camel(&d.name)).collect();
    let members = converted(
        schema
            .enums
            .iter()
            .flat_map(|d| d.members.iter().map(|m| m.name.as_str())),
        camel,
    );
    let enum_bases: Vec<(String, Vec<String>)> = schema
        .enums
        .par_iter()
        .map(|d| {
            (
                camel(&d.name),
                d.members
                    .iter()
                    .map(|m| members[m.name.as_str()].clone())
                    .collect(),
            )
        })
        .collect();
    // Fields claim in scopes of their own: planned beside the types and
    // enums (each claim loop is serial).
    let (fields, (types, enums, mut type_scopes)) = rayon::join(
        || plan_fields(&schema.types),
        || {
            let mut type_scopes: BTreeMap<String, Scope> = BTreeMap::new();
            let types: Vec<String> = schema
                .types
                .iter()
                .zip(type_bases)
                .map(|(def, base)| {
                    let scope = type_scopes
                        .entry(def.namespace.clone())
                        .or_insert_with(|| Scope::with(RESERVED_TYPES));
                    claim_type(scope, base)
                })
                .collect();
            let enums = plan_enums(schema, enum_bases, &mut type_scopes);
            (types, enums, type_scopes)
        },
    );
    let polymorphic = plan_polymorphic(&schema.types, &types, &mut type_scopes);
    Names {
        modules,
        types,
        fields,
        enums,
        polymorphic,
        operations: operations.0,
    }
}

/// Each enum's Rust name (claimed in its namespace's scope, after the
/// types) and its members' (`enum_bases`: the names wanted, in order).
fn plan_enums(
    schema: &Schema,
    enum_bases: Vec<(String, Vec<String>)>,
    type_scopes: &mut BTreeMap<String, Scope>,
) -> Vec<(String, Vec<String>)> {
    schema
        .enums
        .iter()
        .zip(enum_bases)
        .map(|(def, (base, member_bases))| {
            let scope = type_scopes
                .entry(def.namespace.clone())
                .or_insert_with(|| Scope::with(RESERVED_TYPES));
            let name = claim_type(scope, base);
            // `Other(String)` is the catch-all for values the docs never listed.
            let mut variants = Scope::with(&["Other", "Self"]);
            let members = member_bases
                .into_iter()
                .map(|base| {
                    if base == "Self" {
                        variants.claim("SelfValue".into(), false)
                    } else if base == "Other" {
                        variants.claim("OtherValue".into(), false)
                    } else {
                        variants.claim(base, false)
                    }
                })
                .collect();
            (name, members)
        })
        .collect()
}

/// A base type that a property is typed as, and that other types derive
/// from, gets an enum `Any{Type}` with a variant per type (claimed after every
/// struct and enum, so adding one renames nothing). `names`: the types' Rust names.
fn plan_polymorphic(
    types: &[TypeDef],
    names: &[String],
    scopes: &mut BTreeMap<String, Scope>,
) -> Vec<(usize, Polymorphic)> {
    let referenced: BTreeSet<&str> = types
        .iter()
        .flat_map(|t| t.properties.iter().map(|p| p.typ.as_str()))
        .collect();
    let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let qualified: Vec<String> = types.iter().map(TypeDef::qualified).collect();
    for (i, t) in types.iter().enumerate() {
        if let Some(base) = &t.base {
            children.entry(base.as_str()).or_default().push(i);
        }
    }
    let mut found: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, name) in qualified.iter().enumerate() {
        if !referenced.contains(name.as_str()) || !children.contains_key(name.as_str()) {
            continue;
        }
        // Every type below it, at any depth, once (a cycle of bases stops).
        let mut below: BTreeSet<usize> = BTreeSet::new();
        let mut stack = vec![name.as_str()];
        while let Some(base) = stack.pop() {
            for &child in children.get(base).into_iter().flatten() {
                if child != i && below.insert(child) {
                    stack.push(qualified[child].as_str());
                }
            }
        }
        found.push((i, below.into_iter().collect()));
    }
    found
        .into_iter()
        .map(|(i, below)| {
            let scope = scopes
                .entry(types[i].namespace.clone())
                .or_insert_with(|| Scope::with(RESERVED_TYPES));
            let rust_name = scope.claim(format!("Any{}", names[i]), false);
            let mut variant_names = Scope::with(&[]);
            let variants = std::iter::once(i)
                .chain(below)
                .map(|t| PolymorphicVariant {
                    typ: qualified[t].clone(),
                    rust_name: variant_names.claim(names[t].clone(), false),
                })
                .collect();
            (
                i,
                Polymorphic {
                    rust_name,
                    variants,
                },
            )
        })
        .collect()
}

/// Field names, bases before derived types: a derived struct also has its
/// bases' fields, so its own fields must not take their names.
fn plan_fields(types: &[TypeDef]) -> Vec<Vec<String>> {
    let index: FxHashMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.qualified(), i))
        .collect();
    let snakes = converted(
        types
            .iter()
            .flat_map(|t| t.properties.iter().map(|p| p.name.as_str())),
        snake,
    );
    let wanted: Vec<Vec<String>> = types
        .par_iter()
        .map(|t| {
            t.properties
                .iter()
                .map(|p| snakes[p.name.as_str()].clone())
                .collect()
        })
        .collect();
    // `None` until the type is named.
    let mut fields: Vec<Option<Vec<String>>> = vec![None; types.len()];
    for start in 0..types.len() {
        // Walk up to the outermost unnamed base, then name down the chain.
        let mut chain = vec![start];
        while let Some(base) = types[*chain.last().unwrap_or(&start)]
            .base
            .as_ref()
            .and_then(|b| index.get(b))
        {
            if fields[*base].is_some() || chain.contains(base) {
                break;
            }
            chain.push(*base);
        }
        for &i in chain.iter().rev() {
            if fields[i].is_some() {
                continue;
            }
            let inherited = inherited_fields(types, &index, &fields, i);
            let mut scope = Scope::with(RESERVED_FIELDS);
            scope
                .taken
                .extend(inherited.iter().map(|(_, rust)| rust.to_string()));
            let by_json: rustc_hash::FxHashMap<&str, &str> = inherited.into_iter().collect();
            let named = types[i]
                .properties
                .iter()
                .zip(&wanted[i])
                .map(|(p, base)| match by_json.get(p.name.as_str()) {
                    Some(rust) => rust.to_string(),
                    None => scope.claim(base.clone(), true),
                })
                .collect();
            fields[i] = Some(named);
        }
    }
    fields.into_iter().map(Option::unwrap_or_default).collect()
}

/// (JSON name, field name) of every property `types[i]` inherits, outermost
/// base first; a base not named yet (a cycle of bases) lends empty names.
fn inherited_fields<'a>(
    types: &'a [TypeDef],
    index: &FxHashMap<String, usize>,
    fields: &'a [Option<Vec<String>>],
    i: usize,
) -> Vec<(&'a str, &'a str)> {
    let mut chain = Vec::new();
    let mut current = types[i].base.as_ref().and_then(|b| index.get(b)).copied();
    while let Some(b) = current {
        if b == i || chain.contains(&b) {
            break;
        }
        chain.push(b);
        current = types[b].base.as_ref().and_then(|x| index.get(x)).copied();
    }
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for &b in chain.iter().rev() {
        let named = fields[b].as_deref().unwrap_or_default();
        for (k, p) in types[b].properties.iter().enumerate() {
            if seen.insert(p.name.as_str()) {
                out.push((p.name.as_str(), named.get(k).map_or("", String::as_str)));
            }
        }
    }
    out
}

/// Claims `base` (a [`camel`] name) for a type, `{base}Type` if it is reserved.
fn claim_type(scope: &mut Scope, base: String) -> String {
    let base = if scope.taken.contains(&base) && RESERVED_TYPES.contains(&base.as_str()) {
        format!("{base}Type")
    } else {
        base
    };
    scope.claim(base, false)
}

/// Handler traits are named for the resource collection a path addresses (its
/// last literal segment), methods for the page title. Method names are unique
/// across all traits, so the `{Method}Request` and `{Method}Response` types
/// the emitter derives from them are unique in the `handlers` module too.
/// The operations' names, each operation's in `operations` (in schema
/// order): they claim in scopes of their own (the handler traits and their
/// methods), so they depend on nothing else in the schema.
pub fn plan_operations(operations: &[&Operation]) -> OperationNames {
    struct Wanted {
        method: String,
        /// The collection (lower-cased) and its trait's name.
        handler: Option<(String, String)>,
        params: Vec<String>,
    }
    let params = converted(
        operations
            .iter()
            .flat_map(|op| op.path_params.iter().chain(&op.query_params))
            .map(|p| p.name.as_str()),
        snake,
    );
    let wanted: Vec<Wanted> = operations
        .par_iter()
        .map(|op| {
            let title = if op.title.trim().is_empty() {
                &op.name
            } else {
                &op.title
            };
            let collection = op
                .paths
                .first()
                .and_then(|p| collection_of(p))
                .filter(|_| op.routable);
            Wanted {
                method: snake(title),
                handler: collection
                    .map(|c| (c.to_ascii_lowercase(), format!("{}Handler", camel(&c)))),
                params: op
                    .path_params
                    .iter()
                    .chain(&op.query_params)
                    .map(|p| params[p.name.as_str()].clone())
                    .collect(),
            }
        })
        .collect();
    let mut module = Scope::with(RESERVED_TYPES);
    let mut methods = Scope::default();
    let mut traits: FxHashMap<String, String> = FxHashMap::default();
    let mut names: Vec<OperationName> = wanted
        .into_iter()
        .map(|wanted| {
            let Some((collection, handler)) = wanted.handler else {
                return OperationName {
                    rust_name: wanted.method,
                    type_base: String::new(),
                    handler: None,
                };
            };
            let trait_name = traits
                .entry(collection)
                .or_insert_with(|| module.claim(handler, false));
            let rust_name = methods.claim(wanted.method, true);
            // The request struct's own fields come first.
            let mut params = Scope::with(&["body", "path", "query", "http"]);
            let params = wanted
                .params
                .into_iter()
                .map(|base| params.claim(base, true))
                .collect();
            OperationName {
                rust_name,
                type_base: String::new(),
                handler: Some((trait_name.clone(), params)),
            }
        })
        .collect();
    names
        .par_iter_mut()
        .for_each(|op| op.type_base = camel(&op.rust_name));
    OperationNames(names)
}

/// `/reports/userCredentialUsageDetails/{id}/$ref` → `userCredentialUsageDetails`.
fn collection_of(path: &str) -> Option<String> {
    path.split('/')
        .rev()
        .filter(|s| {
            !s.is_empty() && !s.starts_with('{') && !s.starts_with('$') && !s.starts_with(':')
        })
        .map(|s| s.split('(').next().unwrap_or(s))
        .map(|s| s.rsplit('.').next().unwrap_or(s))
        .find(|s| s.chars().any(char::is_alphabetic))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_claimed_again_gets_the_smallest_free_suffix() {
        // The remembered next suffix must give what trying from 2 gives,
        // with suffixed names also taken directly and other bases between.
        let mut scope = Scope::with(&["x_3", "y"]);
        let mut got = Vec::new();
        for base in ["x", "x", "x", "y", "x_4", "x", "y", "x", "x_6"] {
            got.push(scope.claim(base.to_string(), true));
        }
        assert_eq!(
            got,
            ["x", "x_2", "x_4", "y_2", "x_4_2", "x_5", "y_3", "x_6", "x_6_2"]
        );
        let mut camel = Scope::with(&[]);
        let names: Vec<String> = (0..4).map(|_| camel.claim("T".into(), false)).collect();
        assert_eq!(names, ["T", "T2", "T3", "T4"]);
    }

    #[test]
    fn identifiers() {
        let cases = [
            ("userPrincipalName", "user_principal_name"),
            ("type", "type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("@odata.type", "odata_type"),
            ("3dModel", "_3d_model"),
            ("", "value"),
        ];
        for (input, expected) in cases {
            assert_eq!(snake(input), expected, "{input}");
        }
        assert!(
            is_keyword("type")
                && is_keyword("match")
                && !is_keyword("self")
                && !is_keyword("feature")
        );
        assert_eq!(
            camel("userCredentialUsageDetails"),
            "UserCredentialUsageDetails"
        );
        assert_eq!(camel("mobileSMS"), "MobileSms");
        assert_eq!(camel("2fa"), "V2fa");
        // Combining marks continue a name but cannot start one (cargo fuzz).
        assert_eq!(camel("\u{652}Ntroller"), "V\u{652}ntroller");
        assert_eq!(snake("\u{652}x"), "_\u{652}x");
        for name in ["\u{652}Ntroller", "a\u{200b}b", "x·y", "\u{301}"] {
            syn::parse_str::<syn::Ident>(&camel(name)).unwrap();
            syn::parse_str::<syn::Ident>(&snake(name)).unwrap();
        }
    }

    #[test]
    fn scopes_and_collections() {
        let mut scope = Scope::with(RESERVED_TYPES);
        assert_eq!(claim_type(&mut scope, camel("option")), "OptionType");
        assert_eq!(claim_type(&mut scope, camel("user")), "User");
        assert_eq!(claim_type(&mut scope, camel("User")), "User2");
        assert_eq!(
            collection_of("/reports/userCredentialUsageDetails/$ref").as_deref(),
            Some("userCredentialUsageDetails")
        );
        assert_eq!(
            collection_of("/users/{id}/microsoft.graph.user").as_deref(),
            Some("user")
        );
        assert_eq!(
            collection_of("/reports/getX(period='{period}')").as_deref(),
            Some("getX")
        );
    }
}
