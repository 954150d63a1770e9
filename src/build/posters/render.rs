//! Drawing the posters and link-preview images, in parallel, each cached by
//! a hash of its inputs: when the previous output holds files made from the
//! same inputs (and untouched since), they are linked over instead.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::errors::poster_error_at;
use super::plan::{Card, Job, Plan};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Report};
use crate::output::{Record, Sink, Staging};
use crate::poster::{Paper, PosterEngine};
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
}

/// What the stage produced, for the record and the gallery.
#[derive(Default)]
pub struct Made {
    pub count: usize,
    pub rendered: usize,
    /// Cache keys (`posters/…/` → hash) for the next build.
    pub keys: BTreeMap<String, String>,
}

impl Renderer<'_> {
    /// Every file of the stage: posters and cards, then the files made of
    /// many posters (bundle, stickers, sheets) and the manifest and gallery.
    pub fn render(&self, plan: &Plan, templates: &Templates, report: &Report) -> Made {
        self.progress.start("posters", plan.jobs.len() + plan.cards.len());
        let made = self.render_all(plan, templates, report);
        self.progress.finish();
        made
    }

    fn render_all(&self, plan: &Plan, templates: &Templates, report: &Report) -> Made {
        let results: Vec<Option<(String, bool, u8)>> = plan
            .jobs
            .par_iter()
            .inspect(|_| self.progress.tick())
            .map(|job| report.ok(self.poster(job)))
            .collect();
        if report.has_errors() {
            return Made::default();
        }
        let cards: Vec<Option<String>> = plan
            .cards
            .par_iter()
            .inspect(|_| self.progress.tick())
            .map(|card| report.ok(self.card(card)))
            .collect();
        let mut made = Made { count: plan.jobs.len(), ..Made::default() };
        for (card, key) in plan.cards.iter().zip(cards) {
            made.keys.insert(card.file.clone(), key.unwrap_or_default());
        }
        let mut versions = Vec::with_capacity(results.len());
        for (job, result) in plan.jobs.iter().zip(results) {
            let (key, fresh, version) = result.unwrap_or_default();
            made.rendered += usize::from(fresh);
            made.keys.insert(job.files.dir.clone(), key);
            versions.push(version);
        }
        let extras = [
            self.bundle(plan, &mut made),
            self.stickers(plan, &mut made),
            self.sheets(plan, &mut made),
            self.manifest(plan, &versions),
            self.gallery(plan, &versions, templates),
        ];
        for result in extras {
            if let Err(problem) = result {
                report.push(problem);
            }
        }
        made
    }

    /// Renders (or reuses) one page's files; returns its key, whether it was
    /// rendered, and its QR version.
    fn poster(&self, job: &Job) -> Result<(String, bool, u8), Diagnostic> {
        let page = &self.content.pages[job.page];
        let located = |e| poster_error_at(e, &page.file, &page.source);
        let qr = crate::poster::encode_qr(&job.data.url, job.data.ecc).map_err(located)?;
        let key = self.key(&job_inputs(job));
        if self.reuse(&job.files.dir, &key, &job.files.all()) {
            return Ok((key, false, qr.version));
        }
        for &paper in &job.papers {
            let svg = self.engine.poster_svg(&job.data, paper).map_err(located)?;
            let pdf = self.engine.pdf(&[(&svg, paper)], &job.meta).map_err(located)?;
            self.staging.write(&job.files.pdf(paper), &pdf)?;
            if paper == Paper::A4 {
                self.staging
                    .write(&job.files.png(), &self.engine.png(&svg, paper, PRINT_DPI).map_err(located)?)?;
                let publishable = self.engine.publishable_svg(&svg).map_err(located)?;
                self.staging.write(&job.files.svg(), publishable.as_bytes())?;
            }
            if paper == job.papers[0] {
                let thumb = self.engine.png(&svg, paper, THUMB_DPI).map_err(located)?;
                self.staging.write(&job.files.thumb(), &thumb)?;
            }
        }
        self.staging.write(&job.files.qr(), qr.standalone_svg().as_bytes())?;
        Ok((key, true, qr.version))
    }

    /// Renders (or reuses) one page's link-preview image; returns its key.
    fn card(&self, card: &Card) -> Result<String, Diagnostic> {
        let c = &card.card;
        let key = self.key(&("share", &c.title, &c.unit_name, &c.host));
        if self.reuse(&card.file, &key, std::slice::from_ref(&card.file)) {
            return Ok(key);
        }
        let page = &self.content.pages[card.page];
        let png = self.engine.share_card(c).map_err(|e| poster_error_at(e, &page.file, &page.source))?;
        self.staging.write(&card.file, &png)?;
        Ok(key)
    }

    pub(super) fn key<T: Serialize>(&self, inputs: &T) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.theme_key.as_bytes());
        hasher.update(&serde_json::to_vec(inputs).unwrap_or_default());
        hasher.finalize().to_hex().to_string()
    }

    /// Links last build's files into the staging folder when they were made
    /// from the same inputs and nobody touched them since.
    pub(super) fn reuse(&self, id: &str, key: &str, files: &[String]) -> bool {
        let Some((folder, record)) = self.previous else { return false };
        if record.poster_keys.get(id).map(String::as_str) != Some(key) {
            return false;
        }
        let intact = files.iter().all(|rel| {
            let stamp = std::fs::metadata(folder.join(rel)).ok().map(|m| crate::output::stamp(&m));
            stamp.is_some() && record.files.get(rel) == stamp.as_ref()
        });
        intact && self.staging.link_all(folder, files)
    }
}

/// Everything a page's poster files are made from.
fn job_inputs(job: &Job) -> impl Serialize + '_ {
    let d = &job.data;
    let papers: Vec<&str> = job.papers.iter().map(|p| p.name()).collect();
    (
        [&d.unit_name, &d.title, &d.subtitle, &d.url, &d.check_note, &d.contact, &d.footer],
        &d.steps,
        d.ecc.as_str(),
        papers,
        (&job.meta.title, &job.meta.lang, job.meta.date),
    )
}
