//! Walking `content/`: reading every Markdown file (in parallel), building
//! the section tree, dropping drafts and giving every page its published
//! path. Whether two things claim one path is `outputs`' business.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::front_matter::{self, FrontMatter, SortBy};
use super::{Content, Kind, Page, PageId, Vars, assets, order};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::slug;

#[derive(Default)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Title for a home page without `_index.md`.
    pub site_title: String,
    /// `markdown.allow_html`: HTML, SVG and script files are published only then.
    pub allow_html: bool,
    /// What `{{ … }}` in content stands for.
    pub vars: Vars,
}

/// A Markdown file read and parsed, not yet placed in the tree.
struct Parsed {
    content_path: String,
    file: PathBuf,
    source: String,
    body_offset: usize,
    body: super::Expanded,
    front: FrontMatter,
}

/// Everything under `content/`, read once: the Markdown files' bytes (also
/// hashed to decide whether anything changed) and the other files' names.
pub struct SourceFiles {
    content_dir: PathBuf,
    markdown: Vec<(String, Vec<u8>)>,
    /// (NFC key, path as found on disk), both relative to `content/`.
    assets: Vec<(String, String)>,
}

/// Reads `ROOT/content`. `None` (with the reason in `report`) when it is missing.
pub fn scan(root: &Path, report: &Report) -> Option<SourceFiles> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        report.error(Msg::ContentDirMissing, Some(Location::file(Path::new("content"))));
        return None;
    }
    let (markdown, assets) = walk(&content_dir, report);
    let markdown = markdown
        .into_par_iter()
        .filter_map(|(rel, on_disk)| match crate::fs::read_beneath(&content_dir, &on_disk) {
            Ok(bytes) => Some((rel, bytes)),
            Err(err) => {
                report.push(crate::fs::read_error(&Path::new("content").join(&rel), &err));
                None
            }
        })
        .collect();
    Some(SourceFiles { content_dir, markdown, assets })
}

impl SourceFiles {
    /// Markdown files given as (path below `content/`, bytes), for building
    /// a site without a disk (fuzzing).
    pub fn in_memory(markdown: Vec<(String, Vec<u8>)>) -> SourceFiles {
        SourceFiles { content_dir: PathBuf::from("content"), markdown, assets: Vec::new() }
    }

    /// Feeds every input file into `hasher`: Markdown by content, other files
    /// by size and modification time (they can be large and are only copied).
    pub fn fingerprint(&self, hasher: &mut blake3::Hasher) {
        for (rel, bytes) in &self.markdown {
            hasher.update(rel.as_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        for (rel, on_disk) in &self.assets {
            hasher.update(rel.as_bytes());
            if let Ok(meta) = std::fs::metadata(self.content_dir.join(on_disk)) {
                hasher.update(&meta.len().to_le_bytes());
                let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                hasher.update(&mtime.map_or(0, |d| d.as_nanos()).to_le_bytes());
            }
        }
    }
}

/// Parses the files and builds the content tree. Problems go to `report`;
/// a file with errors still takes its place in the tree (with what could
/// be read of it), so that links to it and clashes with it are judged in
/// the same run rather than the next.
pub fn load(files: SourceFiles, options: &LoadOptions, report: &Report) -> Content {
    let parsed: Vec<Parsed> = files
        .markdown
        .into_par_iter()
        .map(|(rel, bytes)| {
            let (parsed, problems) = parse_file(&rel, bytes, &options.vars);
            report.extend(problems);
            parsed
        })
        .collect();
    let mut tree = Tree::build(parsed, options, report);
    tree.assign_paths(report);
    let assets = assets::place(&files.content_dir, files.assets, &tree.dir_paths, options.allow_html, report);
    let content = tree.finish(assets);
    check_service_numbers(&content, report);
    content
}

/// Markdown files and other files under `content/`, sorted, each as (NFC
/// path used as its key, path as found on disk): file names typed on a Mac
/// arrive decomposed, links to them are written composed.
type Found = Vec<(String, String)>;

fn walk(content_dir: &Path, report: &Report) -> (Found, Found) {
    let mut markdown = Vec::new();
    let mut others = Vec::new();
    let mut walker = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name().to_string_lossy().as_ref()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_default();
                report.push(crate::fs::read_error(&path, &std::io::Error::other(err.to_string())));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        if entry.depth() > 0 {
            if let Err(msg) = usable_name(&entry) {
                report.error(msg, Some(Location::file(&Path::new("content").join(rel))));
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

/// A Markdown file parsed, and its problems. Whatever fails, the file
/// is kept: an unreadable front matter leaves a page titled after the file.
fn parse_file(rel: &str, bytes: Vec<u8>, vars: &Vars) -> (Parsed, Vec<Diagnostic>) {
    let file = Path::new("content").join(rel);
    let stem = file_name(rel).trim_end_matches(".md").trim_end_matches(".MD").to_string();
    let parsed = |file: PathBuf, source: String, body_offset: usize, front: Option<FrontMatter>| {
        let body_text = source.get(body_offset..).unwrap_or_default();
        let (body, problems) = vars.expand_in(body_text, &file, &source, body_offset);
        let front = front.unwrap_or_else(|| FrontMatter::titled(stem.clone()));
        (Parsed { content_path: rel.to_string(), file, source, body_offset, body, front }, problems)
    };
    let source = match crate::fs::decode_source(bytes, &file) {
        Ok(source) => source,
        Err(problem) => return with(parsed(file, String::new(), 0, None), vec![problem]),
    };
    let split = match front_matter::split(&source, &file) {
        Ok(split) => split,
        Err(problem) => return with(parsed(file, String::new(), 0, None), vec![problem]),
    };
    let body_offset = split.body_offset;
    let (mut front, mut problems) = front_matter::parse_lenient(split.yaml, &file, &source);
    if let Some(front) = front.as_mut() {
        vars.expand_front(front, &file, &source, &mut problems);
    }
    with(parsed(file, source, body_offset, front), problems)
}

/// `parsed` with `more` problems before its own.
fn with(parsed: (Parsed, Vec<Diagnostic>), mut more: Vec<Diagnostic>) -> (Parsed, Vec<Diagnostic>) {
    more.extend(parsed.1);
    (parsed.0, more)
}

fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn file_name(path: &str) -> &str {
    path.rfind('/').map_or(path, |i| &path[i + 1..])
}

/// The section tree under construction.
struct Tree {
    pages: Vec<Page>,
    /// Section folder (`vneid`, `""` for home) → page id.
    sections: BTreeMap<String, PageId>,
    /// Folder → published path prefix, filled by `assign_paths`.
    dir_paths: HashMap<String, String>,
}

impl Tree {
    fn build(parsed: Vec<Parsed>, options: &LoadOptions, report: &Report) -> Tree {
        let (site_title, drafts) = (options.site_title.as_str(), options.drafts);
        let mut indexes: BTreeMap<String, Option<Parsed>> = BTreeMap::new();
        let mut regular = Vec::new();
        indexes.insert(String::new(), None);
        for p in parsed {
            let dir = parent_dir(&p.content_path).to_string();
            if file_name(&p.content_path) == "_index.md" {
                indexes.insert(dir, Some(p));
            } else {
                regular.push(p);
            }
        }
        // Every folder holding pages is a section; so is every folder above one.
        let folders: Vec<String> = regular
            .iter()
            .map(|p| parent_dir(&p.content_path).to_string())
            .chain(indexes.keys().cloned())
            .collect();
        for folder in folders {
            let mut dir = folder.as_str();
            while !dir.is_empty() {
                indexes.entry(dir.to_string()).or_insert(None);
                dir = parent_dir(dir);
            }
        }
        let mut tree = Tree { pages: Vec::new(), sections: BTreeMap::new(), dir_paths: HashMap::new() };
        for (dir, index) in indexes {
            let parent = (!dir.is_empty()).then(|| parent_dir(&dir).to_string());
            let parent_id = match parent {
                Some(p) => match tree.sections.get(&p) {
                    Some(&id) => Some(id),
                    None => continue, // parent section was a draft
                },
                None => None,
            };
            let page = match index {
                Some(p) => section_page(p, &dir, parent_id),
                None => implicit_section(&dir, site_title, parent_id, report),
            };
            if page.front.draft && !drafts {
                continue;
            }
            let id = tree.push(page);
            tree.sections.insert(dir, id);
        }
        for p in regular {
            let dir = parent_dir(&p.content_path).to_string();
            let Some(&parent) = tree.sections.get(&dir) else {
                continue;
            };
            if p.front.draft && !drafts {
                continue;
            }
            tree.push(Page {
                kind: Kind::Page,
                file: p.file,
                content_path: p.content_path,
                dir,
                source: p.source,
                body_offset: p.body_offset,
                body: p.body,
                front: p.front,
                path: String::new(),
                parent: Some(parent),
                pages: Vec::new(),
                subsections: Vec::new(),
            });
        }
        tree
    }

    fn push(&mut self, page: Page) -> PageId {
        let id = self.pages.len();
        if let Some(parent) = page.parent {
            if page.kind == Kind::Page {
                self.pages[parent].pages.push(id);
            } else {
                self.pages[parent].subsections.push(id);
            }
        }
        self.pages.push(page);
        id
    }

    /// Published paths, parents first (ids are in folder order).
    fn assign_paths(&mut self, report: &Report) {
        for id in 0..self.pages.len() {
            let page = &self.pages[id];
            let path = match (page.kind, page.parent) {
                (Kind::Home, _) | (_, None) => String::new(),
                (_, Some(parent)) => {
                    let Some(slug) = self.slug_of(id, report) else {
                        continue;
                    };
                    format!("{}{slug}/", self.pages[parent].path)
                }
            };
            if self.pages[id].is_section() {
                self.dir_paths.insert(self.pages[id].dir.clone(), path.clone());
            }
            self.pages[id].path = path;
        }
    }

    fn slug_of(&self, id: PageId, report: &Report) -> Option<String> {
        let page = &self.pages[id];
        if let Some(slug) = &page.front.slug {
            return Some(slug.clone());
        }
        let name = match page.kind {
            Kind::Page => file_name(&page.content_path).trim_end_matches(".md").trim_end_matches(".MD"),
            _ => file_name(&page.dir),
        };
        let slug = slug::slugify(name);
        if slug.is_empty() {
            report.error(
                Msg::SlugInvalid { value: name.to_string(), suggestion: "ten-trang".into() },
                Some(Location::file(&page.file)),
            );
            return None;
        }
        Some(slug)
    }

    fn finish(self, assets: HashMap<String, super::Asset>) -> Content {
        let mut pages = self.pages;
        let sections: Vec<PageId> = self.sections.values().copied().collect();
        for id in sections {
            let mut children = std::mem::take(&mut pages[id].pages);
            order::sort(&mut children, pages[id].front.sort_by, &pages);
            pages[id].pages = children;
            let mut subs = std::mem::take(&mut pages[id].subsections);
            order::sort(&mut subs, SortBy::Weight, &pages);
            pages[id].subsections = subs;
        }
        let by_source = pages.iter().enumerate().map(|(id, p)| (p.content_path.clone(), id)).collect();
        let by_path = pages.iter().enumerate().map(|(id, p)| (p.path.clone(), id)).collect();
        Content { pages, by_source, by_path, assets }
    }
}

fn section_page(p: Parsed, dir: &str, parent: Option<PageId>) -> Page {
    Page {
        kind: if dir.is_empty() { Kind::Home } else { Kind::Section },
        file: p.file,
        content_path: p.content_path,
        dir: dir.to_string(),
        source: p.source,
        body_offset: p.body_offset,
        body: p.body,
        front: p.front,
        path: String::new(),
        parent,
        pages: Vec::new(),
        subsections: Vec::new(),
    }
}

/// A folder with pages but no `_index.md`: titled after the folder (or the
/// site, for the home page) so nothing is lost; warned about.
fn implicit_section(dir: &str, site_title: &str, parent: Option<PageId>, report: &Report) -> Page {
    let file = Path::new("content").join(dir);
    let title = if dir.is_empty() {
        site_title.to_string()
    } else {
        report.warning(
            Msg::SectionWithoutIndex { dir: crate::fs::display(&file) },
            Some(Location::file(&file)),
        );
        file_name(dir).replace(['-', '_'], " ")
    };
    Page {
        kind: if dir.is_empty() { Kind::Home } else { Kind::Section },
        file,
        content_path: if dir.is_empty() { "_index.md".into() } else { format!("{dir}/_index.md") },
        dir: dir.to_string(),
        source: String::new(),
        body_offset: 0,
        body: super::Expanded::default(),
        front: FrontMatter::titled(title),
        path: String::new(),
        parent,
        pages: Vec::new(),
        subsections: Vec::new(),
    }
}

/// Service numbers are unique across the site, and only pages carry them.
fn check_service_numbers(content: &Content, report: &Report) {
    let mut seen: HashMap<i64, &Path> = HashMap::new();
    for page in &content.pages {
        let Some((service, location)) = &page.front.service else {
            continue;
        };
        if page.kind != Kind::Page {
            report.error(Msg::ServiceOutsideSection, Some(location.clone()));
            continue;
        }
        if let Some(other) = seen.insert(service.number, &page.file) {
            report.error(
                Msg::ServiceNumberDuplicate { number: service.number, other: crate::fs::display(other) },
                Some(front_matter::key_line(&page.file, &page.source, "number")),
            );
        }
    }
}
