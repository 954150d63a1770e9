//! `screens:` in `site.yaml`: the waiting-room screen (`man-hinh/`). Which
//! sections or pages it shows, how long each slide stays, and the tracking
//! query of its QR codes. Whether the listed pages exist is checked once
//! the content is loaded (`build::screens::check_pages`); each entry keeps
//! its line in `site.yaml` for that error.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// Shown when `pages` is not written: the services and VNeID guides.
pub const DEFAULT_PAGES: [&str; 2] = ["dich-vu-cong/", "vneid/"];
/// Seconds a slide stays when `seconds` is not written.
pub const DEFAULT_SECONDS: u32 = 20;
/// Shorter than 5 s nobody reads four steps; longer than 10 min is a still.
pub const SECONDS: std::ops::RangeInclusive<u32> = 5..=600;
/// The query the screen's QR codes carry when posters are tracked.
pub const DEFAULT_TRACKING: &str = "src=man-hinh";

/// `screens:` as written.
#[derive(Deserialize, Default)]
pub struct RawScreens {
    enabled: Option<bool>,
    pages: Option<Vec<Spanned<String>>>,
    seconds: Option<Spanned<i64>>,
    tracking: Option<String>,
}

/// One entry of `screens.pages` and where it is written.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ScreenEntry {
    /// `dich-vu-cong/` (a section) or `vneid/kich-hoat` (a page).
    pub value: String,
    /// 1-based line and column in `site.yaml`; 0 for the defaults.
    pub line: usize,
    pub column: usize,
}

/// The checked `screens:` settings.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Screens {
    pub enabled: bool,
    pub pages: Vec<ScreenEntry>,
    /// `pages` was written (else the defaults, skipped when missing).
    pub explicit: bool,
    pub seconds: u32,
    /// Query added to the screen's QR codes (without `?`), or empty.
    pub tracking: String,
}

impl Default for Screens {
    fn default() -> Self {
        RawScreens::default().check(Path::new(""), "", "", &mut Vec::new())
    }
}

impl RawScreens {
    /// Checks `seconds`; `poster_tracking` decides the default tracking (a
    /// site that tracks poster scans gets the screen's counted apart).
    pub fn check(
        self,
        file: &Path,
        text: &str,
        poster_tracking: &str,
        errors: &mut Vec<Diagnostic>,
    ) -> Screens {
        let seconds = match self.seconds {
            None => DEFAULT_SECONDS,
            Some(s) if u32::try_from(s.value).is_ok_and(|v| SECONDS.contains(&v)) => s.value as u32,
            Some(s) => {
                let at = Location::at_line(
                    file,
                    text,
                    s.referenced.line() as usize,
                    s.referenced.column() as usize,
                );
                let (min, max) = (*SECONDS.start(), *SECONDS.end());
                errors.push(Diagnostic::error(
                    Msg::ScreenSecondsInvalid { value: s.value, min, max },
                    Some(at),
                ));
                DEFAULT_SECONDS
            }
        };
        let explicit = self.pages.is_some();
        let pages = match self.pages {
            Some(pages) => pages
                .into_iter()
                .map(|p| ScreenEntry {
                    value: p.value.trim().to_string(),
                    line: p.referenced.line() as usize,
                    column: p.referenced.column() as usize,
                })
                .collect(),
            None => DEFAULT_PAGES
                .iter()
                .map(|p| ScreenEntry { value: p.to_string(), line: 0, column: 0 })
                .collect(),
        };
        let tracking = match self.tracking {
            Some(t) => t.trim().trim_start_matches('?').to_string(),
            None if poster_tracking.trim().is_empty() => String::new(),
            None => DEFAULT_TRACKING.to_string(),
        };
        Screens { enabled: self.enabled.unwrap_or(true), pages, explicit, seconds, tracking }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    fn screens(yaml: &str) -> super::Screens {
        let text = format!("title: x\nbase_url: \"https://example.org\"\n{yaml}");
        Config::parse(&text, None).map(|c| c.screens).unwrap_or_else(|e| panic!("{yaml}: {e:?}"))
    }

    #[test]
    fn defaults_and_tracking() {
        let plain = screens("");
        assert!(plain.enabled && !plain.explicit && plain.seconds == 20 && plain.tracking.is_empty());
        let values: Vec<&str> = plain.pages.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(values, ["dich-vu-cong/", "vneid/"]);
        // Scans are counted apart only where poster scans are counted.
        assert_eq!(screens("posters:\n  tracking: src=poster\n").tracking, "src=man-hinh");
        assert_eq!(
            screens("posters:\n  tracking: src=poster\nscreens:\n  tracking: \"?tv=1\"\n").tracking,
            "tv=1"
        );
        let listed = screens("screens:\n  pages: [\"vneid/kich-hoat\"]\n  seconds: 600\n");
        assert!(listed.explicit && listed.seconds == 600);
        assert_eq!((listed.pages[0].line, listed.pages[0].column), (4, 11));
    }

    #[test]
    fn seconds_out_of_range_are_errors() {
        for bad in ["4", "601", "-1"] {
            let text = format!("title: x\nbase_url: \"https://example.org\"\nscreens:\n  seconds: {bad}\n");
            let errors = Config::parse(&text, None).err().unwrap_or_default();
            assert!(errors.iter().any(|e| e.msg.code() == "screen-seconds-invalid"), "{bad}");
        }
    }
}
