//! The QR-poster engine: lays out posters, index sheets and sticker sheets
//! from the theme's Tera SVG templates (`themes/<name>/posters/`), checks
//! them (glyphs, fit, QR size, URL printed in full) and renders SVG, PDF and
//! PNG. Build one `PosterEngine` per theme and share it across threads.
//!
//! Submodules: `qr` (encoding + vector path), `fonts` (theme fonts),
//! `text` (measuring/wrapping), `layout` (Tera + template functions),
//! `verify` (checks on rendered SVG), `sheets` (grids), `pdf`, `raster`,
//! `drawn` (a checked page drawn in every format from its one parse),
//! `merge` (PDFs joined page by page), `pano` (large format for a print
//! shop), `print_marks` (its PDF with bleed, crop marks and K-only QR) and
//! `slide` (the waiting-room screen's 1920 × 1080 slides from `slide.svg`;
//! its contract is in that file).
//!
//! # Template contract
//!
//! `poster.svg` (A4, A3, A5): `<svg width="{{ paper.width_mm }}mm"
//! height="{{ paper.height_mm }}mm" viewBox="0 0 210 297">` — one layout in
//! A4 millimetres, scaled to the paper. Context: `paper {name, width_mm,
//! height_mm, unit_mm}`, `font_family`, `unit_name`, `title`, `subtitle`,
//! `steps` (list), `call_to_action`, `url` (encoded), `address` (printed),
//! `check_note`, `note` (a warning, or empty), `contact`, `footer`, `band`
//! (the sample band's text, or empty: a poster that is a sample must say so
//! unmistakably), `video` ("Có video hướng dẫn" when the guide has a clip, or
//! empty), `placement` ("Dán tại: …" on a placement's copy, or empty:
//! printed small with the footer), `qr {version, modules, ecc}`. All text is NFC; `url` and
//! `address` are untouched. When a layout fails, the engine retries with
//! shorter data (`fitting.rs`).
//!
//! `sheet.svg` (index sheets) and `stickers.svg` (A4 label sheets): viewBox
//! in millimetres of the paper. Context: `paper` (`unit_mm` = 1),
//! `font_family`, `title`, `unit_name`, `check_note`, `band`,
//! `page {number, count}`, `grid {cols, rows, x, y, cell_w, cell_h}`,
//! `cells [{number, label, url, address, short, x, y, w, h, cx}]`,
//! `prefix` (what every address of the sheet starts with; `short` is the
//! rest), `hint_before` and `hint_after` (the words around `prefix` in the
//! typing hint), `page_of` ("Trang 1/2"), `qr_version` (one version for all
//! codes), `sticker_sheet`.
//!
//! Functions (all lengths in template units; see `layout.rs`):
//! `wrap(text, width, size, max_lines, min_size?, max_height?, bold?,
//! balance?, leading?, field?)` and `wrap_url(...)` → `{lines, size, count,
//! line_height, height}` (`ellipsis=true`: cut after a word with "…"
//! rather than fail, for captions); `wrap_all(texts, width, size, max_lines,
//! max_height, gap?, min_item_height?, ...)` → `{items, size, height}`, one
//! size for all texts (the steps); `measure(text, size, bold?)` → width;
//! `qr(text, cx, y, symbol? | size?, version?)` → `{svg, x, y, box, symbol,
//! module, bottom, version, modules}`; `qr_box(text, symbol? | size?,
//! version?)` → box side (`version`: at least this QR version);
//! `overflow(field, reason, text?)` → fails with `TextDoesNotFit`.
//!
//! After rendering, the engine checks that every text uses the theme font
//! and has all its glyphs, stays ≥ `SAFE_MARGIN_MM` from the paper edge and
//! off every QR quiet zone, that each QR symbol is big enough for the product
//! (`Paper::min_poster_qr_mm`, `MIN_SMALL_QR_MM`), and that each URL is both
//! encoded and printed in full with `wrap_url`.

mod address;
mod data;
mod drawn;
mod error;
mod fitting;
mod fonts;
mod layout;
mod merge;
mod pano;
mod pdf;
mod print_marks;
mod qr;
mod raster;
mod runs;
mod sheets;
mod slide;
mod text;
mod verify;
mod video_card;

use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

pub use data::{Derived, PdfMeta, PosterData, ShareCard, SheetEntry, SheetText};
pub use drawn::Poster;
pub use error::{Misfit, PosterError};
pub use fonts::PosterFonts;
pub use merge::{PdfPages, join as join_pdfs};
pub use pano::{BLEED_MM, PANO_DISTANCE_CM, PANO_SAFE_MM, PANO_SIDES_CM, Pano, PanoPoster};
// `Qr` is what `encode_qr` returns; re-exported so callers can name it.
pub use qr::Qr;
pub use qr::{Ecc, encode_qr, qr_version};
pub use sheets::{Grid, STICKER_GRID, STICKER_SHEET, SheetPlan, sheet_grid};
pub use slide::{MIN_SLIDE_QR_PX, SLIDE_SIZE, SlideData};
pub use text::nfc;
pub use video_card::{VIDEO_CARD_SIZE, VideoCard};

use layout::{Scope, Templates};
use verify::Rules;

/// ISO 216 paper sizes posters are made in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paper {
    /// 297 × 420 mm.
    A3,
    /// 210 × 297 mm.
    A4,
    /// 148 × 210 mm.
    A5,
}

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Poster templates are laid out in a 210 × 297 viewBox, scaled to the paper.
const POSTER_VIEWBOX_W: f32 = 210.0;

impl Paper {
    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A3 => (297.0, 420.0),
            Paper::A4 => (210.0, 297.0),
            Paper::A5 => (148.0, 210.0),
        }
    }

    /// Portrait width and height in PostScript points (A4 = 595.28 × 841.89).
    pub fn size_pt(self) -> (f32, f32) {
        let (w, h) = self.size_mm();
        (w / MM_PER_PT, h / MM_PER_PT)
    }

    /// "A3", "A4" or "A5".
    pub fn name(self) -> &'static str {
        match self {
            Paper::A3 => "A3",
            Paper::A4 => "A4",
            Paper::A5 => "A5",
        }
    }

    /// Smallest QR symbol (quiet zone excluded) a poster on this paper may have.
    pub fn min_poster_qr_mm(self) -> f32 {
        match self {
            Paper::A3 => 120.0,
            Paper::A4 => 90.0,
            Paper::A5 => 40.0,
        }
    }

    /// Millimetres per poster-template unit (the template's viewBox is 210 wide).
    pub fn poster_unit_mm(self) -> f32 {
        self.size_mm().0 / POSTER_VIEWBOX_W
    }
}

impl FromStr for Paper {
    type Err = PosterError;

    /// Parse "a3", "A4", "a5" (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A3" => Ok(Paper::A3),
            "A4" => Ok(Paper::A4),
            "A5" => Ok(Paper::A5),
            _ => Err(PosterError::Render(format!("unknown paper size “{s}”; use a3, a4 or a5"))),
        }
    }
}

/// Smallest QR symbol on index sheets and stickers (read from 15–25 cm).
pub const MIN_SMALL_QR_MM: f32 = 25.0;
/// Text must stay this far from the paper edge on posters and index sheets.
pub const SAFE_MARGIN_MM: f32 = 10.0;
/// On sticker sheets the label grid decides; text stays this far from the edge.
pub const STICKER_SAFE_MARGIN_MM: f32 = 6.0;

/// Link-preview images are 1200 × 630 px, the size Facebook and Zalo show.
pub const SHARE_CARD_SIZE: (u32, u32) = (1200, 630);

#[derive(Serialize)]
struct ShareCtx<'a> {
    width: u32,
    height: u32,
    font_family: &'a str,
    title: String,
    unit_name: String,
    host: &'a str,
}

/// The poster renderer: the theme's templates, functions and fonts.
/// `Send + Sync`; build once, render from many threads.
pub struct PosterEngine {
    templates: Templates,
    fonts: Arc<PosterFonts>,
    buffers: raster::Buffers,
}

#[derive(Serialize)]
struct PaperCtx {
    name: &'static str,
    width_mm: f32,
    height_mm: f32,
    unit_mm: f32,
}

impl PaperCtx {
    fn new(paper: Paper, unit_mm: f32) -> Self {
        let (width_mm, height_mm) = paper.size_mm();
        PaperCtx { name: paper.name(), width_mm, height_mm, unit_mm }
    }
}

#[derive(Serialize)]
struct QrCtx {
    version: u8,
    modules: usize,
    ecc: &'static str,
}

#[derive(Serialize)]
struct PosterCtx<'a> {
    paper: PaperCtx,
    font_family: &'a str,
    unit_name: String,
    title: String,
    subtitle: String,
    steps: Vec<String>,
    call_to_action: String,
    url: &'a str,
    address: &'a str,
    check_note: String,
    note: String,
    contact: String,
    footer: String,
    placement: String,
    band: String,
    video: String,
    qr: QrCtx,
}

impl PosterEngine {
    /// Load the theme's poster templates (`(name, source)`, names like
    /// "poster.svg"; `REQUIRED_TEMPLATES` must be present, others may be
    /// included or extended) and fonts.
    pub fn new(templates: Vec<(String, String)>, fonts: PosterFonts) -> Result<Self, PosterError> {
        let fonts = Arc::new(fonts);
        let templates = Templates::new(templates, Arc::clone(&fonts))?;
        Ok(PosterEngine { templates, fonts, buffers: raster::Buffers::default() })
    }

    /// Lay out one poster for `paper` and check it, shortening derived
    /// wording if needed (`fitting`). The SVG references the font by family
    /// name; see `publishable_svg` for a self-contained one.
    pub fn poster_svg(&self, data: &PosterData, paper: Paper) -> Result<String, PosterError> {
        self.poster(data, paper).map(Poster::into_svg)
    }

    /// As `poster_svg`, keeping the tree the checks parsed: every format
    /// is drawn from it (`drawn.rs`).
    pub fn poster(&self, data: &PosterData, paper: Paper) -> Result<Poster, PosterError> {
        fitting::fit(data, |data| self.lay_out_poster(data, paper))
    }

    fn lay_out_poster(&self, data: &PosterData, paper: Paper) -> Result<Poster, PosterError> {
        let qr = encode_qr(&data.url, data.ecc).map_err(|e| e.on_page(&data.page_label))?;
        let address = address::printed(&data.url, &data.address).map_err(|e| e.on_page(&data.page_label))?;
        let ctx = PosterCtx {
            paper: PaperCtx::new(paper, paper.poster_unit_mm()),
            font_family: self.fonts.family(),
            unit_name: nfc(&data.unit_name),
            title: nfc(&data.title),
            subtitle: nfc(&data.subtitle),
            steps: data.steps.iter().map(|s| nfc(s)).collect(),
            call_to_action: nfc(&data.call_to_action),
            url: &data.url,
            address: &address,
            check_note: nfc(&data.check_note),
            note: nfc(&data.note),
            contact: nfc(&data.contact),
            footer: nfc(&data.footer),
            placement: nfc(&data.placement),
            band: nfc(&data.band),
            video: nfc(&data.video),
            qr: QrCtx { version: qr.version, modules: qr.modules, ecc: qr.ecc.as_str() },
        };
        let scope = Scope::new(&data.page_label, f64::from(paper.poster_unit_mm()), data.ecc);
        let rules = Rules {
            template: "poster.svg",
            page: paper.into(),
            min_symbol_mm: paper.min_poster_qr_mm(),
            safe_mm: SAFE_MARGIN_MM,
            addresses: vec![(data.url.clone(), address.clone())],
        };
        self.render_checked(&ctx, scope, &rules, paper)
    }

    fn render_checked<T: Serialize>(
        &self,
        ctx: &T,
        scope: Scope,
        rules: &Rules,
        paper: Paper,
    ) -> Result<Poster, PosterError> {
        let (svg, tree, _) = self.render_verified(ctx, scope, rules)?;
        Ok(Poster { svg, tree, paper })
    }

    /// Renders a template and runs every check on it; returns the SVG, the
    /// tree the checks parsed and the scope (the QR codes it drew).
    fn render_verified<T: Serialize>(
        &self,
        ctx: &T,
        scope: Scope,
        rules: &Rules,
    ) -> Result<(String, resvg::usvg::Tree, Scope), PosterError> {
        let ctx = tera::Context::from_serialize(ctx)
            .map_err(|e| PosterError::Render(format!("template context: {e}")))?;
        let page = scope.page.clone();
        let (svg, scope) = self.templates.render(rules.template, &ctx, scope)?;
        let svg = runs::mark_fallback_runs(&svg, &self.fonts);
        let tree = verify::check_rendered(&svg, &scope, &self.fonts, rules).map_err(|e| e.on_page(&page))?;
        Ok((svg, tree, scope))
    }

    /// A 1200 × 630 link-preview PNG from the theme's `share.svg`. Text goes
    /// through the same wrapping and glyph checks as posters.
    pub fn share_card(&self, card: &ShareCard) -> Result<Vec<u8>, PosterError> {
        fitting::fit_card(card, |card| self.draw_card(card))
    }

    fn draw_card(&self, card: &ShareCard) -> Result<Vec<u8>, PosterError> {
        let (width, height) = SHARE_CARD_SIZE;
        let ctx = ShareCtx {
            width,
            height,
            font_family: self.fonts.family(),
            title: nfc(&card.title),
            unit_name: nfc(&card.unit_name),
            host: &card.host,
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| PosterError::Render(format!("template context: {e}")))?;
        let scope = Scope::new(&card.page_label, 25.4 / 96.0, Ecc::M);
        let (svg, _) = self.templates.render("share.svg", &ctx, scope)?;
        let svg = runs::mark_fallback_runs(&svg, &self.fonts);
        raster::render_card(&verify::parse_tree(&svg, &self.fonts)?, width, height, &self.buffers)
    }

    /// A PDF with one page per `(svg, paper)`, fonts embedded as subsets.
    pub fn pdf(&self, pages: &[(&str, Paper)], meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
        let trees = pages
            .iter()
            .map(|(svg, paper)| verify::parse_tree(svg, &self.fonts).map(|tree| (tree, *paper)))
            .collect::<Result<Vec<_>, _>>()?;
        pdf::render_pdf(&trees.iter().map(|(tree, paper)| (tree, *paper)).collect::<Vec<_>>(), meta)
    }

    /// An RGB PNG of `svg` at `dpi` (300 for print) with a pHYs chunk.
    pub fn png(&self, svg: &str, paper: Paper, dpi: f32) -> Result<Vec<u8>, PosterError> {
        let tree = verify::parse_tree(svg, &self.fonts)?;
        verify::check_size(&tree, &paper.into())?;
        raster::render_png(&tree, paper.size_mm(), dpi, &self.buffers)
    }

    /// The SVG with text converted to paths, so it renders without the font.
    pub fn publishable_svg(&self, svg: &str) -> Result<String, PosterError> {
        Ok(drawn::outlined(&verify::parse_tree(svg, &self.fonts)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn engine_is_send_and_sync() {
        assert_send_sync::<PosterEngine>();
        assert_send_sync::<Poster>();
    }

    #[test]
    fn paper_sizes_in_points() {
        let (w, h) = Paper::A4.size_pt();
        assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01);
        let (w, h) = Paper::A3.size_pt();
        assert!((w - 841.89).abs() < 0.01 && (h - 1190.55).abs() < 0.01);
        let (w, h) = Paper::A5.size_pt();
        assert!((w - 419.53).abs() < 0.01 && (h - 595.28).abs() < 0.01);
    }
}
