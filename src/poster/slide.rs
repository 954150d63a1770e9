//! Slides for the waiting-room screen: a 1920 × 1080 PNG per guide from
//! the theme's `slide.svg`, laid out and checked like a poster (wrapping,
//! glyphs, fitting, the QR code's size, the address printed in full, text
//! inside the title-safe area a TV's overscan leaves).
//!
//! # Template contract
//!
//! `slide.svg`: `<svg width="{{ width }}" height="{{ height }}" viewBox="0
//! 0 {{ width }} {{ height }}">`, one unit per pixel. Context: `width`,
//! `height`, `font_family`, `unit_name`, `title`, `steps` (list),
//! `call_to_action`, `url` (encoded), `address` (printed), `band`, `qr
//! {version, modules, ecc}`. `qr()` snaps modules to whole pixels.

use serde::Serialize;

use super::layout::Scope;
use super::verify::{self, PageSize, Rules};
use super::{PosterData, PosterEngine, PosterError, address, encode_qr, fitting, nfc, raster, runs};

/// Full HD: what nearly every TV and LED screen's player shows 1:1.
pub const SLIDE_SIZE: (u32, u32) = (1920, 1080);
/// Smallest QR symbol on a slide: about 20 cm on a 43-inch screen, read
/// from 2 m by the 10:1 rule (README, "The waiting-room screen").
pub const MIN_SLIDE_QR_PX: u32 = 400;
/// Text stays out of the outer 5 % a TV may crop (overscan): the
/// title-safe area, 54 px of 1080.
const TITLE_SAFE_PX: f32 = 54.0;
/// 96 px per inch: one template unit is one pixel.
const MM_PER_PX: f32 = 25.4 / 96.0;
/// `qr()` snaps to a 300-dpi grid: a unit of 25.4/300 mm makes that grid
/// the slide's pixels.
const SNAP_UNIT_MM: f64 = 25.4 / 300.0;

/// What one slide shows: a poster's data (its `url` the screen's code).
pub type SlideData = PosterData;

#[derive(Serialize)]
struct SlideCtx<'a> {
    width: u32,
    height: u32,
    font_family: &'a str,
    unit_name: String,
    title: String,
    steps: Vec<String>,
    call_to_action: String,
    url: &'a str,
    address: &'a str,
    band: String,
    qr: super::QrCtx,
}

impl PosterEngine {
    /// A 1920 × 1080 PNG of `data`, shortened like a poster when it does
    /// not fit (short title, fewer derived steps).
    pub fn slide(&self, data: &SlideData) -> Result<Vec<u8>, PosterError> {
        let tree = fitting::fit_slide(data, |data| self.lay_out_slide(data))?;
        let (width, height) = SLIDE_SIZE;
        raster::render_card(&tree, width, height, &self.buffers)
    }

    /// Lays out and checks `data` as `slide` would, without drawing it.
    pub fn check_slide(&self, data: &SlideData) -> Result<(), PosterError> {
        fitting::fit_slide(data, |data| self.lay_out_slide(data)).map(|_| ())
    }

    fn lay_out_slide(&self, data: &SlideData) -> Result<resvg::usvg::Tree, PosterError> {
        let page = &data.page_label;
        let qr = encode_qr(&data.url, data.ecc).map_err(|e| e.on_page(page))?;
        let address = address::printed(&data.url, &data.address).map_err(|e| e.on_page(page))?;
        let (width, height) = SLIDE_SIZE;
        let ctx = SlideCtx {
            width,
            height,
            font_family: self.fonts.family(),
            unit_name: nfc(&data.unit_name),
            title: nfc(&data.title),
            steps: data.steps.iter().map(|s| nfc(s)).collect(),
            call_to_action: nfc(&data.call_to_action),
            url: &data.url,
            address: &address,
            band: nfc(&data.band),
            qr: super::QrCtx { version: qr.version, modules: qr.modules, ecc: qr.ecc.as_str() },
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| PosterError::Render(format!("template context: {e}")))?;
        let scope = Scope::new(page, SNAP_UNIT_MM, data.ecc);
        let (svg, scope) = self.templates.render("slide.svg", &ctx, scope)?;
        let svg = runs::mark_fallback_runs(&svg, &self.fonts);
        let rules = Rules {
            template: "slide.svg",
            page: PageSize::pixels("screen 1920 × 1080", width, height),
            min_symbol_mm: MIN_SLIDE_QR_PX as f32 * MM_PER_PX,
            safe_mm: TITLE_SAFE_PX * MM_PER_PX,
            addresses: vec![(data.url.clone(), address.clone())],
        };
        verify::check_rendered(&svg, &scope, &self.fonts, &rules).map_err(|e| e.on_page(page))
    }
}
