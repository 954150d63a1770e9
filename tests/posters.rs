//! End-to-end tests of the poster engine with the default theme: QR codes
//! decode from PNG/SVG renders, Vietnamese glyph coverage, errors for missing
//! glyphs and text that does not fit, determinism, print properties.

mod poster_common;
use poster_common as common;
use poster_common::decode::decode_png;

use loa::poster::{Ecc, Misfit, Paper, PdfMeta, PosterData, PosterEngine, PosterError, encode_qr, nfc};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn meta() -> PdfMeta {
    PdfMeta { title: "Thông báo lưu trú qua VNeID".into(), lang: "vi".into(), date: Some((2026, 11, 15)) }
}

/// Decode every QR code in a PNG.
/// The text an SVG shows (its markup and the title element left out), one
/// space between words.
fn poster_text(svg: &str) -> String {
    let body = svg.split_once("</title>").map_or(svg, |(_, rest)| rest);
    let mut out = String::new();
    let mut in_tag = false;
    for ch in body.chars() {
        match ch {
            '<' => (in_tag, out) = (true, out + " "),
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every code in a PNG: its QR version and text.
fn decode_with_versions(png: &[u8]) -> Vec<(usize, String)> {
    let img = image::load_from_memory(png).expect("png decodes").to_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.get_pixel(x as u32, y as u32).0[0]);
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(m, text)| (m.version.0, text)))
        .collect()
}

#[test]
fn a4_png_at_300_dpi_decodes_to_the_url() {
    let engine = common::engine();
    let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let png = engine.png(&svg, Paper::A4, 300.0).expect("png");
    assert_eq!(decode_png(&png), vec![common::SAMPLE_URL.to_string()]);
}

#[test]
fn png_is_rgb_with_300_dpi_phys() {
    let engine = common::engine();
    let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let png = engine.png(&svg, Paper::A4, 300.0).expect("png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let reader = decoder.read_info().expect("png header");
    let info = reader.info();
    assert_eq!((info.width, info.height), (2480, 3508));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let dims = info.pixel_dims.expect("pHYs chunk");
    assert_eq!((dims.xppu, dims.yppu, dims.unit), (11811, 11811, png::Unit::Meter));
}

#[test]
fn qr_modules_are_whole_pixels_at_300_dpi() {
    let engine = common::engine();
    let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let png = engine.png(&svg, Paper::A4, 300.0).expect("png");
    let img = image::load_from_memory(&png).expect("png").to_rgb8();
    let (x, y, side) = qr_box_mm(&svg);
    let px = |mm: f64| (mm * 300.0 / 25.4).round() as u32;
    let grey = (px(x)..px(x + side))
        .flat_map(|i| (px(y)..px(y + side)).map(move |j| (i, j)))
        .filter(|&(i, j)| img.get_pixel(i, j).0.iter().any(|&c| c != 0 && c != 255))
        .count();
    assert_eq!(grey, 0, "anti-aliased pixels inside the QR box");
    let symbol_mm = side * 37.0 / 45.0;
    assert!(symbol_mm >= 90.0, "A4 QR symbol is {symbol_mm} mm");
}

/// Position and side of the first QR box (white rect) in an A4 poster SVG, mm.
fn qr_box_mm(svg: &str) -> (f64, f64, f64) {
    let start = svg.find(r#"<g id="loa-qr-1""#).expect("qr group");
    let rect = &svg[start..];
    let attr = |name: &str| -> f64 {
        let key = format!(r#" {name}=""#);
        let from = rect.find(&key).expect("attribute") + key.len();
        let to = rect[from..].find('"').expect("quote") + from;
        rect[from..to].parse().expect("number")
    };
    (attr("x"), attr("y"), attr("width"))
}

#[test]
fn svg_renders_in_process_and_decodes_at_reduced_dpi() {
    let engine = common::engine();
    for paper in [Paper::A4, Paper::A3, Paper::A5] {
        let svg = engine.poster_svg(&common::sample(), paper).expect("poster");
        let png = engine.png(&svg, paper, 100.0).expect("png");
        assert_eq!(decode_png(&png), vec![common::SAMPLE_URL.to_string()], "{paper:?}");
    }
}

#[test]
fn publishable_svg_renders_without_fonts_and_decodes() {
    let engine = common::engine();
    let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let flat = engine.publishable_svg(&svg).expect("outlined svg");
    assert!(!flat.contains("<text"), "text must be outlined");
    let options = resvg::usvg::Options::default(); // empty font database
    let tree = resvg::usvg::Tree::from_str(&flat, &options).expect("parses");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(827, 1170).expect("pixmap");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    let scale = 827.0 / tree.size().width();
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let png = pixmap.encode_png().expect("png");
    assert_eq!(decode_png(&png), vec![common::SAMPLE_URL.to_string()]);
}

#[test]
fn index_sheet_codes_decode() {
    let engine = common::engine();
    let mut entries = common::entries(25);
    // A shorter address would make a smaller code: a sheet prints one size.
    entries[3].url = "https://example.org/chanh-lo/a/?src=poster".into();
    entries[3].address = "example.org/chanh-lo/a".into();
    assert_eq!(
        encode_qr(&entries[3].url, Ecc::M).expect("qr").version + 1,
        encode_qr(&entries[0].url, Ecc::M).expect("qr").version
    );
    let pages = engine
        .sheet_svgs(&common::sheet_text("Dịch vụ công trực tuyến"), &entries, Paper::A4)
        .expect("sheet");
    assert_eq!(pages.len(), 1, "25 entries fit one A4 sheet");
    let png = engine.png(&pages[0], Paper::A4, 200.0).expect("png");
    // rqrr finds few codes among many: decode cell by cell.
    let img = image::load_from_memory(&png).expect("png decodes");
    let px = 200.0 / 25.4;
    let grid = loa::poster::sheet_grid(Paper::A4);
    let mut decoded = Vec::new();
    for slot in 0..grid.per_page() {
        let (col, row) = ((slot % grid.cols) as f32, (slot / grid.cols) as f32);
        let (x, y) = (grid.x + col * grid.cell_w, grid.y + row * grid.cell_h);
        let cell = img.crop_imm(
            (x * px) as u32,
            (y * px) as u32,
            (grid.cell_w * px) as u32,
            (grid.cell_h * px) as u32,
        );
        let mut bytes = std::io::Cursor::new(Vec::new());
        cell.write_to(&mut bytes, image::ImageFormat::Png).expect("png");
        decoded.extend(decode_with_versions(bytes.get_ref()));
    }
    assert_eq!(decoded.len(), 25, "every code decodes");
    for (_, text) in &decoded {
        assert!(entries.iter().any(|e| &e.url == text), "unexpected {text}");
    }
    assert!(decoded.iter().all(|(v, _)| *v == decoded[0].0), "one QR version per sheet: {decoded:?}");
    // The common part of the addresses is printed once, each code's own part under it.
    let text = poster_text(&pages[0]);
    assert!(text.contains("Gõ example.org/chanh-lo/ và chữ in đậm"), "{text}");
    assert!(text.contains("Trang 1/1"), "{text}");
    assert!(text.contains("tblt-1") && !text.contains("example.org/chanh-lo/tblt-1"), "{text}");
    let a3 = engine.sheet_svgs(&common::sheet_text("Dịch vụ"), &common::entries(31), Paper::A3).expect("a3");
    assert_eq!(a3.len(), 2, "25 per A3 page");
}

/// A label too long for its cell is a caption cut after a word, never a
/// page left off the sheet.
#[test]
fn long_labels_are_cut_after_a_word_on_sheets_and_stickers() {
    let engine = common::engine();
    let mut entries = common::entries(3);
    entries[1].label =
        "Hướng dẫn cấp lại thẻ căn cước trực tuyến qua Cổng dịch vụ công quốc gia (người lao động tự do)"
            .into();
    let sheet =
        engine.sheet_svgs(&common::sheet_text("Dịch vụ"), &entries, Paper::A4).expect("sheet lays out");
    let stickers = engine.sticker_svgs(&common::sheet_text(""), &entries).expect("stickers lay out");
    for svg in [&sheet[0], &stickers[0]] {
        let text = poster_text(svg);
        assert!(text.contains("Hướng dẫn cấp lại") && text.contains('…'), "{text}");
        assert!(!text.contains("(người lao động tự do)"), "{text}");
        assert!(
            text.contains("Thông báo lưu trú") && text.contains("Đăng ký thường trú"),
            "short labels are whole"
        );
    }
}

#[test]
fn sticker_page_codes_decode() {
    let engine = common::engine();
    let entries = common::entries(16);
    let pages = engine.sticker_svgs(&common::sheet_text(""), &entries).expect("stickers");
    assert_eq!(pages.len(), 2, "14 labels per sheet");
    let png = engine.png(&pages[1], Paper::A4, 200.0).expect("png");
    let mut decoded = decode_png(&png);
    decoded.sort();
    let mut expected: Vec<String> = entries[14..].iter().map(|e| e.url.clone()).collect();
    expected.sort();
    assert_eq!(decoded, expected);
}

/// All precomposed Vietnamese letters, built from base vowels + tone marks.
fn vietnamese_letters() -> Vec<char> {
    const BASES: [&str; 12] = [
        "a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31B}", "u", "u\u{31B}", "y",
    ];
    const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut out = vec!['đ', 'Đ'];
    for base in BASES {
        for tone in TONES {
            let lower: String = format!("{base}{tone}").nfc().collect();
            let upper: String = lower.to_uppercase();
            for s in [lower, upper] {
                let mut chars = s.chars();
                let ch = chars.next().expect("a letter");
                assert!(chars.next().is_none(), "{s:?} does not compose to one char");
                out.push(ch);
            }
        }
    }
    out
}

#[test]
fn every_vietnamese_letter_goes_through_the_poster_text_path() {
    let letters = vietnamese_letters();
    let precomposed = letters.iter().filter(|c| !c.is_ascii()).count();
    assert_eq!(precomposed, 134);
    let engine = common::engine();
    let all: String = letters.iter().collect();
    assert_eq!(common::fonts().missing_glyph(&all), None);
    for (i, chunk) in letters.chunks(48).enumerate() {
        let steps: Vec<String> = chunk
            .chunks(12)
            .map(|c| c.iter().map(|ch| ch.to_string()).collect::<Vec<_>>().join(" "))
            .collect();
        let mut data = common::sample();
        // Decomposed input must come out composed.
        data.steps = steps.iter().map(|s| s.nfd().collect()).collect();
        data.page_label = format!("letters {i}");
        let svg = engine.poster_svg(&data, Paper::A4).expect("every letter renders");
        for ch in chunk {
            assert!(svg.contains(*ch), "{ch} missing from the SVG");
        }
    }
}

/// Characters officers paste from Zalo, Word and phone keyboards into guides:
/// app paths, bullets, check marks, phone and pointing emoji (with and without
/// the emoji variation selector), quotes, dashes, units and numbering.
const PASTED: &str = "→ ← ↑ ↓ ⇒ ➡ ➜ • ◦ ▪ ► ▶ ✓ ✔ ✅ ☑ ✗ ✘ ❌ ☎ ☎️ 📞 📱 👉 👆 📌 📍 ⚠ ⚠️ ❗ ★ ⭐ 🔔 📢 🏠 🆔 💳 🔍 \
                      “ ” ‘ ’ « » – — … ° ℃ × ÷ ± ≤ ≥ № § © ® ™ € ₫ ½ ² · ‰";

#[test]
fn every_character_officers_paste_is_drawn() {
    use common::pdf_text::pdf_text;
    let fonts = common::fonts();
    assert_eq!(fonts.missing_glyph(PASTED), None);
    // Each really comes out of a poster as a drawn glyph, in a step (regular)
    // and in the title (bold): the PDF's text is read from its glyph runs.
    let engine = common::engine();
    let symbols: Vec<&str> = PASTED.split_whitespace().collect();
    for (i, chunk) in symbols.chunks(12).enumerate() {
        let data = PosterData {
            title: chunk[..3].join(" "),
            steps: vec![chunk.join(" ")],
            page_label: format!("symbols {i}"),
            ..common::sample()
        };
        let svg = engine.poster_svg(&data, Paper::A4).expect("symbols render");
        let text = pdf_text(&engine.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf"));
        for s in chunk {
            // The emoji variation selector only asks for colour; it is not drawn.
            let drawn = s.replace('\u{fe0f}', "");
            let times = if chunk[..3].contains(s) { 2 } else { 1 };
            assert!(text.matches(&drawn).count() >= times, "{s} not drawn {times}× in: {text}");
        }
    }
}

#[test]
fn a_character_no_font_has_is_a_missing_glyph() {
    let engine = common::engine();
    let mut data = common::sample();
    // An Egyptian hieroglyph: no poster font, fallbacks included, draws it.
    data.contact = "\u{13000} 0255 3822 000".into();
    match engine.poster_svg(&data, Paper::A4) {
        Err(PosterError::MissingGlyph { ch, page, .. }) => {
            assert_eq!(ch, '\u{13000}');
            assert_eq!(page, data.page_label);
        }
        other => panic!("expected MissingGlyph, got {other:?}"),
    }
}

#[test]
fn fallback_glyphs_are_embedded_as_text_in_the_pdf() {
    use common::pdf_text::pdf_text;
    let engine = common::engine();
    let data = PosterData {
        steps: vec!["Mở VNeID → Thủ tục hành chính".into(), "📞 Gọi 113 nếu cần ✓".into()],
        ..common::sample()
    };
    let svg = engine.poster_svg(&data, Paper::A4).expect("poster");
    let text = pdf_text(&engine.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf"));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("VNeID → Thủ tục"), "{words}");
    assert!(words.contains("📞 Gọi 113"), "{words}");
    assert!(words.contains('✓'), "{words}");
}

#[test]
fn over_long_title_does_not_fit() {
    let engine = common::engine();
    let mut data = common::sample();
    data.title = "Hướng dẫn ".repeat(20);
    match engine.poster_svg(&data, Paper::A4) {
        Err(PosterError::TextDoesNotFit { field, page, .. }) => {
            assert_eq!(field, "title");
            assert_eq!(page, data.page_label);
        }
        other => panic!("expected TextDoesNotFit, got {other:?}"),
    }
}

#[test]
fn an_unbreakable_word_does_not_fit() {
    let engine = common::engine();
    let mut data = common::sample();
    data.steps[0] = "Nhập-mã-định-danh-cá-nhân-gồm-mười-hai-chữ-số-vào-ô-tìm-kiếm".into();
    let err = engine.poster_svg(&data, Paper::A4).expect_err("too wide");
    assert!(
        matches!(&err, PosterError::TextDoesNotFit { field, reason, .. } if field == "steps" && matches!(reason, Misfit::WordTooWide { .. })),
        "{err:?}"
    );
}

#[test]
fn renders_are_deterministic() {
    let engine = common::engine();
    let render = || {
        let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
        let pdf = engine.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf");
        let png = engine.png(&svg, Paper::A4, 150.0).expect("png");
        (svg, pdf, png)
    };
    let (a, b) = (render(), render());
    assert_eq!(a.0, b.0);
    assert!(a.1 == b.1, "PDF bytes differ");
    assert!(a.2 == b.2, "PNG bytes differ");
    let other = common::engine();
    let svg = other.poster_svg(&common::sample(), Paper::A4).expect("poster");
    assert!(other.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf") == a.1);
}

#[test]
fn pdf_has_iso_page_sizes_title_and_language() {
    let engine = common::engine();
    let svgs: Vec<(String, Paper)> = [Paper::A4, Paper::A3, Paper::A5]
        .into_iter()
        .map(|p| (engine.poster_svg(&common::sample(), p).expect("poster"), p))
        .collect();
    let pages: Vec<(&str, Paper)> = svgs.iter().map(|(s, p)| (s.as_str(), *p)).collect();
    let pdf = engine.pdf(&pages, &meta()).expect("pdf");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox[0 0 595.2756 841.8898]"), "A4 media box");
    assert!(text.contains("/MediaBox[0 0 841.8898 1190.5511]"), "A3 media box");
    assert!(text.contains("/MediaBox[0 0 419.52756 595.2756]"), "A5 media box");
    assert!(text.contains("/Lang(vi)"));
    assert!(text.contains("Thông báo lưu trú qua VNeID"), "XMP title");
    assert!(!text.contains("/CreationDate (D:1970"), "no clock or epoch date");
}

#[test]
fn engine_renders_from_many_threads() {
    let engine = common::engine();
    let sequential = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let parallel: Vec<String> = (0..8)
        .into_par_iter()
        .map(|_| engine.poster_svg(&common::sample(), Paper::A4).expect("poster"))
        .collect();
    assert!(parallel.iter().all(|s| *s == sequential));
}

#[test]
fn qr_encoding_follows_the_spec() {
    let qr = encode_qr(common::SAMPLE_URL, Ecc::M).expect("encodes");
    assert_eq!(qr.text, common::SAMPLE_URL);
    assert_eq!((qr.version, qr.modules), (5, 37));
    assert_eq!(qr.total_modules(), 45, "4-module quiet zone");
    let h = encode_qr(common::SAMPLE_URL, "h".parse().expect("ecc")).expect("encodes");
    assert!(h.version > qr.version);
    assert!(encode_qr("https://example.org/phường", Ecc::M).is_err(), "non-ASCII");
    assert!("X".parse::<Ecc>().is_err());
    assert_eq!(Ecc::default(), Ecc::M);
}

#[test]
fn printed_url_breaks_only_at_slashes_and_equals_the_qr_text() {
    let engine = common::engine();
    let mut data = common::sample();
    data.url = "https://example.org/chanh-lo/ho-tich/dang-ky-khai-sinh/?src=poster".into();
    let svg = engine.poster_svg(&data, Paper::A4).expect("poster");
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, rest)| rest.split_once("</text>")))
        .map(|(content, _)| content)
        .collect();
    let first = texts.iter().position(|t| t.starts_with("https://")).expect("URL printed");
    let mut joined = String::new();
    let mut lines = Vec::new();
    for line in &texts[first..] {
        joined.push_str(line);
        lines.push(*line);
        if joined.len() >= data.url.len() {
            break;
        }
    }
    assert_eq!(joined, data.url);
    assert!(lines.len() > 1, "this URL needs two lines");
    for pair in lines.windows(2) {
        let after_slash = pair[0].ends_with('/');
        let before_mark = pair[1].starts_with(['?', '&', '#', '=', '.', '-', '_', '~']);
        assert!(after_slash || before_mark, "bad URL break: {lines:?}");
    }
}

#[test]
fn nfc_composes() {
    assert_eq!(nfc("Lo\u{302}\u{323}"), "Lộ");
}

/// A minimal theme whose poster template misbehaves in a given way.
fn engine_with_poster(poster: &str) -> Result<PosterEngine, PosterError> {
    let mut templates = common::templates();
    for (name, source) in &mut templates {
        if name == "poster.svg" {
            *source = poster.to_string();
        }
    }
    PosterEngine::new(templates, common::fonts())
}

const GOOD_HEAD: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="{{ paper.width_mm }}mm" height="{{ paper.height_mm }}mm" viewBox="0 0 210 297" font-family="{{ font_family }}">"#;

fn minimal_poster(body: &str) -> String {
    format!(
        r#"{GOOD_HEAD}{{% set q = qr(text=url, cx=105, y=40, symbol=92) %}}{{{{ q.svg }}}}{{% set u = wrap_url(text=url, width=180, size=5, min_size=3, max_lines=2) %}}{{% for l in u.lines %}}<text x="105" y="{{{{ 160 + loop.index0 * 6 }}}}" text-anchor="middle" font-size="5">{{{{ l }}}}</text>{{% endfor %}}{body}</svg>"#
    )
}

#[test]
fn minimal_template_is_accepted() {
    let engine = engine_with_poster(&minimal_poster("")).expect("engine");
    engine.poster_svg(&common::sample(), Paper::A4).expect("renders");
}

#[test]
fn template_syntax_error_names_file_and_line() {
    let err = engine_with_poster("<svg>\n\n{% if %}\n</svg>").err().expect("syntax error");
    match err {
        PosterError::Template { file, line, .. } => {
            assert_eq!(file, "poster.svg");
            assert_eq!(line, 3);
        }
        other => panic!("expected Template, got {other:?}"),
    }
}

#[test]
fn unknown_font_family_is_rejected() {
    let engine = engine_with_poster(&minimal_poster(
        r#"<text x="20" y="30" font-family="Arial" font-size="5">Xin chào</text>"#,
    ))
    .expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("Arial");
    assert!(matches!(&err, PosterError::Template { message, .. } if message.contains("Arial")), "{err:?}");
}

#[test]
fn text_outside_the_printable_area_is_rejected() {
    let engine =
        engine_with_poster(&minimal_poster(r#"<text x="2" y="290" font-size="5">Chân trang</text>"#))
            .expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("outside");
    assert!(matches!(err, PosterError::TextDoesNotFit { .. }), "{err:?}");
}

#[test]
fn text_over_the_quiet_zone_is_rejected() {
    let engine = engine_with_poster(&minimal_poster(
        r#"<text x="105" y="45" text-anchor="middle" font-size="5">Quét mã</text>"#,
    ))
    .expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("overlap");
    assert!(matches!(&err, PosterError::TextDoesNotFit { reason: Misfit::OverQuietZone, .. }), "{err:?}");
}

#[test]
fn small_qr_code_is_rejected() {
    let poster = minimal_poster("").replace("symbol=92", "symbol=60");
    let engine = engine_with_poster(&poster).expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("too small");
    assert!(matches!(err, PosterError::Qr { .. }), "{err:?}");
}

#[test]
fn url_must_be_printed() {
    let poster =
        format!("{GOOD_HEAD}{{% set q = qr(text=url, cx=105, y=40, symbol=92) %}}{{{{ q.svg }}}}</svg>");
    let engine = engine_with_poster(&poster).expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("no URL");
    assert!(matches!(&err, PosterError::Qr { message, .. } if message.contains("print")), "{err:?}");
}

#[test]
fn wrong_page_size_is_rejected() {
    let poster = minimal_poster("").replace("{{ paper.height_mm }}mm", "200mm");
    let engine = engine_with_poster(&poster).expect("engine");
    let err = engine.poster_svg(&common::sample(), Paper::A4).expect_err("size");
    assert!(matches!(err, PosterError::Render(_)), "{err:?}");
}

#[test]
fn missing_template_is_an_error() {
    let templates: Vec<(String, String)> =
        common::templates().into_iter().filter(|(n, _)| n != "stickers.svg").collect();
    let err = PosterEngine::new(templates, common::fonts()).err().expect("missing");
    assert!(matches!(err, PosterError::Template { file, .. } if file == "stickers.svg"));
}

#[test]
fn empty_url_is_an_error() {
    let engine = common::engine();
    let data = PosterData { url: String::new(), ..common::sample() };
    assert!(matches!(engine.poster_svg(&data, Paper::A4), Err(PosterError::Qr { .. })));
}

#[test]
fn optional_fields_may_be_empty() {
    let engine = common::engine();
    let data = PosterData {
        title: "Đăng ký tạm trú".into(),
        url: common::SAMPLE_URL.into(),
        page_label: "minimal".into(),
        ..Default::default()
    };
    for paper in [Paper::A4, Paper::A3, Paper::A5] {
        let svg = engine.poster_svg(&data, paper).expect("minimal poster");
        engine.pdf(&[(&svg, paper)], &meta()).expect("pdf");
    }
    let one_step =
        PosterData { steps: vec!["Quét mã để mở hướng dẫn".into()], ..common::sample() };
    engine.poster_svg(&one_step, Paper::A4).expect("one step");
}

#[test]
fn xml_special_characters_are_escaped() {
    let engine = common::engine();
    let data = PosterData {
        contact: "Một cửa <tầng 1> & “Công an phường” 'Chánh Lộ'".into(),
        ..common::sample()
    };
    let svg = engine.poster_svg(&data, Paper::A4).expect("escaped");
    assert!(svg.contains("&amp;") && svg.contains("&lt;"));
}

#[test]
fn too_many_steps_do_not_fit() {
    let engine = common::engine();
    let data = PosterData { steps: vec!["Bước".into(); 5], ..common::sample() };
    let err = engine.poster_svg(&data, Paper::A4).expect_err("5 steps");
    assert!(matches!(&err, PosterError::TextDoesNotFit { field, .. } if field == "steps"), "{err:?}");
}

#[test]
fn no_break_space_keeps_words_together() {
    let engine = common::engine();
    let data = PosterData { title: "Thông báo lưu\u{a0}trú qua VNeID".into(), ..common::sample() };
    let svg = engine.poster_svg(&data, Paper::A4).expect("poster");
    assert!(svg.contains("lưu\u{a0}trú"), "the no-break space keeps “lưu trú” on one line");
}

#[test]
fn pdf_text_reads_the_sample_band_and_title() {
    use common::pdf_text::pdf_text;
    // Lines may wrap anywhere: compare with runs of whitespace collapsed.
    let words = |pdf: &[u8]| pdf_text(pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let engine = common::engine();
    let banded = PosterData { band: "BẢN MẪU — KHÔNG IN".into(), ..common::sample() };
    let svg = engine.poster_svg(&banded, Paper::A4).expect("poster");
    let text = words(&engine.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf"));
    assert!(text.contains("BẢN MẪU — KHÔNG IN"), "{text}");
    assert!(text.contains(&common::sample().title), "{text}");
    let svg = engine.poster_svg(&common::sample(), Paper::A4).expect("poster");
    let text = words(&engine.pdf(&[(&svg, Paper::A4)], &meta()).expect("pdf"));
    assert!(text.contains(&common::sample().title), "{text}");
    assert!(!text.contains("BẢN MẪU"), "{text}");
}

#[test]
fn the_printed_address_must_be_where_the_code_leads() {
    let engine = common::engine();
    let url = "https://example.org/chanh-lo/tblt-k4/?src=poster";
    let honest =
        PosterData { url: url.into(), address: "example.org/chanh-lo/tblt-k4".into(), ..common::sample() };
    let svg = engine.poster_svg(&honest, Paper::A4).expect("short address poster");
    assert!(svg.contains(">example.org/chanh-lo/tblt-k4</text>"), "printed on one line, without scheme");
    for lie in ["evil.example/chanh-lo/tblt-k4", "example.org/chanh-lo/tblt-k5", "example.org"] {
        let data = PosterData { address: lie.into(), ..honest.clone() };
        match engine.poster_svg(&data, Paper::A4) {
            Err(PosterError::Qr { message, .. }) => assert!(message.contains(lie), "{message}"),
            other => panic!("{lie}: expected a QR error, got {other:?}"),
        }
    }
}
