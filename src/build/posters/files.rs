//! Where every poster file is published: the one place that spells their
//! names, asked by the writer, `check`, the manifest, the gallery and the
//! page links alike. Paths are below the output folder.

use std::collections::BTreeMap;

use crate::poster::{Pano, Paper};
use crate::render::view::{PanoLink, PosterLinks};

/// Everything the poster stage writes lives in this output folder.
pub const DIR: &str = "posters/";
/// Every A4 poster in one PDF, for a print shop.
pub const BUNDLE: &str = "posters/all-a4.pdf";
/// QR labels on sticker sheets.
pub const STICKERS: &str = "posters/stickers-a4.pdf";
pub const MANIFEST: &str = "posters/manifest.json";
/// The officers' gallery page.
pub const GALLERY: &str = "posters/index.html";

/// The placements' print sets (`posters.placements`), one folder each.
pub const PLACEMENTS: &str = "posters/dia-diem/";

/// A placement's folder: `posters/dia-diem/cho/`.
pub fn placement_dir(code: &str) -> String {
    format!("{PLACEMENTS}{code}/")
}

/// Every A4 poster of one placement in one PDF: `posters/dia-diem/cho/all-a4.pdf`.
pub fn placement_bundle(code: &str) -> String {
    format!("{}all-a4.pdf", placement_dir(code))
}

/// Sizes of the index sheets every section with posters gets.
pub const SHEET_PAPERS: [Paper; 2] = [Paper::A4, Paper::A3];

/// A section's index sheet: `posters/cu-tru/sheet-a4.pdf`.
pub fn sheet(section_path: &str, paper: Paper) -> String {
    format!("{DIR}{section_path}sheet-{}.pdf", lower(paper))
}

/// A page's 1200 × 630 link-preview image.
pub fn share_image(page_path: &str) -> String {
    format!("{DIR}{page_path}share.png")
}

fn lower(paper: Paper) -> String {
    paper.name().to_ascii_lowercase()
}

/// The files of one page's poster: one PDF per size, the A4 poster as PNG
/// and SVG, a gallery thumbnail, the QR code alone and a PDF per pano size.
pub struct PosterFiles {
    /// `posters/cu-tru/thong-bao-luu-tru/`.
    pub dir: String,
    papers: Vec<Paper>,
    panos: Vec<Pano>,
}

impl PosterFiles {
    pub fn new(page_path: &str, papers: &[Paper], panos: &[Pano]) -> PosterFiles {
        PosterFiles { dir: format!("{DIR}{page_path}"), papers: papers.to_vec(), panos: panos.to_vec() }
    }

    /// Placement `code`'s copy of these files, named alike under its
    /// folder: `posters/dia-diem/cho/cu-tru/thong-bao-luu-tru/a4.pdf`.
    pub fn for_placement(&self, code: &str) -> PosterFiles {
        let page_path = self.dir.strip_prefix(DIR).unwrap_or(&self.dir);
        let dir = format!("{}{page_path}", placement_dir(code));
        PosterFiles { dir, papers: self.papers.clone(), panos: self.panos.clone() }
    }

    /// `posters/cu-tru/thong-bao-luu-tru/pano-80x120.pdf`.
    pub fn pano(&self, pano: Pano) -> String {
        format!("{}pano-{}.pdf", self.dir, pano.name())
    }

    pub fn pdf(&self, paper: Paper) -> String {
        format!("{}{}.pdf", self.dir, lower(paper))
    }

    pub fn png(&self) -> String {
        format!("{}a4.png", self.dir)
    }

    pub fn svg(&self) -> String {
        format!("{}a4.svg", self.dir)
    }

    pub fn thumb(&self) -> String {
        format!("{}thumb.png", self.dir)
    }

    pub fn qr(&self) -> String {
        format!("{}qr.svg", self.dir)
    }

    fn has_a4(&self) -> bool {
        self.papers.contains(&Paper::A4)
    }

    /// Every file, in the order they are written.
    pub fn all(&self) -> Vec<String> {
        let mut files: Vec<String> = self.papers.iter().map(|&p| self.pdf(p)).collect();
        if self.has_a4() {
            files.extend([self.png(), self.svg()]);
        }
        files.extend([self.thumb(), self.qr()]);
        files.extend(self.panos.iter().map(|&p| self.pano(p)));
        files
    }

    /// The files as the manifest lists them (`a4_pdf`, `a4_png`, `qr_svg`,
    /// `pano_80x120_pdf`…).
    pub fn manifest(&self) -> BTreeMap<String, String> {
        let mut files: BTreeMap<String, String> =
            self.papers.iter().map(|&p| (manifest_key(p).to_string(), self.pdf(p))).collect();
        if self.has_a4() {
            files.insert("a4_png".into(), self.png());
            files.insert("a4_svg".into(), self.svg());
        }
        files.insert("qr_svg".into(), self.qr());
        for &pano in &self.panos {
            files.insert(format!("pano_{}_pdf", pano.name()), self.pano(pano));
        }
        files
    }

    /// Site-absolute links for the page and the gallery.
    pub fn links(&self, base_path: &str) -> PosterLinks {
        let url = |file: String| Some(format!("{base_path}{file}"));
        let sized = |paper: Paper| self.papers.contains(&paper).then(|| self.pdf(paper)).and_then(url);
        PosterLinks {
            a4_pdf: sized(Paper::A4),
            a4_png: self.has_a4().then(|| self.png()).and_then(url),
            a3_pdf: sized(Paper::A3),
            a5_pdf: sized(Paper::A5),
            qr_svg: url(self.qr()),
            pano: self
                .panos
                .iter()
                .map(|&p| PanoLink {
                    size: p.name(),
                    url: format!("{base_path}{}", self.pano(p)),
                    distance_m: decimal_comma(p.distance_m()),
                    symbol_cm: (p.min_symbol_mm() / 10.0).ceil() as u32,
                })
                .collect(),
        }
    }
}

/// "2", "2,5": at most two decimals, a comma before them.
fn decimal_comma(value: f32) -> String {
    format!("{value:.2}").trim_end_matches('0').trim_end_matches('.').replace('.', ",")
}

fn manifest_key(paper: Paper) -> &'static str {
    match paper {
        Paper::A3 => "a3_pdf",
        Paper::A4 => "a4_pdf",
        Paper::A5 => "a5_pdf",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lower_case_and_agree() {
        assert_eq!(sheet("cu-tru/", Paper::A4), "posters/cu-tru/sheet-a4.pdf");
        let files =
            PosterFiles::new("vneid/kich-hoat/", &[Paper::A4, Paper::A3], &[Pano::new(80, 120, None)]);
        assert_eq!(
            files.all(),
            [
                "posters/vneid/kich-hoat/a4.pdf",
                "posters/vneid/kich-hoat/a3.pdf",
                "posters/vneid/kich-hoat/a4.png",
                "posters/vneid/kich-hoat/a4.svg",
                "posters/vneid/kich-hoat/thumb.png",
                "posters/vneid/kich-hoat/qr.svg",
                "posters/vneid/kich-hoat/pano-80x120.pdf",
            ]
        );
        assert_eq!(files.manifest()["pano_80x120_pdf"], "posters/vneid/kich-hoat/pano-80x120.pdf");
        assert!(files.manifest().into_values().all(|f| files.all().contains(&f)));
        let placed = files.for_placement("cho");
        assert_eq!(placed.png(), "posters/dia-diem/cho/vneid/kich-hoat/a4.png");
        assert_eq!(placed.manifest().keys().collect::<Vec<_>>(), files.manifest().keys().collect::<Vec<_>>());
        assert_eq!(placement_bundle("cho"), "posters/dia-diem/cho/all-a4.pdf");
        let links = files.links("/chanh-lo/");
        assert_eq!(links.a3_pdf.as_deref(), Some("/chanh-lo/posters/vneid/kich-hoat/a3.pdf"));
        assert_eq!(links.a5_pdf, None);
    }
}
