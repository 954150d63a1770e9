//! Checks on an SVG a template produced, before anything is published: every
//! text element uses the poster family and has every glyph (usvg would drop it
//! silently otherwise), the page has the paper's size, text stays inside the
//! printable area and out of QR quiet zones, each QR code is big enough for
//! its product, and each URL is both encoded and printed in full.
//! Also owns `parse_tree`, the one place SVG is parsed for PDF/PNG output.

use resvg::usvg::{self, Node, Rect, Tree, roxmltree};

use super::error::Misfit;
use super::fonts::PosterFonts;
use super::layout::Scope;
use super::{Paper, PosterError};

const PX_PER_MM: f32 = 96.0 / 25.4;
/// Page-size tolerance (mm) when comparing the SVG with the paper.
const SIZE_TOLERANCE_MM: f32 = 0.5;

/// What a rendered page must satisfy.
pub(crate) struct Rules<'a> {
    /// Template that produced the SVG (for error messages).
    pub template: &'a str,
    pub page: PageSize,
    /// Smallest allowed QR symbol side on paper, quiet zone excluded.
    pub min_symbol_mm: f32,
    /// Text must stay this far from every paper edge.
    pub safe_mm: f32,
    /// (encoded URL, printed address) pairs: each URL must be drawn as a QR
    /// code and its address printed in full.
    pub addresses: Vec<(String, String)>,
}

/// The page a template must fill (the whole sheet, bleed included): its
/// name for messages and its size.
#[derive(Clone, Debug)]
pub(crate) struct PageSize {
    pub name: String,
    pub width_mm: f32,
    pub height_mm: f32,
}

impl PageSize {
    /// A screen of `width` × `height` px (an SVG sized in px, 96 per inch).
    pub fn pixels(name: &str, width: u32, height: u32) -> PageSize {
        PageSize {
            name: name.to_string(),
            width_mm: width as f32 / PX_PER_MM,
            height_mm: height as f32 / PX_PER_MM,
        }
    }
}

impl From<Paper> for PageSize {
    fn from(paper: Paper) -> Self {
        let (width_mm, height_mm) = paper.size_mm();
        PageSize { name: paper.name().to_string(), width_mm, height_mm }
    }
}

/// Parse an SVG with the poster fonts only (never system fonts).
pub(crate) fn parse_tree(svg: &str, fonts: &PosterFonts) -> Result<Tree, PosterError> {
    let options = usvg::Options {
        fontdb: fonts.db(),
        font_family: fonts.family().to_string(),
        languages: vec!["vi".into()],
        ..Default::default()
    };
    Tree::from_str(svg, &options).map_err(|e| PosterError::Render(format!("poster SVG: {e}")))
}

/// Fail unless the SVG's `width`/`height` are the page's.
pub(crate) fn check_size(tree: &Tree, page: &PageSize) -> Result<(), PosterError> {
    let (w, h) = (page.width_mm, page.height_mm);
    let got = (tree.size().width() / PX_PER_MM, tree.size().height() / PX_PER_MM);
    if (got.0 - w).abs() > SIZE_TOLERANCE_MM || (got.1 - h).abs() > SIZE_TOLERANCE_MM {
        return Err(PosterError::Render(format!(
            "the SVG is {:.1} × {:.1} mm, {} paper is {w} × {h} mm \
             (set width=\"{w}mm\" height=\"{h}mm\" on <svg>)",
            got.0, got.1, page.name
        )));
    }
    Ok(())
}

/// Run every check on a freshly rendered template. Returns the tree the
/// checks parsed: the outputs are drawn from it rather than parsing again.
pub(crate) fn check_rendered(
    svg: &str,
    scope: &Scope,
    fonts: &PosterFonts,
    rules: &Rules,
) -> Result<Tree, PosterError> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| PosterError::Template {
        file: rules.template.to_string(),
        line: 0,
        message: format!("the template's output is not valid SVG: {e}"),
    })?;
    let texts = check_text_elements(&doc, fonts, &scope.page, rules.template)?;
    let tree = parse_tree(svg, fonts)?;
    check_size(&tree, &rules.page)?;
    let qr_boxes = check_qrs(&tree, scope, rules, &texts)?;
    check_text_bounds(tree.root(), &qr_boxes, &scope.page, rules)?;
    Ok(tree)
}

/// Font family and glyph coverage of every `<text>`; returns each text and
/// tspan element's own content (for the printed-URL check).
fn check_text_elements(
    doc: &roxmltree::Document,
    fonts: &PosterFonts,
    page: &str,
    template: &str,
) -> Result<Vec<String>, PosterError> {
    let mut contents = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name();
        if tag == "style" {
            check_families(node.text().unwrap_or(""), fonts, template)?;
        }
        if let Some(style) = node.attribute("style") {
            check_families(style, fonts, template)?;
        }
        if let Some(list) = node.attribute("font-family") {
            check_family_list(list, fonts, template)?;
        }
        if tag == "text" || tag == "tspan" {
            let own: String =
                node.children().filter_map(|c| if c.is_text() { c.text() } else { None }).collect();
            if let Some(ch) = fonts.missing_glyph(&own) {
                return Err(PosterError::MissingGlyph {
                    page: page.to_string(),
                    ch,
                    text: own.trim().to_string(),
                });
            }
            contents.push(own.trim().to_string());
        }
    }
    Ok(contents)
}

/// `font-family:` declarations inside CSS (a `style` attribute or element).
fn check_families(css: &str, fonts: &PosterFonts, template: &str) -> Result<(), PosterError> {
    for decl in css.split(['{', '}', ';']) {
        if let Some((prop, value)) = decl.split_once(':')
            && prop.trim().eq_ignore_ascii_case("font-family")
        {
            check_family_list(value, fonts, template)?;
        }
    }
    Ok(())
}

fn check_family_list(list: &str, fonts: &PosterFonts, template: &str) -> Result<(), PosterError> {
    let ok = list.split(',').any(|name| {
        let name = name.trim().trim_matches(['"', '\'']);
        fonts.is_poster_family(name) || name.eq_ignore_ascii_case("sans-serif")
    });
    if ok {
        return Ok(());
    }
    Err(PosterError::Template {
        file: template.to_string(),
        line: 0,
        message: format!(
            "font-family “{}” is not a poster font; use “{}” (text in other fonts is dropped)",
            list.trim(),
            fonts.family()
        ),
    })
}

/// Each expected URL is a QR code of the minimum size and its address is
/// printed in full.
/// Returns the QR boxes (canvas px) for the quiet-zone check.
fn check_qrs(tree: &Tree, scope: &Scope, rules: &Rules, texts: &[String]) -> Result<Vec<Rect>, PosterError> {
    let err = |message: String| PosterError::Qr { page: scope.page.clone(), message };
    // Addresses printed with wrap_url() whose every line is on the page.
    let printed: Vec<String> = scope
        .urls
        .iter()
        .filter(|lines| lines.iter().all(|l| texts.iter().any(|t| t == l)))
        .map(|lines| lines.concat())
        .collect();
    for (url, address) in &rules.addresses {
        if !scope.qrs.iter().any(|q| &q.text == url) {
            return Err(err(format!("{} has no QR code for {url}", rules.template)));
        }
        // In full, or (on index sheets) a shared prefix printed once and the
        // rest under the code.
        let in_full = printed.contains(address);
        let in_parts = printed.iter().any(|prefix| {
            !prefix.is_empty()
                && address.strip_prefix(prefix.as_str()).is_some_and(|rest| printed.iter().any(|p| p == rest))
        });
        if !in_full && !in_parts {
            return Err(err(format!(
                "{} does not print the address under its QR code with wrap_url(): {address}",
                rules.template
            )));
        }
    }
    let mut boxes = Vec::new();
    for mark in &scope.qrs {
        let Some(node) = tree.node_by_id(&mark.id) else {
            return Err(err(format!("{}: a qr() result was not printed", rules.template)));
        };
        let bbox = node.abs_bounding_box();
        let total = (mark.modules + 2 * super::qr::QUIET_ZONE) as f32;
        let symbol_mm = bbox.width() / PX_PER_MM * mark.modules as f32 / total;
        if symbol_mm + 0.05 < rules.min_symbol_mm {
            return Err(err(format!(
                "the code for {} prints {symbol_mm:.1} mm wide, {} needs at least {} mm; \
                 enlarge it in {} or shorten the URL ({} modules)",
                mark.text, rules.page.name, rules.min_symbol_mm, rules.template, mark.modules
            )));
        }
        boxes.push(bbox);
    }
    Ok(boxes)
}

/// Every text node lies inside the safe area and outside every QR box.
fn check_text_bounds(
    group: &usvg::Group,
    qr_boxes: &[Rect],
    page: &str,
    rules: &Rules,
) -> Result<(), PosterError> {
    for node in group.children() {
        match node {
            Node::Group(g) => check_text_bounds(g, qr_boxes, page, rules)?,
            Node::Text(t) => check_one_text(t, qr_boxes, page, rules)?,
            _ => {}
        }
    }
    Ok(())
}

fn check_one_text(
    text: &usvg::Text,
    qr_boxes: &[Rect],
    page: &str,
    rules: &Rules,
) -> Result<(), PosterError> {
    // Ink bounds (glyph outlines), not the line box: only ink can spoil a quiet zone.
    let ink = text.flattened().bounding_box();
    let b = ink.transform(text.abs_transform()).unwrap_or(ink);
    let (w, h) = (rules.page.width_mm, rules.page.height_mm);
    let safe = rules.safe_mm * PX_PER_MM;
    let content: String = text.chunks().iter().map(|c| c.text()).collect();
    let fail = |reason: Misfit| PosterError::TextDoesNotFit {
        page: page.to_string(),
        field: format!("text in {}", rules.template),
        text: content.clone(),
        reason,
    };
    let inside = b.left() >= safe
        && b.top() >= safe
        && b.right() <= w * PX_PER_MM - safe
        && b.bottom() <= h * PX_PER_MM - safe;
    if !inside {
        return Err(fail(Misfit::OutsidePrintable { mm: rules.safe_mm }));
    }
    if qr_boxes.iter().any(|q| q.intersect(&b).is_some()) {
        return Err(fail(Misfit::OverQuietZone));
    }
    Ok(())
}
