//! Poster engine errors as located diagnostics: at the page whose text
//! does not fit, or at the theme file that is wrong.

use std::path::Path;

use super::plan::Plan;
use crate::content::Content;
use crate::content::front_matter::key_line;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::poster::PosterError;
use crate::theme::Theme;

/// A sheet's or sticker page's error, blamed on the page whose label or URL
/// is too long; `file` names the sheet.
pub fn sheet_error(error: PosterError, file: &str, plan: &Plan, content: &Content) -> Diagnostic {
    let text = match &error {
        PosterError::TextDoesNotFit { text, .. } | PosterError::MissingGlyph { text, .. } => text.clone(),
        _ => String::new(),
    };
    let culprit =
        plan.jobs.iter().find(|j| !text.is_empty() && (text.contains(&j.label) || text == j.data.url));
    let mut diagnostic = match culprit {
        Some(job) => {
            let page = &content.pages[job.page];
            poster_error_at(error, &page.file, &page.source)
        }
        None => poster_error(error, None),
    };
    if let Msg::PosterTextTooLong { reason, .. } = &mut diagnostic.msg {
        reason.push_str(&format!("; {file}"));
    }
    diagnostic
}

/// A poster error as a diagnostic at the page's `poster:` (or `title:`) line.
pub fn poster_error_at(error: PosterError, file: &Path, source: &str) -> Diagnostic {
    let key = if source.lines().any(|l| l.starts_with("poster:")) { "poster" } else { "title" };
    let mut diagnostic = poster_error(error, None);
    diagnostic.location = Some(Box::new(key_line(file, source, key)));
    diagnostic
}

/// Turns engine errors into catalogue messages.
pub fn poster_error(error: PosterError, theme: Option<&Theme>) -> Diagnostic {
    let msg = match error {
        PosterError::TextDoesNotFit { field, text, reason, .. } => {
            Msg::PosterTextTooLong { field, text, reason }
        }
        PosterError::MissingGlyph { ch, text, .. } => Msg::PosterMissingGlyph { ch, text },
        PosterError::Qr { message, .. } => Msg::PosterFailed { detail: message },
        PosterError::Template { file, line, message } => {
            let origin = theme
                .and_then(|t| t.under("posters/").find(|(n, _)| *n == file).map(|(_, f)| f.origin.clone()))
                .unwrap_or_else(|| Path::new("themes/default/posters").join(&file));
            let location = (line > 0).then(|| Location { line, column: 1, ..Location::file(&origin) });
            return Diagnostic::error(
                Msg::TemplateError { detail: message },
                location.or(Some(Location::file(&origin))),
            );
        }
        PosterError::Font(detail) | PosterError::Render(detail) => Msg::PosterFailed { detail },
    };
    // Not tied to one page: the theme's poster files are what to look at.
    Diagnostic::error(msg, Some(Location::file(Path::new("themes/default/posters"))))
}
