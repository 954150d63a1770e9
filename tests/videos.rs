//! Clips in guides (`video:` in front matter): a local file with and
//! without captions, a file over `video.max_mb`, a YouTube address that
//! loads nothing from YouTube until the tap, refused hosts and bad values as
//! located errors, the title card, and the poster line. Clip files are
//! written by the tests (a few bytes, or sparse) and never committed.

mod harness;
mod poster_common;

use harness::Site;
use serde_json::Value;

/// A guide page with `video` as its `video:` block.
fn page(video: &str) -> String {
    format!(
        "---\ntitle: \"Kích hoạt tài khoản bằng video\"\ndescription: \"Xem video.\"\nvideo:\n{video}---\nXem video rồi làm theo.\n"
    )
}

fn site(video: &str) -> Site {
    Site::fixture("base").with("content/vneid/video.md", &page(video))
}

/// A few bytes standing in for an MP4: loa copies clips, it never reads them.
const CLIP: &[u8] = b"\x00\x00\x00\x18ftypmp42 not really a clip";
const CAPTIONS: &str = "WEBVTT\n\n00:00.000 --> 00:03.000\nMở ứng dụng VNeID\n";

/// The base fixture's `site.yaml`, to add `video:` settings to.
fn base_yaml() -> String {
    std::fs::read_to_string(harness::fixtures().join("base/site.yaml")).expect("base site.yaml")
}

fn check(site: &Site) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--format", "json"]);
    let items: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (run.code, items.as_array().expect("a list").clone())
}

/// (code, severity, file, line) of every video diagnostic.
fn video_items(items: &[Value]) -> Vec<(String, String, String, u64)> {
    items
        .iter()
        .filter(|i| i["code"].as_str().is_some_and(|c| c.starts_with("video-")))
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("severity"), s("file"), i["line"].as_u64().unwrap_or(0))
        })
        .collect()
}

/// The `<figure class="video">` of a built page.
fn figure(html: &str) -> &str {
    let start = html.find("<figure class=\"video\">").unwrap_or_else(|| panic!("no video figure in {html}"));
    let end = html[start..].find("</figure>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[test]
fn a_local_clip_with_captions_plays_in_the_page_with_its_track() {
    let site = site("  file: Hướng dẫn.mp4\n  duration: \"3:25\"\n")
        .with_bytes("content/vneid/Hướng dẫn.mp4", CLIP)
        .with("content/vneid/Hướng dẫn.vtt", CAPTIONS);
    let run = site.build().ok();
    assert!(!run.stderr.contains("video-"), "{}", run.stderr);
    let html = site.output("vneid/video/index.html");
    let figure = figure(&html);
    for wanted in [
        "<video controls preload=\"none\" playsinline poster=\"/phuong-mau/posters/vneid/video/video.webp\"",
        "<source src=\"/phuong-mau/vneid/huong-dan.mp4\" type=\"video/mp4\">",
        "<track kind=\"captions\" srclang=\"vi\" label=\"Phụ đề\" src=\"/phuong-mau/vneid/huong-dan.vtt\" default>",
        "<time datetime=\"PT3M25S\">3:25</time>",
    ] {
        assert!(figure.contains(wanted), "{wanted}\n{figure}");
    }
    assert_eq!(std::fs::read(site.path("output/vneid/huong-dan.mp4")).ok().as_deref(), Some(CLIP));
    assert_eq!(site.output("vneid/huong-dan.vtt"), CAPTIONS);
    // The generated title card is a 1280 × 720 PNG.
    let card = std::fs::read(site.path("output/posters/vneid/video/video.png")).expect("title card");
    let decoded = image::load_from_memory(&card).expect("a PNG");
    assert_eq!((decoded.width(), decoded.height()), (1280, 720));
    // Pages show the same card as lossless WebP, a fraction of the weight.
    let webp = std::fs::read(site.path("output/posters/vneid/video/video.webp")).expect("WebP card");
    let same = image::load_from_memory(&webp).expect("a WebP").into_rgb8();
    assert_eq!(same, decoded.into_rgb8(), "lossless");
    assert!(webp.len() * 3 < card.len(), "{} B WebP, {} B PNG", webp.len(), card.len());
}

#[test]
fn a_clip_without_captions_is_a_warning_at_the_video_line() {
    let site = site("  file: clip.webm\n").with_bytes("content/vneid/clip.webm", CLIP);
    let (code, items) = check(&site);
    assert_eq!(code, 0, "a warning only: {items:?}");
    let expected = ("video-captions-missing".into(), "warning".into(), "content/vneid/video.md".into(), 4);
    assert_eq!(video_items(&items), vec![expected]);
    let run = site.build().ok();
    assert!(run.stderr.contains("content/vneid/video.md:4:1"), "{}", run.stderr);
    let html = site.output("vneid/video/index.html");
    assert!(figure(&html).contains("type=\"video/webm\"") && !html.contains("<track"), "{html}");
}

#[test]
fn a_clip_over_max_mb_is_a_warning_at_its_file_line() {
    let site = site("  file: lon.mp4\n  captions: phu-de.vtt\n")
        .with("content/vneid/phu-de.vtt", CAPTIONS)
        .with("site.yaml", &format!("{}video:\n  max_mb: 1\n", base_yaml()));
    // Sparse: 2 MB on paper, nothing on disk.
    let file = std::fs::File::create(site.path("content/vneid/lon.mp4")).expect("create clip");
    file.set_len(2 * 1024 * 1024 + 1).expect("grow clip");
    let (code, items) = check(&site);
    assert_eq!(code, 0, "{items:?}");
    let expected = ("video-too-large".into(), "warning".into(), "content/vneid/video.md".into(), 5);
    assert_eq!(video_items(&items), vec![expected]);
    let message = items.iter().find(|i| i["code"] == "video-too-large").map(|i| i["message"].to_string());
    assert!(message.is_some_and(|m| m.contains("2.0 MB") && m.contains("1 MB")));
    // At the default 50 MB the same clip is fine.
    let site = site.with("site.yaml", &base_yaml());
    assert_eq!(video_items(&check(&site).1), vec![]);
}

#[test]
fn a_youtube_clip_loads_nothing_from_youtube_before_the_tap() {
    let site = site("  url: \"https://youtu.be/dQw4w9WgXcQ?si=share\"\n  duration: \"1:02:03\"\n");
    site.build().ok();
    let html = site.output("vneid/video/index.html");
    let figure = figure(&html);
    assert!(
        figure.contains(
            "data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0\""
        ),
        "{figure}"
    );
    // Without JavaScript the picture is a link to the clip's page.
    assert!(figure.contains("<a class=\"video-tap\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""));
    assert!(
        figure.contains("<source srcset=\"/phuong-mau/posters/vneid/video/video.webp\" type=\"image/webp\">")
    );
    assert!(figure.contains("<img src=\"/phuong-mau/posters/vneid/video/video.png\""), "{figure}");
    // Nothing the browser loads by itself names a video host.
    for attribute in [" src=\"", " srcset=\"", " poster=\"", " data=\""] {
        for value in html.split(attribute).skip(1) {
            let url = value.split('"').next().unwrap_or_default();
            assert!(!["youtube", "ytimg", "google", "vimeo"].iter().any(|h| url.contains(h)), "{url}");
        }
    }
    assert!(!html.contains("<iframe"), "the player is made only on a tap");
    assert!(site.output_exists("posters/vneid/video/video.png"));
}

#[test]
fn refused_hosts_and_bad_values_are_located_errors() {
    // (video block, code, line)
    let cases = [
        ("  url: \"https://www.facebook.com/watch?v=123\"\n", "video-host-not-allowed", 5),
        ("  url: \"https://www.youtube.com/channel/abc\"\n", "video-url-invalid", 5),
        ("  file: clip.mp4\n  url: \"https://youtu.be/dQw4w9WgXcQ\"\n", "video-source-both", 4),
        ("  duration: \"3:25\"\n", "video-source-missing", 4),
        ("  file: clip.avi\n", "video-file-type", 5),
        ("  file: khong-co.mp4\n", "video-file-missing", 5),
        ("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n  duration: \"3 phút\"\n", "video-duration-invalid", 6),
        ("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n  poster: bia.jpg\n", "video-file-missing", 6),
        ("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n  autoplay: true\n", "unknown-key", 6),
    ];
    for (video, code, line) in cases {
        let (status, items) = check(&site(video));
        assert_eq!(status, 1, "{video}: {items:?}");
        let found = items.iter().find(|i| i["code"] == code).unwrap_or_else(|| panic!("{code}: {items:?}"));
        assert_eq!(
            (found["severity"].as_str(), found["file"].as_str(), found["line"].as_u64()),
            (Some("error"), Some("content/vneid/video.md"), Some(line)),
            "{video}"
        );
    }
    let run = site("  url: \"https://www.facebook.com/watch?v=123\"\n").run(&["check"]);
    insta::assert_snapshot!("video_host_not_allowed", run.stderr.split("\n\n").next().unwrap_or_default());
}

#[test]
fn captions_for_a_clip_on_youtube_are_a_warning() {
    let (status, items) = check(&site("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n  captions: phu-de.vtt\n"));
    let expected = ("video-captions-ignored".into(), "warning".into(), "content/vneid/video.md".into(), 6);
    assert_eq!((status, video_items(&items)), (0, vec![expected]));
}

#[test]
fn max_mb_must_be_above_zero() {
    let site = Site::fixture("base").with("site.yaml", &format!("{}video:\n  max_mb: 0\n", base_yaml()));
    let (status, items) = check(&site);
    let found = items.iter().find(|i| i["code"] == "video-max-mb-invalid").expect("max_mb refused");
    assert_eq!((status, found["file"].as_str(), found["line"].as_u64()), (1, Some("site.yaml"), Some(11)));
}

#[test]
fn the_poster_of_a_guide_with_a_clip_says_so() {
    let site = Site::fixture("base")
        .overlay("posters")
        .with("content/vneid/video.md", &page("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n"));
    site.build().ok();
    let words = |page: &str| {
        let pdf = std::fs::read(site.path(&format!("output/posters/vneid/{page}/a4.pdf"))).expect("poster");
        poster_common::pdf_text::pdf_words(&pdf)
    };
    assert!(words("video").contains("Có video hướng dẫn"), "{}", words("video"));
    assert!(!words("kich-hoat").contains("Có video"), "{}", words("kich-hoat"));
    // The manifest and the gallery list the clip's title card with the poster.
    let manifest: Value = serde_json::from_str(&site.output("posters/manifest.json")).expect("manifest");
    let entry = |page: &str| {
        let posters = manifest["posters"].as_array().expect("posters");
        posters.iter().find(|p| p["page"] == page).cloned().unwrap_or_else(|| panic!("{page}: {manifest}"))
    };
    assert_eq!(entry("vneid/video.md")["files"]["video_png"], "posters/vneid/video/video.png");
    assert_eq!(entry("vneid/video.md")["files"]["video_webp"], "posters/vneid/video/video.webp");
    assert!(entry("vneid/kich-hoat.md")["files"].get("video_png").is_none());
    assert!(site.output("posters/index.html").contains("href=\"/phuong-mau/posters/vneid/video/video.png\""));
}

#[test]
fn an_officers_picture_is_the_poster_frame_and_no_card_is_drawn() {
    let mut png = Vec::new();
    let picture = image::RgbImage::from_pixel(64, 36, image::Rgb([200, 30, 30]));
    picture.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("encode PNG");
    let site = site("  url: \"https://vimeo.com/76979871\"\n  poster: Ảnh bìa.png\n")
        .with_bytes("content/vneid/Ảnh bìa.png", &png);
    site.build().ok();
    let figure = figure(&site.output("vneid/video/index.html")).to_string();
    assert!(
        figure.contains("<img src=\"/phuong-mau/vneid/anh-bia.jpg\" alt=\"\" width=\"64\" height=\"36\""),
        "{figure}"
    );
    assert!(figure.contains("data-player=\"https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1\""));
    assert!(!figure.contains("<source srcset"), "{figure}");
    assert!(!site.output_exists("posters/vneid/video/video.png"), "no title card");
}

/// The preview draws a clip's title card when the browser asks for it.
#[test]
fn the_preview_draws_title_cards_on_request() {
    use std::io::{BufRead, Read, Write};
    let site = Site::fixture("base")
        .overlay("posters")
        .with("content/vneid/video.md", &page("  url: \"https://youtu.be/dQw4w9WgXcQ\"\n"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", "0", "--lang", "en"])
        .current_dir(site.path(""))
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("start loa serve");
    let stderr = child.stderr.take().expect("stderr");
    // Read on until the preview ends, so that it never writes to a closed pipe.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            let port = line.split("http://127.0.0.1:").nth(1).and_then(|r| r.split('/').next()?.parse().ok());
            if let Some(port) = port {
                let _ = tx.send(port);
            }
        }
    });
    let port: u16 = rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the preview's port");
    let get = |path: &str| {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        raw
    };
    let reply = get("/phuong-mau/posters/vneid/video/video.webp");
    let _ = child.kill();
    let _ = child.wait();
    let split = reply.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    assert!(
        reply.starts_with(b"HTTP/1.0 200") || reply.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&reply[..split])
    );
    let card = image::load_from_memory(&reply[split..]).expect("a WebP");
    assert_eq!((card.width(), card.height()), (1280, 720));
}
