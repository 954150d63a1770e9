//! The tally turned into what people read: rows for the spreadsheet, and
//! for the meeting the last month's totals, its top guides, its scans by
//! placement and sources, and every month side by side.

use serde::Serialize;

use super::site_map::{POSTER, SCREEN, SiteMap};
use super::tally::{Cell, Counts, Scope, Tally};
use super::time::Month;

/// Guides listed in the report's top table.
const TOP_GUIDES: usize = 10;

/// One row of the CSV: month × page × source × placement.
#[derive(Serialize, Debug, PartialEq)]
pub struct Row {
    pub month: String,
    pub page: String,
    pub source: String,
    pub placement: String,
    pub views: u64,
    pub visitors: u64,
    pub title: String,
}

#[derive(Serialize, Debug, Default, Clone)]
pub struct MonthTotal {
    pub month: String,
    pub label: String,
    pub views: u64,
    /// Views that came from a QR code: a poster's, a placement's or the screen's.
    pub qr_views: u64,
    pub visitors: u64,
    /// Share of views from QR codes, whole percent.
    pub qr_percent: u64,
}

#[derive(Serialize, Debug)]
pub struct Line {
    pub name: String,
    /// The page's path, the source's or placement's code.
    pub code: String,
    pub views: u64,
    pub qr_views: u64,
    pub visitors: u64,
    /// Bar length against the table's largest, in percent.
    pub bar: u64,
}

/// Everything the report shows.
#[derive(Serialize, Debug)]
pub struct Figures {
    pub rows: Vec<Row>,
    pub months: Vec<MonthTotal>,
    /// The month the report is about (`Tally::headline`).
    pub latest: Option<MonthTotal>,
    /// Its most-read guides, and how many guides were read in all.
    pub top_guides: Vec<Line>,
    pub guides_read: usize,
    pub placements: Vec<Line>,
    pub sources: Vec<Line>,
    #[serde(skip)]
    pub counts: Counts,
}

pub fn figures(tally: &Tally, site: &SiteMap) -> Figures {
    let mut cells: Vec<(&Cell, &u64)> = tally.views.iter().collect();
    let source = |c: &Cell| tally.sources[usize::from(c.source)].as_str();
    let placement = |c: &Cell| tally.placements[usize::from(c.placement)].as_str();
    let path = |c: &Cell| site.pages[c.page as usize].path.as_str();
    cells.sort_by(|(a, _), (b, _)| {
        (a.month, path(a), source(a), placement(a)).cmp(&(b.month, path(b), source(b), placement(b)))
    });
    let rows = cells
        .iter()
        .map(|&(c, &views)| Row {
            month: c.month.to_string(),
            page: path(c).to_string(),
            source: source(c).to_string(),
            placement: placement(c).to_string(),
            views,
            visitors: tally.visitors(Scope::Cell(*c)),
            title: site.pages[c.page as usize].title.clone(),
        })
        .collect();
    let is_qr = |c: &Cell| c.placement != 0 || matches!(source(c), POSTER | SCREEN);
    let mut months: Vec<Month> = cells.iter().map(|(c, _)| c.month).collect();
    months.dedup();
    let month_total = |month: Month| {
        let of_month = cells.iter().filter(|(c, _)| c.month == month);
        let views = of_month.clone().map(|(_, v)| **v).sum::<u64>();
        let qr_views = of_month.filter(|(c, _)| is_qr(c)).map(|(_, v)| **v).sum::<u64>();
        MonthTotal {
            month: month.to_string(),
            label: month.label(),
            views,
            qr_views,
            visitors: tally.visitors(Scope::Month(month)),
            qr_percent: (qr_views * 100).checked_div(views).unwrap_or(0),
        }
    };
    let latest_month = tally.headline();
    let in_latest: Vec<(&Cell, u64)> =
        cells.iter().filter(|(c, _)| Some(c.month) == latest_month).map(|(c, v)| (*c, **v)).collect();
    let group = |key: &dyn Fn(&Cell) -> Option<(String, String)>,
                 visitors: &dyn Fn(&Cell) -> Option<Scope>| {
        let mut lines: Vec<Line> = Vec::new();
        for &(cell, views) in &in_latest {
            let Some((code, name)) = key(cell) else { continue };
            let at = match lines.iter().position(|l| l.code == code) {
                Some(at) => at,
                None => {
                    let visitors = visitors(cell).map_or(0, |s| tally.visitors(s));
                    lines.push(Line { name, code, views: 0, qr_views: 0, visitors, bar: 0 });
                    lines.len() - 1
                }
            };
            lines[at].views += views;
            lines[at].qr_views += if is_qr(cell) { views } else { 0 };
        }
        lines.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.code.cmp(&b.code)));
        let most = lines.first().map_or(0, |l| l.views);
        for line in &mut lines {
            line.bar = (line.views * 100).checked_div(most).unwrap_or(0);
        }
        lines
    };
    let page_line = |c: &Cell| {
        let page = &site.pages[c.page as usize];
        page.is_guide.then(|| (page.path.clone(), page.title.clone()))
    };
    let mut top_guides = group(&page_line, &|c| Some(Scope::Page(c.month, c.page)));
    let guides_read = top_guides.len();
    top_guides.truncate(TOP_GUIDES);
    let placements = group(
        &|c| {
            (c.placement != 0)
                .then(|| (placement(c).to_string(), site.placement_name(placement(c)).to_string()))
        },
        &|c| Some(Scope::Placement(c.month, c.placement)),
    );
    let sources = group(&|c| Some((source(c).to_string(), source(c).to_string())), &|_| None);
    Figures {
        rows,
        latest: latest_month.map(month_total),
        months: months.into_iter().map(month_total).collect(),
        top_guides,
        guides_read,
        placements,
        sources,
        counts: tally.counts,
    }
}
