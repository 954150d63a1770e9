//! Reading QR codes back: from PNG bytes (rqrr), and PDF pages rasterised
//! with hayro.

/// Every code rqrr finds in a PNG, sorted.
pub fn decode_png(png: &[u8]) -> Vec<String> {
    let img = image::load_from_memory(png).expect("png decodes").to_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.get_pixel(x as u32, y as u32).0[0]);
    let mut texts: Vec<String> =
        prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect();
    texts.sort();
    texts
}

/// Every page of a PDF rasterised with hayro at `scale` × 72 dpi, as PNGs.
pub fn pdf_pages(pdf: &[u8], scale: f32) -> Vec<Vec<u8>> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::vello_cpu::color::palette::css::WHITE;
    let pdf = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let cache = hayro::RenderCache::new();
    let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    pdf.pages()
        .iter()
        .map(|page| {
            let pixmap = hayro::render(
                page,
                &cache,
                &InterpreterSettings::default(),
                &hayro::RenderSettings::default(),
                &settings,
            );
            pixmap.into_png().expect("png")
        })
        .collect()
}
