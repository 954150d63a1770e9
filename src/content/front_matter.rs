//! Front matter: splitting it off a Markdown file, the raw YAML form, and the
//! checked `FrontMatter` the rest of the build uses.

use std::fmt;
use std::path::Path;

use chrono::NaiveDate;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;
use crate::yaml::{self, Shape};

/// A Markdown file cut into its front matter and body.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Cuts `---\n…\n---\n` off the start of `text`.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text.trim_end() == "---").then_some("")) else {
        return Err(Diagnostic::error(Msg::FrontMatterMissing, Some(Location::at_line(file, text, 1, 1))));
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset - 4];
            let body_offset = offset + line.len();
            return Ok(Split { yaml, body_offset });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(Msg::FrontMatterUnclosed, Some(Location::at_line(file, text, 1, 1))))
}

/// Front matter as written. Unknown keys are found by the key pass
/// (`SHAPE`); the typed model ignores them.
#[derive(Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    short_title: Option<String>,
    description: Option<String>,
    slug: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "date")]
    date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "date")]
    reviewed: Option<NaiveDate>,
    #[serde(default)]
    sources: Vec<Source>,
    weight: Option<i64>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    poster: PosterSetting,
    sort_by: Option<SortBy>,
    #[serde(default)]
    feed: bool,
    service: Option<Spanned<Service>>,
    video: Option<super::video::RawVideo>,
    #[serde(default)]
    hidden: Vec<Spanned<String>>,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// `poster:` is `false`, or a map that fills in the poster's wording.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum PosterSetting {
    #[default]
    Auto,
    Off,
    Custom(PosterFields),
}

#[derive(Deserialize, Serialize, Clone, Debug, Default, PartialEq)]
pub struct PosterFields {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    /// A warning printed in a box (an anti-scam line, say).
    pub note: Option<String>,
    pub sizes: Option<Vec<crate::config::PaperSize>>,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Weight,
    Date,
    Title,
}

/// One of the 25 essential online public services (Chỉ thị 24/CT-TTg).
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct Service {
    /// The site's own row number, 1–25.
    pub number: i64,
    /// Official name, as published.
    pub name: String,
    pub group: ServiceGroup,
    pub agency: Option<String>,
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub legal_basis: Vec<String>,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceGroup {
    BoCongAn,
    CapXa,
    NganhKhac,
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Dvcqg,
    Vneid,
}

/// The keys front matter may have: the fields of `RawFrontMatter`, and of
/// the structs its blocks are read into.
fn shape() -> &'static Shape {
    static SHAPE: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| {
        Shape::of::<RawFrontMatter>()
            .with("sources", Shape::list(Shape::of::<Source>()))
            .with("poster", Shape::of::<PosterFields>())
            .with("service", Shape::of::<Service>())
            .with("video", Shape::of::<super::video::RawVideo>())
    })
}

/// Checked front matter.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    /// A shorter title for posters, sheets and stickers, when the title
    /// does not fit there.
    pub short_title: Option<String>,
    pub description: Option<String>,
    /// Already checked to be a clean slug.
    pub slug: Option<String>,
    pub date: Option<NaiveDate>,
    pub reviewed: Option<NaiveDate>,
    pub sources: Vec<Source>,
    pub weight: Option<i64>,
    pub tags: Vec<String>,
    /// Other words residents search by (`keywords:`), for the search only.
    pub keywords: Vec<String>,
    pub draft: bool,
    /// Normalised alias paths (`tamtru/`), each with where it was written.
    pub aliases: Vec<(String, Location)>,
    pub poster: PosterSetting,
    pub sort_by: SortBy,
    pub feed: bool,
    pub service: Option<(Service, Location)>,
    /// The page's clip (`video:`), checked as far as it can be alone.
    pub video: Option<super::video::Video>,
    /// Pack pages and sections a site's `_index.md` leaves out, relative to
    /// its folder (`tai-khoan-to-chuc.md`, `cu-tru/`), each with where it
    /// was written.
    pub hidden: Vec<(String, Location)>,
}

/// Parses and checks the front matter of `file`, keeping what could be
/// read despite its problems (a wrong slug is dropped, an unknown key
/// ignored) so that the rest of the site can still be checked in the same
/// run. `None` when the YAML could not be read at all. Variables are not
/// expanded here (`content::read_front_matter` does both).
pub fn parse_lenient(
    yaml_text: &str,
    file: &Path,
    file_text: &str,
) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let block = yaml::Block { yaml: yaml_text, file, file_text, line_offset: 1 };
    let (raw, mut problems) = yaml::parse::<RawFrontMatter>(&block, shape());
    let front = raw.map(|raw| check(raw, file, file_text, &mut problems));
    (front, problems)
}

impl FrontMatter {
    /// Front matter with only a title: for folders without `_index.md`, and
    /// for files whose front matter cannot be read (an error says so).
    pub fn titled(title: String) -> FrontMatter {
        FrontMatter {
            title,
            short_title: None,
            description: None,
            slug: None,
            date: None,
            reviewed: None,
            sources: Vec::new(),
            weight: None,
            tags: Vec::new(),
            keywords: Vec::new(),
            draft: false,
            aliases: Vec::new(),
            poster: PosterSetting::Auto,
            sort_by: SortBy::Weight,
            feed: false,
            service: None,
            video: None,
            hidden: Vec::new(),
        }
    }
}

fn check(raw: RawFrontMatter, file: &Path, text: &str, errors: &mut Vec<Diagnostic>) -> FrontMatter {
    let at = |s: &serde_saphyr::Location| {
        Location::at_line(file, text, s.line() as usize + 1, s.column() as usize)
    };
    let title = raw.title.as_deref().map(str::trim).unwrap_or_default().to_string();
    if raw.title.is_none() {
        errors.push(Diagnostic::error(
            Msg::MissingKey { key: "title".into() },
            Some(Location::at_line(file, text, 1, 1)),
        ));
    } else if title.is_empty() {
        errors.push(Diagnostic::error(Msg::TitleEmpty, Some(key_line(file, text, "title"))));
    }
    let slug = raw.slug.and_then(|slug| {
        if crate::slug::is_slug(&slug.value) {
            return Some(slug.value);
        }
        let suggestion = crate::slug::slugify(&slug.value);
        let suggestion = if suggestion.is_empty() { "ten-trang".to_string() } else { suggestion };
        errors.push(Diagnostic::error(
            Msg::SlugInvalid { value: slug.value.clone(), suggestion },
            Some(at(&slug.referenced)),
        ));
        None
    });
    let mut aliases = Vec::new();
    for alias in raw.aliases {
        match normalise_alias(&alias.value) {
            Some(path) => aliases.push((path, at(&alias.referenced))),
            None => errors.push(Diagnostic::error(
                Msg::AliasInvalid { value: alias.value.clone() },
                Some(at(&alias.referenced)),
            )),
        }
    }
    let service = raw.service.map(|s| {
        let location = at(&s.referenced);
        if !(1..=25).contains(&s.value.number) {
            errors.push(Diagnostic::error(
                Msg::ServiceNumberInvalid { number: s.value.number },
                Some(key_line(file, text, "number")),
            ));
        }
        (s.value, location)
    });
    let video = raw.video.and_then(|v| super::video::check(v, key_line(file, text, "video"), &at, errors));
    FrontMatter {
        title,
        short_title: raw.short_title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        description: raw.description.map(|d| d.trim().to_string()).filter(|d| !d.is_empty()),
        slug,
        date: raw.date,
        reviewed: raw.reviewed,
        sources: raw.sources,
        weight: raw.weight,
        tags: distinct_tags(raw.tags),
        keywords: raw.keywords.into_iter().map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect(),
        draft: raw.draft,
        aliases,
        poster: raw.poster,
        sort_by: raw.sort_by.unwrap_or_default(),
        feed: raw.feed,
        service,
        video,
        hidden: raw
            .hidden
            .into_iter()
            .map(|h| (h.value.trim().replace('\\', "/"), at(&h.referenced)))
            .filter(|(h, _)| !h.is_empty())
            .collect(),
    }
}

/// Tags trimmed, empty ones dropped, and those that differ only by case or
/// accents (`VNeID`, `vneid`) kept once: they are one tag with one page.
fn distinct_tags(tags: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    tags.into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && seen.insert(crate::slug::slugify(t)))
        .collect()
}

/// The location of `key:` in the front matter, or the first line.
pub fn key_line(file: &Path, text: &str, key: &str) -> Location {
    let prefix = format!("{key}:");
    let line = text.lines().position(|l| l.trim_start().starts_with(&prefix)).map_or(1, |i| i + 1);
    let column = text.lines().nth(line - 1).map_or(1, |l| l.len() - l.trim_start().len() + 1);
    Location::at_line(file, text, line, column)
}

/// `/TamTru` is refused; `/tamtru/`, `tamtru`, `cu-tru/tam-tru` become
/// `tamtru/` and `cu-tru/tam-tru/`: clean segments that cannot climb out
/// of the output folder.
pub fn normalise_alias(text: &str) -> Option<String> {
    let trimmed = text.trim().trim_matches('/');
    let trimmed = trimmed.strip_suffix("/index.html").unwrap_or(trimmed);
    if trimmed.is_empty() {
        return None;
    }
    let mut out = String::new();
    for segment in trimmed.split('/') {
        let ok = !segment.is_empty()
            && segment != "."
            && segment != ".."
            && segment
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.');
        if !ok || segment.starts_with('.') {
            return None;
        }
        out.push_str(segment);
        out.push('/');
    }
    Some(out)
}

pub(crate) fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_date(&text).map(Some).ok_or_else(|| yaml::custom_error("date", "date", text.trim()))
}

/// `2025-10-01`, or the date of a full time stamp (`2025-10-01T08:00:00+07:00`,
/// `2025-10-01 08:00`). The year has four digits and whatever follows the
/// date must itself be a valid time: `-001-01-01` and `2026-01-01Tgarbage`
/// are refused, not read as something else.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let (date_part, time_part) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], Some(&text[i..])),
        None => (text, None),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let fields: Vec<&str> = date_part.split('-').collect();
    let well_formed = matches!(fields.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 && digits(y) && digits(m) && digits(d));
    if !well_formed {
        return None;
    }
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()?;
    match time_part {
        None => Some(date),
        Some(_) if valid_time_stamp(text) => Some(date),
        Some(_) => None,
    }
}

/// RFC 3339 (`…T08:00:00+07:00`, `…Z`) or a local time (`… 08:00`, `…T08:00:00`).
fn valid_time_stamp(text: &str) -> bool {
    let local = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
        || chrono::DateTime::parse_from_rfc3339(&text.replacen(' ', "T", 1)).is_ok()
        || local.iter().any(|f| chrono::NaiveDateTime::parse_from_str(text, f).is_ok())
}

impl<'de> Deserialize<'de> for PosterSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PosterSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`false`, or a map with title, subtitle, steps, sizes")
            }
            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<PosterSetting, E> {
                Ok(if on { PosterSetting::Auto } else { PosterSetting::Off })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PosterSetting, A::Error> {
                let fields = PosterFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(PosterSetting::Custom(fields))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let file = Path::new("content/a.md");
        let s = split(text, file).map_err(|d| vec![d])?;
        match parse_lenient(s.yaml, file, text) {
            (Some(front), problems) if problems.is_empty() => Ok(front),
            (_, problems) => Err(problems),
        }
    }

    #[test]
    fn split_front_matter() {
        let text = "---\ntitle: A\n---\nBody\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!((s.yaml, &text[s.body_offset..]), ("title: A\n", "Body\n"));
        assert!(split("---\ntitle: A\n", Path::new("a.md")).is_err());
        assert!(split("# no front matter\n", Path::new("a.md")).is_err());
    }

    #[test]
    fn full_front_matter() {
        let fm = parse_text(
            "---\ntitle: Đăng ký tạm trú\ndate: 2025-10-01\nreviewed: 2026-11-26T08:00:00+07:00\n\
             aliases: [\"/tamtru/\"]\nposter:\n  steps: [Mở VNeID]\nsources:\n  - {title: PLO, url: \"https://plo.vn\"}\n---\n",
        )
        .unwrap();
        assert_eq!(fm.title, "Đăng ký tạm trú");
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 10, 1));
        assert_eq!(fm.reviewed, NaiveDate::from_ymd_opt(2026, 11, 26));
        assert_eq!(fm.aliases[0].0, "tamtru/");
        assert_eq!(fm.aliases[0].1.line, 5);
        assert!(matches!(fm.poster, PosterSetting::Custom(ref p) if p.steps == ["Mở VNeID"]));
        assert_eq!(fm.sources.len(), 1);
    }

    #[test]
    fn poster_false() {
        let fm = parse_text("---\ntitle: A\nposter: false\n---\n").unwrap();
        assert_eq!(fm.poster, PosterSetting::Off);
    }

    #[test]
    fn bad_values_are_located() {
        let errors = parse_text("---\ntitle: A\ndate: 2025-13-01\n---\n").unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::DateInvalid { value } if value == "2025-13-01"));
        assert_eq!(errors[0].location.as_ref().unwrap().line, 3);
        let errors = parse_text("---\ntitle: A\nslug: Đăng ký\n---\n").unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::SlugInvalid { suggestion, .. } if suggestion == "dang-ky"));
        assert_eq!(errors[0].location.as_ref().unwrap().line, 3);
        let errors = parse_text("---\ndescription: x\n---\n").unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::MissingKey { key } if key == "title"));
        let errors = parse_text("---\ntitle: A\naliases: [\"../../etc\"]\n---\n").unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::AliasInvalid { .. }));
    }

    #[test]
    fn dates_are_read_strictly() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1);
        for good in [
            "2026-01-01",
            " 2026-01-01 ",
            "2026-01-01T08:00:00+07:00",
            "2026-01-01T01:00:00Z",
            "2026-01-01 08:00",
        ] {
            assert_eq!(parse_date(good), day, "{good}");
        }
        for bad in [
            "-001-01-01",
            "2026-01-01Tgarbage",
            "2026-1-01",
            "20260-01-01",
            "2026-02-30",
            "2026-01-01 x",
            "+2026-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn aliases_stay_inside_the_output() {
        assert_eq!(normalise_alias("/tamtru/").as_deref(), Some("tamtru/"));
        assert_eq!(normalise_alias("cu-tru/tam-tru").as_deref(), Some("cu-tru/tam-tru/"));
        for bad in ["", "/", "../x", "a/../b", "TamTru", "a b", "/.git/", "%2e%2e"] {
            assert_eq!(normalise_alias(bad), None, "{bad}");
        }
    }
}
