//! The poster stage of a build: the site-side use of the poster engine
//! (`crate::poster`, which knows nothing about sites). `plan` decides which
//! pages get a poster and what it says; `placements` the copies of them
//! for each place they hang; `render` draws them (cached by
//! their inputs); `print` makes the bundle, stickers and index sheets;
//! `overview` draws the sections' panos; `gallery` the manifest and the
//! officers' page; `validate` is what `check` asks instead. `files` names
//! every file the stage writes.

mod clock;
mod errors;
pub mod files;
mod gallery;
mod overview;
mod placements;
mod plan;
mod print;
mod render;
mod validate;

pub use clock::Clock;
pub use errors::{at_page, poster_error};
pub use plan::{Plan, has_poster};
pub use render::{Renderer, draw_set, job_key};
pub use validate::{validate, validate_pages};

use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Report};
use crate::markdown::Rendered;
use crate::poster::{PosterEngine, PosterFonts};
use crate::render::ShortPaths;
use crate::theme::{Strings, Theme};

/// Decides the posters of the site (`plan`) and their placements' copies.
pub fn plan(
    content: &Content,
    rendered: &[Rendered],
    config: &Config,
    strings: &Strings,
    shorts: &ShortPaths,
    band: &str,
    report: &Report,
) -> Plan {
    let mut plan = plan::plan(content, rendered, config, strings, shorts, band, report);
    plan.placements = placements::sets(&plan, config, strings);
    plan
}

/// The poster engine for a theme: its `posters/*.svg` templates and fonts.
pub fn engine(theme: &Theme) -> Result<PosterEngine, Diagnostic> {
    let templates: Vec<(String, String)> =
        theme.under("posters/").map(|(name, file)| (name.to_string(), file.text().into_owned())).collect();
    // The family's faces sit in `fonts/`; fallbacks in `fonts/fallback/`,
    // tried in file-name order.
    let font = |weight: &str| {
        theme
            .under("fonts/")
            .find(|(name, _)| !name.contains('/') && name.ends_with(".ttf") && name.contains(weight))
            .map(|(_, file)| file.bytes.to_vec())
            .unwrap_or_default()
    };
    let fallbacks = theme
        .under("fonts/fallback/")
        .filter(|(name, _)| name.ends_with(".ttf") || name.ends_with(".otf"))
        .map(|(name, file)| (name.to_string(), file.bytes.to_vec()))
        .collect();
    let fonts = PosterFonts::from_bytes(font("Regular"), font("Bold"), fallbacks)
        .map_err(|e| errors::poster_error(e, None))?;
    PosterEngine::new(templates, fonts).map_err(|e| errors::poster_error(e, Some(theme)))
}
