//! `loa init` and `loa new`: a new site builds at once and stays a banded
//! sample until its placeholders are filled in; new pages get their front
//! matter; nothing is ever overwritten.

mod harness;
mod poster_common;

use harness::Site;

/// `check --format json` on a site: its exit code and diagnostics.
fn check(parent: &Site, root: &str, strict: bool) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--root", root, "--format", "json"];
    if strict {
        args.push("--strict");
    }
    let run = parent.run(&args);
    (run.code, serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout)))
}

fn manifest(parent: &Site, root: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(parent.path(root).join("output/posters/manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn an_untouched_new_site_is_a_banded_sample() {
    let parent = Site::fixture("base");
    parent.run(&["init", "moi"]).ok();
    let (code, items) = check(&parent, "moi", false);
    assert_eq!(code, 0, "placeholders are warnings: {items:?}");
    let codes: Vec<&str> = items.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.iter().all(|c| c.starts_with("placeholder")), "{codes:?}");
    for (code, file) in [
        ("placeholder-host", "site.yaml"),
        ("placeholder", "site.yaml"),
        ("placeholder-page", "content/vneid/bai-mau.md"),
    ] {
        assert!(items.iter().any(|d| d["code"] == code && d["file"] == file), "{code} in {file}: {items:?}");
    }
    assert!(
        items.iter().filter(|d| d["file"] == "site.yaml").all(|d| d["line"].as_u64().is_some()),
        "located"
    );
    assert_eq!(check(&parent, "moi", true).0, 1, "--strict fails");
    let build = parent.run(&["build", "--root", "moi"]).ok();
    assert!(build.stderr.contains("BẢN MẪU — KHÔNG IN"), "the summary says why: {}", build.stderr);
    assert_eq!(manifest(&parent, "moi")["sample"], true);
    for pdf in [
        "posters/vneid/bai-mau/a4.pdf",
        "posters/all-a4.pdf",
        "posters/stickers-a4.pdf",
        "posters/vneid/sheet-a4.pdf",
    ] {
        let bytes = std::fs::read(parent.path("moi/output").join(pdf)).unwrap();
        let text = poster_common::pdf_text::pdf_text(&bytes);
        assert!(text.contains("BẢN MẪU — KHÔNG IN"), "{pdf} carries the band:\n{text}");
    }
    let gallery = std::fs::read_to_string(parent.path("moi/output/posters/index.html")).unwrap();
    assert!(gallery.contains("BẢN MẪU — KHÔNG IN"));
    // The three main tasks come first on the home page.
    let home = std::fs::read_to_string(parent.path("moi/output/index.html")).unwrap();
    let at = |s: &str| home.find(s).unwrap_or_else(|| panic!("{s} on the home page"));
    assert!(
        at(">VNeID<") < at(">Dịch vụ công trực tuyến<")
            && at(">Dịch vụ công trực tuyến<") < at(">Cư trú và lưu trú<")
    );
}

#[test]
fn a_new_site_filled_in_has_no_band() {
    let parent = Site::fixture("base");
    let args = ["init", "binh-son", "--kind", "xa", "--name", "Bình Sơn", "--province", "Quảng Ngãi"];
    parent.run(&[&args[..], &["--url", "https://binhson.loa-mau.net"]].concat()).ok();
    let yaml = std::fs::read_to_string(parent.path("binh-son/site.yaml")).unwrap();
    for value in [
        "kind: \"xã\"",
        "name: \"Bình Sơn\"",
        "province: \"Quảng Ngãi\"",
        "https://binhson.loa-mau.net",
        "Xã Bình Sơn — ",
    ] {
        assert!(yaml.contains(value), "{value} in {yaml}");
    }
    // Every key has a comment above it.
    for key in [
        "title:",
        "base_url:",
        "unit:",
        "allowed_hosts:",
        "posters:",
        "ecc:",
        "tracking:",
        "markdown:",
        "review:",
    ] {
        let line =
            yaml.lines().position(|l| l.trim_start().starts_with(key)).unwrap_or_else(|| panic!("{key}"));
        let before = yaml.lines().nth(line - 1).unwrap_or_default();
        assert!(
            before.trim_start().starts_with('#') || before.ends_with(':'),
            "{key} has no comment above it"
        );
    }
    let filled = yaml
        .replace("[Địa chỉ trụ sở mẫu — CẦN SỬA]", "Thôn 1, xã Bình Sơn")
        .replace("[Giờ làm việc mẫu — CẦN SỬA]", "Thứ Hai đến Thứ Sáu")
        .replace("[Số điện thoại mẫu — CẦN SỬA]", "0255 000 000")
        .replace("[Thư điện tử mẫu — CẦN SỬA]", "ubnd@binhson.loa-mau.net")
        .replace("[Số điện thoại Công an mẫu — CẦN SỬA]", "0255 000 001");
    std::fs::write(parent.path("binh-son/site.yaml"), filled).unwrap();
    for page in walkdir::WalkDir::new(parent.path("binh-son/content")).into_iter().flatten() {
        if page.file_type().is_file() {
            // An officer's own words: the page is no longer the sample.
            let text = std::fs::read_to_string(page.path()).unwrap().replace("Bước thứ nhất.", "Mở VNeID.");
            std::fs::write(page.path(), text + "\nĐã sửa.\n").unwrap();
        }
    }
    let (code, items) = check(&parent, "binh-son", true);
    assert_eq!((code, items.len()), (0, 0), "{items:?}");
    parent.run(&["build", "--root", "binh-son"]).ok();
    assert_eq!(manifest(&parent, "binh-son")["sample"], false);
    let bytes = std::fs::read(parent.path("binh-son/output/posters/vneid/bai-mau/a4.pdf")).unwrap();
    assert!(!poster_common::pdf_text::pdf_text(&bytes).contains("BẢN MẪU"), "no band once filled in");
    let page = std::fs::read_to_string(parent.path("binh-son/output/index.html")).unwrap();
    assert!(page.contains("UBND xã Bình Sơn") && !page.contains("phường"), "{page}");
}

#[test]
fn init_never_overwrites() {
    let site = Site::fixture("base");
    let run = site.run(&["init", "content"]).expect_code(1);
    assert!(run.stderr.contains("[init-not-empty]"), "{}", run.stderr);
    assert!(site.path("content/vneid/kich-hoat.md").is_file());
    assert!(!site.path("content/site.yaml").exists());
}

#[test]
fn new_pages_get_front_matter_and_are_never_overwritten() {
    let site = Site::fixture("base");
    site.run(&["new", "vneid", "Đăng ký tài khoản mức 2"]).ok();
    let path = site.path("content/vneid/dang-ky-tai-khoan-muc-2.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for key in ["title: \"Đăng ký tài khoản mức 2\"", "reviewed: ", "sources: []", "steps: []"] {
        assert!(text.contains(key), "{key} in {text}");
    }
    // A guide is not news: no date (it would list it under "Tin mới"), and
    // no empty step (an empty "1." on the page and on the poster).
    assert!(!text.contains("\ndate: ") && !text.contains("\n1. "), "{text}");
    // The page builds; its empty description is only a warning.
    let build = site.build().ok();
    assert!(build.stderr.contains("[missing-description]"), "{}", build.stderr);
    assert!(site.output_exists("vneid/dang-ky-tai-khoan-muc-2/index.html"));

    std::fs::write(&path, "đã sửa").unwrap();
    let run = site.run(&["new", "vneid", "Đăng ký tài khoản mức 2"]).expect_code(1);
    assert!(run.stderr.contains("[page-exists]"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "đã sửa");
}

/// Issue 15: a news page gets its date, a long title a short file name, a
/// missing section is made on request.
#[test]
fn new_pages_fit_their_section() {
    let site = Site::fixture("base")
        .with("content/tin-tuc/_index.md", "---\ntitle: Tin tức\nsort_by: date\nfeed: true\n---\n");
    site.run(&["new", "tin-tuc", "Lịch tiếp công dân của Ủy ban nhân dân tháng 12 năm 2026"]).ok();
    let news = std::fs::read_to_string(site.path("content/tin-tuc/lich-tiep-cong-dan-uy-ban.md")).unwrap();
    assert!(news.contains("\ndate: "), "{news}");

    let run = site.run(&["new", "ho-tich", "Đăng ký khai sinh"]).expect_code(1);
    assert!(run.stderr.contains("--create-section"), "{}", run.stderr);
    site.run(&["new", "ho-tich", "Đăng ký khai sinh", "--create-section"]).ok();
    assert!(
        site.path("content/ho-tich/_index.md").is_file()
            && site.path("content/ho-tich/dang-ky-khai-sinh.md").is_file()
    );
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains("[placeholder]") && check.stderr.contains("ho-tich/_index.md"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.trim_end().lines().last().is_some_and(|l| l.starts_with("Đã kiểm tra")),
        "{}",
        check.stderr
    );
}

#[test]
fn new_names_the_sections_that_exist() {
    let site = Site::fixture("base");
    let run = site.run(&["new", "vnied", "Bài"]).expect_code(1);
    assert!(run.stderr.contains("[section-missing]") && run.stderr.contains("`vneid`"), "{}", run.stderr);
    let run = site.run(&["new", "../..", "Bài"]).expect_code(1);
    assert!(run.stderr.contains("[section-missing]"), "{}", run.stderr);
    site.run(&["new", "vneid"]).expect_code(2);
}
