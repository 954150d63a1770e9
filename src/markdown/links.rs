//! Links and images: written as paths to other pages' `.md` files (with
//! `#anchor`) or to files next to the page, rewritten to the published URLs
//! and checked; outside links checked against the official hosts. A link
//! that cannot be resolved is kept as written and reported.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::AnchorRef;
use super::pass::{Pass, PictureCapture, State};
use crate::diagnostics::Diagnostic;
use crate::messages::Msg;

impl Pass<'_, '_> {
    pub(super) fn link<'e>(&mut self, event: Event<'e>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        let Event::Start(Tag::Link { link_type, dest_url, title, id }) = event else {
            return out.push(event);
        };
        // `<ubnd@example.org>`: the HTML writer adds `mailto:` itself.
        let dest_url = match link_type {
            LinkType::Email => dest_url,
            _ => self.rewrite_link(dest_url, range, false).0,
        };
        out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
    }

    pub(super) fn image<'e>(
        &mut self,
        state: &mut State<'e>,
        event: Event<'e>,
        range: &Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        let Event::Start(Tag::Image { link_type, dest_url, title, id }) = event else {
            return out.push(event);
        };
        if image_alt_is_empty(range.clone(), &self.source.text) {
            self.problems.push(Diagnostic::warning(
                Msg::ImageWithoutAlt { target: dest_url.to_string() },
                Some(self.location(range)),
            ));
        }
        let (dest_url, asset) = self.rewrite_link(dest_url, range, true);
        let picture = asset
            .and_then(|key| self.content.assets.get(&key))
            .and_then(|asset| asset.picture.as_ref().map(|picture| picture.variants(&asset.output)));
        match picture {
            // Its alt text is gathered until the image ends; then the
            // whole `<picture>` is written (see `end_picture`).
            Some(variants) => {
                state.picture =
                    Some(PictureCapture { variants, title: title.to_string(), alt: String::new() })
            }
            None => out.push(Event::Start(Tag::Image { link_type, dest_url, title, id })),
        }
    }

    /// Inside a picture: its alt text is gathered; at its end the HTML of
    /// all its sizes is written.
    pub(super) fn in_picture<'e>(
        &mut self,
        state: &mut State<'e>,
        event: Event<'e>,
        out: &mut Vec<Event<'e>>,
    ) {
        match event {
            Event::End(TagEnd::Image) => {
                let Some(picture) = state.picture.take() else { return };
                let url = |path: &str| self.config.url_path(path);
                let html =
                    crate::pictures::markup(&picture.variants, url, picture.alt.trim(), &picture.title);
                out.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(picture) = &mut state.picture {
                    picture.alt.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(picture) = &mut state.picture {
                    picture.alt.push(' ');
                }
            }
            _ => {}
        }
    }

    /// Resolves a link target; on a problem the link is kept as written
    /// and the problem reported. Also gives the content file it leads to.
    fn rewrite_link<'e>(
        &mut self,
        dest: CowStr<'e>,
        range: &Range<usize>,
        image: bool,
    ) -> (CowStr<'e>, Option<String>) {
        let resolver = crate::links::Resolver { content: self.content, config: self.config, from: self.id };
        match resolver.resolve(&dest, image) {
            Ok(resolved) => {
                if let Some((target, anchor)) = resolved.anchor {
                    self.anchor_refs.push(AnchorRef { target, anchor, location: self.location(range) });
                }
                if let Some(warning) = resolved.warning {
                    self.problems.push(Diagnostic::warning(warning, Some(self.location(range))));
                }
                let url = match resolved.url {
                    Some(url) => CowStr::from(url),
                    None => dest,
                };
                (url, resolved.asset)
            }
            Err(msg) => {
                self.problems.push(Diagnostic::error(msg, Some(self.location(range))));
                (dest, None)
            }
        }
    }
}

/// `![](x.png)` — the alt text is what sits between `![` and `]`.
fn image_alt_is_empty(range: Range<usize>, body: &str) -> bool {
    let source = body.get(range).unwrap_or_default();
    source.strip_prefix("![").and_then(|rest| rest.split(']').next()).is_some_and(|alt| alt.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_body;

    fn codes(problems: &[crate::diagnostics::Diagnostic]) -> Vec<&'static str> {
        problems.iter().map(|d| d.msg.code()).collect()
    }

    #[test]
    fn page_links_become_urls_and_are_checked() {
        let (page, problems) = render_body("[a](khac.md#buoc-1) [b](../_index.md) [c](khong-co.md)\n");
        assert!(page.html.contains("href=\"/x/vneid/khac/#buoc-1\""), "{}", page.html);
        assert!(page.html.contains("href=\"/x/\""), "{}", page.html);
        assert!(page.html.contains("href=\"khong-co.md\""), "kept as written: {}", page.html);
        assert_eq!(codes(&problems), ["broken-link"]);
    }

    #[test]
    fn outside_links_must_be_official() {
        let (_, problems) = render_body(
            "[a](https://dichvucong.gov.vn) [b](https://evil.example) [c](http://vneid.gov.vn) [d](javascript:alert(1))\n",
        );
        assert_eq!(codes(&problems), ["host-not-allowed", "link-not-https", "link-scheme"]);
    }

    #[test]
    fn mail_and_phone_links_pass() {
        let (page, problems) = render_body("<ubnd@example.org> [gọi](tel:0255) [thư](mailto:a@b.vn)\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(page.html.contains("href=\"mailto:ubnd@example.org\""), "{}", page.html);
    }

    #[test]
    fn images_need_a_description_and_an_existing_file() {
        let (_, problems) = render_body("![](khong-co.png)\n");
        assert_eq!(codes(&problems), ["image-without-alt", "missing-file"]);
    }
}
