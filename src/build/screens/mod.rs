//! The waiting-room screen (`man-hinh/`): a full-screen page for the TV at
//! the public-service centre that cycles through chosen guides, and the
//! same slides as 1920 × 1080 PNGs with a numbered playlist for screens
//! that only play pictures from a USB stick.
//!
//! `check_pages` (every run, `check` too) finds each `screens.pages` entry
//! among the sections and pages; `plan` picks the slides from the poster
//! plan (a slide shows a poster's title, steps and short address); `render`
//! draws them, cached by their inputs like posters, then writes the
//! playlist and the page (`page.rs`). A slide that cannot be made is a
//! warning; the site and the other slides are still made.

pub mod files;
mod page;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use super::posters::{Plan, Renderer, at_page};
use crate::config::{Config, FILE_NAME, ScreenEntry};
use crate::content::{Content, Kind, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::output::Sink;
use crate::poster::PosterData;
use crate::templates::Templates;

/// One slide, decided but not drawn.
pub struct Slide {
    pub page: PageId,
    /// The poster's data, its `url` carrying the screen's tracking.
    pub data: PosterData,
    /// `man-hinh/slides/01-kich-hoat.png`.
    pub file: String,
}

/// What the screen will show, in play order.
#[derive(Default)]
pub struct Screen {
    pub slides: Vec<Slide>,
    pub seconds: u32,
}

/// What the stage made.
#[derive(Default)]
pub struct Made {
    /// Slide file → hash of its inputs, for the next build's record.
    pub keys: BTreeMap<String, String>,
    /// Slides drawn now (the others were reused).
    pub rendered: usize,
    /// Slides made, drawn or reused.
    pub count: usize,
}

/// Reports every explicit `screens.pages` entry that names no section or
/// page, at its line in `site.yaml`, with the nearest path; and a list
/// that cannot be shown because posters are off.
pub fn check_pages(config: &Config, config_text: &str, content: &Content, report: &Report) {
    if !config.screens.enabled || !config.screens.explicit {
        return;
    }
    // Here, not in `plan`: with posters off the build makes no poster plan.
    if let Some(first) = config.screens.pages.first().filter(|_| !config.posters.enabled) {
        report.warning(Msg::ScreenNeedsPosters, Some(at(first, config_text)));
    }
    for entry in &config.screens.pages {
        if resolve(&entry.value, content).is_none() {
            let candidates = content.pages.iter().map(|p| p.path.as_str()).filter(|p| !p.is_empty());
            let suggestion = crate::suggest::nearest(&entry.value, candidates);
            let msg = Msg::ScreenPageUnknown { value: entry.value.clone(), suggestion };
            report.error(msg, Some(at(entry, config_text)));
        }
    }
}

fn at(entry: &ScreenEntry, config_text: &str) -> Location {
    Location::at_line(Path::new(FILE_NAME), config_text, entry.line, entry.column)
}

/// The pages an entry names: a section's pages in site order, or one page.
/// `dich-vu-cong`, `/dich-vu-cong/`, `vneid/kich-hoat`, `vneid/kich-hoat.md`.
fn resolve(value: &str, content: &Content) -> Option<Vec<PageId>> {
    let trimmed = value.trim().trim_matches('/');
    let id = match trimmed.strip_suffix(".md") {
        Some(source) => content.by_source.get(&format!("{source}.md")).copied(),
        None if trimmed.is_empty() => None,
        None => content.by_path.get(&format!("{trimmed}/")).copied(),
    }?;
    match content.pages[id].kind {
        Kind::Page => Some(vec![id]),
        _ => {
            let mut pages = Vec::new();
            walk(content, id, &mut pages);
            Some(pages)
        }
    }
}

fn walk(content: &Content, section: PageId, out: &mut Vec<PageId>) {
    out.extend(&content.pages[section].pages);
    for &sub in &content.pages[section].subsections {
        walk(content, sub, out);
    }
}

/// The slides: every poster page of the listed sections and pages, once,
/// in the order listed. Missing default sections are skipped quietly.
pub fn plan(
    config: &Config,
    config_text: &str,
    content: &Content,
    posters: &Plan,
    report: &Report,
) -> Screen {
    let settings = &config.screens;
    let mut screen = Screen { slides: Vec::new(), seconds: settings.seconds };
    if !settings.enabled {
        return screen;
    }
    if !config.posters.enabled {
        return screen;
    }
    let jobs: HashMap<PageId, usize> = posters.jobs.iter().enumerate().map(|(i, j)| (j.page, i)).collect();
    let mut chosen: Vec<usize> = Vec::new();
    for entry in &settings.pages {
        let Some(pages) = resolve(&entry.value, content) else { continue };
        let single = pages.len() == 1 && content.pages[pages[0]].kind == Kind::Page;
        for id in pages {
            match jobs.get(&id) {
                Some(&job) if !chosen.contains(&job) => chosen.push(job),
                Some(_) => {}
                None if single && settings.explicit => {
                    let msg = Msg::ScreenPageNoPoster { value: entry.value.clone() };
                    report.warning(msg, Some(at(entry, config_text)));
                }
                None => {}
            }
        }
    }
    let count = chosen.len();
    for (i, job) in chosen.into_iter().enumerate() {
        let job = &posters.jobs[job];
        let page = &content.pages[job.page];
        let slug = page.path.trim_end_matches('/').rsplit('/').next().unwrap_or("trang");
        let mut data = PosterData { url: tracked(&job.data.url, &settings.tracking), ..job.data.clone() };
        // A slide may leave out the last steps, even an officer's, rather
        // than be missing from the screen: the whole guide is one scan away.
        data.derived.steps = true;
        screen.slides.push(Slide { page: job.page, data, file: files::slide(i + 1, count, slug) });
    }
    screen
}

/// The poster's code text with the screen's query instead of the poster's:
/// scans from the screen are counted apart (`loa report`'s `source`).
fn tracked(poster_url: &str, tracking: &str) -> String {
    let base = poster_url.split_once('?').map_or(poster_url, |(base, _)| base);
    if tracking.is_empty() { base.to_string() } else { format!("{base}?{tracking}") }
}

/// Draws (or reuses) every slide, then writes the playlist and the page.
/// Returns what was made and, per page, its slide (for the manifest).
pub fn render(
    screen: &Screen,
    renderer: &Renderer,
    templates: &Templates,
    report: &Report,
) -> (Made, HashMap<PageId, String>) {
    let mut made = Made::default();
    let drawn: Vec<Option<(String, bool)>> =
        screen.slides.par_iter().map(|slide| report.ok(draw(slide, renderer, report)).flatten()).collect();
    let mut shown = Vec::new();
    let mut by_page = HashMap::new();
    for (slide, result) in screen.slides.iter().zip(drawn) {
        let Some((key, fresh)) = result else { continue };
        made.keys.insert(slide.file.clone(), key);
        made.rendered += usize::from(fresh);
        by_page.insert(slide.page, slide.file.clone());
        shown.push(slide);
    }
    made.count = shown.len();
    if !shown.is_empty() {
        let written = page::write(&shown, screen.seconds, renderer, templates);
        if let Err(problem) = written {
            report.push(problem);
        }
    }
    (made, by_page)
}

/// One slide's PNG: `(key, drawn now)`, `None` (with a warning) when it
/// cannot be made, `Err` when it cannot be written.
fn draw(slide: &Slide, renderer: &Renderer, report: &Report) -> Result<Option<(String, bool)>, Diagnostic> {
    let key = renderer.key(&("slide", &slide.data));
    if renderer.reuse(&slide.file, &key, std::slice::from_ref(&slide.file)) {
        return Ok(Some((key, false)));
    }
    match renderer.clock.time("slide png", || renderer.engine.slide(&slide.data)) {
        Ok(png) => renderer.staging.write(&slide.file, &png).map(|()| Some((key, true))),
        Err(error) => {
            report.push(slide_problem(error, renderer.content, slide.page));
            Ok(None)
        }
    }
}

/// Links for the officers' gallery, when the screen has slides.
pub fn links(screen: &Screen, made: &Made, config: &Config) -> Option<serde_json::Value> {
    (made.count > 0).then(|| {
        serde_json::json!({
            "page": config.url_path(files::DIR),
            "playlist": config.url_path(files::PLAYLIST),
            "list": config.url_path(files::LIST),
            "slides": made.count,
            "seconds": screen.seconds,
        })
    })
}

/// What `loa check` asks: every slide laid out and checked, not drawn; the
/// same warnings as the build.
pub fn validate(screen: &Screen, engine: &crate::poster::PosterEngine, content: &Content, report: &Report) {
    let problems: Vec<Diagnostic> = screen
        .slides
        .par_iter()
        .filter_map(|slide| {
            engine.check_slide(&slide.data).err().map(|e| slide_problem(e, content, slide.page))
        })
        .collect();
    report.extend(problems);
}

/// A slide's poster problem, located like the poster's, said of the slide.
fn slide_problem(error: crate::poster::PosterError, content: &Content, page: PageId) -> Diagnostic {
    let mut problem = at_page(error, &content.pages[page]);
    problem.msg = Msg::ScreenSlideFailed { inner: Box::new(problem.msg) };
    problem
}

#[cfg(test)]
mod tests {
    use super::tracked;

    #[test]
    fn the_screen_code_swaps_the_poster_query() {
        let cases = [
            ("https://x.org/a/?src=poster", "src=man-hinh", "https://x.org/a/?src=man-hinh"),
            ("https://x.org/a/", "src=man-hinh", "https://x.org/a/?src=man-hinh"),
            ("https://x.org/a/?src=poster", "", "https://x.org/a/"),
        ];
        for (poster, tracking, want) in cases {
            assert_eq!(tracked(poster, tracking), want);
        }
    }
}
