//! A laid-out, checked page (poster, index sheet or sticker page) and its
//! outputs. Checking a page parses its SVG, shaping and outlining the text:
//! the costly part. The PDF, the PNGs and the outlined SVG are all drawn
//! from that one parse instead of parsing again for each.

use resvg::usvg::{Tree, WriteOptions};

use super::{Paper, PdfMeta, PosterEngine, PosterError, pdf, raster};

/// One laid-out, checked page: its SVG and the tree parsed from it.
pub struct Poster {
    pub(super) svg: String,
    pub(super) tree: Tree,
    pub(super) paper: Paper,
}

impl Poster {
    /// The SVG (text set in the theme's font, referenced by family name).
    pub fn svg(&self) -> &str {
        &self.svg
    }

    pub fn into_svg(self) -> String {
        self.svg
    }

    pub fn paper(&self) -> Paper {
        self.paper
    }

    /// A one-page PDF, fonts embedded as subsets.
    pub fn pdf(&self, meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
        pdf::render_pdf(&[(&self.tree, self.paper)], meta)
    }

    /// The SVG with text converted to paths, so it renders without the font.
    pub fn outlined_svg(&self) -> String {
        outlined(&self.tree)
    }
}

impl PosterEngine {
    /// A PDF with one page per poster, in order, fonts embedded as subsets.
    pub fn posters_pdf(&self, posters: &[Poster], meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
        let pages: Vec<(&Tree, Paper)> = posters.iter().map(|p| (&p.tree, p.paper)).collect();
        pdf::render_pdf(&pages, meta)
    }

    /// An RGB PNG of a poster at `dpi` (300 for print), with a pHYs chunk.
    pub fn poster_png(&self, poster: &Poster, dpi: f32) -> Result<Vec<u8>, PosterError> {
        raster::render_png(&poster.tree, poster.paper.size_mm(), dpi, &self.buffers)
    }
}

/// The tree written back as SVG: usvg writes text as its outlines.
pub(super) fn outlined(tree: &Tree) -> String {
    let options = WriteOptions { coordinates_precision: 3, transforms_precision: 6, ..Default::default() };
    tree.to_string(&options)
}
