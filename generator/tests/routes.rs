//! Every request example of the beta corpus routed by the same code the
//! generated routers run (`mdbind_runtime::server::Server`, with the route
//! specs `server.rs` spells out), in seconds rather than the corpus crate's
//! minutes: does each documented request reach the operation documenting it?
//! The full replay through the compiled routers and the mock is `corpus_crate.rs`.

mod common;

use std::collections::BTreeMap;

use mdbind_runtime::route::{RouteMiss, Template};
use mdbind_runtime::server::{RouteSpec, Server};

/// Leaked: `RouteSpec`s are `'static` data in generated code.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

#[test]
fn corpus_requests_route_to_their_operations() {
    let Some(corpus) = common::shared(
        "corpus/graph-beta",
        "corpus_requests_route_to_their_operations",
    ) else {
        return;
    };
    let schema = mdbind::load(&corpus).unwrap();
    let routable: Vec<_> = schema.operations.iter().filter(|o| o.routable).collect();
    let specs: Vec<RouteSpec> = routable
        .iter()
        .map(|op| {
            let route = mdbind::replay::route_of(op);
            RouteSpec {
                operation: leak(&route.operation),
                method: leak(&route.method),
                paths: Box::leak(route.paths.iter().map(|p| leak(p)).collect()),
                body_type: route.body_type.as_deref().map(leak),
                examples: Box::leak(route.examples.iter().map(|p| leak(p)).collect()),
            }
        })
        .collect();
    let server = Server::new(Box::leak(specs.into_boxed_slice()));
    let cases = mdbind::replay::cases(&schema);

    let shape = |t: &str| Template::parse(t).shape();
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut routed = 0;
    for case in &cases.cases {
        let target = percent_encoding::percent_decode_str(&case.target)
            .decode_utf8_lossy()
            .into_owned();
        let body = case.body.as_deref().unwrap_or_default().as_bytes();
        let (reason, detail) = match server.candidates(&case.method, &target, body) {
            Ok(order) if order[0].1.operation == case.operation => {
                routed += 1;
                continue;
            }
            Ok(order) => {
                let own = routable.iter().find(|o| o.name == case.operation).unwrap();
                let got = &order[0].1;
                // The docs give both operations this method and path.
                let same = own.method.as_deref().unwrap_or_default() == case.method
                    && own.paths.iter().any(|p| shape(p) == shape(got.template));
                let reason = if same {
                    "another operation documents the same request"
                } else {
                    "another operation's path fits better"
                };
                (
                    reason,
                    format!(
                        "{} {} {target} → {} {}",
                        case.source, case.method, got.operation, got.template
                    ),
                )
            }
            Err(RouteMiss::NotFound) => (
                "no documented path fits",
                format!("{} {} {target}", case.source, case.method),
            ),
            Err(RouteMiss::MethodNotAllowed(m)) => (
                "method not documented for the path",
                format!(
                    "{} {} {target} (documented: {m:?})",
                    case.source, case.method
                ),
            ),
        };
        misses.entry(reason).or_default().push(detail);
    }
    let total = cases.cases.len();
    eprintln!(
        "routes: {routed} of {total} replayable request examples reach their operation ({:.1} %); \
         {} request examples not replayable; {} operations with request examples",
        100.0 * routed as f64 / total as f64,
        cases.left_out.len(),
        cases.operations_with_requests
    );
    for (reason, list) in &misses {
        eprintln!("  {reason}: {}", list.len());
        for line in list.iter().take(10) {
            eprintln!("    {line}");
        }
    }
    // Floor, from the measured figure: routing may get better, not worse.
    assert!(
        routed * 100 >= total * 80,
        "only {routed} of {total} routed"
    );
}
