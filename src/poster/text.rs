//! Text measuring and line breaking with the poster fonts: NFC normalisation,
//! glyph checks, word wrapping at spaces (greedy, optionally balanced) with
//! shrink-to-fit, and URL wrapping at `/` boundaries that never alters the URL.
//!
//! Widths are sums of advance widths (no kerning, no shaping); every line is
//! kept `SLACK` (5 %) narrower than its box so the shaped text still fits.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::fonts::PosterFonts;

/// Safety factor between measured (unkerned) width and the box width.
pub const SLACK: f32 = 1.05;
/// Each shrink step multiplies the font size by this.
const SHRINK_STEP: f32 = 0.95;

/// NFC-normalise `text` (content may arrive decomposed from some editors).
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// How a string must be set: box width, font size range, line limit.
/// All lengths are in the template's user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Width of the box.
    pub width: f32,
    /// Preferred font size.
    pub size: f32,
    /// Smallest acceptable font size (≤ `size`).
    pub min_size: f32,
    /// Most lines allowed.
    pub max_lines: usize,
    /// Set in the bold face.
    pub bold: bool,
    /// Even out line lengths (for centred titles) instead of filling greedily.
    pub balance: bool,
}

/// Text broken into lines at one font size.
#[derive(Clone, Debug, PartialEq)]
pub struct Wrapped {
    /// The lines, in order; empty for empty text.
    pub lines: Vec<String>,
    /// The font size the lines were fitted at.
    pub size: f32,
}

/// Why a string could not be set; becomes `PosterError::TextDoesNotFit`.
#[derive(Debug, Clone, PartialEq)]
pub struct NoFit(pub String);

impl PosterFonts {
    /// Width of `text` on one line at `size` (advance widths, no kerning, no slack).
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.em_width(text, bold) * size
    }

    fn em_width(&self, text: &str, bold: bool) -> f32 {
        let face = self.face(bold);
        text.chars().filter_map(|c| face.advance(c)).sum()
    }
}

/// Font sizes to try: `size`, shrinking by 5 % steps, ending exactly at `min_size`.
fn sizes(fit: &Fit) -> Vec<f32> {
    let mut out = vec![fit.size];
    let mut s = fit.size * SHRINK_STEP;
    while s > fit.min_size {
        out.push(s);
        s *= SHRINK_STEP;
    }
    if fit.min_size < fit.size {
        out.push(fit.min_size);
    }
    out
}

/// The width (in em) a line may have at `size`.
fn max_em(fit: &Fit, size: f32) -> f32 {
    fit.width / (size * SLACK)
}

/// Break `text` at whitespace into at most `fit.max_lines` lines, shrinking
/// the font down to `fit.min_size` if needed.
pub fn wrap_text(fonts: &PosterFonts, text: &str, fit: &Fit) -> Result<Wrapped, NoFit> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Ok(Wrapped {
            lines: Vec::new(),
            size: fit.size,
        });
    }
    let widths: Vec<f32> = words.iter().map(|w| fonts.em_width(w, fit.bold)).collect();
    let space = fonts.em_width(" ", fit.bold);
    for size in sizes(fit) {
        let limit = max_em(fit, size);
        let Some(mut ranges) = greedy(&widths, space, limit) else {
            continue;
        };
        if ranges.len() > fit.max_lines {
            continue;
        }
        if fit.balance && ranges.len() > 1 {
            ranges = balance(&widths, space, limit, ranges.len());
        }
        let lines = ranges.into_iter().map(|r| words[r].join(" ")).collect();
        return Ok(Wrapped { lines, size });
    }
    Err(explain_word_misfit(fonts, &words, &widths, fit))
}

fn explain_word_misfit(fonts: &PosterFonts, words: &[&str], widths: &[f32], fit: &Fit) -> NoFit {
    let limit = max_em(fit, fit.min_size);
    if let Some(i) = widths.iter().position(|&w| w > limit) {
        let width = fonts.measure(words[i], fit.min_size, fit.bold);
        return NoFit(format!(
            "the word “{}” is {:.1} wide at the smallest size, the box is {:.1}",
            words[i], width, fit.width
        ));
    }
    let space = fonts.em_width(" ", fit.bold);
    let needed = greedy(widths, space, limit).map_or(0, |r| r.len());
    NoFit(format!(
        "needs {needed} lines at the smallest size, at most {} allowed",
        fit.max_lines
    ))
}

/// Greedy line filling; `None` when a single word is wider than `limit`.
fn greedy(widths: &[f32], space: f32, limit: f32) -> Option<Vec<Range<usize>>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut line_width = 0.0;
    for (i, &w) in widths.iter().enumerate() {
        if w > limit {
            return None;
        }
        if i > start && line_width + space + w > limit {
            lines.push(start..i);
            start = i;
            line_width = w;
        } else if i == start {
            line_width = w;
        } else {
            line_width += space + w;
        }
    }
    lines.push(start..widths.len());
    Some(lines)
}

/// The narrowest greedy fill that still needs only `n` lines (binary search).
fn balance(widths: &[f32], space: f32, limit: f32, n: usize) -> Vec<Range<usize>> {
    let mut lo = widths.iter().copied().fold(0.0, f32::max);
    let mut hi = limit;
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        match greedy(widths, space, mid) {
            Some(r) if r.len() <= n => hi = mid,
            _ => lo = mid,
        }
    }
    greedy(widths, space, hi).unwrap_or_else(|| vec![0..widths.len()])
}

/// Set a URL: one line if it fits at any size down to `min_size`; otherwise
/// break it (largest size first) after `/` — or, inside an over-long
/// segment, before `? & # = . - _ ~`. Joining the lines gives back `url`.
pub fn wrap_url(fonts: &PosterFonts, url: &str, fit: &Fit) -> Result<Wrapped, NoFit> {
    let prefix = prefix_widths(fonts, url, fit.bold);
    let total = prefix.last().map_or(0.0, |&(_, w)| w);
    if let Some(size) = sizes(fit).into_iter().find(|&s| total <= max_em(fit, s)) {
        return Ok(Wrapped {
            lines: vec![url.to_string()],
            size,
        });
    }
    for size in sizes(fit) {
        if let Some(lines) = break_url(url, &prefix, max_em(fit, size))
            && lines.len() <= fit.max_lines
        {
            return Ok(Wrapped { lines, size });
        }
    }
    Err(NoFit(format!(
        "the URL needs more than {} lines at the smallest size; shorten it",
        fit.max_lines
    )))
}

/// `(byte offset, em width of url[..offset])` for every char boundary.
fn prefix_widths(fonts: &PosterFonts, url: &str, bold: bool) -> Vec<(usize, f32)> {
    let face = fonts.face(bold);
    let mut acc = 0.0;
    let mut out = vec![(0, 0.0)];
    for (i, ch) in url.char_indices() {
        acc += face.advance(ch).unwrap_or(0.0);
        out.push((i + ch.len_utf8(), acc));
    }
    out
}

/// Where a URL line may end: `true` = preferred (after `/`), `false` = fallback.
fn url_breaks(url: &str) -> Vec<(usize, bool)> {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let bytes = url.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        if i <= scheme_end {
            continue;
        }
        if bytes[i - 1] == b'/' && b != b'/' {
            out.push((i, true));
        } else if b"?&#=.-_~".contains(&b) {
            out.push((i, false));
        }
    }
    out
}

fn break_url(url: &str, prefix: &[(usize, f32)], limit: f32) -> Option<Vec<String>> {
    let width_at = |offset: usize| {
        prefix
            .iter()
            .find(|&&(o, _)| o == offset)
            .map_or(0.0, |&(_, w)| w)
    };
    let breaks = url_breaks(url);
    let mut lines = Vec::new();
    let mut start = 0;
    while width_at(url.len()) - width_at(start) > limit {
        let fits = |&&(o, _): &&(usize, bool)| o > start && width_at(o) - width_at(start) <= limit;
        let cut = breaks
            .iter()
            .filter(|b| b.1)
            .rfind(fits)
            .or_else(|| breaks.iter().filter(|b| !b.1).rfind(fits))?;
        lines.push(url[start..cut.0].to_string());
        start = cut.0;
    }
    lines.push(url[start..].to_string());
    Some(lines)
}
