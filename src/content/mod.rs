//! The site's content: every page and section, where each is published, and
//! the files that travel with them.
//!
//! `load` walks `content/` and builds a `Content`; pages live in one arena
//! (`Content::pages`) and refer to each other by index.

mod assets;
pub mod front_matter;
mod hidden;
mod layers;
mod load;
mod order;
mod svg;
mod vars;
pub mod video;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Location;

pub use assets::Asset;
pub use front_matter::FrontMatter;
pub use layers::{Layer, Override, SourceFiles, scan};
pub use load::{LoadOptions, load};
pub use vars::{Expanded, Vars};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Home,
    Section,
    Page,
}

pub type PageId = usize;

#[derive(Debug)]
pub struct Page {
    pub kind: Kind,
    /// The guide pack the page comes from (index into the site's packs);
    /// `None` for the site's own `content/`.
    pub pack: Option<usize>,
    /// Path shown in messages, relative to the site root (`content/vneid/x.md`).
    /// For a folder without `_index.md`, the folder.
    pub file: PathBuf,
    /// Path relative to `content/` with `/` separators (`vneid/x.md`); the
    /// key internal links are resolved against.
    pub content_path: String,
    /// Folder of the source file, relative to `content/` (`vneid`).
    pub dir: String,
    /// The whole file, normalised (NFC, LF, no BOM). Empty for implicit sections.
    pub source: String,
    pub body_offset: usize,
    /// The body with its variables replaced: what Markdown parses.
    pub body: Expanded,
    pub front: FrontMatter,
    /// Published path below the base path: `""`, `vneid/`, `vneid/kich-hoat/`.
    pub path: String,
    pub parent: Option<PageId>,
    /// Regular pages of a section, in the section's order.
    pub pages: Vec<PageId>,
    pub subsections: Vec<PageId>,
}

/// A page's front matter read and checked, its variables expanded: `Err`
/// on any problem (for callers that need all or nothing).
pub fn read_front_matter(
    yaml: &str,
    file: &std::path::Path,
    text: &str,
    vars: &Vars,
) -> Result<FrontMatter, Vec<crate::diagnostics::Diagnostic>> {
    match front_matter::parse_lenient(yaml, file, text) {
        (Some(mut front), mut problems) => {
            vars.expand_front(&mut front, file, text, &mut problems);
            if problems.is_empty() { Ok(front) } else { Err(problems) }
        }
        (None, problems) => Err(problems),
    }
}

impl Page {
    pub fn body(&self) -> &str {
        &self.body.text
    }

    /// Where `range` of the (expanded) body is in the page's file.
    pub fn body_location(&self, range: std::ops::Range<usize>) -> Location {
        let start = self.body_offset + self.body.original(range.start);
        let end = self.body_offset + self.body.original(range.end);
        Location::in_text(&self.file, &self.source, start..end)
    }

    /// Gives the page new text (`loa serve`, after a save): its body is
    /// expanded again; the problems of its variables are returned.
    pub fn set_text(
        &mut self,
        source: String,
        body_offset: usize,
        vars: &Vars,
    ) -> Vec<crate::diagnostics::Diagnostic> {
        let body_text = source.get(body_offset..).unwrap_or_default();
        let (body, problems) = vars.expand_in(body_text, &self.file, &source, body_offset);
        (self.source, self.body_offset, self.body) = (source, body_offset, body);
        problems
    }

    pub fn is_section(&self) -> bool {
        self.kind != Kind::Page
    }
}

pub struct Content {
    pub pages: Vec<Page>,
    /// Content-relative source path (`vneid/x.md`) → page.
    pub by_source: HashMap<String, PageId>,
    /// Published path (`vneid/x/`) → page.
    pub by_path: HashMap<String, PageId>,
    /// Content-relative path → asset copied with the site.
    pub assets: HashMap<String, Asset>,
    /// The site's own pages that replace a pack's page at the same path.
    pub overrides: Vec<Override>,
}

impl Content {
    pub const HOME: PageId = 0;

    pub fn home(&self) -> &Page {
        &self.pages[Self::HOME]
    }

    /// Every regular page in site order (depth-first through sections).
    pub fn site_order(&self) -> Vec<PageId> {
        let mut out = Vec::new();
        self.walk(Self::HOME, &mut out);
        out
    }

    fn walk(&self, section: PageId, out: &mut Vec<PageId>) {
        out.extend(&self.pages[section].pages);
        for &sub in &self.pages[section].subsections {
            self.walk(sub, out);
        }
    }

    /// The chain of sections from the home page down to `id`'s parent.
    pub fn ancestors(&self, id: PageId) -> Vec<PageId> {
        let mut chain = Vec::new();
        let mut current = self.pages[id].parent;
        while let Some(p) = current {
            chain.push(p);
            current = self.pages[p].parent;
        }
        chain.reverse();
        chain
    }
}
