//! The month-by-month chart as inline SVG: drawn here so the report needs
//! no script, prints as sharp as text, and reads without colour (the two
//! bars of a month differ in fill and pattern, and carry their numbers).

use std::fmt::Write as _;

use super::figures::MonthTotal;

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 220.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 36.0;
/// The chart shows the last two years at most.
const MAX_MONTHS: usize = 24;

/// Views and QR views of each month as grouped bars; empty without months.
pub fn months(months: &[MonthTotal], label: &str) -> String {
    let months = &months[months.len().saturating_sub(MAX_MONTHS)..];
    if months.is_empty() {
        return String::new();
    }
    let most = months.iter().map(|m| m.views).max().unwrap_or(0).max(1) as f64;
    let slot = WIDTH / months.len() as f64;
    let bar = (slot * 0.36).min(48.0);
    let scale = |n: u64| (HEIGHT - TOP - BOTTOM) * n as f64 / most;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        crate::escape::escape(label)
    );
    let base = HEIGHT - BOTTOM;
    let _ = write!(svg, "<line x1=\"0\" y1=\"{base}\" x2=\"{WIDTH}\" y2=\"{base}\" class=\"axis\"/>");
    for (i, month) in months.iter().enumerate() {
        let centre = slot * (i as f64 + 0.5);
        for (n, (value, class)) in [(month.views, "views"), (month.qr_views, "qr")].into_iter().enumerate() {
            let x = centre - bar + bar * n as f64;
            let h = scale(value);
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>\
                 <text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                base - h,
                bar - 2.0,
                x + bar / 2.0 - 1.0,
                base - h - 4.0,
                crate::templates::thousands(value as i64),
            );
        }
        let _ = write!(
            svg,
            "<text class=\"month\" x=\"{centre:.1}\" y=\"{:.1}\">{}</text>",
            HEIGHT - 14.0,
            month.label
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_busiest_month() {
        let month = |label: &str, views, qr_views| MonthTotal {
            label: label.into(),
            views,
            qr_views,
            ..MonthTotal::default()
        };
        let svg = months(&[month("10/2026", 50, 10), month("11/2026", 1000, 400)], "chart");
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let heights: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter_map(|n| n.attribute("height")?.parse().ok())
            .collect();
        let full = HEIGHT - TOP - BOTTOM;
        assert_eq!(heights, [full / 20.0, full / 100.0, full, full * 0.4].map(|h| (h * 10.0).round() / 10.0));
        assert!(
            svg.contains(">11/2026</text>") && svg.contains(">1.000</text>") && svg.contains(">400</text>")
        );
        assert_eq!(months(&[], "chart"), "");
    }
}
