//! Parsing every Markdown file of a site's layers (in parallel), leaving out
//! the pack pages it hides, building the section tree, dropping drafts and
//! giving every page its published path. Whether two things claim one path
//! is `outputs`' business.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::front_matter::{self, FrontMatter, SortBy};
use super::hidden::Hidden;
use super::layers::{Source, SourceFiles};
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
    /// The pack it comes from; `None` for the site's own.
    pack: Option<usize>,
    file: PathBuf,
    source: String,
    body_offset: usize,
    body: super::Expanded,
    front: FrontMatter,
}

/// Parses the files and builds the content tree. Problems go to `report`;
/// a file with errors still takes its place in the tree (with what could
/// be read of it), so that links to it and clashes with it are judged in
/// the same run rather than the next.
pub fn load(files: SourceFiles, options: &LoadOptions, report: &Report) -> Content {
    let chosen = files.choose();
    let parsed: Vec<(Parsed, Vec<Diagnostic>)> =
        chosen.markdown.into_par_iter().map(|source| parse_file(source, &options.vars)).collect();
    // Only the site's own `_index.md` files hide pack pages, and a hidden
    // page's problems are not the site's.
    let hides = |p: &Parsed| p.pack.is_none() && file_name(&p.content_path) == "_index.md";
    let hidden = Hidden::new(
        parsed
            .iter()
            .filter(|(p, _)| hides(p))
            .map(|(p, _)| (parent_dir(&p.content_path), p.front.hidden.as_slice())),
    );
    for (p, _) in parsed.iter().filter(|(p, _)| !hides(p)) {
        if let Some((_, at)) = p.front.hidden.first() {
            report.warning(Msg::HiddenMisplaced, Some(at.clone()));
        }
    }
    let parsed: Vec<Parsed> = parsed
        .into_iter()
        .filter(|(p, _)| p.pack.is_none() || !hidden.hides(&p.content_path))
        .map(|(p, problems)| {
            report.extend(problems);
            p
        })
        .collect();
    let asset_files =
        chosen.assets.into_iter().filter(|a| a.pack.is_none() || !hidden.hides(&a.rel)).collect();
    hidden.warn_unused(report);
    let mut tree = Tree::build(parsed, options, report);
    tree.assign_paths(report);
    let assets = assets::place(asset_files, &tree.dir_paths, options.allow_html, report);
    let mut content = tree.finish(assets);
    content.overrides = chosen.overrides;
    check_service_numbers(&content, report);
    content
}

/// A Markdown file parsed, and its problems. Whatever fails, the file
/// is kept: an unreadable front matter leaves a page titled after the file.
fn parse_file(source: Source, vars: &Vars) -> (Parsed, Vec<Diagnostic>) {
    let Source { rel, bytes, pack, file } = source;
    let stem = file_name(&rel).trim_end_matches(".md").trim_end_matches(".MD").to_string();
    let parsed = |file: PathBuf, source: String, body_offset: usize, front: Option<FrontMatter>| {
        let body_text = source.get(body_offset..).unwrap_or_default();
        let (body, problems) = vars.expand_in(body_text, &file, &source, body_offset);
        let front = front.unwrap_or_else(|| FrontMatter::titled(stem.clone()));
        (Parsed { content_path: rel.clone(), pack, file, source, body_offset, body, front }, problems)
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
                pack: p.pack,
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
        Content { pages, by_source, by_path, assets, overrides: Vec::new() }
    }
}

fn section_page(p: Parsed, dir: &str, parent: Option<PageId>) -> Page {
    Page {
        kind: if dir.is_empty() { Kind::Home } else { Kind::Section },
        pack: p.pack,
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
        pack: None,
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
