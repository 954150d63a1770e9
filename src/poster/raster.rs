//! PNG output: resvg renders the poster SVG on white at the requested dpi and
//! the `png` crate writes it as 8-bit RGB (no alpha) with a pHYs chunk, so
//! print dialogs pick the right physical size.

use resvg::tiny_skia::{Color, Pixmap, Transform};

use super::fonts::PosterFonts;
use super::verify::{check_size, parse_tree};
use super::{Paper, PosterError};

const MM_PER_INCH: f32 = 25.4;
/// usvg resolves `mm` at 96 px per inch.
const SVG_DPI: f32 = 96.0;

/// Render `svg` (sized for `paper`) to PNG bytes at `dpi`.
pub(crate) fn render_png(
    svg: &str,
    paper: Paper,
    dpi: f32,
    fonts: &PosterFonts,
) -> Result<Vec<u8>, PosterError> {
    if !(10.0..=1200.0).contains(&dpi) {
        return Err(PosterError::Render(format!("PNG resolution must be 10–1200 dpi, not {dpi}")));
    }
    let tree = parse_tree(svg, fonts)?;
    check_size(&tree, paper)?;
    let (w_mm, h_mm) = paper.size_mm();
    let px = |mm: f32| (mm * dpi / MM_PER_INCH).round() as u32;
    let mut pixmap =
        Pixmap::new(px(w_mm), px(h_mm)).ok_or_else(|| PosterError::Render("PNG size out of range".into()))?;
    pixmap.fill(Color::WHITE);
    let scale = dpi / SVG_DPI;
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    encode_rgb(&pixmap, dpi)
}

/// Render an SVG sized in pixels (a link-preview card) to a PNG of exactly
/// `width` × `height` pixels.
pub(crate) fn render_card(
    svg: &str,
    width: u32,
    height: u32,
    fonts: &PosterFonts,
) -> Result<Vec<u8>, PosterError> {
    let tree = parse_tree(svg, fonts)?;
    let size = tree.size();
    if (size.width() - width as f32).abs() > 0.5 || (size.height() - height as f32).abs() > 0.5 {
        return Err(PosterError::Render(format!(
            "the share card SVG is {} × {} px; it must be {width} × {height}",
            size.width(),
            size.height()
        )));
    }
    let mut pixmap =
        Pixmap::new(width, height).ok_or_else(|| PosterError::Render("PNG size out of range".into()))?;
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    encode_rgb(&pixmap, SVG_DPI)
}

/// Write an opaque pixmap as RGB PNG with pHYs = `dpi`.
fn encode_rgb(pixmap: &Pixmap, dpi: f32) -> Result<Vec<u8>, PosterError> {
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Up);
    let ppm = (dpi / MM_PER_INCH * 1000.0).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
    let png_err = |e: png::EncodingError| PosterError::Render(format!("PNG encoding: {e}"));
    let mut writer = encoder.write_header().map_err(png_err)?;
    writer.write_image_data(&rgb).map_err(png_err)?;
    writer.finish().map_err(png_err)?;
    Ok(out)
}
