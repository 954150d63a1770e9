//! Tera rendering of the theme's poster templates: the template set, the
//! layout functions templates call (`wrap`, `wrap_url`, `measure`, `qr`,
//! `qr_box`, `overflow`), and the per-render `Scope` that carries page
//! context in, and QR/URL records and structured errors out (Tera itself
//! only passes error strings).
//!
//! Lengths are in the template's user units; `Scope::unit_mm` says how many
//! millimetres one unit is on paper (posters: a 210 × 297 viewBox scaled to
//! the paper; sheets: 1).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::PosterError;
use super::error::{Misfit, from_tera};
use super::fonts::PosterFonts;
use super::qr::{Ecc, QUIET_ZONE, Qr, encode_qr_at_least};
use super::text::{self, Fit, NoFit, Wrapped, nfc, wrap_text, wrap_url};

/// Pixel grid QR modules are snapped to, so a PNG at this dpi has whole-pixel modules.
pub const SNAP_DPI: f64 = 300.0;
const MM_PER_INCH: f64 = 25.4;
/// Line height / font size when a template does not say.
const DEFAULT_LEADING: f64 = 1.25;

/// The template names every poster theme must provide.
pub const REQUIRED_TEMPLATES: [&str; 3] = ["poster.svg", "sheet.svg", "stickers.svg"];

/// A QR code a template drew with `qr()`.
#[derive(Debug, Clone)]
pub(crate) struct QrMark {
    /// The `id` of its `<g>` in the SVG.
    pub id: String,
    /// The encoded text.
    pub text: String,
    /// Modules per side without the quiet zone.
    pub modules: usize,
    /// Top-left corner of the symbol (inside the quiet zone) and module
    /// side, in template units: where a PDF draws it again in pure black.
    pub symbol_at: (f64, f64),
    pub module: f64,
}

/// Per-render state shared with the template functions (thread-local, so one
/// engine can render on many threads at once).
#[derive(Debug)]
pub(crate) struct Scope {
    pub page: String,
    pub unit_mm: f64,
    pub ecc: Ecc,
    pub qrs: Vec<QrMark>,
    pub urls: Vec<Vec<String>>,
    pub error: Option<PosterError>,
}

impl Scope {
    pub fn new(page: &str, unit_mm: f64, ecc: Ecc) -> Self {
        Scope { page: page.to_string(), unit_mm, ecc, qrs: Vec::new(), urls: Vec::new(), error: None }
    }
}

thread_local! {
    static SCOPE: RefCell<Option<Scope>> = const { RefCell::new(None) };
}

fn with_scope<R>(f: impl FnOnce(&mut Scope) -> R) -> Option<R> {
    SCOPE.with(|s| s.borrow_mut().as_mut().map(f))
}

/// Remember the first structured error and hand Tera its message.
fn fail(err: PosterError) -> tera::Error {
    let msg = err.to_string();
    with_scope(|s| {
        if s.error.is_none() {
            s.error = Some(err);
        }
    });
    tera::Error::message(msg)
}

/// The theme's poster templates with the layout functions registered.
pub(crate) struct Templates {
    tera: Tera,
}

/// Tera's escaping, minus the characters XML forbids outright (control
/// characters pasted into a title would make the SVG unreadable).
fn escape_svg(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if !text.contains(forbidden) {
        return tera::escape_html(text, out);
    }
    tera::escape_html(&text.replace(forbidden, ""), out)
}

impl Templates {
    pub fn new(sources: Vec<(String, String)>, fonts: Arc<PosterFonts>) -> Result<Self, PosterError> {
        for required in REQUIRED_TEMPLATES {
            if !sources.iter().any(|(name, _)| name == required) {
                return Err(PosterError::Template {
                    file: required.to_string(),
                    line: 0,
                    message: "the theme has no such poster template".into(),
                });
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".svg"]);
        tera.set_escape_fn(escape_svg);
        register_functions(&mut tera, fonts);
        let first = sources.first().map(|(n, _)| n.clone()).unwrap_or_default();
        tera.add_raw_templates(sources).map_err(|e| from_tera(&e, &first))?;
        Ok(Templates { tera })
    }

    /// Whether the theme has template `name`.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Render `name` with `ctx`; returns the SVG and what the template drew.
    pub fn render(
        &self,
        name: &str,
        ctx: &tera::Context,
        scope: Scope,
    ) -> Result<(String, Scope), PosterError> {
        SCOPE.with(|s| *s.borrow_mut() = Some(scope));
        let result = self.tera.render(name, ctx);
        let scope = SCOPE.with(|s| s.borrow_mut().take());
        let Some(mut scope) = scope else {
            return Err(PosterError::Render("render scope lost".into()));
        };
        match result {
            Ok(svg) => Ok((svg, scope)),
            Err(e) => Err(match scope.error.take() {
                Some(err) => err,
                None => from_tera(&e, name),
            }),
        }
    }
}

fn register_functions(tera: &mut Tera, fonts: Arc<PosterFonts>) {
    let f = Arc::clone(&fonts);
    tera.register_function("wrap", move |kw: Kwargs, _: &State| wrap_fn(&f, &kw, false));
    let f = Arc::clone(&fonts);
    tera.register_function("wrap_url", move |kw: Kwargs, _: &State| wrap_fn(&f, &kw, true));
    let f = Arc::clone(&fonts);
    tera.register_function("wrap_all", move |kw: Kwargs, _: &State| wrap_all_fn(&f, &kw));
    let f = Arc::clone(&fonts);
    tera.register_function("measure", move |kw: Kwargs, _: &State| measure_fn(&f, &kw));
    tera.register_function("qr", |kw: Kwargs, _: &State| qr_fn(&kw));
    tera.register_function("qr_box", |kw: Kwargs, _: &State| qr_box_fn(&kw));
    tera.register_function("overflow", |kw: Kwargs, _: &State| overflow_fn(&kw));
}

fn page() -> String {
    with_scope(|s| s.page.clone()).unwrap_or_default()
}

fn read_fit(kw: &Kwargs) -> TeraResult<Fit> {
    let size = kw.must_get::<f64>("size")?;
    Ok(Fit {
        width: kw.must_get::<f64>("width")? as f32,
        size: size as f32,
        min_size: kw.get::<f64>("min_size")?.unwrap_or(size).min(size) as f32,
        max_lines: kw.must_get::<usize>("max_lines")?,
        bold: kw.get::<bool>("bold")?.unwrap_or(false),
        balance: kw.get::<bool>("balance")?.unwrap_or(false),
        leading: kw.get::<f64>("leading")?.unwrap_or(DEFAULT_LEADING) as f32,
        max_height: kw.get::<f64>("max_height")?.map(|h| h as f32),
    })
}

/// `wrap(text, width, size, max_lines, min_size?, max_height?, bold?, balance?, leading?, field?,
/// ellipsis?)` and `wrap_url(...)` → `{lines, size, count, line_height, height}`. With
/// `ellipsis=true`, text too long is cut after a word with "…" instead of failing.
fn wrap_fn(fonts: &PosterFonts, kw: &Kwargs, url: bool) -> TeraResult<Value> {
    let raw = kw.must_get::<String>("text")?;
    let default_field = if url { "url" } else { "text" };
    let field = kw.get::<String>("field")?.unwrap_or_else(|| default_field.into());
    let fit = read_fit(kw)?;
    let text = if url { raw } else { nfc(&raw) };
    if let Some(ch) = fonts.missing_glyph(&text) {
        return Err(fail(PosterError::MissingGlyph { page: page(), ch, text }));
    }
    let cut = !url && kw.get::<bool>("ellipsis")?.unwrap_or(false);
    let wrapped = match (url, cut) {
        (true, _) => wrap_url(fonts, &text, &fit),
        (false, true) => text::wrap_text_or_cut(fonts, &text, &fit),
        (false, false) => wrap_text(fonts, &text, &fit),
    };
    let wrapped = wrapped.map_err(|NoFit(reason)| {
        fail(PosterError::TextDoesNotFit { page: page(), field, text: text.clone(), reason })
    })?;
    if url {
        with_scope(|s| s.urls.push(wrapped.lines.clone()));
    }
    Ok(wrapped_value(wrapped, f64::from(fit.leading)))
}

/// `wrap_all(texts, width, size, min_size, max_lines, max_height, gap?,
/// min_item_height?, bold?, balance?, leading?, field?)` → `{items, size,
/// height}`: a list (the steps) set at one common size, the largest from
/// `size` down to `min_size` at which every item fits `max_lines` and the
/// items, each at least `min_item_height` tall and `gap` apart, fit
/// `max_height`. An item that fits no size is reported as itself; a list
/// too tall at `min_size` as `no_room`.
fn wrap_all_fn(fonts: &PosterFonts, kw: &Kwargs) -> TeraResult<Value> {
    let texts: Vec<String> = kw.must_get::<Vec<String>>("texts")?.iter().map(|t| nfc(t)).collect();
    let field = kw.get::<String>("field")?.unwrap_or_else(|| "text".into());
    let fit = read_fit(kw)?;
    let gap = kw.get::<f64>("gap")?.unwrap_or(0.0) as f32;
    let min_item = kw.get::<f64>("min_item_height")?.unwrap_or(0.0) as f32;
    let max_height = kw.must_get::<f64>("max_height")? as f32;
    let misfit = |text: &str, reason| {
        fail(PosterError::TextDoesNotFit {
            page: page(),
            field: field.clone(),
            text: text.to_string(),
            reason,
        })
    };
    if let Some((text, ch)) = texts.iter().find_map(|t| fonts.missing_glyph(t).map(|ch| (t, ch))) {
        return Err(fail(PosterError::MissingGlyph { page: page(), ch, text: text.clone() }));
    }
    // Each item alone at the smallest size: one that cannot fit is the culprit.
    let smallest = Fit { size: fit.min_size, max_height: None, ..fit };
    for text in &texts {
        if let Err(NoFit(reason)) = wrap_text(fonts, text, &smallest) {
            return Err(misfit(text, reason));
        }
    }
    for size in text::sizes(&fit) {
        let at = Fit { size, min_size: size, max_height: None, ..fit };
        let Ok(items) = texts.iter().map(|t| wrap_text(fonts, t, &at)).collect::<Result<Vec<_>, _>>() else {
            continue;
        };
        let line_height = size * fit.leading;
        let height: f32 =
            items.iter().map(|w| (w.lines.len() as f32 * line_height).max(min_item)).sum::<f32>()
                + gap * texts.len().saturating_sub(1) as f32;
        if height <= max_height * 1.0001 {
            let items: Vec<Value> =
                items.into_iter().map(|w| wrapped_value(w, f64::from(fit.leading))).collect();
            let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
            m.insert("items", Value::from(items));
            m.insert("size", Value::from(round3(f64::from(size))));
            m.insert("height", Value::from(round3(f64::from(height))));
            return Ok(Value::from(m));
        }
    }
    Err(misfit(texts.last().map_or("", String::as_str), Misfit::NoRoom))
}

fn wrapped_value(w: Wrapped, leading: f64) -> Value {
    let size = round3(f64::from(w.size));
    let line_height = round3(size * leading);
    let count = w.lines.len();
    let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
    m.insert("lines", Value::from(w.lines));
    m.insert("size", Value::from(size));
    m.insert("count", Value::from(count));
    m.insert("line_height", Value::from(line_height));
    m.insert("height", Value::from(round3(line_height * count as f64)));
    Value::from(m)
}

/// `measure(text, size, bold?)` → width of one line (no slack).
fn measure_fn(fonts: &PosterFonts, kw: &Kwargs) -> TeraResult<Value> {
    let text = nfc(&kw.must_get::<String>("text")?);
    let size = kw.must_get::<f64>("size")? as f32;
    let bold = kw.get::<bool>("bold")?.unwrap_or(false);
    Ok(Value::from(round3(f64::from(fonts.measure(&text, size, bold)))))
}

/// Whole pixels per module at `SNAP_DPI` for a `symbol` (minimum symbol side)
/// or `size` (maximum box side) request, and pixels per template unit.
fn module_px(kw: &Kwargs, modules: usize, unit_mm: f64) -> TeraResult<(f64, f64)> {
    let px_per_unit = unit_mm * SNAP_DPI / MM_PER_INCH;
    let total = (modules + 2 * QUIET_ZONE) as f64;
    let px = match (kw.get::<f64>("symbol")?, kw.get::<f64>("size")?) {
        (Some(s), _) => (s * px_per_unit / modules as f64).ceil(),
        (None, Some(b)) => (b * px_per_unit / total).floor(),
        (None, None) => return Err(tera::Error::message("qr() needs `symbol` or `size`")),
    };
    Ok((px.max(1.0), px_per_unit))
}

/// Encode `text` with the render's ECC level; also returns the unit size and QR count.
fn scoped_qr(kw: &Kwargs) -> TeraResult<(Qr, f64, usize)> {
    let text = kw.must_get::<String>("text")?;
    let (unit_mm, ecc, n) = with_scope(|s| (s.unit_mm, s.ecc, s.qrs.len()))
        .ok_or_else(|| tera::Error::message("qr() called outside a poster render"))?;
    let version = kw.get::<u8>("version")?.unwrap_or(1);
    let qr = encode_qr_at_least(&text, ecc, version).map_err(|e| fail(e.on_page(&page())))?;
    Ok((qr, unit_mm, n))
}

/// `qr_box(text, symbol? | size?)` → the side of the white box `qr()` would
/// draw with the same arguments (to place it before drawing it).
fn qr_box_fn(kw: &Kwargs) -> TeraResult<Value> {
    let (qr, unit_mm, _) = scoped_qr(kw)?;
    let (px, px_per_unit) = module_px(kw, qr.modules, unit_mm)?;
    Ok(Value::from(px * qr.total_modules() as f64 / px_per_unit))
}

/// `qr(text, cx, y, symbol? | size?)`: a QR code centred on `cx` with its white
/// box's top at `y`. `symbol` = minimum symbol side (quiet zone excluded);
/// `size` = maximum box side (quiet zone included). Modules are snapped to
/// whole pixels at 300 dpi. Returns `{svg, x, y, box, symbol, module, bottom,
/// version, modules}`; print `svg` as is.
fn qr_fn(kw: &Kwargs) -> TeraResult<Value> {
    let cx = kw.must_get::<f64>("cx")?;
    let y = kw.must_get::<f64>("y")?;
    let (qr, unit_mm, n) = scoped_qr(kw)?;
    let (px, ppu) = module_px(kw, qr.modules, unit_mm)?;
    let box_px = px * qr.total_modules() as f64;
    let x = (cx * ppu - box_px / 2.0).round() / ppu;
    let top = (y * ppu).round() / ppu;
    let (module, side) = (px / ppu, box_px / ppu);
    let id = format!("loa-qr-{}", n + 1);
    let svg = qr.svg_group(&id, x, top, module);
    let quiet = module * QUIET_ZONE as f64;
    let symbol_at = (x + quiet, top + quiet);
    let mark = QrMark { id, text: qr.text.clone(), modules: qr.modules, symbol_at, module };
    with_scope(|s| s.qrs.push(mark));
    let mut m: BTreeMap<&'static str, Value> = BTreeMap::new();
    m.insert("svg", Value::safe_string(&svg));
    m.insert("x", Value::from(x));
    m.insert("y", Value::from(top));
    m.insert("box", Value::from(side));
    m.insert("symbol", Value::from(module * qr.modules as f64));
    m.insert("module", Value::from(module));
    m.insert("bottom", Value::from(top + side));
    m.insert("version", Value::from(qr.version));
    m.insert("modules", Value::from(qr.modules));
    Ok(Value::from(m))
}

/// `overflow(field, kind, text?, count?, allowed?, reason?)`: always fails
/// with `TextDoesNotFit`, for templates that find their content too tall
/// for the page. `kind` is `too_many_steps` (with `count`, `allowed`),
/// `no_room`, or anything else with a `reason` in the theme's own words.
fn overflow_fn(kw: &Kwargs) -> TeraResult<Value> {
    let field = kw.must_get::<String>("field")?;
    let text = kw.get::<String>("text")?.unwrap_or_default();
    let number = |key: &str| kw.get::<usize>(key).map(Option::unwrap_or_default);
    let reason = match kw.get::<String>("kind")?.as_deref() {
        Some("too_many_steps") => {
            Misfit::TooManySteps { count: number("count")?, allowed: number("allowed")? }
        }
        Some("no_room") => Misfit::NoRoom,
        _ => Misfit::Other(kw.get::<String>("reason")?.unwrap_or_default()),
    };
    Err(fail(PosterError::TextDoesNotFit { page: page(), field, text, reason }))
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}
