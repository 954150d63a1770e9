//! `bao-cao.html`: the report as one self-contained page, from the theme's
//! `report.html` (inline CSS, the chart as inline SVG, no script), laid out
//! to print on A4 for the monthly meeting.

use serde::Serialize;

use super::chart;
use super::figures::Figures;
use super::input::Skipped;
use super::site_map::SiteMap;
use crate::diagnostics::Diagnostic;
use crate::templates::Templates;

#[derive(Serialize)]
struct SkippedView {
    file: String,
    line: u64,
    why: &'static str,
}

pub fn render(
    figures: &Figures,
    site: &SiteMap,
    skipped: &[Skipped],
    templates: &Templates,
    chart_label: &str,
) -> Result<String, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("figures", figures);
    context.insert("unit_name", &site.unit_name);
    context.insert("site_title", &site.site_title);
    context.insert("period", &period(figures));
    context.insert("chart", &chart::months(&figures.months, chart_label));
    context.insert("has_placements", &!site.placements.is_empty());
    context.insert("lines", &figures.counts);
    let skipped: Vec<SkippedView> = skipped
        .iter()
        .map(|s| SkippedView { file: crate::fs::display(&s.file), line: s.line, why: s.why.code() })
        .collect();
    context.insert("skipped", &skipped);
    templates.render("report.html", &context)
}

/// `11/2026`, or `09/2026 – 11/2026` for several months.
fn period(figures: &Figures) -> String {
    match (figures.months.first(), figures.months.last()) {
        (Some(first), Some(last)) if first.month != last.month => format!("{} – {}", first.label, last.label),
        (Some(only), _) => only.label.clone(),
        _ => String::new(),
    }
}
