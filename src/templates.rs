//! Tera set-up for the HTML templates of the theme, and turning Tera's
//! errors into located diagnostics that name the template file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::theme::Theme;

pub struct Templates {
    tera: Tera,
    /// Template name → the file it came from.
    origins: HashMap<String, PathBuf>,
    sources: HashMap<String, String>,
}

impl Templates {
    /// Loads every file under `templates/`. All syntax errors are reported.
    pub fn load(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut origins = HashMap::new();
        let mut sources = HashMap::new();
        let mut errors = Vec::new();
        for (name, file) in theme.under("templates/") {
            let text = file.text().into_owned();
            // Parse each template alone first, so every broken one is named.
            let mut alone = Tera::new();
            if let Err(err) = alone.add_raw_template(name, &text) {
                if matches!(err.kind(), ErrorKind::SyntaxError(_)) {
                    errors.push(diagnostic(
                        &err,
                        &origins_with(&origins, name, &file.origin),
                        &sources_with(&sources, name, &text),
                    ));
                }
            }
            origins.insert(name.to_string(), file.origin.clone());
            sources.insert(name.to_string(), text);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = new_tera();
        tera.add_raw_templates(sources.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|err| vec![diagnostic(&err, &origins, &sources)])?;
        Ok(Templates { tera, origins, sources })
    }

    /// Values every template sees (`site`, `config`), set once per build.
    pub fn set_globals(&mut self, globals: Context) {
        self.tera.global_context().extend(globals);
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|err| diagnostic(&err, &self.origins, &self.sources))
    }
}

/// Tera with the options loa's themes rely on.
pub fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.set_escape_fn(crate::escape::escape_for_tera);
    tera.register_filter("tel", |text: &str, _: tera::Kwargs, _: &tera::State| crate::phone::tel(text));
    tera.register_filter("thousands", |n: i64, _: tera::Kwargs, _: &tera::State| thousands(n));
    tera.register_filter("url_breaks", |text: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&url_breaks(text))
    });
    tera
}

/// `80436` → `80.436`: digits grouped as Vietnamese write them.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// An address, escaped, that a narrow screen may break only after `/`,
/// `-` or `.` (a `<wbr>` there), never inside a word: `https://` stays whole.
pub fn url_breaks(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + url.len() / 4);
    let mut rest = url;
    // The scheme and its slashes stay on one line.
    if let Some(at) = url.find("://") {
        out.push_str(&crate::escape::escape(&url[..at + 3]));
        rest = &url[at + 3..];
    }
    for c in rest.chars() {
        out.push_str(&crate::escape::escape(c.encode_utf8(&mut [0; 4])));
        if matches!(c, '/' | '-' | '.') {
            out.push_str("<wbr>");
        }
    }
    out
}

fn origins_with(
    origins: &HashMap<String, PathBuf>,
    name: &str,
    origin: &std::path::Path,
) -> HashMap<String, PathBuf> {
    let mut map = origins.clone();
    map.insert(name.to_string(), origin.to_path_buf());
    map
}

fn sources_with(sources: &HashMap<String, String>, name: &str, text: &str) -> HashMap<String, String> {
    let mut map = sources.clone();
    map.insert(name.to_string(), text.to_string());
    map
}

/// A Tera error as a diagnostic at the template's file and line.
pub fn diagnostic(
    err: &tera::Error,
    origins: &HashMap<String, PathBuf>,
    sources: &HashMap<String, String>,
) -> Diagnostic {
    let report = match err.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let mut detail = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            detail.push_str(": ");
            detail.push_str(&cause.to_string());
            source = cause.source();
        }
        return Diagnostic::error(Msg::TemplateError { detail }, Some(Location::file(Path::new("themes"))));
    };
    let name = report.filename();
    let location = origins.get(name).map(|origin| {
        let span = report.span();
        let text = sources.get(name).map(String::as_str).unwrap_or_default();
        let mut location = Location::at_line(origin, text, span.start_line, span.start_col + 1);
        if span.end_line == span.start_line && span.end_col > span.start_col {
            location.width = span.end_col - span.start_col;
        }
        location
    });
    let mut detail = report.message().to_string();
    if let Some(cause) = std::error::Error::source(err) {
        detail.push_str(": ");
        detail.push_str(&cause.to_string());
    }
    Diagnostic::error(Msg::TemplateError { detail }, location)
}

#[cfg(test)]
mod tests {
    use super::{thousands, url_breaks};

    #[test]
    fn numbers_are_grouped_with_dots() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1.000"),
            (80436, "80.436"),
            (1234567, "1.234.567"),
            (-4500, "-4.500"),
        ];
        for (n, want) in cases {
            assert_eq!(thousands(n), want);
        }
    }

    #[test]
    fn addresses_break_only_after_slashes_hyphens_and_dots() {
        assert_eq!(
            url_breaks("https://example.org/phuong-mau/?a=1&b"),
            "https://example.<wbr>org/<wbr>phuong-<wbr>mau/<wbr>?a=1&amp;b"
        );
    }
}
