//! `loa init` and `loa new`: a new ward's site builds and passes `check`
//! at once; new pages get their front matter; nothing is ever overwritten.

mod harness;

use harness::Site;

#[test]
fn a_new_site_builds_and_passes_check_with_no_warnings() {
    let parent = Site::fixture("base");
    parent.run(&["init", "phuong-moi"]).ok();
    let root = parent.path("phuong-moi");
    let root = root.to_str().unwrap();
    let check = parent.run(&["check", "--strict", "--root", root, "--format", "json"]).ok();
    assert_eq!(check.stdout.trim(), "[]", "{}", check.stdout);
    let build = parent.run(&["build", "--root", root]).ok();
    assert!(build.stderr.contains("(0 cảnh báo)"), "{}", build.stderr);
    assert!(parent.path("phuong-moi/output/vneid/bai-mau/index.html").is_file());
    assert!(parent.path("phuong-moi/output/posters/vneid/bai-mau/a4.pdf").is_file());
    let yaml = std::fs::read_to_string(parent.path("phuong-moi/site.yaml")).unwrap();
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
    for key in ["title: \"Đăng ký tài khoản mức 2\"", "date: ", "reviewed: ", "sources: []", "steps: []"]
    {
        assert!(text.contains(key), "{key} in {text}");
    }
    // The page builds; its empty description is only a warning.
    let build = site.build().ok();
    assert!(build.stderr.contains("[missing-description]"), "{}", build.stderr);
    assert!(site.output_exists("vneid/dang-ky-tai-khoan-muc-2/index.html"));

    std::fs::write(&path, "đã sửa").unwrap();
    let run = site.run(&["new", "vneid", "Đăng ký tài khoản mức 2"]).expect_code(1);
    assert!(run.stderr.contains("[page-exists]"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "đã sửa");
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
