//! What `loa check` asks of posters without drawing a file: every poster,
//! pano, sheet and sticker page laid out, and QR codes dense enough to be hard
//! to scan on a small sticker; the placements' copies as `placements.rs`
//! says. One warning per page, as in the build.

use rayon::prelude::*;

use super::errors::{Problems, culprit, poster_error};
use super::files;
use super::plan::{Job, Plan};
use crate::content::front_matter::key_line;
use crate::content::{Content, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::poster::{PosterEngine, PosterError, SheetEntry, SheetText};

/// A QR code denser than this is hard to scan on a 2.5 cm sticker
/// (modules under ~0.55 mm; print facts in the README).
pub const MAX_STICKER_QR_VERSION: u8 = 7;

/// Lays out every poster, sheet and sticker page and reports what would
/// not print: text that does not fit, missing glyphs, dense QR codes.
pub fn validate(plan: &Plan, engine: &PosterEngine, content: &Content, report: &Report) {
    let problems = Problems::default();
    lay_out_posters(plan, engine, content, &problems, report, |_| true);
    let all: Vec<usize> = (0..plan.jobs.len()).collect();
    lay_out(plan, content, &problems, all, |e| engine.sticker_svgs(&plan.sticker_text, e));
    for overview in &plan.overviews {
        for &pano in plan.jobs.first().map(|j| j.panos.as_slice()).unwrap_or_default() {
            if let Err(e) = engine.check_pano(&overview.data, pano) {
                problems.pano(overview.section, pano, e, &content.pages[overview.section]);
            }
        }
    }
    for (section, jobs) in &plan.sheets {
        let text =
            SheetText { title: content.pages[*section].front.title.clone(), ..plan.sheet_text.clone() };
        for paper in files::SHEET_PAPERS {
            lay_out(plan, content, &problems, jobs.clone(), |e| engine.sheet_svgs(&text, e, paper));
        }
    }
    super::placements::validate(plan, engine, content, &problems, report);
    problems.report(report);
}

/// Like `validate`, for the posters of `pages` alone (sheets and stickers
/// wait for the next whole check): what the preview asks after a save.
pub fn validate_pages(
    plan: &Plan,
    engine: &PosterEngine,
    content: &Content,
    pages: &[PageId],
    report: &Report,
) {
    let problems = Problems::default();
    lay_out_posters(plan, engine, content, &problems, report, |job| pages.contains(&job.page));
    problems.report(report);
}

/// Lays out each wanted poster in every paper; also warns about dense codes.
fn lay_out_posters(
    plan: &Plan,
    engine: &PosterEngine,
    content: &Content,
    problems: &Problems,
    report: &Report,
    wanted: impl Fn(&Job) -> bool + Sync,
) {
    plan.jobs.par_iter().filter(|job| wanted(job)).for_each(|job| {
        let page = &content.pages[job.page];
        match crate::poster::encode_qr(&job.data.url, job.data.ecc) {
            Ok(qr) if qr.version > MAX_STICKER_QR_VERSION => report.push(dense(page, qr.version)),
            Ok(_) => {}
            Err(e) => return problems.page(job.page, e, page),
        }
        if let Some(e) = job.papers.iter().find_map(|&paper| engine.poster_svg(&job.data, paper).err()) {
            problems.page(job.page, e, page);
        }
        for &pano in &job.panos {
            if let Err(e) = engine.check_pano(&job.data, pano) {
                problems.pano(job.page, pano, e, page);
            }
        }
    });
}

/// Lays out a sheet of `jobs`, blaming and leaving out the page that spoils it.
fn lay_out(
    plan: &Plan,
    content: &Content,
    problems: &Problems,
    mut jobs: Vec<usize>,
    layout: impl Fn(&[SheetEntry]) -> Result<Vec<String>, PosterError>,
) {
    loop {
        jobs.retain(|&j| !problems.failed(plan.jobs[j].page));
        if jobs.is_empty() {
            return;
        }
        let Err(error) = layout(&plan.entries(&jobs)) else { return };
        match culprit(&error, plan).filter(|j| jobs.contains(j)) {
            Some(job) => {
                let page = plan.jobs[job].page;
                problems.page(page, error, &content.pages[page]);
            }
            None => return problems.other(poster_error(error, None)),
        }
    }
}

/// Blames what made the address long: the alias printed as the short
/// address, else the slug, else the page.
fn dense(page: &crate::content::Page, version: u8) -> Diagnostic {
    let alias = page.front.aliases.iter().min_by_key(|(a, _)| (a.len(), a.as_str()));
    let at = match (alias, &page.front.slug) {
        (Some((_, at)), _) => at.clone(),
        (None, Some(_)) => key_line(&page.file, &page.source, "slug"),
        (None, None) => Location::file(&page.file),
    };
    Diagnostic::warning(Msg::PosterQrDense { version, max: MAX_STICKER_QR_VERSION }, Some(at))
}
