//! What the build takes from a page's text besides its HTML: the first
//! top-level paragraph (the summary for lists and previews), the items of
//! the first numbered list (the poster's steps) and all of it as plain text
//! (for search). Heading text is collected the same way, for anchors.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::pass::{Pass, State};

/// Runs of white space as single spaces, trimmed.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Pass<'_, '_> {
    pub(super) fn text<'e>(&mut self, state: &mut State<'e>, event: Event<'e>, out: &mut Vec<Event<'e>>) {
        let piece: &str = match &event {
            Event::Text(text) | Event::Code(text) => text,
            _ => " ",
        };
        state.capture.push(piece);
        self.out.text.push_str(piece);
        self.out.text.push(' ');
        out.push(event);
    }

    pub(super) fn start_paragraph(&mut self, state: &mut State<'_>, out: &mut Vec<Event<'_>>) {
        if state.depth == 0 && self.out.summary.is_empty() && state.capture.summary.is_none() {
            state.capture.summary = Some(String::new());
        }
        state.depth += 1;
        out.push(Event::Start(Tag::Paragraph));
    }

    pub(super) fn end_paragraph(&mut self, state: &mut State<'_>, out: &mut Vec<Event<'_>>) {
        state.depth = state.depth.saturating_sub(1);
        if state.depth == 0 {
            if let Some(summary) = state.capture.summary.take() {
                self.out.summary = squeeze(&summary);
            }
        }
        out.push(Event::End(TagEnd::Paragraph));
    }

    /// The first numbered list's items are the steps.
    pub(super) fn start_list(&mut self, state: &mut State<'_>, start: Option<u64>, out: &mut Vec<Event<'_>>) {
        state.list_depth += 1;
        state.depth += 1;
        if start.is_some() && !state.steps_done && state.steps_list.is_none() {
            state.steps_list = Some(state.list_depth);
        }
        out.push(Event::Start(Tag::List(start)));
    }

    pub(super) fn end_list(&mut self, state: &mut State<'_>, ordered: bool, out: &mut Vec<Event<'_>>) {
        if state.steps_list == Some(state.list_depth) {
            state.steps_list = None;
            state.steps_done = true;
        }
        state.list_depth = state.list_depth.saturating_sub(1);
        state.depth = state.depth.saturating_sub(1);
        out.push(Event::End(TagEnd::List(ordered)));
    }

    pub(super) fn start_item(&mut self, state: &mut State<'_>, out: &mut Vec<Event<'_>>) {
        if state.steps_list == Some(state.list_depth) {
            state.capture.step = Some(String::new());
        }
        out.push(Event::Start(Tag::Item));
    }

    pub(super) fn end_item(&mut self, state: &mut State<'_>, out: &mut Vec<Event<'_>>) {
        if state.steps_list == Some(state.list_depth) {
            if let Some(step) = state.capture.step.take() {
                self.out.steps.push(squeeze(&step));
            }
        }
        out.push(Event::End(TagEnd::Item));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_body;

    #[test]
    fn summary_is_the_first_top_level_paragraph() {
        let (page, _) = render_body("> Trích dẫn.\n\nĐoạn   đầu\ntiên.\n\nĐoạn hai.\n");
        assert_eq!(page.summary, "Đoạn đầu tiên.");
    }

    #[test]
    fn steps_are_the_first_numbered_list_only() {
        let (page, _) = render_body(
            "- gạch đầu dòng\n\n1. Mở **VNeID**.\n2. Chọn `Thủ tục`\n   rồi gửi.\n\nĐoạn giữa.\n\n1. Danh sách khác\n",
        );
        assert_eq!(page.steps, ["Mở VNeID.", "Chọn Thủ tục rồi gửi."]);
    }

    #[test]
    fn plain_text_has_single_spaces() {
        let (page, _) = render_body("# Tiêu đề\n\nMột  hai\nba `bốn`.\n");
        assert_eq!(page.text, "Tiêu đề Một hai ba bốn .");
    }
}
