//! Every commune can publish loa's guides (issue 11): a xã and a đặc khu
//! site, made from the same content by `site.yaml` alone, name their own
//! unit everywhere (pages, feeds, posters, stickers, sheets, manifest) and
//! never "phường"; content variables are checked and never run as code.

mod harness;
mod poster_common;

use harness::Site;
use poster_common::pdf_text::pdf_words;

/// Every text file of the output, and the text of every PDF.
fn all_text(site: &Site) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, bytes) in site.files("output") {
        let text = if path.ends_with(".pdf") {
            pdf_words(&bytes)
        } else if [".html", ".xml", ".json", ".txt", ".svg"].iter().any(|e| path.ends_with(e)) {
            String::from_utf8(bytes).expect("UTF-8")
        } else {
            continue;
        };
        out.push((path, text));
    }
    out
}

fn assert_no_phuong(site: &Site) -> Vec<(String, String)> {
    let texts = all_text(site);
    for (path, text) in &texts {
        assert!(!text.to_lowercase().contains("phường"), "{path} says “phường”:\n{text}");
    }
    texts
}

fn text_of<'a>(texts: &'a [(String, String)], path: &str) -> &'a str {
    &texts.iter().find(|(p, _)| p == path).unwrap_or_else(|| panic!("no {path}")).1
}

#[test]
fn a_xa_names_itself_everywhere() {
    let site = Site::fixture("xa");
    let run = site.build().ok();
    assert!(!run.stderr.contains("cảnh báo["), "no warning: {}", run.stderr);
    let texts = assert_no_phuong(&site);
    let page = text_of(&texts, "vneid/kich-hoat/index.html");
    assert!(
        page.contains("đến Công an xã Bình Sơn hoặc gọi <a href=\"tel:0255000001\">0255 000 001</a>"),
        "a phone number in a page is a link to call: {page}"
    );
    assert!(
        page.contains("UBND xã Bình Sơn")
            && page.contains(
                "Công an xã Bình Sơn (cư trú, lưu trú): <a href=\"tel:0255000001\">0255 000 001</a>"
            ),
        "phone numbers are tel: links: {page}"
    );
    let home = text_of(&texts, "index.html");
    assert!(home.contains("Hồ sơ giấy nộp tại Trung tâm Phục vụ hành chính công xã Bình Sơn."), "{home}");
    let service = text_of(&texts, "dich-vu-cong/khai-sinh/index.html");
    assert!(service.contains("UBND xã Bình Sơn") && service.contains("Cấp xã"), "{service}");
    let poster = text_of(&texts, "posters/vneid/kich-hoat/a4.pdf");
    for expected in
        ["UBND xã Bình Sơn", "Cần giúp: Công an xã Bình Sơn", "Gọi 0255 000 001", "trang của xã Bình Sơn"]
    {
        assert!(poster.contains(expected), "{expected} on the poster:\n{poster}");
    }
    assert!(!poster.contains("BẢN MẪU"), "a real site prints no band");
    assert!(text_of(&texts, "posters/stickers-a4.pdf").contains("trang của xã Bình Sơn"));
    assert!(text_of(&texts, "posters/vneid/sheet-a4.pdf").contains("UBND xã Bình Sơn"));
    assert!(text_of(&texts, "posters/manifest.json").contains("\"sample\": false"));
}

#[test]
fn a_dac_khu_names_itself_everywhere() {
    let site = Site::fixture("xa").overlay("dac-khu");
    let run = site.build().ok();
    assert!(!run.stderr.contains("cảnh báo["), "no warning: {}", run.stderr);
    let texts = assert_no_phuong(&site);
    let page = text_of(&texts, "vneid/kich-hoat/index.html");
    assert!(page.contains("đến Công an đặc khu Lý Sơn") && page.contains("UBND đặc khu Lý Sơn"), "{page}");
    let home = text_of(&texts, "index.html");
    assert!(
        home.contains("Trung tâm Phục vụ hành chính công đặc khu Lý Sơn (Thôn Đông)"),
        "the site's own office name"
    );
    let poster = text_of(&texts, "posters/vneid/kich-hoat/a4.pdf");
    assert!(
        poster.contains("UBND đặc khu Lý Sơn") && poster.contains("trang của đặc khu Lý Sơn"),
        "{poster}"
    );
}

#[test]
fn an_unknown_kind_lists_the_three() {
    let yaml = std::fs::read_to_string(harness::fixtures().join("xa/site.yaml"))
        .unwrap()
        .replace("kind: xã", "kind: huyện");
    let run = Site::fixture("xa").with("site.yaml", &yaml).build().expect_code(1);
    assert!(
        run.stderr.contains("[unit-kind-invalid]") && run.stderr.contains("site.yaml:4:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("xã, phường, đặc khu"), "{}", run.stderr);
}

#[test]
fn variables_are_checked_escaped_and_never_run() {
    let page = "---\ntitle: \"Hỏi {{ unit.police }}\"\ndescription: d\n---\n\
                Viết \\{{ unit.name }} để ra {{ unit.name }}.\n\n\
                {% for x in [1, 2] %}X{% endfor %} {{ 7 * 7 }}\n";
    let site = Site::fixture("xa").with("content/vneid/bien.md", page);
    let run = site.build().expect_code(1);
    assert!(
        run.stderr.contains("[unknown-variable]") && run.stderr.contains("content/vneid/bien.md:7:"),
        "{}",
        run.stderr
    );
    let fixed = page.replace(" {{ 7 * 7 }}", "");
    let site = site.with("content/vneid/bien.md", &fixed);
    site.build().ok();
    let html = site.output("vneid/bien/index.html");
    assert!(html.contains("<h1>Hỏi Công an xã Bình Sơn</h1>"), "{html}");
    assert!(html.contains("Viết {{ unit.name }} để ra Bình Sơn."), "{html}");
    assert!(html.contains("{% for x in [1, 2] %}X{% endfor %}"), "Tera in content stays text: {html}");
    let typo = page.replace("{{ 7 * 7 }}", "").replace("{{ unit.name }}.", "{{ unit.nmae }}.");
    let run = Site::fixture("xa").with("content/vneid/bien.md", &typo).build().expect_code(1);
    assert!(
        run.stderr.contains("content/vneid/bien.md:5:") && run.stderr.contains("unit.name"),
        "{}",
        run.stderr
    );
}
