//! The repository's sample ward site, built with the real binary: every
//! poster file in the manifest exists and its QR code decodes — PNG directly,
//! PDF and SVG rasterised in-process — to the manifest's `qr`, which is the
//! page's canonical URL plus the tracking query. (That the same text is
//! printed under each code is checked by the engine on every render and by
//! `tests/posters.rs`.)

mod poster_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use poster_common::decode::{decode_png, pdf_pages};
use rayon::prelude::*;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the sample site once per test run into a temporary folder.
fn built() -> &'static Path {
    static OUTPUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OnceLock::get_or_init(&OUTPUT, || {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("output");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["build", "--lang", "en", "--root"])
            .arg(repo())
            .arg("--output")
            .arg(&output)
            .output()
            .expect("run loa");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{stderr}");
        // The sample is meant to be a sample: its only warnings say so.
        let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning[")).collect();
        assert!(
            !warnings.is_empty() && warnings.iter().all(|w| w.starts_with("warning[placeholder")),
            "the sample site must build with placeholder warnings only: {stderr}"
        );
        (dir, output)
    })
    .1
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(built().join("posters/manifest.json")).expect("manifest.json");
    serde_json::from_str(&text).expect("manifest is JSON")
}

/// Decodes each cell of a page laid out on `grid` on its own (rqrr finds
/// one code per image reliably, not 25).
fn decode_cells(png: &[u8], grid: &loa::poster::Grid, dpi: f32) -> Vec<String> {
    let img = image::load_from_memory(png).expect("png decodes");
    let px = |mm: f32| (mm * dpi / 25.4).round() as u32;
    let mut found = Vec::new();
    for row in 0..grid.rows {
        for col in 0..grid.cols {
            let x = grid.x + col as f32 * grid.cell_w;
            let y = grid.y + row as f32 * grid.cell_h;
            let cell = img.crop_imm(px(x), px(y), px(grid.cell_w), px(grid.cell_h));
            let mut bytes = Vec::new();
            cell.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("png");
            found.extend(decode_png(&bytes));
        }
    }
    found
}

fn svg_to_png(svg: &str, width: u32) -> Vec<u8> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("svg parses");
    let scale = width as f32 / tree.size().width();
    let height = (tree.size().height() * scale).ceil() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).expect("pixmap");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().expect("png")
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(built().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_poster_format_decodes_to_the_manifest_qr() {
    let manifest = manifest();
    let posters = manifest["posters"].as_array().expect("posters");
    assert!(posters.len() >= 30, "the sample site has a poster for most guides");
    posters.par_iter().for_each(|poster| {
        let qr = poster["qr"].as_str().expect("qr");
        let url = poster["url"].as_str().expect("url");
        let short = poster["short"].as_str().expect("short");
        assert_eq!(qr, format!("https://{short}/?src=poster"), "QR text = printed short address + tracking");
        assert!(url.starts_with("https://example.org/phuong-mau/"));
        assert!(short.starts_with("example.org/phuong-mau/") && short.matches('/').count() == 2, "{short}");
        let files = poster["files"].as_object().expect("files");
        let expected = vec![qr.to_string()];
        for (kind, rel) in files {
            let rel = rel.as_str().expect("path");
            let bytes = read(rel);
            if kind == "slide_png" {
                // The waiting-room screen's scans are counted apart.
                assert_eq!(decode_png(&bytes), [format!("https://{short}/?src=man-hinh")], "{rel}");
                continue;
            }
            let decoded = match kind.as_str() {
                "a4_png" => decode_png(&bytes),
                "a4_svg" | "qr_svg" => {
                    decode_png(&svg_to_png(std::str::from_utf8(&bytes).expect("utf-8"), 800))
                }
                k if k.ends_with("_pdf") => {
                    let pages = pdf_pages(&bytes, 1.5);
                    assert_eq!(pages.len(), 1, "{rel}");
                    decode_png(&pages[0])
                }
                other => panic!("unexpected file kind {other}"),
            };
            assert_eq!(decoded, expected, "{rel}");
        }
        assert_eq!(poster["ecc"], "M");
        assert!(poster["qr_version"].as_u64().is_some_and(|v| (1..=10).contains(&v)));
    });
}

#[test]
fn the_manifest_lists_every_page_that_has_a_poster() {
    let manifest = manifest();
    let listed: BTreeSet<String> = manifest["posters"]
        .as_array()
        .expect("posters")
        .iter()
        .map(|p| p["page"].as_str().expect("page").to_string())
        .collect();
    // Pages have posters unless they, or their section, say `poster: false`;
    // the ward's own `content/` and its pack are one tree.
    let trees = [repo().join("content"), repo().join("packs/quoc-gia")];
    let off = |path: &Path| std::fs::read_to_string(path).is_ok_and(|t| t.contains("\nposter: false"));
    let mut expected = BTreeSet::new();
    for tree in &trees {
        for entry in walkdir::WalkDir::new(tree) {
            let entry = entry.expect("walk");
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".md") || name == "_index.md" {
                continue;
            }
            let rel = entry.path().strip_prefix(tree).expect("inside");
            let section_index =
                trees.iter().map(|t| t.join(rel).with_file_name("_index.md")).find(|p| p.is_file());
            if off(entry.path()) || section_index.is_some_and(|index| off(&index)) {
                continue;
            }
            expected.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    assert_eq!(listed, expected);
    for key in ["bundle", "stickers"] {
        let rel = manifest[key].as_str().expect(key);
        assert!(built().join(rel).is_file(), "{rel}");
    }
}

#[test]
fn bundle_holds_every_a4_poster_in_site_order() {
    let manifest = manifest();
    let count = manifest["posters"]
        .as_array()
        .expect("posters")
        .iter()
        .filter(|p| p["files"]["a4_pdf"].is_string())
        .count();
    let bytes = read("posters/all-a4.pdf");
    let pdf = hayro::hayro_syntax::Pdf::new(bytes).expect("parses");
    assert_eq!(pdf.pages().len(), count);
    // The first page is the first poster of the manifest.
    let first = pdf_pages(&read("posters/all-a4.pdf"), 1.5).into_iter().next().expect("page");
    let expected = manifest["posters"][0]["qr"].as_str().expect("qr").to_string();
    assert_eq!(decode_png(&first), vec![expected]);
}

#[test]
fn every_placement_copy_reads_as_its_poster_with_its_place() {
    let manifest = manifest();
    let posters = manifest["posters"].as_array().expect("posters");
    let bundles = manifest["placements"].as_array().expect("the sample lists placements");
    assert_eq!(bundles.len(), 2);
    posters.par_iter().for_each(|poster| {
        let qr = poster["qr"].as_str().expect("qr");
        let copies = poster["placements"].as_array().expect("placements");
        assert_eq!(copies.len(), bundles.len());
        for (copy, listed) in copies.iter().zip(bundles) {
            let code = copy["code"].as_str().expect("code");
            assert_eq!(listed["code"], code);
            assert_eq!(copy["qr"], format!("{qr}&noi={code}"));
            let png = read(copy["files"]["a4_png"].as_str().expect("a4 png"));
            assert_eq!(decode_png(&png), [copy["qr"].as_str().expect("qr")]);
        }
    });
    let generic = hayro::hayro_syntax::Pdf::new(read("posters/all-a4.pdf")).expect("parses").pages().len();
    for bundle in bundles {
        let bytes = read(bundle["bundle"].as_str().expect("bundle"));
        let pdf = hayro::hayro_syntax::Pdf::new(bytes).expect("parses");
        assert_eq!(pdf.pages().len(), generic, "one page per A4 poster");
    }
}

#[test]
fn index_sheet_of_the_25_services_fits_one_a4_page_and_decodes() {
    use loa::poster::{Paper, sheet_grid};
    let pages = pdf_pages(&read("posters/dich-vu-cong/sheet-a4.pdf"), 200.0 / 72.0);
    assert_eq!(pages.len(), 1, "the 25 essential services fit one A4 sheet");
    let decoded = decode_cells(&pages[0], &sheet_grid(Paper::A4), 200.0);
    assert_eq!(decoded.len(), 25, "every code on the sheet decodes");
    let manifest = manifest();
    let qrs: Vec<&str> =
        manifest["posters"].as_array().expect("posters").iter().filter_map(|p| p["qr"].as_str()).collect();
    assert!(decoded.iter().all(|t| qrs.contains(&t.as_str())), "{decoded:?}");
    let a3 = pdf_pages(&read("posters/dich-vu-cong/sheet-a3.pdf"), 150.0 / 72.0);
    assert_eq!(decode_cells(&a3[0], &sheet_grid(Paper::A3), 150.0).len(), 25);
}

#[test]
fn sticker_sheets_decode() {
    let pages = pdf_pages(&read("posters/stickers-a4.pdf"), 200.0 / 72.0);
    let posters = manifest()["posters"].as_array().expect("posters").len();
    assert_eq!(pages.len(), posters.div_ceil(14), "14 labels per A4 sheet");
    assert_eq!(decode_cells(&pages[0], &loa::poster::STICKER_GRID, 200.0).len(), 14);
}

#[test]
fn pdfs_have_iso_sizes_title_and_language() {
    for (rel, (w, h)) in [
        ("posters/cu-tru/thong-bao-luu-tru/a4.pdf", (595.28, 841.89)),
        ("posters/cu-tru/thong-bao-luu-tru/a3.pdf", (841.89, 1190.55)),
        ("posters/cu-tru/thong-bao-luu-tru/a5.pdf", (419.53, 595.28)),
    ] {
        let bytes = read(rel);
        let pdf = hayro::hayro_syntax::Pdf::new(bytes.clone()).expect("parses");
        let (pw, ph) = pdf.pages()[0].render_dimensions();
        assert!((pw - w).abs() < 0.5 && (ph - h).abs() < 0.5, "{rel}: {pw} × {ph}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/Lang(vi)"), "{rel}: language");
        assert!(text.contains("/Title"), "{rel}: title");
        assert!(!text.contains("/CreationDate (D:1970"), "{rel}");
    }
}

#[test]
fn gallery_links_every_poster_file() {
    let html = String::from_utf8(read("posters/index.html")).expect("utf-8");
    for poster in manifest()["posters"].as_array().expect("posters") {
        for rel in poster["files"].as_object().expect("files").values() {
            let href = format!("href=\"/phuong-mau/{}\"", rel.as_str().expect("path"));
            if !rel.as_str().expect("path").ends_with("a4.svg") {
                assert!(html.contains(&href), "gallery lacks {href}");
            }
        }
        assert!(html.contains(poster["qr"].as_str().expect("qr")));
    }
    assert!(
        html.contains("/phuong-mau/posters/all-a4.pdf")
            && html.contains("/phuong-mau/posters/stickers-a4.pdf")
    );
    // The site's footer links the gallery.
    let home = String::from_utf8(read("index.html")).expect("utf-8");
    assert!(home.contains("href=\"/phuong-mau/posters/\""));
}

#[test]
fn a4_png_is_print_ready() {
    let bytes = read("posters/cu-tru/thong-bao-luu-tru/a4.png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let reader = decoder.read_info().expect("png header");
    let info = reader.info();
    assert_eq!((info.width, info.height), (2480, 3508));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let dims = info.pixel_dims.expect("pHYs chunk");
    assert_eq!((dims.xppu, dims.unit), (11811, png::Unit::Meter));
}

#[test]
fn short_addresses_serve_the_guide_with_its_canonical_address() {
    let manifest = manifest();
    let posters = manifest["posters"].as_array().expect("posters");
    let mut shorts = std::collections::HashSet::new();
    for poster in posters {
        let short = poster["short"].as_str().expect("short");
        let url = poster["url"].as_str().expect("url");
        assert!(shorts.insert(short), "{short} is printed for two pages");
        // Printed without scheme; one path segment under the site's base path.
        let rel = short.strip_prefix("example.org/phuong-mau/").expect("same host and base path");
        assert!(!rel.contains('/') && rel.len() <= 20, "{short}");
        let copy = String::from_utf8(read(&format!("{rel}/index.html"))).expect("utf-8");
        assert!(
            copy.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{rel}: canonical is {url}"
        );
        assert!(!copy.contains("http-equiv=\"refresh\""), "{rel} serves the guide, not a redirect");
        let page = url.strip_prefix("https://example.org/phuong-mau/").expect("page path");
        assert_eq!(copy.as_bytes(), read(&format!("{page}index.html")), "{rel} is a copy of {page}");
    }
}
