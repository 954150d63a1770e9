//! Placement print sets (`posters.placements`): for every place where
//! posters hang, a copy of each page's poster whose code carries the place
//! in its tracking query (`?src=poster&noi=cho`, so `loa report` can count
//! scans per place) and whose footer says where it hangs, under
//! `posters/dia-diem/<code>/`, with the place's own all-A4 bundle.
//!
//! `sets` decides the copies from the generic plan; the renderer draws them
//! after the generic posters, through the same cache (a copy's inputs hold
//! its code and footer, so renaming one place redraws that set alone);
//! `validate` is what `check` asks. A page whose generic poster failed gets
//! no copies: the same text would fail again, and its warning is given once.

use rayon::prelude::*;

use super::errors::Problems;
use super::files;
use super::plan::{Job, PlacementSet, Plan};
use super::render::{Made, Renderer};
use crate::config::{Config, Placement};
use crate::content::Content;
use crate::diagnostics::Report;
use crate::poster::{PosterData, PosterEngine, qr_version};
use crate::theme::Strings;

/// Every placement's copies of the planned posters, in the plan's order.
pub fn sets(plan: &Plan, config: &Config, strings: &Strings) -> Vec<PlacementSet> {
    if plan.jobs.is_empty() {
        return Vec::new();
    }
    let set = |placement: &Placement| {
        let line = strings.fill("poster_placement", &[("name", &placement.name)]);
        let tracking = placement.tracking(&config.posters.tracking);
        PlacementSet {
            placement: placement.clone(),
            jobs: plan.jobs.iter().map(|job| copy(job, &placement.code, &tracking, &line)).collect(),
            bundle: files::placement_bundle(&placement.code),
        }
    };
    config.placements.iter().map(set).collect()
}

/// A page's poster for one placement: the same words and sizes, the code
/// with the placement's query, the placement's line in the footer.
fn copy(job: &Job, code: &str, tracking: &str, line: &str) -> Job {
    let data = PosterData {
        url: with_query(&job.data.url, tracking),
        placement: line.to_string(),
        ..job.data.clone()
    };
    Job {
        page: job.page,
        data,
        papers: job.papers.clone(),
        panos: job.panos.clone(),
        files: job.files.for_placement(code),
        label: job.label.clone(),
        meta: job.meta.clone(),
    }
}

/// The poster's code text with `tracking` as its query: the same host and
/// short address, so the printed address still matches the code.
fn with_query(poster_url: &str, tracking: &str) -> String {
    let base = poster_url.split_once('?').map_or(poster_url, |(base, _)| base);
    format!("{base}?{tracking}")
}

/// Whether `job`, a copy in a set, was made: its page's generic poster and
/// the copy itself both were.
pub(super) fn copy_made(job: &Job, generic: &Problems, placed: &Problems) -> bool {
    !generic.failed(job.page) && !placed.failed(job.page)
}

impl Renderer<'_> {
    /// Draws (or reuses) every placement's copies, in parallel, then each
    /// placement's bundle. Problems go to the set's own `placed` entry.
    pub(super) fn placements(
        &self,
        plan: &Plan,
        generic: &Problems,
        placed: &[Problems],
        made: &mut Made,
        report: &Report,
    ) {
        let work: Vec<(usize, &Job)> = plan
            .placements
            .iter()
            .enumerate()
            .flat_map(|(s, set)| set.jobs.iter().map(move |job| (s, job)))
            .collect();
        let drawn: Vec<_> = work
            .par_iter()
            .inspect(|_| self.progress.tick())
            .map(|&(s, job)| match generic.failed(job.page) {
                true => None,
                false => report.ok(self.poster(job, &placed[s])).flatten(),
            })
            .collect();
        for ((_, job), drawn) in work.iter().zip(drawn) {
            let Some(drawn) = drawn else { continue };
            made.placed += 1;
            made.placed_rendered += usize::from(drawn.fresh);
            if !drawn.key.is_empty() {
                made.keys.insert(job.files.dir.clone(), drawn.key);
            }
        }
        for (set, problems) in plan.placements.iter().zip(placed) {
            let jobs: Vec<&Job> = set.jobs.iter().filter(|j| copy_made(j, generic, problems)).collect();
            let site = self.config.title.as_str();
            let title =
                self.strings.fill("placement_bundle_title", &[("site", site), ("name", &set.placement.name)]);
            if let Err(problem) = self.bundle_of(&jobs, &set.bundle, title, problems, made) {
                report.push(problem);
            }
        }
    }
}

/// What `check` asks of the copies without drawing them: every code must
/// encode (a long address plus the placement's query can pass the largest
/// version); the first copy of each set is laid out in every size (its
/// footer line is the one other change), and so is any copy whose code
/// came out larger than its generic poster's. One warning per copy, naming
/// the placement; none for a page whose generic poster already failed.
pub fn validate(plan: &Plan, engine: &PosterEngine, content: &Content, generic: &Problems, report: &Report) {
    let placed: Vec<Problems> = plan.placements.iter().map(|_| Problems::default()).collect();
    let first = plan.jobs.iter().position(|j| !generic.failed(j.page));
    let work: Vec<(usize, usize, &Job)> = plan
        .placements
        .iter()
        .enumerate()
        .flat_map(|(s, set)| set.jobs.iter().enumerate().map(move |(i, job)| (s, i, job)))
        .filter(|(_, _, job)| !generic.failed(job.page))
        .collect();
    work.par_iter().for_each(|&(s, i, job)| {
        let page = &content.pages[job.page];
        let version = match qr_version(&job.data.url, job.data.ecc) {
            Ok(version) => version,
            Err(e) => return placed[s].page(job.page, e, page),
        };
        let generic_version = qr_version(&plan.jobs[i].data.url, job.data.ecc).unwrap_or(0);
        if Some(i) != first && version <= generic_version {
            return;
        }
        if let Some(e) = job.papers.iter().find_map(|&paper| engine.poster_svg(&job.data, paper).err()) {
            return placed[s].page(job.page, e, page);
        }
        for &pano in &job.panos {
            if let Err(e) = engine.check_pano(&job.data, pano) {
                placed[s].pano(job.page, pano, e, page);
            }
        }
    });
    for (set, problems) in plan.placements.iter().zip(placed) {
        problems.report_placed(&set.placement.name, generic, report);
    }
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn the_copy_keeps_the_address_and_takes_the_placement_query() {
        let cases = [
            ("https://x.org/a/?src=poster", "src=poster&noi=cho", "https://x.org/a/?src=poster&noi=cho"),
            ("https://x.org/kh/", "noi=cho", "https://x.org/kh/?noi=cho"),
        ];
        for (poster, tracking, want) in cases {
            assert_eq!(with_query(poster, tracking), want);
        }
    }
}
