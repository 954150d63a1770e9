//! Placement print sets (`posters.placements`), built with the real binary
//! from a small fixture: every copy's code — read from its A4 PNG — is the
//! manifest's `qr`, the page's poster address with `noi=<code>` added; the
//! generic posters keep their code; each placement's bundle has a page per
//! poster; the manifest and gallery list the copies; a rebuild redraws
//! nothing and renaming one place redraws that set alone; a site without
//! placements has no `dia-diem` folder; a bad code is a located error.

mod harness;
mod poster_common;

use harness::Site;
use poster_common::decode::{decode_png, pdf_pages};
use serde_json::Value;

const PLACEMENTS: &str = "  placements:\n    - { code: cho, name: \"Chợ khu phố\" }\n    - { code: mot-cua, name: \"Bộ phận một cửa\" }\n";

const GUIDE: &str = "---\ntitle: \"Đăng ký tạm trú\"\ndescription: \"Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.\"\nposter:\n  steps:\n    - \"Mở ứng dụng VNeID\"\n    - \"Chọn thủ tục\"\n---\n\nNội dung.\n";

/// The `posters` fixture with two guides and `posters:` ending in `extra`.
fn site(extra: &str) -> Site {
    let config = std::fs::read_to_string(harness::fixtures().join("posters/site.yaml")).expect("fixture");
    Site::fixture("posters")
        .with("site.yaml", &format!("{config}{extra}"))
        .with("content/cu-tru/tam-tru.md", GUIDE)
        .with("content/cu-tru/luu-tru.md", &GUIDE.replace("Đăng ký tạm trú", "Thông báo lưu trú"))
}

fn manifest(site: &Site) -> Value {
    serde_json::from_str(&site.output("posters/manifest.json")).expect("manifest is JSON")
}

fn read(site: &Site, rel: &str) -> Vec<u8> {
    std::fs::read(site.path("output").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_copy_reads_as_its_page_with_its_place_and_is_listed() {
    let site = site(PLACEMENTS);
    let run = site.build().ok();
    assert!(!run.stderr.contains("[placement-") && !run.stderr.contains("[poster-"), "{}", run.stderr);
    let manifest = manifest(&site);
    let posters = manifest["posters"].as_array().expect("posters");
    assert_eq!(posters.len(), 2);
    for entry in posters {
        let qr = entry["qr"].as_str().expect("qr");
        assert!(qr.ends_with("?src=poster"), "{qr}");
        assert_eq!(decode_png(&read(&site, entry["files"]["a4_png"].as_str().expect("png"))), [qr]);
        let placed = entry["placements"].as_array().expect("placements");
        let codes: Vec<&str> = placed.iter().filter_map(|p| p["code"].as_str()).collect();
        assert_eq!(codes, ["cho", "mot-cua"]);
        for copy in placed {
            let code = copy["code"].as_str().expect("code");
            let copy_qr = copy["qr"].as_str().expect("qr");
            assert_eq!(copy_qr, format!("{qr}&noi={code}"), "same address, the place added");
            let files = copy["files"].as_object().expect("files");
            let own: Vec<&String> = entry["files"].as_object().expect("files").keys().collect();
            assert!(files.keys().all(|k| own.contains(&k)), "{files:?} vs {own:?}");
            for file in files.values() {
                let file = file.as_str().expect("path");
                assert!(file.starts_with(&format!("posters/dia-diem/{code}/cu-tru/")), "{file}");
                assert!(site.output_exists(file), "{file}");
            }
            let png = read(&site, files["a4_png"].as_str().expect("png"));
            assert_eq!(decode_png(&png), [copy_qr], "the copy's code");
            // The address typed by hand is the same short address.
            let short = entry["short"].as_str().expect("short");
            let text =
                poster_common::pdf_text::pdf_text(&read(&site, files["a4_pdf"].as_str().expect("pdf")));
            assert!(text.contains(short), "{short} in {text}");
        }
    }
    for code in ["cho", "mot-cua"] {
        let bundle = read(&site, &format!("posters/dia-diem/{code}/all-a4.pdf"));
        let pages = pdf_pages(&bundle, 1.5);
        assert_eq!(pages.len(), 2, "one page per poster");
        let codes: Vec<String> = pages.iter().flat_map(|p| decode_png(p)).collect();
        assert!(codes.iter().all(|c| c.ends_with(&format!("&noi={code}"))), "{codes:?}");
    }
    let listed: Vec<&str> = manifest["placements"]
        .as_array()
        .expect("bundles")
        .iter()
        .filter_map(|p| p["bundle"].as_str())
        .collect();
    assert_eq!(listed, ["posters/dia-diem/cho/all-a4.pdf", "posters/dia-diem/mot-cua/all-a4.pdf"]);

    let text = poster_common::pdf_text::pdf_text(&read(&site, "posters/dia-diem/cho/cu-tru/tam-tru/a4.pdf"));
    assert!(text.contains("Dán tại: Chợ khu phố"), "{text}");
    let generic = poster_common::pdf_text::pdf_text(&read(&site, "posters/cu-tru/tam-tru/a4.pdf"));
    assert!(!generic.contains("Dán tại"), "{generic}");

    let gallery = site.output("posters/index.html");
    assert!(gallery.contains("Bộ áp phích theo nơi dán") && gallery.contains("Chợ khu phố"), "gallery");
    assert!(gallery.contains("/phuong-mau/posters/dia-diem/mot-cua/all-a4.pdf"), "gallery");
    assert!(gallery.contains("/phuong-mau/posters/dia-diem/cho/cu-tru/tam-tru/a4.pdf"), "gallery");
    assert!(run.stderr.contains("2 nơi, 4 áp phích (4 vẽ mới)"), "{}", run.stderr);
}

#[test]
fn without_placements_nothing_changes_and_no_folder_is_made() {
    let plain = site("");
    plain.build().ok();
    assert!(!plain.output_exists("posters/dia-diem"));
    assert!(!plain.output("posters/manifest.json").contains("placements"));
    assert!(!plain.output("posters/index.html").contains("Bộ áp phích theo nơi dán"));

    let placed = site(PLACEMENTS);
    placed.build().ok();
    // The generic posters are the same bytes with or without placements.
    let (a, b) = (plain.files("output/posters/cu-tru"), placed.files("output/posters/cu-tru"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "generic poster files differ");
    assert_eq!(read(&plain, "posters/all-a4.pdf"), read(&placed, "posters/all-a4.pdf"));
}

#[test]
fn an_empty_tracking_leaves_the_place_alone_in_the_query() {
    let site = site(PLACEMENTS).with(
        "site.yaml",
        &format!(
            "{}{PLACEMENTS}",
            std::fs::read_to_string(harness::fixtures().join("posters/site.yaml"))
                .expect("fixture")
                .replace("tracking: \"src=poster\"", "tracking: \"\"")
        ),
    );
    site.build().ok();
    let manifest = manifest(&site);
    let entry = &manifest["posters"][0];
    let qr = entry["qr"].as_str().expect("qr");
    assert!(!qr.contains('?'), "{qr}");
    assert_eq!(entry["placements"][0]["qr"], format!("{qr}?noi=cho"));
}

#[test]
fn a_rebuild_redraws_nothing_and_a_renamed_place_redraws_its_set_alone() {
    let site = site(PLACEMENTS);
    site.build().ok();
    let before = site.files("output/posters/dia-diem");
    // A change to a page's text that posters do not print forces a build.
    let guide = format!("{GUIDE}\nThêm một dòng.\n");
    let site = site.with("content/cu-tru/tam-tru.md", &guide);
    let run = site.build().ok();
    assert!(run.stderr.contains("2 nơi, 4 áp phích (0 vẽ mới)"), "{}", run.stderr);
    assert_eq!(before, site.files("output/posters/dia-diem"));

    let config = site.path("site.yaml");
    let text = std::fs::read_to_string(&config).expect("site.yaml");
    std::fs::write(&config, text.replace("Chợ khu phố", "Chợ đầu mối")).expect("rename");
    let run = site.build().ok();
    assert!(run.stderr.contains("2 nơi, 4 áp phích (2 vẽ mới)"), "{}", run.stderr);
    let after = site.files("output/posters/dia-diem");
    let changed: Vec<&String> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert!(changed.iter().all(|k| k.starts_with("cho/")), "{changed:?}");
    assert!(changed.iter().any(|k| k.as_str() == "cho/all-a4.pdf"), "{changed:?}");
    assert!(
        after.iter().filter(|(k, _)| k.starts_with("mot-cua/")).all(|(k, v)| before.get(k) == Some(v)),
        "the other place's set is kept"
    );
}

#[test]
fn a_bad_code_is_an_error_at_its_line() {
    let site = site("  placements:\n    - { code: \"Chợ Mới\", name: \"Chợ Mới\" }\n");
    for command in ["check", "build"] {
        let run = site.run(&[command]).expect_code(1);
        assert!(run.stderr.contains("[placement-code-invalid]"), "{}", run.stderr);
        assert!(run.stderr.contains("site.yaml:12"), "{}", run.stderr);
        assert!(run.stderr.contains("cho-moi"), "{}", run.stderr);
    }
    assert!(!site.output_exists("posters"));
}

#[test]
fn a_code_too_long_for_its_place_only_warns_for_that_place() {
    // An H-level code holds 1,273 bytes at most: the generic code (1,263
    // bytes) and the market's copy (+ `&noi=cho`) fit, the one-stop
    // shop's (+ `&noi=mot-cua`) does not.
    let tracking = format!("x={}", "a".repeat(1_223));
    let site = site(&format!("  ecc: H\n{PLACEMENTS}"));
    let config = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    let site = site
        .with("site.yaml", &config.replace("tracking: \"src=poster\"", &format!("tracking: \"{tracking}\"")))
        .with("content/cu-tru/luu-tru.md", "---\ntitle: \"Lưu trú\"\nposter: false\n---\n");
    let check = site.run(&["check"]).ok();
    let build = site.build().ok();
    for run in [&check, &build] {
        assert_eq!(run.stderr.matches("[placement-poster-failed]").count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("Bộ phận một cửa") && run.stderr.contains("data too long"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> content/cu-tru/tam-tru.md"), "{}", run.stderr);
    }
    assert!(build.stderr.contains("2 nơi, 1 áp phích"), "{}", build.stderr);
    assert!(site.output_exists("posters/cu-tru/tam-tru/a4.pdf"), "the generic poster is made");
    assert!(site.output_exists("posters/dia-diem/cho/cu-tru/tam-tru/a4.pdf"), "so is the market's");
    assert!(!site.output_exists("posters/dia-diem/mot-cua"));
    let manifest = manifest(&site);
    let entry = &manifest["posters"][0];
    assert_eq!(entry["placements"][1]["code"], "mot-cua");
    assert_eq!(entry["placements"][1]["files"], serde_json::json!({}));
    assert_eq!(manifest["placements"][1]["bundle"], Value::Null);
}
