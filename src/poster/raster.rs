//! PNG output: resvg renders a parsed poster on white at the requested dpi
//! and the `png` crate writes it as 8-bit RGB (no alpha) with a pHYs chunk,
//! so print dialogs pick the right physical size.
//!
//! A 300-dpi A4 page is 35 MB of RGBA, more than the allocator keeps: a
//! fresh buffer is mapped, faulted in page by page and unmapped for every
//! poster, which costs about as much as drawing it. Buffers are pooled.

use std::sync::Mutex;

use resvg::tiny_skia::{IntSize, Pixmap, Transform};
use resvg::usvg::Tree;

use super::PosterError;

const MM_PER_INCH: f32 = 25.4;
/// usvg resolves `mm` at 96 px per inch.
const SVG_DPI: f32 = 96.0;

/// Pixel buffers to draw into, reused across renders (as many as are drawn
/// into at once: one per thread and size).
#[derive(Default)]
pub(crate) struct Buffers(Mutex<Vec<Vec<u8>>>);

impl Buffers {
    /// An opaque white pixmap of `width` × `height` in a reused buffer.
    fn white(&self, width: u32, height: u32) -> Result<Pixmap, PosterError> {
        let out_of_range = || PosterError::Render("PNG size out of range".into());
        let size = IntSize::from_wh(width, height).ok_or_else(out_of_range)?;
        let len = (width as usize).checked_mul(height as usize).and_then(|n| n.checked_mul(4));
        let len = len.ok_or_else(out_of_range)?;
        let mut data = self.take(len);
        data.clear();
        // Opaque white, premultiplied, is every byte 255.
        data.resize(len, 255);
        Pixmap::from_vec(data, size).ok_or_else(out_of_range)
    }

    /// The smallest pooled buffer that holds `len` bytes, else the largest.
    fn take(&self, len: usize) -> Vec<u8> {
        let Ok(mut pool) = self.0.lock() else { return Vec::new() };
        let fits =
            pool.iter().enumerate().filter(|(_, b)| b.capacity() >= len).min_by_key(|(_, b)| b.capacity());
        let pick = fits.or_else(|| pool.iter().enumerate().max_by_key(|(_, b)| b.capacity())).map(|(i, _)| i);
        pick.map(|i| pool.swap_remove(i)).unwrap_or_default()
    }

    fn give_back(&self, data: Vec<u8>) {
        if let Ok(mut pool) = self.0.lock() {
            pool.push(data);
        }
    }
}

/// Render a parsed, size-checked page of `size_mm` to PNG bytes at `dpi`.
pub(crate) fn render_png(
    tree: &Tree,
    (w_mm, h_mm): (f32, f32),
    dpi: f32,
    buffers: &Buffers,
) -> Result<Vec<u8>, PosterError> {
    if !(10.0..=1200.0).contains(&dpi) {
        return Err(PosterError::Render(format!("PNG resolution must be 10–1200 dpi, not {dpi}")));
    }
    let px = |mm: f32| (mm * dpi / MM_PER_INCH).round() as u32;
    let mut pixmap = buffers.white(px(w_mm), px(h_mm))?;
    let scale = dpi / SVG_DPI;
    resvg::render(tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    encode_rgb(pixmap, dpi, buffers)
}

/// Render a parsed SVG sized in pixels (a link-preview card) to a PNG of
/// exactly `width` × `height` pixels.
pub(crate) fn render_card(
    tree: &Tree,
    width: u32,
    height: u32,
    buffers: &Buffers,
) -> Result<Vec<u8>, PosterError> {
    let size = tree.size();
    if (size.width() - width as f32).abs() > 0.5 || (size.height() - height as f32).abs() > 0.5 {
        return Err(PosterError::Render(format!(
            "the share card SVG is {} × {} px; it must be {width} × {height}",
            size.width(),
            size.height()
        )));
    }
    let mut pixmap = buffers.white(width, height)?;
    resvg::render(tree, Transform::identity(), &mut pixmap.as_mut());
    encode_rgb(pixmap, SVG_DPI, buffers)
}

/// Write an opaque pixmap as RGB PNG with pHYs = `dpi`; its buffer goes
/// back to the pool. Row by row, each packed to RGB just before it is
/// filtered and compressed: no second whole-page buffer, no second pass.
fn encode_rgb(pixmap: Pixmap, dpi: f32, buffers: &Buffers) -> Result<Vec<u8>, PosterError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let png = encode_rows(pixmap.data(), width, height, dpi);
    buffers.give_back(pixmap.take());
    png
}

fn encode_rows(rgba: &[u8], width: u32, height: u32, dpi: f32) -> Result<Vec<u8>, PosterError> {
    let png_err = |e: png::EncodingError| PosterError::Render(format!("PNG encoding: {e}"));
    let mut out = Vec::with_capacity(rgba.len() / 32);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Up);
    let ppm = (dpi / MM_PER_INCH * 1000.0).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
    let mut header = encoder.write_header().map_err(png_err)?;
    let mut writer = header.stream_writer_with_size(1 << 20).map_err(png_err)?;
    let mut row = vec![0; width as usize * 3];
    let mut white = false;
    for pixels in rgba.chunks_exact(width as usize * 4) {
        // A poster is mostly paper: a white row is checked in a fraction
        // of the time it takes to pack.
        if pixels.iter().fold(255, |all, &b| all & b) == 255 {
            if !white {
                row.fill(255);
                white = true;
            }
        } else {
            pack_rgb(pixels, &mut row);
            white = false;
        }
        std::io::Write::write_all(&mut writer, &row)
            .map_err(|e| PosterError::Render(format!("PNG encoding: {e}")))?;
    }
    writer.finish().map_err(png_err)?;
    header.finish().map_err(png_err)?;
    Ok(out)
}

/// Opaque RGBA (premultiplied is plain when opaque) to RGB: alpha dropped.
/// Eight pixels at a time; white runs (most of a poster) are copied whole.
fn pack_rgb(rgba: &[u8], rgb: &mut [u8]) {
    let mut out = rgb.chunks_exact_mut(24);
    let mut pixels = rgba.chunks_exact(32);
    for (o, p) in (&mut out).zip(&mut pixels) {
        if p.iter().fold(255, |all, &b| all & b) == 255 {
            o.fill(255);
        } else {
            for (o, p) in o.chunks_exact_mut(3).zip(p.chunks_exact(4)) {
                o.copy_from_slice(&p[..3]);
            }
        }
    }
    let rest = out.into_remainder().chunks_exact_mut(3).zip(pixels.remainder().chunks_exact(4));
    for (o, p) in rest {
        o.copy_from_slice(&p[..3]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgba_packs_to_rgb() {
        // Runs of white and of ink, around the eight-pixel steps.
        for pixels in [0, 1, 7, 8, 9, 17, 40] {
            for ink_every in [1, 3, 16] {
                let rgba: Vec<u8> = (0..pixels * 4)
                    .map(|i| if (i / 4) % ink_every == 0 { (i * 7 % 256) as u8 } else { 255 })
                    .collect();
                let want: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
                let mut rgb = vec![0; pixels * 3];
                pack_rgb(&rgba, &mut rgb);
                assert_eq!(rgb, want, "{pixels} pixels, ink every {ink_every}");
            }
        }
    }
}
