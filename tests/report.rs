//! `loa report`: access logs with known counts (both formats, two months,
//! a gzipped file, robots, assets, errors, broken lines) give exact figures
//! in the CSV and the HTML; nothing identifying a resident reaches any
//! output.

mod harness;

use std::io::Write;

use harness::Site;

const SITE: &str = "title: \"Phường Mẫu\"
base_url: \"https://example.org/phuong-mau\"
unit:
  kind: phường
  name: \"Mẫu\"
links:
  allowed_hosts: [dichvucong.gov.vn, \"*.gov.vn\"]
posters:
  sizes: [a4]
  tracking: \"src=poster\"
  placements:
    - { code: cho, name: \"Chợ phường\" }
    - { code: mot-cua, name: \"Bộ phận một cửa\" }
";

const PAGE: &str = "---\ntitle: \"Kích hoạt tài khoản\"\ndescription: \"Các bước kích hoạt.\"\naliases: [\"/kh/\"]\n---\n## Các bước\n\n1. Mở ứng dụng VNeID.\n";

const PHONE: &str =
    "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Zalo iOS/471";

fn combined(ip: &str, time: &str, request: &str, status: u16, referer: &str, agent: &str) -> String {
    format!("{ip} - - [{time} +0700] \"{request} HTTP/1.1\" {status} 512 \"{referer}\" \"{agent}\"\n")
}

fn caddy(ip: &str, unix: i64, uri: &str, status: u16, host: &str, agent: &str) -> String {
    format!(
        "{{\"level\":\"info\",\"ts\":{unix}.25,\"logger\":\"http.log.access\",\"msg\":\"handled request\",\
         \"request\":{{\"remote_ip\":\"{ip}\",\"client_ip\":\"{ip}\",\"proto\":\"HTTP/2.0\",\"method\":\"GET\",\
         \"host\":\"{host}\",\"uri\":\"{uri}\",\"headers\":{{\"User-Agent\":[\"{agent}\"]}}}},\
         \"size\":512,\"status\":{status}}}\n"
    )
}

/// 2026-11-05 10:00 and 2026-11-06 10:00 in Vietnam, as Unix time.
const NOV_5: i64 = 1_794_366_000;
const NOV_6: i64 = NOV_5 + 86_400;

/// October, nginx "combined", plain.
fn october() -> String {
    let page = "/phuong-mau/vneid/kich-hoat/";
    let mut log = String::new();
    for minute in ["10:00:00", "10:05:00", "10:09:00"] {
        log += &combined(
            "203.0.113.1",
            &format!("07/Oct/2026:{minute}"),
            &format!("GET {page}"),
            200,
            "-",
            PHONE,
        );
    }
    log += &combined(
        "203.0.113.2",
        "08/Oct/2026:09:00:00",
        "GET /phuong-mau/kh/?src=poster&noi=cho",
        200,
        "-",
        PHONE,
    );
    log += &combined(
        "203.0.113.2",
        "09/Oct/2026:09:00:00",
        "GET /phuong-mau/kh/?src=poster&noi=cho",
        200,
        "-",
        PHONE,
    );
    log +=
        &combined("203.0.113.3", "10/Oct/2026:09:00:00", "GET /phuong-mau/kh/?src=poster", 200, "-", IPHONE);
    log += &combined(
        "66.249.66.1",
        "10/Oct/2026:09:00:00",
        &format!("GET {page}"),
        200,
        "-",
        "Mozilla/5.0 (compatible; Googlebot/2.1)",
    );
    log += &combined(
        "69.171.249.1",
        "10/Oct/2026:09:00:00",
        "GET /phuong-mau/kh/",
        200,
        "-",
        "facebookexternalhit/1.1",
    );
    for asset in ["/phuong-mau/style.css", "/phuong-mau/posters/vneid/kich-hoat/a4.pdf", "/favicon.ico"] {
        log += &combined("203.0.113.1", "07/Oct/2026:10:00:01", &format!("GET {asset}"), 200, page, PHONE);
    }
    log += &combined("203.0.113.4", "11/Oct/2026:09:00:00", "GET /phuong-mau/khong-co/", 404, "-", PHONE);
    log += &combined("203.0.113.4", "11/Oct/2026:09:00:00", "GET /phuong-mau/wp-login.php", 404, "-", PHONE);
    log += &combined("203.0.113.4", "11/Oct/2026:09:00:00", "POST /phuong-mau/kh/", 405, "-", PHONE);
    log += "this is not a log line\n";
    log += "203.0.113.5 - - [11/Oct/2026] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n";
    log
}

/// November, Caddy JSON (gzipped by the test).
fn november_caddy() -> String {
    let kh = "/phuong-mau/kh/";
    let mut log = String::new();
    for unix in [NOV_5, NOV_5 + 60, NOV_6, NOV_6 + 60] {
        log += &caddy(
            "198.51.100.7",
            unix,
            &format!("{kh}?src=poster\\u0026noi=mot-cua"),
            200,
            "example.org",
            PHONE,
        );
    }
    log += &caddy("198.51.100.8", NOV_5, &format!("{kh}?src=man-hinh"), 200, "example.org", IPHONE);
    log += &caddy("198.51.100.9", NOV_5, "/phuong-mau/", 200, "example.org", PHONE);
    log += &caddy("198.51.100.9", NOV_5, "/phuong-mau/", 200, "other.example", PHONE);
    log += &caddy("40.77.167.1", NOV_5, kh, 200, "example.org", "Mozilla/5.0 (compatible; bingbot/2.0)");
    log += "{\"level\":\"info\",\"ts\":1794366000,\"msg\":\"cut";
    log += "\n";
    log
}

/// November, nginx again: a link shared on Zalo, a reader's cached copy.
fn november_nginx() -> String {
    combined(
        "203.0.113.1",
        "12/Nov/2026:20:00:00",
        "GET /phuong-mau/vneid/kich-hoat/index.html?src=zalo",
        200,
        "https://zalo.me/",
        IPHONE,
    ) + &combined("203.0.113.6", "13/Nov/2026:20:00:00", "GET /phuong-mau/vneid/kich-hoat/", 304, "-", PHONE)
}

fn gzip(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("gzip");
    encoder.finish().expect("gzip")
}

fn site_with_logs() -> Site {
    Site::fixture("base")
        .with("site.yaml", SITE)
        .with("content/vneid/kich-hoat.md", PAGE)
        .with("logs/access.log.1", &november_nginx())
        .with_bytes("logs/caddy.json.gz", &gzip(&november_caddy()))
        .with("logs/access.log.2", &october())
}

fn csv_body(site: &Site) -> Vec<String> {
    let text = std::fs::read_to_string(site.path("report/bao-cao.csv")).expect("csv");
    let text = text.strip_prefix('\u{feff}').expect("starts with a BOM for Excel");
    text.lines().map(|l| l.rsplit_once(',').expect("title column").0.to_string()).collect()
}

#[test]
fn known_counts_come_out_exactly_in_the_csv_and_the_html() {
    let site = site_with_logs();
    let run = site
        .run(&[
            "report",
            "logs/access.log.1",
            "logs/caddy.json.gz",
            "logs/access.log.2",
            "--output",
            "report",
        ])
        .ok();
    assert_eq!(
        csv_body(&site),
        [
            "month,page,source,placement,views,visitors",
            "2026-10,/vneid/kich-hoat/,poster,,1,1",
            "2026-10,/vneid/kich-hoat/,poster,cho,2,2",
            "2026-10,/vneid/kich-hoat/,truc-tiep,,3,1",
            "2026-11,/,truc-tiep,,1,1",
            "2026-11,/vneid/kich-hoat/,man-hinh,,1,1",
            "2026-11,/vneid/kich-hoat/,poster,mot-cua,4,2",
            "2026-11,/vneid/kich-hoat/,truc-tiep,,1,1",
            "2026-11,/vneid/kich-hoat/,zalo,,1,1",
        ]
    );
    let html = std::fs::read_to_string(site.path("report/bao-cao.html")).expect("html");
    let compact: String = html.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        // November's totals: 8 views, 5 from a QR code (62%), 6 visitor-days
        // (two days of the one-stop-shop reader, four others).
        "Lượt xem<b>8</b>",
        "Từ mã QR<b>5</b>62% lượt xem",
        "Người xem (ước tính)<b>6</b>",
        // Every month side by side.
        "<tr><td>10/2026</td><td class=\"n\">6</td><td class=\"n\">3</td><td class=\"n\">50%</td><td class=\"n\">4</td></tr>",
        "<tr><td>11/2026</td><td class=\"n\">8</td><td class=\"n\">5</td><td class=\"n\">62%</td><td class=\"n\">6</td></tr>",
        // November's scans by placement, by the name site.yaml gives.
        "<tr><td>Bộ phận một cửa<span class=\"bar\" style=\"width:100%\"></span></td><td class=\"n\">4</td><td class=\"n\">2</td></tr>",
        // What was left out, and why.
        "Đã đọc 27 dòng nhật ký; 14 dòng là lượt xem",
        "Không tính: 3 lượt của máy tìm kiếm",
        "3 lượt tải ảnh",
        "2 lượt lỗi hoặc chuyển hướng; 1 lượt không phải GET",
        "1 lượt vào trang web khác",
        "3 dòng không đọc được",
    ] {
        assert!(compact.contains(want), "missing {want:?} in\n{compact}");
    }
    assert!(html.contains("<svg class=\"chart\""), "the month chart is inline SVG");
    assert!(!html.contains("<script") && !html.contains("src=\"http"), "self-contained, no script");
    assert!(!compact.contains("Chợ phường<span"), "no scan from the market in November");
    // Broken lines are counted and located, never stop the report.
    assert!(run.stderr.contains("logs/access.log.2:15"), "{}", run.stderr);
    assert!(run.stderr.contains("logs/access.log.2:16"), "{}", run.stderr);
    assert!(run.stderr.contains("14 lượt xem trong 2 tháng"), "{}", run.stderr);
}

#[test]
fn no_address_or_browser_from_the_log_reaches_any_output() {
    let site = site_with_logs();
    let run = site
        .run(&[
            "report",
            "logs/access.log.2",
            "logs/caddy.json.gz",
            "logs/access.log.1",
            "--output",
            "report",
        ])
        .ok();
    let logs = october() + &november_caddy() + &november_nginx();
    let mut secrets: Vec<String> = Vec::new();
    for line in logs.lines() {
        if let Some(ip) =
            line.split_whitespace().next().filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        {
            secrets.push(ip.to_string());
        }
    }
    secrets.extend(["198.51.100.7", "198.51.100.8", "198.51.100.9", "40.77.167.1"].map(String::from));
    secrets
        .extend([PHONE, IPHONE, "Googlebot", "bingbot", "facebookexternalhit", "zalo.me"].map(String::from));
    let written = site.files("report");
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        ["bao-cao.csv", "bao-cao.html"],
        "nothing else is written"
    );
    for secret in &secrets {
        for (name, bytes) in &written {
            assert!(!String::from_utf8_lossy(bytes).contains(secret.as_str()), "{secret} in {name}");
        }
        assert!(
            !run.stderr.contains(secret.as_str()) && !run.stdout.contains(secret.as_str()),
            "{secret} printed"
        );
    }
}

#[test]
fn months_can_be_chosen_and_a_missing_log_keeps_the_last_report() {
    let site = site_with_logs();
    site.run(&[
        "report",
        "logs/access.log.2",
        "logs/access.log.1",
        "--since",
        "2026-11",
        "--output",
        "report",
    ])
    .ok();
    let rows = csv_body(&site);
    assert!(rows[1..].iter().all(|r| r.starts_with("2026-11,")), "{rows:?}");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let before = std::fs::read(site.path("report/bao-cao.csv")).expect("csv");
    let run =
        site.run(&["report", "logs/access.log.2", "logs/khong-co.log", "--output", "report"]).expect_code(1);
    assert!(run.stderr.contains("logs/khong-co.log"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(site.path("report/bao-cao.csv")).expect("csv"),
        before,
        "the last report is kept"
    );
    site.run(&["report", "logs/access.log.2", "--until", "2026-13"]).expect_code(2);
    let reversed = site.run(&["report", "logs/access.log.2", "--since", "2026-11", "--until", "2026-10"]);
    assert!(reversed.expect_code(1).stderr.contains("report-months-reversed"));
}

#[test]
fn a_log_named_twice_counts_once_and_other_compressions_are_refused() {
    let site = site_with_logs().with_bytes("logs/old.log.zst", &[0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0]);
    let run = site.run(&["report", "logs/access.log.2", "./logs/access.log.2", "--output", "report"]).ok();
    assert!(run.stderr.contains("log-repeated"), "{}", run.stderr);
    assert!(csv_body(&site).contains(&"2026-10,/vneid/kich-hoat/,truc-tiep,,3,1".to_string()));
    let run = site.run(&["report", "logs/old.log.zst", "--output", "report"]).expect_code(1);
    assert!(run.stderr.contains("log-compressed") && run.stderr.contains("zstd"), "{}", run.stderr);
}
