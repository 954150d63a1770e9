//! The poster stage of a site build: which pages get a poster and what it
//! says, then every file under `OUTPUT/posters/` — the posters in each size,
//! a QR image per page, index sheets per section, stickers, the print
//! bundle, `manifest.json` and the officers' gallery page.
//!
//! Posters are rendered in parallel and cached by a hash of their inputs:
//! when the previous output holds a poster made from the same inputs (and
//! its files are untouched), the files are linked over instead of rendered.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::{Ecc, Paper, PdfMeta, PosterData, PosterEngine, PosterError, PosterFonts, ShareCard, SheetEntry};
use crate::config::{Config, EccLevel, PaperSize};
use crate::content::front_matter::{self, PosterSetting};
use crate::content::{Content, Kind, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::markdown::Rendered;
use crate::messages::Msg;
use crate::output::{Record, Sink, Staging};
use crate::render::view::PosterLinks;
use crate::theme::Theme;

/// Everything the stage writes lives in this output folder.
pub const POSTERS_DIR: &str = "posters/";

/// Screen resolution of gallery thumbnails (an A4 page ≈ 250 px wide).
const THUMB_DPI: f32 = 30.0;
const PRINT_DPI: f32 = 300.0;

/// One page's poster, decided but not yet rendered.
pub struct Job {
    pub page: PageId,
    pub data: PosterData,
    pub papers: Vec<Paper>,
    /// `posters/cu-tru/thong-bao-luu-tru/`.
    pub dir: String,
    /// Sheet and sticker label.
    pub label: String,
    pub meta: PdfMeta,
}

/// A page's link-preview image.
pub struct Card {
    pub page: PageId,
    pub card: ShareCard,
    /// `posters/vneid/kich-hoat/share.png`.
    pub file: String,
}

/// What the stage will make.
pub struct Plan {
    pub jobs: Vec<Job>,
    pub cards: Vec<Card>,
    card_by_page: HashMap<PageId, usize>,
    by_page: HashMap<PageId, usize>,
    /// Sections with poster pages: (section, its jobs in order).
    sheets: Vec<(PageId, Vec<usize>)>,
    base_path: String,
}

impl Plan {
    /// Links for page `id`'s posters, site-absolute.
    pub fn links(&self, id: PageId) -> Option<PosterLinks> {
        let job = &self.jobs[*self.by_page.get(&id)?];
        let url = |name: &str| Some(format!("{}{}{name}", self.base_path, job.dir));
        let has = |p: Paper| job.papers.contains(&p);
        Some(PosterLinks {
            a4_pdf: if has(Paper::A4) { url("a4.pdf") } else { None },
            a4_png: if has(Paper::A4) { url("a4.png") } else { None },
            a3_pdf: if has(Paper::A3) { url("a3.pdf") } else { None },
            a5_pdf: if has(Paper::A5) { url("a5.pdf") } else { None },
            qr_svg: url("qr.svg"),
        })
    }

    /// Site-absolute path of page `id`'s link-preview image.
    pub fn share_image(&self, id: PageId) -> Option<String> {
        let card = &self.cards[*self.card_by_page.get(&id)?];
        Some(format!("{}{}", self.base_path, card.file))
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty() && self.cards.is_empty()
    }

    /// Lays out every poster, sheet and sticker page and reports what would
    /// not print: text that does not fit, missing glyphs, dense QR codes.
    pub fn validate(&self, engine: &PosterEngine, content: &Content) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = self
            .jobs
            .par_iter()
            .flat_map_iter(|job| {
                let page = &content.pages[job.page];
                let located = |e| poster_error_at(e, &page.file, &page.source);
                let mut found = Vec::new();
                match super::encode_qr(&job.data.url, job.data.ecc) {
                    Ok(qr) => {
                        if let Some(mut dense) = crate::checks::dense_qr(qr.version) {
                            let at = match page.front.slug {
                                Some(_) => front_matter::key_line(&page.file, &page.source, "slug"),
                                None => Location::file(&page.file),
                            };
                            dense.location = Some(Box::new(at));
                            found.push(dense);
                        }
                    }
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
        let entries = |jobs: &[usize]| -> Vec<SheetEntry> {
            jobs.iter()
                .map(|&j| SheetEntry {
                    label: self.jobs[j].label.clone(),
                    url: self.jobs[j].data.url.clone(),
                })
                .collect()
        };
        let all: Vec<usize> = (0..self.jobs.len()).collect();
        if let Err(e) = engine.sticker_svgs(&entries(&all)) {
            problems.push(sheet_error(e, "posters/stickers-a4.pdf", self, content));
        }
        for (section, jobs) in &self.sheets {
            let title = &content.pages[*section].front.title;
            for paper in [Paper::A4, Paper::A3] {
                if let Err(e) = engine.sheet_svgs(title, "", &entries(jobs), paper) {
                    let file = format!("posters/{}sheet-{}.pdf", content.pages[*section].path, paper.name());
                    problems.push(sheet_error(e, &file, self, content));
                }
            }
        }
        problems
    }
}

/// Decides the posters of the site: every regular page unless it, or a
/// section above it, says `poster: false`.
pub fn plan(content: &Content, rendered: &[Rendered], config: &Config, report: &Report) -> Plan {
    let mut plan = Plan {
        jobs: Vec::new(),
        cards: Vec::new(),
        card_by_page: HashMap::new(),
        by_page: HashMap::new(),
        sheets: Vec::new(),
        base_path: config.base_path.clone(),
    };
    if !config.posters.enabled {
        return plan;
    }
    // Every page gets a link-preview image, drawn by the poster engine.
    for (id, page) in content.pages.iter().enumerate() {
        plan.card_by_page.insert(id, plan.cards.len());
        plan.cards.push(Card {
            page: id,
            card: ShareCard {
                title: page.front.title.clone(),
                unit_name: unit_name(config),
                host: format!("{}{}", config.host, config.base_path.trim_end_matches('/')),
                page_label: crate::fs::display(&page.file),
            },
            file: format!("posters/{}share.png", page.path),
        });
    }
    let mut sheets: BTreeMap<PageId, Vec<usize>> = BTreeMap::new();
    for id in content.site_order() {
        let page = &content.pages[id];
        if page.kind != Kind::Page || posters_off(content, id) {
            continue;
        }
        match job(content, &rendered[id], config, id) {
            Ok(job) => {
                let index = plan.jobs.len();
                plan.by_page.insert(id, index);
                if let Some(parent) = page.parent {
                    sheets.entry(parent).or_default().push(index);
                }
                plan.jobs.push(job);
            }
            Err(problem) => report.push(problem),
        }
    }
    let order: Vec<PageId> = content.site_order();
    let mut sheets: Vec<(PageId, Vec<usize>)> = sheets.into_iter().collect();
    sheets.sort_by_key(|(section, jobs)| {
        (order.iter().position(|p| Some(p) == jobs.first().map(|j| &plan.jobs[*j].page)), *section)
    });
    plan.sheets = sheets;
    plan
}

fn posters_off(content: &Content, id: PageId) -> bool {
    let mut current = Some(id);
    while let Some(p) = current {
        if content.pages[p].front.poster == PosterSetting::Off {
            return true;
        }
        current = content.pages[p].parent;
    }
    false
}

fn job(content: &Content, rendered: &Rendered, config: &Config, id: PageId) -> Result<Job, Diagnostic> {
    let page = &content.pages[id];
    let custom = match &page.front.poster {
        PosterSetting::Custom(fields) => Some(fields),
        _ => None,
    };
    let url = qr_text(config, &page.path)
        .map_err(|msg| Diagnostic::error(msg, Some(Location::file(&page.file))))?;
    let title = custom.and_then(|c| c.title.clone()).unwrap_or_else(|| page.front.title.clone());
    let subtitle = custom.and_then(|c| c.subtitle.clone()).unwrap_or_else(|| {
        shorten(first_sentence(page.front.description.as_deref().unwrap_or(&rendered.summary)), 110)
    });
    let steps = match custom.filter(|c| !c.steps.is_empty()) {
        Some(c) => c.steps.clone(),
        None => {
            rendered.steps.iter().take(4).map(|s| shorten(first_sentence(strip_step_number(s)), 70)).collect()
        }
    };
    let sizes = custom.and_then(|c| c.sizes.clone()).unwrap_or_else(|| config.posters.sizes.clone());
    let date = page.front.reviewed.or(page.front.date);
    let data = PosterData {
        unit_name: unit_name(config),
        title: title.clone(),
        subtitle,
        steps,
        check_note: format!(
            "Trước khi quét, kiểm tra địa chỉ dưới mã QR là trang của phường: {}",
            config.host
        ),
        contact: contact_line(config),
        footer: date.map(|d| format!("Cập nhật {}", d.format("%d/%m/%Y"))).unwrap_or_default(),
        ecc: ecc(config.posters.ecc),
        page_label: crate::fs::display(&page.file),
        url,
    };
    let meta = PdfMeta {
        title: title.clone(),
        lang: config.language.clone(),
        date: date.map(|d| {
            use chrono::Datelike;
            (d.year(), d.month() as u8, d.day() as u8)
        }),
    };
    let mut papers: Vec<Paper> = sizes.iter().map(|s| paper(*s)).collect();
    papers.sort_by_key(|p| p.name());
    papers.dedup();
    Ok(Job { page: id, data, papers, dir: format!("posters/{}", page.path), label: title, meta })
}

/// The text of a page's QR code: its canonical URL plus the tracking query.
/// It must stay on the site's own host, over https unless the site is http.
pub fn qr_text(config: &Config, path: &str) -> Result<String, Msg> {
    let mut url = config.permalink(path);
    let tracking = config.posters.tracking.trim().trim_start_matches('?');
    if !tracking.is_empty() {
        url.push('?');
        url.push_str(tracking);
    }
    let parsed = url::Url::parse(&url).map_err(|_| Msg::PosterQrOffSite { url: url.clone() })?;
    let host_ok = parsed.host_str().is_some_and(|h| h.eq_ignore_ascii_case(&config.host));
    let scheme_ok = parsed.scheme() == "https" || (parsed.scheme() == "http" && config.scheme == "http");
    if !host_ok || !scheme_ok || !url.is_ascii() {
        return Err(Msg::PosterQrOffSite { url });
    }
    Ok(url)
}

fn unit_name(config: &Config) -> String {
    if config.unit.name.is_empty() { config.title.clone() } else { config.unit.name.clone() }
}

fn contact_line(config: &Config) -> String {
    let unit = &config.unit;
    let mut parts = Vec::new();
    if !unit.phone.is_empty() {
        parts.push(format!("Điện thoại: {}", unit.phone));
    }
    if !unit.police_phone.is_empty() {
        parts.push(format!("Công an phường: {}", unit.police_phone));
    }
    parts.join(" · ")
}

fn ecc(level: EccLevel) -> Ecc {
    match level {
        EccLevel::L => Ecc::L,
        EccLevel::M => Ecc::M,
        EccLevel::Q => Ecc::Q,
        EccLevel::H => Ecc::H,
    }
}

fn paper(size: PaperSize) -> Paper {
    match size {
        PaperSize::A3 => Paper::A3,
        PaperSize::A4 => Paper::A4,
        PaperSize::A5 => Paper::A5,
    }
}

/// `Bước 1: Mở ứng dụng` → `Mở ứng dụng`: the poster numbers its steps.
fn strip_step_number(step: &str) -> &str {
    let trimmed = step.trim();
    let lower = trimmed.to_lowercase();
    if let Some(rest) = lower.strip_prefix("bước ") {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            let skip = "bước ".len() + digits;
            let remainder = trimmed[skip..].trim_start_matches([':', '.', ')', ' ', '–', '-']);
            return remainder.trim();
        }
    }
    trimmed
}

fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    for (i, _) in text.match_indices(['.', '!', '?']) {
        let next = text[i + 1..].chars().next();
        if next.is_none_or(char::is_whitespace) {
            return &text[..=i];
        }
    }
    text
}

/// At most `max` characters, cut at a word boundary with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.trim_end_matches('.').to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The poster engine for a theme: its `posters/*.svg` templates and fonts.
pub fn engine(theme: &Theme) -> Result<PosterEngine, Diagnostic> {
    let templates: Vec<(String, String)> =
        theme.under("posters/").map(|(name, file)| (name.to_string(), file.text().into_owned())).collect();
    let font = |weight: &str| {
        theme
            .under("fonts/")
            .find(|(name, _)| name.ends_with(".ttf") && name.contains(weight))
            .map(|(_, file)| file.bytes.to_vec())
            .unwrap_or_default()
    };
    let fonts = PosterFonts::from_bytes(font("Regular"), font("Bold")).map_err(|e| poster_error(e, None))?;
    PosterEngine::new(templates, fonts).map_err(|e| poster_error(e, Some(theme)))
}

/// Everything the stage renders from, for the cache key.
pub struct Renderer<'a> {
    pub engine: &'a PosterEngine,
    pub content: &'a Content,
    pub config: &'a Config,
    /// Hash of the theme's poster templates and fonts and of loa itself.
    pub theme_key: String,
    pub staging: &'a Staging<'a>,
    /// The output folder of the previous build and its record, to reuse from.
    pub previous: Option<(&'a Path, &'a Record)>,
    pub progress: &'a dyn crate::site::Progress,
}

#[derive(Serialize)]
struct Manifest<'a> {
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
    qr_version: u8,
    ecc: &'static str,
    files: BTreeMap<&'static str, String>,
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
    pub fn render(&self, plan: &Plan, templates: &crate::templates::Templates, report: &Report) -> Made {
        self.progress.start("posters", plan.jobs.len() + plan.cards.len());
        let made = self.render_all(plan, templates, report);
        self.progress.finish();
        made
    }

    fn render_all(&self, plan: &Plan, templates: &crate::templates::Templates, report: &Report) -> Made {
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
            made.keys.insert(job.dir.clone(), key);
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
        let qr = super::encode_qr(&job.data.url, job.data.ecc).map_err(located)?;
        let key = self.key(&job_inputs(job));
        let files = poster_files(job);
        if self.reuse(&job.dir, &key, &files) {
            return Ok((key, false, qr.version));
        }
        let write = |name: &str, bytes: &[u8]| self.staging.write(&format!("{}{name}", job.dir), bytes);
        for &paper in &job.papers {
            let svg = self.engine.poster_svg(&job.data, paper).map_err(located)?;
            let pdf = self.engine.pdf(&[(&svg, paper)], &job.meta).map_err(located)?;
            let name = paper.name().to_ascii_lowercase();
            write(&format!("{name}.pdf"), &pdf)?;
            if paper == Paper::A4 {
                write("a4.png", &self.engine.png(&svg, paper, PRINT_DPI).map_err(located)?)?;
                write("a4.svg", self.engine.publishable_svg(&svg).map_err(located)?.as_bytes())?;
            }
            if paper == job.papers[0] {
                write("thumb.png", &self.engine.png(&svg, paper, THUMB_DPI).map_err(located)?)?;
            }
        }
        write("qr.svg", qr.standalone_svg().as_bytes())?;
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

    fn key<T: Serialize>(&self, inputs: &T) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.theme_key.as_bytes());
        hasher.update(&serde_json::to_vec(inputs).unwrap_or_default());
        hasher.finalize().to_hex().to_string()
    }

    /// Links last build's files into the staging folder when they were made
    /// from the same inputs and nobody touched them since.
    fn reuse(&self, id: &str, key: &str, files: &[String]) -> bool {
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

    fn bundle(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        let jobs: Vec<&Job> = plan.jobs.iter().filter(|j| j.papers.contains(&Paper::A4)).collect();
        if jobs.is_empty() {
            return Ok(());
        }
        let file = "posters/all-a4.pdf".to_string();
        let key = self.key(&jobs.iter().map(|j| &made.keys[&j.dir]).collect::<Vec<_>>());
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
            title: format!("Áp phích A4 – {}", self.config.title),
            lang: self.config.language.clone(),
            date: jobs.iter().filter_map(|j| j.meta.date).max(),
        };
        let pdf = self.engine.pdf(&pages, &meta).map_err(|e| poster_error(e, None))?;
        self.staging.write(&file, &pdf)
    }

    fn stickers(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        let entries: Vec<SheetEntry> = plan
            .jobs
            .iter()
            .map(|j| SheetEntry { label: j.label.clone(), url: j.data.url.clone() })
            .collect();
        let file = "posters/stickers-a4.pdf".to_string();
        self.sheet_file(
            plan,
            &file,
            &format!("Nhãn mã QR – {}", self.config.title),
            made,
            &entries,
            |e| self.engine.sticker_svgs(e),
            Paper::A4,
        )
    }

    fn sheets(&self, plan: &Plan, made: &mut Made) -> Result<(), Diagnostic> {
        for (section, jobs) in &plan.sheets {
            let page = &self.content.pages[*section];
            let entries: Vec<SheetEntry> = jobs
                .iter()
                .map(|&j| SheetEntry {
                    label: plan.jobs[j].label.clone(),
                    url: plan.jobs[j].data.url.clone(),
                })
                .collect();
            let unit = &self.config.unit.name;
            for paper in [Paper::A4, Paper::A3] {
                let file = format!("posters/{}sheet-{}.pdf", page.path, paper.name().to_ascii_lowercase());
                self.sheet_file(
                    plan,
                    &file,
                    &page.front.title,
                    made,
                    &entries,
                    |e| self.engine.sheet_svgs(&page.front.title, unit, e, paper),
                    paper,
                )?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn sheet_file(
        &self,
        plan: &Plan,
        file: &str,
        title: &str,
        made: &mut Made,
        entries: &[SheetEntry],
        layout: impl Fn(&[SheetEntry]) -> Result<Vec<String>, PosterError>,
        paper: Paper,
    ) -> Result<(), Diagnostic> {
        if entries.is_empty() {
            return Ok(());
        }
        let pairs: Vec<(&str, &str)> = entries.iter().map(|e| (e.label.as_str(), e.url.as_str())).collect();
        let key = self.key(&(title, &pairs, paper.name()));
        made.keys.insert(file.to_string(), key.clone());
        if self.reuse(file, &key, &[file.to_string()]) {
            return Ok(());
        }
        let svgs = layout(entries).map_err(|e| sheet_error(e, file, plan, self.content))?;
        let pages: Vec<(&str, Paper)> = svgs.iter().map(|s| (s.as_str(), paper)).collect();
        let meta = PdfMeta { title: title.to_string(), lang: self.config.language.clone(), date: None };
        let pdf = self.engine.pdf(&pages, &meta).map_err(|e| poster_error(e, None))?;
        self.staging.write(file, &pdf)
    }

    fn manifest(&self, plan: &Plan, versions: &[u8]) -> Result<(), Diagnostic> {
        let posters = plan
            .jobs
            .iter()
            .zip(versions)
            .map(|(job, version)| {
                let page = &self.content.pages[job.page];
                let mut files = BTreeMap::new();
                for paper in &job.papers {
                    let name = paper.name().to_ascii_lowercase();
                    files.insert(pdf_key(*paper), format!("{}{name}.pdf", job.dir));
                }
                if job.papers.contains(&Paper::A4) {
                    files.insert("a4_png", format!("{}a4.png", job.dir));
                    files.insert("a4_svg", format!("{}a4.svg", job.dir));
                }
                files.insert("qr_svg", format!("{}qr.svg", job.dir));
                ManifestEntry {
                    page: page.content_path.clone(),
                    title: &job.label,
                    url: self.config.permalink(&page.path),
                    qr: &job.data.url,
                    qr_version: *version,
                    ecc: job.data.ecc.as_str(),
                    files,
                }
            })
            .collect();
        let has_a4 = plan.jobs.iter().any(|j| j.papers.contains(&Paper::A4));
        let manifest = Manifest {
            posters,
            bundle: has_a4.then(|| "posters/all-a4.pdf".to_string()),
            stickers: (!plan.jobs.is_empty()).then(|| "posters/stickers-a4.pdf".to_string()),
            sheets: plan
                .sheets
                .iter()
                .flat_map(|(s, _)| {
                    let path = &self.content.pages[*s].path;
                    [format!("posters/{path}sheet-a4.pdf"), format!("posters/{path}sheet-a3.pdf")]
                })
                .collect(),
        };
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        self.staging.write("posters/manifest.json", &json)
    }

    fn gallery(
        &self,
        plan: &Plan,
        versions: &[u8],
        templates: &crate::templates::Templates,
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
                    "qr_version": version,
                    "thumb": format!("{base}{}thumb.png", job.dir),
                    "files": plan.links(job.page),
                })
            })
            .collect();
        let sheets: Vec<serde_json::Value> = plan
            .sheets
            .iter()
            .map(|(s, jobs)| {
                let page = &self.content.pages[*s];
                serde_json::json!({
                    "title": page.front.title,
                    "count": jobs.len(),
                    "a4": format!("{base}posters/{}sheet-a4.pdf", page.path),
                    "a3": format!("{base}posters/{}sheet-a3.pdf", page.path),
                })
            })
            .collect();
        let mut context = tera::Context::new();
        context.insert(
            "page",
            &serde_json::json!({
                "kind": "posters",
                "title": "Áp phích mã QR",
                "description": "Áp phích, bảng mã QR và nhãn dán để in, cho cán bộ phường.",
                "url": self.config.url_path("posters/"),
                "permalink": self.config.permalink("posters/"),
                "image": plan.share_image(crate::content::Content::HOME).map(|p| format!("{}{p}", self.config.origin())),
                "json_ld": null,
            }),
        );
        context.insert("posters", &items);
        context.insert("sheets", &sheets);
        context.insert("bundle", &format!("{base}posters/all-a4.pdf"));
        context.insert("stickers", &format!("{base}posters/stickers-a4.pdf"));
        context.insert("manifest", &format!("{base}posters/manifest.json"));
        let html = templates.render("posters.html", &context)?;
        self.staging.write("posters/index.html", html.as_bytes())
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

fn pdf_key(paper: Paper) -> &'static str {
    match paper {
        Paper::A3 => "a3_pdf",
        Paper::A4 => "a4_pdf",
        Paper::A5 => "a5_pdf",
    }
}

fn poster_files(job: &Job) -> Vec<String> {
    let mut files: Vec<String> =
        job.papers.iter().map(|p| format!("{}{}.pdf", job.dir, p.name().to_ascii_lowercase())).collect();
    if job.papers.contains(&Paper::A4) {
        files.push(format!("{}a4.png", job.dir));
        files.push(format!("{}a4.svg", job.dir));
    }
    files.push(format!("{}thumb.png", job.dir));
    files.push(format!("{}qr.svg", job.dir));
    files
}

/// A sheet's or sticker page's error, blamed on the page whose label or URL
/// is too long; `file` names the sheet.
fn sheet_error(error: PosterError, file: &str, plan: &Plan, content: &Content) -> Diagnostic {
    let text = match &error {
        PosterError::TextDoesNotFit { text, .. } | PosterError::MissingGlyph { text, .. } => text.clone(),
        _ => String::new(),
    };
    let culprit =
        plan.jobs.iter().find(|j| !text.is_empty() && (text.contains(&j.label) || text == j.data.url));
    let mut diagnostic = match culprit {
        Some(job) => {
            let page = &content.pages[job.page];
            poster_error_at(error, &page.file, &page.source)
        }
        None => poster_error(error, None),
    };
    if let Msg::PosterTextTooLong { reason, .. } = &mut diagnostic.msg {
        reason.push_str(&format!("; {file}"));
    }
    diagnostic
}

/// A poster error as a diagnostic at the page's `poster:` (or `title:`) line.
fn poster_error_at(error: PosterError, file: &Path, source: &str) -> Diagnostic {
    let key = if source.lines().any(|l| l.starts_with("poster:")) { "poster" } else { "title" };
    let mut diagnostic = poster_error(error, None);
    diagnostic.location = Some(Box::new(front_matter::key_line(file, source, key)));
    diagnostic
}

/// Turns engine errors into catalogue messages.
pub fn poster_error(error: PosterError, theme: Option<&Theme>) -> Diagnostic {
    let msg = match error {
        PosterError::TextDoesNotFit { field, text, reason, .. } => {
            Msg::PosterTextTooLong { field, text, reason }
        }
        PosterError::MissingGlyph { ch, text, .. } => Msg::PosterMissingGlyph { ch, text },
        PosterError::Qr { message, .. } => Msg::PosterFailed { detail: message },
        PosterError::Template { file, line, message } => {
            let origin = theme
                .and_then(|t| t.under("posters/").find(|(n, _)| *n == file).map(|(_, f)| f.origin.clone()))
                .unwrap_or_else(|| Path::new("themes/default/posters").join(&file));
            let location = (line > 0).then(|| Location { line, column: 1, ..Location::file(&origin) });
            return Diagnostic::error(
                Msg::TemplateError { detail: message },
                location.or(Some(Location::file(&origin))),
            );
        }
        PosterError::Font(detail) | PosterError::Render(detail) => Msg::PosterFailed { detail },
    };
    // Not tied to one page: the theme's poster files are what to look at.
    Diagnostic::error(msg, Some(Location::file(Path::new("themes/default/posters"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_lose_their_numbers_and_get_short() {
        assert_eq!(strip_step_number("Bước 1: Mở ứng dụng VNeID"), "Mở ứng dụng VNeID");
        assert_eq!(strip_step_number("**Bước 2.** Chọn"), "**Bước 2.** Chọn");
        assert_eq!(strip_step_number("Mở ứng dụng"), "Mở ứng dụng");
        assert_eq!(first_sentence("Mở VNeID. Sau đó chọn."), "Mở VNeID.");
        assert_eq!(first_sentence("Số 1.5 triệu"), "Số 1.5 triệu");
        assert_eq!(shorten("Mở VNeID.", 70), "Mở VNeID");
        let long = "Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử mức độ hai của bạn";
        let short = shorten(long, 40);
        assert!(short.chars().count() <= 40 && short.ends_with('…'), "{short}");
    }
}
