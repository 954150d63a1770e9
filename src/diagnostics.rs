//! Located errors and warnings, how they are collected across a run, and how
//! they are shown: `file:line:col`, the offending line with a caret, what is
//! wrong and what to do.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::messages::{Chrome, Lang, Msg};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where in a source file something is. Lines and columns are 1-based;
/// columns count characters, not bytes.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Length of the marked text in characters (at least 1).
    pub width: usize,
    /// The whole source line, for the snippet.
    pub source_line: String,
}

impl Location {
    /// A location covering `range` (byte offsets) of `text`.
    pub fn in_text(file: &Path, text: &str, range: std::ops::Range<usize>) -> Location {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(text, range.end.clamp(start, line_end));
        let width = text[start..end].chars().count().max(1);
        Location {
            file: file.to_path_buf(),
            line,
            column,
            width,
            source_line: text[line_start..line_end].trim_end_matches('\r').to_string(),
        }
    }

    /// A location at a 1-based line and column of `text`.
    pub fn at_line(file: &Path, text: &str, line: usize, column: usize) -> Location {
        let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let width = line_text
            .chars()
            .skip(column.saturating_sub(1))
            .take_while(|c| !c.is_whitespace() && *c != ':')
            .count()
            .max(1);
        Location {
            file: file.to_path_buf(),
            line,
            column: column.max(1),
            width,
            source_line: line_text.to_string(),
        }
    }

    /// A location naming a file only (no line known).
    pub fn file(file: &Path) -> Location {
        Location { file: file.to_path_buf(), line: 0, column: 0, width: 0, source_line: String::new() }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub msg: Msg,
    /// Boxed: diagnostics travel in `Result`s and should stay small.
    pub location: Option<Box<Location>>,
}

impl Diagnostic {
    pub fn error(msg: Msg, location: Option<Location>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, msg, location: location.map(Box::new) }
    }

    pub fn warning(msg: Msg, location: Option<Location>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, msg, location: location.map(Box::new) }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Human-readable form: a header, the source line with a caret, the fix.
    /// Long values are cut: a 5 MB title must not print 5 MB.
    pub fn render(&self, lang: Lang, color: bool) -> String {
        let text = self.msg.text(lang).clipped();
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name(Some(Chrome::error(lang))),
            Severity::Warning => Level::WARNING.with_name(Some(Chrome::warning(lang))),
        };
        let path = self.location.as_ref().map(|l| display_path(&l.file));
        let mut group = Group::with_title(level.primary_title(text.what.as_str()).id(self.msg.code()));
        match (&self.location, &path) {
            // A line whose text is not shown (a log line holds a resident's
            // address): `file:line` alone.
            (Some(location), Some(path)) if location.line > 0 && location.column == 0 => {
                group = group.element(Origin::path(path.as_str()).line(location.line))
            }
            (Some(location), Some(path)) if location.line > 0 => {
                group = group.element(snippet(location, path))
            }
            (Some(_), Some(path)) => group = group.element(Origin::path(path.as_str())),
            _ => {}
        }
        if let Some(help) = &text.help {
            group = group.element(Level::HELP.with_name(Some(Chrome::help(lang))).message(help.as_str()));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        renderer.render(&[group])
    }
}

fn snippet<'a>(location: &'a Location, path: &'a str) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    if location.line == 0 {
        return Snippet::source("").path(path);
    }
    let (line, column) = line_window(&location.source_line, location.column);
    let start: usize = line.chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    let end: usize =
        start + line[start.min(line.len())..].chars().take(location.width).map(char::len_utf8).sum::<usize>();
    Snippet::source(line)
        .line_start(location.line)
        .path(path)
        .annotation(AnnotationKind::Primary.span(start..end.max(start)))
}

/// Longest source line shown whole; longer ones are shown around the column.
const LINE_SHOWN: usize = 160;

/// The part of `line` shown under a message, and the column within it.
fn line_window(line: &str, column: usize) -> (&str, usize) {
    let count = line.chars().count();
    if count <= LINE_SHOWN {
        return (line, column);
    }
    let first = column.saturating_sub(LINE_SHOWN / 2).min(count - LINE_SHOWN);
    let byte = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    (&line[byte(first)..byte(first + LINE_SHOWN)], column - first)
}

/// Paths are shown with `/` on every platform, relative to the site root.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Collects diagnostics from every stage of a run, from many threads.
#[derive(Default)]
pub struct Report {
    items: Mutex<Vec<Diagnostic>>,
}

impl Report {
    pub fn push(&self, diagnostic: Diagnostic) {
        self.lock().push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.lock().extend(diagnostics);
    }

    pub fn error(&self, msg: Msg, location: Option<Location>) {
        self.push(Diagnostic::error(msg, location));
    }

    pub fn warning(&self, msg: Msg, location: Option<Location>) {
        self.push(Diagnostic::warning(msg, location));
    }

    /// The value of `result`, or `None` with its problem recorded.
    pub fn ok<T>(&self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|problem| self.push(problem)).ok()
    }

    pub fn has_errors(&self) -> bool {
        self.lock().iter().any(Diagnostic::is_error)
    }

    /// True when some error is located in a file that passes `test`.
    pub fn any_error_in(&self, test: impl Fn(Option<&Path>) -> bool) -> bool {
        self.lock()
            .iter()
            .filter(|d| d.is_error())
            .any(|d| test(d.location.as_ref().map(|l| l.file.as_path())))
    }

    /// True when every error is located in a file that passes `test`.
    pub fn all_errors_in(&self, test: impl Fn(Option<&Path>) -> bool) -> bool {
        self.lock()
            .iter()
            .filter(|d| d.is_error())
            .all(|d| test(d.location.as_ref().map(|l| l.file.as_path())))
    }

    /// All diagnostics, sorted by file, line and column so output is stable.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().unwrap_or_else(|e| e.into_inner());
        items.sort_by(|a, b| sort_key(a).partial_cmp(&sort_key(b)).unwrap_or(std::cmp::Ordering::Equal));
        items.dedup();
        items
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn sort_key(d: &Diagnostic) -> (Option<PathBuf>, usize, usize, Severity, &'static str) {
    let (file, line, column) = match &d.location {
        Some(l) => (Some(l.file.clone()), l.line, l.column),
        None => (None, 0, 0),
    };
    (file, line, column, d.severity, d.msg.code())
}

/// One diagnostic as machine-readable JSON (`loa check --format json`).
#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl JsonDiagnostic {
    pub fn new(d: &Diagnostic, lang: Lang) -> JsonDiagnostic {
        let text = d.msg.text(lang).clipped();
        let located = d.location.as_ref().filter(|l| l.line > 0);
        JsonDiagnostic {
            file: d.location.as_ref().map(|l| display_path(&l.file)),
            line: located.map(|l| l.line),
            column: located.map(|l| l.column),
            severity: d.severity,
            code: d.msg.code(),
            message: text.what,
            help: text.help,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "---\ntitle: Đăng ký\nbad: x\n";
        let offset = text.find("bad").unwrap();
        let loc = Location::in_text(Path::new("a.md"), text, offset..offset + 3);
        assert_eq!((loc.line, loc.column, loc.width), (3, 1, 3));
        let offset = text.find("ký").unwrap();
        let loc = Location::in_text(Path::new("a.md"), text, offset..offset + "ký".len());
        assert_eq!((loc.line, loc.column, loc.width), (2, 13, 2));
        assert_eq!(loc.source_line, "title: Đăng ký");
    }

    #[test]
    fn huge_values_and_lines_are_cut() {
        let title = "Đ".repeat(5_000_000);
        let text = format!("---\ntitle: {title}\n---\n");
        let at = Location::in_text(Path::new("a.md"), &text, 4..text.len() - 5);
        let d = Diagnostic::error(
            Msg::PosterTextTooLong {
                field: "title".into(),
                text: title,
                reason: crate::poster::Misfit::NoRoom,
            },
            Some(at),
        );
        let shown = d.render(Lang::Vi, false);
        assert!(shown.len() < 4_000, "{} bytes", shown.len());
        assert!(shown.contains("a.md:2:1"));
        let long = "ab".repeat(500);
        let (window, column) = line_window(&long, 700);
        assert_eq!((window.chars().count(), column), (LINE_SHOWN, LINE_SHOWN / 2));
    }
}
