//! `loa build --sites DIR`: every site under `DIR` (a folder holding a
//! `site.yaml`), each built into its own output exactly as it would be
//! alone. Sites are built side by side on the same thread pool as their
//! posters: a site's own serial steps (reading, rendering pages, one
//! changed poster) then overlap with another's. They share what is the
//! same for all: the packs they read and the poster engines (fonts,
//! templates). One site's errors never stop the others.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Options, Outcome, Shared};
use crate::progress::{Progress, Silent};

/// Folders never searched for sites: build results, tools' folders, a
/// site's own sources.
const NOT_SITES: [&str; 6] = ["output", "content", "themes", "node_modules", "target", "static"];
/// How deep below `DIR` sites are looked for (`tinh/huyen-cu/xa-a`).
const MAX_DEPTH: usize = 4;

/// One site of the run.
pub struct SiteRun {
    /// The site's folder, relative to `DIR` (`xa-an-phu`).
    pub name: String,
    pub root: PathBuf,
    pub outcome: Outcome,
}

/// The folders below `dir` that hold a `site.yaml`, sorted by path. A
/// site's own sub-folders are not searched.
pub fn find(dir: &Path) -> Vec<PathBuf> {
    let mut sites = Vec::new();
    let mut walker =
        walkdir::WalkDir::new(dir).max_depth(MAX_DEPTH).sort_by_file_name().into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || (e.file_type().is_dir() && !name.starts_with('.') && !NOT_SITES.contains(&name.as_ref()))
        });
    while let Some(entry) = walker.next() {
        // A folder that cannot be read holds no site loa could build.
        let Ok(entry) = entry else { continue };
        if entry.path().join(crate::config::FILE_NAME).is_file() {
            sites.push(entry.path().to_path_buf());
            walker.skip_current_dir();
        }
    }
    sites
}

/// Builds every site in `sites` (folders under `dir`). `output`: where
/// outputs go, each in `output/<site name>`; by default each site's own
/// `output/`. `progress` ticks once per site.
pub fn build_all(
    dir: &Path,
    sites: &[PathBuf],
    output: Option<&Path>,
    drafts: bool,
    progress: &dyn Progress,
) -> Vec<SiteRun> {
    let shared = Arc::new(Shared::default());
    progress.start("sites", sites.len());
    let runs = sites
        .par_iter()
        .map(|root| {
            let name = match crate::fs::display(root.strip_prefix(dir).unwrap_or(root)) {
                // `DIR` is itself a site.
                name if name.is_empty() => crate::fs::display(&crate::fs::absolute(root))
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                name => name,
            };
            let out = match output {
                Some(output) => output.join(&name),
                None => root.join("output"),
            };
            let options = Options {
                root: root.clone(),
                output: out,
                base_url: None,
                drafts,
                timed: false,
                shared: Some(Arc::clone(&shared)),
            };
            let outcome = super::build(&options, &Silent);
            progress.tick();
            SiteRun { name, root: root.clone(), outcome }
        })
        .collect();
    progress.finish();
    runs
}
