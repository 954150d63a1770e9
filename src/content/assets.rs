//! Files that travel with the pages (images, PDFs): where each is published,
//! and whether it may be. Folder and file names are slugified like pages
//! (`Ảnh chụp 1.PNG` → `anh-chup-1.png`) so every URL stays short and clean.
//! Files that can run code in a browser (HTML, SVG, scripts) are published
//! only when the site allows raw HTML, and an SVG never with script in it.

use std::collections::HashMap;
use std::path::PathBuf;

use super::layers::AssetSource;
use crate::diagnostics::{Location, Report};
use crate::messages::Msg;
use crate::slug::slugify;

#[derive(Clone, Debug)]
pub struct Asset {
    /// The folder it is read from: `content/`, or a pack's.
    pub root: PathBuf,
    /// Path below `content/` as found on disk, `/`-separated.
    pub on_disk: String,
    /// Path shown in messages: `content/vneid/Ảnh 1.png`.
    pub shown: PathBuf,
    /// Path below the output folder (`vneid/anh-1.png`).
    pub output: String,
    /// For a PNG, JPEG or WebP picture: its size, for resizing and the
    /// page's `<img>`. Other files (and pictures that cannot be read) are
    /// published as they are.
    pub picture: Option<crate::pictures::Picture>,
}

/// Extensions of files a browser runs or renders as a document.
const ACTIVE: &[&str] = &["html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl"];

/// Decides where each content file is published. `dir_paths` maps section
/// folders to their published paths.
pub(super) fn place(
    files: Vec<AssetSource>,
    dir_paths: &HashMap<String, String>,
    allow_html: bool,
    report: &Report,
) -> HashMap<String, Asset> {
    let mut assets = HashMap::new();
    for AssetSource { rel, on_disk, dir: root, shown, .. } in files {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel.as_str()));
        let output = format!("{}{}", published_dir(dir, dir_paths), published_name(name));
        let mut asset = Asset { root, shown: shown.join(&on_disk), on_disk, output, picture: None };
        asset.picture = picture(&asset);
        if publishable(&asset, allow_html, report) {
            assets.insert(rel, asset);
        }
    }
    assets
}

/// False (with the reason reported) for a file that must not be published.
fn publishable(asset: &Asset, allow_html: bool, report: &Report) -> bool {
    let ext = asset.output.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    if !ACTIVE.contains(&ext) {
        return true;
    }
    if !allow_html {
        report.error(Msg::ActiveFileNeedsHtml { ext: ext.to_string() }, Some(Location::file(&asset.shown)));
        return false;
    }
    if !matches!(ext, "svg" | "svgz") {
        return true;
    }
    if ext == "svgz" {
        // Compressed: cannot be checked for script, so never published.
        report.error(Msg::SvgInvalid { detail: "svgz".into() }, Some(Location::file(&asset.shown)));
        return false;
    }
    let text = match crate::fs::read_beneath(&asset.root, &asset.on_disk) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(err) => {
            report.push(crate::fs::read_error(&asset.shown, &err));
            return false;
        }
    };
    match super::svg::find_script(&text) {
        Ok(()) => true,
        Err((msg, line)) => {
            let at = match line {
                Some(line) => Location::at_line(&asset.shown, &text, line, 1),
                None => Location::file(&asset.shown),
            };
            report.error(msg, Some(at));
            false
        }
    }
}

/// The picture's size, read from its headers.
fn picture(asset: &Asset) -> Option<crate::pictures::Picture> {
    let ext = asset.output.rsplit_once('.').map(|(_, e)| e)?;
    let format = crate::pictures::Format::from_extension(ext)?;
    let file = crate::fs::open_beneath(&asset.root, &asset.on_disk).ok()?;
    crate::pictures::probe(file, format)
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
