//! What sites built in one run share (`loa build --sites`): each guide
//! pack is read once, and each poster theme's fonts and templates are
//! loaded once, whatever the number of sites using them. A site built
//! alone gets its own.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::{fingerprint, posters};
use crate::content::Layer;
use crate::diagnostics::Diagnostic;
use crate::packs::Pack;
use crate::poster::PosterEngine;
use crate::theme::Theme;

#[derive(Default)]
pub struct Shared {
    /// A pack's folder (canonical) → its files.
    layers: Mutex<HashMap<PathBuf, Arc<Layer>>>,
    /// A poster theme's fingerprint → its engine.
    engines: Mutex<HashMap<String, Arc<PosterEngine>>>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shared")
    }
}

/// The files of `pack`, read now or by an earlier site of this run.
pub fn layer(shared: Option<&Shared>, pack: &Pack) -> Arc<Layer> {
    let read = || Arc::new(Layer::read(&pack.dir, &pack.shown, true));
    let Some(shared) = shared else { return read() };
    let key = crate::fs::canonical(&pack.dir).unwrap_or_else(|_| crate::fs::absolute(&pack.dir));
    let mut layers = shared.layers.lock().unwrap_or_else(|e| e.into_inner());
    // Messages name the pack as each site writes it: share only between
    // sites that write it alike.
    match layers.get(&key) {
        Some(layer) if layer.shown() == pack.shown => Arc::clone(layer),
        _ => Arc::clone(layers.entry(key).insert_entry(read()).get()),
    }
}

/// The poster engine of `theme`, made now or by an earlier site of this run.
pub fn engine(shared: Option<&Shared>, theme: &Theme) -> Result<Arc<PosterEngine>, Diagnostic> {
    let Some(shared) = shared else { return posters::engine(theme).map(Arc::new) };
    let key = fingerprint::of_poster_theme(theme);
    let mut engines = shared.engines.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(engine) = engines.get(&key) {
        return Ok(Arc::clone(engine));
    }
    let engine = Arc::new(posters::engine(theme)?);
    engines.insert(key, Arc::clone(&engine));
    Ok(engine)
}
