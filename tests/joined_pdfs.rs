//! PDFs joined page by page (`poster::join_pdfs`), as the print bundle and
//! the sheet files are made from pages drawn separately: each page keeps
//! its size, its words and its code, in the order asked; equal input gives
//! equal bytes; a file loa did not write is refused, never a panic.

mod poster_common;
use poster_common as common;

use loa::poster::{Paper, PdfMeta, PdfPages, PosterData, SheetEntry, join_pdfs};
use poster_common::pdf_text::pdf_text;

fn meta() -> PdfMeta {
    PdfMeta { title: "Tất cả áp phích A4".into(), lang: "vi".into(), date: Some((2026, 11, 30)) }
}

/// The sample poster, titled and addressed as `name`.
fn poster(name: &str) -> Vec<u8> {
    let data = PosterData {
        title: format!("Thủ tục {name}"),
        url: format!("https://example.org/chanh-lo/{name}/?src=poster"),
        ..common::sample()
    };
    common::engine().poster(&data, Paper::A4).expect("poster").pdf(&meta()).expect("pdf")
}

/// The QR texts of every page, each rendered with hayro and decoded.
fn codes(pdf: &[u8]) -> Vec<Vec<String>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::vello_cpu::color::palette::css::WHITE;
    let pdf = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let settings = hayro::PixmapSettings { x_scale: 1.5, y_scale: 1.5, bg_color: WHITE };
    let cache = hayro::RenderCache::new();
    let render = |page| {
        let pixmap = hayro::render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &hayro::RenderSettings::default(),
            &settings,
        );
        let img = image::load_from_memory(&pixmap.into_png().expect("png")).expect("png").to_luma8();
        let (w, h) = (img.width() as usize, img.height() as usize);
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.get_pixel(x as u32, y as u32).0[0]);
        prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, t)| t)).collect()
    };
    pdf.pages().iter().map(render).collect()
}

#[test]
fn posters_join_in_the_order_asked_with_their_words_and_codes() {
    let (one, two) = (poster("mot"), poster("hai"));
    let sources = [PdfPages::read(&one).expect("reads"), PdfPages::read(&two).expect("reads")];
    let joined = join_pdfs(&sources, &[(1, 0), (0, 0)], &meta()).expect("joins");
    let pdf = hayro::hayro_syntax::Pdf::new(joined.clone()).expect("parses");
    assert_eq!(pdf.pages().len(), 2);
    for page in pdf.pages().iter() {
        let (w, h) = page.render_dimensions();
        assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "A4: {w} × {h}");
    }
    let text = pdf_text(&joined);
    let pages: Vec<&str> = text.split("\n\u{c}\n").collect();
    assert!(pages[0].contains("Thủ tục hai") && pages[1].contains("Thủ tục mot"), "{text}");
    assert_eq!(
        codes(&joined),
        [["https://example.org/chanh-lo/hai/?src=poster"], ["https://example.org/chanh-lo/mot/?src=poster"]]
    );
    let raw = String::from_utf8_lossy(&joined);
    assert!(raw.contains("/Lang(vi)") && raw.contains("/Title<FEFF") && raw.contains("(D:20261130"));
    assert_eq!(join_pdfs(&sources, &[(1, 0), (0, 0)], &meta()).expect("joins"), joined, "deterministic");
    // A joined file can be read and joined again.
    let again = PdfPages::read(&joined).expect("reads");
    assert_eq!(again.page_count(), 2);
    assert_eq!(codes(&join_pdfs(&[again], &[(0, 1)], &meta()).expect("joins")).len(), 1);
}

#[test]
fn one_page_of_a_sheet_can_be_kept_alone() {
    let engine = common::engine();
    let entries: Vec<SheetEntry> = (1..=30)
        .map(|i| SheetEntry {
            label: format!("Thủ tục số {i}"),
            url: format!("https://example.org/binh-son/t{i}/?src=poster"),
            address: String::new(),
        })
        .collect();
    let plan = engine.sheet_plan(&common::sheet_text("Dịch vụ công"), &entries, Paper::A4).expect("plan");
    assert_eq!(plan.page_count(), 2);
    let pages: Vec<_> = (0..2).map(|i| engine.sheet_page(&plan, i).expect("page")).collect();
    let sheet = engine.posters_pdf(&pages, &meta()).expect("pdf");
    let source = [PdfPages::read(&sheet).expect("reads")];
    let second = join_pdfs(&source, &[(0, 1)], &meta()).expect("joins");
    let text = pdf_text(&second);
    assert!(text.contains("Thủ tục số 26") && !text.contains("Thủ tục số 25"), "{text}");
    assert!(join_pdfs(&source, &[(0, 2)], &meta()).is_err(), "no third page");
}

#[test]
fn a_file_loa_did_not_write_is_refused() {
    assert!(PdfPages::read(b"").is_err());
    assert!(PdfPages::read(b"%PDF-1.7\nnot a pdf\n%%EOF").is_err());
    let pdf = poster("mot");
    // Cut anywhere, or with a byte changed in its structure: an error, not a panic.
    for cut in (0..pdf.len()).step_by(97) {
        let _ = PdfPages::read(&pdf[..cut]).map(|p| join_pdfs(&[p], &[(0, 0)], &meta()));
    }
    for at in (0..pdf.len()).step_by(89) {
        let mut bad = pdf.clone();
        bad[at] = b'(';
        let _ = PdfPages::read(&bad).map(|p| join_pdfs(&[p], &[(0, 0)], &meta()));
    }
}
