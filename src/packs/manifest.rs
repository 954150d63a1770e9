//! `pack.yaml`: what a pack is (`name`, `version`), who keeps it
//! (`maintainer`) and when its facts were last checked (`reviewed`).

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::yaml::{self, Shape};

#[derive(Deserialize)]
pub struct Manifest {
    pub name: String,
    pub version: String,
    #[serde(default)]
    pub maintainer: String,
    #[serde(default, deserialize_with = "crate::content::front_matter::date")]
    pub reviewed: Option<NaiveDate>,
    /// Free text for the people who keep the pack; loa does not read it.
    #[serde(default)]
    #[allow(dead_code)]
    pub description: String,
}

/// Reads and checks the text of a `pack.yaml` (already normalised).
pub fn parse(text: &str, file: &Path) -> Result<Manifest, Vec<Diagnostic>> {
    let block = yaml::Block { yaml: text, file, file_text: text, line_offset: 0 };
    let (manifest, mut problems) = yaml::parse::<Manifest>(&block, &Shape::of::<Manifest>());
    let Some(mut manifest) = manifest else { return Err(problems) };
    manifest.name = manifest.name.trim().to_string();
    manifest.version = manifest.version.trim().to_string();
    manifest.maintainer = manifest.maintainer.trim().to_string();
    for (key, value) in [("name", &manifest.name), ("version", &manifest.version)] {
        if value.is_empty() {
            let line = text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |i| i + 1);
            let at = Location::at_line(file, text, line, 1);
            problems.push(Diagnostic::error(Msg::PackKeyEmpty { key: key.to_string() }, Some(at)));
        }
    }
    if problems.is_empty() { Ok(manifest) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_manifest_reads() {
        let text = "name: quoc-gia\nversion: \"2026.11\"\nmaintainer: Sở VHTT\nreviewed: 2026-11-20\n";
        let m = parse(text, Path::new("pack.yaml")).expect("valid");
        assert_eq!((m.name.as_str(), m.version.as_str()), ("quoc-gia", "2026.11"));
        assert_eq!(m.reviewed, NaiveDate::from_ymd_opt(2026, 11, 20));
    }

    #[test]
    fn missing_and_empty_keys_and_typos_are_errors_at_their_line() {
        let missing = parse("name: x\n", Path::new("pack.yaml")).err().expect("no version");
        assert!(missing.iter().any(|d| matches!(&d.msg, Msg::MissingKey { key } if key == "version")));
        let empty = parse("name: x\nversion: \" \"\n", Path::new("pack.yaml")).err().expect("empty version");
        assert_eq!(empty[0].location.as_ref().map(|l| l.line), Some(2));
        let typo =
            parse("name: x\nversion: 1\nreviewd: 2026-01-01\n", Path::new("pack.yaml")).err().expect("typo");
        assert!(typo.iter().any(|d| matches!(&d.msg, Msg::UnknownKey { .. })));
    }
}
