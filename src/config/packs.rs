//! `packs` in `site.yaml`: the guide packs a site's pages come from, each a
//! folder path relative to the site (`packs: ["../goi/quoc-gia"]`). Only
//! the list is checked here; whether each folder holds a pack is `packs`'
//! business, which reads them.

use std::path::Path;

use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// One pack as `site.yaml` names it.
#[derive(Clone, Debug, PartialEq)]
pub struct PackRef {
    /// The folder as written, `/`-separated (`../goi/quoc-gia`).
    pub path: String,
    /// Its line in `site.yaml`, for errors about the pack as a whole.
    pub location: Location,
}

/// Checks every entry: not empty and named once. Each bad one is an error
/// at its line and is left out.
pub(super) fn check(
    entries: &[Spanned<String>],
    file: &Path,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<PackRef> {
    let mut packs: Vec<PackRef> = Vec::new();
    for entry in entries {
        let location = Location::at_line(
            file,
            text,
            entry.referenced.line() as usize,
            entry.referenced.column() as usize,
        );
        let path = entry.value.trim().replace('\\', "/").trim_end_matches('/').to_string();
        if path.is_empty() {
            errors.push(Diagnostic::error(Msg::PackPathEmpty, Some(location)));
        } else if packs.iter().any(|p| p.path == path) {
            errors.push(Diagnostic::error(Msg::PackRepeated { path }, Some(location)));
        } else {
            packs.push(PackRef { path, location });
        }
    }
    packs
}
