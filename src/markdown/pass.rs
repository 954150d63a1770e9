//! The walk over one page's Markdown events: each event goes to the
//! handler that owns it, and comes out (changed or not) for the HTML writer.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::plain_links::Prepared;
use super::{AnchorRef, Rendered};
use crate::config::Config;
use crate::content::{Content, PageId};
use crate::diagnostics::{Diagnostic, Location};
use crate::slug::AnchorSet;
use crate::theme::Strings;

/// One page being rendered, and what it gives the build.
pub struct Pass<'a, 'p> {
    pub content: &'a Content,
    pub config: &'a Config,
    pub strings: &'a Strings,
    pub id: PageId,
    /// The Markdown being parsed (the body, link targets made parseable).
    pub source: &'p Prepared<'p>,
    pub problems: &'p mut Vec<Diagnostic>,
    pub anchors: AnchorSet,
    pub anchor_refs: Vec<AnchorRef>,
    pub out: Rendered,
}

/// Where the walk is: what is being gathered, and how deep it is.
#[derive(Default)]
pub struct State<'e> {
    /// A raw HTML block being gathered, with where it starts.
    pub html_block: Option<(Vec<Event<'e>>, Range<usize>)>,
    /// Index in the output of the open heading's start event.
    pub heading_start: Option<usize>,
    /// Text being collected for a heading, the summary or a step.
    pub capture: Capture,
    /// Block nesting, to find top-level paragraphs.
    pub depth: usize,
    pub list_depth: usize,
    /// Depth of the numbered list whose items are the steps, while in it.
    pub steps_list: Option<usize>,
    /// The first numbered list is over: later ones are not steps.
    pub steps_done: bool,
    /// A picture whose alt text is being gathered.
    pub picture: Option<PictureCapture>,
}

/// A picture of the content being written as `<picture>`.
pub struct PictureCapture {
    pub variants: Vec<crate::pictures::Variant>,
    pub title: String,
    pub alt: String,
}

/// Where text being collected goes.
#[derive(Default)]
pub struct Capture {
    pub heading: Option<String>,
    pub summary: Option<String>,
    pub step: Option<String>,
}

impl Capture {
    pub fn push(&mut self, piece: &str) {
        for target in [&mut self.heading, &mut self.summary, &mut self.step].into_iter().flatten() {
            target.push_str(piece);
        }
    }
}

impl Pass<'_, '_> {
    /// The location of `range` of the page's body, in its file.
    pub fn location(&self, range: &Range<usize>) -> Location {
        self.content.pages[self.id].body_location(self.source.range_in_body(range))
    }

    pub fn transform<'e>(&mut self, events: Vec<(Event<'e>, Range<usize>)>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len() + 8);
        let mut state = State::default();
        for (event, range) in events {
            if state.html_block.is_some() {
                self.gather_html(&mut state, event, &mut out);
            } else if state.picture.is_some() {
                self.in_picture(&mut state, event, &mut out);
            } else {
                self.event(&mut state, event, range, &mut out);
            }
        }
        out
    }

    fn event<'e>(
        &mut self,
        state: &mut State<'e>,
        event: Event<'e>,
        range: Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        match event {
            Event::Start(Tag::HtmlBlock) => state.html_block = Some((Vec::new(), range)),
            Event::Start(Tag::Heading { .. }) => self.start_heading(state, event, out),
            Event::End(TagEnd::Heading(level)) => self.end_heading(state, level, out),
            Event::Start(Tag::Paragraph) => self.start_paragraph(state, out),
            Event::End(TagEnd::Paragraph) => self.end_paragraph(state, out),
            Event::Start(Tag::List(start)) => self.start_list(state, start, out),
            Event::End(TagEnd::List(ordered)) => self.end_list(state, ordered, out),
            Event::Start(Tag::Item) => self.start_item(state, out),
            Event::End(TagEnd::Item) => self.end_item(state, out),
            Event::Start(Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_))
            | Event::End(TagEnd::BlockQuote(_) | TagEnd::Table | TagEnd::FootnoteDefinition)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => self.block(state, event, out),
            Event::Start(Tag::Link { .. }) => self.link(event, &range, out),
            Event::Start(Tag::Image { .. }) => self.image(state, event, &range, out),
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, &range, out),
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => {
                self.text(state, event, out)
            }
            other => out.push(other),
        }
    }
}
