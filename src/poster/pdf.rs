//! PDF output with krilla + krilla-svg: one page per SVG at its ISO 216 size,
//! text embedded as subset fonts (selectable, `pdftotext` gives it back),
//! document title and language metadata, and no clock time (the optional date
//! comes from the caller) so equal input gives equal bytes.

use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg::Tree;

use super::verify::check_size;
use super::{Paper, PdfMeta, PosterError};

/// Build a PDF from parsed, verified pages.
pub(crate) fn render_pdf(pages: &[(&Tree, Paper)], meta: &PdfMeta) -> Result<Vec<u8>, PosterError> {
    if pages.is_empty() {
        return Err(PosterError::Render("a PDF needs at least one page".into()));
    }
    let mut document = Document::new();
    for (i, (tree, paper)) in pages.iter().enumerate() {
        add_page(&mut document, tree, *paper)
            .map_err(|e| PosterError::Render(format!("PDF page {}: {e}", i + 1)))?;
    }
    document.set_metadata(metadata(meta));
    document.finish().map_err(|e| PosterError::Render(format!("PDF: {e:?}")))
}

fn add_page(document: &mut Document, tree: &Tree, paper: Paper) -> Result<(), PosterError> {
    check_size(tree, &paper.into())?;
    let (w, h) = paper.size_pt();
    let size = Size::from_wh(w, h).ok_or_else(|| PosterError::Render("bad page size".into()))?;
    let mut page = document.start_page_with(PageSettings::new(size));
    let mut surface = page.surface();
    surface
        .draw_svg(tree, size, SvgSettings::default())
        .ok_or_else(|| PosterError::Render("krilla-svg could not draw the SVG".into()))?;
    surface.finish();
    page.finish();
    Ok(())
}

pub(super) fn metadata(meta: &PdfMeta) -> Metadata {
    let mut m = Metadata::new().title(meta.title.clone()).language(meta.lang.clone()).creator("loa".into());
    if let Some((year, month, day)) = meta.date {
        let year = u16::try_from(year.clamp(0, 9999)).unwrap_or(1970);
        m = m.creation_date(DateTime::new(year).month(month).day(day));
    }
    m
}
