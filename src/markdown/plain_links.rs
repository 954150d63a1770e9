//! Links written the way officers name files: `[…](Đăng ký tạm trú.md)`,
//! `![…](Ảnh chụp màn hình 2026-11-26.png)`. CommonMark allows spaces in a
//! link target only between `<` and `>`, which nobody guesses; before the
//! real parse, such targets are wrapped in `<…>`. What still looks like a
//! link but did not become one is reported rather than published as raw
//! Markdown.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// The Markdown to parse: the page's body, with targets wrapped where
/// needed, and how to find a position of it in the body again.
pub struct Prepared<'b> {
    pub text: Cow<'b, str>,
    /// Positions in `text` of the inserted `<` and `>`, ascending.
    inserted: Vec<usize>,
}

impl Prepared<'_> {
    /// Where position `at` of `text` is in the body.
    pub fn in_body(&self, at: usize) -> usize {
        at - self.inserted.iter().take_while(|&&p| p < at).count()
    }

    pub fn range_in_body(&self, range: &Range<usize>) -> Range<usize> {
        self.in_body(range.start)..self.in_body(range.end)
    }
}

/// `body` with every inline link or image target that has a space wrapped
/// in `<…>`; outside code, and only where the parser would not make a link.
pub fn prepare(body: &str) -> Prepared<'_> {
    let unchanged = || Prepared { text: Cow::Borrowed(body), inserted: Vec::new() };
    let candidates: Vec<Range<usize>> = targets(body).filter(|t| needs_brackets(&body[t.clone()])).collect();
    if candidates.is_empty() {
        return unchanged();
    }
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(body, super::options()).into_offset_iter().collect();
    let covered = covered_ranges(&events);
    let mut text = String::with_capacity(body.len() + 2 * candidates.len());
    let mut inserted = Vec::new();
    let mut copied = 0;
    for target in candidates.into_iter().filter(|t| !inside(&covered, t.start)) {
        let dest = destination(&body[target.clone()]);
        let (start, end) = (target.start + dest.start, target.start + dest.end);
        text.push_str(&body[copied..start]);
        inserted.push(text.len());
        text.push('<');
        text.push_str(&body[start..end]);
        inserted.push(text.len());
        text.push('>');
        copied = end;
    }
    if inserted.is_empty() {
        return unchanged();
    }
    text.push_str(&body[copied..]);
    Prepared { text: Cow::Owned(text), inserted }
}

/// Positions of `](…)` in `text` that the parser left as text: not inside a
/// link, an image, code or raw HTML. Each range covers `](…)` up to its
/// closing parenthesis (or the end of the line).
pub fn stray_syntax(text: &str, events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    let covered = covered_ranges(events);
    targets(text)
        .filter(|t| !inside(&covered, t.start))
        .map(|t| t.start - 2..if text[t.end..].starts_with(')') { t.end + 1 } else { t.end })
        .collect()
}

/// The text between `](` and its closing `)` on the same line (balanced
/// parentheses allowed, as in `Ảnh (1).png`), for every `](` not escaped.
fn targets(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.match_indices("](").filter(|(at, _)| !text[..*at].ends_with('\\')).map(move |(at, _)| {
        let start = at + 2;
        let mut depth = 0usize;
        let mut end = text.len();
        for (i, c) in text[start..].char_indices() {
            match c {
                '\n' => {
                    end = start + i;
                    break;
                }
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = start + i;
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
        }
        start..end
    })
}

/// A target with a space in its destination (not in its `"title"`), and not
/// already in `<…>`.
fn needs_brackets(target: &str) -> bool {
    let dest = &target[destination(target)];
    !dest.is_empty() && !dest.contains(['<', '>']) && dest.contains(char::is_whitespace)
}

/// The destination part of `dest "title"`, trimmed, as a range of `target`.
fn destination(target: &str) -> Range<usize> {
    let trimmed_end = target.trim_end();
    let without_title = match trimmed_end.chars().last() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &trimmed_end[..trimmed_end.len() - 1];
            match inner.rfind(quote) {
                Some(open) if inner[..open].ends_with(char::is_whitespace) => &inner[..open],
                _ => trimmed_end,
            }
        }
        _ => trimmed_end,
    };
    let start = without_title.len() - without_title.trim_start().len();
    start..without_title.trim_end().len().max(start)
}

/// Source ranges the parser has already given a meaning: links, images,
/// code and raw HTML.
fn covered_ranges(events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    events
        .iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock)
                    | Event::Code(_)
                    | Event::Html(_)
                    | Event::InlineHtml(_)
            )
        })
        .map(|(_, range)| range.clone())
        .collect()
}

fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(body: &str) -> String {
        prepare(body).text.into_owned()
    }

    #[test]
    fn targets_with_spaces_are_wrapped() {
        assert_eq!(prepared("[a](Đăng ký tạm trú.md)"), "[a](<Đăng ký tạm trú.md>)");
        assert_eq!(
            prepared("![Ảnh](Ảnh chụp (1).png \"Màn hình\")"),
            "![Ảnh](<Ảnh chụp (1).png> \"Màn hình\")"
        );
        assert_eq!(prepared("x [a]( b c.md ) y"), "x [a]( <b c.md> ) y");
    }

    #[test]
    fn other_text_is_left_alone() {
        for body in [
            "[a](b.md)",
            "[a](<b c.md>)",
            "`[a](b c.md)`",
            "```\n[a](b c.md)\n```\n",
            "[a](b.md \"Tiêu đề có dấu cách\")",
            "\\[a\\](b c)",
            "<div>\n[a](b c.md)\n</div>\n",
        ] {
            assert_eq!(prepared(body), body);
        }
    }

    #[test]
    fn positions_map_back_to_the_body() {
        let body = "[a](b c.md) and [d](e f.md)";
        let p = prepare(body);
        let second = p.text.find("[d]").unwrap_or_default();
        assert_eq!(p.in_body(second), body.find("[d]").unwrap_or_default());
        assert_eq!(p.in_body(0), 0);
    }

    #[test]
    fn unparsed_link_syntax_is_found() {
        let text = "[a](b.md) `[c](d)` [e](f\n![g](h.png)";
        let events: Vec<_> = Parser::new_ext(text, super::super::options()).into_offset_iter().collect();
        let stray = stray_syntax(text, &events);
        assert_eq!(stray.len(), 1, "{stray:?}");
        assert_eq!(&text[stray[0].clone()], "](f");
    }
}
