//! `loa build` end to end: fixture sites built with the real binary.

mod harness;
mod poster_common;

use harness::Site;

#[test]
fn happy_path_site_is_built() {
    let site = Site::fixture("happy");
    let run = site.build().ok();
    assert!(run.stderr.contains("Đã tạo"), "{}", run.stderr);

    // Nested sections, Vietnamese folder and file names with clean slugs.
    for page in [
        "index.html",
        "vneid/index.html",
        "vneid/kich-hoat/index.html",
        "vneid/nang-cao/index.html",
        "vneid/nang-cao/to-chuc/index.html",
        "cu-tru/index.html",
        "cu-tru/dang-ky-tam-tru/index.html",
        "tin-tuc/tin-moi/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "tin-tuc/atom.xml",
        "chu-de/index.html",
        "chu-de/nguoi-cao-tuoi/index.html",
        "tim-kiem/index.html",
    ] {
        assert!(site.output_exists(page), "missing {page}");
    }
    // The search index lists every page and section but the home page.
    let index: serde_json::Value = serde_json::from_str(&site.output("tim-kiem/index.json")).unwrap();
    let urls: Vec<&str> = index["d"].as_array().unwrap().iter().map(|d| d[1].as_str().unwrap()).collect();
    assert!(urls.contains(&"/phuong-mau/cu-tru/dang-ky-tam-tru/") && urls.contains(&"/phuong-mau/vneid/"));
    assert!(!urls.contains(&"/phuong-mau/"));
    assert!(site.output_exists("search.js") && site.output_exists("favicon.svg"));
    // Drafts are left out unless asked for.
    assert!(!site.output_exists("vneid/ban-nhap/index.html"));

    // Links to .md files become published URLs under the base path.
    let home = site.output("index.html");
    assert!(home.contains(r#"href="/phuong-mau/cu-tru/dang-ky-tam-tru/#cac-buoc""#), "{home}");
    assert!(home.contains(r#"href="/phuong-mau/vneid/""#));

    // Headings get unique ASCII anchors; the image is copied under a clean name.
    let page = site.output("vneid/kich-hoat/index.html");
    assert!(page.contains(r#"<h2 id="cac-buoc">"#));
    assert!(page.contains(r#"<h2 id="cac-buoc-1">"#));
    assert!(page.contains(r##"href="#cac-buoc-1""##));
    assert!(page.contains(r#"src="/phuong-mau/vneid/anh-man-hinh.png""#), "{page}");
    assert!(site.output_exists("vneid/anh-man-hinh.png"));
    // Tables, footnotes, task lists, strikethrough.
    assert!(page.contains("<table>") && page.contains("footnote-definition"));
    assert!(page.contains(r#"aria-label="Đã xong""#) && page.contains("<del>Cũ</del>"));

    // Aliases redirect with a canonical link.
    let alias = site.output("kichhoat/index.html");
    assert!(
        alias.contains(r#"<link rel="canonical" href="https://example.org/phuong-mau/vneid/kich-hoat/">"#)
    );
    assert!(alias.contains(
        r#"http-equiv="refresh" content="0; url=https://example.org/phuong-mau/vneid/kich-hoat/""#
    ));

    // The site's own 404 template overrides the built-in one.
    assert!(site.output("404.html").contains("Trang riêng của phường"));

    // Newest news first in the feed and the section list.
    let feed = site.output("tin-tuc/atom.xml");
    assert!(feed.find("Tin mới").unwrap() < feed.find("Tin cũ").unwrap());
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/phuong-mau/vneid/kich-hoat/</loc>"));
    assert!(sitemap.contains("<lastmod>2025-12-15</lastmod>"));
}

#[test]
fn drafts_are_built_on_request() {
    let site = Site::fixture("happy");
    site.run(&["build", "--drafts"]).ok();
    assert!(site.output_exists("vneid/ban-nhap/index.html"));
}

#[test]
fn every_link_respects_the_base_path() {
    let site = Site::fixture("happy");
    site.build().ok();
    for (name, bytes) in site.files("output") {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for part in html.split("href=\"").skip(1).chain(html.split("src=\"").skip(1)) {
            let url = &part[..part.find('"').unwrap()];
            assert!(
                url.starts_with("/phuong-mau/") || url.starts_with("https://") || url.starts_with('#'),
                "{name}: {url}"
            );
        }
    }
}

#[test]
fn bom_crlf_and_decomposed_text_are_accepted() {
    let nfd_title = "Đa\u{306}ng ky\u{301} ta\u{323}m tru\u{301}"; // "Đăng ký tạm trú", decomposed
    let crlf = format!(
        "\u{feff}---\r\ntitle: \"{nfd_title}\"\r\ndescription: \"Mô tả.\"\r\n---\r\n## Các bước\r\n\r\nNội dung.\r\n"
    );
    let site = Site::fixture("base").with("content/vneid/Đăng ký.md", &crlf);
    site.build().ok();
    let html = site.output("vneid/dang-ky/index.html");
    assert!(html.contains("<h1>Đăng ký tạm trú</h1>"), "text must be NFC: {html}");
    assert!(html.contains(r#"<h2 id="cac-buoc">"#));
    assert!(!html.contains('\u{feff}') && !html.contains('\r'));
}

#[test]
fn legacy_encoding_is_an_error_that_says_how_to_fix_it() {
    // "Đăng ký" in Windows-1258.
    let bytes = b"---\ntitle: \"\xD0\xE3ng k\xFD\"\n---\nN\xF4i dung\n";
    let site = Site::fixture("base").with_bytes("content/vneid/cu.md", bytes);
    let run = site.build().expect_code(1);
    assert!(run.stderr.contains("content/vneid/cu.md:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8") && run.stderr.contains("Windows-1258"));
}

/// Each bad input: the base site builds, then the bad file is laid over it;
/// the build must fail naming the file and line, and leave the output as it was.
#[test]
fn bad_inputs_fail_with_located_errors_and_keep_the_output() {
    let cases = [
        ("config-unknown-key", "unknown-key", "site.yaml:2:1", Some("base_url")),
        ("config-bad-base-url", "base-url-invalid", "site.yaml:2:", None),
        ("front-matter-unknown-key", "unknown-key", "content/vneid/kich-hoat.md:3:1", Some("description")),
        ("bad-date", "date-invalid", "content/vneid/kich-hoat.md:4:", None),
        ("unclosed-front-matter", "front-matter-unclosed", "content/vneid/kich-hoat.md:1:", None),
        ("bad-slug", "slug-invalid", "content/vneid/kich-hoat.md:4:", Some("etc")),
        ("duplicate-url", "duplicate-url", "content/vneid/kich-hoat", Some("/phuong-mau/")),
        ("alias-collision", "duplicate-url", "content/vneid/huong-dan.md:4:", None),
        ("broken-link", "broken-link", "content/vneid/kich-hoat.md:7:5", Some("dang-ky.md")),
        ("broken-anchor", "broken-anchor", "content/vneid/_index.md:5:", Some("#cac-buoc")),
        ("missing-image", "missing-file", "content/vneid/kich-hoat.md:7:1", Some("man-hinh.png")),
        (
            "host-not-allowed",
            "host-not-allowed",
            "content/vneid/kich-hoat.md:7:16",
            Some("vneid-apk.example.com"),
        ),
        ("template-error", "template", "themes/default/templates/page.html:3:", None),
    ];
    for (case, code, place, mention) in cases {
        let site = Site::fixture("base");
        site.build().ok();
        let before = site.files("output");
        let site = site.overlay(&format!("bad/{case}"));
        let run = site.build().expect_code(1);
        assert!(run.stderr.contains(&format!("[{code}]")), "{case}: code {code}\n{}", run.stderr);
        assert!(run.stderr.contains(place), "{case}: place {place}\n{}", run.stderr);
        if let Some(mention) = mention {
            assert!(run.stderr.contains(mention), "{case}: mention {mention}\n{}", run.stderr);
        }
        assert!(run.stderr.contains("Thư mục kết quả cũ được giữ nguyên"), "{case}");
        assert_eq!(before, site.files("output"), "{case}: output changed");
    }
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let site = Site::fixture("base")
        .with("content/vneid/a.md", "---\ntitle: A\ndescription: a\n---\n[x](khong-co.md)\n")
        .with("content/vneid/b.md", "---\ntitle: B\ndescription: b\n---\n[y](https://example.com)\n");
    let run = site.build().expect_code(1);
    assert!(
        run.stderr.contains("content/vneid/a.md:5:1") && run.stderr.contains("content/vneid/b.md:5:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 lỗi"));
}

#[test]
fn builds_are_deterministic() {
    let site = Site::fixture("happy");
    site.run(&["build", "--output", "a"]).ok();
    site.run(&["build", "--output", "b"]).ok();
    let strip = |mut files: std::collections::BTreeMap<String, Vec<u8>>| {
        files.remove(".loa-build.json");
        files
    };
    assert_eq!(strip(site.files("a")), strip(site.files("b")));
}

#[test]
fn unchanged_site_is_not_rebuilt_but_changes_are_never_missed() {
    let site = Site::fixture("happy");
    site.build().ok();
    let run = site.build().ok();
    assert!(run.stderr.contains("Không có gì thay đổi"), "{}", run.stderr);

    // A content edit is picked up.
    let path = site.path("content/vneid/kich-hoat.md");
    let text = std::fs::read_to_string(&path).unwrap().replace("Chọn", "Bấm chọn");
    std::fs::write(&path, text).unwrap();
    let run = site.build().ok();
    assert!(run.stderr.contains("Đã tạo"), "{}", run.stderr);
    assert!(site.output("vneid/kich-hoat/index.html").contains("Bấm chọn"));

    // A damaged output is rebuilt, never served stale.
    std::fs::remove_file(site.path("output/vneid/index.html")).unwrap();
    let run = site.build().ok();
    assert!(run.stderr.contains("Đã tạo"), "{}", run.stderr);
    assert!(site.output_exists("vneid/index.html"));
}

#[test]
fn foreign_output_folder_is_never_replaced() {
    let site = Site::fixture("base").with("thu-muc-khac/bao-cao.docx", "quan trọng");
    let run = site.run(&["build", "--output", "thu-muc-khac"]).expect_code(1);
    assert!(run.stderr.contains("[output-not-ours]"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(site.path("thu-muc-khac/bao-cao.docx")).unwrap(), "quan trọng");
    let run = site.run(&["build", "--output", "."]).expect_code(1);
    assert!(run.stderr.contains("[output-unsafe]"), "{}", run.stderr);
}

#[test]
fn command_line_mistakes_exit_with_2() {
    let site = Site::fixture("base");
    site.run(&["build", "--base-url", "khong-phai-url"]).expect_code(2);
    site.run(&["build", "--khong-co"]).expect_code(2);
    site.run(&["xay-dung"]).expect_code(2);
    assert!(site.run(&["--help"]).ok().stdout.contains("build"));
    assert!(site.run(&["--version"]).ok().stdout.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = Site::fixture("base");
    site.run(&["build", "--base-url", "http://127.0.0.1:8080/"]).ok();
    let html = site.output("vneid/kich-hoat/index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="http://127.0.0.1:8080/vneid/kich-hoat/">"#),
        "{html}"
    );
    assert!(html.contains(r#"href="/vneid/""#));
}

#[test]
fn messages_follow_the_language() {
    let site = Site::fixture("base").overlay("bad/broken-link");
    let run = site.run_env(&["build"], &[("LANG", "en_US.UTF-8")]).expect_code(1);
    assert!(run.stderr.contains("link to a page that does not exist"), "{}", run.stderr);
    let run = site.run_env(&["build", "--lang", "vi"], &[("LANG", "en_US.UTF-8")]).expect_code(1);
    assert!(run.stderr.contains("liên kết tới trang không tồn tại"), "{}", run.stderr);
}

#[test]
fn error_output_snapshot() {
    let site = Site::fixture("base").overlay("bad/broken-anchor");
    let run = site.build().expect_code(1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn page_html_snapshot() {
    let site = Site::fixture("happy");
    site.build().ok();
    let html = site.output("vneid/kich-hoat/index.html");
    let start = html.find("<article>").unwrap();
    let end = html.find("</article>").unwrap() + "</article>".len();
    insta::assert_snapshot!(&html[start..end]);
}

/// The base site with posters turned on (A4 only, to keep tests quick).
fn poster_site() -> Site {
    Site::fixture("base").overlay("posters")
}

/// The print files made of many posters are joined from pages: after one
/// label changes, only the pages that print it are drawn again, and every
/// print file is the same bytes a clean build makes.
#[test]
fn a_rebuild_after_one_poster_changes_makes_what_a_clean_build_makes() {
    let mut site = poster_site();
    for i in 1..=30 {
        let page = format!(
            "---\ntitle: \"Thủ tục số {i}\"\nshort_title: \"Mục {i}\"\ndescription: d\n---\n1. Mở VNeID.\n2. Chọn mục {i}.\n"
        );
        site = site.with(&format!("content/vneid/muc-{i:02}.md"), &page);
    }
    site.build().ok();
    let path = site.path("content/vneid/muc-20.md");
    let text = std::fs::read_to_string(&path).unwrap().replace("\"Mục 20\"", "\"Mục hai mươi\"");
    std::fs::write(&path, text).unwrap();
    let run = site.run(&["build", "--verbose"]).ok();
    assert!(run.stderr.contains("31 áp phích (1 vẽ mới)"), "{}", run.stderr);
    // Its sticker page (of 3) and its page of the A4 and A3 index sheets (of 2 each).
    let drawn = run.stderr.lines().find(|l| l.contains("sheet page")).unwrap_or_default();
    assert!(drawn.contains(" 3 × "), "{}", run.stderr);
    let print = [
        "posters/all-a4.pdf",
        "posters/stickers-a4.pdf",
        "posters/vneid/sheet-a4.pdf",
        "posters/vneid/sheet-a3.pdf",
    ];
    let rebuilt: Vec<Vec<u8>> =
        print.iter().map(|f| std::fs::read(site.path("output").join(f)).unwrap()).collect();
    assert!(poster_common::pdf_text::pdf_text(&rebuilt[1]).contains("Mục hai mươi"));
    std::fs::remove_dir_all(site.path("output")).unwrap();
    site.build().ok();
    for (file, bytes) in print.iter().zip(rebuilt) {
        assert!(
            std::fs::read(site.path("output").join(file)).unwrap() == bytes,
            "{file} is not what a clean build makes"
        );
    }
}

#[test]
fn unchanged_posters_are_reused_not_rendered_again() {
    let site = poster_site();
    let run = site.build().ok();
    assert!(run.stderr.contains("1 áp phích (1 vẽ mới)"), "{}", run.stderr);
    let pdf = std::fs::read(site.path("output/posters/vneid/kich-hoat/a4.pdf")).unwrap();

    // Editing the page after its steps changes the page, not the poster.
    let path = site.path("content/vneid/kich-hoat.md");
    let text = std::fs::read_to_string(&path).unwrap() + "\nThêm một dòng.\n";
    std::fs::write(&path, text).unwrap();
    let run = site.build().ok();
    assert!(run.stderr.contains("1 áp phích (0 vẽ mới)"), "{}", run.stderr);
    assert_eq!(pdf, std::fs::read(site.path("output/posters/vneid/kich-hoat/a4.pdf")).unwrap());

    // Changing a step renders it again.
    let text = std::fs::read_to_string(&path).unwrap().replace("Chọn kích hoạt", "Bấm Kích hoạt");
    std::fs::write(&path, text).unwrap();
    let run = site.build().ok();
    assert!(run.stderr.contains("1 áp phích (1 vẽ mới)"), "{}", run.stderr);
}

/// A poster that cannot be made never holds the website back (issue 12):
/// one located warning per cause, the page and the other posters built,
/// the gallery and manifest say why, `check --strict` fails.
#[test]
fn poster_problems_are_warnings_and_the_site_is_built() {
    for (case, code, place) in [
        ("poster-missing-glyph", "poster-missing-glyph", "content/vneid/kich-hoat.md:5:"),
        ("poster-too-long", "poster-text-too-long", "content/vneid/kich-hoat.md:6:"),
    ] {
        let site = poster_site()
            .overlay(&format!("bad/{case}"))
            .with("content/vneid/khac.md", "---\ntitle: Khác\ndescription: d\n---\n1. Mở VNeID.\n");
        let run = site.build().ok();
        let count = run.stderr.matches(&format!("[{code}]")).count();
        assert_eq!(count, 1, "{case}: one cause, one message\n{}", run.stderr);
        assert!(run.stderr.contains(place), "{case}: {place}\n{}", run.stderr);
        assert!(
            run.stderr.contains("1 trang chưa có áp phích"),
            "{case}: the summary counts it\n{}",
            run.stderr
        );
        assert!(site.output_exists("vneid/kich-hoat/index.html"), "{case}: the page is built");
        assert!(!site.output_exists("posters/vneid/kich-hoat/a4.pdf"), "{case}: no half poster");
        assert!(site.output_exists("posters/vneid/khac/a4.pdf"), "{case}: the other posters are made");
        let gallery = site.output("posters/index.html");
        assert!(gallery.contains("Không tạo được áp phích"), "{case}: {gallery}");
        let manifest: serde_json::Value =
            serde_json::from_str(&site.output("posters/manifest.json")).unwrap();
        let posters = manifest["posters"].as_array().unwrap();
        let entry = posters.iter().find(|p| p["page"] == "vneid/kich-hoat.md").unwrap();
        assert!(entry["warnings"].as_array().is_some_and(|w| !w.is_empty()), "{case}: {entry}");
        assert_eq!(strict_check(&site), (1, true), "{case}: `check --strict` fails on it");
        assert_eq!(site.run(&["check"]).code, 0, "{case}: a warning, not an error");
    }
}

/// Exit code of `check --strict`, and whether it reported a poster problem.
fn strict_check(site: &Site) -> (i32, bool) {
    let run = site.run(&["check", "--strict", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let poster = items.as_array().unwrap().iter().any(|i| i["code"].as_str().unwrap().starts_with("poster-"));
    (run.code, poster)
}

/// A title too long for any poster is a warning at its line; the page's
/// `short_title` is used when it has one.
#[test]
fn a_very_long_title_is_a_warning_unless_a_short_title_is_given() {
    const TITLE: &str = "Hướng dẫn chi tiết thủ tục đăng ký tạm trú cho công dân đang sinh sống, làm việc, \
        học tập tại phường nhưng chưa đăng ký thường trú, kèm theo danh sách giấy tờ cần chuẩn bị và lệ phí \
        phải nộp khi làm hồ sơ";
    assert!(TITLE.chars().count() >= 200);
    let page = |extra: &str| {
        format!("---\ntitle: \"{TITLE}\"\n{extra}description: d\n---\n1. Mở VNeID.\n2. Chọn Cư trú.\n")
    };
    let site = poster_site().with("content/vneid/tam-tru.md", &page(""));
    let run = site.build().ok();
    assert_eq!(run.stderr.matches("[poster-text-too-long]").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/vneid/tam-tru.md:2:"), "at the title line\n{}", run.stderr);
    assert!(site.output_exists("vneid/tam-tru/index.html"));
    assert!(site.output_exists("posters/vneid/kich-hoat/a4.pdf"), "the other poster is made");
    assert!(!site.output_exists("posters/vneid/tam-tru/a4.pdf"));
    let gallery = site.output("posters/index.html");
    let entry = &gallery[gallery.find("tam-tru").unwrap()..];
    assert!(entry.contains("Không tạo được áp phích"), "{gallery}");
    assert_eq!(strict_check(&site), (1, true));

    let site = poster_site().with("content/vneid/tam-tru.md", &page("short_title: \"Đăng ký tạm trú\"\n"));
    let run = site.build().ok();
    assert!(!run.stderr.contains("[poster-text-too-long]"), "{}", run.stderr);
    let words = poster_common::pdf_text::pdf_words(
        &std::fs::read(site.path("output/posters/vneid/tam-tru/a4.pdf")).unwrap(),
    );
    assert!(words.contains("Đăng ký tạm trú") && !words.contains("Hướng dẫn chi tiết"), "{words}");
    assert!(!strict_check(&site).1);
}

#[test]
fn poster_qr_must_stay_on_the_site() {
    let site = poster_site();
    let yaml =
        std::fs::read_to_string(site.path("site.yaml")).unwrap().replace("src=poster", "nguồn=áp-phích");
    let site = site.with("site.yaml", &yaml);
    let run = site.build().ok();
    assert!(run.stderr.contains("[poster-qr-off-site]"), "{}", run.stderr);
    assert!(site.output_exists("vneid/kich-hoat/index.html"));
    assert!(!site.output_exists("posters/vneid/kich-hoat/a4.pdf"));
}

#[test]
fn posters_can_be_turned_off_per_page_and_per_section() {
    let site = poster_site()
        .with("content/vneid/_index.md", "---\ntitle: VNeID\ndescription: d\nposter: false\n---\nMục.\n");
    site.build().ok();
    assert!(!site.output_exists("posters/vneid/kich-hoat/a4.pdf"));
    let site = poster_site()
        .with("content/vneid/khac.md", "---\ntitle: Khác\ndescription: d\nposter: false\n---\nNội dung.\n");
    site.build().ok();
    assert!(site.output_exists("posters/vneid/kich-hoat/a4.pdf"));
    assert!(!site.output_exists("posters/vneid/khac/a4.pdf"));
    // Every page still gets its link-preview image.
    assert!(site.output_exists("posters/vneid/khac/share.png"));
    let manifest = site.output("posters/manifest.json");
    assert!(manifest.contains("\"page\": \"vneid/kich-hoat.md\"") && !manifest.contains("khac"));
}
