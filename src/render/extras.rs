//! The site's files beyond its pages: tag pages, the search page's A–Z
//! list, 404, alias redirects, sitemap, robots.txt, Atom feeds, theme static
//! files and the assets that travel with pages.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;
use unicode_normalization::UnicodeNormalization;

use super::paths::*;
use super::view::{self, Sources, Summary};
use crate::content::{Content, Kind, PageId};
use crate::diagnostics::Report;
use crate::escape::escape;
use crate::output::Sink;
use crate::templates::Templates;
use crate::theme::Theme;

pub fn render(
    sources: &Sources<'_>,
    templates: &Templates,
    theme: &Theme,
    staging: &dyn Sink,
    report: &Report,
) {
    let jobs: [&(dyn Fn() -> Result<(), crate::diagnostics::Diagnostic> + Sync); 9] = [
        &|| tags(sources, templates, staging),
        &|| search_page(sources, templates, staging),
        &|| search_index(sources, staging),
        &|| not_found(sources, templates, staging),
        &|| aliases(sources, templates, staging),
        &|| staging.write(SITEMAP, sitemap(sources).as_bytes()),
        &|| staging.write(ROBOTS, robots(sources).as_bytes()),
        &|| feeds(sources, staging),
        &|| static_files(theme, staging),
    ];
    jobs.par_iter().for_each(|job| {
        if let Err(problem) = job() {
            report.push(problem);
        }
    });
    copy_assets(sources, staging, report);
}

/// A page that is not a content page (404, tag lists, search).
#[derive(Serialize)]
pub struct SimplePage {
    kind: &'static str,
    title: String,
    description: String,
    url: String,
    permalink: String,
    /// The home page's preview image.
    image: Option<String>,
    json_ld: Option<String>,
}

pub fn simple(sources: &Sources<'_>, kind: &'static str, title: &str, path: &str) -> SimplePage {
    SimplePage {
        kind,
        title: title.to_string(),
        description: sources.config.description.clone(),
        url: sources.config.url_path(path),
        permalink: sources.config.permalink(path),
        image: sources.image(crate::content::Content::HOME),
        json_ld: None,
    }
}

#[derive(Serialize)]
struct TagView<'a> {
    title: String,
    url: String,
    count: usize,
    pages: Vec<Summary<'a>>,
}

/// Every tag's page path with the tag as first written, and its pages in
/// site order. Tags that differ only by case or accents (`VNeID`, `vneid`)
/// share one slug and are one tag; a page is listed once under it.
pub fn tag_pages(content: &Content) -> Vec<(String, String, Vec<PageId>)> {
    let mut by_tag: BTreeMap<String, (String, Vec<PageId>)> = BTreeMap::new();
    for id in content.site_order() {
        for tag in &content.pages[id].front.tags {
            let (_, pages) = by_tag.entry(view::tag_path(tag)).or_insert_with(|| (tag.clone(), Vec::new()));
            if pages.last() != Some(&id) {
                pages.push(id);
            }
        }
    }
    by_tag.into_iter().map(|(path, (title, ids))| (path, title, ids)).collect()
}

fn tags(
    sources: &Sources<'_>,
    templates: &Templates,
    staging: &dyn Sink,
) -> Result<(), crate::diagnostics::Diagnostic> {
    let mut list: Vec<TagView<'_>> = tag_pages(sources.content)
        .into_iter()
        .map(|(path, title, ids)| TagView {
            title,
            url: sources.config.url_path(&path),
            count: ids.len(),
            pages: ids.into_iter().map(|id| sources.summary(id)).collect(),
        })
        .collect();
    list.sort_by(|a, b| crate::collate::compare(&a.title, &b.title));
    list.par_iter().try_for_each(|tag| {
        let path = tag.url.strip_prefix(&sources.config.base_path).unwrap_or(&tag.url).to_string();
        let mut context = Context::new();
        context.insert("page", &simple(sources, "tag", &tag.title, &path));
        context.insert("tag", tag);
        let html = templates.render("tag.html", &context)?;
        staging.write(&format!("{path}index.html"), html.as_bytes())
    })?;
    let summaries: Vec<_> = list.iter().map(|t| (&t.title, &t.url, t.count)).collect();
    let mut context = Context::new();
    context.insert("page", &simple(sources, "tags", sources.strings.get("tags_title"), TAGS_DIR));
    context.insert(
        "tags",
        &summaries
            .iter()
            .map(|(title, url, count)| serde_json::json!({"title": title, "url": url, "count": count}))
            .collect::<Vec<_>>(),
    );
    let html = templates.render("tags.html", &context)?;
    staging.write(&format!("{TAGS_DIR}index.html"), html.as_bytes())
}

#[derive(Serialize)]
struct LetterGroup<'a> {
    letter: String,
    pages: Vec<Summary<'a>>,
}

/// The search page: works without JavaScript as an A–Z list of all guides.
fn search_page(
    sources: &Sources<'_>,
    templates: &Templates,
    staging: &dyn Sink,
) -> Result<(), crate::diagnostics::Diagnostic> {
    let mut ids = sources.content.site_order();
    ids.sort_by_cached_key(|&id| crate::collate::key(&sources.content.pages[id].front.title));
    let mut groups: Vec<LetterGroup<'_>> = Vec::new();
    for id in ids {
        let letter = first_letter(&sources.content.pages[id].front.title);
        match groups.last_mut() {
            Some(group) if group.letter == letter => group.pages.push(sources.summary(id)),
            _ => groups.push(LetterGroup { letter, pages: vec![sources.summary(id)] }),
        }
    }
    let mut context = Context::new();
    context.insert("page", &simple(sources, "search", sources.strings.get("search_title"), SEARCH_DIR));
    context.insert("az", &groups);
    let html = templates.render("search.html", &context)?;
    staging.write(&format!("{SEARCH_DIR}index.html"), html.as_bytes())
}

/// `tim-kiem/index.json` for `static/search.js`: every page and section but
/// the home page (sections label results with where they belong).
fn search_index(sources: &Sources<'_>, staging: &dyn Sink) -> Result<(), crate::diagnostics::Diagnostic> {
    let pages = &sources.content.pages;
    let ids: Vec<PageId> = (0..pages.len()).filter(|&id| pages[id].kind != Kind::Home).collect();
    let urls: Vec<String> = ids.iter().map(|&id| sources.config.url_path(&pages[id].path)).collect();
    let docs: Vec<crate::search::SearchDoc<'_>> = ids
        .iter()
        .zip(&urls)
        .map(|(&id, url)| {
            let rendered = &sources.rendered[id];
            crate::search::SearchDoc {
                title: &pages[id].front.title,
                url,
                description: sources.description(id),
                headings: rendered
                    .headings
                    .iter()
                    .filter(|h| (2..=3).contains(&h.level))
                    .map(|h| h.title.as_str())
                    .collect(),
                keywords: pages[id].front.keywords.iter().map(String::as_str).collect(),
                body: &rendered.text,
            }
        })
        .collect();
    staging.write(&format!("{SEARCH_DIR}index.json"), &crate::search::build_index(&docs, sources.synonyms))
}

/// `Đăng ký` → `Đ`, `ấp` → `Â`, `ô` → `Ô`: the letter without its tone.
fn first_letter(title: &str) -> String {
    let Some(first) = title.trim().chars().next() else {
        return "#".into();
    };
    if !first.is_alphabetic() {
        return "#".into();
    }
    let toneless: String = first
        .to_string()
        .nfd()
        .filter(|c| !matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'))
        .nfc()
        .collect();
    toneless.to_uppercase()
}

fn not_found(
    sources: &Sources<'_>,
    templates: &Templates,
    staging: &dyn Sink,
) -> Result<(), crate::diagnostics::Diagnostic> {
    let mut context = Context::new();
    context.insert("page", &simple(sources, "404", sources.strings.get("not_found_title"), NOT_FOUND));
    let html = templates.render("404.html", &context)?;
    staging.write(NOT_FOUND, html.as_bytes())
}

/// Small pages at old or short paths that send the reader on
/// (`redirect.html`: a canonical link and an immediate refresh).
fn aliases(
    sources: &Sources<'_>,
    templates: &Templates,
    staging: &dyn Sink,
) -> Result<(), crate::diagnostics::Diagnostic> {
    for (id, page) in sources.content.pages.iter().enumerate() {
        let short = sources.short_paths.get(id);
        for (alias, _) in page.front.aliases.iter().filter(|(a, _)| short != Some(a.as_str())) {
            let mut context = Context::new();
            context.insert("target", &sources.config.permalink(&page.path));
            context.insert("title", &page.front.title);
            let html = templates.render("redirect.html", &context)?;
            staging.write(&format!("{alias}index.html"), html.as_bytes())?;
        }
    }
    Ok(())
}

fn sitemap(sources: &Sources<'_>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in &sources.content.pages {
        let _ = write!(xml, "  <url>\n    <loc>{}</loc>\n", escape(&sources.config.permalink(&page.path)));
        if let Some(date) = page.front.reviewed.or(page.front.date) {
            let _ = writeln!(xml, "    <lastmod>{}</lastmod>", date.format("%Y-%m-%d"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(sources: &Sources<'_>) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", sources.config.permalink(SITEMAP))
}

/// Atom feeds for sections with `feed: true`, newest first.
fn feeds(sources: &Sources<'_>, staging: &dyn Sink) -> Result<(), crate::diagnostics::Diagnostic> {
    for (id, page) in sources.content.pages.iter().enumerate() {
        if page.is_section() && page.front.feed {
            staging.write(&feed_file(page), atom(sources, id).as_bytes())?;
        }
    }
    Ok(())
}

fn atom(sources: &Sources<'_>, section: PageId) -> String {
    let config = sources.config;
    let page = &sources.content.pages[section];
    let mut entries: Vec<PageId> = page.pages.clone();
    entries.sort_by(|&a, &b| sources.content.pages[b].front.date.cmp(&sources.content.pages[a].front.date));
    entries.truncate(30);
    let stamp = |d: Option<chrono::NaiveDate>| {
        d.map(|d| format!("{}T00:00:00+07:00", d.format("%Y-%m-%d")))
            .unwrap_or_else(|| "1970-01-01T00:00:00+07:00".into())
    };
    let updated = entries.iter().filter_map(|&e| sources.content.pages[e].front.date).max();
    let esc = |s: &str| escape(s);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
    );
    let _ = write!(
        xml,
        "{}\">\n  <title>{} – {}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{}</updated>\n  <generator>loa</generator>\n",
        esc(&config.language),
        esc(&page.front.title),
        esc(&config.title),
        esc(&config.permalink(&page.path)),
        esc(&config.permalink(&feed_file(page))),
        esc(&config.permalink(&page.path)),
        stamp(updated),
    );
    for id in entries {
        let entry = &sources.content.pages[id];
        let link = esc(&config.permalink(&entry.path));
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{link}\"/>\n    <id>{link}</id>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n    <summary>{}</summary>\n  </entry>\n",
            esc(&entry.front.title),
            stamp(entry.front.reviewed.or(entry.front.date)),
            esc(if config.unit.name.is_empty() { &config.title } else { &config.unit.ubnd }),
            esc(sources.description(id)),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

fn static_files(theme: &Theme, staging: &dyn Sink) -> Result<(), crate::diagnostics::Diagnostic> {
    for (rel, file) in theme.under("static/") {
        staging.write(rel, &file.bytes)?;
    }
    Ok(())
}

/// Content files as they are. Pictures are not: the build's `pictures`
/// stage and the preview make their sizes.
fn copy_assets(sources: &Sources<'_>, staging: &dyn Sink, report: &Report) {
    let assets: Vec<_> = sources.content.assets.values().filter(|a| a.picture.is_none()).collect();
    assets.par_iter().for_each(|asset| {
        if let Err(problem) = staging.copy_asset(asset) {
            report.push(problem);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_letters_keep_vietnamese_letters() {
        assert_eq!(first_letter("Đăng ký"), "Đ");
        assert_eq!(first_letter("ấp"), "Â");
        assert_eq!(first_letter("Ưu tiên"), "Ư");
        assert_eq!(first_letter("25 dịch vụ"), "#");
        assert_eq!(first_letter("Ảnh"), "A");
    }
}
