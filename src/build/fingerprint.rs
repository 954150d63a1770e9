//! What a build depends on, hashed: to skip the build of an unchanged site,
//! and to tell whether a poster can be reused. Every input counts: the
//! content, theme and `site.yaml`, the flags, and the loa program itself.

use std::path::Path;

use super::{Sources, Stats};
use crate::output;
use crate::theme::Theme;

/// `loa 0.1.0`, as the record and the pages' generator tag say.
pub fn generator() -> String {
    format!("loa {}", env!("CARGO_PKG_VERSION"))
}

/// Which loa made a build: its version, and a hash of the program itself so
/// that a rebuilt binary never trusts output made by an older one.
fn build_identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let program = std::env::current_exe().and_then(std::fs::read).unwrap_or_default();
        format!("{} {}", generator(), blake3::hash(&program).to_hex())
    })
}

/// A hash of everything the output depends on.
pub fn of_sources(sources: &Sources, drafts: bool, base_url: Option<&str>) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(build_identity().as_bytes());
    hasher.update(&[u8::from(drafts)]);
    hasher.update(base_url.unwrap_or_default().as_bytes());
    hasher.update(sources.config_text.as_bytes());
    sources.theme.fingerprint(&mut hasher);
    sources.files.fingerprint(&mut hasher);
    for pack in &sources.packs {
        hasher.update(pack.manifest_text.as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// What every poster depends on besides its own wording: loa itself and
/// the theme's poster templates and fonts.
pub fn of_poster_theme(theme: &Theme) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(build_identity().as_bytes());
    for prefix in ["posters/", "fonts/"] {
        for (name, file) in theme.under(prefix) {
            hasher.update(name.as_bytes());
            hasher.update(&file.bytes);
        }
    }
    hasher.finalize().to_hex().to_string()
}

/// True when `output` already is what a build with `fingerprint` would
/// write; `stats` then tells what it holds.
pub fn unchanged(output: &Path, fingerprint: &str, stats: &mut Stats) -> bool {
    let Some(record) = output::read_record(output) else {
        return false;
    };
    if record.fingerprint != fingerprint || !output::output_intact(output, &record) {
        return false;
    }
    stats.pages = record.pages;
    stats.posters = record.posters;
    stats.unchanged = true;
    true
}
