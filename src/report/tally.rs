//! The counting, one request at a time: each line is judged by the rules
//! (`rules`), and a view is added to its month × page × source × placement.
//! Memory holds the counts, not the log.
//!
//! Visitors are counted as web analytics usually do (GoAccess among them):
//! one visitor is one address with one browser on one day, so a month's
//! visitors are the sum of its days'. Each is kept only as a 64-bit keyed
//! hash whose key is drawn at random when `loa report` starts and never
//! written: the same resident cannot be recognised across runs, and no
//! address or browser string is kept at all.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use super::line::Hit;
use super::rules;
use super::site_map::{DIRECT, OTHER, POSTER, SCREEN, SiteMap};
use super::time::{self, Month};

/// Made-up `src=` values (and placement codes no longer in `site.yaml`)
/// kept apart, besides loa's own sources and the placements of
/// `site.yaml`; beyond this, a flood of them is counted under `khac`.
const MAX_UNKNOWN: usize = 64;

/// Where views are added up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cell {
    pub month: Month,
    pub page: u32,
    /// Index into `Tally::sources`.
    pub source: u16,
    /// Index into `Tally::placements`; 0 is none.
    pub placement: u16,
}

/// What a visitor is counted once in (per day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Cell(Cell),
    Page(Month, u32),
    Month(Month),
    Placement(Month, u16),
}

/// How many lines went where; each skipped line is counted under the
/// first rule it fails, in this order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub lines: u64,
    pub malformed: u64,
    pub other_site: u64,
    pub not_get: u64,
    pub not_shown: u64,
    /// Pictures, scripts, PDFs, addresses that are no page of the site.
    pub not_page: u64,
    pub robots: u64,
    pub preview: u64,
    /// Before `--since` or after `--until`.
    pub outside: u64,
    pub views: u64,
}

pub struct Tally {
    pub views: HashMap<Cell, u64>,
    pub visitors: HashMap<Scope, u64>,
    /// The last day of each month with a view.
    pub last_day: HashMap<Month, time::Day>,
    /// Keyed hashes of (visitor, day, scope) already counted.
    seen: HashSet<u64>,
    /// Source and placement names: loa's and `site.yaml`'s first (their
    /// counts), then made-up ones in the order they appear.
    pub sources: Vec<String>,
    pub placements: Vec<String>,
    known_sources: usize,
    known_placements: usize,
    key: RandomState,
    pub counts: Counts,
    since: Option<Month>,
    until: Option<Month>,
}

impl Tally {
    pub fn new(site: &SiteMap, since: Option<Month>, until: Option<Month>) -> Tally {
        let known = |names: &mut dyn Iterator<Item = &str>| names.map(str::to_string).collect::<Vec<_>>();
        let placements = std::iter::once("").chain(site.placements.iter().map(|p| p.code.as_str()));
        let sources = [POSTER, SCREEN, DIRECT, OTHER];
        Tally {
            views: HashMap::new(),
            visitors: HashMap::new(),
            last_day: HashMap::new(),
            seen: HashSet::new(),
            known_sources: sources.len(),
            known_placements: site.placements.len() + 1,
            sources: known(&mut sources.into_iter()),
            placements: known(&mut placements.into_iter()),
            key: RandomState::new(),
            counts: Counts::default(),
            since,
            until,
        }
    }

    /// Judges one request and counts it if it is a view.
    pub fn add(&mut self, hit: &Hit, site: &SiteMap) {
        let counts = &mut self.counts;
        let Some(page) = (if site.is_other_host(hit.host) {
            counts.other_site += 1;
            None
        } else if !rules::is_read(hit.method) {
            counts.not_get += 1;
            None
        } else if !rules::is_shown(hit.status) {
            counts.not_shown += 1;
            None
        } else {
            site.page_of(hit.target).or_else(|| {
                counts.not_page += 1;
                None
            })
        }) else {
            return;
        };
        if rules::is_robot(hit.user_agent) {
            counts.robots += 1;
            return;
        }
        if rules::is_preview(hit.referer, hit.user_agent) {
            counts.preview += 1;
            return;
        }
        let day = time::day_of(hit.unix);
        let month = Month::of_day(day);
        if self.since.is_some_and(|s| month < s) || self.until.is_some_and(|u| month > u) {
            counts.outside += 1;
            return;
        }
        counts.views += 1;
        let last = self.last_day.entry(month).or_insert(day);
        *last = (*last).max(day);
        let (source, placement) = site.source_of(hit.target);
        let cell = Cell {
            month,
            page,
            source: intern(&mut self.sources, self.known_sources, source),
            placement: placement.map_or(0, |p| intern(&mut self.placements, self.known_placements, p)),
        };
        *self.views.entry(cell).or_default() += 1;
        let visitor = self.key.hash_one((day, hit.client, hit.user_agent));
        let mut scopes = vec![Scope::Cell(cell), Scope::Page(month, page), Scope::Month(month)];
        if cell.placement != 0 {
            scopes.push(Scope::Placement(month, cell.placement));
        }
        for scope in scopes {
            if self.seen.insert(self.key.hash_one((visitor, scope))) {
                *self.visitors.entry(scope).or_default() += 1;
            }
        }
    }

    /// The month the report is about: `--until` when given, else the last
    /// month with views, unless that has views on its first day only (a log
    /// rotated at midnight UTC holds the first hours of the next month).
    pub fn headline(&self) -> Option<Month> {
        let mut months: Vec<Month> = self.last_day.keys().copied().collect();
        months.sort();
        if let Some(until) = self.until.filter(|u| months.contains(u)) {
            return Some(until);
        }
        match months[..] {
            [.., before, last] if self.last_day[&last] == last.first_day() => Some(before),
            [.., last] => Some(last),
            [] => None,
        }
    }

    pub fn visitors(&self, scope: Scope) -> u64 {
        self.visitors.get(&scope).copied().unwrap_or(0)
    }
}

/// The index of `name` in `names`, added if new; once `MAX_UNKNOWN`
/// names have been added after the `known` first ones, new names count as
/// `khac`.
fn intern(names: &mut Vec<String>, known: usize, name: &[u8]) -> u16 {
    let name = std::str::from_utf8(name).unwrap_or(OTHER);
    if let Some(i) = names.iter().position(|n| n == name) {
        return i as u16;
    }
    if names.len() >= known + MAX_UNKNOWN {
        return match names.iter().position(|n| n == OTHER) {
            Some(i) => i as u16,
            None => {
                names.push(OTHER.to_string());
                (names.len() - 1) as u16
            }
        };
    }
    names.push(name.to_string());
    (names.len() - 1) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_names_cannot_crowd_out_known_ones() {
        let mut names = vec!["poster".to_string(), "khac".to_string()];
        for n in 0..200 {
            intern(&mut names, 2, format!("made-up-{n}").as_bytes());
        }
        assert_eq!(names.len(), 2 + MAX_UNKNOWN);
        assert_eq!(intern(&mut names, 2, b"poster"), 0);
        assert_eq!(intern(&mut names, 2, b"one-more"), 1, "counted as khac");
        let mut placements = vec![String::new(), "cho".to_string()];
        for n in 0..200 {
            intern(&mut placements, 2, format!("x{n}").as_bytes());
        }
        assert_eq!(intern(&mut placements, 2, b"cho"), 1);
        assert_eq!(placements.last().map(String::as_str), Some("khac"));
    }
}
