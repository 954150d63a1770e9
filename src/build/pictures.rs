//! The `pictures` stage: every picture of the content at the widths a phone
//! needs (`crate::pictures`). A picture whose original has not changed since
//! the last build is linked from it, not encoded again.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::content::{Asset, Content};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::Msg;
use crate::output::{PictureKey, Record, Sink, Staging};
use crate::pictures::{self, Picture};

/// Writes every picture's files; gives, for the record, what each was made
/// from.
pub fn publish(
    content: &Content,
    staging: &Staging,
    previous: Option<(&Path, &Record)>,
    report: &Report,
) -> BTreeMap<String, PictureKey> {
    let mut all: Vec<(&Asset, &Picture)> =
        content.assets.values().filter_map(|a| a.picture.as_ref().map(|p| (a, p))).collect();
    all.sort_by(|a, b| a.0.output.cmp(&b.0.output));
    all.par_iter()
        .filter_map(|(asset, picture)| match one(asset, picture, staging, previous) {
            Ok(done) => Some(done),
            Err(problem) => {
                report.push(problem);
                None
            }
        })
        .collect()
}

/// One picture's files: reused, or encoded and written.
fn one(
    asset: &Asset,
    picture: &Picture,
    staging: &Staging,
    previous: Option<(&Path, &Record)>,
) -> Result<(String, PictureKey), Diagnostic> {
    let unreadable = |err: std::io::Error| crate::fs::read_error(&asset.shown, &err);
    let file = crate::fs::open_beneath(&asset.root, &asset.on_disk).map_err(unreadable)?;
    let stamp = crate::output::stamp(&file.metadata().map_err(unreadable)?);
    let old = previous.and_then(|(_, record)| record.picture_keys.get(&asset.output));
    let mut original = None;
    let hash = match old {
        Some(old) if old.stamp == stamp => old.hash.clone(),
        _ => {
            let bytes = crate::fs::read_beneath(&asset.root, &asset.on_disk).map_err(unreadable)?;
            let hash = hash_of(&bytes);
            original = Some(bytes);
            hash
        }
    };
    let key = PictureKey { stamp, hash };
    let variants = picture.variants(&asset.output);
    let files: Vec<String> = variants.iter().map(|v| v.path.clone()).collect();
    if let (Some(old), Some((folder, record))) = (old, previous)
        && old.hash == key.hash
        && record.files_untouched(folder, &files)
        && staging.link_all(folder, &files)
    {
        return Ok((asset.output.clone(), key));
    }
    let original = match original {
        Some(bytes) => bytes,
        None => crate::fs::read_beneath(&asset.root, &asset.on_disk).map_err(unreadable)?,
    };
    let encoded = pictures::encode(&original, picture, &variants).map_err(|detail| {
        Diagnostic::error(Msg::PictureBroken { detail }, Some(Location::file(&asset.shown)))
    })?;
    for (variant, bytes) in variants.iter().zip(encoded) {
        staging.write(&variant.path, &bytes)?;
    }
    Ok((asset.output.clone(), key))
}

/// The original's content and how loa encodes it: either changing makes
/// the files again.
fn hash_of(bytes: &[u8]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&pictures::ENCODING_VERSION.to_le_bytes());
    hasher.update(bytes);
    hasher.finalize().to_hex().to_string()
}
