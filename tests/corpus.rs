//! A 1,000-page site like the benchmark corpus (`gen_corpus.py --layouts
//! loa`) with posters on in every default format, built with the real binary: it
//! builds with exit 0 and no warning, every page gets its poster, every
//! poster's code — read from the A4 poster as printed, its 300-dpi PNG —
//! decodes to its manifest entry, and every printed address is one line on
//! the A4 PDF.
//!
//! The pages come from `corpus_site` (made like the shared benchmark
//! corpus, written here). `LOA_CORPUS_GEN=../shared/bench/gen_corpus.py`
//! runs the test on that generator's pages instead (needs python3).

mod corpus_site;
mod poster_common;

use std::path::Path;
use std::process::Command;

use rayon::prelude::*;
use serde_json::Value;

const PAGES: usize = 1000;

/// As `bench/posters_site.py`: a declared unit and a real-looking address,
/// so no poster carries the sample band.
const SITE_YAML: &str = r#"title: "Phường Bến Nghé – Cẩm nang thủ tục"
base_url: "https://benghe.loa-bench.org"
language: vi
unit:
  kind: phường
  name: "Bến Nghé"
  province: "Thành phố Hồ Chí Minh"
  phone: "028 3829 4000"
posters:
  enabled: true
"#;

/// Write the corpus's `content/` into `site`: from `LOA_CORPUS_GEN` if
/// set, else from `corpus_site`.
fn write_corpus(site: &Path) {
    let Some(generator) = std::env::var_os("LOA_CORPUS_GEN") else {
        return corpus_site::write(site, PAGES).expect("corpus written");
    };
    let out = site.parent().expect("site in a folder");
    let generated = Command::new("python3")
        .arg(generator)
        .args(["--n", &PAGES.to_string(), "--layouts", "loa", "--out"])
        .arg(out)
        .output()
        .expect("run python3");
    assert!(generated.status.success(), "{}", String::from_utf8_lossy(&generated.stderr));
}

/// The codes in a 300-dpi poster PNG, read from every third pixel (a
/// module is still 9 pixels wide; the whole page would take seconds).
fn decode(png: &[u8]) -> Vec<String> {
    let page = image::load_from_memory(png).expect("PNG decodes").into_rgb8();
    let (w, h) = (page.width() / 3, page.height() / 3);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        page.get_pixel(3 * x as u32, 3 * y as u32).0[1]
    });
    prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

#[test]
fn the_corpus_builds_with_every_poster_readable_and_every_address_on_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("loa");
    write_corpus(&site);
    std::fs::write(site.join("site.yaml"), SITE_YAML).expect("site.yaml");
    let run = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--lang", "en", "--root"])
        .arg(&site)
        .output()
        .expect("run loa");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning[") && stderr.contains("(0 warning(s))"), "no warning:\n{stderr}");
    assert!(stderr.contains(&format!("{PAGES} posters ({PAGES} rendered)")), "{stderr}");

    let output = site.join("output");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("posters/manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    let posters = manifest["posters"].as_array().expect("posters");
    assert_eq!(posters.len(), PAGES);
    let read = |rel: &Value| std::fs::read(output.join(rel.as_str().expect("path"))).expect("poster file");
    let problems: Vec<String> = posters
        .par_iter()
        .filter_map(|poster| {
            let (qr, short) = (poster["qr"].as_str().expect("qr"), poster["short"].as_str().expect("short"));
            let codes = decode(&read(&poster["files"]["a4_png"]));
            if codes != [qr] {
                return Some(format!("{}: the A4 poster's code reads {codes:?}, not {qr}", poster["page"]));
            }
            // pdf_text breaks lines where glyphs do: one line holds it all.
            let text = poster_common::pdf_text::pdf_text(&read(&poster["files"]["a4_pdf"]));
            if !text.lines().any(|line| line.contains(short)) {
                return Some(format!("{}: {short} is not printed on one line:\n{text}", poster["page"]));
            }
            None
        })
        .collect();
    assert!(problems.is_empty(), "{} of {PAGES} posters:\n{}", problems.len(), problems.join("\n"));
}
