//! What `loa check` asks of posters without drawing a file: every poster,
//! sheet and sticker page laid out, and QR codes dense enough to be hard
//! to scan on a small sticker.

use rayon::prelude::*;

use super::errors::{poster_error_at, sheet_error};
use super::files;
use super::plan::Plan;
use crate::content::Content;
use crate::content::front_matter::key_line;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::poster::{PosterEngine, SheetText};

/// A QR code denser than this is hard to scan on a 2.5 cm sticker
/// (modules under ~0.55 mm; print facts in the README).
pub const MAX_STICKER_QR_VERSION: u8 = 7;

/// Lays out every poster, sheet and sticker page and reports what would
/// not print: text that does not fit, missing glyphs, dense QR codes.
pub fn validate(plan: &Plan, engine: &PosterEngine, content: &Content) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = plan
        .jobs
        .par_iter()
        .flat_map_iter(|job| {
            let page = &content.pages[job.page];
            let located = |e| poster_error_at(e, &page.file, &page.source);
            let mut found = Vec::new();
            match crate::poster::encode_qr(&job.data.url, job.data.ecc) {
                Ok(qr) if qr.version > MAX_STICKER_QR_VERSION => {
                    let at = match page.front.slug {
                        Some(_) => key_line(&page.file, &page.source, "slug"),
                        None => Location::file(&page.file),
                    };
                    let msg = Msg::PosterQrDense { version: qr.version, max: MAX_STICKER_QR_VERSION };
                    found.push(Diagnostic::warning(msg, Some(at)));
                }
                Ok(_) => {}
                Err(e) => found.push(located(e)),
            }
            for &paper in &job.papers {
                if let Err(e) = engine.poster_svg(&job.data, paper) {
                    found.push(located(e));
                    break;
                }
            }
            found
        })
        .collect();
    let all: Vec<usize> = (0..plan.jobs.len()).collect();
    if let Err(e) = engine.sticker_svgs(&plan.sticker_text, &plan.entries(&all)) {
        problems.push(sheet_error(e, files::STICKERS, plan, content));
    }
    for (section, jobs) in &plan.sheets {
        let page = &content.pages[*section];
        let text = SheetText { title: page.front.title.clone(), ..plan.sheet_text.clone() };
        for paper in files::SHEET_PAPERS {
            if let Err(e) = engine.sheet_svgs(&text, &plan.entries(jobs), paper) {
                problems.push(sheet_error(e, &files::sheet(&page.path, paper), plan, content));
            }
        }
    }
    problems
}
