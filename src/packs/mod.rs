//! Guide packs: folders laid out like `content/` that many sites publish
//! from, each described by its `pack.yaml` (name, version, maintainer, the
//! date its facts were last reviewed). A province keeps one pack current;
//! each commune's site lists it under `packs:` and adds its own pages.
//!
//! This module reads packs (`open`); merging their pages with a site's own
//! is `content`'s business, and telling an officer that the province
//! changed a page they had customised is `drift`'s.

pub mod drift;
mod manifest;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;

pub const MANIFEST: &str = "pack.yaml";

/// A pack a site uses, its `pack.yaml` read.
#[derive(Clone, Debug)]
pub struct Pack {
    pub name: String,
    pub version: String,
    pub maintainer: String,
    pub reviewed: Option<NaiveDate>,
    /// The folder, as the build reads it (site root joined with the path).
    pub dir: PathBuf,
    /// The folder as shown in messages, relative to the site
    /// (`../goi/quoc-gia`).
    pub shown: PathBuf,
    /// `pack.yaml` as written, for the fingerprint and for messages.
    pub manifest_text: String,
}

impl Pack {
    /// `pack.yaml`'s path as shown in messages.
    pub fn manifest_shown(&self) -> PathBuf {
        self.shown.join(MANIFEST)
    }
}

/// Reads the `pack.yaml` of every pack `site.yaml` lists. A pack that
/// cannot be read is an error at its line in `site.yaml` (or in its
/// `pack.yaml`) and is left out.
pub fn open(root: &Path, config: &Config, report: &Report) -> Vec<Pack> {
    config
        .packs
        .iter()
        .filter_map(|pack| open_one(root, &pack.path, &pack.location).map_err(|d| report.extend(d)).ok())
        .collect()
}

fn open_one(root: &Path, path: &str, at: &Location) -> Result<Pack, Vec<Diagnostic>> {
    let dir = root.join(path);
    let shown = PathBuf::from(path);
    if !dir.is_dir() {
        let msg =
            Msg::PackMissing { path: path.to_string(), root: crate::fs::display(&crate::fs::absolute(root)) };
        return Err(vec![Diagnostic::error(msg, Some(at.clone()))]);
    }
    let manifest_path = dir.join(MANIFEST);
    if !manifest_path.is_file() {
        return Err(vec![Diagnostic::error(
            Msg::PackManifestMissing { path: path.to_string() },
            Some(at.clone()),
        )]);
    }
    let manifest_shown = shown.join(MANIFEST);
    let text = crate::fs::read_source(&manifest_path, &manifest_shown).map_err(|d| vec![d])?;
    let manifest = manifest::parse(&text, &manifest_shown)?;
    Ok(Pack {
        name: manifest.name,
        version: manifest.version,
        maintainer: manifest.maintainer,
        reviewed: manifest.reviewed,
        dir,
        shown,
        manifest_text: text,
    })
}
