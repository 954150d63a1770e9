//! Telling an officer that the province changed a guide they had
//! customised. When a site's own page replaces a pack page, loa records in
//! `packs.lock.json` (next to `site.yaml`) which text of the pack page the
//! copy was based on. Once the pack page differs from that text, every
//! build and check warns, naming both files, with what changed (title,
//! headings, poster wording, lines). `loa accept` records the pack page
//! as it now is, once the officer has brought their copy up to date.
//!
//! The record holds the pack page's whole text: that is what lets loa say
//! what changed, long after the pack folder was updated.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Pack;
use crate::content::front_matter::{self, PosterSetting};
use crate::content::{Content, Override};
use crate::diagnostics::{Diagnostic, Location, Report};
use crate::messages::{Drift, Msg};

pub const LOCK_FILE: &str = "packs.lock.json";

/// What each of the site's copies of a pack page was based on, by path
/// below `content/`.
#[derive(Serialize, Deserialize, Default, Clone, PartialEq, Debug)]
pub struct Lock {
    #[serde(default)]
    pub overrides: BTreeMap<String, Base>,
}

/// The pack page a copy was made from.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct Base {
    pub pack: String,
    pub version: String,
    /// BLAKE3 of `text`.
    pub hash: String,
    pub text: String,
}

impl Base {
    fn of(over: &Override, pack: &Pack) -> Base {
        Base {
            pack: pack.name.clone(),
            version: pack.version.clone(),
            hash: hash(&over.pack_source),
            text: over.pack_source.clone(),
        }
    }
}

fn hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// Reads the site's lock file; a missing one is empty. An unreadable one
/// is a warning and counts as empty (it is written anew by the build).
pub fn read_lock(root: &Path, report: &Report) -> Lock {
    let path = root.join(LOCK_FILE);
    let Ok(bytes) = std::fs::read(&path) else { return Lock::default() };
    serde_json::from_slice(&bytes).unwrap_or_else(|err| {
        let at = Location::file(Path::new(LOCK_FILE));
        report.warning(Msg::PackLockUnreadable { reason: err.to_string() }, Some(at));
        Lock::default()
    })
}

/// Writes the lock file when it differs from `old`. A site without copies
/// of pack pages gets no file.
pub fn write_lock(root: &Path, old: &Lock, new: &Lock) -> Result<(), Diagnostic> {
    let path = root.join(LOCK_FILE);
    if old == new && (path.is_file() || new.overrides.is_empty()) {
        return Ok(());
    }
    let mut json = serde_json::to_string_pretty(new).unwrap_or_default();
    json.push('\n');
    crate::fs::write(&path, json.as_bytes()).map_err(|_| {
        let reason = std::fs::metadata(root).map_or_else(|e| e.to_string(), |_| path.display().to_string());
        Diagnostic::warning(Msg::PackLockWriteFailed { reason }, Some(Location::file(Path::new(LOCK_FILE))))
    })
}

/// Warns about every copy whose pack page changed since it was recorded,
/// and every record whose pack page is gone.
pub fn check(content: &Content, packs: &[Pack], lock: &Lock, report: &Report) {
    for over in &content.overrides {
        let (Some(base), Some(page)) = (lock.overrides.get(&over.content_path), local_page(content, over))
        else {
            continue;
        };
        if base.hash == hash(&over.pack_source) {
            continue;
        }
        let pack = &packs[over.pack];
        let drift = compare(base, over, pack, &page.file);
        let at = front_matter::key_line(&page.file, &page.source, "title");
        report.warning(Msg::PackPageChanged(Box::new(drift)), Some(at));
    }
    for (path, base) in &lock.overrides {
        let still_copied = content.overrides.iter().any(|o| &o.content_path == path);
        let page = content.by_source.get(path).map(|&id| &content.pages[id]);
        if let Some(page) = page.filter(|p| !still_copied && p.pack.is_none()) {
            let at = front_matter::key_line(&page.file, &page.source, "title");
            report.warning(Msg::PackPageGone { pack: base.pack.clone() }, Some(at));
        }
    }
}

/// The lock after a build: every copy keeps what it was based on; a new
/// copy is based on the pack page as it is now; records of pages that are
/// no longer copies are dropped.
pub fn updated(content: &Content, packs: &[Pack], lock: &Lock) -> Lock {
    let overrides = content
        .overrides
        .iter()
        .map(|over| {
            let base = lock.overrides.get(&over.content_path).cloned();
            (over.content_path.clone(), base.unwrap_or_else(|| Base::of(over, &packs[over.pack])))
        })
        .collect();
    Lock { overrides }
}

/// `loa accept`: the copies at `paths` (below `content/`; all when empty)
/// are now based on the pack pages as they are. Returns the new lock and
/// the copies whose record changed.
pub fn accept(content: &Content, packs: &[Pack], lock: &Lock, paths: &[String]) -> (Lock, Vec<String>) {
    let mut new = updated(content, packs, lock);
    let mut accepted = Vec::new();
    for over in &content.overrides {
        if !paths.is_empty() && !paths.contains(&over.content_path) {
            continue;
        }
        let base = Base::of(over, &packs[over.pack]);
        if new.overrides.get(&over.content_path) != Some(&base) {
            accepted.push(over.content_path.clone());
            new.overrides.insert(over.content_path.clone(), base);
        }
    }
    (new, accepted)
}

fn local_page<'c>(content: &'c Content, over: &Override) -> Option<&'c crate::content::Page> {
    let &id = content.by_source.get(&over.content_path)?;
    Some(&content.pages[id]).filter(|p| p.pack.is_none())
}

/// What changed between the recorded pack page and the current one.
fn compare(base: &Base, over: &Override, pack: &Pack, local: &Path) -> Drift {
    let old = Summary::of(&base.text);
    let new = Summary::of(&over.pack_source);
    let (lines_added, lines_removed) = line_changes(&base.text, &over.pack_source);
    let poster_fields = ["title", "subtitle", "steps", "note"];
    let poster = poster_fields.into_iter().filter(|f| old.poster_field(f) != new.poster_field(f)).collect();
    Drift {
        pack: pack.name.clone(),
        pack_file: crate::fs::display(&over.pack_file),
        local_file: crate::fs::display(local),
        old_version: base.version.clone(),
        new_version: pack.version.clone(),
        // The later of the page's and the pack's review: either may be the
        // one the province bumped.
        updated: new.reviewed.max(pack.reviewed).map(|d| d.format("%d/%m/%Y").to_string()),
        title: (old.title != new.title).then(|| (old.title.clone(), new.title.clone())),
        headings_added: only_in(&new.headings, &old.headings),
        headings_removed: only_in(&old.headings, &new.headings),
        poster,
        lines_added,
        lines_removed,
    }
}

/// The parts of a page an officer's copy most likely repeats.
struct Summary {
    title: String,
    reviewed: Option<chrono::NaiveDate>,
    headings: Vec<String>,
    poster: PosterSetting,
}

impl Summary {
    fn of(text: &str) -> Summary {
        let shown = Path::new("");
        let (front, body) = match front_matter::split(text, shown) {
            Ok(split) => (front_matter::parse_lenient(split.yaml, shown, text).0, &text[split.body_offset..]),
            Err(_) => (None, text),
        };
        let (title, reviewed, poster) = match front {
            Some(f) => (f.title, f.reviewed, f.poster),
            None => (String::new(), None, PosterSetting::Auto),
        };
        Summary { title, reviewed, headings: headings(body), poster }
    }

    fn poster_field(&self, field: &str) -> String {
        let PosterSetting::Custom(p) = &self.poster else { return String::new() };
        match field {
            "title" => p.title.clone().unwrap_or_default(),
            "subtitle" => p.subtitle.clone().unwrap_or_default(),
            "steps" => p.steps.join("\n"),
            _ => p.note.clone().unwrap_or_default(),
        }
    }
}

/// ATX headings (`## Cần chuẩn bị`) outside code fences.
fn headings(body: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in body.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        let rest = &trimmed[level..];
        if !fenced && (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')) {
            out.push(rest.trim().trim_end_matches('#').trim().to_string());
        }
    }
    out
}

/// Items of `a` not in `b`, counting repeats.
fn only_in(a: &[String], b: &[String]) -> Vec<String> {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for item in b {
        *left.entry(item).or_default() += 1;
    }
    a.iter()
        .filter(|item| match left.get_mut(item.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Non-blank lines only in `new`, and only in `old` (as a diff would count
/// them, ignoring moves).
fn line_changes(old: &str, new: &str) -> (usize, usize) {
    let lines = |t: &str| {
        t.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).map(String::from).collect::<Vec<_>>()
    };
    let (old, new) = (lines(old), lines(new));
    (only_in(&new, &old).len(), only_in(&old, &new).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "---\ntitle: Kích hoạt VNeID\nposter:\n  steps: [\"Mở ứng dụng\", \"Quét mã\"]\n---\n\n## Cần chuẩn bị\n\nĐiện thoại.\n\n## Các bước\n\n```\n# không phải mục\n```\n";
    const NEW: &str = "---\ntitle: Kích hoạt tài khoản VNeID\nposter:\n  steps: [\"Mở ứng dụng\", \"Chụp ảnh khuôn mặt\"]\n---\n\n## Cần chuẩn bị\n\nĐiện thoại có NFC.\n\n## Lưu ý\n";

    #[test]
    fn a_summary_names_title_headings_poster_and_lines() {
        let over = Override {
            content_path: "vneid/kich-hoat.md".into(),
            pack: 0,
            pack_file: "goi/vneid/kich-hoat.md".into(),
            pack_source: NEW.into(),
        };
        let base = Base { pack: "quoc-gia".into(), version: "1".into(), hash: hash(OLD), text: OLD.into() };
        let pack = Pack {
            name: "quoc-gia".into(),
            version: "2".into(),
            maintainer: String::new(),
            reviewed: None,
            dir: "goi".into(),
            shown: "goi".into(),
            manifest_text: String::new(),
        };
        let d = compare(&base, &over, &pack, Path::new("content/vneid/kich-hoat.md"));
        assert_eq!(d.title, Some(("Kích hoạt VNeID".into(), "Kích hoạt tài khoản VNeID".into())));
        assert_eq!(d.headings_added, vec!["Lưu ý".to_string()]);
        assert_eq!(d.headings_removed, vec!["Các bước".to_string()]);
        assert_eq!(d.poster, vec!["steps"]);
        assert_eq!((d.old_version.as_str(), d.new_version.as_str()), ("1", "2"));
        assert!(d.lines_added >= 4 && d.lines_removed >= 4, "{d:?}");
    }

    #[test]
    fn headings_skip_code_and_hashtags() {
        assert_eq!(headings("# A\n#hashtag\n```\n# code\n```\n### B ###\n"), vec!["A", "B"]);
    }
}
