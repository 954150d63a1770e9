//! Drawing the posters and link-preview images, in parallel, each cached by
//! a hash of its inputs: when the previous output holds files made from the
//! same inputs (and untouched since), they are linked over instead.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use super::clock::Clock;
use super::errors::Problems;
use super::plan::{Card, Job, Plan};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Report};
use crate::output::{Record, Sink, Staging};
use crate::poster::{Pano, Paper, PosterEngine, PosterError, encode_qr, qr_version};
use crate::progress::Progress;
use crate::templates::Templates;
use crate::theme::Strings;

/// Screen resolution of gallery thumbnails (an A4 page ≈ 250 px wide).
const THUMB_DPI: f32 = 30.0;
const PRINT_DPI: f32 = 300.0;

/// Everything the stage renders from.
pub struct Renderer<'a> {
    pub engine: &'a PosterEngine,
    pub content: &'a Content,
    pub config: &'a Config,
    pub strings: &'a Strings,
    /// Hash of the theme's poster templates and fonts and of loa itself.
    pub theme_key: String,
    pub staging: &'a Staging<'a>,
    /// The output folder of the previous build and its record, to reuse from.
    pub previous: Option<(&'a Path, &'a Record)>,
    pub progress: &'a dyn Progress,
    /// CPU time of each part, for `build -v`.
    pub clock: Clock,
}

/// What the stage produced, for the record and the gallery.
#[derive(Default)]
pub struct Made {
    pub count: usize,
    pub rendered: usize,
    /// Pages whose poster could not be made (each a warning).
    pub failed: usize,
    /// Placement copies made (drawn or reused), and how many were drawn.
    pub placed: usize,
    pub placed_rendered: usize,
    /// Cache keys (`posters/…/` → hash) for the next build.
    pub keys: BTreeMap<String, String>,
    /// Milliseconds of each part of the stage, for `build -v`.
    pub timings: Vec<(&'static str, u128)>,
    /// CPU milliseconds and count of each part of drawing, for `build -v`.
    pub cpu: Vec<(&'static str, f64, usize)>,
}

/// Times one part of the stage into `timings`.
fn timed<T>(timings: &mut Vec<(&'static str, u128)>, name: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = work();
    timings.push((name, started.elapsed().as_millis()));
    out
}

impl Renderer<'_> {
    /// Every file of the stage: posters and cards, the placements' copies,
    /// then the files made of many posters (bundle, stickers, sheets) and
    /// the manifest and gallery. A poster that cannot be made is a
    /// warning, never an error.
    pub fn render(&self, plan: &Plan, templates: &Templates, report: &Report) -> Made {
        let copies: usize = plan.placements.iter().map(|set| set.jobs.len()).sum();
        self.progress.start("posters", plan.jobs.len() + plan.cards.len() + copies);
        let problems = Problems::default();
        // Each placement's problems apart: a copy that failed in one set
        // was still made in the others.
        let placed: Vec<Problems> = plan.placements.iter().map(|_| Problems::default()).collect();
        let mut made = self.render_all(plan, templates, &problems, &placed, report);
        made.cpu = self.clock.take();
        self.progress.finish();
        for (set, set_problems) in plan.placements.iter().zip(placed) {
            set_problems.report_placed(&set.placement.name, &problems, report);
        }
        problems.report(report);
        made
    }

    fn render_all(
        &self,
        plan: &Plan,
        templates: &Templates,
        problems: &Problems,
        placed: &[Problems],
        report: &Report,
    ) -> Made {
        let mut timings = Vec::new();
        let results: Vec<Option<Drawn>> = timed(&mut timings, "  posters: pages", || {
            plan.jobs
                .par_iter()
                .inspect(|_| self.progress.tick())
                .map(|job| report.ok(self.poster(job, problems)).flatten())
                .collect()
        });
        let cards: Vec<Option<String>> = timed(&mut timings, "  posters: share cards", || {
            plan.cards
                .par_iter()
                .inspect(|_| self.progress.tick())
                .map(|card| report.ok(self.card(card, problems)).flatten())
                .collect()
        });
        let overview_keys =
            timed(&mut timings, "  posters: overviews", || self.draw_overviews(&plan.overviews, problems));
        let mut made = Made { timings, ..Made::default() };
        match overview_keys {
            Ok(keys) => made.keys.extend(keys),
            Err(problem) => report.push(problem),
        }
        for (card, key) in plan.cards.iter().zip(cards) {
            made.keys.insert(card.file.clone(), key.unwrap_or_default());
        }
        let mut versions = Vec::with_capacity(results.len());
        for (job, result) in plan.jobs.iter().zip(results) {
            let drawn = result.unwrap_or_default();
            made.rendered += usize::from(drawn.fresh);
            if !drawn.key.is_empty() {
                made.keys.insert(job.files.dir.clone(), drawn.key);
            }
            versions.push(drawn.version);
        }
        let mut timings = std::mem::take(&mut made.timings);
        if !plan.placements.is_empty() {
            timed(&mut timings, "  posters: placements", || {
                self.placements(plan, problems, placed, &mut made, report)
            });
        }
        let print = [
            timed(&mut timings, "  posters: all-a4", || self.bundle(plan, problems, &mut made)),
            timed(&mut timings, "  posters: stickers", || self.stickers(plan, problems, &mut made)),
            timed(&mut timings, "  posters: sheets", || self.sheets(plan, problems, &mut made)),
        ];
        made.failed = problems.count();
        made.count = plan.jobs.len() - made.failed;
        let lists = timed(&mut timings, "  posters: lists", || {
            [
                self.manifest(plan, &versions, problems, placed),
                self.gallery(plan, &versions, problems, placed, templates),
            ]
        });
        made.timings = timings;
        for result in print.into_iter().chain(lists) {
            if let Err(problem) = result {
                report.push(problem);
            }
        }
        made
    }

    /// Renders (or reuses) one page's files. `None` when the poster cannot
    /// be made (the reason goes to `problems`); `Err` only when a file
    /// cannot be written.
    pub(super) fn poster(&self, job: &Job, problems: &Problems) -> Result<Option<Drawn>, Diagnostic> {
        match self.draw(job, problems) {
            Ok(Drawing::Reused(drawn)) => Ok(Some(drawn)),
            Ok(Drawing::Fresh(drawn, files)) => {
                // Written only once every format is made: never half a set.
                self.clock.time("write files", || {
                    files.iter().try_for_each(|(rel, bytes)| self.staging.write(rel, bytes))
                })?;
                Ok(Some(drawn))
            }
            Err(error) => {
                problems.page(job.page, error, &self.content.pages[job.page]);
                Ok(None)
            }
        }
    }

    fn draw(&self, job: &Job, problems: &Problems) -> Result<Drawing, PosterError> {
        let key = self.key(&job_inputs(job));
        let version = qr_version(&job.data.url, job.data.ecc)?;
        if self.reuse(&job.files.dir, &key, &job.files.all()) {
            return Ok(Drawing::Reused(Drawn { key, fresh: false, version }));
        }
        let mut files = draw_timed(self.engine, job, &self.clock)?;
        let mut complete = true;
        for (pano, pdf) in draw_panos(self.engine, job, &self.clock) {
            match pdf {
                Ok(pdf) => files.push((job.files.pano(pano), pdf)),
                Err(error) => {
                    problems.pano(job.page, pano, error, &self.content.pages[job.page]);
                    complete = false;
                }
            }
        }
        // A set with a pano missing is not reused: it is tried (and its
        // warning given) again next build.
        let key = if complete { key } else { String::new() };
        Ok(Drawing::Fresh(Drawn { key, fresh: true, version }, files))
    }

    /// Renders (or reuses) one page's link-preview image; returns its key.
    fn card(&self, card: &Card, problems: &Problems) -> Result<Option<String>, Diagnostic> {
        let c = &card.card;
        let key = self.key(&("share", &c.title, &c.short_title, &c.unit_name, &c.host));
        if self.reuse(&card.file, &key, std::slice::from_ref(&card.file)) {
            return Ok(Some(key));
        }
        match self.clock.time("share card png", || self.engine.share_card(c)) {
            Ok(png) => self.staging.write(&card.file, &png).map(|()| Some(key)),
            Err(error) => {
                problems.page(card.page, error, &self.content.pages[card.page]);
                Ok(None)
            }
        }
    }

    pub fn key<T: Serialize>(&self, inputs: &T) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.theme_key.as_bytes());
        hasher.update(&serde_json::to_vec(inputs).unwrap_or_default());
        hasher.finalize().to_hex().to_string()
    }

    /// Links last build's files into the staging folder when they were made
    /// from the same inputs and nobody touched them since.
    pub fn reuse(&self, id: &str, key: &str, files: &[String]) -> bool {
        let Some((folder, record)) = self.previous else { return false };
        if record.poster_keys.get(id).map(String::as_str) != Some(key) {
            return false;
        }
        record.files_untouched(folder, files) && self.staging.link_all(folder, files)
    }
}

/// Every file of one page's poster: a PDF per paper, the A4 PNG and
/// outlined SVG, the gallery thumbnail, the QR code alone and the panos
/// that can be made.
pub fn draw_set(engine: &PosterEngine, job: &Job) -> Result<Vec<(String, Vec<u8>)>, PosterError> {
    let clock = Clock::new(false);
    let mut files = draw_timed(engine, job, &clock)?;
    for (pano, pdf) in draw_panos(engine, job, &clock) {
        files.extend(pdf.ok().map(|pdf| (job.files.pano(pano), pdf)));
    }
    Ok(files)
}

/// Each pano PDF of a page, or why it cannot be made.
fn draw_panos(engine: &PosterEngine, job: &Job, clock: &Clock) -> Vec<(Pano, Result<Vec<u8>, PosterError>)> {
    let draw = |pano| clock.time("pano pdf", || engine.pano(&job.data, pano)?.pdf(&job.meta));
    job.panos.iter().map(|&pano| (pano, draw(pano))).collect()
}

/// As `draw_set`, timing each part on `clock`. Each paper is laid out,
/// checked and parsed once; every format is drawn from that.
fn draw_timed(
    engine: &PosterEngine,
    job: &Job,
    clock: &Clock,
) -> Result<Vec<(String, Vec<u8>)>, PosterError> {
    let mut files = Vec::new();
    for &paper in &job.papers {
        let poster = clock.time(part(paper, false), || engine.poster(&job.data, paper))?;
        files.push((job.files.pdf(paper), clock.time(part(paper, true), || poster.pdf(&job.meta))?));
        if paper == Paper::A4 {
            let png = clock.time("a4 png 300 dpi", || engine.poster_png(&poster, PRINT_DPI))?;
            files.push((job.files.png(), png));
            let svg = clock.time("a4 svg outlined", || poster.outlined_svg());
            files.push((job.files.svg(), svg.into_bytes()));
        }
        if paper == job.papers[0] {
            let thumb = clock.time("thumbnail png", || engine.poster_png(&poster, THUMB_DPI))?;
            files.push((job.files.thumb(), thumb));
        }
    }
    let qr = clock.time("qr svg", || encode_qr(&job.data.url, job.data.ecc))?;
    files.push((job.files.qr(), qr.standalone_svg().into_bytes()));
    Ok(files)
}

/// A hash of everything a page's poster files are made from (the theme
/// aside).
pub fn job_key(job: &Job) -> String {
    blake3::hash(&serde_json::to_vec(&job_inputs(job)).unwrap_or_default()).to_hex().to_string()
}

/// One page's poster files, drawn or reused.
#[derive(Default)]
pub(super) struct Drawn {
    /// The hash of their inputs.
    pub key: String,
    /// Drawn now, not reused.
    pub fresh: bool,
    /// The QR code's version.
    pub version: u8,
}

enum Drawing {
    Reused(Drawn),
    /// Drawn, with the files still to write.
    Fresh(Drawn, Vec<(String, Vec<u8>)>),
}

/// Everything a page's poster files are made from: all of its data (a
/// field left out here would leave a stale poster), papers and metadata.
fn job_inputs(job: &Job) -> impl Serialize + '_ {
    let papers: Vec<&str> = job.papers.iter().map(|p| p.name()).collect();
    (&job.data, papers, &job.meta, &job.panos)
}

/// The clock's name for laying out (`pdf` false) or writing the PDF of a paper.
fn part(paper: Paper, pdf: bool) -> &'static str {
    match (paper, pdf) {
        (Paper::A3, false) => "a3 layout + checks",
        (Paper::A4, false) => "a4 layout + checks",
        (Paper::A5, false) => "a5 layout + checks",
        (Paper::A3, true) => "a3 pdf",
        (Paper::A4, true) => "a4 pdf",
        (Paper::A5, true) => "a5 pdf",
    }
}
