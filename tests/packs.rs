//! Guide packs (issue 18): a province's pack of guides published by several
//! communes, each with its own names, its own copies of some pages and
//! pages it hides; the province changing a page a commune had copied; and
//! every commune built in one run.
//!
//! `tests/fixtures/province/`: the pack `goi/` and two sites using it,
//! `xa-a/` (copies `cu-tru/tam-tru.md`, hides `vneid/tai-khoan-to-chuc.md`)
//! and `phuong-b/` (local news only).

mod harness;

use std::collections::BTreeMap;

use harness::Site;

fn province() -> Site {
    Site::fixture("province")
}

/// Every file of an output folder but loa's own record (it holds times).
fn published(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = site.files(dir);
    files.remove(".loa-build.json");
    files
}

fn text(files: &BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(files.get(rel).unwrap_or_else(|| panic!("{rel} missing")).clone()).expect("utf-8")
}

#[test]
fn a_site_publishes_pack_pages_with_its_own_names_copies_and_hidden_pages() {
    let site = province();
    site.run(&["build", "--root", "xa-a"]).ok();
    let files = published(&site, "xa-a/output");
    // Variables: the pack page reads right in this commune.
    let activate = text(&files, "vneid/kich-hoat/index.html");
    assert!(activate.contains("Công an xã An Phú"), "{activate}");
    // Links both ways: pack page → local page, local page → pack page.
    assert!(activate.contains("href=\"/gioi-thieu/lien-he/\""));
    assert!(text(&files, "index.html").contains("href=\"/vneid/kich-hoat/\""));
    // The site's own copy replaces the pack's page, and the pack's file
    // next to it still travels with it.
    let stay = text(&files, "cu-tru/tam-tru/index.html");
    assert!(stay.contains("nhà văn hóa thôn Đông"), "{stay}");
    assert!(files.contains_key("cu-tru/mau-to-khai.pdf"));
    // Hidden: no page, no poster, no sitemap entry.
    assert!(!files.keys().any(|f| f.contains("tai-khoan-to-chuc")), "hidden page published");
    assert!(!text(&files, "sitemap.xml").contains("tai-khoan-to-chuc"));
    // The pack's own files are not pages.
    assert!(!files.keys().any(|f| f.contains("readme") || f.contains("pack.yaml")));
    // The other commune publishes the hidden page, in its own names.
    site.run(&["build", "--root", "phuong-b"]).ok();
    let other = published(&site, "phuong-b/output");
    assert!(text(&other, "vneid/tai-khoan-to-chuc/index.html").contains("Tài khoản định danh của tổ chức"));
    assert!(text(&other, "vneid/kich-hoat/index.html").contains("Công an phường Bình Minh"));
    assert!(!text(&other, "cu-tru/tam-tru/index.html").contains("thôn Đông"));
}

#[test]
fn errors_in_a_pack_name_the_pack_file_and_the_build_keeps_the_last_output() {
    let site = province();
    site.run(&["build", "--root", "xa-a"]).ok();
    let before = published(&site, "xa-a/output");
    let site = site.with(
        "goi/vneid/dang-nhap.md",
        "---\ntitle: Đăng nhập\nreviewed: 2026-10-01\n---\n\nXem [trang không có](khong-co.md).\n",
    );
    let run = site.run(&["build", "--root", "xa-a"]).expect_code(1);
    assert!(run.stderr.contains("../goi/vneid/dang-nhap.md:6"), "{}", run.stderr);
    assert!(run.stderr.contains("broken-link"), "{}", run.stderr);
    assert_eq!(published(&site, "xa-a/output"), before, "a failed build changed the output");
}

#[test]
fn a_wrong_pack_list_is_an_error_at_its_line_in_site_yaml() {
    let site = province();
    let yaml = std::fs::read_to_string(site.path("xa-a/site.yaml")).expect("site.yaml");
    let site = site.with("xa-a/site.yaml", &yaml.replace("packs: [\"../goi\"]", "packs: [\"../goi-cu\"]"));
    let run = site.run(&["check", "--root", "xa-a"]).expect_code(1);
    assert!(run.stderr.contains("pack-missing") && run.stderr.contains("site.yaml:3"), "{}", run.stderr);
    std::fs::create_dir_all(site.path("goi-cu")).expect("folder");
    let run = site.run(&["check", "--root", "xa-a"]).expect_code(1);
    assert!(run.stderr.contains("pack-manifest-missing"), "{}", run.stderr);
    let site = site.with("goi-cu/pack.yaml", "name: cu\nversoin: 2\n");
    let run = site.run(&["check", "--root", "xa-a"]).expect_code(1);
    assert!(run.stderr.contains("../goi-cu/pack.yaml:2"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown-key"), "{}", run.stderr);
}

#[test]
fn a_hidden_entry_matching_nothing_is_a_warning_at_its_line() {
    let site = province();
    let home = std::fs::read_to_string(site.path("xa-a/content/_index.md")).expect("home");
    let site =
        site.with("xa-a/content/_index.md", &home.replace("tai-khoan-to-chuc.md", "tai-khoan-to-chuc-cu.md"));
    let run = site.run(&["check", "--root", "xa-a"]).ok();
    assert!(
        run.stderr.contains("hidden-unmatched") && run.stderr.contains("content/_index.md:4"),
        "{}",
        run.stderr
    );
    // Only a site's own `_index.md` hides: elsewhere it is said to do nothing.
    let page = std::fs::read_to_string(site.path("xa-a/content/gioi-thieu/lien-he.md")).expect("page");
    let site = site.with(
        "xa-a/content/gioi-thieu/lien-he.md",
        &page.replace("poster: false", "poster: false\nhidden: [\"x.md\"]"),
    );
    let run = site.run(&["check", "--root", "xa-a"]).ok();
    assert!(run.stderr.contains("hidden-misplaced") && run.stderr.contains("lien-he.md:5"), "{}", run.stderr);
}

#[test]
fn the_province_changing_a_copied_page_is_told_with_both_files_until_accepted() {
    let site = province();
    site.run(&["build", "--root", "xa-a"]).ok();
    let lock =
        std::fs::read_to_string(site.path("xa-a/packs.lock.json")).expect("the build records the copy");
    assert!(lock.contains("cu-tru/tam-tru.md") && lock.contains("\"version\": \"1\""), "{lock}");
    // Nothing changed in the pack: no warning.
    let quiet = site.run(&["check", "--root", "xa-a"]).ok();
    assert!(!quiet.stderr.contains("pack-page-changed"), "{}", quiet.stderr);
    // The province rewrites the page it had.
    let page = std::fs::read_to_string(site.path("goi/cu-tru/tam-tru.md")).expect("pack page");
    let changed = page
        .replace("title: \"Đăng ký tạm trú\"", "title: \"Đăng ký tạm trú trực tuyến\"")
        .replace("Nộp trên Cổng Dịch vụ công", "Nộp trên ứng dụng VNeID")
        .replace("## Nơi nộp", "## Lệ phí\n\nMiễn phí khi nộp trực tuyến.\n\n## Nơi nộp");
    let site = site
        .with("goi/cu-tru/tam-tru.md", &changed)
        .with("goi/pack.yaml", "name: thu-nghiem\nversion: \"2\"\nreviewed: 2026-11-20\n");
    let run = site.run(&["check", "--root", "xa-a"]).ok();
    let warning = run
        .stderr
        .split("\n\n")
        .find(|w| w.contains("pack-page-changed"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    for expected in [
        "content/cu-tru/tam-tru.md",
        "../goi/cu-tru/tam-tru.md",
        "Lệ phí",
        "1 → 2",
        "Đăng ký tạm trú trực tuyến",
        "các bước",
        "20/11/2026",
        "loa accept",
    ] {
        assert!(warning.contains(expected), "{expected} not in {warning}");
    }
    // The other commune has no copy: nothing to tell.
    let other = site.run(&["check", "--root", "phuong-b"]).ok();
    assert!(!other.stderr.contains("pack-page-changed"), "{}", other.stderr);
    // A build keeps the old base: the warning stays until accepted.
    site.run(&["build", "--root", "xa-a"]).ok();
    assert!(site.run(&["check", "--root", "xa-a"]).ok().stderr.contains("pack-page-changed"));
    let accepted = site.run(&["accept", "--root", "xa-a", "content/cu-tru/tam-tru.md"]).ok();
    assert!(accepted.stderr.contains("content/cu-tru/tam-tru.md"), "{}", accepted.stderr);
    let after = site.run(&["check", "--root", "xa-a"]).ok();
    assert!(!after.stderr.contains("pack-page-changed"), "{}", after.stderr);
    // A page that is no copy cannot be accepted.
    site.run(&["accept", "--root", "xa-a", "content/gioi-thieu/lien-he.md"]).expect_code(1);
}

#[test]
fn an_old_pack_review_date_is_a_check_warning_at_pack_yaml() {
    let site = province().with(
        "goi/pack.yaml",
        "name: thu-nghiem\nversion: \"1\"\nmaintainer: Sở thử\nreviewed: 2025-12-31\n",
    );
    let run = site.run(&["check", "--root", "phuong-b"]).ok();
    assert!(run.stderr.contains("pack-stale") && run.stderr.contains("../goi/pack.yaml:4"), "{}", run.stderr);
    assert!(run.stderr.contains("Sở thử"), "{}", run.stderr);
}

#[test]
fn every_site_in_one_run_one_failing_the_others_built_as_alone() {
    let site = province();
    // A third commune whose page links nowhere.
    let yaml = std::fs::read_to_string(site.path("phuong-b/site.yaml")).expect("site.yaml");
    let site = site
        .with("xa-c/site.yaml", &yaml.replace("binhminh", "xac").replace("kind: phường", "kind: xã"))
        .with(
            "xa-c/content/_index.md",
            "---\ntitle: Xã C\nreviewed: 2026-10-01\n---\n\n[Không có](khong-co.md)\n",
        );
    let run = site.run(&["build", "--sites", "."]).expect_code(1);
    let table = run.stderr.lines().skip_while(|l| !l.starts_with("Trang web")).collect::<Vec<_>>();
    assert_eq!(table.len(), 5, "header, three sites, the closing line:\n{}", run.stderr);
    assert_eq!(
        table[0].split_whitespace().collect::<Vec<_>>().join(" "),
        "Trang web Số trang Áp phích Vẽ mới Cảnh báo Lỗi"
    );
    assert!(
        table[1].starts_with("phuong-b") && table[1].split_whitespace().nth(1) == Some("10"),
        "{}",
        table[1]
    );
    assert!(table[2].starts_with("xa-a") && table[2].split_whitespace().nth(1) == Some("7"), "{}", table[2]);
    assert!(table[3].starts_with("xa-c") && table[3].contains('✗'), "{}", table[3]);
    assert!(run.stderr.contains("Trang `xa-c`") && run.stderr.contains("khong-co.md"), "{}", run.stderr);
    assert!(!site.path("xa-c/output").exists());
    // Each built site is exactly what it would be alone.
    for name in ["xa-a", "phuong-b"] {
        let alone = format!("{name}-alone");
        site.run(&["build", "--root", name, "--output", &alone]).ok();
        let together = published(&site, &format!("{name}/output"));
        assert!(together.keys().any(|f| f.ends_with("a4.pdf")), "{name} has no posters");
        assert_eq!(together, published(&site, &alone), "{name} differs built alone");
    }
    // `--output` gathers the sites in one folder.
    // (The pack links to a contact page every site must have.)
    let contact = std::fs::read_to_string(site.path("xa-a/content/gioi-thieu/lien-he.md")).expect("page");
    let site = site
        .with("xa-c/content/_index.md", "---\ntitle: Xã C\nreviewed: 2026-10-01\n---\n")
        .with("xa-c/content/gioi-thieu/lien-he.md", &contact);
    site.run(&["build", "--sites", ".", "--output", "web"]).ok();
    for name in ["xa-a", "phuong-b", "xa-c"] {
        assert!(site.path("web").join(name).join("index.html").is_file(), "{name}");
    }
    // No site at all is an error.
    std::fs::create_dir_all(site.path("trong")).expect("folder");
    site.run(&["build", "--sites", "trong"]).expect_code(1);
}

/// The repository's second example commune: a xã publishing from the same
/// pack as the sample ward, with its own copy of one guide and one hidden.
#[test]
fn the_example_commune_builds_from_the_samples_pack() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    harness::copy_tree(&repo.join("packs"), &dir.path().join("packs"));
    harness::copy_tree(&repo.join("examples/xa-mau"), &dir.path().join("examples/xa-mau"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["--lang", "vi", "build", "--root", "examples/xa-mau"])
        .current_dir(dir.path())
        .env("LOA_TODAY", "2026-12-01")
        .output()
        .expect("run loa");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // Its copy follows the pack as committed: no drift warning.
    assert!(!stderr.contains("pack-page-changed"), "{stderr}");
    let output = dir.path().join("examples/xa-mau/output");
    let read = |rel: &str| std::fs::read_to_string(output.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(read("vneid/kich-hoat/index.html").contains("hỏi giờ hỗ trợ"), "its own copy");
    assert!(read("dich-vu-cong/dang-ky-khai-sinh/index.html").contains("xã Mẫu"), "a pack page in its names");
    assert!(!output.join("dich-vu-cong/con-dau-thu-nho-dau-noi-dau-xi").exists(), "the hidden page");
    let manifest = read("posters/manifest.json");
    assert!(manifest.contains("\"sample\": true"), "sample text, so the band");
}
