//! Drawing the sections' overview panos (decided in `plan.rs`): cached by
//! their inputs like posters; one that does not fit is a warning at the
//! section's `_index.md`, and the rest are still made.

use super::errors::Problems;
use super::plan::Overview;
use super::render::Renderer;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;

impl Renderer<'_> {
    /// Draws (or reuses) every overview pano; returns the cache keys.
    pub(super) fn draw_overviews(
        &self,
        overviews: &[Overview],
        problems: &Problems,
    ) -> Result<Vec<(String, String)>, Diagnostic> {
        let mut keys = Vec::new();
        for overview in overviews {
            let files: Vec<String> = self.config.pano.iter().map(|&p| overview.file(p)).collect();
            let id = format!("{}overview", overview.dir);
            let key = self.key(&("overview", &overview.data, &overview.meta, &self.config.pano));
            if self.reuse(&id, &key, &files) {
                keys.push((id, key));
                continue;
            }
            let mut complete = true;
            for &pano in &self.config.pano {
                let pdf = self
                    .clock
                    .time("pano pdf", || self.engine.pano(&overview.data, pano)?.pdf(&overview.meta));
                match pdf {
                    Ok(pdf) => self.staging.write(&overview.file(pano), &pdf)?,
                    Err(error) => {
                        let page = &self.content.pages[overview.section];
                        problems.pano(overview.section, pano, error, page);
                        complete = false;
                    }
                }
            }
            if complete {
                keys.push((id, key));
            }
        }
        Ok(keys)
    }
}
