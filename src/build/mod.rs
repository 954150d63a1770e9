//! The build as a list of named stages, load → parse → render → write, and
//! the one place that orders them. `build` (the site and its posters into
//! the output folder), `check` (what `build` validates and more, writing
//! nothing) and `load` (what `loa serve` keeps in memory) all begin with
//! `read` and `prepare`. Each stage lives in its own module; this file
//! orders them, stops when one fails, and times them (`--verbose`).

mod checks;
mod fingerprint;
mod outputs;
mod pictures;
mod placeholders;
pub mod posters;
pub mod screens;
mod shared;
pub mod short;
pub mod sites;
pub mod videos;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::config::Config;
use crate::content::{self, Content, LoadOptions, SourceFiles};
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::{self, AnchorRef, Rendered};
use crate::output::{self, Record, Staging};
use crate::packs::{self, Pack, drift};
use crate::progress::Progress;
use crate::render::{self, RenderInput, ShortPaths};
use crate::templates::Templates;
use crate::theme::Theme;

pub use fingerprint::generator;
pub use shared::Shared;

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    /// `--base-url`, already checked.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Measure the CPU time of each part of drawing posters (`build -v`).
    pub timed: bool,
    /// What sites built in one run share (`loa build --sites`): packs read
    /// once, poster engines made once.
    pub shared: Option<std::sync::Arc<Shared>>,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Stats {
    pub pages: usize,
    pub posters: usize,
    /// Posters actually rendered (the others were reused from the last build).
    pub posters_rendered: usize,
    /// Pages whose poster could not be made (each has a warning).
    pub posters_failed: usize,
    /// Placements with a print set, their copies made, and how many of
    /// those were drawn anew.
    pub placements: usize,
    pub placement_posters: usize,
    pub placement_rendered: usize,
    /// Slides of the waiting-room screen, and how many were drawn anew.
    pub slides: usize,
    pub slides_rendered: usize,
    /// Nothing changed since the last build; the output was left as it was.
    pub unchanged: bool,
    /// Sample text still in the site: posters carry the sample band.
    pub placeholders: usize,
    /// Stage name and milliseconds, in order.
    pub timings: Vec<(&'static str, u128)>,
    /// Poster drawing: part, CPU milliseconds summed over threads, count.
    pub cpu: Vec<(&'static str, f64, usize)>,
}

pub struct Outcome {
    /// `None` when the build failed.
    pub stats: Option<Stats>,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a site is made from, read from disk: `site.yaml`, the theme, the
/// files of `content/`.
pub struct Sources {
    pub config: Config,
    /// `site.yaml` as written, for the fingerprint.
    pub config_text: String,
    pub theme: Theme,
    pub files: SourceFiles,
    /// The host the site is published at, judged for sample addresses:
    /// `base_url` (or `--base-url`), never the preview's local address.
    pub published_host: String,
    /// The guide packs the site lists, and what its copies of their pages
    /// were based on.
    pub packs: Vec<Pack>,
    pub lock: drift::Lock,
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
    pub anchor_refs: Vec<AnchorRef>,
    pub templates: Templates,
    /// How much sample text the site still has (`placeholders`).
    pub placeholders: usize,
    /// The short address of every page with a poster.
    pub shorts: ShortPaths,
    /// `site.yaml` as written, to locate settings checked late (`screens`).
    pub config_text: String,
    pub packs: Vec<Pack>,
    pub lock: drift::Lock,
}

/// `loa build`: the site and its posters, into the output folder.
pub fn build(options: &Options, progress: &dyn Progress) -> Outcome {
    outcome(|report, stats| write_site(options, report, stats, progress))
}

/// `loa check`: everything `build` validates, plus what only `check` looks
/// at (stale facts, missing sources, posters that would not print).
pub fn check(options: &Options) -> Outcome {
    outcome(|report, stats| {
        let sources = read(&options.root, options.base_url.as_deref(), options.drafts, None, report, stats)?;
        let prepared = prepare(sources, options.drafts, report, stats)?;
        (stats.pages, stats.placeholders) = (prepared.content.pages.len(), prepared.placeholders);
        let site = checks::Site {
            config: &prepared.config,
            content: &prepared.content,
            rendered: &prepared.rendered,
            theme: &prepared.theme,
            shorts: &prepared.shorts,
            config_text: &prepared.config_text,
            packs: &prepared.packs,
        };
        stage(stats, "checks", || checks::run(&site, today(), report));
        Some(())
    })
}

/// `loa serve`: the site read and parsed, ready to render into memory,
/// also when pages have errors (the preview shows them on those pages and
/// every other page as it now is); `None` when `site.yaml`, the theme or
/// its templates are wrong.
pub fn load(root: &Path, base_url: &str, drafts: bool, report: &Report) -> Option<Prepared> {
    let mut stats = Stats::default();
    let mut sources = read(root, Some(base_url), drafts, None, report, &mut stats)?;
    if let Ok(own) = Config::parse(&sources.config_text, None) {
        sources.published_host = own.host;
    }
    parse(sources, drafts, report, &mut stats)
}

/// `loa report`: the site as published (its own `base_url`), read and
/// parsed to know which addresses are its pages, also when some pages have
/// errors; `None` when `site.yaml`, the theme or its templates are wrong.
pub fn load_published(root: &Path, report: &Report) -> Option<Prepared> {
    let mut stats = Stats::default();
    let sources = read(root, None, false, None, report, &mut stats)?;
    parse(sources, false, report, &mut stats)
}

fn outcome(run: impl FnOnce(&Report, &mut Stats) -> Option<()>) -> Outcome {
    let report = Report::default();
    let mut stats = Stats::default();
    let ok = run(&report, &mut stats).is_some() && !report.has_errors();
    Outcome { stats: ok.then_some(stats), diagnostics: report.into_sorted() }
}

/// Times one stage.
fn stage<T>(stats: &mut Stats, name: &'static str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    stats.timings.push((name, started.elapsed().as_millis()));
    result
}

/// Read: `site.yaml`, the theme, the files of `content/` and of the packs.
/// When `site.yaml` is wrong the content is still read, so its problems
/// show in this run too.
pub fn read(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    shared: Option<&Shared>,
    report: &Report,
    stats: &mut Stats,
) -> Option<Sources> {
    let (config, config_text) = match stage(stats, "config", || Config::load(root, base_url)) {
        Ok(loaded) => loaded,
        Err(errors) => {
            report.extend(errors);
            let files = content::scan(root, report)?;
            content::load(files, &LoadOptions { drafts, ..LoadOptions::default() }, report);
            return None;
        }
    };
    let theme =
        stage(stats, "theme", || Theme::load(root, &config.theme)).map_err(|e| report.extend(e)).ok()?;
    let packs = packs::open(root, &config, report);
    let mut files = stage(stats, "scan", || content::scan(root, report))?;
    stage(stats, "packs", || {
        for pack in &packs {
            files.add_pack(shared::layer(shared, pack), report);
        }
    });
    let lock = drift::read_lock(root, report);
    let published_host = config.host.clone();
    Some(Sources { config, config_text, theme, files, published_host, packs, lock })
}

/// Load → parse: the content tree, who owns each output path, every
/// page's Markdown, the templates. Each step runs even when an earlier one
/// found errors, so one run reports them all; `None` when there were any.
pub fn prepare(sources: Sources, drafts: bool, report: &Report, stats: &mut Stats) -> Option<Prepared> {
    let prepared = parse(sources, drafts, report, stats);
    if report.has_errors() {
        return None;
    }
    prepared
}

/// `prepare` without stopping at errors: `None` only when the templates
/// would not load.
fn parse(sources: Sources, drafts: bool, report: &Report, stats: &mut Stats) -> Option<Prepared> {
    let Sources { mut config, theme, files, config_text, published_host, packs, lock } = sources;
    config.unit.derive(&theme.strings);
    let load_options = LoadOptions {
        drafts,
        site_title: config.title.clone(),
        allow_html: config.markdown.allow_html,
        vars: crate::content::Vars::new(&config),
    };
    let content = stage(stats, "load", || content::load(files, &load_options, report));
    drift::check(&content, &packs, &lock, report);
    let shorts = stage(stats, "outputs", || outputs::check(&content, &theme, &config, report));
    stage(stats, "videos", || videos::check(&content, &config, report));
    screens::check_pages(&config, &config_text, &content, report);
    let placeholders = stage(stats, "placeholders", || {
        placeholders::find(&config, &published_host, &config_text, &content, report)
    });
    let (rendered, anchor_refs) =
        stage(stats, "markdown", || markdown::render_all(&content, &config, &theme.strings, report));
    let templates = Templates::load(&theme).map_err(|e| report.extend(e)).ok()?;
    Some(Prepared {
        config,
        theme,
        content,
        rendered,
        anchor_refs,
        templates,
        placeholders,
        shorts,
        config_text,
        packs,
        lock,
    })
}

/// Read → (unchanged? stop) → prepare → plan posters → render → posters →
/// write, into a staging folder swapped in at the end.
fn write_site(options: &Options, report: &Report, stats: &mut Stats, progress: &dyn Progress) -> Option<()> {
    let output = report.ok(output::resolve(&options.output))?;
    // Before anything can fail: a swap cut off half-way left no output.
    output::recover(&output, report);
    let shared = options.shared.as_deref();
    let sources = read(&options.root, options.base_url.as_deref(), options.drafts, shared, report, stats)?;
    report.ok(output::check_target(&options.root, &output))?;
    let fingerprint = fingerprint::of_sources(&sources, options.drafts, options.base_url.as_deref());
    if fingerprint::unchanged(&output, &fingerprint, stats) {
        return Some(());
    }
    let Prepared {
        config,
        theme,
        content,
        rendered,
        mut templates,
        placeholders,
        shorts,
        config_text,
        packs,
        lock,
        ..
    } = prepare(sources, options.drafts, report, stats)?;
    (stats.pages, stats.placeholders) = (content.pages.len(), placeholders);
    let band = if placeholders > 0 { theme.strings.get("sample_band") } else { "" };
    let mut plan = stage(stats, "plan posters", || {
        posters::plan(&content, &rendered, &config, &theme.strings, &shorts, band, report)
    });
    // A theme whose poster files are broken costs the posters, not the site.
    let engine = match plan.is_empty() {
        true => None,
        false => shared::engine(shared, &theme).map_err(|problem| report.push(problem)).ok(),
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
        short_paths: &shorts,
        posters_built: !plan.jobs.is_empty(),
    };
    stage(stats, "render", || render::render_site(&input, &mut templates, &staging, report));
    let mut record = Record { generator: generator(), fingerprint, pages: stats.pages, ..Record::default() };
    let previous = output::read_record(&output);
    let previous = previous.as_ref().map(|r| (output.as_path(), r));
    record.picture_keys =
        stage(stats, "pictures", || pictures::publish(&content, &staging, previous, report));
    // Before the posters: the manifest lists the cards that were made.
    let cards = videos::Cards {
        content: &content,
        config: &config,
        theme: &theme,
        engine: engine.as_deref(),
        theme_key: fingerprint::of_poster_theme(&theme),
        staging: &staging,
        previous,
    };
    let video_keys = stage(stats, "video cards", || cards.render(report));
    if let Some(engine) = &engine {
        let renderer = posters::Renderer {
            engine,
            content: &content,
            config: &config,
            strings: &theme.strings,
            theme_key: fingerprint::of_poster_theme(&theme),
            staging: &staging,
            previous,
            progress,
            clock: posters::Clock::new(options.timed),
        };
        // Slides first: the posters' manifest and gallery list them.
        let screen = screens::plan(&config, &config_text, &content, &plan, report);
        let (shown, slides) =
            stage(stats, "screens", || screens::render(&screen, &renderer, &templates, report));
        for (page, file) in slides {
            plan.page_files.entry(page).or_default().insert("slide_png", file);
        }
        plan.screen = screens::links(&screen, &shown, &config);
        (stats.slides, stats.slides_rendered) = (shown.count, shown.rendered);
        let made = stage(stats, "posters", || renderer.render(&plan, &templates, report));
        (stats.posters, stats.posters_rendered, stats.posters_failed) =
            (made.count, made.rendered, made.failed);
        (stats.placements, stats.placement_posters, stats.placement_rendered) =
            (plan.placements.len(), made.placed, made.placed_rendered);
        (record.posters, record.poster_keys) = (made.count, made.keys);
        record.poster_keys.extend(shown.keys);
        stats.timings.extend(made.timings);
        stats.cpu = made.cpu;
    }
    record.poster_keys.extend(video_keys);
    if report.has_errors() {
        return None;
    }
    report.ok(stage(stats, "write", || staging.commit(record)))?;
    // Only a build that was published records what its copies of pack
    // pages are based on.
    let new_lock = drift::updated(&content, &packs, &lock);
    drift::write_lock(&options.root, &lock, &new_lock).map_err(|problem| report.push(problem)).ok();
    Some(())
}

/// Today, or `LOA_TODAY` (`YYYY-MM-DD`) so that checks can be reproduced.
fn today() -> chrono::NaiveDate {
    std::env::var("LOA_TODAY")
        .ok()
        .and_then(|d| content::front_matter::parse_date(&d))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
