//! The waiting-room screen (`man-hinh/`), built with the real binary from
//! the repository's sample site: a 1920 × 1080 slide per guide of the
//! default sections, whose QR code — read from the PNG — is the manifest's
//! address with the screen's tracking; a numbered playlist in play order;
//! a page that loads nothing from anywhere; the same bytes from two builds;
//! slides reused when their guide did not change; `screens:` mistakes as
//! located errors.

mod harness;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the sample site (its `site.yaml`, `content/` and pack) in `dir`.
fn sample_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    harness::copy_tree(&repo().join("content"), &site.join("content"));
    harness::copy_tree(&repo().join("packs"), &site.join("packs"));
    std::fs::copy(repo().join("site.yaml"), site.join("site.yaml")).expect("site.yaml");
    site
}

fn build(site: &Path, output: &Path) -> String {
    let run = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--lang", "en", "--root"])
        .arg(site)
        .arg("--output")
        .arg(output)
        .output()
        .expect("run loa");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    stderr
}

/// Every code in a PNG.
fn decode(png: &[u8]) -> Vec<String> {
    let img = image::load_from_memory(png).expect("PNG decodes").to_luma8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img.get_pixel(x as u32, y as u32).0[0]);
    prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

fn read(output: &Path, rel: &str) -> Vec<u8> {
    std::fs::read(output.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_slide_reads_as_its_guide_and_plays_in_order_from_a_self_contained_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = sample_site(dir.path());
    let output = dir.path().join("output");
    let stderr = build(&site, &output);
    assert!(!stderr.contains("warning[screen"), "every default guide gets its slide:\n{stderr}");

    let manifest: Value =
        serde_json::from_slice(&read(&output, "posters/manifest.json")).expect("manifest is JSON");
    let posters = manifest["posters"].as_array().expect("posters");
    // The defaults: the services and the VNeID guides, each of them.
    let shown: Vec<&Value> = posters.iter().filter(|p| !p["files"]["slide_png"].is_null()).collect();
    let expected = posters
        .iter()
        .filter(|p| {
            p["page"]
                .as_str()
                .is_some_and(|page| page.starts_with("dich-vu-cong/") || page.starts_with("vneid/"))
        })
        .count();
    assert!(expected >= 30, "the sample has the 25 services and the VNeID guides");
    assert_eq!(shown.len(), expected, "one slide per default guide");
    let summary = format!("Waiting-room screen: {expected} slides ({expected} rendered) in `man-hinh/`.");
    assert!(stderr.contains(&summary), "{stderr}");

    let playlist = String::from_utf8(read(&output, "man-hinh/slides/playlist.m3u")).expect("UTF-8");
    let played: Vec<&str> = playlist.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(played.len(), shown.len());
    let mut sorted = played.clone();
    sorted.sort();
    assert_eq!(played, sorted, "file names sort in play order");
    assert!(played[0].starts_with("01-") && played.iter().all(|f| f.ends_with(".png")), "{played:?}");

    let page = String::from_utf8(read(&output, "man-hinh/index.html")).expect("UTF-8");
    for entry in &shown {
        let file = entry["files"]["slide_png"].as_str().expect("path");
        assert!(file.starts_with("man-hinh/slides/"), "{file}");
        let name = file.trim_start_matches("man-hinh/slides/");
        assert!(played.contains(&name), "{name} is in the playlist");
        let png = read(&output, file);
        let size = image::load_from_memory(&png).expect("PNG");
        assert_eq!((size.width(), size.height()), (1920, 1080), "{file}");
        // The screen's scans are counted apart from the posters'.
        let qr = entry["qr"].as_str().expect("qr").replace("?src=poster", "?src=man-hinh");
        assert_eq!(decode(&png), std::slice::from_ref(&qr), "{file}");
        // The page shows the same code and prints the same short address.
        let short = entry["short"].as_str().expect("short");
        assert!(page.contains(&format!("data-qr=\"{qr}\"")), "{qr} on the page");
        let printed = page.replace("<wbr>", "");
        assert!(printed.contains(&format!("<p class=\"address\">{short}</p>")), "{short} on the page");
    }
    // Nothing to fetch: no external script, style, font or image.
    for outside in ["<script src", "<link rel=\"stylesheet\"", "<img", "url(", "@import", "@font-face"] {
        assert!(!page.contains(outside), "the screen page has {outside}");
    }
    assert!(page.contains("data-seconds=\"20\""), "20 seconds a slide by default");
}

#[test]
fn two_builds_are_byte_identical_and_an_unchanged_guide_keeps_its_slide() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = sample_site(dir.path());
    let (first, second) = (dir.path().join("a"), dir.path().join("b"));
    build(&site, &first);
    build(&site, &second);
    let files = |output: &Path| {
        let mut all = Vec::new();
        for entry in walkdir::WalkDir::new(output.join("man-hinh")).sort_by_file_name() {
            let entry = entry.expect("walk");
            if entry.file_type().is_file() {
                all.push((
                    entry.path().strip_prefix(output).expect("inside").to_path_buf(),
                    std::fs::read(entry.path()).expect("read"),
                ));
            }
        }
        all
    };
    let made = files(&first);
    assert!(made.len() > 30, "{} files", made.len());
    assert!(made == files(&second), "two builds of the same site write the same screen");

    // A changed guide (its poster title): its slide is drawn again, the
    // others are reused.
    let changed = site.join("packs/quoc-gia/vneid/kich-hoat.md");
    let text = std::fs::read_to_string(&changed).expect("page");
    std::fs::write(&changed, text.replacen("\n  title: \"", "\n  title: \"Mới ", 1)).expect("write page");
    let slides = first.join("man-hinh/slides");
    let stamp = |name: &str| std::fs::metadata(slides.join(name)).and_then(|m| m.modified()).expect("stamp");
    let names: Vec<String> = std::fs::read_dir(&slides)
        .expect("slides")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".png"))
        .collect();
    let before: Vec<_> = names.iter().map(|n| stamp(n)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(&site, &first);
    for (name, was) in names.iter().zip(before) {
        let drawn_again = stamp(name) != was;
        assert_eq!(drawn_again, name.ends_with("-kich-hoat.png"), "{name}");
    }
}

#[test]
fn screen_settings_are_checked_at_their_line() {
    let site = harness::Site::fixture("base").with(
        "site.yaml",
        "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nlinks:\n  allowed_hosts: [dichvucong.gov.vn, \"*.gov.vn\"]\nscreens:\n  pages: [\"vneid/\", \"vneid/kich-hoa\"]\n  seconds: 2\n  delay: 3\n",
    );
    let run = site.run(&["check"]).expect_code(1);
    let err = &run.stderr;
    assert!(err.contains("lỗi[screen-seconds-invalid]") && err.contains("site.yaml:7:12"), "{err}");
    assert!(err.contains("lỗi[unknown-key]") && err.contains("site.yaml:8:3"), "{err}");

    let site = site.with(
        "site.yaml",
        "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nlinks:\n  allowed_hosts: [dichvucong.gov.vn, \"*.gov.vn\"]\nscreens:\n  pages: [\"vneid/\", \"vneid/kich-hoa\"]\n",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]).expect_code(1);
        let err = &run.stderr;
        assert!(
            err.contains("lỗi[screen-page-unknown]") && err.contains("site.yaml:6:21"),
            "{command}: {err}"
        );
        assert!(err.contains("vneid/kich-hoat/"), "the nearest page is suggested: {err}");
    }
    assert!(!site.output_exists("man-hinh/index.html"), "a failed build writes nothing");

    let site = site.with(
        "site.yaml",
        "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nlinks:\n  allowed_hosts: [dichvucong.gov.vn, \"*.gov.vn\"]\nscreens:\n  pages: [\"vneid/\"]\n  seconds: 8\n",
    );
    site.build().ok();
    let page = site.output("man-hinh/index.html");
    assert!(page.contains("data-seconds=\"8\"") && page.contains("data-count=\"1\""), "{page}");
}

#[test]
fn a_slide_that_cannot_fit_is_a_located_warning_and_the_rest_is_built() {
    // One word far wider than the screen: no line break and no cut after
    // a word can make it fit (a merely long title is cut with "…").
    let title = "Hướngdẫnđăngkýtạmtrú".repeat(4);
    let site = harness::Site::fixture("base")
        .with(
            "site.yaml",
            "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nlinks:\n  allowed_hosts: [dichvucong.gov.vn]\nscreens:\n  pages: [\"vneid/\"]\n",
        )
        .with("content/vneid/dai.md", &format!("---\ntitle: \"{}\"\n---\n1. Mở ứng dụng.\n", title.trim()));
    let check = site.run(&["check"]).ok();
    assert!(check.stderr.contains("cảnh báo[screen-slide-failed]"), "{}", check.stderr);
    assert!(check.stderr.contains("content/vneid/dai.md:2:"), "at the title's line: {}", check.stderr);
    let build = site.build().ok();
    assert!(build.stderr.contains("cảnh báo[screen-slide-failed]"), "{}", build.stderr);
    let page = site.output("man-hinh/index.html");
    assert!(
        page.contains("data-count=\"1\"") && page.contains("Kích hoạt tài khoản"),
        "the other guide plays"
    );
    assert!(site.output_exists("vneid/dai/index.html"), "the website is never held back");
}

#[test]
fn a_listed_screen_with_posters_off_is_a_warning_at_its_line() {
    let site = harness::Site::fixture("base").with(
        "site.yaml",
        "title: \"Phường Mẫu\"\nbase_url: \"https://example.org/phuong-mau\"\nlinks:\n  allowed_hosts: [dichvucong.gov.vn, \"*.gov.vn\"]\nposters:\n  enabled: false\nscreens:\n  pages: [\"vneid/\"]\n",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]).ok();
        assert!(run.stderr.contains("cảnh báo[screen-needs-posters]"), "{command}: {}", run.stderr);
        assert!(run.stderr.contains("site.yaml:8:"), "{command}: at the list: {}", run.stderr);
    }
    assert!(!site.output_exists("man-hinh/index.html"));
}
