//! Files and links as officers write them (issue 15): Windows file names
//! with spaces and Vietnamese letters, linked plainly; mistakes answered
//! with the nearest existing name.

mod harness;

use harness::Site;
use serde_json::Value;

const PAGE_HEAD: &str = "---\ntitle: \"Trang\"\ndescription: \"Mô tả.\"\nreviewed: 2026-11-01\nsources:\n  - title: \"Cổng Dịch vụ công quốc gia\"\n    url: \"https://dichvucong.gov.vn\"\n---\n";

/// A tiny PNG, as any image file the page shows.
fn png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let pixels = image::RgbImage::from_pixel(4, 4, image::Rgb([20, 90, 160]));
    pixels.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("encode png");
    bytes
}

fn check_json(site: &Site) -> Vec<Value> {
    let run = site.run(&["check", "--format", "json"]);
    let items: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    items.as_array().expect("a list").clone()
}

#[test]
fn names_with_spaces_and_vietnamese_letters_link_plainly() {
    let body = format!(
        "{PAGE_HEAD}Xem [đăng ký](Đăng ký tạm trú.md), [theo tên gọn](dang-ky-tam-tru.md) \
         và [bài khác](../vneid/kich-hoat.md \"Kích hoạt\").\n\n\
         ![Màn hình đăng nhập](Ảnh chụp màn hình 2026-11-26.png)\n"
    );
    let site = Site::fixture("checked")
        .with("content/vneid/Hướng dẫn.md", &body)
        .with("content/vneid/Đăng ký tạm trú.md", &format!("{PAGE_HEAD}Nội dung.\n"))
        .with_bytes("content/vneid/Ảnh chụp màn hình 2026-11-26.png", &png());
    assert_eq!(check_json(&site), Vec::<Value>::new(), "no problem at all");
    site.build().ok();
    let html = site.output("vneid/huong-dan/index.html");
    let main = html.split("<main").nth(1).unwrap_or_default();
    for text in ["đăng ký", "theo tên gọn"] {
        assert!(
            main.contains(&format!("<a href=\"/phuong-mau/vneid/dang-ky-tam-tru/\">{text}</a>")),
            "{main}"
        );
    }
    assert!(main.contains("href=\"/phuong-mau/vneid/kich-hoat/\" title=\"Kích hoạt\""), "{main}");
    assert!(main.contains("anh-chup-man-hinh-2026-11-26"), "the image is shown: {main}");
    assert!(!main.contains("]("), "no raw Markdown left: {main}");
}

#[test]
fn link_syntax_that_does_not_parse_is_a_located_warning() {
    let body = format!("{PAGE_HEAD}Một dòng.\n\nXem [bài này](kich-hoat.md\n");
    let site = Site::fixture("checked").with("content/vneid/trang.md", &body);
    let items = check_json(&site);
    let codes: Vec<(&str, u64)> =
        items.iter().map(|i| (i["code"].as_str().unwrap_or(""), i["line"].as_u64().unwrap_or(0))).collect();
    assert_eq!(codes, [("link-not-parsed", 11)], "{items:?}");
}

#[test]
fn broken_links_anchors_and_images_suggest_the_nearest_name() {
    let body = format!(
        "{PAGE_HEAD}[a](kich-hoa.md)\n\n[b](kich-hoat.md#buoc)\n\n![Màn hình](Man-hinh.png)\n\n[c](../vneid/Kich hoat tai khoan.md)\n"
    );
    let site = Site::fixture("checked")
        .with("content/vneid/trang.md", &body)
        .with_bytes("content/vneid/man-hinh.png", &png());
    let run = site.run(&["check"]).expect_code(1);
    for (problem, suggestion) in [
        ("`kich-hoa.md`", "có phải bạn muốn viết `kich-hoat.md`?"),
        ("`#buoc`", "có phải bạn muốn viết `#cac-buoc`?"),
        ("`Man-hinh.png`", "có phải bạn muốn viết `man-hinh.png`?"),
        ("`../vneid/Kich hoat tai khoan.md`", "có phải bạn muốn viết `kich-hoat.md`?"),
    ] {
        let block = run.stderr.split("\n\n").find(|b| b.contains(problem));
        let block = block.unwrap_or_else(|| panic!("{problem}: {}", run.stderr));
        assert!(block.contains(suggestion), "{block}");
    }
}
