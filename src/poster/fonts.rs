//! Poster fonts: the theme's Regular + Bold faces (bytes supplied by the theme,
//! never system fonts), their cmap/advance tables for measuring and glyph
//! checks, and the font database handed to usvg (PNG, outlined SVG) and krilla
//! (PDF with embedded subset fonts).

use std::collections::HashMap;
use std::sync::Arc;

use resvg::usvg::fontdb;

use super::PosterError;

/// Advance widths (in em) for every character a face maps, from its cmap + hmtx.
#[derive(Debug)]
pub(crate) struct FaceMetrics {
    advances: HashMap<char, f32>,
}

impl FaceMetrics {
    fn parse(data: &[u8], which: &str) -> Result<Self, PosterError> {
        let face =
            ttf_parser::Face::parse(data, 0).map_err(|e| PosterError::Font(format!("{which} face: {e}")))?;
        let upem = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        let Some(cmap) = face.tables().cmap else {
            return Err(PosterError::Font(format!("{which} face has no cmap table")));
        };
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                let Some(ch) = char::from_u32(cp) else { return };
                let Some(gid) = sub.glyph_index(cp) else {
                    return;
                };
                let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                advances.entry(ch).or_insert(f32::from(adv) / upem);
            });
        }
        Ok(FaceMetrics { advances })
    }

    /// Advance width of `ch` in em, `None` when the face has no glyph for it.
    pub(crate) fn advance(&self, ch: char) -> Option<f32> {
        self.advances.get(&ch).copied()
    }
}

/// The two faces posters are set in, loaded from bytes the theme supplies.
///
/// Cheap to share: the engine keeps it in an `Arc`.
#[derive(Debug)]
pub struct PosterFonts {
    family: String,
    regular: FaceMetrics,
    bold: FaceMetrics,
    db: Arc<fontdb::Database>,
}

impl PosterFonts {
    /// Load a Regular and a Bold TTF/OTF of the same family.
    ///
    /// Fails when a file is not a font, the two faces belong to different
    /// families, or the "bold" face is not heavier than the regular one.
    pub fn from_bytes(regular: Vec<u8>, bold: Vec<u8>) -> Result<Self, PosterError> {
        let regular_metrics = FaceMetrics::parse(&regular, "regular")?;
        let bold_metrics = FaceMetrics::parse(&bold, "bold")?;
        let mut db = fontdb::Database::new();
        db.load_font_data(regular);
        db.load_font_data(bold);
        let family = check_family(&db)?;
        db.set_sans_serif_family(family.clone());
        Ok(PosterFonts { family, regular: regular_metrics, bold: bold_metrics, db: Arc::new(db) })
    }

    /// The family name templates must use in `font-family` (e.g. "Be Vietnam Pro").
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The first character of `text` that either face cannot draw.
    ///
    /// Whitespace is skipped (it is collapsed or used for line breaks).
    pub fn missing_glyph(&self, text: &str) -> Option<char> {
        text.chars().find(|&ch| {
            !ch.is_whitespace() && (self.regular.advance(ch).is_none() || self.bold.advance(ch).is_none())
        })
    }

    pub(crate) fn face(&self, bold: bool) -> &FaceMetrics {
        if bold { &self.bold } else { &self.regular }
    }

    pub(crate) fn db(&self) -> Arc<fontdb::Database> {
        Arc::clone(&self.db)
    }
}

/// Both faces must be one family, the second heavier than the first.
fn check_family(db: &fontdb::Database) -> Result<String, PosterError> {
    let faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    let [regular, bold] = faces.as_slice() else {
        return Err(PosterError::Font(format!("expected 2 faces (regular, bold), found {}", faces.len())));
    };
    let name = |f: &fontdb::FaceInfo| f.families.first().map(|(n, _)| n.clone());
    let (Some(family), Some(bold_family)) = (name(regular), name(bold)) else {
        return Err(PosterError::Font("a face has no family name".into()));
    };
    if family != bold_family {
        return Err(PosterError::Font(format!(
            "regular face is “{family}” but bold face is “{bold_family}”"
        )));
    }
    if bold.weight.0 <= regular.weight.0 {
        return Err(PosterError::Font(format!(
            "bold face (weight {}) is not heavier than regular (weight {})",
            bold.weight.0, regular.weight.0
        )));
    }
    Ok(family)
}
