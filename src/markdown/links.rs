//! Links and images: written as paths to other pages' `.md` files (with
//! `#anchor`) or to files next to the page, rewritten to the published URLs
//! and checked; outside links checked against the official hosts. A link
//! that cannot be resolved is kept as written and reported.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::AnchorRef;
use super::pass::Pass;
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
            _ => self.rewrite_link(dest_url, range, false),
        };
        out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
    }

    pub(super) fn image<'e>(&mut self, event: Event<'e>, range: &Range<usize>, out: &mut Vec<Event<'e>>) {
        let Event::Start(Tag::Image { link_type, dest_url, title, id }) = event else {
            return out.push(event);
        };
        if image_alt_is_empty(range.clone(), &self.source.text) {
            self.problems.push(Diagnostic::warning(
                Msg::ImageWithoutAlt { target: dest_url.to_string() },
                Some(self.location(range)),
            ));
        }
        let dest_url = self.rewrite_link(dest_url, range, true);
        out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
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
