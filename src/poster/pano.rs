//! Large-format posters (pano) for a print shop: any size in whole
//! centimetres, laid out by the theme's `pano.svg` in millimetres of the
//! trimmed sheet, with a bleed all round and a QR code sized for the
//! distance it is read from. `print_marks.rs` makes its PDF.
//!
//! Print facts (README, "Pano"): the page is the trim size plus
//! `BLEED_MM` on every side, and text stays `PANO_SAFE_MM` inside the trim
//! (frames and eyelets cover the edge). The QR symbol is at least a tenth
//! of the reading distance (the 10:1 rule of QR vendors).

use resvg::usvg::Tree;
use serde::Serialize;

use super::layout::{QrMark, Scope};
use super::verify::{PageSize, Rules};
use super::{PosterData, PosterEngine, PosterError, address, encode_qr, nfc, raster};

/// Bleed on each side of a pano, in millimetres (large-format print shops
/// ask for 3–5 mm; 5 mm also covers their coarser trimming).
pub const BLEED_MM: f32 = 5.0;
/// Text stays this far inside the trim of a pano.
pub const PANO_SAFE_MM: f32 = 20.0;
/// Sides a pano may have, in centimetres.
pub const PANO_SIDES_CM: std::ops::RangeInclusive<u16> = 50..=500;
/// Distances a pano may be read from, in centimetres.
pub const PANO_DISTANCE_CM: std::ops::RangeInclusive<u32> = 50..=3000;

/// One large-format size: width × height of the trimmed sheet and the
/// distance the QR code must be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Pano {
    pub width_cm: u16,
    pub height_cm: u16,
    pub distance_cm: u32,
}

impl Pano {
    /// A pano read from `distance_cm`, or by default from two and a half
    /// times its shorter side (a 80 × 120 cm pano from 2 m): where someone
    /// who stopped to read it stands.
    pub fn new(width_cm: u16, height_cm: u16, distance_cm: Option<u32>) -> Pano {
        let short = u32::from(width_cm.min(height_cm));
        Pano { width_cm, height_cm, distance_cm: distance_cm.unwrap_or(short * 5 / 2) }
    }

    /// Parses "80x120" (also "80×120", "80 x 120"): width × height in cm.
    pub fn parse_size(text: &str) -> Option<(u16, u16)> {
        let text = text.trim().to_ascii_lowercase().replace('×', "x");
        let (w, h) = text.split_once('x')?;
        Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
    }

    /// "80x120": used in file names and manifest keys.
    pub fn name(&self) -> String {
        format!("{}x{}", self.width_cm, self.height_cm)
    }

    /// The trimmed sheet in millimetres.
    pub fn trim_mm(&self) -> (f32, f32) {
        (f32::from(self.width_cm) * 10.0, f32::from(self.height_cm) * 10.0)
    }

    /// The PDF page: trim plus bleed on every side.
    pub fn page_mm(&self) -> (f32, f32) {
        let (w, h) = self.trim_mm();
        (w + 2.0 * BLEED_MM, h + 2.0 * BLEED_MM)
    }

    /// Smallest QR symbol (quiet zone excluded): a tenth of the distance.
    pub fn min_symbol_mm(&self) -> f32 {
        self.distance_cm as f32
    }

    pub fn distance_m(&self) -> f32 {
        self.distance_cm as f32 / 100.0
    }

    pub fn landscape(&self) -> bool {
        self.width_cm > self.height_cm
    }
}

/// A laid-out, checked pano: the tree the checks parsed (for previews) and
/// what its PDF needs to draw the code again in pure black.
pub struct PanoPoster {
    pub(super) pano: Pano,
    pub(super) tree: Tree,
    /// The same page without the code's dark modules.
    pub(super) tree_without_code: Tree,
    pub(super) code: PlacedCode,
}

/// The QR code of a pano: its dark modules and where they go (mm from the
/// trim's top-left corner).
pub(super) struct PlacedCode {
    pub qr: super::Qr,
    pub at_mm: (f32, f32),
    pub module_mm: f32,
}

#[derive(Serialize)]
struct PanoPaper {
    name: String,
    width_mm: f32,
    height_mm: f32,
    bleed_mm: f32,
    unit_mm: f32,
    landscape: bool,
}

#[derive(Serialize)]
struct Reading {
    distance_m: f32,
    min_symbol_mm: f32,
}

#[derive(Serialize)]
struct PanoCtx<'a> {
    paper: PanoPaper,
    reading: Reading,
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
}

impl PosterEngine {
    /// Lays out and checks one pano of a poster, shortening derived
    /// wording if needed, as for paper posters.
    pub fn pano(&self, data: &PosterData, pano: Pano) -> Result<PanoPoster, PosterError> {
        self.has_pano_template()?;
        super::fitting::fit(data, |data| {
            let (svg, tree, scope) = self.lay_out_pano(data, pano)?;
            self.finish_pano(data, pano, &svg, tree, &scope)
        })
    }

    /// Lays out and checks a pano as `pano` would, without preparing its PDF.
    pub fn check_pano(&self, data: &PosterData, pano: Pano) -> Result<(), PosterError> {
        self.has_pano_template()?;
        super::fitting::fit(data, |data| self.lay_out_pano(data, pano).map(|_| ()))
    }

    /// A theme that replaced the poster templates may have no `pano.svg`.
    fn has_pano_template(&self) -> Result<(), PosterError> {
        if self.templates.has(PANO_TEMPLATE) {
            return Ok(());
        }
        Err(PosterError::Render(format!("the theme has no posters/{PANO_TEMPLATE}")))
    }

    fn lay_out_pano(&self, data: &PosterData, pano: Pano) -> Result<(String, Tree, Scope), PosterError> {
        let address = address::printed(&data.url, &data.address).map_err(|e| e.on_page(&data.page_label))?;
        let (width_mm, height_mm) = pano.trim_mm();
        let ctx = PanoCtx {
            paper: PanoPaper {
                name: pano.name(),
                width_mm,
                height_mm,
                bleed_mm: BLEED_MM,
                unit_mm: 1.0,
                landscape: pano.landscape(),
            },
            reading: Reading { distance_m: pano.distance_m(), min_symbol_mm: pano.min_symbol_mm() },
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
        };
        let (page_w, page_h) = pano.page_mm();
        let rules = Rules {
            template: PANO_TEMPLATE,
            page: PageSize { name: format!("pano {}", pano.name()), width_mm: page_w, height_mm: page_h },
            min_symbol_mm: pano.min_symbol_mm(),
            safe_mm: BLEED_MM + PANO_SAFE_MM,
            addresses: vec![(data.url.clone(), address.clone())],
        };
        let scope = Scope::new(&data.page_label, 1.0, data.ecc);
        self.render_verified(&ctx, scope, &rules)
    }

    /// The checked pano with its code's modules taken out of the SVG, to
    /// be drawn again in pure black.
    fn finish_pano(
        &self,
        data: &PosterData,
        pano: Pano,
        svg: &str,
        tree: Tree,
        scope: &Scope,
    ) -> Result<PanoPoster, PosterError> {
        let mark = scope.qrs.iter().find(|q| q.text == data.url).cloned();
        let Some(QrMark { id, symbol_at, module, .. }) = mark else {
            return Err(PosterError::Render(format!("{PANO_TEMPLATE} drew no QR code")));
        };
        let bare = without_dark_modules(svg, &id)?;
        let code = PlacedCode {
            qr: encode_qr(&data.url, data.ecc)?,
            at_mm: (symbol_at.0 as f32, symbol_at.1 as f32),
            module_mm: module as f32,
        };
        let tree_without_code = super::verify::parse_tree(&bare, &self.fonts)?;
        Ok(PanoPoster { pano, tree, tree_without_code, code })
    }

    /// A PNG of a pano at `dpi` (bleed included, no crop marks): a preview,
    /// and what tests read its code back from.
    pub fn pano_png(&self, pano: &PanoPoster, dpi: f32) -> Result<Vec<u8>, PosterError> {
        raster::render_png(&pano.tree, pano.pano.page_mm(), dpi, &self.buffers)
    }
}

impl PanoPoster {
    pub fn pano(&self) -> Pano {
        self.pano
    }
}

pub(super) const PANO_TEMPLATE: &str = "pano.svg";

/// The SVG with the dark-module path of QR group `id` taken out (the white
/// box stays): the PDF draws those modules itself, in pure black ink.
fn without_dark_modules(svg: &str, id: &str) -> Result<String, PosterError> {
    let lost = || PosterError::Render(format!("QR code {id} not found in the pano SVG"));
    let group = svg.find(&format!("<g id=\"{id}\"")).ok_or_else(lost)?;
    let start = group + svg[group..].find("<path ").ok_or_else(lost)?;
    let end = start + svg[start..].find("/>").ok_or_else(lost)? + 2;
    Ok(format!("{}{}", &svg[..start], &svg[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_the_ways_people_write_them() {
        assert_eq!(Pano::parse_size("80x120"), Some((80, 120)));
        assert_eq!(Pano::parse_size(" 240 × 120 "), Some((240, 120)));
        assert_eq!(Pano::parse_size("120X240"), Some((120, 240)));
        assert_eq!(Pano::parse_size("A3"), None);
        assert_eq!(Pano::parse_size("80x"), None);
    }

    #[test]
    fn the_page_is_the_trim_plus_bleed_and_the_code_follows_the_distance() {
        let pano = Pano::new(80, 120, None);
        assert_eq!(pano.trim_mm(), (800.0, 1200.0));
        assert_eq!(pano.page_mm(), (810.0, 1210.0));
        assert_eq!(pano.distance_cm, 200);
        assert_eq!(pano.min_symbol_mm(), 200.0);
        let far = Pano::new(240, 120, Some(600));
        assert!(far.landscape());
        assert_eq!(far.min_symbol_mm(), 600.0);
    }

    #[test]
    fn the_dark_modules_are_taken_out_and_the_white_box_kept() {
        let svg = r##"<svg><g id="loa-qr-1"><rect fill="#FFFFFF"/><path fill="#000000" d="M0 0h1v1z"/></g><path d="x"/></svg>"##;
        let bare = without_dark_modules(svg, "loa-qr-1").expect("found");
        assert_eq!(bare, r##"<svg><g id="loa-qr-1"><rect fill="#FFFFFF"/></g><path d="x"/></svg>"##);
        assert!(without_dark_modules(svg, "loa-qr-2").is_err());
    }
}
