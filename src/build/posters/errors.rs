//! Poster problems as located warnings. A poster that cannot be made never
//! holds the website back: its page is built, the other posters too, and
//! the problem is one warning at the line of the text that does not fit
//! (the `title:`, the step, the `description:` …), one per page however
//! many formats it spoils. `check --strict` fails on them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::plan::Plan;
use crate::content::front_matter::key_line;
use crate::content::{Page, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::{Lang, Msg};
use crate::poster::{Pano, PosterError};
use crate::theme::Theme;

/// Poster problems found so far: the first per page, and those of no page.
#[derive(Default)]
pub struct Problems {
    by_page: Mutex<BTreeMap<PageId, Diagnostic>>,
    /// Panos that could not be made, while the page's other posters were.
    panos: Mutex<BTreeMap<(PageId, String), Diagnostic>>,
    other: Mutex<Vec<Diagnostic>>,
}

impl Problems {
    /// Records a page's problem, unless the page has one already.
    pub fn page(&self, page: PageId, error: PosterError, source: &Page) {
        let mut by_page = self.by_page.lock().unwrap_or_else(|e| e.into_inner());
        by_page.entry(page).or_insert_with(|| at_page(error, source));
    }

    /// Records why one pano of a page could not be made.
    pub fn pano(&self, page: PageId, pano: Pano, error: PosterError, source: &Page) {
        let mut problem = at_page(error, source);
        problem.msg = Msg::PanoNotMade { size: pano.name(), why: Box::new(problem.msg) };
        let mut panos = self.panos.lock().unwrap_or_else(|e| e.into_inner());
        panos.insert((page, pano.name()), problem);
    }

    /// Whether pano `size` ("80x120") of page `page` is missing.
    pub fn pano_failed(&self, page: PageId, size: &str) -> bool {
        let panos = self.panos.lock().unwrap_or_else(|e| e.into_inner());
        panos.contains_key(&(page, size.to_string()))
    }

    /// Records a problem of no page (a theme template, a font).
    pub fn other(&self, problem: Diagnostic) {
        let mut other = self.other.lock().unwrap_or_else(|e| e.into_inner());
        if !other.contains(&problem) {
            other.push(problem);
        }
    }

    pub fn failed(&self, page: PageId) -> bool {
        self.by_page.lock().unwrap_or_else(|e| e.into_inner()).contains_key(&page)
    }

    /// Why page `page` has no poster, in the site's words, for the gallery
    /// and the manifest.
    pub fn reason(&self, page: PageId) -> Option<String> {
        let by_page = self.by_page.lock().unwrap_or_else(|e| e.into_inner());
        by_page.get(&page).map(|d| d.msg.text(Lang::Vi).what)
    }

    /// How many pages have no poster.
    pub fn count(&self) -> usize {
        self.by_page.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Every problem, as warnings, into `report`.
    pub fn report(self, report: &Report) {
        let by_page = self.by_page.into_inner().unwrap_or_else(|e| e.into_inner());
        report.extend(by_page.into_values());
        report.extend(self.panos.into_inner().unwrap_or_else(|e| e.into_inner()).into_values());
        report.extend(self.other.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
}

impl Problems {
    /// The problems of one placement's copies (`placements.rs`), as
    /// warnings naming the placement. A pano the page's generic poster
    /// lacks too is left to that poster's warning.
    pub fn report_placed(self, name: &str, generic: &Problems, report: &Report) {
        let placed = |mut problem: Diagnostic| {
            problem.msg = Msg::PlacementPosterFailed { name: name.to_string(), inner: Box::new(problem.msg) };
            problem
        };
        let generic_panos = generic.panos.lock().unwrap_or_else(|e| e.into_inner());
        let panos = self.panos.into_inner().unwrap_or_else(|e| e.into_inner());
        let panos = panos.into_iter().filter(|(at, _)| !generic_panos.contains_key(at)).map(|(_, d)| d);
        let by_page = self.by_page.into_inner().unwrap_or_else(|e| e.into_inner());
        let other = self.other.into_inner().unwrap_or_else(|e| e.into_inner());
        report.extend(by_page.into_values().chain(panos).chain(other).map(placed));
    }
}

/// The job whose label or address a sheet's error is about.
pub fn culprit(error: &PosterError, plan: &Plan) -> Option<usize> {
    let text = match error {
        PosterError::TextDoesNotFit { text, .. } | PosterError::MissingGlyph { text, .. } => text,
        _ => return None,
    };
    plan.jobs.iter().position(|j| !text.is_empty() && (text.contains(&j.label) || *text == j.data.url))
}

/// A page's poster problem as a warning at the line of the text that
/// does not fit: the text itself when it is found in the file, else the
/// key it comes from.
pub fn at_page(error: PosterError, page: &Page) -> Diagnostic {
    let (field, text) = match &error {
        PosterError::TextDoesNotFit { field, text, .. } => (field.clone(), text.clone()),
        PosterError::MissingGlyph { ch, text, .. } => ("text".to_string(), found_char(text, *ch)),
        _ => (String::new(), String::new()),
    };
    let mut problem = poster_error(error, None);
    problem.location = Some(Box::new(locate(page, &field, &text)));
    problem
}

/// Around a missing character, enough text to find its line.
fn found_char(text: &str, ch: char) -> String {
    let at = text.find(ch).unwrap_or(0);
    text[at..].chars().take(12).collect()
}

fn locate(page: &Page, field: &str, text: &str) -> Location {
    let needle: String = text.trim().chars().take(24).collect();
    let line = (needle.chars().count() >= 4)
        .then(|| page.source.lines().position(|l| l.contains(needle.as_str())))
        .flatten();
    if let Some(line) = line {
        let line_text = page.source.lines().nth(line).unwrap_or_default();
        let column = line_text[..line_text.find(needle.as_str()).unwrap_or(0)].chars().count() + 1;
        let mut at = Location::at_line(&page.file, &page.source, line + 1, column);
        at.width = needle.chars().count();
        return at;
    }
    let key = match field {
        "subtitle" => "description",
        "steps" | "note" => "poster",
        "url" => "slug",
        _ => "title",
    };
    key_line(&page.file, &page.source, key)
}

/// Turns engine errors into catalogue messages: warnings, since a poster
/// never stops the site.
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
            return Diagnostic::warning(
                Msg::TemplateError { detail: message },
                location.or(Some(Location::file(&origin))),
            );
        }
        PosterError::Font(detail) | PosterError::Render(detail) => Msg::PosterFailed { detail },
    };
    // Not tied to one page: the theme's poster files are what to look at.
    Diagnostic::warning(msg, Some(Location::file(Path::new("themes/default/posters"))))
}
