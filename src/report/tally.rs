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
use super::site_map::{OTHER, SiteMap};
use super::time::{self, Month};

/// Distinct `src=` values (and unknown placements) kept apart; beyond
/// this, a flood of made-up ones is counted under `khac`.
const MAX_NAMES: usize = 64;

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
    /// Keyed hashes of (visitor, day, scope) already counted.
    seen: HashSet<u64>,
    pub sources: Vec<String>,
    pub placements: Vec<String>,
    key: RandomState,
    pub counts: Counts,
    since: Option<Month>,
    until: Option<Month>,
}

impl Tally {
    pub fn new(since: Option<Month>, until: Option<Month>) -> Tally {
        Tally {
            views: HashMap::new(),
            visitors: HashMap::new(),
            seen: HashSet::new(),
            sources: Vec::new(),
            placements: vec![String::new()],
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
        let (source, placement) = site.source_of(hit.target);
        let cell = Cell {
            month,
            page,
            source: intern(&mut self.sources, source),
            placement: placement.map_or(0, |p| intern(&mut self.placements, p)),
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

    pub fn visitors(&self, scope: Scope) -> u64 {
        self.visitors.get(&scope).copied().unwrap_or(0)
    }
}

/// The index of `name` in `names`, added if new; once `names` is full,
/// new names count as `khac`.
fn intern(names: &mut Vec<String>, name: &[u8]) -> u16 {
    let name = std::str::from_utf8(name).unwrap_or(OTHER);
    let known = names.iter().position(|n| n == name);
    let name = if known.is_none() && names.len() >= MAX_NAMES { OTHER } else { name };
    match known.or_else(|| names.iter().position(|n| n == name)) {
        Some(i) => i as u16,
        None => {
            names.push(name.to_string());
            (names.len() - 1) as u16
        }
    }
}
