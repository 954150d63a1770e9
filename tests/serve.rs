//! `loa serve` end to end: the real binary on a free port, edits on disk,
//! requests over raw HTTP (so that no client tidies the paths first).

mod harness;
mod poster_common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use harness::Site;
use poster_common::decode::{decode_png, pdf_pages};
use poster_common::pdf_text::pdf_words;

/// A running `loa serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// What it printed before its address: the first build's warnings.
    startup: String,
    /// Every line it printed after its address.
    log: Arc<Mutex<Vec<String>>>,
    _site: Site,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: Site) -> Server {
    start_at(site, ".")
}

/// `loa serve --root ROOT`, from the fixture's folder.
fn start_at(site: Site, root: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", "0", "--lang", "en", "--root", root])
        .current_dir(site.path(""))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start loa serve");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut startup = String::new();
    let port = loop {
        let line = lines.next().expect("serve exited early").expect("read stderr");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().and_then(|p| p.parse().ok()).expect("port");
        }
        startup.push_str(&line);
        startup.push('\n');
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    let log = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            kept.lock().unwrap_or_else(|e| e.into_inner()).push(line);
        }
    });
    Server { child, port, startup, log, _site: site }
}

impl Server {
    /// How many lines it has printed since its address.
    fn lines(&self) -> usize {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Waits for a line after the first `from` that `test` accepts; returns
    /// the lines printed after `from` up to and including it.
    fn wait_for_line(&self, from: usize, test: impl Fn(&str) -> bool) -> Vec<String> {
        let started = Instant::now();
        loop {
            let log = self.log.lock().unwrap_or_else(|e| e.into_inner()).clone();
            if let Some(at) = log.iter().skip(from).position(|l| test(l)) {
                return log[from..=from + at].to_vec();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no such line in: {:#?}",
                &log[from.min(log.len())..]
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

struct Reply {
    status: u16,
    body: String,
}

/// `GET path` exactly as written, over a fresh connection.
fn get(port: u16, path: &str) -> Reply {
    get_from(port, path, "127.0.0.1")
}

/// `GET path` with the given `Host` header.
fn get_from(port: u16, path: &str, host: &str) -> Reply {
    let raw = get_raw(port, path, host);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let chunked = head.to_ascii_lowercase().contains("transfer-encoding: chunked");
    Reply { status, body: if chunked { dechunk(body) } else { body.to_string() } }
}

/// The whole response to `GET path`, head and body, as bytes.
fn get_raw(port: u16, path: &str, host: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    raw
}

/// Status and body bytes of `GET path`.
fn get_bytes(port: u16, path: &str) -> (u16, Vec<u8>) {
    let raw = get_raw(port, path, "127.0.0.1");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut body = &raw[split + 4..];
    if !head.contains("transfer-encoding: chunked") {
        return (status, body.to_vec());
    }
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..end]).unwrap_or("0").trim(), 16).unwrap_or(0);
        if size == 0 || body.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[(end + 4 + size).min(body.len())..];
    }
    (status, out)
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}

/// Polls `path` until `test` accepts the reply; returns how long it took.
fn wait_for(port: u16, path: &str, test: impl Fn(&Reply) -> bool) -> Duration {
    let started = Instant::now();
    loop {
        let reply = get(port, path);
        if test(&reply) {
            return started.elapsed();
        }
        // Generous: a loaded two-core machine may take seconds to rebuild.
        assert!(started.elapsed() < Duration::from_secs(20), "timed out waiting for {path}: {}", reply.body);
        std::thread::sleep(Duration::from_millis(10));
    }
}

const PAGE: &str = "/phuong-mau/vneid/kich-hoat/";

fn edit(site_file: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(site_file).expect("read source").replace(from, to);
    // Editors save by writing a temporary file and renaming it over the old one.
    let temp = site_file.with_extension("md.tmp~");
    std::fs::write(&temp, text).expect("write temp");
    std::fs::rename(&temp, site_file).expect("rename");
}

#[test]
fn saved_edits_show_up_and_browsers_are_told_to_reload() {
    let site = Site::fixture("base");
    let source = site.path("content/vneid/kich-hoat.md");
    let server = start(site);
    assert_eq!(get(server.port, "/").status, 302, "the root redirects to the base path");
    let page = get(server.port, PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Chọn kích hoạt") && page.body.contains("tower-livereload"));

    // Listen for the reload signal before saving.
    let port = server.port;
    let events = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        write!(stream, "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .expect("send");
        let mut seen = String::new();
        let mut buf = [0u8; 1024];
        while !seen.contains("event: reload") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
        seen
    });
    std::thread::sleep(Duration::from_millis(200));
    edit(&source, "Chọn kích hoạt", "Bấm nút Kích hoạt");
    let took = wait_for(server.port, PAGE, |r| r.body.contains("Bấm nút Kích hoạt"));
    assert!(took < Duration::from_secs(3), "edit took {took:?} to show");
    assert!(events.join().expect("listener").contains("event: reload"));
}

#[test]
fn errors_show_in_the_browser_and_the_page_recovers() {
    let site = Site::fixture("base");
    let source = site.path("content/vneid/kich-hoat.md");
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);

    edit(&source, "Làm trên [Cổng DVC](https://dichvucong.gov.vn).", "Xem [trang mất](khong-co.md).");
    wait_for(server.port, PAGE, |r| r.status == 500);
    let error = get(server.port, PAGE);
    assert!(error.body.contains("broken-link"), "{}", error.body);
    assert!(error.body.contains("content/vneid/kich-hoat.md:10:5"), "{}", error.body);
    assert!(error.body.contains("khong-co.md") && error.body.contains("tower-livereload"));
    // Other pages keep the last good build.
    let other = get(server.port, "/phuong-mau/vneid/");
    assert_eq!(other.status, 200);
    assert!(other.body.contains("Các bài về VNeID"));

    edit(&source, "Xem [trang mất](khong-co.md).", "Đã sửa xong.");
    wait_for(server.port, PAGE, |r| r.status == 200 && r.body.contains("Đã sửa xong."));

    // A broken site.yaml breaks every page; fixing it brings them back.
    let config = server._site.path("site.yaml");
    edit(&config, "base_url:", "base-url:");
    wait_for(server.port, "/phuong-mau/vneid/", |r| r.status == 500 && r.body.contains("unknown-key"));
    edit(&config, "base-url:", "base_url:");
    wait_for(server.port, "/phuong-mau/vneid/", |r| r.status == 200);
}

#[test]
fn nothing_outside_the_site_is_ever_served() {
    let site = Site::fixture("base");
    let outside = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(outside.path(), "bí mật").expect("write secret");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), site.path("content/vneid/lien-ket.txt")).expect("symlink");
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);
    for path in [
        "/phuong-mau/../../../../etc/passwd",
        "/../../../../etc/passwd",
        "/phuong-mau/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/phuong-mau/%252e%252e/%252e%252e/etc/passwd",
        "/phuong-mau/..%2f..%2f..%2fetc%2fpasswd",
        "/phuong-mau/..\\..\\..\\etc\\passwd",
        "/phuong-mau/%5c..%5c..%5cetc%5cpasswd",
        "/phuong-mau/vneid/lien-ket.txt",
        "/phuong-mau/site.yaml",
        "/phuong-mau/content/vneid/kich-hoat.md",
    ] {
        let reply = get(server.port, path);
        assert!(reply.status == 404 || reply.status == 400, "{path}: {}", reply.status);
        assert!(!reply.body.contains("root:") && !reply.body.contains("bí mật"), "{path}");
    }
}

/// Hardening (issue 9, finding 8): a content folder swapped for a link to
/// `/etc` while serving never serves `/etc/passwd`, not even before the
/// rebuild that follows the swap.
#[cfg(unix)]
#[test]
fn a_folder_swapped_for_a_link_is_never_followed() {
    let site = Site::fixture("base").with("content/vneid/tai-lieu/passwd", "tệp của phường");
    let folder = site.path("content/vneid/tai-lieu");
    let server = start(site);
    let path = "/phuong-mau/vneid/tai-lieu/passwd";
    assert!(get(server.port, path).body.contains("tệp của phường"));
    std::fs::rename(&folder, folder.with_extension("cu")).expect("move folder away");
    std::os::unix::fs::symlink("/etc", &folder).expect("link to /etc");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        let reply = get(server.port, path);
        assert!(!reply.body.contains("root:"), "served /etc/passwd");
    }
}

/// Finding 8: a page on another host name (DNS rebinding) cannot read the
/// preview.
#[test]
fn foreign_host_names_are_refused() {
    let server = start(Site::fixture("base"));
    wait_for(server.port, PAGE, |r| r.status == 200);
    let port = server.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "127.0.0.1".to_string()] {
        assert_eq!(get_from(port, PAGE, &host).status, 200, "{host}");
    }
    for host in
        [format!("rebind.example:{port}"), "attacker.example".to_string(), format!("127.0.0.1:{}", port + 1)]
    {
        let reply = get_from(port, PAGE, &host);
        assert_eq!(reply.status, 403, "{host}");
        assert!(!reply.body.contains("Kích hoạt"), "{host}");
    }
}

/// Finding 8: a connection that never sends a request is closed.
#[test]
fn idle_connections_time_out() {
    let server = start(Site::fixture("base"));
    wait_for(server.port, PAGE, |r| r.status == 200);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let started = Instant::now();
    let mut buf = [0u8; 64];
    let closed = matches!(stream.read(&mut buf), Ok(0) | Err(_));
    assert!(
        closed && started.elapsed() < Duration::from_secs(20),
        "still open after {:?}",
        started.elapsed()
    );
}

/// Finding 8: a large file is sent whole, in pieces, with its length.
#[test]
fn large_files_are_streamed_whole() {
    let big: Vec<u8> = (0..5_000_000u32).map(|i| (i % 251) as u8).collect();
    let site = Site::fixture("base").with_bytes("content/vneid/mau-to-khai.pdf", &big);
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);
    let raw = get_raw(server.port, "/phuong-mau/vneid/mau-to-khai.pdf", "127.0.0.1");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("head") + 4;
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    assert!(head.contains("content-length: 5000000") && head.contains("application/pdf"), "{head}");
    assert!(raw[split..] == big[..], "body differs");
}

/// Content variables follow `site.yaml` while previewing (issue 11).
#[test]
fn a_changed_unit_name_shows_up_in_the_preview() {
    let site = Site::fixture("base").with(
        "content/vneid/lien-he.md",
        "---\ntitle: Liên hệ\ndescription: d\n---\nĐến {{ unit.police }} để được giúp.\n",
    );
    let config = site.path("site.yaml");
    let server = start(site);
    let page = "/phuong-mau/vneid/lien-he/";
    wait_for(server.port, page, |r| r.body.contains("Đến Công an phường Mẫu để được giúp."));
    edit(&config, "name: \"Mẫu\"", "name: \"Bình Minh\"");
    wait_for(server.port, page, |r| r.body.contains("Đến Công an phường Bình Minh để được giúp."));
}

/// The preview's local address is not the site's: a site published at a
/// real address gets no sample-address warning (nor a band on its posters)
/// while previewed; one at example.org still does.
#[test]
fn the_preview_address_is_not_taken_for_a_sample_address() {
    let real = start(Site::fixture("xa"));
    assert!(!real.startup.contains("placeholder-host"), "{}", real.startup);
    let sample = start(Site::fixture("base"));
    assert!(
        sample.startup.contains("placeholder-host") && sample.startup.contains("example.org"),
        "{}",
        sample.startup
    );
}

/// Issue 12: the preview shows posters as the build makes them, redraws
/// them after a save and shows what would not print on the page itself.
#[test]
fn posters_are_drawn_on_request_and_follow_edits() {
    let site = Site::fixture("base")
        .overlay("posters")
        .with("content/vneid/khac.md", "---\ntitle: Khác\ndescription: d\n---\n1. Mở 𓀀 VNeID.\n");
    let source = site.path("content/vneid/kich-hoat.md");
    let server = start(site);
    let port = server.port;
    // Every poster is laid out once the preview is up.
    wait_for(port, "/phuong-mau/vneid/khac/", |r| r.body.contains("[poster-missing-glyph]"));
    let pdf_path = "/phuong-mau/posters/vneid/kich-hoat/a4.pdf";
    let page = get(port, PAGE).body;
    for linked in
        ["/phuong-mau/posters/vneid/kich-hoat/qr.svg", "/phuong-mau/posters/vneid/kich-hoat/share.png"]
    {
        assert!(page.contains(linked), "the page links to {linked}");
        assert_eq!(get_bytes(port, linked).0, 200, "{linked} is served");
    }
    let poster = || {
        let (status, pdf) = get_bytes(port, pdf_path);
        assert_eq!(status, 200);
        pdf
    };
    let pdf = poster();
    let codes = decode_png(&pdf_pages(&pdf, 2.0)[0]);
    assert_eq!(codes.len(), 1, "one code on the poster");
    assert!(codes[0].starts_with(&format!("http://127.0.0.1:{port}/phuong-mau/")), "{codes:?}");
    assert!(pdf_words(&pdf).contains("Chọn kích hoạt"));
    let (status, png) = get_bytes(port, "/phuong-mau/posters/vneid/kich-hoat/share.png");
    assert!(status == 200 && png.starts_with(b"\x89PNG"), "link preview drawn");

    edit(&source, "Chọn kích hoạt", "Bấm nút Kích hoạt");
    wait_for(port, PAGE, |r| r.body.contains("Bấm nút Kích hoạt"));
    let text = pdf_words(&poster());
    assert!(text.contains("Bấm nút Kích hoạt") && !text.contains("Chọn kích hoạt"), "{text}");

    // A character no font has: a warning shown on the page; no poster.
    edit(&source, "Bấm nút Kích hoạt", "Bấm 𓀀 Kích hoạt");
    wait_for(port, PAGE, |r| r.body.contains("loa-warnings") && r.body.contains("[poster-missing-glyph]"));
    assert_eq!(get_bytes(port, pdf_path).0, 404, "no poster that would not print");
}

/// Issue 15, item 6: a deleted page is gone — its address answers 404 and
/// no list, sitemap or search index shows it — even while another page's
/// link to it is broken; the line printed says what was done.
#[test]
fn a_deleted_page_is_gone_everywhere() {
    let site = Site::fixture("base")
        .with(
            "content/vneid/lien-he.md",
            "---\ntitle: Liên hệ\ndescription: d\n---\nXem [bài](kich-hoat.md).\n",
        )
        .with("content/vneid/khac.md", "---\ntitle: Trang khác\ndescription: d\n---\nChưa ai trỏ tới.\n");
    let (linked, alone) = (site.path("content/vneid/kich-hoat.md"), site.path("content/vneid/khac.md"));
    let server = start(site);
    let port = server.port;
    let lists = ["/phuong-mau/vneid/", "/phuong-mau/sitemap.xml", "/phuong-mau/tim-kiem/index.json"];
    let listed = |url: &str| lists.iter().filter(|list| get(port, list).body.contains(url)).count();
    assert_eq!(listed("/phuong-mau/vneid/khac/"), 3);
    assert_eq!(listed(PAGE), 3);

    let from = server.lines();
    std::fs::remove_file(&alone).expect("delete page");
    wait_for(port, "/phuong-mau/vneid/khac/", |r| r.status == 404);
    assert_eq!(listed("/phuong-mau/vneid/khac/"), 0, "still listed");
    let said = server.wait_for_line(from, |l| l.starts_with("Rebuilt every page after 1 changed file"));
    assert!(!said.iter().any(|l| l.starts_with("Updated")), "{said:#?}");

    // A page others link to: the linking page shows the broken link; all
    // else is as a full rebuild gives.
    let from = server.lines();
    std::fs::remove_file(&linked).expect("delete page");
    wait_for(port, PAGE, |r| r.status == 404);
    assert_eq!(listed(PAGE), 0, "still listed");
    let linking = get(port, "/phuong-mau/vneid/lien-he/");
    assert!(linking.status == 500 && linking.body.contains("broken-link"), "{}", linking.body);
    assert_eq!(get(port, "/phuong-mau/").status, 200);
    let said = server.wait_for_line(from, |l| l.starts_with("Errors remain"));
    assert!(said.last().is_some_and(|l| l.contains("every other page is up to date")), "{said:#?}");

    // Restored, it is back, and so is the page that links to it.
    std::fs::write(&linked, "---\ntitle: Kích hoạt lại\ndescription: d\n---\nĐã khôi phục.\n")
        .expect("restore page");
    wait_for(port, PAGE, |r| r.status == 200 && r.body.contains("Đã khôi phục."));
    wait_for(port, "/phuong-mau/vneid/lien-he/", |r| r.status == 200);
    assert_eq!(listed(PAGE), 3);
}

/// Issue 15, item 6: `content/` moved away and restored from a copy, or
/// deleted and made again at once, is still watched: later saves show.
#[test]
fn a_content_folder_restored_from_a_copy_is_watched() {
    let site = Site::fixture("base");
    let (content, copy) = (site.path("content"), site.path("ban-sao"));
    let source = site.path("content/vneid/kich-hoat.md");
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);

    std::fs::rename(&content, &copy).expect("move content away");
    wait_for(server.port, PAGE, |r| r.status == 500 && r.body.contains("content-missing"));
    harness::copy_tree(&copy, &content);
    wait_for(server.port, PAGE, |r| r.status == 200);
    edit(&source, "Chọn kích hoạt", "Bấm nút Kích hoạt");
    wait_for(server.port, PAGE, |r| r.body.contains("Bấm nút Kích hoạt"));

    // Replaced within one settling time: the old watch died with the old folder.
    std::fs::remove_dir_all(&content).expect("delete content");
    harness::copy_tree(&copy, &content);
    wait_for(server.port, PAGE, |r| r.status == 200 && r.body.contains("Chọn kích hoạt"));
    edit(&source, "Chọn kích hoạt", "Nhấn Kích hoạt");
    wait_for(server.port, PAGE, |r| r.body.contains("Nhấn Kích hoạt"));
}

/// Issue 15, item 6: a `themes/` folder made after the preview started
/// (the README's way to override a template) is watched: the override and
/// later edits to it show, and so does a static file added to it.
#[test]
fn a_theme_override_made_while_previewing_shows() {
    let site = Site::fixture("base");
    let template = site.path("themes/default/templates/base.html");
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);
    assert!(!get(server.port, PAGE).body.contains("data-ghi-de"));

    let original =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(original).expect("read the built-in template");
    assert!(text.contains("<body>"), "the template still opens <body> plainly");
    std::fs::create_dir_all(template.parent().expect("folder")).expect("make themes/");
    std::fs::write(&template, text.replace("<body>", "<body data-ghi-de=\"mot\">")).expect("override");
    wait_for(server.port, PAGE, |r| r.body.contains("data-ghi-de=\"mot\""));
    edit(&template, "data-ghi-de=\"mot\"", "data-ghi-de=\"hai\"");
    wait_for(server.port, PAGE, |r| r.body.contains("data-ghi-de=\"hai\""));

    let css = server._site.path("themes/default/static/them.css");
    std::fs::create_dir_all(css.parent().expect("folder")).expect("make static/");
    std::fs::write(&css, "body { color: #123456 }").expect("write css");
    wait_for(server.port, "/phuong-mau/them.css", |r| r.status == 200 && r.body.contains("#123456"));
}

/// Issue 15: the preview makes a picture's sizes on request, as the build
/// would, and makes them again when the picture is replaced.
#[test]
fn pictures_are_made_on_request() {
    let picture = |width: u32, height: u32| {
        let mut png = Vec::new();
        let pixels = image::RgbImage::from_pixel(width, height, image::Rgb([20, 90, 160]));
        pixels.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("encode png");
        png
    };
    let site = Site::fixture("base").with_bytes("content/vneid/Ảnh chụp.png", &picture(1000, 2000));
    let file = site.path("content/vneid/Ảnh chụp.png");
    let server = start(site);
    wait_for(server.port, PAGE, |r| r.status == 200);
    let (status, webp) = get_bytes(server.port, "/phuong-mau/vneid/anh-chup-720.webp");
    let decoded = image::load_from_memory(&webp).map(|i| (i.width(), i.height())).ok();
    assert_eq!((status, decoded), (200, Some((720, 1440))));
    std::fs::write(&file, picture(800, 800)).expect("replace the picture");
    let replaced = || {
        let (_, jpeg) = get_bytes(server.port, "/phuong-mau/vneid/anh-chup.jpg");
        image::load_from_memory(&jpeg).map(|i| (i.width(), i.height())).ok()
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while replaced() != Some((720, 720)) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(replaced(), Some((720, 720)));
}

/// A site publishing from a pack: the pack's folder is watched too, and a
/// page the site makes its own replaces the pack's in the preview.
#[test]
fn pack_edits_and_new_copies_show_up() {
    let site = Site::fixture("province");
    let pack_page = site.path("goi/vneid/kich-hoat.md");
    let copy = site.path("phuong-b/content/vneid/kich-hoat.md");
    let server = start_at(site, "phuong-b");
    let page = "/vneid/kich-hoat/";
    assert!(get(server.port, page).body.contains("Cần người hướng dẫn"));
    edit(&pack_page, "Cần người hướng dẫn", "Cần người giúp");
    wait_for(server.port, page, |r| r.body.contains("Cần người giúp"));
    let own =
        std::fs::read_to_string(&pack_page).expect("pack page").replace("Cần người giúp", "Hỏi tổ dân phố");
    std::fs::create_dir_all(copy.parent().expect("folder")).expect("folder");
    std::fs::write(&copy, own).expect("the site's copy");
    wait_for(server.port, page, |r| r.body.contains("Hỏi tổ dân phố"));
}
