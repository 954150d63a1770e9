//! The print files made of many posters: every A4 poster in one PDF for a
//! print shop, QR sticker sheets, and each section's index sheets. A page
//! whose poster could not be made is left out of them; a page whose label
//! does not fit a sheet gets its one warning and is left out too.
//!
//! None of them is drawn whole again when one poster changes. The bundle
//! joins the posters' own A4 PDFs; a sheet file joins its pages, each drawn
//! only when what it prints changed, else taken from last build's file.

use std::collections::HashMap;

use rayon::prelude::*;

use super::errors::{Problems, culprit, poster_error};
use super::files;
use super::plan::{Job, Plan};
use super::render::{Made, Renderer};
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::{Paper, PdfMeta, PdfPages, PosterError, SheetEntry, SheetPlan, SheetText, join_pdfs};

/// One sheet file to make: where, titled what, with which jobs' codes,
/// laid out how.
struct Sheet<'a, L> {
    file: &'a str,
    title: &'a str,
    jobs: Vec<usize>,
    layout: L,
}

impl Renderer<'_> {
    pub(super) fn bundle(&self, plan: &Plan, problems: &Problems, made: &mut Made) -> Result<(), Diagnostic> {
        let jobs: Vec<&Job> = plan.jobs.iter().filter(|j| !problems.failed(j.page)).collect();
        let title = self.strings.fill("bundle_title", &[("site", &self.config.title)]);
        self.bundle_of(&jobs, files::BUNDLE, title, problems, made)
    }

    /// One PDF of the A4 posters of `jobs` (those made), at `file`; kept
    /// from last build when none of them changed.
    pub(super) fn bundle_of(
        &self,
        jobs: &[&Job],
        file: &str,
        title: String,
        problems: &Problems,
        made: &mut Made,
    ) -> Result<(), Diagnostic> {
        let jobs: Vec<&Job> = jobs.iter().copied().filter(|j| j.papers.contains(&Paper::A4)).collect();
        if jobs.is_empty() {
            return Ok(());
        }
        let file = file.to_string();
        let meta = PdfMeta {
            title,
            lang: self.config.language.clone(),
            date: jobs.iter().filter_map(|j| j.meta.date).max(),
        };
        let posters: Vec<_> = jobs.iter().map(|j| made.keys.get(&j.files.dir)).collect();
        let key = self.key(&(posters, (&meta.title, &meta.lang, meta.date)));
        made.keys.insert(file.clone(), key.clone());
        if self.reuse(&file, &key, std::slice::from_ref(&file)) {
            return Ok(());
        }
        // Each poster's A4 PDF is in the staging folder by now, drawn or reused.
        let parts: Vec<Vec<u8>> = jobs
            .par_iter()
            .map(|job| {
                let path = self.staging.path(&job.files.pdf(Paper::A4));
                std::fs::read(&path).map_err(|e| crate::fs::read_error(&path, &e))
            })
            .collect::<Result<_, _>>()?;
        let pdf = self.clock.time("all-a4 join", || {
            let sources = parts.par_iter().map(|p| PdfPages::read(p)).collect::<Result<Vec<_>, _>>()?;
            let pages: Vec<(usize, usize)> = (0..sources.len()).map(|i| (i, 0)).collect();
            join_pdfs(&sources, &pages, &meta)
        });
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
        let sheet = Sheet { file: files::STICKERS, title: &title, jobs, layout };
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
                let sheet = Sheet { file: &file, title: &page.front.title, jobs, layout };
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
        let meta = PdfMeta { title: sheet.title.to_string(), lang: self.config.language.clone(), date: None };
        loop {
            sheet.jobs.retain(|&j| !problems.failed(plan.jobs[j].page));
            if sheet.jobs.is_empty() {
                return Ok(());
            }
            let entries = plan.entries(&sheet.jobs);
            let pdf =
                (sheet.layout)(&entries).and_then(|layout| self.sheet_pdf(sheet.file, &layout, &meta, made));
            match pdf {
                Ok(Some(pdf)) => return self.staging.write(sheet.file, &pdf),
                Ok(None) => return Ok(()),
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

    /// A sheet file from its pages, in parallel: each drawn afresh, or taken
    /// from last build's file when what it prints is the same; `None` when
    /// last build's file is reused whole. Records each page's key (`file#n`)
    /// for the next build.
    fn sheet_pdf(
        &self,
        file: &str,
        layout: &SheetPlan,
        meta: &PdfMeta,
        made: &mut Made,
    ) -> Result<Option<Vec<u8>>, PosterError> {
        let keys: Vec<String> =
            (0..layout.page_count()).map(|i| self.key(&(file, layout.page_inputs(i)))).collect();
        for (i, key) in keys.iter().enumerate() {
            made.keys.insert(format!("{file}#{}", i + 1), key.clone());
        }
        let key = self.key(&(&keys, (&meta.title, &meta.lang)));
        made.keys.insert(file.to_string(), key.clone());
        if self.reuse(file, &key, &[file.to_string()]) {
            return Ok(None);
        }
        let previous = self.previous_pages(file);
        let old = previous.as_ref().and_then(|(bytes, _)| PdfPages::read(bytes).ok());
        // Where each page is in last build's file, if it is there.
        let kept: Vec<Option<usize>> = keys
            .iter()
            .map(|key| previous.as_ref().filter(|_| old.is_some()).and_then(|(_, at)| at.get(key).copied()))
            .collect();
        let drawn: Vec<Option<Vec<u8>>> = kept
            .par_iter()
            .enumerate()
            .map(|(i, kept)| match kept {
                Some(_) => Ok(None),
                None => self.clock.time("sheet page (layout + pdf)", || {
                    self.engine.sheet_page(layout, i).and_then(|page| page.pdf(meta)).map(Some)
                }),
            })
            .collect::<Result<_, _>>()?;
        self.clock.time("sheet join", || {
            let mut sources: Vec<PdfPages> = old.into_iter().collect();
            let mut pages = Vec::with_capacity(kept.len());
            for (kept, new) in kept.iter().zip(&drawn) {
                match (kept, new) {
                    (Some(at), _) => pages.push((0, *at)),
                    (None, Some(pdf)) => {
                        sources.push(PdfPages::read(pdf)?);
                        pages.push((sources.len() - 1, 0));
                    }
                    (None, None) => return Err(PosterError::Render("a sheet page went missing".into())),
                }
            }
            join_pdfs(&sources, &pages, meta).map(Some)
        })
    }

    /// Last build's `file`, when it is intact, and which page of it had
    /// which key.
    fn previous_pages(&self, file: &str) -> Option<(Vec<u8>, HashMap<String, usize>)> {
        let (folder, record) = self.previous?;
        let path = folder.join(file);
        let stamp = std::fs::metadata(&path).ok().map(|m| crate::output::stamp(&m))?;
        if record.files.get(file) != Some(&stamp) {
            return None;
        }
        let prefix = format!("{file}#");
        let at: HashMap<String, usize> = record
            .poster_keys
            .iter()
            .filter_map(|(id, key)| {
                let number = id.strip_prefix(&prefix)?.parse::<usize>().ok()?;
                Some((key.clone(), number.checked_sub(1)?))
            })
            .collect();
        Some((std::fs::read(&path).ok()?, at))
    }
}
