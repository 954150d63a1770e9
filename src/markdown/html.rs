//! Raw HTML in Markdown: published only when `markdown.allow_html` is set,
//! otherwise shown as text with a warning (a pasted `<script>` or tracking
//! pixel must never reach residents). Comments are notes for editors and
//! are always dropped.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::pass::{Pass, State};
use crate::diagnostics::Diagnostic;
use crate::messages::Msg;

fn is_comment(html: &str) -> bool {
    let trimmed = html.trim();
    trimmed.starts_with("<!--") && trimmed.ends_with("-->")
}

impl Pass<'_, '_> {
    pub(super) fn raw_html<'e>(&mut self, html: CowStr<'e>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        if is_comment(&html) {
            return;
        }
        if self.config.markdown.allow_html {
            out.push(Event::InlineHtml(html));
        } else {
            self.problems.push(Diagnostic::warning(Msg::RawHtmlRemoved, Some(self.location(range))));
            out.push(Event::Text(html));
        }
    }

    /// Inside an HTML block: gathers its events until it ends.
    pub(super) fn gather_html<'e>(
        &mut self,
        state: &mut State<'e>,
        event: Event<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        if !matches!(event, Event::End(TagEnd::HtmlBlock)) {
            if let Some((block, _)) = state.html_block.as_mut() {
                block.push(event);
            }
            return;
        }
        if let Some((block, range)) = state.html_block.take() {
            self.raw_html_block(block, &range, out);
        }
    }

    fn raw_html_block<'e>(&mut self, block: Vec<Event<'e>>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        let mut html = String::new();
        for event in &block {
            if let Event::Html(part) | Event::Text(part) = event {
                html.push_str(part);
            }
        }
        if is_comment(&html) {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_body, render_with_html};

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let body = "<script>alert(1)</script>\n\nChữ <b>đậm</b>.\n";
        let (page, problems) = render_body(body);
        assert!(!page.html.contains("<script>") && !page.html.contains("<b>"), "{}", page.html);
        assert!(page.html.contains("&lt;script&gt;"), "{}", page.html);
        assert_eq!(problems.len(), 3, "one warning per piece: {problems:?}");
        let (page, problems) = render_with_html(body);
        assert!(page.html.contains("<script>alert(1)</script>") && page.html.contains("<b>đậm</b>"));
        assert!(problems.is_empty());
    }

    #[test]
    fn comments_are_always_dropped() {
        let (page, problems) = render_body("<!-- ghi chú -->\n\nChữ <!-- nhỏ --> thường.\n");
        assert!(!page.html.contains("ghi chú") && !page.html.contains("nhỏ"), "{}", page.html);
        assert!(problems.is_empty());
    }
}
