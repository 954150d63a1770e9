//! `hidden:` in a site's own `_index.md`: pack pages and sections the site
//! does not publish (a service its commune does not offer, a section it
//! writes differently). Each entry is relative to the folder of the
//! `_index.md` that lists it: `tai-khoan-to-chuc.md` (or without `.md`)
//! hides a page, `cu-tru/` a whole folder. Only pack pages can be hidden;
//! a site's own file is simply deleted.

use std::cell::Cell;

use crate::diagnostics::{Location, Report};
use crate::messages::Msg;

/// One entry, resolved to a path below `content/`.
struct Entry {
    /// `vneid/tai-khoan-to-chuc.md`, or a folder `cu-tru`.
    target: String,
    /// Written with a final `/`: only a folder matches.
    folder_only: bool,
    location: Location,
    used: Cell<bool>,
}

#[derive(Default)]
pub(super) struct Hidden {
    entries: Vec<Entry>,
}

impl Hidden {
    /// The entries of `_index.md` files in `dir` (their folder below
    /// `content/`), as (folder, entries).
    pub fn new<'a>(lists: impl Iterator<Item = (&'a str, &'a [(String, Location)])>) -> Hidden {
        let mut entries = Vec::new();
        for (dir, list) in lists {
            for (entry, location) in list {
                let folder_only = entry.ends_with('/');
                let entry = entry.trim_matches('/');
                let target = if dir.is_empty() { entry.to_string() } else { format!("{dir}/{entry}") };
                entries.push(Entry {
                    target,
                    folder_only,
                    location: location.clone(),
                    used: Cell::new(false),
                });
            }
        }
        Hidden { entries }
    }

    /// Whether a pack's file at `rel` (below `content/`) is left out.
    pub fn hides(&self, rel: &str) -> bool {
        let mut hidden = false;
        for entry in &self.entries {
            let t = entry.target.as_str();
            let in_folder = rel.len() > t.len() && rel.starts_with(t) && rel.as_bytes()[t.len()] == b'/';
            let is_page = !entry.folder_only && (rel == t || rel.strip_suffix(".md") == Some(t));
            if in_folder || is_page {
                entry.used.set(true);
                hidden = true;
            }
        }
        hidden
    }

    /// Warns about entries that matched no pack page: a typo, or a page the
    /// pack no longer has.
    pub fn warn_unused(&self, report: &Report) {
        for entry in self.entries.iter().filter(|e| !e.used.get()) {
            report
                .warning(Msg::HiddenUnmatched { entry: entry.target.clone() }, Some(entry.location.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn at() -> Location {
        Location::file(Path::new("content/_index.md"))
    }

    #[test]
    fn pages_and_folders_relative_to_their_index() {
        let home = vec![("cu-tru/".to_string(), at()), ("vneid/tai-khoan-to-chuc".to_string(), at())];
        let section = vec![("dang-ky-muc-2.md".to_string(), at()), ("khong-co.md".to_string(), at())];
        let hidden = Hidden::new([("", home.as_slice()), ("vneid", section.as_slice())].into_iter());
        assert!(hidden.hides("cu-tru/_index.md"));
        assert!(hidden.hides("cu-tru/anh/so-do.png"));
        assert!(hidden.hides("vneid/tai-khoan-to-chuc.md"));
        assert!(hidden.hides("vneid/dang-ky-muc-2.md"));
        assert!(!hidden.hides("cu-tru-moi/_index.md"));
        assert!(!hidden.hides("vneid/kich-hoat.md"));
        let report = Report::default();
        hidden.warn_unused(&report);
        let warnings = report.into_sorted();
        assert_eq!(warnings.len(), 1);
        assert!(matches!(&warnings[0].msg, Msg::HiddenUnmatched { entry } if entry == "vneid/khong-co.md"));
    }

    #[test]
    fn a_folder_entry_does_not_hide_a_page_of_that_name() {
        let list = vec![("huong-dan/".to_string(), at())];
        let hidden = Hidden::new([("", list.as_slice())].into_iter());
        assert!(!hidden.hides("huong-dan.md"));
        assert!(hidden.hides("huong-dan/a.md"));
    }
}
