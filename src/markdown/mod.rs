//! Markdown → HTML for one page, with everything the build needs from the
//! same single parse: heading anchors and the table of contents, links
//! rewritten to published URLs and checked, the first paragraph (for
//! previews), the first numbered list (for posters) and the plain text
//! (for search).
//!
//! `pass` walks the parser's events and hands each to a small handler:
//! `headings` (anchors), `text` (summary, steps, plain text), `links`
//! (links and images), `html` (raw HTML), `blocks` (tables, task lists,
//! footnotes, quotes and alerts).

mod blocks;
mod headings;
mod html;
mod links;
mod pass;
mod plain_links;
mod text;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::{Content, PageId};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::slug::AnchorSet;
use crate::theme::Strings;
use pass::Pass;

/// The Markdown dialect: CommonMark plus GitHub's tables, footnotes,
/// strikethrough, task lists and alerts (`> [!WARNING]`), and `{#id}` on
/// headings.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// What one page's Markdown gives the rest of the build.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Every heading, in order (the theme shows levels 2–3 as contents).
    pub headings: Vec<Heading>,
    /// First paragraph as plain text.
    pub summary: String,
    /// Items of the first numbered list, as plain text.
    pub steps: Vec<String>,
    /// The body as plain text.
    pub text: String,
}

/// A link to `#anchor` on another page, checked once every page is parsed.
#[derive(Clone, Debug)]
pub struct AnchorRef {
    pub target: PageId,
    pub anchor: String,
    pub location: Location,
}

/// Renders page `id`. Problems found are pushed to `problems`.
pub fn render(
    content: &Content,
    config: &Config,
    strings: &Strings,
    id: PageId,
    problems: &mut Vec<Diagnostic>,
) -> (Rendered, Vec<AnchorRef>) {
    let page = &content.pages[id];
    let source = plain_links::prepare(page.body());
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(&source.text, options()).into_offset_iter().collect();
    for stray in plain_links::stray_syntax(&source.text, &events) {
        let location = page.body_location(source.range_in_body(&stray));
        problems.push(Diagnostic::warning(Msg::LinkSyntaxUnparsed, Some(location)));
    }
    let mut pass = Pass {
        content,
        config,
        strings,
        id,
        source: &source,
        problems,
        anchors: AnchorSet::default(),
        anchor_refs: Vec::new(),
        out: Rendered::default(),
    };
    let events = pass.transform(events);
    pulldown_cmark::html::push_html(&mut pass.out.html, events.into_iter());
    let mut rendered = pass.out;
    rendered.text = rendered.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (own, others): (Vec<AnchorRef>, Vec<AnchorRef>) =
        pass.anchor_refs.into_iter().partition(|r| r.target == id);
    for r in own {
        if let Some(problem) = check_anchor(content, r.target, &r.anchor, &rendered.headings, r.location) {
            pass.problems.push(problem);
        }
    }
    (rendered, others)
}

/// Markdown of every page, in parallel; then links to other pages' anchors,
/// which can only be checked once every page's headings are known.
pub fn render_all(
    content: &Content,
    config: &Config,
    strings: &Strings,
    report: &Report,
) -> (Vec<Rendered>, Vec<AnchorRef>) {
    let results: Vec<(Rendered, Vec<AnchorRef>)> = (0..content.pages.len())
        .into_par_iter()
        .map(|id| {
            let mut problems = Vec::new();
            let result = render(content, config, strings, id, &mut problems);
            let page = &content.pages[id];
            // An unreadable front matter is reported already; its missing
            // description would only be noise.
            let front_read = || !report.any_error_in(|file| file == Some(page.file.as_path()));
            if page.front.description.is_none() && !page.source.is_empty() && front_read() {
                problems.push(Diagnostic::warning(
                    crate::messages::Msg::MissingDescription,
                    Some(crate::content::front_matter::key_line(&page.file, &page.source, "title")),
                ));
            }
            report.extend(problems);
            result
        })
        .collect();
    let (rendered, anchor_refs): (Vec<Rendered>, Vec<Vec<AnchorRef>>) = results.into_iter().unzip();
    let anchor_refs: Vec<AnchorRef> = anchor_refs.into_iter().flatten().collect();
    report.extend(check_anchors(content, &rendered, anchor_refs.iter()));
    (rendered, anchor_refs)
}

/// Problems with links to `#anchors` on other pages.
pub fn check_anchors<'a>(
    content: &Content,
    rendered: &[Rendered],
    refs: impl Iterator<Item = &'a AnchorRef>,
) -> Vec<Diagnostic> {
    refs.filter_map(|r| {
        check_anchor(content, r.target, &r.anchor, &rendered[r.target].headings, r.location.clone())
    })
    .collect()
}

/// An error when `anchor` is not a heading of `target`.
pub fn check_anchor(
    content: &Content,
    target: PageId,
    anchor: &str,
    headings: &[Heading],
    location: Location,
) -> Option<Diagnostic> {
    if headings.iter().any(|h| h.id == anchor) {
        return None;
    }
    let suggestion = crate::suggest::nearest(anchor, headings.iter().map(|h| h.id.as_str()));
    Some(Diagnostic::error(
        Msg::AnchorBroken {
            target: crate::fs::display(&content.pages[target].file),
            anchor: anchor.to_string(),
            suggestion,
        },
        Some(location),
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::{LoadOptions, SourceFiles};

    /// Renders `body` as `content/vneid/trang.md` of a small site (base path
    /// `/x/`, `*.gov.vn` allowed), with or without raw HTML.
    fn render_in_site(body: &str, allow_html: bool) -> (Rendered, Vec<Diagnostic>) {
        let yaml = format!(
            "title: T\nbase_url: \"https://example.org/x\"\nlinks:\n  allowed_hosts: [\"*.gov.vn\"]\n\
             markdown:\n  allow_html: {allow_html}\n"
        );
        let config = Config::parse(&yaml, None).expect("test site.yaml");
        let page = format!("---\ntitle: Trang\n---\n{body}");
        let files = SourceFiles::in_memory(vec![
            ("_index.md".into(), b"---\ntitle: Home\n---\n".to_vec()),
            ("vneid/_index.md".into(), b"---\ntitle: VNeID\n---\n".to_vec()),
            ("vneid/khac.md".into(), b"---\ntitle: Khac\n---\n## Buoc 1\n".to_vec()),
            ("vneid/trang.md".into(), page.into_bytes()),
        ]);
        let report = Report::default();
        let content = crate::content::load(files, &LoadOptions::default(), &report);
        let id = content.by_source["vneid/trang.md"];
        let strings = crate::theme::Theme::built_in().strings;
        let mut problems = Vec::new();
        let (rendered, others) = render(&content, &config, &strings, id, &mut problems);
        let rendered_all: Vec<Rendered> = (0..content.pages.len())
            .map(|p| render(&content, &config, &strings, p, &mut Vec::new()).0)
            .collect();
        problems.extend(check_anchors(&content, &rendered_all, others.iter()));
        (rendered, problems)
    }

    pub fn render_body(body: &str) -> (Rendered, Vec<Diagnostic>) {
        render_in_site(body, false)
    }

    pub fn render_with_html(body: &str) -> (Rendered, Vec<Diagnostic>) {
        render_in_site(body, true)
    }
}
