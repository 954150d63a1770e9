//! Headings: every one gets a stable, unique ASCII anchor (`## Các bước` →
//! `#cac-buoc`, a second one `#cac-buoc-1`; `{#id}` is kept) and is listed
//! for the table of contents and for checking links to it.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::Heading;
use super::pass::{Pass, State};

impl Pass<'_, '_> {
    pub(super) fn start_heading<'e>(
        &mut self,
        state: &mut State<'e>,
        event: Event<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        state.capture.heading = Some(String::new());
        state.heading_start = Some(out.len());
        out.push(event);
    }

    pub(super) fn end_heading(
        &mut self,
        state: &mut State<'_>,
        level: HeadingLevel,
        out: &mut Vec<Event<'_>>,
    ) {
        let title = state.capture.heading.take().unwrap_or_default();
        if let Some(start) = state.heading_start.take() {
            let id = self.heading_id(&mut out[start], &title);
            self.out.headings.push(Heading { level: level as u8, id, title: title.trim().to_string() });
        }
        out.push(Event::End(TagEnd::Heading(level)));
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_body;

    #[test]
    fn anchors_are_ascii_unique_and_explicit_ids_win() {
        let (page, _) = render_body("## Các bước\n\n## Các bước\n\n### Lệ phí {#phi}\n\n## Lệ phí\n");
        let ids: Vec<&str> = page.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["cac-buoc", "cac-buoc-1", "phi", "le-phi"]);
        assert_eq!(page.headings[2].level, 3);
        assert_eq!(page.headings[2].title, "Lệ phí");
        assert!(page.html.contains("<h2 id=\"cac-buoc-1\">Các bước</h2>"), "{}", page.html);
    }

    #[test]
    fn links_to_own_headings_are_checked() {
        let (_, problems) = render_body("## Các bước\n\n[x](#cac-buoc) [y](#cac-buco)\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].msg.code() == "broken-anchor");
    }
}
