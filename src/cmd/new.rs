//! `loa new SECTION "Tiêu đề"`: starts a page in a section, with its front
//! matter filled in. Never overwrites a file.

use std::path::{Component, Path};

use crate::cli::NewArgs;
use crate::diagnostics::Diagnostic;
use crate::messages::{Chrome, Msg};
use crate::terminal::{EXIT_ERRORS, EXIT_OK, Global, print_diagnostics};

pub fn run(args: &NewArgs, global: Global) -> i32 {
    match create(&args.root.root, &args.section, &args.title) {
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

fn create(root: &Path, section: &str, title: &str) -> Result<std::path::PathBuf, Diagnostic> {
    let content = root.join("content");
    let section = section.trim().trim_matches('/');
    let inside = Path::new(section).components().all(|c| matches!(c, Component::Normal(_)));
    if !inside || !content.join(section).is_dir() {
        return Err(Diagnostic::error(missing_section(&content, section), None));
    }
    let title = crate::fs::normalise(title.trim().to_string());
    let slug = crate::slug::slugify(&title);
    if slug.is_empty() {
        return Err(Diagnostic::error(Msg::TitleEmpty, None));
    }
    let shown = Path::new("content").join(section).join(format!("{slug}.md"));
    let path = root.join(&shown);
    if path.exists() {
        return Err(Diagnostic::error(Msg::PageExists { path: crate::fs::display(&shown) }, None));
    }
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    let text = scaffold(&title, &today);
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

/// A new page: `new-page.md` with its title and today's date filled in.
fn scaffold(title: &str, today: &str) -> String {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    crate::scaffold::NEW_PAGE.replace("{today}", today).replace("{title}", &quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_is_valid_front_matter() {
        let text = scaffold("Thông báo \"lưu trú\" cho nhà trọ", "2026-11-26");
        let file = Path::new("content/cu-tru/x.md");
        let split = crate::content::front_matter::split(&text, file).unwrap();
        let front = crate::content::read_front_matter(split.yaml, file, &text, &Default::default()).unwrap();
        assert_eq!(front.title, "Thông báo \"lưu trú\" cho nhà trọ");
        assert!(front.description.is_none() && front.sources.is_empty());
    }
}
