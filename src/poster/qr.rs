//! QR codes: encoding (`qrcode` crate, smallest version for the ECC level),
//! the module matrix, and vector output — the dark modules traced into ONE
//! outline `<path>` (no seams between modules), on an explicit white box that
//! includes the 4-module quiet zone. Dark on light only.

use std::fmt::Write as _;
use std::str::FromStr;

use qrcode::{Color, EcLevel, QrCode, Version};

use super::PosterError;

/// Quiet zone on every side, in modules (ISO/IEC 18004).
pub const QUIET_ZONE: usize = 4;

/// Error-correction level. `M` (≈15 %) is the default for posters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Ecc {
    /// ≈7 % of codewords restorable.
    L,
    /// ≈15 %.
    #[default]
    M,
    /// ≈25 % (outdoor notice boards).
    Q,
    /// ≈30 % (only with a logo).
    H,
}

impl Ecc {
    /// "L", "M", "Q" or "H".
    pub fn as_str(self) -> &'static str {
        match self {
            Ecc::L => "L",
            Ecc::M => "M",
            Ecc::Q => "Q",
            Ecc::H => "H",
        }
    }

    fn level(self) -> EcLevel {
        match self {
            Ecc::L => EcLevel::L,
            Ecc::M => EcLevel::M,
            Ecc::Q => EcLevel::Q,
            Ecc::H => EcLevel::H,
        }
    }
}

impl FromStr for Ecc {
    type Err = PosterError;

    /// Parse "L", "M", "Q" or "H" (case-insensitive, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" => Ok(Ecc::L),
            "M" => Ok(Ecc::M),
            "Q" => Ok(Ecc::Q),
            "H" => Ok(Ecc::H),
            _ => Err(PosterError::qr(format!("error-correction level must be L, M, Q or H, not “{s}”"))),
        }
    }
}

/// An encoded QR code (model 2, never Micro QR).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    /// Exactly the encoded text.
    pub text: String,
    /// Version 1–40 (the smallest that holds the text at this ECC level).
    pub version: u8,
    /// Error-correction level.
    pub ecc: Ecc,
    /// Modules per side, without the quiet zone (17 + 4 × version).
    pub modules: usize,
    dark: Vec<bool>,
}

/// Encode `text` unchanged. Only printable ASCII is accepted, so the code and
/// the URL printed under it are the same characters for every decoder
/// (percent-encode anything else first).
pub fn encode_qr(text: &str, ecc: Ecc) -> Result<Qr, PosterError> {
    if text.is_empty() {
        return Err(PosterError::qr("the URL is empty"));
    }
    if let Some(ch) = text.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(PosterError::qr(format!(
            "the URL contains {ch:?}; only printable ASCII without spaces is allowed \
             (percent-encode it): {text}"
        )));
    }
    let code = QrCode::with_error_correction_level(text.as_bytes(), ecc.level())
        .map_err(|e| PosterError::qr(format!("cannot encode “{text}”: {e}")))?;
    let Version::Normal(version) = code.version() else {
        return Err(PosterError::qr("encoder returned a Micro QR code"));
    };
    let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Ok(Qr {
        text: text.to_string(),
        version: u8::try_from(version).map_err(|_| PosterError::qr("bad QR version"))?,
        ecc,
        modules: code.width(),
        dark,
    })
}

impl Qr {
    /// Modules per side including the quiet zone.
    pub fn total_modules(&self) -> usize {
        self.modules + 2 * QUIET_ZONE
    }

    /// Whether module (`x`, `y`) of the symbol is dark; outside is light.
    pub fn is_dark(&self, x: isize, y: isize) -> bool {
        let n = self.modules as isize;
        (0..n).contains(&x) && (0..n).contains(&y) && self.dark[(y * n + x) as usize]
    }

    /// SVG path data (`M…H…V…Z` loops) outlining all dark modules, in module
    /// units with the symbol's top-left corner (inside the quiet zone) at 0,0.
    /// Fill with the nonzero rule.
    pub fn outline_path(&self) -> String {
        let mut d = String::new();
        for lp in trace_loops(self) {
            push_loop(&mut d, &simplify(&lp));
        }
        d
    }

    /// SVG markup: a white box (symbol + quiet zone) with its top-left corner at
    /// (`x`, `y`) and one black path, `module` user units per module.
    pub fn svg_group(&self, id: &str, x: f64, y: f64, module: f64) -> String {
        let side = module * self.total_modules() as f64;
        let inner = module * QUIET_ZONE as f64;
        format!(
            concat!(
                r##"<g id="{id}" shape-rendering="crispEdges">"##,
                r##"<rect x="{x}" y="{y}" width="{s}" height="{s}" fill="#FFFFFF"/>"##,
                r##"<path transform="translate({tx} {ty}) scale({m})" fill="#000000" d="{d}"/>"##,
                "</g>"
            ),
            id = id,
            x = num(x),
            y = num(y),
            s = num(side),
            tx = num(x + inner),
            ty = num(y + inner),
            m = num(module),
            d = self.outline_path(),
        )
    }
}

/// A number for SVG output: at most 6 decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

type Point = (i32, i32);

/// Boundary edges between dark and light cells, directed with the dark cell on
/// the right (clockwise in y-down coordinates), chained into closed loops.
fn trace_loops(qr: &Qr) -> Vec<Vec<Point>> {
    let n = qr.modules as i32;
    let w = (n + 1) as usize;
    let idx = |p: Point| p.1 as usize * w + p.0 as usize;
    let mut out: Vec<Vec<Point>> = vec![Vec::new(); w * w];
    for (from, to) in boundary_edges(qr, n) {
        out[idx(from)].push(to);
    }
    let mut loops = Vec::new();
    for start in 0..out.len() {
        while let Some(first) = out[start].pop() {
            let origin = ((start % w) as i32, (start / w) as i32);
            let mut lp = vec![origin];
            let mut at = first;
            while at != origin {
                lp.push(at);
                match out[idx(at)].pop() {
                    Some(next) => at = next,
                    None => break,
                }
            }
            loops.push(lp);
        }
    }
    loops
}

fn boundary_edges(qr: &Qr, n: i32) -> Vec<(Point, Point)> {
    let dark = |x: i32, y: i32| qr.is_dark(x as isize, y as isize);
    let mut edges = Vec::new();
    for y in 0..=n {
        for x in 0..n {
            match (dark(x, y - 1), dark(x, y)) {
                (false, true) => edges.push(((x, y), (x + 1, y))),
                (true, false) => edges.push(((x + 1, y), (x, y))),
                _ => {}
            }
        }
    }
    for x in 0..=n {
        for y in 0..n {
            match (dark(x - 1, y), dark(x, y)) {
                (false, true) => edges.push(((x, y + 1), (x, y))),
                (true, false) => edges.push(((x, y), (x, y + 1))),
                _ => {}
            }
        }
    }
    edges
}

/// Drop points that lie on a straight run between their neighbours.
fn simplify(lp: &[Point]) -> Vec<Point> {
    let len = lp.len();
    (0..len)
        .filter(|&i| {
            let (a, b, c) = (lp[(i + len - 1) % len], lp[i], lp[(i + 1) % len]);
            !((a.0 == b.0 && b.0 == c.0) || (a.1 == b.1 && b.1 == c.1))
        })
        .map(|i| lp[i])
        .collect()
}

fn push_loop(d: &mut String, pts: &[Point]) {
    let Some(&(x0, y0)) = pts.first() else { return };
    let _ = write!(d, "M{x0} {y0}");
    let mut prev = (x0, y0);
    for &(x, y) in &pts[1..] {
        let _ = if y == prev.1 { write!(d, "H{x}") } else { write!(d, "V{y}") };
        prev = (x, y);
    }
    d.push('Z');
}
