//! The site as `loa serve` holds it: the last good build in memory, the
//! problems of the current sources, and updates after files change — only
//! the changed pages when just their text changed, everything otherwise.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::build::{self, Prepared};
use crate::content::front_matter::FrontMatter;
use crate::content::{self, Content, PageId};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown;
use crate::output::Sink;
use crate::render::view::PosterLinks;
use crate::render::{self, RenderInput};
use crate::serve::posters::Posters;

/// A published file, kept in memory or, for content assets, on disk (read
/// at request time, never through a symbolic link).
#[derive(Clone, Debug)]
pub enum Body {
    Bytes(Arc<[u8]>),
    Asset(Arc<crate::content::Asset>),
    /// One size of a content picture, made on request (`serve::pictures`).
    Picture(Arc<crate::content::Asset>, usize),
}

/// Output-relative path (`vneid/kich-hoat/index.html`) → file.
pub type Files = HashMap<String, Body>;

/// What the server serves at one moment.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    /// Errors and warnings of the current sources.
    pub problems: Arc<Vec<Diagnostic>>,
    pub broken: Broken,
    /// Draws poster files on request.
    pub posters: Option<Arc<Posters>>,
    /// Output path of a page → its warnings, shown on the page.
    pub warnings: Arc<HashMap<String, Vec<Diagnostic>>>,
}

/// Which pages show the error page instead of their last good version.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Broken {
    #[default]
    Nothing,
    /// Output paths of the pages whose sources have errors.
    Pages(HashSet<String>),
    /// `site.yaml` or the theme is wrong: every page.
    All,
}

/// What an update did to the site served, for the line printed after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Applied {
    /// Every page rendered again from the sources.
    Everything,
    /// This many pages rendered again; the others were up to date.
    Pages(usize),
    /// Nothing: the sources have errors and the last good build is served.
    Nothing,
}

impl Snapshot {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// A `Sink` that keeps files in memory.
#[derive(Default)]
struct Memory(Mutex<Files>);

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.lock().insert(rel.to_string(), Body::Bytes(Arc::from(bytes)));
        Ok(())
    }

    fn copy_asset(&self, asset: &crate::content::Asset) -> Result<(), Diagnostic> {
        self.lock().insert(asset.output.clone(), Body::Asset(Arc::new(asset.clone())));
        Ok(())
    }
}

impl Memory {
    fn lock(&self) -> std::sync::MutexGuard<'_, Files> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

pub struct Live {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    prepared: Option<Prepared>,
    files: Arc<Files>,
    posters: Option<Arc<Posters>>,
    /// What would not print, kept across page updates (which lay out only
    /// the posters of the pages saved).
    poster_problems: Vec<Diagnostic>,
    /// Every poster still to be laid out: after a whole rebuild, which
    /// does not wait for it (seconds on a large site).
    posters_unchecked: bool,
    /// The other problems of the last good update.
    site_problems: Vec<Diagnostic>,
    /// What the errors of the last update break. While anything is, the
    /// next update reads everything again: a page-by-page update would
    /// keep what it does not look at (a page whose link broke elsewhere, a
    /// page that is gone).
    broken: Broken,
}

/// Whether an update could be done page by page.
enum Change {
    Pages(Vec<Edit>),
    Everything,
}

/// A saved page: its new text and, when its front matter changed (without
/// moving it or renaming its URL), the new front matter.
struct Edit {
    id: PageId,
    text: String,
    front: Option<FrontMatter>,
}

impl Live {
    pub fn new(root: &Path, base_url: &str, drafts: bool) -> Live {
        Live {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            drafts,
            prepared: None,
            files: Arc::default(),
            posters: None,
            poster_problems: Vec::new(),
            posters_unchecked: false,
            site_problems: Vec::new(),
            broken: Broken::Nothing,
        }
    }

    /// Loads and renders the whole site again. When only pages have
    /// errors, those show them and everything else is as the sources now
    /// are: a deleted page is gone even while links to it are broken.
    pub fn rebuild(&mut self) -> (Snapshot, Applied) {
        let report = Report::default();
        let Some(mut prepared) = build::load(&self.root, &self.base_url, self.drafts, &report) else {
            return (self.failed(report), Applied::Nothing);
        };
        let poster_report = Report::default();
        let posters = Posters::plan(&prepared, &poster_report).map(Arc::new);
        let memory = Memory::default();
        render_all(&mut prepared, posters.as_deref(), &memory, &report);
        let broken = match self.broken_pages_of(&prepared, &report) {
            Some(pages) if pages.is_empty() => Broken::Nothing,
            Some(pages) => Broken::Pages(pages),
            None => return (self.failed(report), Applied::Nothing),
        };
        self.files = Arc::new(memory.into_files());
        self.prepared = Some(prepared);
        self.posters_unchecked = posters.is_some();
        (self.posters, self.poster_problems) = (posters, poster_report.into_sorted());
        (self.snapshot(report, broken), Applied::Everything)
    }

    /// Output paths of the pages with errors, in the new build or the
    /// last (a page whose front matter broke is not in the new one);
    /// `None` when an error is not in a page.
    fn broken_pages_of(&self, fresh: &Prepared, report: &Report) -> Option<HashSet<String>> {
        if !report.has_errors() {
            return Some(HashSet::new());
        }
        let files: HashSet<&Path> =
            [Some(fresh), self.prepared.as_ref()].into_iter().flatten().flat_map(page_files).collect();
        if !report.all_errors_in(|file| file.is_some_and(|f| files.contains(f))) {
            return None;
        }
        let mut pages = broken_pages(fresh, report);
        pages.extend(self.prepared.as_ref().map(|old| broken_pages(old, report)).unwrap_or_default());
        Some(pages)
    }

    /// Lays out every poster, when a rebuild left them unchecked: how many
    /// were, and the site with what would not print.
    pub fn check_posters(&mut self) -> Option<(usize, Snapshot)> {
        let (Some(posters), Some(prepared)) = (&self.posters, &self.prepared) else { return None };
        if !std::mem::take(&mut self.posters_unchecked) {
            return None;
        }
        let report = Report::default();
        posters.validate(prepared, None, &report);
        self.poster_problems.extend(report.into_sorted());
        let count = posters.plan_ref().jobs.len();
        let mut problems = self.site_problems.clone();
        problems.extend(self.poster_problems.iter().cloned());
        Some((count, self.publish(problems)))
    }

    /// Brings the site up to date after `changed` files changed on disk.
    pub fn update(&mut self, changed: &[PathBuf]) -> (Snapshot, Applied) {
        match self.classify(changed) {
            Change::Pages(pages) => self.update_pages(pages),
            Change::Everything => self.rebuild(),
        }
    }

    /// Edits of existing pages whose front matter stayed the same can be
    /// handled page by page; anything else needs a full rebuild.
    fn classify(&self, changed: &[PathBuf]) -> Change {
        let Some(prepared) = self.prepared.as_ref().filter(|_| self.broken == Broken::Nothing) else {
            return Change::Everything;
        };
        let content_dir = self.root.join("content");
        let mut pages = Vec::new();
        for path in changed {
            let Ok(rel) = path.strip_prefix(&content_dir) else { return Change::Everything };
            let key = crate::fs::normalise(rel.to_string_lossy().replace('\\', "/"));
            let Some(&id) = prepared.content.by_source.get(&key) else { return Change::Everything };
            let page = &prepared.content.pages[id];
            // A new file over a pack page changes which file the page is.
            if page.pack.is_some() {
                return Change::Everything;
            }
            let Ok(bytes) = std::fs::read(path) else { return Change::Everything };
            let Ok(text) = crate::fs::decode_source(bytes, &page.file) else { return Change::Everything };
            let Ok(split) = content::front_matter::split(&text, &page.file) else {
                return Change::Everything;
            };
            let sorted_by_title = page.parent.is_some_and(|p| {
                prepared.content.pages[p].front.sort_by == content::front_matter::SortBy::Title
            });
            match content::read_front_matter(
                split.yaml,
                &page.file,
                &text,
                &content::Vars::new(&prepared.config),
            ) {
                Ok(front) if front == page.front => pages.push(Edit { id, text, front: None }),
                Ok(front) if !moves(&page.front, &front, page.is_section() || sorted_by_title) => {
                    pages.push(Edit { id, text, front: Some(front) })
                }
                _ => return Change::Everything,
            }
        }
        Change::Pages(pages)
    }

    fn update_pages(&mut self, pages: Vec<Edit>) -> (Snapshot, Applied) {
        let Some(prepared) = self.prepared.as_mut() else { return self.rebuild() };
        let report = Report::default();
        let mut everything = false;
        let ids: Vec<PageId> = pages.iter().map(|e| e.id).collect();
        // Pages that show a changed title or description besides its own.
        let mut shown_elsewhere = Vec::new();
        let vars = content::Vars::new(&prepared.config);
        for Edit { id, text, front } in pages {
            let page = &mut prepared.content.pages[id];
            if let Some(front) = front {
                page.front = front;
                shown_elsewhere.push(id);
            }
            let body_offset = content::front_matter::split(&text, &page.file).map_or(0, |s| s.body_offset);
            let mut problems = page.set_text(text, body_offset, &vars);
            let (fresh, refs) = markdown::render(
                &prepared.content,
                &prepared.config,
                &prepared.theme.strings,
                id,
                &mut problems,
            );
            report.extend(problems);
            let page = &prepared.content.pages[id];
            // Lists show a page's first paragraph when it has no description.
            everything |= page.front.description.is_none() && fresh.summary != prepared.rendered[id].summary;
            prepared.rendered[id] = fresh;
            prepared.anchor_refs.retain(|r| r.location.file != page.file);
            prepared.anchor_refs.extend(refs);
        }
        let touched = prepared.anchor_refs.iter().filter(|r| {
            ids.contains(&r.target)
                || ids.iter().any(|&id| r.location.file == prepared.content.pages[id].file)
        });
        report.extend(markdown::check_anchors(&prepared.content, &prepared.rendered, touched));
        if report.has_errors() {
            self.broken = Broken::Pages(broken_pages(prepared, &report));
            let snapshot = Snapshot {
                files: Arc::clone(&self.files),
                problems: Arc::new(report.into_sorted()),
                broken: self.broken.clone(),
                posters: self.posters.clone(),
                warnings: Arc::default(),
            };
            return (snapshot, Applied::Nothing);
        }
        let poster_report = Report::default();
        let posters = self.posters.as_ref().and_then(|p| p.replan(prepared, &poster_report)).map(Arc::new);
        if let Some(posters) = &posters {
            posters.validate(prepared, Some(&ids), &poster_report);
        }
        // The saved pages' poster problems are new; the others' stand.
        let saved: Vec<&Path> = ids.iter().map(|&id| prepared.content.pages[id].file.as_path()).collect();
        self.poster_problems
            .retain(|d| !d.location.as_ref().is_some_and(|l| saved.contains(&l.file.as_path())));
        self.poster_problems.extend(
            poster_report
                .into_sorted()
                .into_iter()
                .filter(|d| d.location.as_ref().is_some_and(|l| saved.contains(&l.file.as_path()))),
        );
        self.posters = posters;
        let memory = Memory(Mutex::new((*self.files).clone()));
        let applied = if everything {
            render_all(prepared, self.posters.as_deref(), &memory, &report);
            Applied::Everything
        } else {
            let mut pages = ids.clone();
            for &id in &shown_elsewhere {
                pages.extend(neighbours(&prepared.content, id));
            }
            pages.sort_unstable();
            pages.dedup();
            let links = poster_links(self.posters.as_deref());
            let cards = share_images(self.posters.as_deref());
            let input = input(prepared, &links, &cards);
            render::render_pages(&input, &prepared.templates, &pages, &memory, &report);
            if !shown_elsewhere.is_empty() {
                // Tag pages, the A–Z list, feeds and the sitemap show it too.
                render::render_extras(&input, &prepared.templates, &memory, &report);
            }
            Applied::Pages(pages.len())
        };
        self.files = Arc::new(memory.into_files());
        (self.snapshot(report, Broken::Nothing), applied)
    }

    /// Keeps serving the last good build; marks what the errors break.
    fn failed(&mut self, report: Report) -> Snapshot {
        self.broken = match &self.prepared {
            Some(prepared) if report_is_about_pages(prepared, &report) => {
                Broken::Pages(broken_pages(prepared, &report))
            }
            _ => Broken::All,
        };
        Snapshot {
            files: Arc::clone(&self.files),
            problems: Arc::new(report.into_sorted()),
            broken: self.broken.clone(),
            posters: self.posters.clone(),
            warnings: Arc::default(),
        }
    }

    fn snapshot(&mut self, report: Report, broken: Broken) -> Snapshot {
        self.site_problems = report.into_sorted();
        self.broken = broken;
        let mut problems = self.site_problems.clone();
        problems.extend(self.poster_problems.iter().cloned());
        self.publish(problems)
    }

    fn publish(&self, problems: Vec<Diagnostic>) -> Snapshot {
        let warnings = self.prepared.as_ref().map(|p| warnings_by_page(p, &problems)).unwrap_or_default();
        Snapshot {
            files: Arc::clone(&self.files),
            problems: Arc::new(problems),
            broken: self.broken.clone(),
            posters: self.posters.clone(),
            warnings: Arc::new(warnings),
        }
    }
}

/// True when the new front matter changes where the page is published,
/// where it is listed, or (`shown_in_order`: sections, title-sorted lists)
/// the order others appear in: then everything is rebuilt.
fn moves(old: &FrontMatter, new: &FrontMatter, shown_in_order: bool) -> bool {
    let aliases = |f: &FrontMatter| f.aliases.iter().map(|(a, _)| a.clone()).collect::<Vec<_>>();
    old.slug != new.slug
        || aliases(old) != aliases(new)
        || old.draft != new.draft
        || old.weight != new.weight
        || old.date != new.date
        || old.sort_by != new.sort_by
        || old.feed != new.feed
        || (shown_in_order && old.title != new.title)
}

/// The home page, the page's section and its neighbours in that section:
/// the pages that show its title.
fn neighbours(content: &Content, id: PageId) -> Vec<PageId> {
    let mut out = vec![Content::HOME];
    if let Some(parent) = content.pages[id].parent {
        out.push(parent);
        let siblings = &content.pages[parent].pages;
        if let Some(i) = siblings.iter().position(|&p| p == id) {
            out.extend(i.checked_sub(1).map(|j| siblings[j]));
            out.extend(siblings.get(i + 1).copied());
        }
    }
    out
}

type Links<'a> = Box<dyn Fn(PageId) -> Option<PosterLinks> + Sync + 'a>;
type Images<'a> = Box<dyn Fn(PageId) -> Option<String> + Sync + 'a>;

/// Links to a page's poster files, served on demand.
fn poster_links(posters: Option<&Posters>) -> Links<'_> {
    Box::new(move |id| posters.and_then(|p| p.plan_ref().links(id)))
}

/// A page's link-preview image, drawn on demand.
fn share_images(posters: Option<&Posters>) -> Images<'_> {
    Box::new(move |id| posters.and_then(|p| p.plan_ref().share_image(id)))
}

fn input<'a>(prepared: &'a Prepared, links: &'a Links<'a>, cards: &'a Images<'a>) -> RenderInput<'a> {
    RenderInput {
        content: &prepared.content,
        rendered: &prepared.rendered,
        config: &prepared.config,
        theme: &prepared.theme,
        posters: links,
        share_images: cards,
        short_paths: &prepared.shorts,
        // The gallery is made by `loa build`: no link to it.
        posters_built: false,
    }
}

/// The whole site's HTML.
fn render_all(prepared: &mut Prepared, posters: Option<&Posters>, out: &Memory, report: &Report) {
    let (links, cards) = (poster_links(posters), share_images(posters));
    let Prepared { config, theme, content, rendered, templates, shorts, .. } = prepared;
    let input = RenderInput {
        content,
        rendered,
        config,
        theme,
        posters: &links,
        share_images: &cards,
        short_paths: shorts,
        posters_built: false,
    };
    render::render_site(&input, templates, out, report);
    let pictures = crate::serve::pictures::files(content).into_iter();
    out.lock().extend(pictures.map(|(path, asset, index)| (path, Body::Picture(asset, index))));
}

/// Each page's warnings, by output path.
fn warnings_by_page(prepared: &Prepared, problems: &[Diagnostic]) -> HashMap<String, Vec<Diagnostic>> {
    let mut by_file: HashMap<&Path, Vec<Diagnostic>> = HashMap::new();
    for d in problems.iter().filter(|d| !d.is_error()) {
        if let Some(location) = &d.location {
            by_file.entry(location.file.as_path()).or_default().push(d.clone());
        }
    }
    let mut out = HashMap::new();
    for (id, page) in prepared.content.pages.iter().enumerate() {
        if let Some(warnings) = by_file.get(page.file.as_path()) {
            out.insert(render::page_file(&prepared.content, id), warnings.clone());
        }
    }
    out
}

/// True when every error names a file of a known page.
fn report_is_about_pages(prepared: &Prepared, report: &Report) -> bool {
    let files: HashSet<&Path> = page_files(prepared).collect();
    report.all_errors_in(|file| file.is_some_and(|f| files.contains(f)))
}

fn page_files(prepared: &Prepared) -> impl Iterator<Item = &Path> {
    prepared.content.pages.iter().map(|p| p.file.as_path())
}

/// Output paths of the pages whose files have errors.
fn broken_pages(prepared: &Prepared, report: &Report) -> HashSet<String> {
    let mut paths = HashSet::new();
    for (id, page) in prepared.content.pages.iter().enumerate() {
        if report.any_error_in(|file| file == Some(page.file.as_path())) {
            paths.insert(render::page_file(&prepared.content, id));
        }
    }
    paths
}
