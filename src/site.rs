//! `Site::build`: the build as a list of named stages, load → parse →
//! render → write. Each stage lives in its own module; this file only
//! orders them, stops when one fails, and times them (`--verbose`).

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, Content, LoadOptions};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::{self, Rendered};
use crate::output::{self, Record, Staging};
use crate::poster;
use crate::render::{self, RenderInput};
use crate::templates::Templates;
use crate::theme::Theme;

#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// `--base-url`, already checked.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Validate only; write nothing (`loa check`).
    pub dry_run: bool,
}

/// Told how long work is going: the command line shows a progress bar when
/// it talks to a terminal.
pub trait Progress: Sync {
    fn start(&self, what: &'static str, total: usize);
    fn tick(&self);
    fn finish(&self);
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &'static str, _: usize) {}
    fn tick(&self) {}
    fn finish(&self) {}
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Stats {
    pub pages: usize,
    pub posters: usize,
    /// Posters actually rendered (the others were reused from the last build).
    pub posters_rendered: usize,
    /// Nothing changed since the last build; the output was left as it was.
    pub unchanged: bool,
    /// Stage name and milliseconds, in order.
    pub timings: Vec<(&'static str, u128)>,
}

pub struct Outcome {
    /// `None` when the build failed.
    pub stats: Option<Stats>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Outcome {
    let report = Report::default();
    let mut stats = Stats::default();
    let ok = run(options, &report, &mut stats, progress).is_some() && !report.has_errors();
    Outcome { stats: ok.then_some(stats), diagnostics: report.into_sorted() }
}

/// Times one stage.
fn stage<T>(stats: &mut Stats, name: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    stats.timings.push((name, started.elapsed().as_millis()));
    result
}

fn run(options: &BuildOptions, report: &Report, stats: &mut Stats, progress: &dyn Progress) -> Option<()> {
    let config = stage(stats, "config", || Config::load(&options.root, options.base_url.as_deref()));
    let (config, config_text) = match config {
        Ok(loaded) => loaded,
        Err(errors) => {
            report.extend(errors);
            // Still read the content, so its problems show in this run too.
            let files = content::scan(&options.root, report)?;
            content::load(
                files,
                &LoadOptions { drafts: options.drafts, allow_html: false, ..LoadOptions::default() },
                report,
            );
            return None;
        }
    };
    let output = match options.dry_run {
        true => options.output.clone(),
        false => {
            let output = report.ok(output::resolve(&options.output))?;
            report.ok(output::check_target(&options.root, &output))?;
            output
        }
    };
    let theme = report.ok(stage(stats, "theme", || Theme::load(&options.root, &config.theme)))?;
    let files = stage(stats, "scan", || content::scan(&options.root, report))?;
    // `check` writes nothing, so it has nothing to compare with.
    let fingerprint =
        if options.dry_run { String::new() } else { fingerprint(options, &config_text, &theme, &files) };
    if !options.dry_run && unchanged(&output, &fingerprint, stats) {
        return Some(());
    }
    let prepared = prepare(config, theme, files, options.drafts, report, stats)?;
    stats.pages = prepared.content.pages.len();
    if options.dry_run {
        let today = today();
        stage(stats, "checks", || crate::checks::run(&prepared, today, report));
        return Some(());
    }
    let Prepared { config, theme, content, rendered, mut templates, .. } = prepared;
    let plan = stage(stats, "plan posters", || poster::stage::plan(&content, &rendered, &config, report));
    let engine = match plan.is_empty() {
        true => None,
        false => Some(report.ok(poster::stage::engine(&theme))?),
    };
    let staging = report.ok(Staging::create(&output, report))?;
    let poster_links = |id| plan.links(id);
    let share_images = |id| plan.share_image(id);
    let input = RenderInput {
        content: &content,
        rendered: &rendered,
        config: &config,
        theme: &theme,
        posters: &poster_links,
        share_images: &share_images,
        posters_built: !plan.jobs.is_empty(),
    };
    stage(stats, "render", || render::render_site(&input, &mut templates, &staging, report));
    let mut record = Record { generator: generator(), fingerprint, pages: stats.pages, ..Record::default() };
    if let Some(engine) = &engine {
        let previous = output::read_record(&output);
        let renderer = poster::stage::Renderer {
            engine,
            content: &content,
            config: &config,
            theme_key: poster_theme_key(&theme),
            staging: &staging,
            previous: previous.as_ref().map(|r| (output.as_path(), r)),
            progress,
        };
        let made = stage(stats, "posters", || renderer.render(&plan, &templates, report));
        (stats.posters, stats.posters_rendered) = (made.count, made.rendered);
        (record.posters, record.poster_keys) = (made.count, made.keys);
    }
    if report.has_errors() {
        return None;
    }
    report.ok(stage(stats, "write", || staging.commit(record)))
}

/// Today, or `LOA_TODAY` (`YYYY-MM-DD`) so that checks can be reproduced.
fn today() -> chrono::NaiveDate {
    std::env::var("LOA_TODAY")
        .ok()
        .and_then(|d| content::front_matter::parse_date(&d))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The site loaded and parsed: everything the render stages need. `loa
/// serve` keeps one in memory and updates it page by page.
pub struct Prepared {
    pub config: Config,
    pub theme: Theme,
    pub content: Content,
    pub rendered: Vec<Rendered>,
    /// Links to anchors on other pages, kept so that a changed page's
    /// headings can be checked against them again.
    pub anchor_refs: Vec<markdown::AnchorRef>,
    pub templates: Templates,
}

/// Load → parse: the content tree, who owns each output path, every
/// page's Markdown, the templates. Each step runs even when an earlier one
/// found errors, so one run reports them all; `None` when there were any.
pub fn prepare(
    config: Config,
    theme: Theme,
    files: content::SourceFiles,
    drafts: bool,
    report: &Report,
    stats: &mut Stats,
) -> Option<Prepared> {
    let load_options =
        LoadOptions { drafts, site_title: config.title.clone(), allow_html: config.markdown.allow_html };
    let content = stage(stats, "load", || content::load(files, &load_options, report));
    stage(stats, "outputs", || crate::outputs::check(&content, &theme, &config.base_path, report));
    let (rendered, anchor_refs) = stage(stats, "markdown", || parse_markdown(&content, &config, report));
    let templates = Templates::load(&theme).map_err(|e| report.extend(e)).ok();
    if report.has_errors() {
        return None;
    }
    Some(Prepared { config, theme, content, rendered, anchor_refs, templates: templates? })
}

/// What every poster depends on besides its own wording: loa itself and
/// the theme's poster templates and fonts.
fn poster_theme_key(theme: &Theme) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(build_identity().as_bytes());
    for prefix in ["posters/", "fonts/"] {
        for (name, file) in theme.under(prefix) {
            hasher.update(name.as_bytes());
            hasher.update(&file.bytes);
        }
    }
    hasher.finalize().to_hex().to_string()
}

fn generator() -> String {
    format!("loa {}", env!("CARGO_PKG_VERSION"))
}

/// Which loa made a build: its version, and a hash of the program itself so
/// that a rebuilt binary never trusts output made by an older one.
fn build_identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let program = std::env::current_exe().and_then(std::fs::read).unwrap_or_default();
        format!("{} {}", generator(), blake3::hash(&program).to_hex())
    })
}

/// A hash of everything the output depends on.
fn fingerprint(
    options: &BuildOptions,
    config_text: &str,
    theme: &Theme,
    files: &content::SourceFiles,
) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(build_identity().as_bytes());
    hasher.update(&[u8::from(options.drafts)]);
    hasher.update(options.base_url.as_deref().unwrap_or_default().as_bytes());
    hasher.update(config_text.as_bytes());
    theme.fingerprint(&mut hasher);
    files.fingerprint(&mut hasher);
    hasher.finalize().to_hex().to_string()
}

/// True when the output already is what this build would write.
fn unchanged(output: &std::path::Path, fingerprint: &str, stats: &mut Stats) -> bool {
    let Some(record) = output::read_record(output) else {
        return false;
    };
    if record.fingerprint != fingerprint || !output::output_intact(output, &record) {
        return false;
    }
    stats.pages = record.pages;
    stats.posters = record.posters;
    stats.unchanged = true;
    true
}

/// Markdown of every page, in parallel; then links to other pages' anchors,
/// which can only be checked once every page's headings are known.
fn parse_markdown(
    content: &Content,
    config: &Config,
    report: &Report,
) -> (Vec<Rendered>, Vec<markdown::AnchorRef>) {
    let results: Vec<(Rendered, Vec<markdown::AnchorRef>)> = (0..content.pages.len())
        .into_par_iter()
        .map(|id| {
            let mut problems = Vec::new();
            let result = markdown::render(content, config, id, &mut problems);
            let page = &content.pages[id];
            if page.front.description.is_none() && !page.source.is_empty() {
                problems.push(Diagnostic::warning(
                    crate::messages::Msg::MissingDescription,
                    Some(content::front_matter::key_line(&page.file, &page.source, "title")),
                ));
            }
            report.extend(problems);
            result
        })
        .collect();
    let (rendered, anchor_refs): (Vec<Rendered>, Vec<Vec<markdown::AnchorRef>>) = results.into_iter().unzip();
    let anchor_refs: Vec<markdown::AnchorRef> = anchor_refs.into_iter().flatten().collect();
    report.extend(check_anchors(content, &rendered, anchor_refs.iter()));
    (rendered, anchor_refs)
}

/// Problems with links to `#anchors` on other pages.
pub fn check_anchors<'a>(
    content: &Content,
    rendered: &[Rendered],
    refs: impl Iterator<Item = &'a markdown::AnchorRef>,
) -> Vec<Diagnostic> {
    refs.filter_map(|r| {
        markdown::check_anchor(content, r.target, &r.anchor, &rendered[r.target].headings, r.location.clone())
    })
    .collect()
}
