//! Regression tests for the hardening findings (issue 9): nothing is
//! published that the officer did not write, nothing is deleted that loa did
//! not make. Each test names the finding it keeps fixed. `loa serve`'s
//! findings are in `tests/serve.rs`.

mod harness;
mod properties;

use harness::Site;

/// The base site with raw HTML allowed, so that HTML and SVG files reach
/// the ownership check instead of being refused for what they are.
fn html_site() -> Site {
    let site = Site::fixture("base");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap() + "markdown:\n  allow_html: true\n";
    site.with("site.yaml", &yaml)
}

fn with_feed(site: Site) -> Site {
    site.with("content/tin-tuc/_index.md", "---\ntitle: Tin tức\ndescription: d\nfeed: true\n---\nTin.\n")
        .with(
            "content/tin-tuc/tin-1.md",
            "---\ntitle: Tin 1\ndescription: d\ndate: 2026-11-01\n---\nNội dung.\n",
        )
}

/// Finding 1: a content file at a path loa generates used to win silently.
#[test]
fn content_files_cannot_replace_generated_files() {
    let cases = [
        ("content/index.html", "content/_index.md"),
        ("content/search.js", "search.js"),
        ("content/404.html", "404.html"),
        ("content/sitemap.xml", "sitemap.xml"),
        ("content/robots.txt", "robots.txt"),
        ("content/favicon.svg", "favicon.svg"),
        ("content/tim-kiem/index.json", "tim-kiem/"),
        ("content/chu-de/index.html", "chu-de/"),
        ("content/vneid/kich-hoat/index.html", "content/vneid/kich-hoat.md"),
        ("content/posters/vneid/kich-hoat/a4.pdf", "posters/"),
        ("content/tin-tuc/atom.xml", "tin-tuc/atom.xml"),
    ];
    for (file, other) in cases {
        let body = if file.ends_with(".svg") { "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" } else { "x" };
        let site = with_feed(html_site());
        site.build().ok();
        let before = site.files("output");
        let site = site.with(file, body);
        for command in ["build", "check"] {
            let run = site.run(&[command]).expect_code(1);
            assert!(run.stderr.contains("[duplicate-url]"), "{file} ({command}): {}", run.stderr);
            assert!(
                run.stderr.contains(file) && run.stderr.contains(other),
                "{file} ({command}): {}",
                run.stderr
            );
        }
        assert_eq!(before, site.files("output"), "{file}: output changed");
    }
}

/// Finding 1: an alias equal to a generated file is the same error, not a
/// write failure.
#[test]
fn aliases_cannot_take_generated_paths() {
    for (alias, other) in [
        ("index.html", "content/_index.md"),
        ("sitemap.xml", "sitemap.xml"),
        ("tin-tuc/atom.xml", "tin-tuc/atom.xml"),
        ("posters/vneid/kich-hoat/a4.pdf", "posters/"),
        ("tim-kiem", "tim-kiem/"),
    ] {
        let page = format!("---\ntitle: Khác\ndescription: d\naliases: [\"{alias}\"]\n---\nNội dung.\n");
        let site = with_feed(Site::fixture("base")).with("content/vneid/khac.md", &page);
        let run = site.build().expect_code(1);
        assert!(run.stderr.contains("[duplicate-url]"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("content/vneid/khac.md:4:"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains(other), "{alias}: {}", run.stderr);
        assert!(!run.stderr.contains("[write-failed]"), "{alias}: {}", run.stderr);
    }
}

/// Finding 1: HTML, SVG and script files are published only when raw HTML
/// is allowed, and an SVG never with script in it.
#[test]
fn active_files_need_allow_html_and_svg_never_carries_script() {
    for file in ["content/vneid/trang.html", "content/vneid/hinh.svg", "content/vneid/ma.js"] {
        let site = Site::fixture("base").with(file, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        let run = site.build().expect_code(1);
        assert!(run.stderr.contains("[active-file]") && run.stderr.contains(file), "{file}: {}", run.stderr);
        assert!(run.stderr.contains("allow_html"), "{}", run.stderr);
    }
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"5\" height=\"5\"/>\n<circle r=\"2\" onload=\"alert(1)\"/>\n</svg>\n";
    let site = html_site().with("content/vneid/hinh.svg", svg);
    let run = site.build().expect_code(1);
    assert!(
        run.stderr.contains("[svg-script]") && run.stderr.contains("content/vneid/hinh.svg:3:"),
        "{}",
        run.stderr
    );
    let clean = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"5\" height=\"5\"/></svg>\n";
    let site = html_site().with("content/vneid/hinh.svg", clean);
    site.build().ok();
    assert_eq!(site.output("vneid/hinh.svg"), clean);
}

/// Finding 2: a file the user put in a loa-made output used to be deleted
/// by the next build.
#[test]
fn files_loa_did_not_make_are_never_deleted() {
    let site = Site::fixture("base");
    site.build().ok();
    let site = site.with("output/ghi-chu.txt", "của tôi").with("output/vneid/anh-cua-toi.png", "ảnh");
    let before = site.files("output");
    let site = site.with("content/vneid/moi.md", "---\ntitle: Mới\ndescription: d\n---\nMới.\n");
    let run = site.build().expect_code(1);
    assert!(run.stderr.contains("[output-has-strays]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("ghi-chu.txt") && run.stderr.contains("vneid/anh-cua-toi.png"),
        "{}",
        run.stderr
    );
    assert_eq!(before, site.files("output"), "nothing may change");
    // Once the officer moves them away, the build goes on.
    std::fs::remove_file(site.path("output/ghi-chu.txt")).unwrap();
    std::fs::remove_file(site.path("output/vneid/anh-cua-toi.png")).unwrap();
    site.build().ok();
    assert!(site.output_exists("vneid/moi/index.html"));
}

/// Finding 2: an `--output` that is a symbolic link is followed, never replaced.
#[cfg(unix)]
#[test]
fn an_output_link_is_followed_and_kept() {
    let site = Site::fixture("base");
    std::fs::create_dir(site.path("that-thu")).unwrap();
    std::os::unix::fs::symlink(site.path("that-thu"), site.path("ket-qua")).unwrap();
    for title in ["Một", "Hai"] {
        let page = format!("---\ntitle: {title}\ndescription: d\n---\nx\n");
        let site = &site;
        std::fs::write(site.path("content/vneid/trang.md"), page).unwrap();
        site.run(&["build", "--output", "ket-qua"]).ok();
        let link = std::fs::symlink_metadata(site.path("ket-qua")).unwrap();
        assert!(link.file_type().is_symlink(), "the link must stay a link");
        let html = std::fs::read_to_string(site.path("that-thu/vneid/trang/index.html")).unwrap();
        assert!(html.contains(title));
    }
    std::fs::remove_dir_all(site.path("that-thu")).unwrap();
    let run = site.run(&["build", "--output", "ket-qua"]).expect_code(1);
    assert!(run.stderr.contains("[output-link-broken]"), "{}", run.stderr);
}

#[cfg(unix)]
fn staging_folders(site: &Site) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(site.path(""))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output.loa-staging-"))
        .collect();
    found.sort();
    found
}

/// A process id that is not running: one that has just exited.
#[cfg(unix)]
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Finding 3: what an interrupted build leaves behind is removed by the
/// next build; staging folders of live builds and folders not loa's stay.
#[cfg(unix)]
#[test]
fn leftovers_of_interrupted_builds_are_removed() {
    let site = Site::fixture("base");
    site.build().ok();
    let [killed, moved, foreign] = [dead_pid(), dead_pid(), dead_pid()];
    let live = std::process::id();
    let site = site
        .with(&format!(".output.loa-staging-{killed}/.loa-staging"), "output")
        .with(&format!(".output.loa-staging-{killed}/vneid/index.html"), "nửa chừng")
        .with(&format!(".output.loa-staging-{moved}.old/.loa-build.json"), "{}")
        .with(&format!(".output.loa-staging-{live}/.loa-staging"), "output")
        .with(&format!(".output.loa-staging-{foreign}/cua-nguoi-khac.txt"), "x");
    let site = site.with("content/vneid/moi.md", "---\ntitle: Mới\ndescription: d\n---\nMới.\n");
    site.build().ok();
    let mut kept = vec![format!(".output.loa-staging-{live}"), format!(".output.loa-staging-{foreign}")];
    kept.sort();
    assert_eq!(staging_folders(&site), kept);
}

/// Where there is no one-step exchange (Windows), a swap sets the output
/// aside, then renames the new build in. Cut off between the two, the
/// output is missing: the next build puts the complete build back, even
/// when that build itself fails.
#[cfg(unix)]
#[test]
fn a_swap_cut_off_half_way_is_recovered_even_by_a_failing_build() {
    let site = Site::fixture("base");
    site.build().ok();
    let before = site.output("index.html");
    let pid = dead_pid();
    let aside = site.path(&format!(".output.loa-staging-{pid}.old"));
    std::fs::rename(site.path("output"), &aside).unwrap();
    let site = site.with("site.yaml", "title: [\n");
    site.build().expect_code(1);
    assert_eq!(site.output("index.html"), before, "the last good output is back");
    assert!(!aside.exists() && staging_folders(&site).is_empty(), "{:?}", staging_folders(&site));
}

/// Finding 3: a real build killed at some moment (by any signal), then a
/// build: no junk is left and the output is whole.
#[cfg(unix)]
#[test]
fn a_killed_build_is_followed_by_a_clean_build() {
    for (i, signal) in ["KILL", "TERM", "HUP", "INT"].iter().enumerate() {
        let site = Site::fixture("base").overlay("posters");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("build")
            .current_dir(site.path(""))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Different moments: while loading, rendering, drawing posters.
        std::thread::sleep(std::time::Duration::from_millis(20 + 60 * i as u64));
        std::process::Command::new("kill").args(["-s", signal, &child.id().to_string()]).status().unwrap();
        let mut child = child;
        child.wait().unwrap();
        site.build().ok();
        assert!(staging_folders(&site).is_empty(), "{signal}: {:?}", staging_folders(&site));
        assert!(site.output_exists("posters/vneid/kich-hoat/a4.pdf"), "{signal}");
    }
}

/// Finding 4: an alias on a tag page's path is an error, every time.
#[test]
fn an_alias_on_a_tag_page_is_an_error_every_time() {
    let site = Site::fixture("base")
        .with("content/vneid/a.md", "---\ntitle: A\ndescription: d\ntags: [VNeID]\n---\nA.\n")
        .with("content/vneid/b.md", "---\ntitle: B\ndescription: d\naliases: [\"chu-de/vneid\"]\n---\nB.\n");
    for _ in 0..3 {
        let run = site.build().expect_code(1);
        assert!(
            run.stderr.contains("[duplicate-url]") && run.stderr.contains("content/vneid/b.md:4:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("“VNeID”"), "{}", run.stderr);
    }
}

/// Finding 4: tags that differ by case or accents are one tag, and a page
/// is listed once under it.
#[test]
fn tags_differing_by_case_or_accents_are_one_tag() {
    let site = Site::fixture("base")
        .with(
            "content/vneid/a.md",
            "---\ntitle: A\ndescription: d\ntags: [Căn cước, căn cước, CAN CUOC]\n---\nA.\n",
        )
        .with("content/vneid/b.md", "---\ntitle: B\ndescription: d\ntags: [can cuoc]\n---\nB.\n");
    site.build().ok();
    let tag = site.output("chu-de/can-cuoc/index.html");
    assert_eq!(tag.matches("/phuong-mau/vneid/a/\"").count(), 1, "{tag}");
    assert_eq!(tag.matches("/phuong-mau/vneid/b/\"").count(), 1, "{tag}");
    let page = site.output("vneid/a/index.html");
    assert_eq!(page.matches("chu-de/can-cuoc/").count(), 1, "{page}");
    let list = site.output("chu-de/index.html");
    assert_eq!(list.matches("chu-de/can-cuoc/").count(), 1, "{list}");
}

/// Finding 5: a title with `<!--<script>` used to blank the whole page
/// (JSON-LD); the HTML must parse to its end.
#[test]
fn script_like_titles_cannot_swallow_the_page() {
    for title in ["<!--<script>", "</script><script>alert(1)</script>", "a & b <c>"] {
        let page = format!(
            "---\ntitle: '{title}'\ndescription: '{title}'\ndate: 2026-11-01\n---\nNội dung cuối trang.\n"
        );
        let site = with_feed(Site::fixture("base")).with("content/tin-tuc/tin-2.md", &page);
        site.build().ok();
        let html = site.output("tin-tuc/tin-2/index.html");
        properties::html_is_whole(&html).unwrap_or_else(|e| panic!("{title}: {e}\n{html}"));
        assert!(html.contains("Nội dung cuối trang."));
        assert!(!html.contains("<script>alert(1)"), "{html}");
    }
}

/// Finding 5: control characters never reach an XML file; a NUL in
/// Markdown becomes U+FFFD.
#[test]
fn xml_outputs_stay_well_formed() {
    let page = "---\ntitle: \"Tin\\x01 mới\\x1f\"\ndescription: \"Mô\\x0b tả\"\ndate: 2026-11-02\n---\nCó\u{0} ký tự &#1; lạ.\n";
    let site = with_feed(Site::fixture("base")).with("content/tin-tuc/tin-2.md", page);
    site.build().ok();
    for file in ["tin-tuc/atom.xml", "sitemap.xml"] {
        properties::xml_is_well_formed(&site.output(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    assert!(site.output("tin-tuc/atom.xml").contains("Tin mới"));
    let html = site.output("tin-tuc/tin-2/index.html");
    assert!(html.contains("Có\u{fffd} ký tự") && !html.contains('\u{0}'), "{html}");
}

/// Finding 6: e-mail autolinks, mailto: and tel: links work.
#[test]
fn email_and_phone_links_work() {
    let body = "Gửi <ubnd@example.org>, [thư](mailto:ubnd@example.org) hoặc [gọi](tel:+842553822222).\n";
    let site = Site::fixture("base")
        .with("content/vneid/lien-he.md", &format!("---\ntitle: Liên hệ\ndescription: d\n---\n{body}"));
    site.build().ok();
    let html = site.output("vneid/lien-he/index.html");
    assert!(html.contains("href=\"mailto:ubnd@example.org\">ubnd@example.org</a>"), "{html}");
    assert!(html.contains("href=\"tel:+842553822222\""), "{html}");
}

/// Finding 6: bad values are errors: `--lang`, a `base_url` with a user,
/// dates that are not dates; hosts are shown without a trailing dot.
#[test]
fn bad_inputs_are_refused_not_misread() {
    let site = Site::fixture("base");
    site.run(&["build", "--lang", "xx"]).expect_code(2);
    site.run(&["check", "--lang", "fr"]).expect_code(2);
    for base in ["https://user@example.org/x", "https://u:p@example.org/x", "https://example.org/x#a"] {
        let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
        let changed =
            Site::fixture("base").with("site.yaml", &yaml.replace("https://example.org/phuong-mau", base));
        let run = changed.build().expect_code(1);
        assert!(
            run.stderr.contains("[base-url-invalid]") && run.stderr.contains("site.yaml:2:"),
            "{base}: {}",
            run.stderr
        );
    }
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    let dotted = Site::fixture("base").with("site.yaml", &yaml.replace("example.org", "Example.ORG."));
    dotted.build().ok();
    assert!(
        dotted
            .output("vneid/kich-hoat/index.html")
            .contains("href=\"https://example.org/phuong-mau/vneid/kich-hoat/\"")
    );
    for date in ["-001-01-01", "2026-01-01Tgarbage"] {
        let page = format!("---\ntitle: A\ndescription: d\ndate: \"{date}\"\n---\nA.\n");
        let run = Site::fixture("base").with("content/vneid/a.md", &page).build().expect_code(1);
        assert!(
            run.stderr.contains("[date-invalid]") && run.stderr.contains("content/vneid/a.md:4:"),
            "{date}: {}",
            run.stderr
        );
    }
    let link = "---\ntitle: A\ndescription: d\n---\n[x](https://evil.example.)\n";
    let run = Site::fixture("base").with("content/vneid/a.md", link).build().expect_code(1);
    assert!(run.stderr.contains("`evil.example`"), "{}", run.stderr);
}

/// Finding 6: file names that are not UTF-8, or hold a backslash, are named
/// as such (not "No such file").
#[cfg(unix)]
#[test]
fn unusable_file_names_are_explained() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("base").with("content/vneid/a\\b.png", "x");
    let name = std::ffi::OsStr::from_bytes(b"\xD0\xE3ng k\xFD.md");
    std::fs::write(site.path("content/vneid").join(name), "---\ntitle: X\n---\n").unwrap();
    let run = site.build().expect_code(1);
    assert!(
        run.stderr.contains("[file-name-not-utf8]") && run.stderr.contains("[file-name-backslash]"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("No such file") && !run.stderr.contains("[read-failed]"), "{}", run.stderr);
    // Every JSON diagnostic names its file.
    let run = site.run(&["check", "--format", "json"]).expect_code(1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(!items.is_empty() && items.iter().all(|d| d["file"].is_string()), "{}", run.stdout);
}

/// Finding 7: an unknown front-matter key, a duplicate URL and a broken
/// link are reported in one run.
#[test]
fn three_kinds_of_error_in_one_run() {
    let site = Site::fixture("base")
        .with("content/vneid/a.md", "---\ntitle: A\ndescripton: d\n---\nA.\n")
        .with("content/vneid/b.md", "---\ntitle: B\ndescription: d\nslug: kich-hoat\n---\nB.\n")
        .with("content/vneid/c.md", "---\ntitle: C\ndescription: d\n---\n[x](khong-co.md)\n");
    for command in ["build", "check"] {
        let run = site.run(&[command]).expect_code(1);
        for (code, place) in [
            ("unknown-key", "content/vneid/a.md:3:1"),
            ("duplicate-url", "content/vneid/b.md:4:"),
            ("broken-link", "content/vneid/c.md:5:1"),
        ] {
            assert!(
                run.stderr.contains(&format!("[{code}]")) && run.stderr.contains(place),
                "{command} {code}: {}",
                run.stderr
            );
        }
    }
    // A page whose front matter cannot be read at all still exists for links.
    let site = Site::fixture("base")
        .with("content/vneid/a.md", "---\ntitle: A\ndate: hôm qua\n---\nA.\n")
        .with("content/vneid/c.md", "---\ntitle: C\ndescription: d\n---\n[a](a.md) [x](khong-co.md)\n");
    let run = site.build().expect_code(1);
    assert!(run.stderr.contains("[date-invalid]") && run.stderr.contains("[broken-link]"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("[broken-link]").count(), 1, "{}", run.stderr);
}

/// Finding 8 (messages): a 5 MB poster title must not print megabytes.
#[test]
fn overlong_messages_are_cut() {
    let title = "Dài ".repeat(1_300_000);
    let page = format!("---\ntitle: \"{title}\"\ndescription: d\n---\n1. Mở.\n");
    let site = Site::fixture("base").overlay("posters").with("content/vneid/dai.md", &page);
    // The poster cannot be made: a warning; the site is built.
    let run = site.build().ok();
    assert!(run.stderr.len() < 20_000, "{} bytes of messages", run.stderr.len());
    assert!(run.stderr.contains("content/vneid/dai.md"), "{}", &run.stderr[..2000.min(run.stderr.len())]);
}

/// The checkers above can fail: a page with the old JSON-LD escaping, and
/// a broken feed, are caught.
#[test]
fn the_property_checks_catch_what_they_guard_against() {
    let swallowed = "<!DOCTYPE html><html><head><script type=\"application/ld+json\">{\"name\":\"<!--<script>\"}</script></head><body><p>x</p></body></html>";
    assert!(properties::html_is_whole(swallowed).is_err());
    let fixed = swallowed.replace("<!--<script>", "\\u003c!--\\u003cscript\\u003e");
    assert!(properties::html_is_whole(&fixed).is_ok());
    assert!(properties::xml_is_well_formed("<feed><title>a\u{1}</title></feed>").is_err());
}
