//! What templates see: deliberate, documented views of pages and sections.
//! These field names are a public API for theme authors (README, "Template
//! context"); internal structs are never handed to Tera directly.

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::content::front_matter::{Channel, Service, ServiceGroup};
use crate::content::{Content, Kind, Page, PageId};
use crate::markdown::{Heading, Rendered};
use crate::theme::Strings;

/// Everything the views are built from.
pub struct Sources<'a> {
    pub content: &'a Content,
    pub rendered: &'a [Rendered],
    pub config: &'a Config,
    /// Poster files per page, when posters are built.
    pub posters: &'a (dyn Fn(PageId) -> Option<PosterLinks> + Sync),
    /// Site-absolute path of each page's link-preview image, when made.
    pub share_images: &'a (dyn Fn(PageId) -> Option<String> + Sync),
    /// Each page's short address, when it has a poster.
    pub short_paths: &'a super::ShortPaths,
    /// The words loa writes itself (the theme's `strings.yaml`).
    pub strings: &'a Strings,
    /// What the search treats as the same words.
    pub synonyms: &'a crate::search::Synonyms,
}

#[derive(Serialize, Clone, Debug)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct SourceView {
    pub title: String,
    pub url: String,
    /// The host, shown next to the title.
    pub host: String,
    /// Only official hosts become links; others are shown as text.
    pub linkable: bool,
}

#[derive(Serialize, Clone, Debug, Default)]
pub struct PosterLinks {
    pub a4_pdf: Option<String>,
    pub a4_png: Option<String>,
    pub a3_pdf: Option<String>,
    pub a5_pdf: Option<String>,
    /// The QR code alone, for showing on a phone screen.
    pub qr_svg: Option<String>,
    /// Large-format PDFs for a print shop.
    pub pano: Vec<PanoLink>,
}

/// One pano PDF: its size ("80x120"), link, and the distance its code is
/// read from ("2,5", metres, written the Vietnamese way) with the smallest
/// symbol that allows.
#[derive(Serialize, Clone, Debug, Default)]
pub struct PanoLink {
    pub size: String,
    pub url: String,
    pub distance_m: String,
    pub symbol_cm: u32,
}

#[derive(Serialize, Clone, Debug)]
pub struct ServiceView {
    pub number: i64,
    pub name: String,
    pub group: ServiceGroup,
    pub group_name: String,
    pub agency: Option<String>,
    pub channels: Vec<Link>,
    pub legal_basis: Vec<String>,
}

/// A page or section as a full page (`page` / `section` in templates).
#[derive(Serialize)]
pub struct PageView<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    /// From front matter, else the first paragraph.
    pub description: &'a str,
    pub has_description: bool,
    /// Site-absolute path, e.g. `/chanh-lo/vneid/kich-hoat/`.
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub reviewed: Option<String>,
    pub reviewed_display: Option<String>,
    pub sources: Vec<SourceView>,
    pub tags: Vec<Link>,
    pub content: &'a str,
    /// Level 2–3 headings, for a table of contents.
    pub toc: Vec<&'a Heading>,
    pub word_count: usize,
    pub reading_minutes: usize,
    /// Full URLs of the page's aliases, shortest first.
    pub aliases: Vec<String>,
    /// The shortest alias, for saying aloud; null when there is none.
    pub short_link: Option<String>,
    pub breadcrumbs: Vec<Link>,
    pub service: Option<ServiceView>,
    pub poster: Option<PosterLinks>,
    /// Full URL of the page's 1200 × 630 link-preview image, or null.
    pub image: Option<String>,
    /// schema.org JSON-LD (`BreadcrumbList`, plus `GovernmentService` for
    /// service pages and `NewsArticle` for dated ones), safe to inline.
    pub json_ld: Option<String>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// Sections only: their pages and subsections, in order.
    pub pages: Vec<Summary<'a>>,
    pub subsections: Vec<Summary<'a>>,
    /// Sections of service pages: their pages grouped by agency group.
    pub service_groups: Vec<ServiceGroupView<'a>>,
    /// The page's clip (`video:`), or null.
    pub video: Option<super::video::VideoView>,
}

#[derive(Serialize)]
pub struct ServiceGroupView<'a> {
    pub name: String,
    pub pages: Vec<Summary<'a>>,
}

/// A page in a list (`section.pages`, `latest`, tag pages).
#[derive(Serialize, Clone)]
pub struct Summary<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub service: Option<ServiceView>,
    pub pages_count: usize,
}

pub fn iso(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

/// `01/10/2025`, as dates are written in Vietnam.
pub fn display(date: Option<NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%d/%m/%Y").to_string())
}

impl Sources<'_> {
    pub fn description(&self, id: PageId) -> &str {
        let page = &self.content.pages[id];
        page.front.description.as_deref().unwrap_or(&self.rendered[id].summary)
    }

    pub fn summary(&self, id: PageId) -> Summary<'_> {
        let page = &self.content.pages[id];
        Summary {
            title: &page.front.title,
            description: self.description(id),
            url: self.config.url_path(&page.path),
            date: iso(page.front.date),
            date_display: display(page.front.date),
            service: page.front.service.as_ref().map(|(s, _)| service_view(s, self.strings)),
            pages_count: page.pages.len(),
        }
    }

    fn link(&self, id: PageId) -> Link {
        let page = &self.content.pages[id];
        Link { title: page.front.title.clone(), url: self.config.url_path(&page.path) }
    }

    pub fn page(&self, id: PageId) -> PageView<'_> {
        let page = &self.content.pages[id];
        let rendered = &self.rendered[id];
        let words = rendered.text.split_whitespace().count();
        let mut aliases: Vec<String> =
            page.front.aliases.iter().map(|(a, _)| self.config.permalink(a)).collect();
        aliases.sort_by_key(|a| (a.len(), a.clone()));
        let (previous, next) = self.neighbours(id);
        PageView {
            kind: match page.kind {
                Kind::Home => "home",
                Kind::Section => "section",
                Kind::Page => "page",
            },
            title: &page.front.title,
            description: self.description(id),
            has_description: page.front.description.is_some(),
            url: self.config.url_path(&page.path),
            permalink: self.config.permalink(&page.path),
            date: iso(page.front.date),
            date_display: display(page.front.date),
            reviewed: iso(page.front.reviewed),
            reviewed_display: display(page.front.reviewed),
            sources: page.front.sources.iter().map(|s| self.source(s)).collect(),
            tags: page.front.tags.iter().map(|t| self.tag_link(t)).collect(),
            content: &rendered.html,
            toc: rendered.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect(),
            word_count: words,
            reading_minutes: words.div_ceil(200).max(1),
            short_link: self
                .short_paths
                .get(id)
                .map(|p| self.config.permalink(p))
                .or_else(|| aliases.first().cloned()),
            aliases,
            breadcrumbs: self.content.ancestors(id).into_iter().map(|a| self.link(a)).collect(),
            service: page.front.service.as_ref().map(|(s, _)| service_view(s, self.strings)),
            poster: (self.posters)(id),
            image: self.image(id),
            json_ld: self.json_ld(id),
            previous,
            next,
            pages: page.pages.iter().map(|&p| self.summary(p)).collect(),
            subsections: page.subsections.iter().map(|&p| self.summary(p)).collect(),
            service_groups: self.service_groups(id),
            video: super::video::view(self.content, self.config, id),
        }
    }

    /// Service pages of a section, grouped by agency and ordered by number.
    fn service_groups(&self, id: PageId) -> Vec<ServiceGroupView<'_>> {
        let mut services: Vec<(ServiceGroup, i64, PageId)> = self.content.pages[id]
            .pages
            .iter()
            .filter_map(|&p| {
                self.content.pages[p].front.service.as_ref().map(|(s, _)| (s.group, s.number, p))
            })
            .collect();
        services.sort();
        let mut groups: Vec<ServiceGroupView<'_>> = Vec::new();
        for (group, _, p) in services {
            let name = group_name(group, self.strings);
            match groups.last_mut() {
                Some(g) if g.name == name => g.pages.push(self.summary(p)),
                _ => groups.push(ServiceGroupView { name, pages: vec![self.summary(p)] }),
            }
        }
        groups
    }

    /// Full URL of a page's link-preview image.
    pub fn image(&self, id: PageId) -> Option<String> {
        (self.share_images)(id).map(|path| format!("{}{path}", self.config.origin()))
    }

    fn json_ld(&self, id: PageId) -> Option<String> {
        use serde_json::json;
        let page = &self.content.pages[id];
        let config = self.config;
        let unit = if config.unit.name.is_empty() { &config.title } else { &config.unit.ubnd };
        let organisation =
            json!({"@type": "GovernmentOrganization", "name": unit, "url": config.permalink("")});
        let permalink = config.permalink(&page.path);
        let mut graph = Vec::new();
        if page.kind != Kind::Home {
            let mut chain: Vec<PageId> = self.content.ancestors(id);
            chain.push(id);
            let items: Vec<_> = chain
                .iter()
                .enumerate()
                .map(|(i, &p)| {
                    let item = &self.content.pages[p];
                    json!({"@type": "ListItem", "position": i + 1, "name": item.front.title, "item": config.permalink(&item.path)})
                })
                .collect();
            graph.push(json!({"@type": "BreadcrumbList", "itemListElement": items}));
        }
        if let Some((service, _)) = &page.front.service {
            let channels: Vec<_> = service_view(service, self.strings)
                .channels
                .into_iter()
                .map(|c| {
                    let mut channel = json!({"@type": "ServiceChannel", "name": c.title});
                    if !c.url.is_empty() {
                        channel["serviceUrl"] = json!(c.url);
                    }
                    channel
                })
                .collect();
            graph.push(json!({
                "@type": "GovernmentService",
                "name": service.name,
                "description": self.description(id),
                "url": permalink,
                "serviceOperator": organisation,
                "availableChannel": channels,
            }));
        } else if let Some(date) = page.front.date.filter(|_| page.kind == Kind::Page) {
            graph.push(json!({
                "@type": "NewsArticle",
                "headline": page.front.title,
                "description": self.description(id),
                "datePublished": date.format("%Y-%m-%d").to_string(),
                "dateModified": page.front.reviewed.unwrap_or(date).format("%Y-%m-%d").to_string(),
                "author": organisation,
                "publisher": organisation,
                "mainEntityOfPage": permalink,
                "image": self.image(id).map(|i| vec![i]).unwrap_or_default(),
                "inLanguage": config.language,
            }));
        }
        if graph.is_empty() {
            return None;
        }
        let text = json!({"@context": "https://schema.org", "@graph": graph}).to_string();
        Some(crate::escape::json_for_script(&text))
    }

    /// The pages before and after `id` in its section.
    fn neighbours(&self, id: PageId) -> (Option<Link>, Option<Link>) {
        let page: &Page = &self.content.pages[id];
        let Some(parent) = page.parent.filter(|_| page.kind == Kind::Page) else {
            return (None, None);
        };
        let siblings = &self.content.pages[parent].pages;
        let Some(i) = siblings.iter().position(|&p| p == id) else {
            return (None, None);
        };
        let previous = i.checked_sub(1).map(|j| self.link(siblings[j]));
        let next = siblings.get(i + 1).map(|&n| self.link(n));
        (previous, next)
    }

    fn source(&self, s: &crate::content::front_matter::Source) -> SourceView {
        let host =
            url::Url::parse(&s.url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
        SourceView {
            title: s.title.clone(),
            url: s.url.clone(),
            linkable: !host.is_empty() && self.config.host_allowed(&host),
            host,
        }
    }

    pub fn tag_link(&self, tag: &str) -> Link {
        Link { title: tag.to_string(), url: self.config.url_path(&tag_path(tag)) }
    }
}

/// Published path of a tag's page: `chu-de/nguoi-cao-tuoi/`.
pub fn tag_path(tag: &str) -> String {
    let slug = crate::slug::slugify(tag);
    format!("{}{}/", super::paths::TAGS_DIR, if slug.is_empty() { "khac" } else { &slug })
}

pub fn group_name(group: ServiceGroup, strings: &Strings) -> String {
    let key = match group {
        ServiceGroup::BoCongAn => "group_bo_cong_an",
        ServiceGroup::CapXa => "group_cap_xa",
        ServiceGroup::NganhKhac => "group_nganh_khac",
    };
    strings.get(key).to_string()
}

pub fn service_view(service: &Service, strings: &Strings) -> ServiceView {
    ServiceView {
        number: service.number,
        name: service.name.clone(),
        group: service.group,
        group_name: group_name(service.group, strings),
        agency: service.agency.clone(),
        channels: service
            .channels
            .iter()
            .map(|c| match c {
                Channel::Dvcqg => Link {
                    title: strings.get("channel_dvcqg").into(),
                    url: "https://dichvucong.gov.vn".into(),
                },
                // The app is installed from the stores; there is no one page to link.
                Channel::Vneid => Link { title: strings.get("channel_vneid").into(), url: String::new() },
            })
            .collect(),
        legal_basis: service.legal_basis.clone(),
    }
}
