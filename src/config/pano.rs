//! `posters.pano` in `site.yaml`: the large-format sizes wanted, each
//! written as "80x120" (read from the default distance) or as
//! `{ size: "240x120", distance_m: 6 }`, checked into `Pano`s.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::poster::{PANO_DISTANCE_CM, PANO_SIDES_CM, Pano};

/// One entry of `posters.pano` as written.
#[derive(Deserialize, Serialize, Clone, Debug)]
#[serde(untagged)]
pub enum PanoEntry {
    Size(String),
    WithDistance { size: String, distance_m: Option<f64> },
}

/// The keys of the map form, for the unknown-key pass.
#[derive(Deserialize)]
#[allow(dead_code)]
pub(super) struct PanoKeys {
    size: String,
    distance_m: Option<f64>,
}

/// Checks every entry; each bad one is an error at its line.
pub(super) fn check(
    entries: &[Spanned<PanoEntry>],
    file: &Path,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Pano> {
    let mut panos: Vec<Pano> = Vec::new();
    for entry in entries {
        let at = Some(Location::at_line(
            file,
            text,
            entry.referenced.line() as usize,
            entry.referenced.column() as usize,
        ));
        let (size, distance) = match &entry.value {
            PanoEntry::Size(size) => (size, None),
            PanoEntry::WithDistance { size, distance_m } => (size, *distance_m),
        };
        let sides =
            Pano::parse_size(size).filter(|(w, h)| PANO_SIDES_CM.contains(w) && PANO_SIDES_CM.contains(h));
        let Some((w, h)) = sides else {
            errors.push(Diagnostic::error(Msg::PanoSizeInvalid { value: size.clone() }, at));
            continue;
        };
        let distance_cm = match distance {
            None => None,
            Some(m) if m.is_finite() && PANO_DISTANCE_CM.contains(&((m * 100.0).round() as u32)) => {
                Some((m * 100.0).round() as u32)
            }
            Some(m) => {
                // As written in site.yaml (a dot), so the officer finds it.
                errors.push(Diagnostic::error(Msg::PanoDistanceInvalid { value: m.to_string() }, at));
                continue;
            }
        };
        let pano = Pano::new(w, h, distance_cm);
        // One file per size: a repeated size keeps its first distance.
        if !panos.iter().any(|p| (p.width_cm, p.height_cm) == (w, h)) {
            panos.push(pano);
        }
    }
    panos
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn site(pano: &str) -> Result<Config, Vec<crate::diagnostics::Diagnostic>> {
        Config::parse(&format!("title: T\nbase_url: https://example.org/\nposters:\n  pano:\n{pano}"), None)
    }

    #[test]
    fn sizes_are_read_as_strings_or_with_a_distance() {
        let config = site("    - \"80x120\"\n    - { size: \"240x120\", distance_m: 6 }\n    - 80x120\n")
            .expect("valid");
        let got: Vec<(u16, u16, u32)> =
            config.pano.iter().map(|p| (p.width_cm, p.height_cm, p.distance_cm)).collect();
        assert_eq!(got, [(80, 120, 200), (240, 120, 600)]);
    }

    #[test]
    fn a_bad_size_or_distance_is_an_error_at_its_line() {
        let errors = site("    - \"80x120\"\n    - \"A0\"\n    - { size: \"60x90\", distance_m: 90 }\n")
            .expect_err("errors");
        let found: Vec<(&str, usize)> =
            errors.iter().map(|d| (d.msg.code(), d.location.as_ref().map_or(0, |l| l.line))).collect();
        assert_eq!(found, [("pano-size-invalid", 6), ("pano-distance-invalid", 7)]);
    }

    #[test]
    fn an_unknown_key_in_the_map_form_is_reported() {
        let errors = site("    - { size: \"60x90\", distanse_m: 3 }\n").expect_err("errors");
        assert!(errors.iter().any(|d| d.msg.code() == "unknown-key"), "{errors:?}");
    }
}
