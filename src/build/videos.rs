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
use crate::render::video::{card_files, files};
use crate::theme::{Strings, Theme};

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
        let strings = &self.theme.strings;
        let wanted: Vec<(PageId, VideoCard)> = (0..self.content.pages.len())
            .filter_map(|id| card(self.content, self.config, strings, id).map(|card| (id, card)))
            .collect();
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
            .filter_map(|(id, card)| match self.one(engine, *id, card) {
                Ok(done) => Some(done),
                Err(problem) => {
                    report.push(problem);
                    None
                }
            })
            .collect()
    }

    fn one(
        &self,
        engine: &PosterEngine,
        id: PageId,
        card: &VideoCard,
    ) -> Result<(String, String), Diagnostic> {
        let page = &self.content.pages[id];
        let files = card_files(&page.path);
        let file = files[0].clone();
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.theme_key.as_bytes());
        hasher.update(&serde_json::to_vec(&("video", card)).unwrap_or_default());
        let key = hasher.finalize().to_hex().to_string();
        if self.reuse(&file, &key, &files) {
            return Ok((file, key));
        }
        match draw(engine, card) {
            Ok([png, webp]) => {
                self.staging.write(&files[0], &png)?;
                self.staging.write(&files[1], &webp).map(|()| (file, key))
            }
            Err(detail) => {
                let at = page.front.video.as_ref().map(|v| v.at.clone());
                Err(Diagnostic::warning(Msg::VideoCardFailed { detail }, at))
            }
        }
    }

    /// Links last build's card when it was made from the same inputs and
    /// nobody touched it since.
    fn reuse(&self, file: &str, key: &str, files: &[String]) -> bool {
        let Some((folder, record)) = self.previous else { return false };
        record.poster_keys.get(file).map(String::as_str) == Some(key)
            && record.files_untouched(folder, files)
            && self.staging.link_all(folder, files)
    }
}

/// The title card page `id` needs: its clip is shown (a file that exists,
/// or an embed) and has no poster frame of its own.
pub fn card(content: &Content, config: &Config, strings: &Strings, id: PageId) -> Option<VideoCard> {
    let page = &content.pages[id];
    let video = page.front.video.as_ref()?;
    let shown = match &video.source {
        Source::Embed(_) => true,
        Source::File(..) => files(content, config, id).is_some_and(|f| f.clip.is_some()),
    };
    if video.poster.is_some() || !shown {
        return None;
    }
    Some(VideoCard {
        title: page.front.title.clone(),
        short_title: page.front.short_title.clone().unwrap_or_default(),
        unit_name: if config.unit.name.is_empty() { config.title.clone() } else { config.unit.ubnd.clone() },
        label: strings.get("video_card_label").to_string(),
        duration: video.duration.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
        page_label: crate::fs::display(&page.file),
    })
}

/// A card's files, as `card_files` names them: the PNG, and the same as
/// lossless WebP.
pub fn draw(engine: &PosterEngine, card: &VideoCard) -> Result<[Vec<u8>; 2], String> {
    let png = engine.video_card(card).map_err(|e| e.to_string())?;
    let webp = crate::pictures::drawn_webp(&png)?;
    Ok([png, webp])
}
