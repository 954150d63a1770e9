//! Font runs: characters the poster family lacks (→, ✓, ☎, 📞) are wrapped
//! in `<tspan font-family="…">` naming the fallback face that draws them, so
//! usvg shapes every run with one known font. Its own fallback is not used:
//! it swaps in the fallback face for a whole line when that face happens to
//! cover it (emoji-wide spaces) and gives up when an emoji ligature changes
//! the glyph count.

use resvg::usvg::roxmltree;

use super::fonts::{PosterFonts, is_invisible};
use crate::escape::escape;

/// `svg` with every fallback run of `<text>`/`<tspan>` content marked.
/// Unparsable SVG is returned as it is: the checks that follow report it.
pub(crate) fn mark_fallback_runs(svg: &str, fonts: &PosterFonts) -> String {
    let needs_fallback = |text: &str| text.chars().any(|c| fonts.fallback_family(c).is_some());
    if svg.is_ascii() {
        return svg.to_string();
    }
    let Ok(doc) = roxmltree::Document::parse(svg) else {
        return svg.to_string();
    };
    let mut out = String::with_capacity(svg.len() + 256);
    let mut copied = 0;
    for node in doc.descendants().filter(|n| n.is_text()) {
        let in_text = node.parent_element().is_some_and(|p| matches!(p.tag_name().name(), "text" | "tspan"));
        let Some(text) = node.text().filter(|t| in_text && needs_fallback(t)) else {
            continue;
        };
        let range = node.range();
        out.push_str(&svg[copied..range.start]);
        push_runs(&mut out, text, fonts);
        copied = range.end;
    }
    out.push_str(&svg[copied..]);
    out
}

/// Escaped `text`, each fallback run in its own `<tspan>`. Spaces belong to
/// the poster family (fallback faces carry none). Invisible marks (U+FE0F,
/// ZWJ) stay in the run they follow when its face knows them, so an emoji
/// sequence is shaped as one; elsewhere they are dropped, as a face without
/// them would make usvg drop the whole line.
fn push_runs(out: &mut String, text: &str, fonts: &PosterFonts) {
    let mut run = String::new();
    let mut open: Option<&str> = None;
    for ch in text.chars() {
        let family = if ch.is_whitespace() {
            None
        } else if is_invisible(ch) {
            open
        } else {
            fonts.fallback_family(ch)
        };
        if family != open {
            flush(out, &run, open);
            run.clear();
            open = family;
        }
        let drawable = !is_invisible(ch) || open.is_some_and(|f| fonts.fallback_has(f, ch));
        if drawable {
            run.push(ch);
        }
    }
    flush(out, &run, open);
}

fn flush(out: &mut String, run: &str, family: Option<&str>) {
    match family {
        Some(name) if !run.is_empty() => {
            out.push_str(&format!("<tspan font-family=\"{}\">{}</tspan>", escape(name), escape(run)));
        }
        _ => out.push_str(&escape(run)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> PosterFonts {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts");
        let read = |name: &str| std::fs::read(dir.join(name)).expect("theme font");
        let fallbacks = ["2-NotoSansSymbols-Regular.ttf", "5-NotoEmoji-Regular.ttf"]
            .iter()
            .map(|n| (n.to_string(), read(&format!("fallback/{n}"))))
            .collect();
        PosterFonts::from_bytes(read("BeVietnamPro-Regular.ttf"), read("BeVietnamPro-Bold.ttf"), fallbacks)
            .expect("fonts")
    }

    fn text(svg_text: &str) -> String {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>→</title><text>{svg_text}</text></svg>"
        );
        let marked = mark_fallback_runs(&svg, &fonts());
        let start = marked.find("<text>").expect("text") + 6;
        let end = marked.rfind("</text>").expect("end");
        assert!(marked.contains("<title>→</title>"), "only text content is marked: {marked}");
        marked[start..end].to_string()
    }

    #[test]
    fn each_fallback_run_names_its_face_and_spaces_stay_in_the_family() {
        assert_eq!(
            text("Mở VNeID → Thủ tục &amp; 📞📱 113"),
            "Mở VNeID <tspan font-family=\"Noto Sans Symbols\">→</tspan> Thủ tục &amp; \
             <tspan font-family=\"Noto Emoji\">📞📱</tspan> 113"
        );
    }

    #[test]
    fn invisible_marks_stay_only_where_the_face_has_them() {
        // U+FE0F after an emoji stays with it; after a letter it is dropped.
        assert_eq!(text("📞\u{fe0f}a\u{fe0f}"), "<tspan font-family=\"Noto Emoji\">📞\u{fe0f}</tspan>a");
    }

    #[test]
    fn text_the_family_draws_is_left_alone() {
        assert_eq!(text("Đăng ký tạm trú “online” – 5 °C"), "Đăng ký tạm trú “online” – 5 °C");
    }
}
