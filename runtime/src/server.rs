//! Serving handler traits over HTTP with axum (feature `server`).
//!
//! Generated code describes each operation as a [`RouteSpec`], reads its typed
//! request from a [`Call`] ([`FromCall`]) and turns its typed response into a
//! [`Reply`] ([`IntoReply`]); [`Server`] does the rest: matching the path
//! against every documented template ([`crate::route`]), reading the body,
//! answering Graph-style errors, and handing out an [`axum::Router`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use axum;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
pub use axum::Router;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::request::{HttpRequest, ODataQuery};
use crate::route::{Params, RouteMatch, RouteMiss, RouteTable};
use crate::GraphError;

/// One documented operation as the router knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    /// The operation's stable name (its page's file name).
    pub operation: &'static str,
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// Its documented path templates.
    pub paths: &'static [&'static str],
    /// The qualified type of its request body, when documented: where the
    /// docs give several operations one path, a body whose `@odata.type` is
    /// this goes to this one.
    pub body_type: Option<&'static str>,
    /// The path and query of its documented request examples: where the docs
    /// give several operations one path, a request equal to one of these goes
    /// to this one.
    pub examples: &'static [&'static str],
}

/// Which operation answered a request, with the documented template and the
/// path parameters: put in every routed response's extensions, for tests,
/// logging and middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub operation: &'static str,
    pub template: &'static str,
    pub params: Params,
}

/// A routed request, from which generated code reads the typed request.
///
/// Reading a field that can fail (a path parameter, the OData options)
/// records the first failure here instead of returning it, and
/// [`Call::finish`] returns it: a generated `from_call` is then one struct
/// literal, not a `?` (an early return dropping the fields read so far) per
/// field, which is what most of its compile time went to.
#[derive(Debug, Clone)]
pub struct Call {
    template: &'static str,
    params: Params,
    query: Vec<(String, String)>,
    body: axum::body::Bytes,
    http: HttpRequest,
    failed: RefCell<Option<GraphError>>,
}

impl Call {
    /// The documented template the path matched.
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// The `nth` (from 0) value of path parameter `name` in the matched
    /// template; `None` when that template does not have it.
    pub fn param(&self, name: &str, nth: usize) -> Option<String> {
        self.params
            .iter()
            .filter(|(n, _)| n == name)
            .nth(nth)
            .map(|(_, v)| v.clone())
    }

    /// [`Call::param`] for a parameter every template of the operation has;
    /// if the template has not (a bug), empty and a `500` [`Call::finish`] returns.
    pub fn required_param(&self, name: &str, nth: usize) -> String {
        self.param(name, nth).unwrap_or_else(|| {
            self.fail(GraphError::new(
                500,
                "InternalServerError",
                format!("path `{}` has no parameter `{name}`", self.template),
            ));
            String::new()
        })
    }

    /// The documented query parameter `name` (any case, `$` optional when documented with it).
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query
            .iter()
            .find(|(n, _)| same_query_name(n, name))
            .map(|(_, v)| v.clone())
    }

    /// The OData system query options; `documented` parameters are left out
    /// of `other`. Malformed options (`$top=x`) give the default and the
    /// `400` [`Call::finish`] returns.
    pub fn odata(&self, documented: &[&str]) -> ODataQuery {
        match ODataQuery::from_pairs(&self.query) {
            Ok(mut query) => {
                query
                    .other
                    .retain(|(n, _)| !documented.iter().any(|d| same_query_name(n, d)));
                query
            }
            Err(e) => {
                self.fail(e);
                ODataQuery::default()
            }
        }
    }

    /// The request read from this call, or the first failure met reading it.
    pub fn finish<T>(&self, request: T) -> Result<T, GraphError> {
        match self.failed.borrow_mut().take() {
            Some(e) => Err(e),
            None => Ok(request),
        }
    }

    /// Records `error` unless an earlier field already failed.
    fn fail(&self, error: GraphError) {
        self.failed.borrow_mut().get_or_insert(error);
    }

    /// The HTTP request, for handlers that check headers.
    pub fn http(&self) -> HttpRequest {
        self.http.clone()
    }

    /// The body read as JSON into `T`: `400 Bad Request` when it is missing,
    /// malformed, or of another shape.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, GraphError> {
        self.optional_json()?.ok_or_else(|| {
            GraphError::new(
                400,
                "BadRequest",
                "the request has no body; this operation takes a JSON body",
            )
        })
    }

    /// [`Call::json`] for an operation whose requests may send no body: `None` then.
    /// (An earlier field's failure comes first, as it would with `?` per field.)
    pub fn optional_json<T: DeserializeOwned>(&self) -> Result<Option<T>, GraphError> {
        if let Some(e) = self.failed.borrow_mut().take() {
            return Err(e);
        }
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        // Through `Value`: generated types then need only the `Value`
        // (de)serializer code `reserialize` already has, not a second copy per
        // reader or writer (which doubles a large crate's compile memory).
        let value: serde_json::Value = serde_json::from_slice(&self.body).map_err(|e| {
            GraphError::new(
                400,
                "BadRequest",
                format!("the request body is not valid JSON: {e}"),
            )
        })?;
        serde_json::from_value(value)
            .map_err(|e| {
                GraphError::new(
                    400,
                    "BadRequest",
                    format!("the request body does not have the documented shape: {e}"),
                )
            })
            .map(Some)
    }
}

fn same_query_name(given: &str, documented: &str) -> bool {
    let strip = |s: &str| s.strip_prefix('$').unwrap_or(s).to_ascii_lowercase();
    given.eq_ignore_ascii_case(documented) || strip(given) == strip(documented)
}

/// A typed request that can be read from a routed [`Call`].
///
/// `Send + 'static` are asked here, where rustc proves them once per request
/// type (in each generated impl), rather than as bounds of
/// [`Server::serve_method`], where it proved them again (through every field
/// of every model type the body holds) inside each generic mount function.
pub trait FromCall: Sized + Send + 'static {
    fn from_call(call: &Call) -> Result<Self, GraphError>;
}

/// A typed response that can be sent.
pub trait IntoReply {
    fn into_reply(self) -> Reply;
}

impl<T: Serialize, const STATUS: u16> IntoReply for crate::Response<T, STATUS> {
    fn into_reply(self) -> Reply {
        Reply::json(STATUS, &self.0)
    }
}

impl<const STATUS: u16> IntoReply for crate::Empty<STATUS> {
    fn into_reply(self) -> Reply {
        Reply::empty(STATUS)
    }
}

/// A status and an optional JSON body, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    status: u16,
    body: Option<Vec<u8>>,
    /// A `501 notImplemented`: the next operation sharing the path may answer.
    not_implemented: bool,
}

impl Reply {
    /// `status` with `body` as JSON.
    pub fn json<T: Serialize>(status: u16, body: &T) -> Reply {
        // Through `Value`, for the reason given at `Call::json`.
        match serde_json::to_value(body).and_then(|v| serde_json::to_vec(&v)) {
            Ok(bytes) => Reply {
                status,
                body: Some(bytes),
                not_implemented: false,
            },
            Err(e) => Reply::error(GraphError::new(
                500,
                "InternalServerError",
                format!("the response could not be written as JSON: {e}"),
            )),
        }
    }

    /// `status` with no body.
    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            body: None,
            not_implemented: false,
        }
    }

    /// A Graph error: its status and `{"error": {…}}`.
    pub fn error(error: GraphError) -> Reply {
        let status = error.status;
        let mut reply = Reply::json(status, &error.body);
        reply.not_implemented = status == 501 && error.body.error.code == "notImplemented";
        reply
    }

    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = match self.body {
            Some(bytes) => {
                let mut r = Response::new(Body::from(bytes));
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                r
            }
            None => Response::new(Body::empty()),
        };
        *response.status_mut() = status;
        response
    }
}

type ReplyFuture = Pin<Box<dyn Future<Output = Reply> + Send>>;

/// A handler trait's method as generated code hands it to
/// [`Server::serve_method`] (`H::method`, the method itself): its future
/// borrows the handler for the length of the call.
///
/// Why a trait and not a closure boxing the future: a closure per operation
/// is a body rustc type-checks and borrow-checks on its own, and 5,000 of
/// them were about half of the Graph beta server's compile time; a method
/// passed as it is costs one bound proved per operation (20–30 % less for
/// the server module).
pub trait HandlerMethod<'a, H: ?Sized + 'a, Req, Res>: Fn(&'a H, Req) -> Self::Future {
    type Future: Future<Output = Result<Res, GraphError>> + Send + 'a;
}

impl<'a, H: ?Sized + 'a, Req, Res, F, Fut> HandlerMethod<'a, H, Req, Res> for F
where
    F: Fn(&'a H, Req) -> Fut,
    Fut: Future<Output = Result<Res, GraphError>> + Send + 'a,
{
    type Future = Fut;
}

type Dispatch = Arc<dyn Fn(Call) -> ReplyFuture + Send + Sync>;

/// Routes requests to the operations of a route table; operations nobody
/// serves answer `501 Not Implemented`.
pub struct Server {
    specs: Vec<RouteSpec>,
    table: RouteTable,
    by_name: HashMap<&'static str, usize>,
    handlers: Vec<Option<Dispatch>>,
    body_limit: usize,
}

impl Server {
    /// A server for `specs`; their order breaks ties between equally specific templates.
    pub fn new(specs: &'static [RouteSpec]) -> Self {
        Server::of(specs.to_vec(), vec![None; specs.len()], 16 * 1024 * 1024)
    }

    fn of(specs: Vec<RouteSpec>, handlers: Vec<Option<Dispatch>>, body_limit: usize) -> Self {
        let table = RouteTable::new(specs.iter().map(|s| (s.method, s.paths)));
        let by_name = specs
            .iter()
            .enumerate()
            .map(|(i, s)| (s.operation, i))
            .collect();
        Server {
            specs,
            table,
            by_name,
            handlers,
            body_limit,
        }
    }

    /// Only the operations given a handler so far, in the same order: other
    /// paths then answer `404` and other methods `405`, not `501`. A
    /// handler trait's own router is the whole table narrowed to its
    /// operations (so generated code lists each route once).
    pub fn served_only(self) -> Self {
        let (specs, handlers) = self
            .specs
            .into_iter()
            .zip(self.handlers)
            .filter(|(_, handler)| handler.is_some())
            .unzip();
        Server::of(specs, handlers, self.body_limit)
    }

    /// The largest request body read (16 MiB unless set); larger ones get `413`.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Serves `operation` with `handler`. An operation the table does not
    /// know is ignored: generated code only names its own.
    pub fn serve<Req, Res, F, Fut>(&mut self, operation: &str, handler: F)
    where
        Req: FromCall,
        Res: IntoReply + 'static,
        F: Fn(Req) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Res, GraphError>> + Send + 'static,
    {
        let Some(&i) = self.by_name.get(operation) else {
            return;
        };
        let handler = Arc::new(handler);
        self.handlers[i] = Some(Arc::new(move |call: Call| {
            let handler = handler.clone();
            Box::pin(async move {
                let request = match Req::from_call(&call) {
                    Ok(r) => r,
                    Err(e) => return Reply::error(e),
                };
                match handler(request).await {
                    Ok(response) => response.into_reply(),
                    Err(e) => Reply::error(e),
                }
            }) as ReplyFuture
        }));
    }

    /// Serves `operation` with `method` of `handler`. What generated routers
    /// call: the future that owns the handler while the method runs is this
    /// function's, written once here rather than once per operation.
    pub fn serve_method<H, Req, Res, M>(&mut self, operation: &str, handler: Arc<H>, method: M)
    where
        H: Send + Sync + 'static,
        Req: FromCall,
        Res: IntoReply + 'static,
        M: for<'a> HandlerMethod<'a, H, Req, Res> + Copy + Send + Sync + 'static,
    {
        self.serve(operation, move |request: Req| {
            let handler = handler.clone();
            async move { method(&handler, request).await }
        });
    }

    /// An axum router answering every path (mount it with `nest` under `/beta`
    /// or wherever the API lives).
    pub fn into_router(self) -> Router {
        let server = Arc::new(self);
        let route = axum::routing::any(move |request: Request| {
            let server = server.clone();
            async move { server.handle(request).await }
        });
        Router::new()
            .route("/", route.clone())
            .route("/{*path}", route)
    }

    /// Answers one request.
    pub async fn handle(&self, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let path = decode(parts.uri.path());
        let target = match parts.uri.query() {
            Some(q) => format!("{path}?{}", decode(q)),
            None => path.clone(),
        };
        // Checked before the body is read: a wrong path costs nothing.
        if let Err(miss) = self.table.find_all(parts.method.as_str(), &path) {
            return miss_response(miss, parts.method.as_str(), &path);
        }
        let bytes = match axum::body::to_bytes(body, self.body_limit).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return Reply::error(GraphError::new(
                    413,
                    "RequestEntityTooLarge",
                    format!("the request body is over {} bytes", self.body_limit),
                ))
                .into_response()
            }
        };
        let order = match self.candidates(parts.method.as_str(), &target, &bytes) {
            Ok(order) => order,
            Err(miss) => return miss_response(miss, parts.method.as_str(), &path),
        };
        let query: Vec<(String, String)> =
            form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect();
        let http = HttpRequest {
            method: parts.method.to_string(),
            target,
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                    (n.as_str().to_string(), value)
                })
                .collect(),
        };
        // Operations the docs make indistinguishable are tried in order until
        // one is implemented: implementing any one of them serves the path.
        let mut answer: Option<(Matched, Reply)> = None;
        for (route, matched) in order {
            let reply = match &self.handlers[route] {
                None => Reply::error(GraphError::not_implemented(matched.operation)),
                Some(dispatch) => {
                    dispatch(Call {
                        template: matched.template,
                        params: matched.params.clone(),
                        query: query.clone(),
                        body: bytes.clone(),
                        http: http.clone(),
                        failed: RefCell::default(),
                    })
                    .await
                }
            };
            let done = !reply.not_implemented;
            if answer.is_none() || done {
                answer = Some((matched, reply));
            }
            if done {
                break;
            }
        }
        let Some((matched, reply)) = answer else {
            return miss_response(RouteMiss::NotFound, parts.method.as_str(), &path);
        };
        let mut response = reply.into_response();
        response.extensions_mut().insert(matched);
        response
    }

    /// The operations that may answer `method` on `target` (percent-decoded
    /// path and query) with `body`, in the order they are tried: one, or
    /// several where the docs give them one path. Then the one whose request
    /// body type is the body's `@odata.type` comes first, then one that
    /// documents this very request as an example, then the table's order.
    pub fn candidates(
        &self,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<Vec<(usize, Matched)>, RouteMiss> {
        let path = target.split('?').next().unwrap_or_default();
        let tied = self.table.find_all(method, path)?;
        Ok(self
            .tie_order(tied, target, body)
            .into_iter()
            .map(|m| {
                let spec = &self.specs[m.route];
                let matched = Matched {
                    operation: spec.operation,
                    template: spec.paths[m.template],
                    params: m.params,
                };
                (m.route, matched)
            })
            .collect())
    }

    fn tie_order(&self, tied: Vec<RouteMatch>, target: &str, body: &[u8]) -> Vec<RouteMatch> {
        if tied.len() < 2 {
            return tied;
        }
        let odata_type: Option<String> = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| {
                v.get("@odata.type")?
                    .as_str()
                    .map(|t| t.trim_start_matches('#').to_ascii_lowercase())
            });
        let rank = |m: &RouteMatch| {
            let spec = &self.specs[m.route];
            let typed = odata_type
                .as_deref()
                .is_some_and(|t| spec.body_type.is_some_and(|b| b.eq_ignore_ascii_case(t)));
            let documented = spec.examples.iter().any(|e| {
                e.trim_end_matches('/')
                    .eq_ignore_ascii_case(target.trim_end_matches('/'))
            });
            (!typed, !documented)
        };
        let mut order = tied;
        // Stable: the table's order stays among equals.
        order.sort_by_key(rank);
        order
    }
}

fn miss_response(miss: RouteMiss, method: &str, path: &str) -> Response {
    match miss {
        RouteMiss::NotFound => Reply::error(GraphError::new(
            404,
            "NotFound",
            format!("Resource not found for the segment `{path}`."),
        ))
        .into_response(),
        RouteMiss::MethodNotAllowed(methods) => {
            let mut response = Reply::error(GraphError::new(
                405,
                "MethodNotAllowed",
                format!(
                    "`{method}` is not documented for `{path}`; documented: {}.",
                    methods.join(", ")
                ),
            ))
            .into_response();
            if let Ok(allow) = HeaderValue::from_str(&methods.join(", ")) {
                response.headers_mut().insert(header::ALLOW, allow);
            }
            response
        }
    }
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two operations the docs give one method and path, as Intune's
    /// per-derived-type pages do.
    const TIED: &[RouteSpec] = &[
        RouteSpec {
            operation: "androidapp-create",
            method: "POST",
            paths: &["/apps"],
            body_type: Some("microsoft.graph.androidApp"),
            examples: &["/apps"],
        },
        RouteSpec {
            operation: "iosapp-create",
            method: "POST",
            paths: &["/apps"],
            body_type: Some("microsoft.graph.iosApp"),
            examples: &["/apps?$select=id"],
        },
    ];

    fn first(server: &Server, target: &str, body: &str) -> &'static str {
        server.candidates("POST", target, body.as_bytes()).unwrap()[0]
            .1
            .operation
    }

    fn call(body: &'static str) -> Call {
        Call {
            template: "/x",
            params: Params::new(),
            query: Vec::new(),
            body: axum::body::Bytes::from_static(body.as_bytes()),
            http: HttpRequest::default(),
            failed: RefCell::default(),
        }
    }

    #[test]
    fn the_first_field_that_fails_is_the_error_finish_returns() {
        let mut bad = call("not json");
        bad.query = vec![("$top".into(), "x".into())];
        assert_eq!(bad.required_param("id", 0), "");
        let _ = bad.odata(&[]);
        let error = bad.json::<Vec<u8>>().unwrap_err();
        assert_eq!(error.status, 500, "the missing parameter comes first");
        // Once returned, the call has no failure left to report.
        assert_eq!(bad.finish(1).unwrap(), 1);

        let mut top = call("[]");
        top.query = vec![("$top".into(), "x".into())];
        let odata = top.odata(&[]);
        assert_eq!(odata, ODataQuery::default());
        assert_eq!(top.finish(()).unwrap_err().status, 400);
        assert_eq!(call("[]").finish(7).unwrap(), 7);
    }

    #[test]
    fn a_missing_body_is_none_where_optional_and_an_error_where_required() {
        assert_eq!(call(" \n").optional_json::<Vec<u8>>().unwrap(), None);
        assert_eq!(
            call("[1]").optional_json::<Vec<u8>>().unwrap(),
            Some(vec![1])
        );
        let missing = call("").json::<Vec<u8>>().unwrap_err();
        assert_eq!(
            (missing.status, missing.body.error.code.as_str()),
            (400, "BadRequest")
        );
        // Optional or not, a body that is there must have the documented shape.
        assert_eq!(
            call("{}").optional_json::<Vec<u8>>().unwrap_err().status,
            400
        );
    }

    #[test]
    fn served_only_keeps_the_operations_with_a_handler_in_order() {
        let mut server = Server::new(TIED);
        server.serve("iosapp-create", |_: Anything| async {
            Ok::<_, GraphError>(crate::Empty::<204>)
        });
        let server = server.served_only();
        assert_eq!(first(&server, "/apps", "{}"), "iosapp-create");
        assert_eq!(server.candidates("POST", "/apps", b"").unwrap().len(), 1);
        assert!(server.handlers.iter().all(Option::is_some));
        assert_eq!(server.by_name.get("iosapp-create"), Some(&0));
        assert!(server.candidates("POST", "/elsewhere", b"").is_err());
    }

    #[test]
    fn ties_go_by_odata_type_then_documented_request_then_order() {
        let server = Server::new(TIED);
        let ios = r##"{"@odata.type": "#microsoft.graph.iosApp"}"##;
        assert_eq!(first(&server, "/apps", ios), "iosapp-create");
        assert_eq!(first(&server, "/apps?$select=id", "{}"), "iosapp-create");
        assert_eq!(first(&server, "/apps", "{}"), "androidapp-create");
        assert_eq!(server.candidates("POST", "/apps", b"").unwrap().len(), 2);
    }

    struct Anything;

    impl FromCall for Anything {
        fn from_call(_: &Call) -> Result<Self, GraphError> {
            Ok(Anything)
        }
    }

    struct Named(&'static str);

    impl IntoReply for Named {
        fn into_reply(self) -> Reply {
            Reply::json(200, &self.0)
        }
    }

    /// Implementing any one of the tied operations serves the path: the
    /// first answers 501 (nobody serves it), so the request goes on.
    #[tokio::test]
    async fn a_501_passes_the_request_to_the_next_tied_operation() {
        let mut server = Server::new(TIED);
        server.serve("iosapp-create", |_: Anything| async { Ok(Named("ios")) });
        let request = Request::builder()
            .method("POST")
            .uri("/apps")
            .body(Body::from("{}"))
            .unwrap();
        let response = server.handle(request).await;
        assert_eq!(response.status(), StatusCode::OK);
        let matched = response.extensions().get::<Matched>().unwrap().operation;
        assert_eq!(matched, "iosapp-create");
        let body = axum::body::to_bytes(response.into_body(), 100)
            .await
            .unwrap();
        assert_eq!(&body[..], b"\"ios\"");
    }
}
