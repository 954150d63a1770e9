//! What `loa check` looks at beyond `build`: facts that may have gone stale
//! (old `reviewed` dates), pages without sources, and posters whose text or
//! QR code would not print well — all without writing a file.

use crate::render::ShortPaths;
use chrono::{Months, NaiveDate};

use super::{posters, screens};
use crate::config::Config;
use crate::content::Content;
use crate::content::front_matter::key_line;
use crate::diagnostics::Report;
use crate::markdown::Rendered;
use crate::messages::Msg;
use crate::packs::Pack;
use crate::theme::Theme;

/// The parts of a prepared site the checks read.
pub struct Site<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub rendered: &'a [Rendered],
    pub theme: &'a Theme,
    pub shorts: &'a ShortPaths,
    pub config_text: &'a str,
    pub packs: &'a [Pack],
}

pub fn run(site: &Site<'_>, today: NaiveDate, report: &Report) {
    // Facts reviewed before `oldest` are stale.
    let months = site.config.review.stale_after_months;
    let oldest = today.checked_sub_months(Months::new(months)).unwrap_or(today);
    freshness(site.content, months, oldest, report);
    pack_freshness(site.packs, months, oldest, report);
    check_posters(site, report);
}

/// Laws in this field change often: every page says when its facts were
/// last checked and where they come from.
fn freshness(content: &Content, months: u32, oldest: NaiveDate, report: &Report) {
    for page in content.pages.iter().filter(|p| !p.source.is_empty()) {
        let at = |key| Some(key_line(&page.file, &page.source, key));
        match page.front.reviewed {
            None => report.warning(Msg::MissingReviewed, at("title")),
            Some(date) if date < oldest => report.warning(
                Msg::StaleReview { date: date.format("%d/%m/%Y").to_string(), months },
                at("reviewed"),
            ),
            Some(_) => {}
        }
        if page.front.sources.is_empty() {
            report.warning(Msg::MissingSources, at("title"));
        }
    }
}

/// A pack as a whole says when its facts were last reviewed; a site
/// publishing from a pack nobody has looked at for months is told.
fn pack_freshness(packs: &[Pack], months: u32, oldest: NaiveDate, report: &Report) {
    for pack in packs {
        let Some(date) = pack.reviewed.filter(|&d| d < oldest) else { continue };
        let file = pack.manifest_shown();
        let date = date.format("%d/%m/%Y").to_string();
        let msg =
            Msg::PackStale { pack: pack.name.clone(), maintainer: pack.maintainer.clone(), date, months };
        report.warning(msg, Some(key_line(&file, &pack.manifest_text, "reviewed")));
    }
}

/// Lays out every poster, sheet and sticker page and every slide of the
/// waiting-room screen (no PDF or PNG is made).
fn check_posters(site: &Site<'_>, report: &Report) {
    let plan =
        posters::plan(site.content, site.rendered, site.config, &site.theme.strings, site.shorts, "", report);
    if plan.is_empty() {
        return;
    }
    match posters::engine(site.theme) {
        Ok(engine) => {
            posters::validate(&plan, &engine, site.content, report);
            let screen = screens::plan(site.config, site.config_text, site.content, &plan, report);
            screens::validate(&screen, &engine, site.content, report);
        }
        Err(problem) => report.push(problem),
    }
}
