//! Poster benchmark, loa's side: QR codes/s for the encoder alone and for
//! encoding + SVG, and per-poster CPU time for the A4 layout SVG, PDF and
//! 300-dpi PNG, single-threaded, on the sample poster. Run through
//! `python3 bench/posters.py`, which also times qrencode and segno.
//!
//! Usage: cargo bench --bench posters -- [ITERATIONS]
//! Times are CPU time of the benchmark's thread.

use std::path::Path;

use loa::poster::{Ecc, Paper, PdfMeta, PosterData, PosterEngine, PosterFonts, encode_qr};

const URL: &str = "https://example.org/chanh-lo/cu-tru/thong-bao-luu-tru/?src=poster";

fn engine() -> PosterEngine {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let read = |rel: &str| std::fs::read(theme.join(rel)).expect("theme file");
    let mut fallbacks: Vec<(String, Vec<u8>)> = std::fs::read_dir(theme.join("fonts/fallback"))
        .expect("fallback fonts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("font")))
        .collect();
    fallbacks.sort();
    let fonts = PosterFonts::from_bytes(
        read("fonts/BeVietnamPro-Regular.ttf"),
        read("fonts/BeVietnamPro-Bold.ttf"),
        fallbacks,
    )
    .expect("fonts");
    let templates = ["poster.svg", "sheet.svg", "stickers.svg"]
        .iter()
        .map(|name| (name.to_string(), String::from_utf8(read(&format!("posters/{name}"))).expect("utf-8")))
        .collect();
    PosterEngine::new(templates, fonts).expect("engine")
}

fn sample() -> PosterData {
    PosterData {
        unit_name: "UBND phường Chánh Lộ".into(),
        title: "Thông báo lưu trú".into(),
        subtitle: "Có khách đến ở dưới 30 ngày: báo Công an phường".into(),
        steps: vec![
            "Báo trước 23 giờ ngày khách đến".into(),
            "Khách đến sau 23 giờ: báo trước 8 giờ hôm sau".into(),
            "VNeID: Thủ tục hành chính > Thông báo lưu trú".into(),
            "Hoặc báo trực tiếp Công an phường".into(),
        ],
        url: URL.into(),
        check_note: "Trước khi quét, kiểm tra địa chỉ dưới mã QR là trang của phường: example.org".into(),
        contact: "Điện thoại: 0000 000 000".into(),
        footer: "Cập nhật 26/11/2026".into(),
        ecc: Ecc::M,
        page_label: "content/cu-tru/thong-bao-luu-tru.md".into(),
        ..PosterData::default()
    }
}

/// Runs `work` `n` times; returns (CPU milliseconds per run, runs per
/// CPU second). CPU time, not wall: other work on the machine does not count.
fn time<T>(n: usize, mut work: impl FnMut(usize) -> T) -> (f64, f64) {
    let start = cpu_secs();
    for i in 0..n {
        std::hint::black_box(work(i));
    }
    let secs = cpu_secs() - start;
    (secs * 1000.0 / n as f64, n as f64 / secs)
}

#[cfg(unix)]
fn cpu_secs() -> f64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

#[cfg(not(unix))]
fn cpu_secs() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(200);
    // One part alone, untimed, for a profiler: LOA_BENCH_ONLY=png|pdf|svg|thumb|layout.
    if let Ok(only) = std::env::var("LOA_BENCH_ONLY") {
        let (engine, data) = (engine(), sample());
        let meta = PdfMeta { title: data.title.clone(), lang: "vi".into(), date: Some((2026, 11, 26)) };
        let poster = engine.poster(&data, Paper::A4).expect("poster");
        let mut size = 0;
        for _ in 0..n {
            size = match only.as_str() {
                "png" => engine.poster_png(&poster, 300.0).expect("png").len(),
                "thumb" => engine.poster_png(&poster, 30.0).expect("png").len(),
                "pdf" => poster.pdf(&meta).expect("pdf").len(),
                "svg" => poster.outlined_svg().len(),
                _ => engine.poster(&data, Paper::A4).expect("poster").svg().len(),
            };
        }
        println!("{only} bytes {size}");
        return;
    }
    // Different URLs, as a site has, so nothing is cached between codes.
    let urls: Vec<String> = (0..n * 50).map(|i| format!("{URL}&p={i}")).collect();
    let (ms, rate) = time(urls.len(), |i| encode_qr(&urls[i], Ecc::M).expect("qr"));
    println!("qr encode           {ms:9.4} ms/code {rate:10.0} codes/s");
    let (ms, rate) = time(urls.len(), |i| encode_qr(&urls[i], Ecc::M).expect("qr").standalone_svg());
    println!("qr encode + svg     {ms:9.4} ms/code {rate:10.0} codes/s");

    let engine = engine();
    let data = sample();
    let meta = PdfMeta { title: data.title.clone(), lang: "vi".into(), date: Some((2026, 11, 26)) };
    let svg = engine.poster_svg(&data, Paper::A4).expect("svg");
    let (ms, rate) = time(n, |_| engine.poster_svg(&data, Paper::A4).expect("svg"));
    println!("A4 layout svg       {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| engine.publishable_svg(&svg).expect("svg"));
    println!("A4 published svg    {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| engine.pdf(&[(&svg, Paper::A4)], &meta).expect("pdf"));
    println!("A4 pdf (from svg)   {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| {
        let svg = engine.poster_svg(&data, Paper::A4).expect("svg");
        engine.pdf(&[(&svg, Paper::A4)], &meta).expect("pdf")
    });
    println!("A4 pdf, full        {ms:9.3} ms/poster {rate:8.1} posters/s");
    let runs = (n / 10).max(5);
    let (ms, rate) = time(runs, |_| engine.png(&svg, Paper::A4, 300.0).expect("png"));
    println!("A4 png 300 dpi      {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(runs, |_| {
        let svg = engine.poster_svg(&data, Paper::A4).expect("svg");
        engine.png(&svg, Paper::A4, 300.0).expect("png")
    });
    println!("A4 png 300 dpi, full{ms:9.3} ms/poster {rate:8.1} posters/s");

    // What a build does per page: each paper laid out and parsed once, every
    // format drawn from that parse.
    let poster = engine.poster(&data, Paper::A4).expect("poster");
    let (ms, rate) = time(n, |_| engine.poster(&data, Paper::A4).expect("poster"));
    println!("build: A4 layout    {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| poster.pdf(&meta).expect("pdf"));
    println!("build: A4 pdf       {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(runs, |_| engine.poster_png(&poster, 300.0).expect("png"));
    println!("build: A4 png 300   {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| engine.poster_png(&poster, 30.0).expect("png"));
    println!("build: thumbnail    {ms:9.3} ms/poster {rate:8.1} posters/s");
    let (ms, rate) = time(n, |_| poster.outlined_svg());
    println!("build: A4 svg       {ms:9.3} ms/poster {rate:8.1} posters/s");
}
