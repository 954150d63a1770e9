//! Files and links as officers write them (issue 15): Windows file names
//! with spaces and Vietnamese letters, linked plainly; mistakes answered
//! with the nearest existing name; phone screenshots and photos published
//! light and without the place they were taken.

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

/// EXIF as a phone writes it (big-endian TIFF): the camera's rotation, a
/// maker string (device and place), and a GPS block (latitude north).
fn exif(orientation: u16) -> Vec<u8> {
    let maker = b"GPS 10.7769N 106.7009E Phone-X1\0";
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x03".to_vec();
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend(orientation.to_be_bytes());
    tiff.extend([0, 0]);
    tiff.extend([0x01, 0x0f, 0, 2]);
    tiff.extend((maker.len() as u32).to_be_bytes());
    tiff.extend(68u32.to_be_bytes());
    // GPSInfo: the GPS block at 50.
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 50]);
    tiff.extend([0, 0, 0, 0]);
    // GPS block: GPSLatitudeRef "N".
    tiff.extend([0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(tiff.len(), 68);
    tiff.extend(maker);
    tiff
}

const MAKER: &[u8] = b"Phone-X1";

/// A 1080×2400 phone screenshot: a coloured bar, lines of text-like marks,
/// a photo-like gradient; EXIF with the maker and GPS in an `eXIf` chunk.
fn screenshot() -> Vec<u8> {
    let (w, h) = (1080u32, 2400u32);
    let pixels = image::RgbImage::from_fn(w, h, |x, y| {
        let glyph = (x / 18 * 7 + y / 40 * 13) % 11 != 0 && (x % 18) < 12 && (y % 40) > 12 && (y % 40) < 32;
        match y {
            0..200 => image::Rgb([200, 30, 40]),
            1500..2100 => image::Rgb([(x / 5) as u8, (y / 10) as u8, ((x + y) / 12) as u8]),
            _ if glyph && x > 60 && x < 1020 => image::Rgb([30, 30, 30]),
            _ => image::Rgb([250, 250, 250]),
        }
    });
    let mut png = Vec::new();
    pixels.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("encode png");
    let exif = exif(1);
    let mut crc = flate2::Crc::new();
    crc.update(b"eXIf");
    crc.update(&exif);
    let mut chunk = (exif.len() as u32).to_be_bytes().to_vec();
    chunk.extend(b"eXIf");
    chunk.extend(&exif);
    chunk.extend(crc.sum().to_be_bytes());
    // After the signature (8 bytes) and IHDR (25 bytes), before the pixels.
    png.splice(33..33, chunk);
    png
}

/// A 400×200 JPEG photo the camera took turned: EXIF orientation 6
/// (shown rotated 90°, so 200×400).
fn turned_photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(400, 200, |x, y| image::Rgb([(x / 2) as u8, (y + 40) as u8, 90]));
    let mut jpeg = Vec::new();
    pixels.write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).expect("encode jpeg");
    let exif = exif(6);
    let mut app1 = vec![0xff, 0xe1];
    app1.extend(((2 + 6 + exif.len()) as u16).to_be_bytes());
    app1.extend(b"Exif\0\0");
    app1.extend(&exif);
    jpeg.splice(2..2, app1);
    jpeg
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn screenshots_and_photos_are_published_light_and_without_their_metadata() {
    let body = format!(
        "{PAGE_HEAD}![Màn hình VNeID](Ảnh chụp màn hình 2026-11-26.png)\n\n![Ảnh chụp bảng tin](ảnh.jpg)\n"
    );
    let site = Site::fixture("checked")
        .with("content/vneid/trang.md", &body)
        .with_bytes("content/vneid/Ảnh chụp màn hình 2026-11-26.png", &screenshot())
        .with_bytes("content/vneid/ảnh.jpg", &turned_photo());
    assert!(
        contains(&std::fs::read(site.path("content/vneid/ảnh.jpg")).expect("read"), MAKER),
        "fixture has EXIF"
    );
    site.build().ok();

    let pictures = site.files("output/vneid");
    let stem = "anh-chup-man-hinh-2026-11-26";
    let mut sizes = Vec::new();
    for (name, bytes) in pictures.iter().filter(|(n, _)| n.starts_with("anh")) {
        assert!(
            !contains(bytes, MAKER) && !contains(bytes, b"Exif") && !contains(bytes, b"eXIf"),
            "{name} has EXIF"
        );
        let decoded = image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        sizes.push((name.as_str(), decoded.width(), decoded.height(), bytes.len()));
    }
    let shapes: Vec<(&str, u32, u32)> = sizes.iter().map(|&(n, w, h, _)| (n, w, h)).collect();
    assert_eq!(
        shapes,
        [
            ("anh-200.webp", 200, 400),
            ("anh-chup-man-hinh-2026-11-26-1080.webp", 1080, 2400),
            ("anh-chup-man-hinh-2026-11-26-360.webp", 360, 800),
            ("anh-chup-man-hinh-2026-11-26-720.webp", 720, 1600),
            ("anh-chup-man-hinh-2026-11-26.jpg", 720, 1600),
            ("anh.jpg", 200, 400),
        ],
        "the photo stands upright"
    );
    // A 390 px phone at 2× takes the 720 px file.
    let phone = sizes.iter().find(|s| s.0.ends_with("-720.webp")).map_or(usize::MAX, |s| s.3);
    assert!(phone <= 120 * 1024, "720 px screenshot weighs {phone} bytes");

    let html = site.output("vneid/trang/index.html");
    assert!(html.contains(&format!(
        "srcset=\"/phuong-mau/vneid/{stem}-360.webp 360w, /phuong-mau/vneid/{stem}-720.webp 720w, /phuong-mau/vneid/{stem}-1080.webp 1080w\""
    )), "{html}");
    assert!(html.contains(&format!(
        "<img src=\"/phuong-mau/vneid/{stem}.jpg\" alt=\"Màn hình VNeID\" width=\"720\" height=\"1600\" loading=\"lazy\" decoding=\"async\">"
    )), "{html}");
    assert!(html.contains("alt=\"Ảnh chụp bảng tin\" width=\"200\" height=\"400\""), "{html}");

    // A page edit rebuilds the site but reuses the pictures as they were.
    let made = |site: &Site| {
        std::fs::metadata(site.path(&format!("output/vneid/{stem}-720.webp"))).and_then(|m| m.modified()).ok()
    };
    let before = made(&site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let site = site.with("content/vneid/trang.md", &format!("{body}\nThêm một dòng.\n"));
    site.build().ok();
    assert!(site.output("vneid/trang/index.html").contains("Thêm một dòng."));
    assert_eq!(made(&site), before, "the picture was not encoded again");
}
