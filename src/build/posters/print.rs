//! The print files made of many posters: every A4 poster in one PDF for a
//! print shop, QR sticker sheets, and each section's index sheets. A page
//! whose poster could not be made is left out of them; a page whose label
//! does not fit a sheet gets its one warning and is left out too.

use rayon::prelude::*;

use super::errors::{Problems, culprit, poster_error};
use super::files;
use super::plan::{Job, Plan};
use super::render::{Made, Renderer};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::{Paper, PdfMeta, Poster, PosterError, SheetEntry, SheetPlan, SheetText};

/// One sheet file to make: where, titled what, with which jobs' codes,
/// laid out how.
struct Sheet<'a, L> {
    file: &'a str,
    title: &'a str,
    jobs: Vec<usize>,
    layout: L,
    paper: Paper,
}

impl Renderer<'_> {
    pub(super) fn bundle(&self, plan: &Plan, problems: &Problems, made: &mut Made) -> Result<(), Diagnostic> {
        let jobs: Vec<&Job> =
            plan.jobs.iter().filter(|j| j.papers.contains(&Paper::A4) && !problems.failed(j.page)).collect();
        if jobs.is_empty() {
            return Ok(());
        }
        let file = files::BUNDLE.to_string();
        let key = self.key(&jobs.iter().map(|j| made.keys.get(&j.files.dir)).collect::<Vec<_>>());
        made.keys.insert(file.clone(), key.clone());
        if self.reuse(&file, &key, std::slice::from_ref(&file)) {
            return Ok(());
        }
        let posters: Result<Vec<Poster>, PosterError> =
            jobs.par_iter().map(|j| self.engine.poster(&j.data, Paper::A4)).collect();
        let meta = PdfMeta {
            title: self.strings.fill("bundle_title", &[("site", &self.config.title)]),
            lang: self.config.language.clone(),
            date: jobs.iter().filter_map(|j| j.meta.date).max(),
        };
        let pdf = posters.and_then(|posters| self.engine.posters_pdf(&posters, &meta));
        match pdf {
            Ok(pdf) => self.staging.write(&file, &pdf),
            Err(error) => {
                problems.other(poster_error(error, None));
                Ok(())
            }
        }
    }

    pub(super) fn stickers(
        &self,
        plan: &Plan,
        problems: &Problems,
        made: &mut Made,
    ) -> Result<(), Diagnostic> {
        let jobs: Vec<usize> =
            (0..plan.jobs.len()).filter(|&j| !problems.failed(plan.jobs[j].page)).collect();
        let title = self.strings.fill("stickers_title", &[("site", &self.config.title)]);
        let layout = |e: &[SheetEntry]| self.engine.sticker_plan(&plan.sticker_text, e);
        let sheet = Sheet { file: files::STICKERS, title: &title, jobs, layout, paper: Paper::A4 };
        self.sheet_file(plan, problems, made, sheet)
    }

    pub(super) fn sheets(&self, plan: &Plan, problems: &Problems, made: &mut Made) -> Result<(), Diagnostic> {
        for (section, jobs) in &plan.sheets {
            let page = &self.content.pages[*section];
            let text = SheetText { title: page.front.title.clone(), ..plan.sheet_text.clone() };
            for paper in files::SHEET_PAPERS {
                let file = files::sheet(&page.path, paper);
                let jobs = jobs.iter().copied().filter(|&j| !problems.failed(plan.jobs[j].page)).collect();
                let layout = |e: &[SheetEntry]| self.engine.sheet_plan(&text, e, paper);
                let sheet = Sheet { file: &file, title: &page.front.title, jobs, layout, paper };
                self.sheet_file(plan, problems, made, sheet)?;
            }
        }
        Ok(())
    }

    /// Lays out and writes one sheet file. A page whose label or address
    /// spoils the layout is given its warning and left out, and the sheet
    /// is laid out again without it.
    fn sheet_file<L>(
        &self,
        plan: &Plan,
        problems: &Problems,
        made: &mut Made,
        mut sheet: Sheet<'_, L>,
    ) -> Result<(), Diagnostic>
    where
        L: Fn(&[SheetEntry]) -> Result<SheetPlan, PosterError>,
    {
        loop {
            sheet.jobs.retain(|&j| !problems.failed(plan.jobs[j].page));
            if sheet.jobs.is_empty() {
                return Ok(());
            }
            let entries = plan.entries(&sheet.jobs);
            let pairs: Vec<(&str, &str)> =
                entries.iter().map(|e| (e.label.as_str(), e.url.as_str())).collect();
            let key = self.key(&(sheet.title, &pairs, sheet.paper.name(), &plan.band));
            if self.reuse(sheet.file, &key, &[sheet.file.to_string()]) {
                made.keys.insert(sheet.file.to_string(), key);
                return Ok(());
            }
            let meta =
                PdfMeta { title: sheet.title.to_string(), lang: self.config.language.clone(), date: None };
            let pdf = (sheet.layout)(&entries).and_then(|layout| {
                let pages =
                    (0..layout.page_count()).into_par_iter().map(|i| self.engine.sheet_page(&layout, i));
                self.engine.posters_pdf(&pages.collect::<Result<Vec<_>, _>>()?, &meta)
            });
            match pdf {
                Ok(pdf) => {
                    made.keys.insert(sheet.file.to_string(), key);
                    return self.staging.write(sheet.file, &pdf);
                }
                // Blaming a page on this sheet drops it, so each round shrinks the sheet.
                Err(error) => match culprit(&error, plan).filter(|j| sheet.jobs.contains(j)) {
                    Some(job) => {
                        let page = plan.jobs[job].page;
                        problems.page(page, error, &self.content.pages[page]);
                    }
                    None => {
                        problems.other(poster_error(error, None));
                        return Ok(());
                    }
                },
            }
        }
    }
}
