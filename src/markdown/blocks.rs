//! Block-level details: tables wrapped in a scrollable, labelled region,
//! task-list boxes as labelled marks (a disabled checkbox has no label for
//! screen readers), footnote ids that cannot clash with anything numbered,
//! and the nesting of quotes and alerts (for finding top-level paragraphs).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::pass::{Pass, State};
use crate::escape::escape;

impl Pass<'_, '_> {
    pub(super) fn block<'e>(&mut self, state: &mut State<'e>, event: Event<'e>, out: &mut Vec<Event<'e>>) {
        match event {
            Event::Start(Tag::Table(_)) => {
                let label = escape(self.strings.get("table_label"));
                out.push(Event::Html(CowStr::from(format!(
                    "<section class=\"table-wrap\" aria-label=\"{label}\" tabindex=\"0\">"
                ))));
                state.depth += 1;
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                state.depth = state.depth.saturating_sub(1);
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed("</section>")));
            }
            Event::Start(Tag::BlockQuote(_)) => {
                state.depth += 1;
                out.push(event);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                state.depth += 1;
                out.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))));
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                state.depth = state.depth.saturating_sub(1);
                out.push(event);
            }
            Event::FootnoteReference(label) => out.push(Event::FootnoteReference(footnote_id(&label))),
            Event::TaskListMarker(done) => out.push(self.task_mark(done)),
            other => out.push(other),
        }
    }

    fn task_mark(&self, done: bool) -> Event<'static> {
        let (class, key, mark) =
            if done { ("task done", "task_done", '✓') } else { ("task", "task_open", '○') };
        let label = escape(self.strings.get(key));
        Event::Html(CowStr::from(format!(
            "<span class=\"{class}\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
        )))
    }
}

/// Labels become ids; `1` alone would clash with anything numbered.
fn footnote_id(label: &str) -> CowStr<'static> {
    CowStr::from(format!("chu-thich-{}", crate::slug::slugify(label)))
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_body;

    #[test]
    fn tables_scroll_in_a_labelled_region() {
        let (page, _) = render_body("| A | B |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            page.html.starts_with("<section class=\"table-wrap\" aria-label=\"Bảng\" tabindex=\"0\"><table>")
        );
        assert!(page.html.trim_end().ends_with("</table>\n</section>"), "{}", page.html);
    }

    #[test]
    fn task_boxes_are_labelled_marks() {
        let (page, _) = render_body("- [x] Có căn cước\n- [ ] Kích hoạt\n");
        assert!(page.html.contains("aria-label=\"Đã xong\">✓</span>"), "{}", page.html);
        assert!(page.html.contains("aria-label=\"Chưa xong\">○</span>"), "{}", page.html);
        assert!(!page.html.contains("<input"));
    }

    #[test]
    fn footnotes_get_their_own_ids() {
        let (page, _) = render_body("Theo luật.[^1]\n\n[^1]: Luật Cư trú 2020.\n");
        assert!(page.html.contains("href=\"#chu-thich-1\"") && page.html.contains("id=\"chu-thich-1\""));
    }

    #[test]
    fn alerts_are_quotes_with_their_kind() {
        let (page, _) = render_body("> [!WARNING]\n> Không chuyển tiền.\n\nĐoạn đầu.\n");
        assert!(page.html.contains("markdown-alert-warning"), "{}", page.html);
        assert_eq!(page.summary, "Đoạn đầu.", "an alert is not the summary");
    }
}
