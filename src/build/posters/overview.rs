//! Section overviews in large format: for each section with posters and
//! each `posters.pano` size, a pano that names the section, lists its first
//! guides and leads by QR code to the section's page
//! (`posters/cu-tru/pano-80x120.pdf`). Cached by their inputs like posters;
//! one that does not fit is a warning at the section's `_index.md`.

use super::errors::Problems;
use super::plan::{Plan, qr_text};
use super::render::Renderer;
use crate::content::PageId;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::{Derived, Pano, PdfMeta, PosterData};

/// A pano lists at most this many guides; more become "and N more".
const LISTED: usize = 4;

/// One section's overview, decided but not drawn.
pub struct Overview {
    pub section: PageId,
    pub data: PosterData,
    pub meta: PdfMeta,
    /// `posters/cu-tru/`.
    pub dir: String,
}

impl Overview {
    /// `posters/cu-tru/pano-80x120.pdf`.
    pub fn file(&self, pano: Pano) -> String {
        format!("{}pano-{}.pdf", self.dir, pano.name())
    }
}

impl Renderer<'_> {
    /// The overview of every section with posters, when panos are wanted.
    pub(super) fn overviews(&self, plan: &Plan) -> Vec<Overview> {
        if self.config.pano.is_empty() {
            return Vec::new();
        }
        plan.sheets.iter().filter_map(|(section, jobs)| self.overview(plan, *section, jobs)).collect()
    }

    fn overview(&self, plan: &Plan, section: PageId, jobs: &[usize]) -> Option<Overview> {
        let page = &self.content.pages[section];
        let first = &plan.jobs.get(*jobs.first()?)?.data;
        let url = qr_text(self.config, &page.path).ok()?;
        let address = crate::build::short::printed(&self.config.permalink(&page.path));
        let labels: Vec<String> = jobs.iter().map(|&j| plan.jobs[j].label.clone()).collect();
        let steps = if labels.len() > LISTED {
            let more = (labels.len() - (LISTED - 1)).to_string();
            let mut steps = labels[..LISTED - 1].to_vec();
            steps.push(self.strings.fill("pano_more_guides", &[("count", &more)]));
            steps
        } else {
            labels
        };
        let description = page.front.description.clone().unwrap_or_default();
        let data = PosterData {
            title: page.front.title.clone(),
            short_title: page.front.short_title.clone().unwrap_or_default(),
            subtitle: description.split_inclusive(". ").next().unwrap_or_default().trim().to_string(),
            steps,
            call_to_action: self.strings.get("pano_overview_call_to_action").to_string(),
            derived: Derived { steps: true, subtitle: true },
            url,
            address,
            note: String::new(),
            page_label: crate::fs::display(&page.file),
            ..first.clone()
        };
        let meta = PdfMeta { title: page.front.title.clone(), ..plan.jobs[jobs[0]].meta.clone() };
        Some(Overview { section, data, meta, dir: format!("{}{}", super::files::DIR, page.path) })
    }

    /// Draws (or reuses) every overview pano; returns the cache keys.
    pub(super) fn draw_overviews(
        &self,
        overviews: &[Overview],
        problems: &Problems,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let mut keys = Vec::new();
        for overview in overviews {
            let files: Vec<String> = self.config.pano.iter().map(|&p| overview.file(p)).collect();
            let id = format!("{}overview", overview.dir);
            let key = self.key(&("overview", &overview.data, &overview.meta, &self.config.pano));
            if self.reuse(&id, &key, &files) {
                keys.push((id, key));
                continue;
            }
            let mut complete = true;
            for &pano in &self.config.pano {
                let pdf = self
                    .clock
                    .time("pano pdf", || self.engine.pano(&overview.data, pano)?.pdf(&overview.meta));
                match pdf {
                    Ok(pdf) => self.staging.write(&overview.file(pano), &pdf)?,
                    Err(error) => {
                        let page = &self.content.pages[overview.section];
                        problems.pano(overview.section, pano, error, page);
                        complete = false;
                    }
                }
            }
            if complete {
                keys.push((id, key));
            }
        }
        Ok(keys)
    }
}
