//! `loa new SECTION "Tiêu đề"`: starts a page in a section, with its front
//! matter filled in: a short file name, a date only where the section is
//! dated (news), no empty step. `--create-section` makes a missing section.
//! Never overwrites a file.

use std::path::{Component, Path};

use crate::cli::NewArgs;
use crate::content::front_matter::SortBy;
use crate::diagnostics::Diagnostic;
use crate::messages::{Chrome, Msg};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &NewArgs, global: Global) -> i32 {
    match create(&args.root.root, &args.section, &args.title, args.create_section) {
        Ok(path) => {
            if !global.quiet {
                eprintln!("{}", Chrome::created(global.lang, &crate::fs::display(&path)));
            }
            EXIT_OK
        }
        Err(problem) => {
            print_diagnostics(&[problem], global);
            EXIT_ERRORS
        }
    }
}

/// Words in a new page's file name, at most: short enough to read and type,
/// the officer may rename it.
const SLUG_WORDS: usize = 6;

fn create(
    root: &Path,
    section: &str,
    title: &str,
    create_section: bool,
) -> Result<std::path::PathBuf, Diagnostic> {
    let content = root.join("content");
    let section = section.trim().trim_matches('/');
    let inside = Path::new(section).components().all(|c| matches!(c, Component::Normal(_)));
    if !inside || (!create_section && !content.join(section).is_dir()) {
        return Err(Diagnostic::error(missing_section(&content, section), None));
    }
    let title = crate::fs::normalise(title.trim().to_string());
    let slug = crate::slug::short_slug(&title, SLUG_WORDS);
    if slug.is_empty() {
        return Err(Diagnostic::error(Msg::TitleEmpty, None));
    }
    let shown = Path::new("content").join(section).join(format!("{slug}.md"));
    let path = root.join(&shown);
    if path.exists() {
        return Err(Diagnostic::error(Msg::PageExists { path: crate::fs::display(&shown) }, None));
    }
    if !content.join(section).is_dir() {
        let index = Path::new("content").join(section).join("_index.md");
        crate::fs::write(&root.join(&index), crate::scaffold::NEW_SECTION.as_bytes())?;
    }
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let text = scaffold(&title, &today, is_dated(&content.join(section)));
    // `create_new` refuses to replace a file made in the meantime.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(|e| crate::fs::write_error(&shown, &e))?;
    Ok(shown)
}

fn missing_section(content: &Path, section: &str) -> Msg {
    let mut known: Vec<String> = walkdir::WalkDir::new(content)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(content).ok().map(crate::fs::display))
        .collect();
    known.sort();
    Msg::SectionMissing {
        section: section.to_string(),
        suggestion: crate::suggest::nearest(section, known.iter().map(String::as_str)),
        known,
    }
}

/// True when the section lists its pages by date (`sort_by: date`) or has
/// a feed: news, where a page's date is shown and orders it. Only these two
/// keys are read, so content variables elsewhere do not matter.
fn is_dated(section: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Listing {
        #[serde(default)]
        sort_by: Option<SortBy>,
        #[serde(default)]
        feed: bool,
    }
    let index = section.join("_index.md");
    let Ok(text) = std::fs::read_to_string(&index) else { return false };
    let text = text.replace("\r\n", "\n");
    let Ok(split) = crate::content::front_matter::split(&text, &index) else { return false };
    serde_saphyr::from_str::<Listing>(split.yaml).is_ok_and(|l| l.feed || l.sort_by == Some(SortBy::Date))
}

/// A new page: `new-page.md` with its title, today's date as the review
/// date, and a `date:` line only in a dated section.
fn scaffold(title: &str, today: &str, dated: bool) -> String {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let date = if dated { format!("date: {today}\n") } else { String::new() };
    crate::scaffold::NEW_PAGE.replace("{today}", today).replace("{title}", &quoted).replace("{date}", &date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_is_valid_front_matter() {
        let text = scaffold("Thông báo \"lưu trú\" cho nhà trọ", "2026-11-26", false);
        let file = Path::new("content/cu-tru/x.md");
        let split = crate::content::front_matter::split(&text, file).unwrap();
        let front = crate::content::read_front_matter(split.yaml, file, &text, &Default::default()).unwrap();
        assert_eq!(front.title, "Thông báo \"lưu trú\" cho nhà trọ");
        assert!(front.description.is_none() && front.sources.is_empty());
        assert!(front.date.is_none(), "no date outside dated sections");
        assert!(!text.contains("\n1. "), "no empty step");
        let news = scaffold("Lịch tiếp công dân", "2026-11-26", true);
        let split = crate::content::front_matter::split(&news, file).unwrap();
        let front = crate::content::read_front_matter(split.yaml, file, &news, &Default::default()).unwrap();
        assert!(front.date.is_some(), "a dated section's page has its date");
    }
}
