//! Poster fonts: the theme's Regular + Bold faces and its fallback faces
//! (bytes supplied by the theme, never system fonts), their cmap/advance
//! tables for measuring and glyph checks, and the font database handed to
//! usvg (PNG, outlined SVG) and krilla (PDF with embedded subset fonts).
//!
//! A character the family lacks (→, ✓, ☎, 📞) is drawn from the first
//! fallback face that has it: `runs` names that face on the character's
//! `<tspan>`, and `advance` measures with the same face.

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

/// A face for characters the poster family lacks.
#[derive(Debug)]
struct Fallback {
    family: String,
    metrics: FaceMetrics,
}

/// The faces posters are set in, loaded from bytes the theme supplies.
///
/// Cheap to share: the engine keeps it in an `Arc`.
#[derive(Debug)]
pub struct PosterFonts {
    family: String,
    regular: FaceMetrics,
    bold: FaceMetrics,
    /// For characters the family lacks, in order of preference.
    fallbacks: Vec<Fallback>,
    db: Arc<fontdb::Database>,
}

impl PosterFonts {
    /// Load a Regular and a Bold TTF/OTF of the same family, then the
    /// fallback faces (name, bytes) in order of preference.
    ///
    /// Fails when a file is not a font, the two faces belong to different
    /// families, or the "bold" face is not heavier than the regular one.
    pub fn from_bytes(
        regular: Vec<u8>,
        bold: Vec<u8>,
        fallbacks: Vec<(String, Vec<u8>)>,
    ) -> Result<Self, PosterError> {
        let regular_metrics = FaceMetrics::parse(&regular, "regular")?;
        let bold_metrics = FaceMetrics::parse(&bold, "bold")?;
        let mut db = fontdb::Database::new();
        db.load_font_data(regular);
        db.load_font_data(bold);
        let family = check_family(&db)?;
        db.set_sans_serif_family(family.clone());
        let mut fallback_faces = Vec::with_capacity(fallbacks.len());
        for (name, bytes) in fallbacks {
            let metrics = FaceMetrics::parse(&bytes, &format!("fallback {name}"))?;
            db.load_font_data(bytes);
            let family = db.faces().last().and_then(|f| f.families.first()).map(|(n, _)| n.clone());
            let family =
                family.ok_or_else(|| PosterError::Font(format!("fallback {name} has no family name")))?;
            fallback_faces.push(Fallback { family, metrics });
        }
        Ok(PosterFonts {
            family,
            regular: regular_metrics,
            bold: bold_metrics,
            fallbacks: fallback_faces,
            db: Arc::new(db),
        })
    }

    /// The family name templates must use in `font-family` (e.g. "Be Vietnam Pro").
    pub fn family(&self) -> &str {
        &self.family
    }

    /// The first character of `text` that no face can draw, in regular or bold.
    ///
    /// Whitespace is skipped (it is collapsed or used for line breaks), and so
    /// are invisible format characters pasted with emoji (U+FE0F, ZWJ).
    pub fn missing_glyph(&self, text: &str) -> Option<char> {
        text.chars().find(|&ch| {
            !ch.is_whitespace()
                && !is_invisible(ch)
                && (self.advance(ch, false).is_none() || self.advance(ch, true).is_none())
        })
    }

    /// Advance width of `ch` in em from the face that will draw it: the
    /// family's own, else the first fallback that has it.
    pub(crate) fn advance(&self, ch: char, bold: bool) -> Option<f32> {
        let own = if bold { &self.bold } else { &self.regular };
        own.advance(ch).or_else(|| self.fallbacks.iter().find_map(|f| f.metrics.advance(ch)))
    }

    /// The fallback family that draws `ch`; `None` when the poster family
    /// has it (or no face does).
    pub(crate) fn fallback_family(&self, ch: char) -> Option<&str> {
        if self.regular.advance(ch).is_some() {
            return None;
        }
        self.fallbacks.iter().find(|f| f.metrics.advance(ch).is_some()).map(|f| f.family.as_str())
    }

    /// True when the fallback `family` has a glyph for `ch`.
    pub(crate) fn fallback_has(&self, family: &str, ch: char) -> bool {
        self.fallbacks.iter().any(|f| f.family == family && f.metrics.advance(ch).is_some())
    }

    /// True for the poster family and every fallback family.
    pub(crate) fn is_poster_family(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case(&self.family)
            || self.fallbacks.iter().any(|f| name.eq_ignore_ascii_case(&f.family))
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

/// Format characters that draw nothing: variation selectors (the U+FE0F
/// after "⚠" in text pasted from Zalo), joiners and the byte-order mark.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}
