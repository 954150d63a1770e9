//! Who owns each file of the output folder. Every path a build writes has
//! exactly one owner: loa itself (search, tag pages, feeds, sitemap, theme
//! files, posters), a page, an alias or a file from `content/`. A second
//! claim on a path, or a file where another owner needs a folder, is a
//! located `duplicate-url` error naming both sides. It is found before
//! anything is written, so `check` and the preview report it too and no
//! content file can silently replace what loa makes. Short addresses are
//! given out last, from paths nobody else claimed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::posters::has_poster;
use super::short;
use crate::config::Config;
use crate::content::front_matter::key_line;
use crate::content::{Content, Kind};
use crate::diagnostics::{Location, Report};
use crate::messages::{Msg, Owner};
use crate::output::RECORD;
use crate::render::{self, ShortPaths};
use crate::theme::Theme;

/// Folders loa fills itself; nothing from `content/` may publish under them.
pub const LOA_FOLDERS: &[&str] =
    &[render::SEARCH_DIR, render::TAGS_DIR, super::posters::files::DIR, super::screens::files::DIR];

/// Output paths claimed so far.
struct Claims<'a> {
    owners: BTreeMap<String, Owner>,
    /// Every folder some claimed file lives in.
    folders: BTreeSet<String>,
    base_path: &'a str,
    report: &'a Report,
}

/// Claims every output path of the site, in a fixed order: loa's own files
/// first, then pages, aliases and content files, so an error is always
/// blamed on the later, content side; then gives each page with a poster
/// its short address.
pub fn check(content: &Content, theme: &Theme, config: &Config, report: &Report) -> ShortPaths {
    let base_path = config.base_path.as_str();
    let mut claims = Claims { owners: BTreeMap::new(), folders: BTreeSet::new(), base_path, report };
    for file in render::SITE_FILES.iter().copied().chain([RECORD]) {
        claims.take(file.to_string(), Owner::Loa(file.to_string()));
    }
    for (file, _) in theme.under("static/") {
        claims.take(file.to_string(), Owner::Loa(file.to_string()));
    }
    for page in content.pages.iter().filter(|p| p.is_section() && p.front.feed) {
        let feed = render::feed_file(page);
        claims.take(feed.clone(), Owner::Loa(feed));
    }
    for (path, title, _) in render::tag_pages(content) {
        claims.take(format!("{path}index.html"), Owner::Tag(title));
    }
    // Pages at the path their file name gives first: a clash is blamed on
    // the page whose `slug:` moved it there.
    let (natural, moved): (Vec<_>, Vec<_>) = content.pages.iter().partition(|p| p.front.slug.is_none());
    for page in natural.into_iter().chain(moved) {
        // A page whose slug was refused has no path; that error is reported.
        if page.kind != Kind::Home && page.path.is_empty() {
            continue;
        }
        let at = match page.front.slug {
            Some(_) => key_line(&page.file, &page.source, "slug"),
            None => Location::file(&page.file),
        };
        claims.claim(&format!("{}index.html", page.path), Owner::File(shown(&page.file)), at);
    }
    for page in &content.pages {
        for (alias, at) in &page.front.aliases {
            claims.claim(&format!("{alias}index.html"), Owner::Alias(shown(&page.file)), at.clone());
        }
    }
    let mut assets: Vec<_> = content.assets.iter().collect();
    assets.sort_by(|a, b| a.0.cmp(b.0));
    for (rel, asset) in assets {
        let file = Path::new("content").join(rel);
        claims.claim(&asset.output, Owner::File(shown(&file)), Location::file(&file));
        // The WebP sizes of a picture are its files too.
        for variant in asset.picture.iter().flat_map(|p| p.variants(&asset.output)) {
            if variant.path != asset.output {
                claims.claim(&variant.path, Owner::File(shown(&file)), Location::file(&file));
            }
        }
    }
    short_paths(content, config, &mut claims)
}

/// A page's shortest alias, else the first automatic short path no one
/// has. A page whose every candidate is taken keeps its full address.
fn short_paths(content: &Content, config: &Config, claims: &mut Claims) -> ShortPaths {
    let mut shorts = ShortPaths::default();
    for (id, page) in content.pages.iter().enumerate() {
        if page.path.is_empty() || !has_poster(content, config, id) {
            continue;
        }
        if let Some(alias) = short::shortest_alias(page.front.aliases.iter().map(|(a, _)| a.as_str())) {
            shorts.insert(id, alias.to_string());
            continue;
        }
        let free =
            short::candidates(&page.path).find(|c| claims.owner_of(&format!("{c}index.html")).is_none());
        if let Some(path) = free {
            claims.take(format!("{path}index.html"), Owner::Loa(path.clone()));
            shorts.insert(id, path);
        }
    }
    shorts
}

fn shown(path: &Path) -> String {
    crate::fs::display(path)
}

impl Claims<'_> {
    /// Records loa's own file; loa never clashes with itself.
    fn take(&mut self, path: String, owner: Owner) {
        self.add_folders(&path);
        self.owners.insert(path, owner);
    }

    /// Claims `path` for a content-side owner, or reports who has it.
    fn claim(&mut self, path: &str, owner: Owner, at: Location) {
        match self.owner_of(path) {
            Some((taken, other)) => {
                let url = format!("{}{}", self.base_path, taken.trim_end_matches("index.html"));
                self.report.error(Msg::DuplicateUrl { url, other }, Some(at));
            }
            None => self.take(path.to_string(), owner),
        }
    }

    /// Who already owns `path`, a folder above it, or a file beneath it
    /// (when `path` would have to be that file's folder), with the path
    /// that clashes.
    fn owner_of(&self, path: &str) -> Option<(String, Owner)> {
        if let Some(owner) = self.owners.get(path) {
            return Some((path.to_string(), owner.clone()));
        }
        if let Some(folder) = LOA_FOLDERS.iter().find(|f| path.starts_with(*f)) {
            return Some((folder.to_string(), Owner::Loa(folder.to_string())));
        }
        for (i, _) in path.match_indices('/') {
            if let Some(owner) = self.owners.get(&path[..i]) {
                return Some((path[..i].to_string(), owner.clone()));
            }
        }
        if self.folders.contains(path) {
            let beneath = format!("{path}/");
            let (file, owner) = self.owners.range(beneath.clone()..).next()?;
            return Some((file.clone(), owner.clone()));
        }
        None
    }

    fn add_folders(&mut self, path: &str) {
        for (i, _) in path.match_indices('/') {
            self.folders.insert(path[..i].to_string());
        }
    }
}
