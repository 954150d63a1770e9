//! Markdown → HTML for one page, with everything the build needs from the
//! same single parse: heading anchors and the table of contents, links
//! rewritten to published URLs and checked, the first paragraph (for
//! previews), the first numbered list (for posters) and the plain text
//! (for search).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::Config;
use crate::content::{Content, PageId};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::slug::AnchorSet;
use crate::theme::Strings;

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
    let mut pass = Pass {
        content,
        config,
        strings,
        id,
        problems,
        anchors: AnchorSet::default(),
        anchor_refs: Vec::new(),
        out: Rendered::default(),
    };
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(page.body(), options()).into_offset_iter().collect();
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
            if page.front.description.is_none() && !page.source.is_empty() {
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

struct Pass<'a, 'p> {
    content: &'a Content,
    config: &'a Config,
    strings: &'a Strings,
    id: PageId,
    problems: &'p mut Vec<Diagnostic>,
    anchors: AnchorSet,
    anchor_refs: Vec<AnchorRef>,
    out: Rendered,
}

/// Where text being collected goes.
#[derive(Default)]
struct Capture {
    heading: Option<String>,
    summary: Option<String>,
    step: Option<String>,
}

impl<'a> Pass<'a, '_> {
    fn location(&self, range: &Range<usize>) -> Location {
        let page = &self.content.pages[self.id];
        let offset = page.body_offset;
        Location::in_text(&page.file, &page.source, offset + range.start..offset + range.end)
    }

    fn transform<'e>(&mut self, events: Vec<(Event<'e>, Range<usize>)>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len() + 8);
        let mut capture = Capture::default();
        let mut heading_start = None;
        let mut html_block: Option<(Vec<Event<'e>>, Range<usize>)> = None;
        let mut depth = 0usize; // block nesting, to find top-level paragraphs
        let mut list_depth = 0usize;
        let mut steps_list: Option<usize> = None;
        let mut steps_done = false;
        for (event, range) in events {
            if let Some((block, _)) = html_block.as_mut() {
                if matches!(event, Event::End(TagEnd::HtmlBlock)) {
                    if let Some((block, block_range)) = html_block.take() {
                        self.raw_html_block(block, &block_range, &mut out);
                    }
                } else {
                    block.push(event);
                }
                continue;
            }
            match event {
                Event::Start(Tag::HtmlBlock) => html_block = Some((Vec::new(), range)),
                Event::Start(Tag::Heading { .. }) => {
                    capture.heading = Some(String::new());
                    heading_start = Some(out.len());
                    out.push(event);
                }
                Event::End(TagEnd::Heading(level)) => {
                    let title = capture.heading.take().unwrap_or_default();
                    if let Some(start) = heading_start.take() {
                        let id = self.heading_id(&mut out[start], &title);
                        self.out.headings.push(Heading {
                            level: heading_level(level),
                            id,
                            title: title.trim().to_string(),
                        });
                    }
                    out.push(event);
                }
                Event::Start(Tag::Paragraph) => {
                    if depth == 0 && self.out.summary.is_empty() && capture.summary.is_none() {
                        capture.summary = Some(String::new());
                    }
                    depth += 1;
                    out.push(event);
                }
                Event::End(TagEnd::Paragraph) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some(summary) = capture.summary.take() {
                            self.out.summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
                        }
                    }
                    out.push(event);
                }
                Event::Start(Tag::List(start)) => {
                    list_depth += 1;
                    depth += 1;
                    if start.is_some() && !steps_done && steps_list.is_none() {
                        steps_list = Some(list_depth);
                    }
                    out.push(Event::Start(Tag::List(start)));
                }
                Event::End(TagEnd::List(ordered)) => {
                    if steps_list == Some(list_depth) {
                        steps_list = None;
                        steps_done = true;
                    }
                    list_depth -= 1;
                    depth = depth.saturating_sub(1);
                    out.push(Event::End(TagEnd::List(ordered)));
                }
                Event::Start(Tag::Item) => {
                    if steps_list == Some(list_depth) {
                        capture.step = Some(String::new());
                    }
                    out.push(event);
                }
                Event::End(TagEnd::Item) => {
                    if steps_list == Some(list_depth) {
                        if let Some(step) = capture.step.take() {
                            self.out.steps.push(step.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                    }
                    out.push(event);
                }
                Event::Start(Tag::BlockQuote(_)) | Event::Start(Tag::Table(_)) => {
                    if matches!(event, Event::Start(Tag::Table(_))) {
                        let label = crate::escape::escape(self.strings.get("table_label"));
                        out.push(Event::Html(CowStr::from(format!(
                            "<section class=\"table-wrap\" aria-label=\"{label}\" tabindex=\"0\">"
                        ))));
                    }
                    depth += 1;
                    out.push(event);
                }
                Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::FootnoteDefinition) => {
                    depth = depth.saturating_sub(1);
                    out.push(event);
                }
                Event::End(TagEnd::Table) => {
                    depth = depth.saturating_sub(1);
                    out.push(event);
                    out.push(Event::Html(CowStr::Borrowed("</section>")));
                }
                // `<ubnd@example.org>`: the HTML writer adds `mailto:` itself.
                Event::Start(Tag::Link { link_type: LinkType::Email, dest_url, title, id }) => {
                    out.push(Event::Start(Tag::Link { link_type: LinkType::Email, dest_url, title, id }));
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.rewrite_link(dest_url, &range, false);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let empty_alt = image_alt_is_empty(range.clone(), self.content.pages[self.id].body());
                    if empty_alt {
                        self.problems.push(Diagnostic::warning(
                            Msg::ImageWithoutAlt { target: dest_url.to_string() },
                            Some(self.location(&range)),
                        ));
                    }
                    let dest_url = self.rewrite_link(dest_url, &range, true);
                    out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                }
                Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, &range, &mut out),
                // Labels become ids; `1` alone would clash with anything numbered.
                Event::FootnoteReference(label) => out.push(Event::FootnoteReference(footnote_id(&label))),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    depth += 1;
                    out.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))));
                }
                // A disabled checkbox has no label for screen readers; a mark does.
                Event::TaskListMarker(done) => {
                    let (class, key, mark) =
                        if done { ("task done", "task_done", '✓') } else { ("task", "task_open", '○') };
                    let label = crate::escape::escape(self.strings.get(key));
                    out.push(Event::Html(CowStr::from(format!(
                        "<span class=\"{class}\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                    ))));
                }
                Event::Text(text) => {
                    collect(&mut capture, &mut self.out.text, &text);
                    out.push(Event::Text(text));
                }
                Event::Code(code) => {
                    collect(&mut capture, &mut self.out.text, &code);
                    out.push(Event::Code(code));
                }
                Event::SoftBreak | Event::HardBreak => {
                    collect(&mut capture, &mut self.out.text, " ");
                    out.push(event);
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Gives the heading event its id (explicit `{#id}` or from its text).
    fn heading_id(&mut self, event: &mut Event<'_>, title: &str) -> String {
        let Event::Start(Tag::Heading { id, .. }) = event else {
            return String::new();
        };
        let chosen = match id {
            Some(explicit) => {
                self.anchors.reserve(explicit);
                explicit.to_string()
            }
            None => self.anchors.unique(title),
        };
        *id = Some(CowStr::from(chosen.clone()));
        chosen
    }

    fn raw_html<'e>(&mut self, html: CowStr<'e>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            return; // comments are notes for editors, never published
        }
        if self.config.markdown.allow_html {
            out.push(Event::InlineHtml(html));
        } else {
            self.problems.push(Diagnostic::warning(Msg::RawHtmlRemoved, Some(self.location(range))));
            out.push(Event::Text(html));
        }
    }

    fn raw_html_block<'e>(&mut self, block: Vec<Event<'e>>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        let mut html = String::new();
        for event in &block {
            if let Event::Html(part) | Event::Text(part) = event {
                html.push_str(part);
            }
        }
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            return;
        }
        if self.config.markdown.allow_html {
            out.push(Event::Start(Tag::HtmlBlock));
            out.extend(block);
            out.push(Event::End(TagEnd::HtmlBlock));
        } else {
            self.problems.push(Diagnostic::warning(Msg::RawHtmlRemoved, Some(self.location(range))));
            out.push(Event::Start(Tag::Paragraph));
            out.push(Event::Text(CowStr::from(html)));
            out.push(Event::End(TagEnd::Paragraph));
        }
    }

    /// Resolves a link target; on a problem the link is kept as written
    /// and the problem reported.
    fn rewrite_link<'e>(&mut self, dest: CowStr<'e>, range: &Range<usize>, image: bool) -> CowStr<'e> {
        let resolver = crate::links::Resolver { content: self.content, config: self.config, from: self.id };
        match resolver.resolve(&dest, image) {
            Ok(resolved) => {
                if let Some((target, anchor)) = resolved.anchor {
                    self.anchor_refs.push(AnchorRef { target, anchor, location: self.location(range) });
                }
                if let Some(warning) = resolved.warning {
                    self.problems.push(Diagnostic::warning(warning, Some(self.location(range))));
                }
                match resolved.url {
                    Some(url) => CowStr::from(url),
                    None => dest,
                }
            }
            Err(msg) => {
                self.problems.push(Diagnostic::error(msg, Some(self.location(range))));
                dest
            }
        }
    }
}

fn collect(capture: &mut Capture, text: &mut String, piece: &str) {
    for target in [&mut capture.heading, &mut capture.summary, &mut capture.step].into_iter().flatten() {
        target.push_str(piece);
    }
    text.push_str(piece);
    text.push(' ');
}

fn footnote_id(label: &str) -> CowStr<'static> {
    CowStr::from(format!("chu-thich-{}", crate::slug::slugify(label)))
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `![](x.png)` — the alt text is what sits between `![` and `]`.
fn image_alt_is_empty(range: Range<usize>, body: &str) -> bool {
    let source = body.get(range).unwrap_or_default();
    source.strip_prefix("![").and_then(|rest| rest.split(']').next()).is_some_and(|alt| alt.trim().is_empty())
}
