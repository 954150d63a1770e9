//! A pano's print-shop PDF: the page is the trim plus bleed (BleedBox =
//! MediaBox, TrimBox inside it), crop marks in the bleed's corners, and the
//! QR code's dark modules drawn by krilla in DeviceCMYK 0/0/0/100, so the
//! print shop's RGB-to-CMYK conversion cannot turn them into four-colour
//! black that misregisters. The rest of the page is drawn from its SVG
//! (RGB, fonts embedded as subsets).

use krilla::Document;
use krilla::color::cmyk;
use krilla::geom::{PathBuilder, Rect, Size};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt, SvgSettings};

use super::pano::{BLEED_MM, PanoPoster, PlacedCode};
use super::{MM_PER_PT, PdfMeta, PosterError};

/// Crop marks stop this far short of the trim corner, so none is left on
/// the trimmed sheet when the cut is slightly off.
const MARK_OFFSET_MM: f32 = 1.5;
const MARK_WIDTH_PT: f32 = 0.3;

fn pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

impl PanoPoster {
    /// The print-shop PDF: bleed and trim boxes, crop marks, fonts
    /// embedded, the code in 100 % black (K).
    pub fn pdf(&self, meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
        pano_pdf(self, meta)
    }
}

fn pano_pdf(pano: &PanoPoster, meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
    let fail = |what: &str| PosterError::Render(format!("pano {} PDF: {what}", pano.pano.name()));
    let (page_w, page_h) = pano.pano.page_mm();
    let (trim_w, trim_h) = pano.pano.trim_mm();
    let size = Size::from_wh(pt(page_w), pt(page_h)).ok_or_else(|| fail("bad page size"))?;
    let bleed = Rect::from_xywh(0.0, 0.0, pt(page_w), pt(page_h));
    let trim = Rect::from_xywh(pt(BLEED_MM), pt(BLEED_MM), pt(trim_w), pt(trim_h));
    let settings = PageSettings::new(size).with_bleed_box(bleed).with_trim_box(trim);
    let mut document = Document::new();
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface
        .draw_svg(&pano.tree_without_code, size, SvgSettings::default())
        .ok_or_else(|| fail("krilla-svg could not draw the SVG"))?;
    draw_code(&mut surface, &pano.code).ok_or_else(|| fail("the QR code's path is empty"))?;
    draw_crop_marks(&mut surface, (trim_w, trim_h)).ok_or_else(|| fail("bad crop marks"))?;
    surface.finish();
    page.finish();
    document.set_metadata(super::pdf::metadata(meta));
    document.finish().map_err(|e| fail(&format!("{e:?}")))
}

/// The dark modules as one path of row runs, in K-only black.
fn draw_code(surface: &mut Surface, code: &PlacedCode) -> Option<()> {
    let mut path = PathBuilder::new();
    let n = code.qr.modules as isize;
    let (x0, y0) = (BLEED_MM + code.at_mm.0, BLEED_MM + code.at_mm.1);
    let m = code.module_mm;
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.qr.is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.qr.is_dark(x, y) {
                x += 1;
            }
            let left = x0 + start as f32 * m;
            let top = y0 + y as f32 * m;
            path.push_rect(Rect::from_xywh(pt(left), pt(top), pt((x - start) as f32 * m), pt(m))?);
        }
    }
    let path = path.finish()?;
    surface.set_fill(Some(Fill { paint: cmyk::Color::new(0, 0, 0, 255).into(), ..Fill::default() }));
    surface.set_stroke(None);
    surface.draw_path(&path);
    Some(())
}

/// Two short lines at each trim corner, in the bleed, along the trim
/// edges: a white line under a registration-black one, so they show on
/// any background.
fn draw_crop_marks(surface: &mut Surface, (trim_w, trim_h): (f32, f32)) -> Option<()> {
    let b = BLEED_MM;
    let reach = b - MARK_OFFSET_MM;
    let mut path = PathBuilder::new();
    for (x, y) in [(b, b), (b + trim_w, b), (b, b + trim_h), (b + trim_w, b + trim_h)] {
        // Which way is outwards from this corner.
        let dx = if x > b { 1.0 } else { -1.0 };
        let dy = if y > b { 1.0 } else { -1.0 };
        let out_x = x + dx * MARK_OFFSET_MM;
        let out_y = y + dy * MARK_OFFSET_MM;
        path.move_to(pt(out_x), pt(y));
        path.line_to(pt(out_x + dx * reach), pt(y));
        path.move_to(pt(x), pt(out_y));
        path.line_to(pt(x), pt(out_y + dy * reach));
    }
    let path = path.finish()?;
    surface.set_fill(None);
    for (colour, width) in
        [(cmyk::Color::new(0, 0, 0, 0), MARK_WIDTH_PT * 3.0), (registration(), MARK_WIDTH_PT)]
    {
        surface.set_stroke(Some(Stroke { paint: colour.into(), width, ..Stroke::default() }));
        surface.draw_path(&path);
    }
    Some(())
}

/// 100 % of every ink: prints on every plate, as crop marks must.
fn registration() -> cmyk::Color {
    cmyk::Color::new(255, 255, 255, 255)
}
