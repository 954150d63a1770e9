//! What `loa check` looks at beyond `build`: facts that may have gone stale
//! (old `reviewed` dates), pages without sources, and posters whose text or
//! QR code would not print well — all without writing a file.

use chrono::{Months, NaiveDate};

use crate::content::front_matter::key_line;
use crate::diagnostics::{Diagnostic, Report};
use crate::messages::Msg;
use crate::poster;
use crate::site::Prepared;

pub fn run(prepared: &Prepared, today: NaiveDate, report: &Report) {
    freshness(prepared, today, report);
    posters(prepared, report);
}

/// Laws in this field change often: every page says when its facts were
/// last checked and where they come from.
fn freshness(prepared: &Prepared, today: NaiveDate, report: &Report) {
    let months = prepared.config.review.stale_after_months;
    let oldest = today.checked_sub_months(Months::new(months)).unwrap_or(today);
    for page in prepared.content.pages.iter().filter(|p| !p.source.is_empty()) {
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

/// Lays out every poster, sheet and sticker page (no PDF or PNG is made).
fn posters(prepared: &Prepared, report: &Report) {
    let plan = poster::stage::plan(&prepared.content, &prepared.rendered, &prepared.config, report);
    if plan.is_empty() {
        return;
    }
    match poster::stage::engine(&prepared.theme) {
        Ok(engine) => report.extend(plan.validate(&engine, &prepared.content)),
        Err(problem) => report.push(problem),
    }
}

/// A QR code denser than this is hard to scan on a 2.5 cm sticker
/// (modules under ~0.55 mm; print facts in the README).
pub const MAX_STICKER_QR_VERSION: u8 = 7;

pub fn dense_qr(version: u8) -> Option<Diagnostic> {
    (version > MAX_STICKER_QR_VERSION)
        .then(|| Diagnostic::warning(Msg::PosterQrDense { version, max: MAX_STICKER_QR_VERSION }, None))
}
