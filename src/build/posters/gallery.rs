//! What tells officers and tools which posters exist: `manifest.json`
//! (every poster, its QR text and files, and its placements' copies) and
//! the gallery page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::errors::Problems;
use super::files;
use super::placements::copy_made;
use super::plan::{Job, Overview, PlacementSet, Plan};
use super::render::Renderer;
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::Paper;
use crate::templates::Templates;

#[derive(Serialize)]
struct Manifest<'a> {
    /// The site still has sample text: every print file carries the band.
    sample: bool,
    posters: Vec<ManifestEntry<'a>>,
    bundle: Option<String>,
    stickers: Option<String>,
    sheets: Vec<String>,
    /// Each section's overview panos.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    overviews: Vec<OverviewEntry<'a>>,
    /// Each placement and its bundle (`posters.placements`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    placements: Vec<PlacementBundle<'a>>,
}

#[derive(Serialize)]
struct PlacementBundle<'a> {
    code: &'a str,
    name: &'a str,
    bundle: Option<&'a str>,
}

/// A placement's copy of an entry's poster.
#[derive(Serialize)]
struct PlacedEntry<'a> {
    code: &'a str,
    name: &'a str,
    qr: &'a str,
    /// The keys of the entry's poster files; empty when the copy was not made.
    files: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct OverviewEntry<'a> {
    page: String,
    title: &'a str,
    qr: &'a str,
    short: &'a str,
    files: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct ManifestEntry<'a> {
    page: String,
    title: &'a str,
    url: String,
    qr: &'a str,
    /// The address printed under the code, for typing.
    short: &'a str,
    qr_version: u8,
    ecc: &'static str,
    files: BTreeMap<String, String>,
    /// Why the poster could not be made (then there are no files).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    placements: Vec<PlacedEntry<'a>>,
}

/// An overview's panos that were made: (size, file).
fn made_panos(config: &Config, overview: &Overview, problems: &Problems) -> Vec<(String, String)> {
    config
        .pano
        .iter()
        .filter(|p| !problems.pano_failed(overview.section, &p.name()))
        .map(|&p| (p.name(), overview.file(p)))
        .collect()
}

/// The files of a placement's copy that were made, by manifest key.
fn placed_files(job: &Job, generic: &Problems, placed: &Problems) -> BTreeMap<String, String> {
    if !copy_made(job, generic, placed) {
        return BTreeMap::new();
    }
    let mut files = job.files.manifest();
    files.retain(|key, _| !pano_key_failed(key, job.page, placed));
    files
}

/// Whether a placement's bundle was made: some copy in it has an A4 PDF.
fn bundle_made(set: &PlacementSet, generic: &Problems, placed: &Problems) -> bool {
    set.jobs.iter().any(|j| j.papers.contains(&Paper::A4) && copy_made(j, generic, placed))
}

/// Whether manifest key `key` names a pano of `page` that was not made.
fn pano_key_failed(key: &str, page: crate::content::PageId, problems: &Problems) -> bool {
    key.strip_prefix("pano_")
        .and_then(|k| k.strip_suffix("_pdf"))
        .is_some_and(|size| problems.pano_failed(page, size))
}

impl Renderer<'_> {
    pub(super) fn manifest(
        &self,
        plan: &Plan,
        versions: &[u8],
        problems: &Problems,
        placed: &[Problems],
    ) -> Result<(), Diagnostic> {
        let posters = plan
            .jobs
            .iter()
            .zip(versions)
            .enumerate()
            .map(|(i, (job, version))| {
                let page = &self.content.pages[job.page];
                ManifestEntry {
                    page: page.content_path.clone(),
                    title: &job.label,
                    url: self.config.permalink(&page.path),
                    qr: &job.data.url,
                    short: job.data.printed_address(),
                    qr_version: *version,
                    ecc: job.data.ecc.as_str(),
                    files: if problems.failed(job.page) {
                        BTreeMap::new()
                    } else {
                        let mut files = self.with_video_card(job);
                        files.extend(
                            plan.page_files
                                .get(&job.page)
                                .into_iter()
                                .flatten()
                                .map(|(k, v)| (k.to_string(), v.clone())),
                        );
                        files.retain(|key, _| !pano_key_failed(key, job.page, problems));
                        files
                    },
                    warnings: problems.reason(job.page).into_iter().collect(),
                    placements: plan
                        .placements
                        .iter()
                        .zip(placed)
                        .map(|(set, set_problems)| PlacedEntry {
                            code: &set.placement.code,
                            name: &set.placement.name,
                            qr: &set.jobs[i].data.url,
                            files: placed_files(&set.jobs[i], problems, set_problems),
                        })
                        .collect(),
                }
            })
            .collect();
        let has_a4 = plan.jobs.iter().any(|j| j.papers.contains(&Paper::A4));
        let manifest = Manifest {
            sample: !plan.band.is_empty(),
            posters,
            bundle: has_a4.then(|| files::BUNDLE.to_string()),
            stickers: (!plan.jobs.is_empty()).then(|| files::STICKERS.to_string()),
            sheets: plan
                .sheets
                .iter()
                .flat_map(|(s, _)| files::SHEET_PAPERS.map(|p| files::sheet(&self.content.pages[*s].path, p)))
                .collect(),
            overviews: plan
                .overviews
                .iter()
                .map(|o| OverviewEntry {
                    page: self.content.pages[o.section].content_path.clone(),
                    title: &o.data.title,
                    qr: &o.data.url,
                    short: o.data.printed_address(),
                    files: made_panos(self.config, o, problems)
                        .into_iter()
                        .map(|(size, file)| (format!("pano_{size}_pdf"), file))
                        .collect(),
                })
                .collect(),
            placements: plan
                .placements
                .iter()
                .zip(placed)
                .map(|(set, set_problems)| PlacementBundle {
                    code: &set.placement.code,
                    name: &set.placement.name,
                    bundle: bundle_made(set, problems, set_problems).then_some(set.bundle.as_str()),
                })
                .collect(),
        };
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        self.staging.write(files::MANIFEST, &json)
    }

    /// A page's poster files, and its clip's title card when one was made.
    fn with_video_card(&self, job: &Job) -> BTreeMap<String, String> {
        let mut files = job.files.manifest();
        if let Some([png, webp]) = self.video_card(job.page) {
            files.insert("video_png".into(), png);
            files.insert("video_webp".into(), webp);
        }
        files
    }

    /// The title card files of page `id`'s clip, when the build made them
    /// (the `video cards` stage runs before the posters).
    fn video_card(&self, id: crate::content::PageId) -> Option<[String; 2]> {
        let files = crate::render::video::card_files(&self.content.pages[id].path);
        self.staging.path(&files[0]).is_file().then_some(files)
    }

    /// Each placement for the gallery: its bundle and a link per copy (the
    /// A4 PDF, else the first size), kept short for a site of many pages.
    fn placement_links(
        &self,
        plan: &Plan,
        generic: &Problems,
        placed: &[Problems],
    ) -> Vec<serde_json::Value> {
        let base = &self.config.base_path;
        let link = |job: &Job| {
            let paper = if job.papers.contains(&Paper::A4) { Paper::A4 } else { *job.papers.first()? };
            Some(serde_json::json!({"title": job.label, "pdf": format!("{base}{}", job.files.pdf(paper))}))
        };
        let set_links = |(set, set_problems): (&PlacementSet, &Problems)| {
            let pages: Vec<serde_json::Value> =
                set.jobs.iter().filter(|j| copy_made(j, generic, set_problems)).filter_map(link).collect();
            let bundle = bundle_made(set, generic, set_problems).then(|| format!("{base}{}", set.bundle));
            serde_json::json!({"name": set.placement.name, "code": set.placement.code, "bundle": bundle, "pages": pages})
        };
        plan.placements.iter().zip(placed).map(set_links).collect()
    }

    pub(super) fn gallery(
        &self,
        plan: &Plan,
        versions: &[u8],
        problems: &Problems,
        placed: &[Problems],
        templates: &Templates,
    ) -> Result<(), Diagnostic> {
        let base = &self.config.base_path;
        let items: Vec<serde_json::Value> = plan
            .jobs
            .iter()
            .zip(versions)
            .map(|(job, version)| {
                let page = &self.content.pages[job.page];
                serde_json::json!({
                    "title": job.label,
                    "page_title": page.front.title,
                    "page_url": self.config.url_path(&page.path),
                    "qr": job.data.url,
                    "short": job.data.printed_address(),
                    "qr_version": version,
                    "thumb": format!("{base}{}", job.files.thumb()),
                    "files": plan.links(job.page).filter(|_| !problems.failed(job.page)).map(|mut links| {
                        links.pano.retain(|p| !problems.pano_failed(job.page, &p.size));
                        links
                    }),
                    "problem": problems.reason(job.page),
                    "video_card": self.video_card(job.page).map(|[png, _]| format!("{base}{png}")),
                    "slide": plan.page_files.get(&job.page).and_then(|f| f.get("slide_png")).map(|f| format!("{base}{f}")),
                })
            })
            .collect();
        let sheets: Vec<serde_json::Value> = plan
            .sheets
            .iter()
            .map(|(s, jobs)| {
                let page = &self.content.pages[*s];
                let [a4, a3] = files::SHEET_PAPERS.map(|p| format!("{base}{}", files::sheet(&page.path, p)));
                let pano: Vec<serde_json::Value> = plan
                    .overviews
                    .iter()
                    .filter(|o| o.section == *s)
                    .flat_map(|o| made_panos(self.config, o, problems))
                    .map(|(size, file)| serde_json::json!({"size": size, "url": format!("{base}{file}")}))
                    .collect();
                serde_json::json!({"title": page.front.title, "count": jobs.len(), "a4": a4, "a3": a3, "pano": pano})
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert(
            "page",
            &serde_json::json!({
                "kind": "posters",
                "title": self.strings.get("gallery_title"),
                "description": self.strings.fill("gallery_description", &[("full_name", &self.config.unit.full_name)]),
                "url": self.config.url_path(files::DIR),
                "permalink": self.config.permalink(files::DIR),
                "image": plan.share_image(Content::HOME).map(|p| format!("{}{p}", self.config.origin())),
                "json_ld": null,
            }),
        );
        context.insert("posters", &items);
        context.insert("sample_band", &plan.band);
        context.insert("screen", &plan.screen);
        context.insert("sheets", &sheets);
        context.insert("placements", &self.placement_links(plan, problems, placed));
        context.insert("bundle", &format!("{base}{}", files::BUNDLE));
        context.insert("stickers", &format!("{base}{}", files::STICKERS));
        context.insert("manifest", &format!("{base}{}", files::MANIFEST));
        let html = templates.render("posters.html", &context)?;
        self.staging.write(files::GALLERY, html.as_bytes())
    }
}
