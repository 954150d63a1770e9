//! `site.yaml`: the raw form as written, its validation, and the checked
//! `Config` the rest of the build uses.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::yaml::{self, Shape};

mod packs;
mod pano;
mod placements;
mod screens;
mod unit;

pub use packs::PackRef;
pub use pano::PanoEntry;
pub use placements::Placement;
use screens::RawScreens;
pub use screens::{ScreenEntry, Screens};
use unit::RawUnit;
pub use unit::{Unit, normalise_kind as unit_kind};

pub const FILE_NAME: &str = "site.yaml";

/// `site.yaml` as written. Unknown keys are found by the key pass
/// (`SHAPE`); the typed model ignores them.
#[derive(Deserialize)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    #[serde(default)]
    description: String,
    language: Option<Spanned<String>>,
    theme: Option<String>,
    #[serde(default)]
    unit: RawUnit,
    #[serde(default)]
    links: RawLinks,
    #[serde(default)]
    posters: Posters,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    review: ReviewConfig,
    #[serde(default)]
    video: VideoConfig,
    #[serde(default)]
    screens: RawScreens,
    #[serde(default)]
    packs: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
struct RawLinks {
    #[serde(default)]
    allowed_hosts: Vec<Spanned<String>>,
}

#[derive(Deserialize, Serialize, Clone, Debug)]
pub struct Posters {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "all_sizes")]
    pub sizes: Vec<PaperSize>,
    #[serde(default)]
    pub ecc: EccLevel,
    #[serde(default)]
    pub tracking: String,
    /// Large-format sizes as written; checked into `Config::pano`.
    #[serde(default)]
    pub pano: Vec<Spanned<PanoEntry>>,
    /// Where posters hang, as written; checked into `Config::placements`.
    #[serde(default)]
    pub placements: Vec<Spanned<Placement>>,
}

impl Default for Posters {
    fn default() -> Self {
        Posters {
            enabled: true,
            sizes: all_sizes(),
            ecc: EccLevel::default(),
            tracking: String::new(),
            pano: Vec::new(),
            placements: Vec::new(),
        }
    }
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PaperSize {
    A4,
    A3,
    A5,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EccLevel {
    L,
    #[default]
    M,
    Q,
    H,
}

#[derive(Deserialize, Serialize, Clone, Debug, Default)]
pub struct MarkdownConfig {
    /// Pass raw HTML in Markdown through to the page. Off by default: a
    /// pasted `<script>` or tracking pixel must not reach residents.
    #[serde(default)]
    pub allow_html: bool,
}

#[derive(Deserialize, Serialize, Clone, Debug)]
pub struct ReviewConfig {
    /// `loa check` warns when `reviewed` is older than this.
    #[serde(default = "six")]
    pub stale_after_months: u32,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig { stale_after_months: six() }
    }
}

#[derive(Deserialize, Serialize, Clone, Debug)]
pub struct VideoConfig {
    /// A clip file heavier than this many MB is a warning: residents pay
    /// for mobile data.
    #[serde(default = "fifty")]
    pub max_mb: u64,
}

impl Default for VideoConfig {
    fn default() -> Self {
        VideoConfig { max_mb: fifty() }
    }
}

fn fifty() -> u64 {
    50
}
fn yes() -> bool {
    true
}
fn six() -> u32 {
    6
}
fn all_sizes() -> Vec<PaperSize> {
    vec![PaperSize::A4, PaperSize::A3, PaperSize::A5]
}

/// The keys `site.yaml` may have: the fields of `RawConfig`, and of the
/// structs its sections are read into.
fn shape() -> &'static Shape {
    static SHAPE: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| {
        Shape::of::<RawConfig>()
            .with("unit", Shape::of::<RawUnit>().with("offices", Shape::of::<unit::Offices>()))
            .with("links", Shape::of::<RawLinks>())
            .with(
                "posters",
                Shape::of::<Posters>()
                    .with("pano", Shape::list(Shape::of::<pano::PanoKeys>()))
                    .with("placements", Shape::list(Shape::of::<Placement>())),
            )
            .with("markdown", Shape::of::<MarkdownConfig>())
            .with("review", Shape::of::<ReviewConfig>())
            .with("video", Shape::of::<VideoConfig>())
            .with("screens", Shape::of::<RawScreens>())
    })
}

/// The checked configuration.
#[derive(Serialize, Clone, Debug)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Without a trailing slash: `https://example.org/chanh-lo`.
    pub base_url: String,
    /// Always starts and ends with `/`: `/chanh-lo/`, or `/`.
    pub base_path: String,
    pub host: String,
    pub scheme: String,
    pub language: String,
    pub theme: String,
    pub unit: Unit,
    pub allowed_hosts: Vec<String>,
    pub posters: Posters,
    /// The large-format sizes every poster is also made in.
    pub pano: Vec<crate::poster::Pano>,
    /// Where posters hang; each gets its own tracked print set.
    pub placements: Vec<Placement>,
    pub markdown: MarkdownConfig,
    pub review: ReviewConfig,
    pub video: VideoConfig,
    /// The waiting-room screen (`man-hinh/`).
    pub screens: Screens,
    /// The guide packs whose pages the site publishes, in order of
    /// precedence (the site's own `content/` comes before all of them).
    #[serde(skip)]
    pub packs: Vec<PackRef>,
}

/// A checked base URL.
pub struct BaseUrl {
    pub origin: String,
    pub path: String,
    pub host: String,
    pub scheme: String,
}

/// Parses `text` as a site base URL: absolute http(s), a host, no
/// user name or password, no query or fragment. The host is kept in lower
/// case without a trailing dot, as it is compared and printed.
pub fn parse_base_url(text: &str) -> Option<BaseUrl> {
    let url = url::Url::parse(text.trim()).ok()?;
    let has_extras = !url.username().is_empty()
        || url.password().is_some()
        || url.query().is_some()
        || url.fragment().is_some();
    if !matches!(url.scheme(), "http" | "https") || has_extras {
        return None;
    }
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let origin = format!("{}://{host}{port}", url.scheme());
    let mut path = url.path().trim_end_matches('/').to_string();
    path.push('/');
    Some(BaseUrl { origin, path, host, scheme: url.scheme().to_string() })
}

impl Config {
    /// Reads and checks `ROOT/site.yaml`. `base_url_override` comes from
    /// `--base-url` and has already been checked.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<(Config, String), Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let shown = Path::new(FILE_NAME);
        if !path.is_file() {
            return Err(vec![Diagnostic::error(
                Msg::SiteYamlMissing { root: crate::fs::display(root) },
                Some(Location::file(shown)),
            )]);
        }
        let text = crate::fs::read_source(&path, shown).map_err(|d| vec![d])?;
        let config = Config::parse(&text, base_url_override)?;
        Ok((config, text))
    }

    /// Checks the text of a `site.yaml` (already normalised).
    pub fn parse(text: &str, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let shown = Path::new(FILE_NAME);
        let block = yaml::Block { yaml: text, file: shown, file_text: text, line_offset: 0 };
        let (raw, mut problems) = yaml::parse::<RawConfig>(&block, shape());
        let Some(raw) = raw else { return Err(problems) };
        match validate(raw, base_url_override, shown, text) {
            Ok(config) if problems.is_empty() => Ok(config),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors);
                Err(problems)
            }
        }
    }

    /// True when a link to `host` may be published.
    pub fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == self.host || self.allowed_hosts.iter().any(|pattern| host_matches(pattern, &host))
    }

    /// Site-absolute path for a page path (`vneid/kich-hoat/`).
    pub fn url_path(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// `https://example.org`: scheme and host, without the base path.
    pub fn origin(&self) -> &str {
        let path = self.base_path.trim_end_matches('/');
        self.base_url.strip_suffix(path).unwrap_or(&self.base_url)
    }

    /// Full URL for a page path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, self.url_path_from_root(path))
    }

    fn url_path_from_root(&self, path: &str) -> String {
        // base_url carries the base path already, without its final slash.
        format!("/{path}")
    }
}

fn validate(
    raw: RawConfig,
    base_url_override: Option<&str>,
    file: &Path,
    text: &str,
) -> Result<Config, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |s: &serde_saphyr::Location| {
        Some(Location::at_line(file, text, s.line() as usize, s.column() as usize))
    };
    let base_text = base_url_override.unwrap_or(&raw.base_url.value);
    let base = parse_base_url(base_text);
    if base.is_none() {
        errors.push(Diagnostic::error(
            Msg::BaseUrlInvalid { value: raw.base_url.value.clone() },
            at(&raw.base_url.referenced),
        ));
    }
    let mut allowed_hosts = Vec::new();
    for host in &raw.links.allowed_hosts {
        match normalise_host_pattern(&host.value) {
            Some(pattern) => allowed_hosts.push(pattern),
            None => errors.push(Diagnostic::error(
                Msg::HostPatternInvalid { value: host.value.clone() },
                at(&host.referenced),
            )),
        }
    }
    let language = match &raw.language {
        Some(lang) if is_language_tag(&lang.value) => lang.value.clone(),
        Some(lang) => {
            errors.push(Diagnostic::error(
                Msg::LanguageInvalid { value: lang.value.clone() },
                at(&lang.referenced),
            ));
            String::new()
        }
        None => "vi".to_string(),
    };
    if raw.title.trim().is_empty() {
        errors.push(Diagnostic::error(Msg::TitleEmpty, Some(Location::file(file))));
    }
    let unit = raw.unit.check(file, text, &mut errors);
    let pano = pano::check(&raw.posters.pano, file, text, &mut errors);
    let placements = placements::check(&raw.posters.placements, file, text, &mut errors);
    if raw.video.max_mb == 0 {
        let line = text.lines().position(|l| l.contains("max_mb")).map_or(1, |i| i + 1);
        errors.push(Diagnostic::error(Msg::VideoMaxMbInvalid, Some(Location::at_line(file, text, line, 1))));
    }
    let screens = raw.screens.check(file, text, &raw.posters.tracking, &mut errors);
    let packs = packs::check(&raw.packs, file, text, &mut errors);
    let Some(base) = base.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    Ok(Config {
        title: raw.title.trim().to_string(),
        description: raw.description.trim().to_string(),
        base_url: format!("{}{}", base.origin, base.path.trim_end_matches('/')),
        base_path: base.path,
        host: base.host,
        scheme: base.scheme,
        language,
        theme: raw.theme.unwrap_or_else(|| "default".to_string()),
        unit,
        allowed_hosts,
        posters: raw.posters,
        pano,
        placements,
        markdown: raw.markdown,
        review: raw.review,
        video: raw.video,
        screens,
        packs,
    })
}

/// `DichVuCong.gov.vn.` → `dichvucong.gov.vn`; `*.gov.vn` stays a pattern.
fn normalise_host_pattern(text: &str) -> Option<String> {
    let host = text.trim().trim_end_matches('.').to_ascii_lowercase();
    let name = host.strip_prefix("*.").unwrap_or(&host);
    let valid = !name.is_empty()
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    valid.then_some(host)
}

/// `*.gov.vn` matches `dichvucong.gov.vn` and `a.b.gov.vn`, not `gov.vn`.
pub fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => {
            host.len() > suffix.len() + 1 && host.ends_with(suffix) && {
                let cut = host.len() - suffix.len();
                host.as_bytes()[cut - 1] == b'.'
            }
        }
        None => pattern == host,
    }
}

fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_patterns() {
        assert!(host_matches("*.gov.vn", "dichvucong.gov.vn"));
        assert!(host_matches("*.gov.vn", "a.b.gov.vn"));
        assert!(!host_matches("*.gov.vn", "gov.vn"));
        assert!(!host_matches("*.gov.vn", "evilgov.vn"));
        assert!(!host_matches("*.gov.vn", "gov.vn.evil.com"));
        assert!(host_matches("vneid.gov.vn", "vneid.gov.vn"));
        assert!(!host_matches("vneid.gov.vn", "x.vneid.gov.vn"));
    }

    #[test]
    fn host_pattern_normalisation() {
        assert_eq!(normalise_host_pattern("DichVuCong.gov.vn.").as_deref(), Some("dichvucong.gov.vn"));
        assert_eq!(normalise_host_pattern("*.gov.vn").as_deref(), Some("*.gov.vn"));
        for bad in ["https://vneid.gov.vn", "vneid.gov.vn/x", "localhost", "*.", "a..b", "*gov.vn"] {
            assert_eq!(normalise_host_pattern(bad), None, "{bad}");
        }
    }

    #[test]
    fn base_urls() {
        let b = parse_base_url("https://example.org/chanh-lo/").unwrap();
        assert_eq!((b.origin.as_str(), b.path.as_str()), ("https://example.org", "/chanh-lo/"));
        let b = parse_base_url("http://Example.org").unwrap();
        assert_eq!((b.host.as_str(), b.path.as_str()), ("example.org", "/"));
        let b = parse_base_url("https://Example.ORG.:8443/x").unwrap();
        assert_eq!((b.origin.as_str(), b.host.as_str()), ("https://example.org:8443", "example.org"));
        for bad in [
            "example.org",
            "ftp://x.org",
            "https://x.org/?a=1",
            "https://x.org/#a",
            "https://user@x.org/",
            "https://user:pass@x.org/",
            "/chanh-lo",
            "",
        ] {
            assert!(parse_base_url(bad).is_none(), "{bad}");
        }
    }
}
