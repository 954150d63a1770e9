//! Text measuring and line breaking with the poster fonts: NFC normalisation,
//! word wrapping at spaces (greedy, or balanced with a preference for breaks
//! after punctuation) with shrink-to-fit, and URL wrapping at `/` boundaries that never alters the URL.
//!
//! Widths are sums of advance widths (no kerning, no shaping); every line is
//! kept `SLACK` (5 %) narrower than its box so the shaped text still fits.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::error::Misfit;
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
    /// Line height as a multiple of the font size (for `max_height`).
    pub leading: f32,
    /// Most height the lines may take (`lines × size × leading`): trades a
    /// third line against a smaller size. `None` = only `max_lines` counts.
    pub max_height: Option<f32>,
}

impl Fit {
    /// Whether `lines` lines at `size` are within the line and height limits.
    fn allows(&self, lines: usize, size: f32) -> bool {
        lines <= self.max_lines
            && self.max_height.is_none_or(|h| lines as f32 * size * self.leading <= h * 1.0001)
    }
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
pub struct NoFit(pub Misfit);

impl PosterFonts {
    /// Width of `text` on one line at `size` (advance widths, no kerning, no slack).
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.em_width(text, bold) * size
    }

    fn em_width(&self, text: &str, bold: bool) -> f32 {
        text.chars().filter_map(|c| self.advance(c, bold)).sum()
    }
}

/// Font sizes to try: `size`, shrinking by 5 % steps, ending exactly at `min_size`.
pub(crate) fn sizes(fit: &Fit) -> Vec<f32> {
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
    let words = words(text);
    if words.is_empty() {
        return Ok(Wrapped { lines: Vec::new(), size: fit.size });
    }
    let widths: Vec<f32> = words.iter().map(|w| fonts.em_width(w, fit.bold)).collect();
    let space = fonts.em_width(" ", fit.bold);
    for size in sizes(fit) {
        let limit = max_em(fit, size);
        let Some(mut ranges) = greedy(&widths, space, limit) else {
            continue;
        };
        if !fit.allows(ranges.len(), size) {
            continue;
        }
        if fit.balance && ranges.len() > 1 {
            ranges = balance(&words, &widths, space, limit, ranges.len()).unwrap_or(ranges);
        }
        let lines = ranges.into_iter().map(|r| words[r].join(" ")).collect();
        return Ok(Wrapped { lines, size });
    }
    Err(explain_misfit(fonts, &words, &widths, fit))
}

/// Like `wrap_text`, but a text too long is cut after a word and ends
/// with "…" (the longest such start that fits), for captions such as the
/// labels of a sheet, where the code leads to the whole guide anyway. Fails
/// as `wrap_text` when not even the first word fits.
pub fn wrap_text_or_cut(fonts: &PosterFonts, text: &str, fit: &Fit) -> Result<Wrapped, NoFit> {
    let whole = wrap_text(fonts, text, fit);
    let words = words(text);
    if whole.is_ok() || words.len() < 2 {
        return whole;
    }
    let cut =
        |k: usize| format!("{}…", words[..k].join(" ").trim_end_matches([',', ';', ':', '.', '-', '–']));
    // Fitting is monotone in the number of words: bisect.
    let (mut fits, mut fails, mut best) = (0, words.len(), None);
    while fails - fits > 1 {
        let mid = (fits + fails) / 2;
        match wrap_text(fonts, &cut(mid), fit) {
            Ok(wrapped) => (fits, best) = (mid, Some(wrapped)),
            Err(_) => fails = mid,
        }
    }
    best.ok_or_else(|| whole.err().unwrap_or(NoFit(Misfit::NoRoom)))
}

fn explain_misfit(fonts: &PosterFonts, words: &[&str], widths: &[f32], fit: &Fit) -> NoFit {
    let limit = max_em(fit, fit.min_size);
    if let Some(i) = widths.iter().position(|&w| w > limit) {
        return NoFit(Misfit::WordTooWide { word: words[i].to_string() });
    }
    let space = fonts.em_width(" ", fit.bold);
    let needed = greedy(widths, space, limit).map_or(0, |r| r.len());
    // With a height limit, fewer lines may be allowed at the smallest size.
    let by_height = fit.max_height.map(|h| (h / (fit.min_size * fit.leading)) as usize);
    let allowed = by_height.map_or(fit.max_lines, |n| n.min(fit.max_lines));
    NoFit(Misfit::TooManyLines { needed, allowed })
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

/// Break into exactly `n` lines, minimising the sum of squared slack (even
/// lines) plus a penalty for breaking anywhere but after punctuation, and a
/// large one for starting a line with a dash or bullet (Knuth–Plass in small).
fn balance(words: &[&str], widths: &[f32], space: f32, limit: f32, n: usize) -> Option<Vec<Range<usize>>> {
    let k = words.len();
    let mut best = vec![vec![f32::INFINITY; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    best[0][0] = 0.0;
    for j in 1..=k {
        let penalty = if j < k { break_penalty(words, j, limit) } else { 0.0 };
        let mut width = -space;
        for i in (0..j).rev() {
            width += widths[i] + space;
            if width > limit {
                break;
            }
            for l in 1..=n {
                let cost = best[i][l - 1] + (limit - width).powi(2) + penalty;
                if cost < best[j][l] {
                    best[j][l] = cost;
                    from[j][l] = i;
                }
            }
        }
    }
    if !best[k][n].is_finite() {
        return None;
    }
    let mut ranges = Vec::with_capacity(n);
    let mut j = k;
    for l in (1..=n).rev() {
        let i = from[j][l];
        ranges.push(i..j);
        j = i;
    }
    ranges.reverse();
    Some(ranges)
}

/// Cost of ending a line before `words[j]`.
fn break_penalty(words: &[&str], j: usize, limit: f32) -> f32 {
    const SOFT_END: &[char] = &[',', ';', ':', '.', '!', '?', '·', '–', '—', ')'];
    const HARD_START: &[char] = &['·', '–', '—', '-', ':', ',', '.', ')'];
    if words[j].starts_with(HARD_START) {
        limit * limit
    } else if words[j - 1].ends_with(SOFT_END) {
        0.0
    } else {
        (0.25 * limit).powi(2)
    }
}

/// Split at breakable whitespace; no-break spaces (U+00A0, U+2007, U+202F)
/// keep words together.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Set a URL: one line if it fits at any size down to `min_size`; otherwise
/// break it after `/` only (largest size first); only if that fails, also
/// before `? & # = . - _ ~` inside over-long segments. Joining the lines
/// gives back `url` exactly.
pub fn wrap_url(fonts: &PosterFonts, url: &str, fit: &Fit) -> Result<Wrapped, NoFit> {
    let prefix = prefix_widths(fonts, url, fit.bold);
    let total = prefix.last().map_or(0.0, |&(_, w)| w);
    if let Some(size) = sizes(fit).into_iter().find(|&s| total <= max_em(fit, s)) {
        return Ok(Wrapped { lines: vec![url.to_string()], size });
    }
    for slashes_only in [true, false] {
        for size in sizes(fit) {
            if let Some(lines) = break_url(url, &prefix, max_em(fit, size), slashes_only)
                && fit.allows(lines.len(), size)
            {
                return Ok(Wrapped { lines, size });
            }
        }
    }
    Err(NoFit(Misfit::UrlTooLong { allowed: fit.max_lines }))
}

/// `(byte offset, em width of url[..offset])` for every char boundary.
fn prefix_widths(fonts: &PosterFonts, url: &str, bold: bool) -> Vec<(usize, f32)> {
    let mut acc = 0.0;
    let mut out = vec![(0, 0.0)];
    for (i, ch) in url.char_indices() {
        acc += fonts.advance(ch, bold).unwrap_or(0.0);
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

fn break_url(url: &str, prefix: &[(usize, f32)], limit: f32, slashes_only: bool) -> Option<Vec<String>> {
    let width_at = |offset: usize| prefix.iter().find(|&&(o, _)| o == offset).map_or(0.0, |&(_, w)| w);
    let breaks = url_breaks(url);
    let mut lines = Vec::new();
    let mut start = 0;
    while width_at(url.len()) - width_at(start) > limit {
        let fits = |&&(o, _): &&(usize, bool)| o > start && width_at(o) - width_at(start) <= limit;
        let cut = breaks
            .iter()
            .filter(|b| b.1)
            .rfind(fits)
            .or_else(|| breaks.iter().filter(|b| !b.1 && !slashes_only).rfind(fits))?;
        lines.push(url[start..cut.0].to_string());
        start = cut.0;
    }
    lines.push(url[start..].to_string());
    Some(lines)
}
