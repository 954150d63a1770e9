//! Which pages get a poster and what it says: every regular page unless
//! it, or a section above it, says `poster: false`; the wording from its
//! `poster:` block, else from the page itself. Also the link-preview image
//! every page gets, and the index sheet of every section with posters.

use std::collections::{BTreeMap, HashMap};

use super::files::{self, PosterFiles};
use crate::config::{Config, EccLevel, PaperSize};
use crate::content::front_matter::PosterSetting;
use crate::content::{Content, Kind, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::markdown::Rendered;
use crate::messages::Msg;
use crate::poster::{Derived, Ecc, Pano, Paper, PdfMeta, PosterData, ShareCard, SheetEntry, SheetText};
use crate::render::ShortPaths;
use crate::render::view::PosterLinks;
use crate::theme::Strings;

/// One page's poster, decided but not yet rendered.
pub struct Job {
    pub page: PageId,
    pub data: PosterData,
    pub papers: Vec<Paper>,
    /// Large-format sizes (`posters.pano`), every page the same.
    pub panos: Vec<Pano>,
    pub files: PosterFiles,
    /// Sheet and sticker label.
    pub label: String,
    pub meta: PdfMeta,
}

impl Job {
    pub fn sheet_entry(&self) -> SheetEntry {
        SheetEntry {
            label: self.label.clone(),
            url: self.data.url.clone(),
            address: self.data.address.clone(),
        }
    }
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
    pub sheets: Vec<(PageId, Vec<usize>)>,
    base_path: String,
    /// The words of sheets and stickers (the title is each sheet's own).
    pub sheet_text: SheetText,
    pub sticker_text: SheetText,
    /// The sample band printed on everything, or empty.
    pub band: String,
    /// Each section's overview pano, when `posters.pano` asks for panos.
    pub overviews: Vec<Overview>,
    /// Files other stages made for a page's entry (`slide_png`), listed
    /// in the manifest with its poster files.
    pub page_files: HashMap<PageId, BTreeMap<&'static str, String>>,
    /// Links to the waiting-room screen for the gallery, once it is made.
    pub screen: Option<serde_json::Value>,
    /// One print set per `posters.placements` entry (`placements.rs`).
    pub placements: Vec<PlacementSet>,
}

/// A placement's copies of the posters: `jobs[i]` is `Plan::jobs[i]` with
/// the placement in its code and footer and its own files.
pub struct PlacementSet {
    pub placement: crate::config::Placement,
    pub jobs: Vec<Job>,
    /// `posters/dia-diem/cho/all-a4.pdf`.
    pub bundle: String,
}

impl Plan {
    /// Links for page `id`'s posters, site-absolute.
    pub fn links(&self, id: PageId) -> Option<PosterLinks> {
        let job = &self.jobs[*self.by_page.get(&id)?];
        Some(job.files.links(&self.base_path))
    }

    /// Site-absolute path of page `id`'s link-preview image.
    pub fn share_image(&self, id: PageId) -> Option<String> {
        let card = &self.cards[*self.card_by_page.get(&id)?];
        Some(format!("{}{}", self.base_path, card.file))
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty() && self.cards.is_empty()
    }

    /// The labelled codes of some jobs, for a sheet or sticker page.
    pub fn entries(&self, jobs: &[usize]) -> Vec<SheetEntry> {
        jobs.iter().map(|&j| self.jobs[j].sheet_entry()).collect()
    }
}

/// Decides the posters of the site.
pub fn plan(
    content: &Content,
    rendered: &[Rendered],
    config: &Config,
    strings: &Strings,
    shorts: &ShortPaths,
    band: &str,
    report: &Report,
) -> Plan {
    let mut plan = Plan {
        jobs: Vec::new(),
        cards: Vec::new(),
        card_by_page: HashMap::new(),
        by_page: HashMap::new(),
        sheets: Vec::new(),
        base_path: config.base_path.clone(),
        sheet_text: SheetText::default(),
        sticker_text: SheetText::default(),
        band: band.to_string(),
        overviews: Vec::new(),
        page_files: HashMap::new(),
        screen: None,
        placements: Vec::new(),
    };
    let full_name = [("full_name", config.unit.full_name.as_str())];
    let text = |note: &str| SheetText {
        title: String::new(),
        unit_name: unit_name(config),
        check_note: strings.fill(note, &full_name),
        type_hint: strings.get("sheet_type_hint").to_string(),
        page_of: strings.get("sheet_page_of").to_string(),
        band: band.to_string(),
    };
    (plan.sheet_text, plan.sticker_text) = (text("sheet_check_note"), text("sticker_check_note"));
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
                short_title: page.front.short_title.clone().unwrap_or_default(),
                unit_name: unit_name(config),
                host: format!("{}{}", config.host, config.base_path.trim_end_matches('/')),
                page_label: crate::fs::display(&page.file),
            },
            file: files::share_image(&page.path),
        });
    }
    let mut sheets: BTreeMap<PageId, Vec<usize>> = BTreeMap::new();
    for id in content.site_order() {
        let page = &content.pages[id];
        if !has_poster(content, config, id) {
            continue;
        }
        match job(content, &rendered[id], config, strings, shorts.get(id), id, band) {
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
    if !config.pano.is_empty() {
        plan.overviews = plan
            .sheets
            .iter()
            .filter_map(|(section, jobs)| overview(&plan, content, config, strings, *section, jobs))
            .collect();
    }
    plan
}

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

/// The overview pano of `section`, whose poster pages are `jobs`: its
/// title and description, its first guides and a code to its page.
fn overview(
    plan: &Plan,
    content: &Content,
    config: &Config,
    strings: &Strings,
    section: PageId,
    jobs: &[usize],
) -> Option<Overview> {
    let page = &content.pages[section];
    let first = &plan.jobs.get(*jobs.first()?)?.data;
    let url = qr_text(config, &page.path).ok()?;
    let address = crate::build::short::printed(&config.permalink(&page.path));
    let labels: Vec<String> = jobs.iter().map(|&j| plan.jobs[j].label.clone()).collect();
    let steps = if labels.len() > LISTED {
        let more = (labels.len() - (LISTED - 1)).to_string();
        let mut steps = labels[..LISTED - 1].to_vec();
        steps.push(strings.fill("pano_more_guides", &[("count", &more)]));
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
        call_to_action: strings.get("pano_overview_call_to_action").to_string(),
        derived: Derived { steps: true, subtitle: true },
        url,
        address,
        note: String::new(),
        video: String::new(),
        // The section's own date, never one of its guides'.
        footer: page
            .front
            .reviewed
            .or(page.front.date)
            .map(|d| strings.fill("poster_updated", &[("date", &d.format("%d/%m/%Y").to_string())]))
            .unwrap_or_default(),
        page_label: crate::fs::display(&page.file),
        ..first.clone()
    };
    let meta =
        PdfMeta { title: page.front.title.clone(), date: pdf_date(page), ..plan.jobs[jobs[0]].meta.clone() };
    Some(Overview { section, data, meta, dir: format!("{}{}", super::files::DIR, page.path) })
}

/// True when page `id` gets a poster: posters are on, it is a regular page,
/// and neither it nor a section above it says `poster: false`.
pub fn has_poster(content: &Content, config: &Config, id: PageId) -> bool {
    config.posters.enabled && content.pages[id].kind == Kind::Page && !posters_off(content, id)
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

fn job(
    content: &Content,
    rendered: &Rendered,
    config: &Config,
    strings: &Strings,
    short: Option<&str>,
    id: PageId,
    band: &str,
) -> Result<Job, Diagnostic> {
    let page = &content.pages[id];
    let custom = match &page.front.poster {
        PosterSetting::Custom(fields) => Some(fields),
        _ => None,
    };
    // The code leads to the short address, which is what is printed. A QR
    // code that would leave the site costs the poster, not the page.
    let url = qr_text(config, short.unwrap_or(&page.path))
        .map_err(|msg| Diagnostic::warning(msg, Some(Location::file(&page.file))))?;
    let address = short.map(|s| crate::build::short::printed(&config.permalink(s))).unwrap_or_default();
    let title = custom.and_then(|c| c.title.clone()).unwrap_or_else(|| page.front.title.clone());
    let derived = Derived {
        steps: custom.is_none_or(|c| c.steps.is_empty()),
        subtitle: custom.is_none_or(|c| c.subtitle.is_none()),
    };
    let subtitle = custom.and_then(|c| c.subtitle.clone()).unwrap_or_else(|| {
        shorten(first_sentence(page.front.description.as_deref().unwrap_or(&rendered.summary)), 110)
    });
    let steps = match custom.filter(|c| !c.steps.is_empty()) {
        Some(c) => c.steps.clone(),
        None => {
            let word = strings.get("step_word");
            rendered
                .steps
                .iter()
                .take(4)
                .map(|s| shorten(first_sentence(strip_step_number(s, word)), 70))
                .collect()
        }
    };
    let sizes = custom.and_then(|c| c.sizes.clone()).unwrap_or_else(|| config.posters.sizes.clone());
    let date = page.front.reviewed.or(page.front.date);
    let data = PosterData {
        unit_name: unit_name(config),
        title: title.clone(),
        short_title: page.front.short_title.clone().unwrap_or_default(),
        subtitle,
        steps,
        call_to_action: strings.get("poster_call_to_action").to_string(),
        derived,
        check_note: strings
            .fill("poster_check_note", &[("host", &config.host), ("full_name", &config.unit.full_name)]),
        note: custom.and_then(|c| c.note.clone()).unwrap_or_default(),
        contact: contact_line(config, strings),
        band: band.to_string(),
        video: match page.front.video {
            Some(_) => strings.get("poster_video").to_string(),
            None => String::new(),
        },
        footer: date
            .map(|d| strings.fill("poster_updated", &[("date", &d.format("%d/%m/%Y").to_string())]))
            .unwrap_or_default(),
        ecc: ecc(config.posters.ecc),
        page_label: crate::fs::display(&page.file),
        url,
        address,
        placement: String::new(),
    };
    let meta = PdfMeta { title: title.clone(), lang: config.language.clone(), date: pdf_date(page) };
    let mut papers: Vec<Paper> = sizes.iter().map(|s| paper(*s)).collect();
    papers.sort_by_key(|p| p.name());
    papers.dedup();
    let files = PosterFiles::new(&page.path, &papers, &config.pano);
    // Sheets and stickers are narrow: the short title, when there is one.
    let label = page.front.short_title.clone().unwrap_or(title);
    Ok(Job { page: id, data, papers, panos: config.pano.clone(), files, label, meta })
}

/// A PDF's date: the page's `reviewed`, else its `date`, never the clock.
fn pdf_date(page: &crate::content::Page) -> Option<(i32, u8, u8)> {
    use chrono::Datelike;
    page.front.reviewed.or(page.front.date).map(|d| (d.year(), d.month() as u8, d.day() as u8))
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

/// The unit as posters name it: its UBND, or the site's title when the
/// unit is not declared.
fn unit_name(config: &Config) -> String {
    if config.unit.name.is_empty() { config.title.clone() } else { config.unit.ubnd.clone() }
}

fn contact_line(config: &Config, strings: &Strings) -> String {
    let unit = &config.unit;
    let mut parts = Vec::new();
    if !unit.phone.is_empty() {
        parts.push(strings.fill("poster_phone", &[("phone", &unit.phone)]));
    }
    if !unit.police_phone.is_empty() {
        parts.push(
            strings.fill("poster_police_phone", &[("police", &unit.police), ("phone", &unit.police_phone)]),
        );
    }
    parts.join(strings.get("poster_separator"))
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

/// `Bước 1: Mở ứng dụng` → `Mở ứng dụng` (with `word` = `bước`): the
/// poster numbers its steps itself.
fn strip_step_number<'s>(step: &'s str, word: &str) -> &'s str {
    let trimmed = step.trim();
    let Some((end, _)) = trimmed.char_indices().nth(word.chars().count()) else {
        return trimmed;
    };
    let (head, rest) = trimmed.split_at(end);
    let Some(rest) = rest.strip_prefix(' ').filter(|_| !word.is_empty()) else {
        return trimmed;
    };
    let number = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if number == 0 || head.to_lowercase() != word.to_lowercase() {
        return trimmed;
    }
    rest[number..].trim_start_matches([':', '.', ')', ' ', '–', '-']).trim()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_lose_their_numbers_and_get_short() {
        assert_eq!(strip_step_number("Bước 1: Mở ứng dụng VNeID", "bước"), "Mở ứng dụng VNeID");
        assert_eq!(strip_step_number("**Bước 2.** Chọn", "bước"), "**Bước 2.** Chọn");
        assert_eq!(strip_step_number("Mở ứng dụng", "bước"), "Mở ứng dụng");
        assert_eq!(strip_step_number("Step 3 - Open", "step"), "Open");
        assert_eq!(first_sentence("Mở VNeID. Sau đó chọn."), "Mở VNeID.");
        assert_eq!(first_sentence("Số 1.5 triệu"), "Số 1.5 triệu");
        assert_eq!(shorten("Mở VNeID.", 70), "Mở VNeID");
        let long = "Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử mức độ hai của bạn";
        let short = shorten(long, 40);
        assert!(short.chars().count() <= 40 && short.ends_with('…'), "{short}");
    }
}
