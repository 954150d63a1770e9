//! The site as a log sees it: which request paths are which page (the full
//! address and the short one printed on posters), and where a view came
//! from, read from its query: a poster's code (the site's
//! `posters.tracking`), the waiting-room screen's (`screens.tracking`), a
//! placement (`noi=`), another `src=` a volunteer added to a shared link,
//! or none.

use std::collections::HashMap;

use crate::build::Prepared;
use crate::config::Placement;
use crate::content::Kind;

/// A view's source as the CSV spells it.
pub const POSTER: &str = "poster";
pub const SCREEN: &str = "man-hinh";
pub const DIRECT: &str = "truc-tiep";
/// `src=` values longer than this, or with other characters, are lumped.
const MAX_SOURCE_LEN: usize = 32;
pub const OTHER: &str = "khac";

/// One page a view can be counted for.
pub struct PageInfo {
    /// Below the site's base path, with a leading slash: `/vneid/kich-hoat/`.
    pub path: String,
    pub title: String,
    /// A guide (not the home page or a section's list).
    pub is_guide: bool,
}

pub struct SiteMap {
    pub pages: Vec<PageInfo>,
    by_path: HashMap<Vec<u8>, u32>,
    host: String,
    poster_query: Vec<(String, String)>,
    screen_query: Vec<(String, String)>,
    pub placements: Vec<Placement>,
    /// The unit, for the report's title: "phường Chánh Lộ".
    pub unit_name: String,
    pub site_title: String,
}

impl SiteMap {
    pub fn new(site: &Prepared) -> SiteMap {
        let config = &site.config;
        let mut pages = Vec::new();
        let mut by_path = HashMap::new();
        for (id, page) in site.content.pages.iter().enumerate() {
            // A page whose slug was refused has no path (`loa check` says why).
            if page.kind != Kind::Home && page.path.is_empty() {
                continue;
            }
            let index = pages.len() as u32;
            let short = site.shorts.get(id);
            for path in std::iter::once(page.path.as_str()).chain(short) {
                let full = format!("{}{path}", config.base_path);
                by_path.insert(full.clone().into_bytes(), index);
                by_path.insert(format!("{full}index.html").into_bytes(), index);
            }
            pages.push(PageInfo {
                path: format!("/{}", page.path),
                title: page.front.title.clone(),
                is_guide: page.kind == Kind::Page,
            });
        }
        SiteMap {
            pages,
            by_path,
            host: config.host.clone(),
            poster_query: pairs(&config.posters.tracking),
            screen_query: pairs(&config.screens.tracking),
            placements: config.placements.clone(),
            unit_name: config.unit.ubnd.clone(),
            site_title: config.title.clone(),
        }
    }

    /// The page a request path (`/phuong-mau/kichhoat/?src=poster`) shows.
    pub fn page_of(&self, target: &[u8]) -> Option<u32> {
        let end = target.iter().position(|&b| b == b'?' || b == b'#').unwrap_or(target.len());
        let path = &target[..end];
        if path.ends_with(b"/") || path.ends_with(b"index.html") {
            return self.by_path.get(path).copied();
        }
        // `/phuong-mau/kichhoat` (typed without the last slash) is served
        // by most servers after a redirect, which the status rule drops;
        // where it is served as is, it is still the page.
        let mut with_slash = Vec::with_capacity(path.len() + 1);
        with_slash.extend_from_slice(path);
        with_slash.push(b'/');
        self.by_path.get(&with_slash).copied()
    }

    /// A request for another site on the same server (Caddy logs the host).
    pub fn is_other_host(&self, host: Option<&[u8]>) -> bool {
        host.is_some_and(|h| !without_port(h).eq_ignore_ascii_case(self.host.as_bytes()))
    }

    /// Where a view came from, and at which placement: from its query.
    pub fn source_of<'q>(&self, target: &'q [u8]) -> (&'q [u8], Option<&'q [u8]>) {
        let Some(start) = target.iter().position(|&b| b == b'?') else {
            return (DIRECT.as_bytes(), None);
        };
        let query = &target[start + 1..];
        let query = &query[..query.iter().position(|&b| b == b'#').unwrap_or(query.len())];
        let has = |wanted: &[(String, String)]| {
            !wanted.is_empty()
                && wanted
                    .iter()
                    .all(|(k, v)| query_pairs(query).any(|(qk, qv)| qk == k.as_bytes() && qv == v.as_bytes()))
        };
        let placement = query_pairs(query)
            .find(|(k, _)| *k == Placement::PARAM.as_bytes())
            .map(|(_, v)| v)
            .filter(|v| is_token(v, MAX_SOURCE_LEN));
        let source = if has(&self.screen_query) {
            SCREEN.as_bytes()
        } else if has(&self.poster_query) || placement.is_some() {
            POSTER.as_bytes()
        } else {
            match query_pairs(query).find(|(k, _)| *k == b"src").map(|(_, v)| v) {
                // A hand-written `src=poster` is no code loa printed.
                Some(v) if [POSTER, SCREEN, DIRECT, OTHER].iter().any(|r| r.as_bytes() == v) => {
                    OTHER.as_bytes()
                }
                Some(v) if is_token(v, MAX_SOURCE_LEN) => v,
                Some(_) => OTHER.as_bytes(),
                None => DIRECT.as_bytes(),
            }
        };
        (source, placement)
    }

    /// The placement's name, or its code for one no longer in `site.yaml`
    /// (posters already hanging keep being counted).
    pub fn placement_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.placements.iter().find(|p| p.code == code).map_or(code, |p| p.name.as_str())
    }
}

/// `src=poster&x=1` as pairs, for matching.
fn pairs(query: &str) -> Vec<(String, String)> {
    let query = query.trim().trim_start_matches('?');
    query_pairs(query.as_bytes())
        .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned()))
        .collect()
}

fn query_pairs(query: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    query.split(|&b| b == b'&').filter(|p| !p.is_empty()).map(|pair| {
        match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        }
    })
}

/// `zalo`, `cho`: what may go in the CSV as it is.
fn is_token(value: &[u8], max: usize) -> bool {
    (1..=max).contains(&value.len())
        && value.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'_')
}

/// `example.org:8443` → `example.org`; `[2001:db8::1]` keeps its colons.
fn without_port(host: &[u8]) -> &[u8] {
    match host.iter().rposition(|&b| b == b':') {
        Some(i) if !host.ends_with(b"]") && host[i + 1..].iter().all(u8::is_ascii_digit) => &host[..i],
        _ => host,
    }
}
