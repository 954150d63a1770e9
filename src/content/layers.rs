//! Where a site's pages come from: its own `content/` and the guide packs
//! it lists, each read into a `Layer`. For every path the first layer that
//! has it wins: the site's own file overrides a pack's page at the same
//! path, and an earlier pack overrides a later one (as Hugo's module
//! imports do). A pack's layer is read once and shared by every site that
//! uses it (`loa build --sites`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;

/// One folder of Markdown pages and the files that travel with them.
pub struct Layer {
    /// The folder, as it is read.
    dir: PathBuf,
    /// The folder as shown in messages (`content`, `../goi/quoc-gia`).
    shown: PathBuf,
    /// (NFC path below the folder, bytes), sorted.
    markdown: Vec<(String, Vec<u8>)>,
    /// (NFC key, path as found on disk), both relative to the folder.
    assets: Vec<(String, String)>,
    /// What went wrong reading it, told to every site that uses it.
    problems: Vec<Diagnostic>,
}

/// Top-level files of a pack that describe the pack and are not pages.
const PACK_OWN_FILES: [&str; 2] = ["pack.yaml", "readme.md"];

impl Layer {
    /// Reads every file below `dir`. `pack`: leave out the pack's own
    /// top-level files (`pack.yaml`, `README.md`).
    pub fn read(dir: &Path, shown: &Path, pack: bool) -> Layer {
        let mut problems = Vec::new();
        let (markdown, mut assets) = walk(dir, shown, &mut problems);
        let own = |key: &str| pack && PACK_OWN_FILES.contains(&key.to_lowercase().as_str());
        assets.retain(|(key, _)| !own(key));
        let read: Vec<_> = markdown
            .into_par_iter()
            .filter(|(key, _)| !own(key))
            .map(|(key, on_disk)| match crate::fs::read_beneath(dir, &on_disk) {
                Ok(bytes) => Ok((key, bytes)),
                Err(err) => Err(crate::fs::read_error(&shown.join(&on_disk), &err)),
            })
            .collect();
        let mut markdown = Vec::new();
        for file in read {
            match file {
                Ok(file) => markdown.push(file),
                Err(problem) => problems.push(problem),
            }
        }
        Layer { dir: dir.to_path_buf(), shown: shown.to_path_buf(), markdown, assets, problems }
    }

    pub fn shown(&self) -> &Path {
        &self.shown
    }
}

/// Every layer of one site: its own `content/` first, then its packs in
/// the order `site.yaml` lists them.
pub struct SourceFiles {
    layers: Vec<Arc<Layer>>,
}

/// Reads `ROOT/content`. `None` (with the reason in `report`) when it is missing.
pub fn scan(root: &Path, report: &Report) -> Option<SourceFiles> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        report.error(Msg::ContentDirMissing, Some(Location::file(Path::new("content"))));
        return None;
    }
    let own = Layer::read(&content_dir, Path::new("content"), false);
    report.extend(own.problems.iter().cloned());
    Some(SourceFiles { layers: vec![Arc::new(own)] })
}

/// A Markdown file as the site sees it: which layer it comes from.
pub(super) struct Source {
    pub rel: String,
    pub bytes: Vec<u8>,
    /// `None` for the site's own `content/`, else the pack's index.
    pub pack: Option<usize>,
    /// The path shown in messages (`content/vneid/x.md`).
    pub file: PathBuf,
}

/// A file that travels with the pages, and the folder it is read from.
pub(super) struct AssetSource {
    pub rel: String,
    pub on_disk: String,
    pub dir: PathBuf,
    pub shown: PathBuf,
    pub pack: Option<usize>,
}

/// A site's own page at a path a pack also has.
pub struct Override {
    /// Path below `content/` (`vneid/kich-hoat.md`).
    pub content_path: String,
    /// The pack whose page it replaces (index into the site's packs).
    pub pack: usize,
    /// The pack's page as shown in messages, and its text (normalised).
    pub pack_file: PathBuf,
    pub pack_source: String,
}

/// What the site publishes from its layers.
pub(super) struct Chosen {
    pub markdown: Vec<Source>,
    pub assets: Vec<AssetSource>,
    pub overrides: Vec<Override>,
}

impl SourceFiles {
    /// Markdown files given as (path below `content/`, bytes), for building
    /// a site without a disk (fuzzing).
    pub fn in_memory(markdown: Vec<(String, Vec<u8>)>) -> SourceFiles {
        let layer = Layer {
            dir: PathBuf::from("content"),
            shown: PathBuf::from("content"),
            markdown,
            assets: Vec::new(),
            problems: Vec::new(),
        };
        SourceFiles { layers: vec![Arc::new(layer)] }
    }

    /// Adds a pack's pages below the site's own and earlier packs'; what
    /// went wrong reading it is told again, for this site.
    pub fn add_pack(&mut self, layer: Arc<Layer>, report: &Report) {
        report.extend(layer.problems.iter().cloned());
        self.layers.push(layer);
    }

    /// Feeds every input file into `hasher`: Markdown by content, other files
    /// by size and modification time (they can be large and are only copied).
    pub fn fingerprint(&self, hasher: &mut blake3::Hasher) {
        for layer in &self.layers {
            hasher.update(crate::fs::display(&layer.shown).as_bytes());
            hasher.update(&[0]);
            for (rel, bytes) in &layer.markdown {
                hasher.update(rel.as_bytes());
                hasher.update(&(bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
            }
            for (rel, on_disk) in &layer.assets {
                hasher.update(rel.as_bytes());
                if let Ok(meta) = std::fs::metadata(layer.dir.join(on_disk)) {
                    hasher.update(&meta.len().to_le_bytes());
                    let mtime =
                        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                    hasher.update(&mtime.map_or(0, |d| d.as_nanos()).to_le_bytes());
                }
            }
        }
    }

    /// For every path, the first layer's file; and every page of the site's
    /// own that replaces a pack's.
    pub(super) fn choose(&self) -> Chosen {
        let pack_of = |index: usize| index.checked_sub(1);
        let mut markdown: BTreeMap<&str, (usize, &Vec<u8>)> = BTreeMap::new();
        let mut overrides = Vec::new();
        for (index, layer) in self.layers.iter().enumerate() {
            for (rel, bytes) in &layer.markdown {
                match markdown.get(rel.as_str()) {
                    None => {
                        markdown.insert(rel, (index, bytes));
                    }
                    Some(&(0, _))
                        if index > 0 && !overrides.iter().any(|o: &Override| o.content_path == *rel) =>
                    {
                        let file = layer.shown.join(rel);
                        let pack_source = crate::fs::decode_source(bytes.clone(), &file).unwrap_or_default();
                        overrides.push(Override {
                            content_path: rel.clone(),
                            pack: index - 1,
                            pack_file: file,
                            pack_source,
                        });
                    }
                    Some(_) => {}
                }
            }
        }
        let markdown = markdown
            .into_iter()
            .map(|(rel, (index, bytes))| Source {
                rel: rel.to_string(),
                bytes: bytes.clone(),
                pack: pack_of(index),
                file: self.layers[index].shown.join(rel),
            })
            .collect();
        let mut assets: BTreeMap<&str, AssetSource> = BTreeMap::new();
        for (index, layer) in self.layers.iter().enumerate() {
            for (rel, on_disk) in &layer.assets {
                assets.entry(rel).or_insert_with(|| AssetSource {
                    rel: rel.clone(),
                    on_disk: on_disk.clone(),
                    dir: layer.dir.clone(),
                    shown: layer.shown.clone(),
                    pack: pack_of(index),
                });
            }
        }
        Chosen { markdown, assets: assets.into_values().collect(), overrides }
    }
}

/// Markdown files and other files under a folder, sorted, each as (NFC
/// path used as its key, path as found on disk): file names typed on a Mac
/// arrive decomposed, links to them are written composed.
type Found = Vec<(String, String)>;

fn walk(dir: &Path, shown: &Path, problems: &mut Vec<Diagnostic>) -> (Found, Found) {
    let mut markdown = Vec::new();
    let mut others = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name().to_string_lossy().as_ref()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                problems.push(crate::fs::read_error(&path, &std::io::Error::other(err.to_string())));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        if entry.depth() > 0 {
            if let Err(msg) = usable_name(&entry) {
                problems.push(Diagnostic::error(msg, Some(Location::file(&shown.join(rel)))));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        // Symlinks are not followed: a link to a file outside the site must
        // never end up published.
        if !entry.file_type().is_file() {
            continue;
        }
        let on_disk = crate::fs::display(rel);
        let key = crate::fs::normalise(on_disk.clone());
        if key.to_ascii_lowercase().ends_with(".md") {
            markdown.push((key, on_disk));
        } else {
            others.push((key, on_disk));
        }
    }
    (markdown, others)
}

/// A file or folder name loa can publish and name in messages: valid
/// UTF-8 (the name would otherwise be mangled) and, outside Windows, no
/// backslash (Windows would read it as a folder separator).
fn usable_name(entry: &walkdir::DirEntry) -> Result<(), Msg> {
    let Some(name) = entry.file_name().to_str() else {
        return Err(Msg::FileNameNotUtf8 { name: entry.file_name().to_string_lossy().into_owned() });
    };
    if cfg!(not(windows)) && name.contains('\\') {
        return Err(Msg::FileNameBackslash { name: name.to_string() });
    }
    Ok(())
}

/// Editor leftovers and dotfiles are not content.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#') || name.starts_with("~$")
}
