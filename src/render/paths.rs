//! Where the render stage publishes its files besides the pages: fixed
//! names, the folders of search and tags, and feeds. `build::outputs`
//! claims the same paths so that no content file can take them.

use crate::content::Page;

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
