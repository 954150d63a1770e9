//! Files that travel with the pages (images, PDFs): where each is published.
//! Folder and file names are slugified like pages (`Ảnh chụp 1.PNG` →
//! `anh-chup-1.png`) so every URL stays short and clean.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Location, Report};
use crate::messages::Msg;
use crate::slug::slugify;

#[derive(Clone, Debug)]
pub struct Asset {
    /// Absolute path of the source file.
    pub source: PathBuf,
    /// Path below the output folder (`vneid/anh-chup-1.png`).
    pub output: String,
}

/// Decides where each content file is published. `dir_paths` maps section
/// folders to their published paths; `claims` holds the paths already taken.
pub fn place(
    content_dir: &Path,
    files: Vec<(String, String)>,
    dir_paths: &HashMap<String, String>,
    claims: &mut HashMap<String, String>,
    base_path: &str,
    report: &Report,
) -> HashMap<String, Asset> {
    let mut assets = HashMap::new();
    for (rel, on_disk) in files {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
        let output = format!("{}{}", published_dir(dir, dir_paths), published_name(name));
        let shown = Path::new("content").join(&rel);
        if let Some(other) = claims.get(&output) {
            report.error(
                Msg::DuplicateUrl { url: format!("{base_path}{output}"), other: other.clone() },
                Some(Location::file(&shown)),
            );
            continue;
        }
        claims.insert(output.clone(), crate::fs::display(&shown));
        assets.insert(rel.clone(), Asset { source: content_dir.join(&on_disk), output });
    }
    assets
}

/// A folder's published prefix: its section's path, or its parent's plus
/// its own slug for plain folders (`anh/` inside a section).
fn published_dir(dir: &str, dir_paths: &HashMap<String, String>) -> String {
    if let Some(path) = dir_paths.get(dir) {
        return path.clone();
    }
    match dir.rsplit_once('/') {
        Some((parent, name)) => format!("{}{}/", published_dir(parent, dir_paths), slug_or(name)),
        None if dir.is_empty() => String::new(),
        None => format!("{}/", slug_or(dir)),
    }
}

fn published_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            format!("{}.{}", slug_or(stem), slug_or(ext))
        }
        _ => slug_or(name),
    }
}

fn slug_or(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() { "tep".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_clean() {
        assert_eq!(published_name("Ảnh chụp 1.PNG"), "anh-chup-1.png");
        assert_eq!(published_name("mau-CT01.pdf"), "mau-ct01.pdf");
        assert_eq!(published_name(".hidden"), "hidden");
        let mut dirs = HashMap::new();
        dirs.insert("vneid".to_string(), "tai-khoan/".to_string());
        assert_eq!(published_dir("vneid/Ảnh", &dirs), "tai-khoan/anh/");
        assert_eq!(published_dir("", &dirs), "");
    }
}
