//! The files loa writes for an officer to fill in: the new site of `loa
//! init` (`scaffold/site/`) and the new page of `loa new`
//! (`scaffold/new-page.md`, `new-section.md`); and how to recognise a page `loa init` wrote
//! that nobody has edited yet (it is still sample text).

use std::path::PathBuf;

use include_dir::{Dir, include_dir};

static SITE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scaffold/site");

/// A page `loa new` writes: `{title}`, `{today}` and `{date}` (the date
/// line, in dated sections only) are filled in.
pub const NEW_PAGE: &str = include_str!("../scaffold/new-page.md");

/// A section's `_index.md` that `loa new --create-section` writes.
pub const NEW_SECTION: &str = include_str!("../scaffold/new-section.md");

/// Marks in the scaffold replaced when a site is created.
pub const TODAY: &str = "{{today}}";

/// Every file of a new site, with `{{key}}` replaced by its value for each
/// `(key, value)`; paths relative to the site folder.
pub fn site_files(values: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    collect(&SITE, values, &mut files);
    files
}

fn collect(dir: &Dir<'_>, values: &[(&str, &str)], out: &mut Vec<(PathBuf, String)>) {
    for file in dir.files() {
        let mut text = String::from_utf8_lossy(file.contents()).into_owned();
        for (key, value) in values {
            text = text.replace(&format!("{{{{{key}}}}}"), value);
        }
        out.push((file.path().to_path_buf(), text));
    }
    for sub in dir.dirs() {
        collect(sub, values, out);
    }
}

/// True when `text` is the page `loa init` wrote at `content/<rel>`,
/// unchanged but for the date it was written on.
pub fn is_unedited_page(rel: &str, text: &str) -> bool {
    let Some(file) = SITE.get_file(format!("content/{rel}")) else { return false };
    let Some(template) = file.contents_utf8() else { return false };
    let mut rest = text;
    for (i, part) in template.split(TODAY).enumerate() {
        if i > 0 {
            // A date, `YYYY-MM-DD`, stood for the mark.
            let Some(date) = rest.get(..10) else { return false };
            if crate::content::front_matter::parse_date(date).is_none() {
                return false;
            }
            rest = &rest[10..];
        }
        let Some(after) = rest.strip_prefix(part) else { return false };
        rest = after;
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_recognised_until_edited() {
        let files = site_files(&[("today", "2026-12-01")]);
        let (path, page) = files.iter().find(|(p, _)| p.ends_with("vneid/bai-mau.md")).unwrap();
        assert!(path.starts_with("content"));
        assert!(is_unedited_page("vneid/bai-mau.md", page));
        assert!(!is_unedited_page("vneid/bai-mau.md", &page.replace("Bước thứ nhất.", "Mở VNeID.")));
        assert!(!is_unedited_page("vneid/khac.md", page));
    }
}
