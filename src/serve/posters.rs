//! Posters in the preview. `loa serve` plans them exactly as `loa build`
//! does, lays them out to report what would not print, and draws a page's
//! files only when a browser asks for one, at the same paths as the build.
//! Drawn files are kept by a hash of their inputs, so a save redraws only
//! the posters whose words changed. Clips' title cards are drawn the same
//! way. Sheets, stickers, the print bundle and
//! the gallery are left to `loa build`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::build::Prepared;
use crate::build::posters::{self, Plan};
use crate::content::PageId;
use crate::diagnostics::Report;
use crate::poster::{PosterEngine, VideoCard};

/// The files one poster or card makes: (output path, bytes).
type Set = Vec<(String, Arc<[u8]>)>;
/// Drawn files by the hash of their inputs; shared by successive plans.
type Drawn = HashMap<String, Arc<Set>>;

/// Past this many drawn sets the cache starts again: a preview session
/// looks at a few posters, a gallery of thumbnails at many.
const CACHE_SETS: usize = 256;

pub struct Posters {
    engine: Arc<PosterEngine>,
    plan: Plan,
    /// Output path → what makes it.
    makers: HashMap<String, Maker>,
    /// Clips' title cards: their files (PNG, WebP) and what they show.
    videos: Vec<([String; 2], VideoCard)>,
    drawn: Arc<Mutex<Drawn>>,
}

#[derive(Clone, Copy)]
enum Maker {
    Job(usize),
    Card(usize),
    /// A clip's title card, by its index in `Posters::videos`.
    Video(usize),
}

impl Posters {
    /// Plans the site's posters; `None` when posters are off, or the theme's
    /// poster files are broken (reported).
    pub fn plan(prepared: &Prepared, report: &Report) -> Option<Posters> {
        if !prepared.config.posters.enabled {
            return None;
        }
        let engine = posters::engine(&prepared.theme).map_err(|problem| report.push(problem)).ok()?;
        Posters::with(prepared, Arc::new(engine), Arc::default(), report)
    }

    /// Plans again after pages changed, keeping the engine and what was drawn.
    pub fn replan(&self, prepared: &Prepared, report: &Report) -> Option<Posters> {
        Posters::with(prepared, Arc::clone(&self.engine), Arc::clone(&self.drawn), report)
    }

    fn with(
        prepared: &Prepared,
        engine: Arc<PosterEngine>,
        drawn: Arc<Mutex<Drawn>>,
        report: &Report,
    ) -> Option<Posters> {
        let Prepared { config, theme, content, rendered, shorts, placeholders, .. } = prepared;
        let band = if *placeholders > 0 { theme.strings.get("sample_band") } else { "" };
        let plan = posters::plan(content, rendered, config, &theme.strings, shorts, band, report);
        if plan.is_empty() {
            return None;
        }
        let mut makers = HashMap::new();
        for (i, job) in plan.jobs.iter().enumerate() {
            makers.extend(job.files.all().into_iter().map(|file| (file, Maker::Job(i))));
        }
        for (i, card) in plan.cards.iter().enumerate() {
            makers.insert(card.file.clone(), Maker::Card(i));
        }
        let mut videos = Vec::new();
        for (id, page) in content.pages.iter().enumerate() {
            if let Some(card) = crate::build::videos::card(content, config, &theme.strings, id) {
                let files = crate::render::video::card_files(&page.path);
                makers.extend(files.iter().map(|file| (file.clone(), Maker::Video(videos.len()))));
                videos.push((files, card));
            }
        }
        Some(Posters { engine, plan, makers, videos, drawn })
    }

    pub fn plan_ref(&self) -> &Plan {
        &self.plan
    }

    /// Reports what would not print, for every poster or those of `pages`.
    pub fn validate(&self, prepared: &Prepared, pages: Option<&[PageId]>, report: &Report) {
        match pages {
            None => posters::validate(&self.plan, &self.engine, &prepared.content, report),
            Some(pages) => {
                posters::validate_pages(&self.plan, &self.engine, &prepared.content, pages, report)
            }
        }
    }

    /// Whether `rel` is one of the files drawn on demand.
    pub fn makes(&self, rel: &str) -> bool {
        self.makers.contains_key(rel)
    }

    /// The file at `rel`, drawn now or earlier; `None` when it is not a
    /// poster file or its poster cannot be made (the reason is a warning).
    pub fn file(&self, rel: &str) -> Option<Arc<[u8]>> {
        let maker = *self.makers.get(rel)?;
        let key = self.key(maker);
        let cached = self.lock().get(&key).cloned();
        let set = match cached {
            Some(set) => set,
            None => {
                let set: Arc<Set> = Arc::new(
                    self.draw(maker)?.into_iter().map(|(name, bytes)| (name, Arc::from(bytes))).collect(),
                );
                let mut drawn = self.lock();
                if drawn.len() >= CACHE_SETS {
                    drawn.clear();
                }
                drawn.insert(key, Arc::clone(&set));
                set
            }
        };
        set.iter().find(|(name, _)| name == rel).map(|(_, bytes)| Arc::clone(bytes))
    }

    /// A hash of everything the files of `maker` are made from.
    fn key(&self, maker: Maker) -> String {
        match maker {
            Maker::Job(i) => posters::job_key(&self.plan.jobs[i]),
            Maker::Card(i) => {
                let card = &self.plan.cards[i].card;
                blake3::hash(&serde_json::to_vec(card).unwrap_or_default()).to_hex().to_string()
            }
            Maker::Video(i) => {
                let card = ("video", &self.videos[i].1);
                blake3::hash(&serde_json::to_vec(&card).unwrap_or_default()).to_hex().to_string()
            }
        }
    }

    /// The files `maker` makes, or `None` when they cannot be made.
    fn draw(&self, maker: Maker) -> Option<Vec<(String, Vec<u8>)>> {
        match maker {
            Maker::Job(i) => posters::draw_set(&self.engine, &self.plan.jobs[i]).ok(),
            Maker::Card(i) => {
                let card = &self.plan.cards[i];
                Some(vec![(card.file.clone(), self.engine.share_card(&card.card).ok()?)])
            }
            Maker::Video(i) => {
                let (files, card) = &self.videos[i];
                let bytes = crate::build::videos::draw(&self.engine, card).ok()?;
                Some(files.iter().cloned().zip(bytes).collect())
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Drawn> {
        self.drawn.lock().unwrap_or_else(|e| e.into_inner())
    }
}
