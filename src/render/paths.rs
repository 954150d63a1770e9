//! Where the render stage publishes its files besides the pages: fixed
//! names, the folders of search and tags, and feeds. `build::outputs`
//! claims the same paths so that no content file can take them.

use std::collections::HashMap;

use crate::content::{Page, PageId};

/// The search page and its index.
pub const SEARCH_DIR: &str = "tim-kiem/";
/// The list of tags and every tag's page.
pub const TAGS_DIR: &str = "chu-de/";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Files at fixed paths, besides the pages and the folders above.
pub const SITE_FILES: &[&str] = &[NOT_FOUND, SITEMAP, ROBOTS];

/// A section's Atom feed: `tin-tuc/atom.xml`.
pub fn feed_file(section: &Page) -> String {
    format!("{}atom.xml", section.path)
}

/// The short address of each page with a poster (`dktt-k4/`), where a
/// copy of the page is published; chosen by `build::short`.
#[derive(Default)]
pub struct ShortPaths {
    by_page: HashMap<PageId, String>,
}

impl ShortPaths {
    pub fn get(&self, id: PageId) -> Option<&str> {
        self.by_page.get(&id).map(String::as_str)
    }

    pub fn insert(&mut self, id: PageId, path: String) {
        self.by_page.insert(id, path);
    }
}
