//! What tells officers and tools which posters exist: `manifest.json`
//! (every poster, its QR text and files) and the gallery page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::errors::Problems;
use super::files;
use super::plan::Plan;
use super::render::Renderer;
use crate::content::Content;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::templates::Templates;

#[derive(Serialize)]
struct Manifest<'a> {
    /// The site still has sample text: every print file carries the band.
    sample: bool,
    posters: Vec<ManifestEntry<'a>>,
    bundle: Option<String>,
    stickers: Option<String>,
    sheets: Vec<String>,
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
    files: BTreeMap<&'static str, String>,
    /// Why the poster could not be made (then there are no files).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

impl Renderer<'_> {
    pub(super) fn manifest(
        &self,
        plan: &Plan,
        versions: &[u8],
        problems: &Problems,
    ) -> Result<(), Diagnostic> {
        let posters = plan
            .jobs
            .iter()
            .zip(versions)
            .map(|(job, version)| {
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
                        let mut files = job.files.manifest();
                        files.extend(
                            plan.page_files
                                .get(&job.page)
                                .into_iter()
                                .flatten()
                                .map(|(k, v)| (*k, v.clone())),
                        );
                        files
                    },
                    warnings: problems.reason(job.page).into_iter().collect(),
                }
            })
            .collect();
        let has_a4 = plan.jobs.iter().any(|j| j.papers.contains(&crate::poster::Paper::A4));
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
        };
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        self.staging.write(files::MANIFEST, &json)
    }

    pub(super) fn gallery(
        &self,
        plan: &Plan,
        versions: &[u8],
        problems: &Problems,
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
                    "files": plan.links(job.page).filter(|_| !problems.failed(job.page)),
                    "problem": problems.reason(job.page),
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
                serde_json::json!({"title": page.front.title, "count": jobs.len(), "a4": a4, "a3": a3})
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
        context.insert("bundle", &format!("{base}{}", files::BUNDLE));
        context.insert("stickers", &format!("{base}{}", files::STICKERS));
        context.insert("manifest", &format!("{base}{}", files::MANIFEST));
        let html = templates.render("posters.html", &context)?;
        self.staging.write(files::GALLERY, html.as_bytes())
    }
}
