//! `posters.placements` in `site.yaml`: where posters hang, each a short
//! code and a name (`{ code: cho, name: "Chợ Chánh Lộ" }`). Every
//! placement gets its own print set whose codes carry the placement in the
//! tracking query, so `loa report` can count scans per place. The query's
//! name is spelled here once, for the build that writes it and the report
//! that reads it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// Codes are printed nowhere but sit in every QR code: short keeps the
/// code's version low.
const MAX_CODE_LEN: usize = 24;

/// One place where posters hang.
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub code: String,
    pub name: String,
}

impl Placement {
    /// The query parameter naming the placement: `?src=poster&noi=cho`
    /// ("nơi", place).
    pub const PARAM: &str = "noi";

    /// The tracking query of this placement's codes: the site's own
    /// tracking (`src=poster`, may be empty) plus `noi=<code>`.
    pub fn tracking(&self, site_tracking: &str) -> String {
        let site = site_tracking.trim().trim_start_matches('?');
        if site.is_empty() {
            format!("{}={}", Self::PARAM, self.code)
        } else {
            format!("{site}&{}={}", Self::PARAM, self.code)
        }
    }
}

/// Checks every entry: a code of `a-z`, `0-9` and `-`, used once, and a
/// name. Each bad one is an error at its line and is left out.
pub(super) fn check(
    entries: &[Spanned<Placement>],
    file: &Path,
    text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Placement> {
    let mut placements: Vec<Placement> = Vec::new();
    for entry in entries {
        let at = Some(Location::at_line(
            file,
            text,
            entry.referenced.line() as usize,
            entry.referenced.column() as usize,
        ));
        let placement = Placement {
            code: entry.value.code.trim().to_string(),
            name: entry.value.name.trim().to_string(),
        };
        let msg = if !is_code(&placement.code) {
            let suggestion = crate::slug::slugify(&placement.code);
            let suggestion =
                if is_code(&suggestion) { suggestion } else { crate::slug::slugify(&placement.name) };
            Some(Msg::PlacementCodeInvalid { value: placement.code.clone(), suggestion })
        } else if placements.iter().any(|p| p.code == placement.code) {
            Some(Msg::PlacementCodeRepeated { code: placement.code.clone() })
        } else if placement.name.is_empty() {
            Some(Msg::PlacementNameEmpty { code: placement.code.clone() })
        } else {
            None
        };
        match msg {
            Some(msg) => errors.push(Diagnostic::error(msg, at)),
            None => placements.push(placement),
        }
    }
    placements
}

/// `cho`, `nha-van-hoa-to-3`: what a slug is, and short.
pub fn is_code(code: &str) -> bool {
    (1..=MAX_CODE_LEN).contains(&code.len())
        && !code.starts_with('-')
        && !code.ends_with('-')
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site(placements: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(
            &format!("title: T\nbase_url: https://example.org/\nposters:\n  placements:\n{placements}"),
            None,
        )
    }

    #[test]
    fn placements_are_read_and_carry_their_code_in_the_query() {
        let config =
            site("    - { code: cho, name: \"Chợ Chánh Lộ\" }\n    - { code: mot-cua, name: \"Một cửa\" }\n")
                .expect("valid");
        let codes: Vec<&str> = config.placements.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["cho", "mot-cua"]);
        assert_eq!(config.placements[0].tracking("src=poster"), "src=poster&noi=cho");
        assert_eq!(config.placements[0].tracking(" ?src=poster"), "src=poster&noi=cho");
        assert_eq!(config.placements[1].tracking(""), "noi=mot-cua");
    }

    #[test]
    fn bad_entries_are_errors_at_their_line() {
        let errors = site(concat!(
            "    - { code: cho, name: \"Chợ\" }\n",
            "    - { code: \"Chợ Mới\", name: \"Chợ Mới\" }\n",
            "    - { code: cho, name: \"Chợ khác\" }\n",
            "    - { code: to-3, name: \" \" }\n",
        ))
        .expect_err("errors");
        let found: Vec<(&str, usize)> =
            errors.iter().map(|d| (d.msg.code(), d.location.as_ref().map_or(0, |l| l.line))).collect();
        assert_eq!(
            found,
            [("placement-code-invalid", 6), ("placement-code-repeated", 7), ("placement-name-empty", 8)]
        );
        assert!(format!("{:?}", errors[0].msg).contains("cho-moi"), "{:?}", errors[0].msg);
    }

    #[test]
    fn an_unknown_key_is_reported() {
        let errors = site("    - { code: cho, ten: \"Chợ\" }\n").expect_err("errors");
        assert!(errors.iter().any(|d| d.msg.code() == "unknown-key"), "{errors:?}");
    }

    #[test]
    fn codes() {
        for good in ["cho", "nha-van-hoa-to-3", "a"] {
            assert!(is_code(good), "{good}");
        }
        for bad in ["", "Cho", "chợ", "-cho", "cho-", "a b", "cho/1", &"x".repeat(25)] {
            assert!(!is_code(bad), "{bad}");
        }
    }
}
