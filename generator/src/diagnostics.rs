//! One diagnostic type for every stage, rendered rustc-style for people and as
//! JSON for tools. A diagnostic always says where (file, line), what is wrong,
//! and what mdbind did about it, and the run goes on.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// How bad a diagnostic is. Only errors make `mdbind check` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Every kind of problem mdbind reports. The kebab-case spelling is the stable
/// `code` other tools match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A page could not be read (I/O error or not UTF-8).
    UnreadablePage,
    /// A line in an `HTTP request` block is not `METHOD /path`.
    UnroutableRequestLine,
    /// A request example's URL matches none of the documented paths.
    ExampleUrlMismatch,
    /// A response example's status is not the one its page's Response
    /// section documents.
    ExampleStatusMismatch,
    /// An example value is not a member of the property's enum.
    ExampleEnumValue,
    /// An example body has a member its type does not document.
    ExampleUnknownProperty,
    /// An example value has the wrong JSON kind for its documented type.
    ExampleWrongKind,
    /// An example value has the right JSON kind but is not a valid value of
    /// its type (a malformed GUID, date-time, duration or base64 text, an
    /// integer out of range).
    ExampleInvalidValue,
    /// An example's `@odata.type` names a type no page documents.
    ExampleUnknownOdataType,
    /// Example JSON is not strict JSON but was read leniently.
    ExampleJsonLenient,
    /// Example JSON could not be read at all.
    ExampleJsonInvalid,
    /// Text stands between an example's headers and its JSON body.
    ExampleStrayText,
    /// An `<!-- { ... } -->` annotation is not readable JSON.
    AnnotationInvalid,
    /// A permission cell holds a placeholder such as `TODO`.
    PermissionPlaceholder,
    /// A type is used but documented nowhere; its shape was inferred from an example.
    InferredType,
    /// A type is used but documented nowhere and no example shows it.
    UnresolvedType,
    /// A resource's JSON representation shows a member no property table lists.
    UndocumentedProperty,
    /// Two pages document the same property, enum or type differently.
    Conflict,
    /// Two operations document the same method and path: a request cannot
    /// tell them apart.
    AmbiguousRoute,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::UnreadablePage => "unreadable-page",
            Code::UnroutableRequestLine => "unroutable-request-line",
            Code::ExampleUrlMismatch => "example-url-mismatch",
            Code::ExampleStatusMismatch => "example-status-mismatch",
            Code::ExampleEnumValue => "example-enum-value",
            Code::ExampleUnknownProperty => "example-unknown-property",
            Code::ExampleWrongKind => "example-wrong-kind",
            Code::ExampleInvalidValue => "example-invalid-value",
            Code::ExampleUnknownOdataType => "example-unknown-odata-type",
            Code::ExampleJsonLenient => "example-json-lenient",
            Code::ExampleJsonInvalid => "example-json-invalid",
            Code::ExampleStrayText => "example-stray-text",
            Code::AnnotationInvalid => "annotation-invalid",
            Code::PermissionPlaceholder => "permission-placeholder",
            Code::InferredType => "inferred-type",
            Code::UnresolvedType => "unresolved-type",
            Code::UndocumentedProperty => "undocumented-property",
            Code::Conflict => "conflict",
            Code::AmbiguousRoute => "ambiguous-route",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem in the docs, at a line of a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// Page path relative to the docs folder, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    pub severity: Severity,
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// What mdbind did about it.
    pub action: String,
}

impl Diagnostic {
    pub fn warning(
        code: Code,
        file: &str,
        line: u32,
        message: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            severity: Severity::Warning,
            code,
            message: message.into(),
            action: action.into(),
        }
    }

    pub fn error(
        code: Code,
        file: &str,
        line: u32,
        message: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..Diagnostic::warning(code, file, line, message, action)
        }
    }

    /// Renders like rustc: `warning[code]: message`, the source line, and a note
    /// saying what was done. `docs` is the folder `file` is relative to; the
    /// source line is left out when the page cannot be read again.
    pub fn render(&self, docs: &Path) -> String {
        self.render_styled(docs, false)
    }

    /// [`Diagnostic::render`], in colour when `color` (for a terminal).
    pub fn render_styled(&self, docs: &Path, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

        let path = docs.join(&self.file);
        let shown = path.display().to_string();
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let source = std::fs::read(&path)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let line_text = source
            .as_deref()
            .and_then(|s| s.lines().nth(self.line.saturating_sub(1) as usize))
            .map(str::to_string);
        let title = level.primary_title(&self.message).id(self.code.as_str());
        let group = match &line_text {
            Some(text) => {
                let start = text.len() - text.trim_start().len();
                let end = text.trim_end().len().max(start);
                title.element(
                    Snippet::source(text.as_str())
                        .line_start(self.line as usize)
                        .path(shown.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            None => title.element(Level::NOTE.message(format!("at {shown}:{}", self.line))),
        };
        let group = group.element(Level::NOTE.message(&self.action));
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group]).to_string()
    }
}

/// Counts by severity, for the one-line summaries the CLI and build.rs print.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{errors} error{}, {warnings} warning{}",
        plural(errors),
        plural(warnings)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
