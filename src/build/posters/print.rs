//! The print files made of many posters: every A4 poster in one PDF for a
//! print shop, QR sticker sheets, and each section's index sheets.

use rayon::prelude::*;

use super::errors::{poster_error, sheet_error};
use super::files;
use super::plan::{Job, Plan};
use super::render::{Made, Renderer};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::{Paper, PdfMeta, PosterError, SheetEntry, SheetText};

/// One sheet file to make: where, titled what, with which codes, laid out how.
struct Sheet<'a, L> {
    file: &'a str,
    title: &'a str,
    entries: &'a [SheetEntry],
    layout: L,
    paper: Paper,
}

impl Renderer<'_> {
    pub(super) fn bundle(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        let jobs: Vec<&Job> = plan.jobs.iter().filter(|j| j.papers.contains(&Paper::A4)).collect();
        if jobs.is_empty() {
            return Ok(());
        }
        let file = files::BUNDLE.to_string();
        let key = self.key(&jobs.iter().map(|j| &made.keys[&j.files.dir]).collect::<Vec<_>>());
        made.keys.insert(file.clone(), key.clone());
        if self.reuse(&file, &key, std::slice::from_ref(&file)) {
            return Ok(());
        }
        let svgs: Vec<String> = jobs
            .par_iter()
            .map(|j| self.engine.poster_svg(&j.data, Paper::A4))
            .collect::<Result<_, _>>()
            .map_err(|e| poster_error(e, None))?;
        let pages: Vec<(&str, Paper)> = svgs.iter().map(|s| (s.as_str(), Paper::A4)).collect();
        let meta = PdfMeta {
            title: self.strings.fill("bundle_title", &[("site", &self.config.title)]),
            lang: self.config.language.clone(),
            date: jobs.iter().filter_map(|j| j.meta.date).max(),
        };
        let pdf = self.engine.pdf(&pages, &meta).map_err(|e| poster_error(e, None))?;
        self.staging.write(&file, &pdf)
    }

    pub(super) fn stickers(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        let all: Vec<usize> = (0..plan.jobs.len()).collect();
        let entries = plan.entries(&all);
        let title = self.strings.fill("stickers_title", &[("site", &self.config.title)]);
        let layout = |e: &[SheetEntry]| self.engine.sticker_svgs(&plan.sticker_text, e);
        let sheet =
            Sheet { file: files::STICKERS, title: &title, entries: &entries, layout, paper: Paper::A4 };
        self.sheet_file(plan, made, sheet)
    }

    pub(super) fn sheets(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        for (section, jobs) in &plan.sheets {
            let page = &self.content.pages[*section];
            let entries = plan.entries(jobs);
            let text = SheetText { title: page.front.title.clone(), ..plan.sheet_text.clone() };
            for paper in files::SHEET_PAPERS {
                let file = files::sheet(&page.path, paper);
                let layout = |e: &[SheetEntry]| self.engine.sheet_svgs(&text, e, paper);
                let sheet = Sheet { file: &file, title: &page.front.title, entries: &entries, layout, paper };
                self.sheet_file(plan, made, sheet)?;
            }
        }
        Ok(())
    }

    fn sheet_file<L>(&self, plan: &Plan, made: &mut Made, sheet: Sheet<'_, L>) -> Result<(), Diagnostic>
    where
        L: Fn(&[SheetEntry]) -> Result<Vec<String>, PosterError>,
    {
        if sheet.entries.is_empty() {
            return Ok(());
        }
        let pairs: Vec<(&str, &str)> =
            sheet.entries.iter().map(|e| (e.label.as_str(), e.url.as_str())).collect();
        let key = self.key(&(sheet.title, &pairs, sheet.paper.name()));
        made.keys.insert(sheet.file.to_string(), key.clone());
        if self.reuse(sheet.file, &key, &[sheet.file.to_string()]) {
            return Ok(());
        }
        let svgs =
            (sheet.layout)(sheet.entries).map_err(|e| sheet_error(e, sheet.file, plan, self.content))?;
        let pages: Vec<(&str, Paper)> = svgs.iter().map(|s| (s.as_str(), sheet.paper)).collect();
        let meta = PdfMeta { title: sheet.title.to_string(), lang: self.config.language.clone(), date: None };
        let pdf = self.engine.pdf(&pages, &meta).map_err(|e| poster_error(e, None))?;
        self.staging.write(sheet.file, &pdf)
    }
}
