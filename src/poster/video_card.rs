//! Title cards for guides' clips: a 1280 × 720 PNG from the theme's
//! `video.svg`, shown as the poster frame of a clip (or the picture of a
//! YouTube or Vimeo clip before the tap) when the officer has no image.
//! The title goes through the same wrapping, glyph checks and shortening
//! as the link-preview images (`fitting::fit_card`).

use serde::Serialize;

use super::{Ecc, PosterEngine, PosterError, ShareCard, fitting, layout::Scope, nfc, raster, runs, verify};

/// Title cards are 1280 × 720 px: 16:9, the frame of most clips.
pub const VIDEO_CARD_SIZE: (u32, u32) = (1280, 720);

/// What a title card shows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct VideoCard {
    /// The guide's title, big.
    pub title: String,
    /// Used when `title` does not fit, or empty.
    pub short_title: String,
    /// The publishing unit.
    pub unit_name: String,
    /// The words above the title ("Video hướng dẫn").
    pub label: String,
    /// The running time as written (`3:25`), or empty.
    pub duration: String,
    /// Names the page in error messages.
    pub page_label: String,
}

#[derive(Serialize)]
struct VideoCtx<'a> {
    width: u32,
    height: u32,
    font_family: &'a str,
    title: String,
    unit_name: String,
    label: String,
    duration: String,
}

impl PosterEngine {
    /// The clip's title card as a PNG.
    pub fn video_card(&self, card: &VideoCard) -> Result<Vec<u8>, PosterError> {
        // The title is shortened exactly as a link-preview image's is.
        let share = ShareCard {
            title: card.title.clone(),
            short_title: card.short_title.clone(),
            unit_name: card.unit_name.clone(),
            host: String::new(),
            page_label: card.page_label.clone(),
        };
        fitting::fit_card(&share, |fitted| self.draw_video_card(card, &fitted.title))
    }

    fn draw_video_card(&self, card: &VideoCard, title: &str) -> Result<Vec<u8>, PosterError> {
        let (width, height) = VIDEO_CARD_SIZE;
        let ctx = VideoCtx {
            width,
            height,
            font_family: self.fonts.family(),
            title: nfc(title),
            unit_name: nfc(&card.unit_name),
            label: nfc(&card.label),
            duration: nfc(&card.duration),
        };
        let ctx = tera::Context::from_serialize(&ctx)
            .map_err(|e| PosterError::Render(format!("template context: {e}")))?;
        let scope = Scope::new(&card.page_label, 25.4 / 96.0, Ecc::M);
        let (svg, _) = self.templates.render("video.svg", &ctx, scope)?;
        let svg = runs::mark_fallback_runs(&svg, &self.fonts);
        raster::render_card(&verify::parse_tree(&svg, &self.fonts)?, width, height, &self.buffers)
    }
}
