//! In-process text extraction from PDFs, roughly what `pdftotext` gives: owns
//! the text-collecting hayro `Device` and the page loop that drives it, so
//! tests can check the words a generated PDF actually carries.

use hayro::hayro_interpret::font::{Glyph, GlyphRun};
use hayro::hayro_interpret::hayro_cmap::BfString;
use hayro::hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro::hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask, TransformExt, interpret_page,
};
use hayro::hayro_syntax::Pdf;

/// Glyph space units per em in hayro's glyph transforms.
const UNITS_PER_EM: f64 = 1000.0;

/// The text of every page of a PDF, in content order (pages separated by
/// "\n\f\n"), as pdftotext would give it roughly: glyphs mapped to Unicode
/// through the fonts' ToUnicode CMaps; a space or newline wherever consecutive
/// glyphs are far apart or on another line is enough.
///
/// Panics if the PDF does not parse, so that a broken PDF never passes a
/// "does not contain" check by having no text.
pub fn pdf_text(pdf: &[u8]) -> String {
    let pdf = Pdf::new(pdf.to_vec()).expect("PDF parses");
    let cache = InterpreterCache::new();
    let pages: Vec<String> = pdf
        .pages()
        .iter()
        .map(|page| {
            let (width, height) = page.render_dimensions();
            let mut context = Context::new(
                page.initial_transform(true).to_kurbo(),
                Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
                &cache,
                page.xref(),
                InterpreterSettings::default(),
            );
            let mut collector = TextCollector::default();
            interpret_page(page, &mut context, &mut collector);
            collector.text
        })
        .collect();
    pages.join("\n\u{c}\n")
}

/// Where the previous glyph ended, in device space (y down).
struct Pen {
    /// Baseline origin of the previous glyph.
    origin: Point,
    /// Where the next glyph would start if it followed directly.
    next: Point,
    /// Em size of the previous glyph.
    em: f64,
}

/// A `Device` that keeps only the Unicode text of glyphs, ignoring all else.
#[derive(Default)]
struct TextCollector {
    text: String,
    pen: Option<Pen>,
}

impl TextCollector {
    /// Append one glyph placed by `transform` (glyph units to device space).
    fn push(&mut self, glyph: &Glyph<'_>, transform: Affine) {
        let origin = transform * Point::ZERO;
        let em = (transform * Point::new(0.0, UNITS_PER_EM) - origin).hypot();
        let advance = match glyph {
            Glyph::Outline(g) => g.advance_width(),
            Glyph::Type3(g) => g.advance_width(),
        };
        let next = transform * Point::new(f64::from(advance.unwrap_or(500.0)), 0.0);
        if let Some(pen) = &self.pen {
            let size = pen.em.max(em);
            let ends_blank = self.text.ends_with(char::is_whitespace);
            if (origin.y - pen.origin.y).abs() > size / 2.0 {
                if !self.text.ends_with('\n') {
                    self.text.push('\n');
                }
            } else if (origin.x - pen.next.x).abs() > size / 5.0 && !ends_blank {
                self.text.push(' ');
            }
        }
        match glyph.as_unicode() {
            Some(BfString::Char(c)) => self.text.push(c),
            Some(BfString::String(s)) => self.text.push_str(&s),
            None => {}
        }
        self.pen = Some(Pen { origin, next, em });
    }
}

impl<'a> Device<'a> for TextCollector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, glyph_run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for glyph in glyph_run.glyphs() {
            self.push(glyph, props.transform * glyph.transform());
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// The PDF's words, one space between them: lines wrap on paper, so
/// compare words, not line breaks.
pub fn pdf_words(pdf: &[u8]) -> String {
    pdf_text(pdf).split_whitespace().collect::<Vec<_>>().join(" ")
}
