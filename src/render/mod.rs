//! Rendering the site's HTML and companion files into the staging folder:
//! every page and section through the theme's templates (in parallel), tag
//! pages, the search page's A–Z list, 404, alias redirects, sitemap, robots,
//! theme static files and content assets.

mod extras;
mod paths;
pub mod video;
pub mod view;

pub use extras::tag_pages;
pub use paths::{SEARCH_DIR, SITE_FILES, ShortPaths, TAGS_DIR, feed_file};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content::{Content, Kind, PageId};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::Rendered;
use crate::output::Sink;
use crate::templates::Templates;
use crate::theme::Theme;
use view::{Link, Sources, Summary};

/// Values every template sees.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    /// Site-absolute URL of the home page.
    url: &'a str,
    language: &'a str,
    unit: &'a crate::config::Unit,
    /// The top-level sections, for navigation.
    sections: Vec<Link>,
    search_url: String,
    tags_url: String,
    posters_url: Option<String>,
    /// Atom feeds of sections that publish one.
    feeds: Vec<Link>,
    generator: String,
}

pub struct RenderInput<'a> {
    pub content: &'a Content,
    pub rendered: &'a [Rendered],
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub posters: &'a (dyn Fn(PageId) -> Option<view::PosterLinks> + Sync),
    pub share_images: &'a (dyn Fn(PageId) -> Option<String> + Sync),
    pub short_paths: &'a ShortPaths,
    pub posters_built: bool,
}

impl<'a> RenderInput<'a> {
    fn sources(&self) -> Sources<'a> {
        Sources {
            content: self.content,
            rendered: self.rendered,
            config: self.config,
            posters: self.posters,
            share_images: self.share_images,
            short_paths: self.short_paths,
            strings: &self.theme.strings,
            synonyms: &self.theme.synonyms,
        }
    }
}

/// Gives the templates the values every page sees (`site`, `config`).
pub fn set_globals(input: &RenderInput<'_>, templates: &mut Templates) {
    let mut globals = Context::new();
    globals.insert("site", &site_view(input));
    globals.insert("config", input.config);
    globals.insert("strings", input.theme.strings.all());
    templates.set_globals(globals);
}

/// Renders every file of the site into `out`. Problems go to `report`.
pub fn render_site(input: &RenderInput<'_>, templates: &mut Templates, out: &dyn Sink, report: &Report) {
    set_globals(input, templates);
    let ids: Vec<PageId> = (0..input.content.pages.len()).collect();
    render_pages(input, templates, &ids, out, report);
    render_extras(input, templates, out, report);
}

/// Renders the files beyond the pages: tags, search, feeds, sitemap, …
pub fn render_extras(input: &RenderInput<'_>, templates: &Templates, out: &dyn Sink, report: &Report) {
    extras::render(&input.sources(), templates, input.theme, out, report);
}

/// Renders the HTML of the given pages and sections, in parallel.
pub fn render_pages(
    input: &RenderInput<'_>,
    templates: &Templates,
    ids: &[PageId],
    out: &dyn Sink,
    report: &Report,
) {
    let sources = input.sources();
    ids.par_iter().for_each(|&id| {
        if let Err(problem) = render_page(&sources, templates, id, out) {
            report.push(problem);
        }
    });
}

/// Where page `id` is published: `vneid/kich-hoat/index.html`.
pub fn page_file(content: &Content, id: PageId) -> String {
    format!("{}index.html", content.pages[id].path)
}

fn render_page(
    sources: &Sources<'_>,
    templates: &Templates,
    id: PageId,
    out: &dyn Sink,
) -> Result<(), Diagnostic> {
    let page = &sources.content.pages[id];
    let template = match page.kind {
        Kind::Home => "index.html",
        Kind::Section => "section.html",
        Kind::Page => "page.html",
    };
    let mut context = Context::new();
    context.insert("page", &sources.page(id));
    let section = page.parent.map(|p| Link {
        title: sources.content.pages[p].front.title.clone(),
        url: sources.config.url_path(&sources.content.pages[p].path),
    });
    context.insert("section", &section);
    if page.kind == Kind::Home {
        context.insert("latest", &latest(sources, 10));
    }
    let html = templates.render(template, &context)?;
    out.write(&page_file(sources.content, id), html.as_bytes())?;
    // The short address printed on posters serves the same page; its
    // canonical link names the full address.
    match sources.short_paths.get(id) {
        Some(short) => out.write(&format!("{short}index.html"), html.as_bytes()),
        None => Ok(()),
    }
}

fn site_view<'a>(input: &'a RenderInput<'_>) -> SiteView<'a> {
    let config = input.config;
    let content = input.content;
    SiteView {
        title: &config.title,
        description: &config.description,
        base_url: &config.base_url,
        base_path: &config.base_path,
        url: &config.base_path,
        language: &config.language,
        unit: &config.unit,
        sections: content
            .home()
            .subsections
            .iter()
            .map(|&s| Link {
                title: content.pages[s].front.title.clone(),
                url: config.url_path(&content.pages[s].path),
            })
            .collect(),
        search_url: config.url_path(SEARCH_DIR),
        tags_url: config.url_path(TAGS_DIR),
        posters_url: input.posters_built.then(|| config.url_path("posters/")),
        feeds: content
            .pages
            .iter()
            .filter(|p| p.is_section() && p.front.feed)
            .map(|p| Link { title: p.front.title.clone(), url: config.url_path(&feed_file(p)) })
            .collect(),
        generator: format!("loa {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The most recent dated pages of the whole site.
fn latest<'a>(sources: &'a Sources<'_>, count: usize) -> Vec<Summary<'a>> {
    let mut dated: Vec<PageId> = sources
        .content
        .site_order()
        .into_iter()
        .filter(|&id| sources.content.pages[id].front.date.is_some())
        .collect();
    dated.sort_by(|&a, &b| sources.content.pages[b].front.date.cmp(&sources.content.pages[a].front.date));
    dated.into_iter().take(count).map(|id| sources.summary(id)).collect()
}
