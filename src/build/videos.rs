//! The `videos` stage: every guide's clip judged once the content is
//! loaded (missing files are errors; a clip without captions or heavier
//! than `video.max_mb` is a warning), and the title cards loa draws for
//! clips that have no poster frame of their own. A card is cached by a
//! hash of what it shows, like the link-preview images; one that cannot
//! be drawn is a warning, never an error: the clip plays without it.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::video::Source;
use crate::content::{Content, PageId};
use crate::diagnostics::{Diagnostic, Report, Severity};
use crate::messages::Msg;
use crate::output::{Record, Sink, Staging};
use crate::poster::{PosterEngine, VideoCard};
use crate::render::video::{card_file, files};
use crate::theme::Theme;

/// Reports what is wrong with every page's clip.
pub fn check(content: &Content, config: &Config, report: &Report) {
    for id in 0..content.pages.len() {
        if let Some(files) = files(content, config, id) {
            report.extend(files.problems);
        }
    }
}

/// What the card stage draws with.
pub struct Cards<'a> {
    pub content: &'a Content,
    pub config: &'a Config,
    pub theme: &'a Theme,
    /// The posters' engine when the build made one; else one is made here.
    pub engine: Option<&'a PosterEngine>,
    pub theme_key: String,
    pub staging: &'a Staging<'a>,
    pub previous: Option<(&'a Path, &'a Record)>,
}

impl Cards<'_> {
    /// Draws (or reuses) the title card of every clip without a poster
    /// frame; gives each card's cache key, for the record.
    pub fn render(&self, report: &Report) -> BTreeMap<String, String> {
        let wanted: Vec<PageId> = (0..self.content.pages.len()).filter(|&id| self.needs_card(id)).collect();
        if wanted.is_empty() {
            return BTreeMap::new();
        }
        let own;
        let engine = match self.engine {
            Some(engine) => engine,
            None => match super::posters::engine(self.theme) {
                Ok(engine) => {
                    own = engine;
                    &own
                }
                Err(problem) => {
                    report.push(Diagnostic { severity: Severity::Warning, ..problem });
                    return BTreeMap::new();
                }
            },
        };
        wanted
            .par_iter()
            .filter_map(|&id| match self.card(engine, id) {
                Ok(done) => Some(done),
                Err(problem) => {
                    report.push(problem);
                    None
                }
            })
            .collect()
    }

    /// A clip shown on its page (its file exists) that has no poster frame.
    fn needs_card(&self, id: PageId) -> bool {
        let Some(video) = &self.content.pages[id].front.video else { return false };
        if video.poster.is_some() {
            return false;
        }
        match &video.source {
            Source::Embed(_) => true,
            Source::File(..) => files(self.content, self.config, id).is_some_and(|f| f.clip.is_some()),
        }
    }

    fn card(&self, engine: &PosterEngine, id: PageId) -> Result<(String, String), Diagnostic> {
        let page = &self.content.pages[id];
        let strings = &self.theme.strings;
        let duration = page.front.video.as_ref().and_then(|v| v.duration.as_ref()).map(|d| d.text.clone());
        let card = VideoCard {
            title: page.front.title.clone(),
            short_title: page.front.short_title.clone().unwrap_or_default(),
            unit_name: if self.config.unit.name.is_empty() {
                self.config.title.clone()
            } else {
                self.config.unit.ubnd.clone()
            },
            label: strings.get("video_card_label").to_string(),
            duration: duration.unwrap_or_default(),
            page_label: crate::fs::display(&page.file),
        };
        let file = card_file(&page.path);
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.theme_key.as_bytes());
        hasher.update(&serde_json::to_vec(&("video", &card)).unwrap_or_default());
        let key = hasher.finalize().to_hex().to_string();
        if self.reuse(&file, &key) {
            return Ok((file, key));
        }
        match engine.video_card(&card) {
            Ok(png) => self.staging.write(&file, &png).map(|()| (file, key)),
            Err(error) => {
                let at = page.front.video.as_ref().map(|v| v.at.clone());
                Err(Diagnostic::warning(Msg::VideoCardFailed { detail: error.to_string() }, at))
            }
        }
    }

    /// Links last build's card when it was made from the same inputs and
    /// nobody touched it since.
    fn reuse(&self, file: &str, key: &str) -> bool {
        let Some((folder, record)) = self.previous else { return false };
        let files = [file.to_string()];
        record.poster_keys.get(file).map(String::as_str) == Some(key)
            && record.files_untouched(folder, &files)
            && self.staging.link_all(folder, &files)
    }
}
