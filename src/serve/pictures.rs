//! Pictures in the preview: their sizes are made on first request, as the
//! build makes them, and kept while the original file is unchanged, so
//! starting `loa serve` never waits for a hundred screenshots.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::content::{Asset, Content};

type Stamp = (u64, u128);

/// Every variant's bytes, in `Picture::variants` order.
type Made = Arc<Vec<Vec<u8>>>;

/// Made pictures: original's output path → its stamp and its files.
#[derive(Default)]
pub struct PictureCache(Mutex<HashMap<String, (Stamp, Made)>>);

impl PictureCache {
    /// The bytes of variant `index` of `asset`'s picture; `None` when the
    /// original cannot be read or decoded (the preview answers 404, the
    /// build reports it).
    pub fn variant(&self, asset: &Asset, index: usize) -> Option<Vec<u8>> {
        let picture = asset.picture.as_ref()?;
        let file = crate::fs::open_beneath(&asset.root, &asset.on_disk).ok()?;
        let stamp = crate::output::stamp(&file.metadata().ok()?);
        let cached = self.lock().get(&asset.output).filter(|(s, _)| *s == stamp).map(|(_, f)| Arc::clone(f));
        let files = match cached {
            Some(files) => files,
            None => {
                let original = crate::fs::read_beneath(&asset.root, &asset.on_disk).ok()?;
                let made =
                    crate::pictures::encode(&original, picture, &picture.variants(&asset.output)).ok()?;
                let made = Arc::new(made);
                self.lock().insert(asset.output.clone(), (stamp, Arc::clone(&made)));
                made
            }
        };
        files.get(index).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Stamp, Made)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Every picture file of the site, to be made on request: its output path,
/// its picture and which of the picture's variants it is.
pub fn files(content: &Content) -> Vec<(String, Arc<Asset>, usize)> {
    let mut files = Vec::new();
    for asset in content.assets.values() {
        let Some(picture) = &asset.picture else { continue };
        let shared = Arc::new(asset.clone());
        for (index, variant) in picture.variants(&asset.output).into_iter().enumerate() {
            files.push((variant.path, Arc::clone(&shared), index));
        }
    }
    files
}
