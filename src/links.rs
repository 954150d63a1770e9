//! Where a link written in Markdown really goes, and whether it may go
//! there: other pages by their `.md` path (with `#anchor`), files next to
//! the page, and outside sites, which must be official (`base_url`'s host or
//! `links.allowed_hosts`).

use percent_encoding::percent_decode_str;

use crate::config::Config;
use crate::content::{Content, PageId};
use crate::messages::Msg;

/// Official portals that no longer serve residents (see
/// `../shared/reference/de-an-06-facts.md` §0 and §4). A link to one is an
/// error even when `*.gov.vn` is allowed: since 1/7/2025 the National Public
/// Service Portal (dichvucong.gov.vn) is the single gateway.
pub const RETIRED_HOSTS: &[&str] = &[
    // The old residence-management portal (2021–22 guides).
    "dichvucong.dancuquocgia.gov.vn",
    // The old DVCQG account sign-up; VNeID-only login since 1/7/2024.
    "dangky.dichvucong.gov.vn",
    // The Bộ Công an portal; ministry portals folded into DVCQG by 2/2026.
    "dichvucong.bocongan.gov.vn",
    // The old Ministry of Justice civil-status site.
    "hotichtructuyen.moj.gov.vn",
];

/// True for a retired portal, including every provincial portal
/// `dichvucong.<tỉnh>.gov.vn` (interfaces closed from 1/7/2025).
pub fn is_retired(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if RETIRED_HOSTS.contains(&host) {
        return true;
    }
    host.strip_prefix("dichvucong.")
        .and_then(|rest| rest.strip_suffix(".gov.vn"))
        .is_some_and(|province| !province.is_empty() && !province.contains('.'))
}

pub struct Resolver<'a> {
    pub content: &'a Content,
    pub config: &'a Config,
    /// The page the link is written on.
    pub from: PageId,
}

/// A link that may be published.
#[derive(Debug, Default, PartialEq)]
pub struct Resolved {
    /// The URL to publish, when it differs from what was written.
    pub url: Option<String>,
    /// An anchor on a page, to check once all headings are known.
    pub anchor: Option<(PageId, String)>,
    /// Publishable, but worth a word to the author.
    pub warning: Option<Msg>,
    /// The content file linked to (its key in `Content::assets`).
    pub asset: Option<String>,
}

impl Resolver<'_> {
    pub fn resolve(&self, dest: &str, image: bool) -> Result<Resolved, Msg> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Ok(Resolved::default());
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return Ok(Resolved { anchor: Some((self.from, decode(anchor))), ..Resolved::default() });
        }
        if dest.starts_with("//") {
            return self.external(&format!("https:{dest}"));
        }
        if has_scheme(dest) {
            return self.external(dest);
        }
        self.local(dest, image)
    }

    fn external(&self, dest: &str) -> Result<Resolved, Msg> {
        let scheme = dest.split(':').next().unwrap_or_default().to_ascii_lowercase();
        match scheme.as_str() {
            "mailto" | "tel" => return Ok(Resolved::default()),
            "http" | "https" => {}
            _ => {
                return Err(Msg::LinkSchemeNotAllowed { url: dest.to_string() });
            }
        }
        let url = url::Url::parse(dest).map_err(|_| Msg::LinkSchemeNotAllowed { url: dest.to_string() })?;
        let host = url.host_str().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
        if is_retired(&host) {
            return Err(Msg::RetiredPortal { host });
        }
        if !self.config.host_allowed(&host) {
            return Err(Msg::HostNotAllowed { host });
        }
        let warning = (scheme == "http" && host != self.config.host)
            .then(|| Msg::LinkNotHttps { url: dest.to_string() });
        Ok(Resolved { warning, ..Resolved::default() })
    }

    fn local(&self, dest: &str, image: bool) -> Result<Resolved, Msg> {
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(decode(f))),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let decoded = decode(path_part);
        let page = &self.content.pages[self.from];
        let joined = if let Some(absolute) = decoded.strip_prefix('/') {
            absolute.to_string()
        } else if page.dir.is_empty() {
            decoded.clone()
        } else {
            format!("{}/{decoded}", page.dir)
        };
        let Some(target) = normalise(&joined) else {
            return Err(broken(dest, image, None));
        };
        let page_id = self.find_page(&target, decoded.starts_with('/')).or_else(|| self.by_slug(&target));
        if let Some(id) = page_id {
            let mut url = self.config.url_path(&self.content.pages[id].path);
            if let Some(anchor) = &fragment {
                url.push('#');
                url.push_str(anchor);
            }
            let anchor = fragment.filter(|a| !a.is_empty()).map(|a| (id, a));
            return Ok(Resolved { url: Some(url), anchor, ..Resolved::default() });
        }
        if let Some(asset) = self.content.assets.get(&target) {
            let published = match asset.picture {
                Some(_) => crate::pictures::Picture::link_path(&asset.output),
                None => asset.output.clone(),
            };
            let url = Some(self.config.url_path(&published));
            return Ok(Resolved { url, asset: Some(target), ..Resolved::default() });
        }
        let file = image || !target.ends_with(".md") && target.contains('.');
        Err(broken(dest, file, self.suggest(&target, file)))
    }

    /// A page written by its file name's slug (`dang-ky-tam-tru.md` for
    /// `Đăng ký tạm trú.md`) or the other way round.
    fn by_slug(&self, target: &str) -> Option<PageId> {
        let (dir, name) = split_dir(target);
        let stem = name.strip_suffix(".md")?;
        let wanted = crate::slug::slugify(stem);
        self.content.pages.iter().position(|page| {
            let (page_dir, page_name) = split_dir(&page.content_path);
            page_dir == dir
                && page_name
                    .strip_suffix(".md")
                    .is_some_and(|s| s != "_index" && crate::slug::slugify(s) == wanted)
        })
    }

    /// The nearest existing page or file to a broken `target`, written as
    /// the link should be: from this page's folder. Names in the same
    /// folder first, then the whole site.
    fn suggest(&self, target: &str, file: bool) -> Option<String> {
        let known: Vec<&str> = if file {
            self.content.assets.keys().map(String::as_str).collect()
        } else {
            self.content
                .pages
                .iter()
                .map(|p| p.content_path.as_str())
                .filter(|p| p.ends_with(".md"))
                .collect()
        };
        let (dir, name) = split_dir(target);
        let same_dir = known.iter().filter(|k| split_dir(k).0 == dir).map(|k| split_dir(k).1);
        let found = match crate::suggest::nearest(name, same_dir) {
            Some(name) if dir.is_empty() => name,
            Some(name) => format!("{dir}/{name}"),
            None => crate::suggest::nearest(target, known.into_iter())?,
        };
        Some(relative(&self.content.pages[self.from].dir, &found))
    }

    /// A page by its source path (`vneid/x.md`, a folder, `vneid/_index.md`)
    /// or, for links starting with `/`, by its published path too.
    fn find_page(&self, target: &str, site_absolute: bool) -> Option<PageId> {
        let by_source = |key: &str| self.content.by_source.get(key).copied();
        let folder = target.trim_end_matches('/');
        let index = if folder.is_empty() { "_index.md".to_string() } else { format!("{folder}/_index.md") };
        by_source(target).or_else(|| (!target.ends_with(".md")).then(|| by_source(&index)).flatten()).or_else(
            || {
                let published = if folder.is_empty() { String::new() } else { format!("{folder}/") };
                site_absolute.then(|| self.content.by_path.get(&published).copied()).flatten()
            },
        )
    }
}

fn broken(dest: &str, file: bool, suggestion: Option<String>) -> Msg {
    let target = dest.to_string();
    if file { Msg::AssetMissing { target, suggestion } } else { Msg::PageLinkBroken { target, suggestion } }
}

/// `vneid/x.md` → (`vneid`, `x.md`); `x.md` → (``, `x.md`).
fn split_dir(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// `path` (from `content/`) as a link written in folder `from`:
/// `vneid/x.md` from `cu-tru` is `../vneid/x.md`.
fn relative(from: &str, path: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = path.split('/').collect();
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; from.len() - shared];
    parts.extend(&to[shared..]);
    parts.join("/")
}

fn decode(text: &str) -> String {
    let decoded = percent_decode_str(text).decode_utf8_lossy();
    crate::fs::normalise(decoded.into_owned())
}

/// `a:` … is a scheme only when it looks like one (`https:`, `tel:`), not a
/// Windows drive or a path with a colon later on.
fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `.` and `..`; `None` when the path climbs out of `content/`.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_inside_content() {
        assert_eq!(normalise("vneid/../cu-tru/a.md").as_deref(), Some("cu-tru/a.md"));
        assert_eq!(normalise("./a.md").as_deref(), Some("a.md"));
        assert_eq!(normalise("vneid/").as_deref(), Some("vneid/"));
        assert_eq!(normalise("../a.md"), None);
        assert_eq!(normalise("a/../../b"), None);
    }

    #[test]
    fn suggestions_are_written_from_the_page_folder() {
        assert_eq!(relative("cu-tru", "vneid/kich-hoat.md"), "../vneid/kich-hoat.md");
        assert_eq!(relative("vneid", "vneid/kich-hoat.md"), "kich-hoat.md");
        assert_eq!(relative("", "vneid/a.png"), "vneid/a.png");
        assert_eq!(relative("a/b", "a/c/d.md"), "../c/d.md");
    }

    #[test]
    fn retired_portals() {
        for retired in [
            "dichvucong.dancuquocgia.gov.vn",
            "dangky.dichvucong.gov.vn",
            "dichvucong.hanoi.gov.vn",
            "dichvucong.bocongan.gov.vn",
            "hotichtructuyen.moj.gov.vn",
        ] {
            assert!(is_retired(retired), "{retired}");
        }
        for live in ["dichvucong.gov.vn", "vneid.gov.vn", "bocongan.gov.vn", "congan.nghean.gov.vn"] {
            assert!(!is_retired(live), "{live}");
        }
    }

    #[test]
    fn schemes() {
        for yes in ["https://x", "mailto:a@b", "tel:0123", "javascript:alert(1)", "zalo://x"] {
            assert!(has_scheme(yes), "{yes}");
        }
        for no in ["a.md", "../a.md", "C:\\x", "a/b:c", "#x"] {
            assert!(!has_scheme(no), "{no}");
        }
    }
}
