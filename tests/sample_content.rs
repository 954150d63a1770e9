//! The promises of the sample ward site's content (the national guides in
//! the pack `packs/quoc-gia/` and the ward's own `content/`): exactly the
//! 25 essential services with complete `service:` blocks, every page with
//! `reviewed` and `sources`, and no link to a retired or unofficial site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn pack_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/quoc-gia")
}

/// Every page the sample publishes: (path relative to content/ or the
/// pack, front matter, whole text). The ward copies no pack page.
fn pages() -> Vec<(String, Value, String)> {
    let mut out = pages_in(&content_dir());
    for page in pages_in(&pack_dir()) {
        assert!(out.iter().all(|(rel, _, _)| *rel != page.0), "{} in both", page.0);
        out.push(page);
    }
    out
}

fn pages_in(root: &Path) -> Vec<(String, Value, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("walk content");
        if !entry.file_name().to_string_lossy().ends_with(".md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read page");
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .unwrap_or_else(|| panic!("{}: no front matter", entry.path().display()));
        let front: Value = serde_saphyr::from_str(yaml).expect("front matter parses");
        let rel = entry.path().strip_prefix(root).expect("inside").to_string_lossy().replace('\\', "/");
        out.push((rel, front, text));
    }
    out
}

#[test]
fn exactly_the_25_essential_services_with_complete_blocks() {
    let mut numbers = BTreeMap::new();
    for (rel, front, _) in pages() {
        let Some(service) = front.get("service") else {
            assert!(
                !rel.starts_with("dich-vu-cong/") || rel.ends_with("_index.md"),
                "{rel} has no service block"
            );
            continue;
        };
        assert!(rel.starts_with("dich-vu-cong/"), "{rel}: service pages live in dich-vu-cong/");
        let number = service["number"].as_i64().unwrap_or_else(|| panic!("{rel}: number"));
        let group = service["group"].as_str().unwrap_or_else(|| panic!("{rel}: group"));
        let expected_group = match number {
            1..=13 => "bo-cong-an",
            14..=19 => "cap-xa",
            20..=25 => "nganh-khac",
            other => panic!("{rel}: number {other} outside 1–25"),
        };
        assert_eq!(group, expected_group, "{rel}: group of service {number}");
        assert!(service["name"].as_str().is_some_and(|n| n.chars().count() > 8), "{rel}: official name");
        let channels = service["channels"].as_array().unwrap_or_else(|| panic!("{rel}: channels"));
        // A service done elsewhere (the exam system of Bộ GD&ĐT) names its agency.
        assert!(!channels.is_empty() || service["agency"].is_string(), "{rel}: where to do it");
        assert!(channels.iter().all(|c| c == "dvcqg" || c == "vneid"), "{rel}: channels");
        assert_eq!(front["weight"].as_i64(), Some(number), "{rel}: weight follows the number");
        if let Some(previous) = numbers.insert(number, rel.clone()) {
            panic!("service {number} twice: {previous} and {rel}");
        }
    }
    assert_eq!(numbers.keys().copied().collect::<Vec<_>>(), (1..=25).collect::<Vec<_>>());
}

#[test]
fn every_page_says_when_it_was_checked_and_against_what() {
    for (rel, front, _) in pages() {
        let reviewed = front["reviewed"].as_str().unwrap_or_else(|| panic!("{rel}: reviewed"));
        assert_eq!(reviewed.len(), 10, "{rel}: reviewed is a date");
        let sources = front["sources"].as_array().unwrap_or_else(|| panic!("{rel}: sources"));
        assert!(!sources.is_empty(), "{rel}: at least one source");
        for source in sources {
            assert!(source["title"].as_str().is_some_and(|t| !t.is_empty()), "{rel}: source title");
            assert!(source["url"].as_str().is_some_and(|u| u.starts_with("http")), "{rel}: source url");
        }
        assert!(front["description"].as_str().is_some_and(|d| !d.is_empty()), "{rel}: description");
    }
}

/// Portals retired since the 2024–2025 reforms, and places residents must
/// never be sent to for the VNeID app.
const RETIRED_OR_UNOFFICIAL: &[&str] = &[
    "dichvucong.dancuquocgia.gov.vn",
    "dangky.dichvucong.gov.vn",
    "dichvucong.bocongan.gov.vn",
    "hotichtructuyen.moj.gov.vn",
    "apkpure",
    "apkcombo",
    "apkmirror",
    "uptodown",
    "bit.ly",
    "tinyurl",
];

#[test]
fn no_link_to_retired_portals_or_unofficial_download_sites() {
    for (rel, _, text) in pages() {
        // Sources cite newspapers; links in the text are what residents follow.
        let body =
            text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).map_or("", |(_, body)| body);
        for host in RETIRED_OR_UNOFFICIAL {
            assert!(!body.contains(host), "{rel} links to {host}");
        }
        for part in body.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or_default();
            let host = target.strip_prefix("https://").or_else(|| target.strip_prefix("http://"));
            if let Some(host) = host.map(|h| h.split(['/', '?', '#']).next().unwrap_or_default()) {
                // Provincial portals dichvucong.<tỉnh>.gov.vn closed on 1/7/2025.
                let provincial = host.starts_with("dichvucong.") && host != "dichvucong.gov.vn";
                assert!(!provincial, "{rel} links to a provincial portal {host}");
                assert!(!target.starts_with("http://"), "{rel}: {target} is not https");
            }
        }
    }
}

#[test]
fn the_home_page_has_its_entry_points_and_scam_warning() {
    let home = std::fs::read_to_string(content_dir().join("_index.md")).expect("home");
    assert!(home.contains("Cảnh giác lừa đảo"));
    for section in ["vneid/_index.md", "dich-vu-cong/_index.md", "cu-tru/_index.md"] {
        assert!(home.contains(section), "home links {section}");
    }
    assert!(content_dir().join("gioi-thieu/_index.md").is_file(), "gioi-thieu/");
    assert!(pack_dir().join("tin-tuc/_index.md").is_file(), "tin-tuc/");
    let news = pages()
        .into_iter()
        .filter(|(rel, front, _)| rel.starts_with("tin-tuc/") && front.get("date").is_some());
    assert_eq!(news.count(), 3, "three dated news posts");
}

/// One set of guides for any commune: the unit is named only through
/// variables (`{{ unit.police }}`), never written out, so another xã,
/// phường or đặc khu can reuse every page by editing `site.yaml` alone.
#[test]
fn the_unit_is_named_only_through_variables() {
    let kinds = ["xã", "phường", "đặc khu", "Xã", "Phường", "Đặc khu"];
    let offices = ["UBND", "Công an", "Trung tâm Phục vụ hành chính công", "Ủy ban nhân dân"];
    for (rel, _, text) in pages() {
        assert!(!text.contains("Chánh Lộ"), "{rel}: names the old sample ward");
        // Sources may be another commune's page; they are cited, not ours.
        let text: String =
            text.lines().filter(|l| !l.trim_start().starts_with("- title:")).collect::<Vec<_>>().join("\n");
        for kind in kinds {
            for office in offices {
                assert!(
                    !text.contains(&format!("{office} {kind}")),
                    "{rel}: “{office} {kind}” instead of a variable"
                );
            }
            // A kind followed by a proper name is a unit's name.
            for (at, _) in text.match_indices(kind) {
                let next = text[at + kind.len()..].chars().nth(1);
                let named = text[at + kind.len()..].starts_with(' ') && next.is_some_and(char::is_uppercase);
                assert!(
                    !named,
                    "{rel}: “{}” names a unit",
                    &text[at..(at + kind.len() + 12).min(text.len())]
                );
            }
        }
    }
}
