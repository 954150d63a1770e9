//! Large-format posters (pano): the PDF a print shop gets has the trim plus
//! bleed as its page, TrimBox and BleedBox, embedded fonts, and a QR code
//! that reads back after rasterising and is wide enough for the distance it
//! is read from. Also the build side: files, manifest and a pano that does
//! not fit warning without costing the page its other posters.

mod harness;
mod poster_common;

use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::object::{Dict, Object, Rect};
use loa::poster::{BLEED_MM, Pano, PdfMeta};
use poster_common::decode::{decode_png, pdf_pages};
use poster_common::pdf_text::pdf_text;
use poster_common::{SAMPLE_URL, engine, sample};

const PT_PER_MM: f64 = 72.0 / 25.4;

fn meta() -> PdfMeta {
    PdfMeta { title: "Thông báo lưu trú".into(), lang: "vi".into(), date: Some((2026, 12, 1)) }
}

fn page_box(page: &Dict, key: &str) -> Rect {
    page.get::<Rect>(key).unwrap_or_else(|| panic!("page has no {key}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

/// Every font descriptor in the PDF carries its font program.
fn fonts_embedded(pdf: &Pdf) -> usize {
    let descriptors: Vec<Dict> = pdf
        .objects()
        .into_iter()
        .filter_map(|o| match o {
            Object::Dict(d) => Some(d),
            _ => None,
        })
        .filter(|d| d.contains_key("FontName") && d.contains_key("Flags"))
        .collect();
    for d in &descriptors {
        assert!(
            ["FontFile", "FontFile2", "FontFile3"].iter().any(|k| d.contains_key(k)),
            "a font is not embedded"
        );
    }
    descriptors.len()
}

/// Some content stream sets the fill colour to DeviceCMYK 0/0/0/100 (the
/// code's modules) and strokes in registration colour (the crop marks).
fn draws_in_pure_black(pdf: &Pdf) -> bool {
    let streams: Vec<Vec<u8>> = pdf
        .objects()
        .into_iter()
        .filter_map(|o| match o {
            Object::Stream(s) => s.decoded().ok().map(|d| d.into_owned()),
            _ => None,
        })
        .collect();
    let has = |op: &[u8]| streams.iter().any(|s| s.windows(op.len()).any(|w| w == op));
    has(b"0 0 0 1 k") && has(b"1 1 1 1 K")
}

#[test]
fn pano_pdfs_have_bleed_trim_boxes_embedded_fonts_and_a_readable_code() {
    let engine = engine();
    let data = sample();
    for pano in [Pano::new(60, 90, None), Pano::new(120, 240, None), Pano::new(240, 120, Some(300))] {
        let laid_out = engine.pano(&data, pano).unwrap_or_else(|e| panic!("{}: {e}", pano.name()));
        let bytes = laid_out.pdf(&meta()).expect("pano PDF");
        let pdf = Pdf::new(bytes.clone()).expect("PDF parses");
        let page = &pdf.pages()[0];
        let (trim_w, trim_h) = pano.trim_mm();
        let bleed = f64::from(BLEED_MM);
        let media = page.media_box();
        assert!(close(media.x1 - media.x0, (f64::from(trim_w) + 2.0 * bleed) * PT_PER_MM), "{}", pano.name());
        assert!(close(media.y1 - media.y0, (f64::from(trim_h) + 2.0 * bleed) * PT_PER_MM), "{}", pano.name());
        let trim = page_box(page.raw(), "TrimBox");
        assert!(close(trim.x0, bleed * PT_PER_MM) && close(trim.y0, bleed * PT_PER_MM));
        assert!(close(trim.x1 - trim.x0, f64::from(trim_w) * PT_PER_MM));
        assert!(close(trim.y1 - trim.y0, f64::from(trim_h) * PT_PER_MM));
        let bleed_box = page_box(page.raw(), "BleedBox");
        assert!(close(bleed_box.x1 - bleed_box.x0, media.x1 - media.x0));
        assert!(fonts_embedded(&pdf) >= 1, "{}: no fonts", pano.name());
        assert!(draws_in_pure_black(&pdf), "{}: the code is not K-only", pano.name());
        assert!(pdf_text(&bytes).contains("lưu trú"), "{}: text is not real text", pano.name());

        // Rasterised at 20 dpi, the code must read back as the page's URL.
        let png = &pdf_pages(&bytes, 20.0 / 72.0)[0];
        assert_eq!(decode_png(png), [SAMPLE_URL], "{}", pano.name());
        let width_mm = code_width_mm(&engine.pano_png(&laid_out, 20.0).expect("preview"), 20.0);
        assert!(
            width_mm + 2.0 >= f64::from(pano.min_symbol_mm()),
            "{}: code {width_mm:.0} mm wide, a tenth of {} m is {} mm",
            pano.name(),
            pano.distance_m(),
            pano.min_symbol_mm()
        );
    }
}

/// The width of the code's symbol in a preview: the span of dark pixels
/// on the rows rqrr says hold the code is hard to get, so measure the
/// extent rqrr reports for the grid.
fn code_width_mm(png: &[u8], dpi: f64) -> f64 {
    let img = image::load_from_memory(png).expect("png").to_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.get_pixel(x as u32, y as u32).0[0]);
    let grid = prepared.detect_grids().into_iter().next().expect("a code");
    let xs = grid.bounds.iter().map(|p| f64::from(p.x));
    let (min, max) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
    (max - min) * 25.4 / dpi
}

#[test]
fn the_code_grows_with_the_reading_distance_and_refuses_what_cannot_fit() {
    let engine = engine();
    let data = sample();
    let near = engine.pano(&data, Pano::new(80, 120, Some(150))).expect("1.5 m");
    let far = engine.pano(&data, Pano::new(80, 120, Some(270))).expect("2.7 m");
    let width = |p| code_width_mm(&engine.pano_png(p, 20.0).expect("preview"), 20.0);
    assert!(width(&far) >= 268.0, "2.7 m needs a 27 cm code, got {:.0} mm", width(&far));
    assert!(width(&near) < width(&far));
    // 10 m would need a 1 m code on an 80 cm wide sheet.
    let error = engine.pano(&data, Pano::new(80, 120, Some(1000))).err().expect("does not fit");
    assert!(error.to_string().contains("QR") || error.to_string().contains("room"), "{error}");
}

#[test]
fn pano_pdfs_are_deterministic() {
    let engine = engine();
    let pano = Pano::new(80, 120, None);
    let once = engine.pano(&sample(), pano).expect("pano").pdf(&meta()).expect("pdf");
    let again = engine.pano(&sample(), pano).expect("pano").pdf(&meta()).expect("pdf");
    assert_eq!(once, again);
}

const SITE: &str = "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nunit:\n  kind: phường\n  name: \"Mẫu\"\nposters:\n  sizes: [a4]\n  pano: [\"80x120\", { size: \"60x90\", distance_m: 20 }]\n";

const GUIDE: &str = "---\ntitle: \"Đăng ký tạm trú\"\ndescription: \"Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.\"\nposter:\n  steps:\n    - \"Mở ứng dụng VNeID\"\n    - \"Chọn thủ tục\"\n---\n\nNội dung.\n";

#[test]
fn a_build_lists_its_panos_and_a_pano_that_cannot_be_made_only_warns() {
    let site =
        harness::Site::fixture("posters").with("site.yaml", SITE).with("content/cu-tru/tam-tru.md", GUIDE);
    let run = site.build().ok();
    // 20 m would need a 2 m code on a 60 cm sheet: a warning at the page,
    // and the A4 poster and the 80 × 120 pano are still made.
    assert!(run.stderr.contains("[pano-not-made]") && run.stderr.contains("60x90"), "{}", run.stderr);
    assert!(run.stderr.contains("content/cu-tru/tam-tru.md"), "{}", run.stderr);
    assert!(site.output_exists("posters/cu-tru/tam-tru/a4.pdf"));
    assert!(site.output_exists("posters/cu-tru/tam-tru/pano-80x120.pdf"));
    assert!(!site.output_exists("posters/cu-tru/tam-tru/pano-60x90.pdf"));
    let manifest: serde_json::Value =
        serde_json::from_str(&site.output("posters/manifest.json")).expect("json");
    let files = &manifest["posters"][0]["files"];
    assert_eq!(files["pano_80x120_pdf"], "posters/cu-tru/tam-tru/pano-80x120.pdf");
    assert!(files.get("pano_60x90_pdf").is_none(), "{files}");
    let gallery = site.output("posters/index.html");
    assert!(gallery.contains("pano-80x120.pdf") && gallery.contains("quét được từ 2 m"), "gallery");
    assert!(!gallery.contains("pano-60x90.pdf"));
}

#[test]
fn a_section_gets_an_overview_pano_leading_to_its_page() {
    let site = harness::Site::fixture("posters")
        .with("site.yaml", &SITE.replace(", { size: \"60x90\", distance_m: 20 }", ""))
        .with(
            "content/cu-tru/_index.md",
            "---\ntitle: \"Cư trú\"\ndescription: \"Đăng ký cư trú trực tuyến.\"\n---\n",
        )
        .with("content/cu-tru/tam-tru.md", GUIDE)
        .with("content/cu-tru/luu-tru.md", &GUIDE.replace("Đăng ký tạm trú", "Thông báo lưu trú"));
    let run = site.build().ok();
    assert!(!run.stderr.contains("pano-not-made"), "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_str(&site.output("posters/manifest.json")).expect("json");
    let overview = &manifest["overviews"][0];
    assert_eq!(overview["page"], "cu-tru/_index.md");
    assert_eq!(overview["qr"], "https://example.org/phuong-mau/cu-tru/");
    assert_eq!(overview["files"]["pano_80x120_pdf"], "posters/cu-tru/pano-80x120.pdf");
    let pdf = std::fs::read(site.path("output/posters/cu-tru/pano-80x120.pdf")).expect("overview pano");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Cư trú") && text.contains("2 Thông báo") && text.contains("1 Đăng ký tạm"),
        "{text}"
    );
    assert_eq!(decode_png(&pdf_pages(&pdf, 20.0 / 72.0)[0]), ["https://example.org/phuong-mau/cu-tru/"]);
}

#[test]
fn a_bad_pano_size_is_an_error_at_its_line() {
    let site = harness::Site::fixture("posters")
        .with("site.yaml", &SITE.replace("\"80x120\"", "\"A0\""))
        .with("content/cu-tru/tam-tru.md", GUIDE);
    let run = site.run(&["check"]).expect_code(1);
    assert!(
        run.stderr.contains("[pano-size-invalid]") && run.stderr.contains("site.yaml:8"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_lays_out_the_panos_without_drawing_them() {
    let site =
        harness::Site::fixture("posters").with("site.yaml", SITE).with("content/cu-tru/tam-tru.md", GUIDE);
    let run = site.run(&["check"]);
    assert!(run.stderr.contains("[pano-not-made]") && run.stderr.contains("60x90"), "{}", run.stderr);
    assert!(!run.stderr.contains("80x120"), "{}", run.stderr);
    assert!(!site.output_exists("posters"));
}
