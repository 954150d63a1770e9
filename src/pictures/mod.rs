//! Pictures in content (phone screenshots, photos): published at the widths
//! a phone needs, as WebP, with the metadata a camera writes (GPS place,
//! device) removed. A 1080×2400 screenshot of 2–4 MB becomes 360, 720 and
//! 1080 px WebP files of tens of kilobytes, and the page tells the browser
//! which to fetch (`srcset`, `sizes`) and how big it is (`width`, `height`)
//! so the text does not jump while it loads.
//!
//! `probe` reads a picture's size when content is loaded (headers only);
//! `markup` writes the HTML; `encode` makes the files, at build time or on
//! request in the preview.

mod encode;

use std::io::{BufReader, Read, Seek};

pub use encode::{drawn_webp, encode};

/// The widths published (CSS pixels × density): 360 for a phone at 1×,
/// 720 for the same at 2× (the usual case: 390 px phones at 2–3×), 1080
/// for large screens. Never wider than the original.
pub const WIDTHS: [u32; 3] = [360, 720, 1080];

/// The JPEG for browsers without WebP (iPhones before iOS 14) and for links
/// to the file is at most this wide.
pub const FALLBACK_WIDTH: u32 = 720;

/// How wide pictures show: the theme's text column (46rem less its padding).
pub const SIZES: &str = "(max-width: 46rem) calc(100vw - 2rem), 44rem";

/// Bump when encoding changes, so that pictures cached from an older
/// build are made again.
pub const ENCODING_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
    Webp,
}

/// A raster picture of the content, as it will be published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// Size as shown: after the camera's rotation (EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// One published file of a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Output-relative path.
    pub path: String,
    pub width: u32,
    pub height: u32,
    /// WebP (`true`), or the JPEG for browsers without WebP and for links
    /// to the file: JPEG whatever the original, because a screenshot as PNG
    /// weighs more at 720 px than the original did at 1080.
    pub webp: bool,
}

impl Format {
    /// By file extension (lower case): the formats loa re-encodes.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext {
            "png" => Some(Format::Png),
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    fn image_format(self) -> image::ImageFormat {
        match self {
            Format::Png => image::ImageFormat::Png,
            Format::Jpeg => image::ImageFormat::Jpeg,
            Format::Webp => image::ImageFormat::WebP,
        }
    }
}

/// The size of a picture from its headers, rotated as the camera said;
/// `None` when it cannot be read as `format` (it is then published as is).
pub fn probe(reader: impl Read + Seek, format: Format) -> Option<Picture> {
    use image::ImageDecoder;
    let mut reader = image::ImageReader::new(BufReader::new(reader));
    reader.set_format(format.image_format());
    let mut decoder = reader.into_decoder().ok()?;
    let (width, height) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    let (width, height) = if turned { (height, width) } else { (width, height) };
    (width > 0 && height > 0).then_some(Picture { width, height, format })
}

impl Picture {
    /// Every file published for a picture whose original would be published
    /// at `output` (`vneid/anh.png`): WebP at each width, narrowest first,
    /// then the JPEG at up to `FALLBACK_WIDTH` (`vneid/anh.jpg`).
    pub fn variants(&self, output: &str) -> Vec<Variant> {
        let stem = stem(output);
        let widest = self.width.min(WIDTHS[WIDTHS.len() - 1]);
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < widest).collect();
        widths.push(widest);
        let mut variants: Vec<Variant> = widths
            .into_iter()
            .map(|width| Variant {
                path: format!("{stem}-{width}.webp"),
                width,
                height: self.height_at(width),
                webp: true,
            })
            .collect();
        let width = widest.min(FALLBACK_WIDTH);
        variants.push(Variant {
            path: format!("{stem}.jpg"),
            width,
            height: self.height_at(width),
            webp: false,
        });
        variants
    }

    /// Where a link to the picture leads: its JPEG.
    pub fn link_path(output: &str) -> String {
        format!("{}.jpg", stem(output))
    }

    fn height_at(&self, width: u32) -> u32 {
        let height =
            (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2) / u64::from(self.width);
        u32::try_from(height).unwrap_or(u32::MAX).max(1)
    }
}

fn stem(output: &str) -> &str {
    output.rsplit_once('.').map_or(output, |(stem, _)| stem)
}

/// The HTML of a picture: WebP at every width for the browser to choose
/// from, the original format for the rest, its size, loaded only when
/// scrolled to. `url` turns an output path into its published URL; `alt`
/// and `title` are plain text.
pub fn markup(variants: &[Variant], url: impl Fn(&str) -> String, alt: &str, title: &str) -> String {
    use crate::escape::escape as esc;
    let webp: Vec<&Variant> = variants.iter().filter(|v| v.webp).collect();
    let Some(img) = variants.iter().find(|v| !v.webp).or(webp.last().copied()) else {
        return String::new();
    };
    let srcset: Vec<String> = webp.iter().map(|v| format!("{} {}w", url(&v.path), v.width)).collect();
    let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", esc(title)) };
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\"><img src=\"{}\" alt=\"{}\"{title} \
         width=\"{}\" height=\"{}\" loading=\"lazy\" decoding=\"async\"></picture>",
        esc(&srcset.join(", ")),
        esc(&url(&img.path)),
        esc(alt),
        img.width,
        img.height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screenshot() -> Picture {
        Picture { width: 1080, height: 2400, format: Format::Png }
    }

    #[test]
    fn a_screenshot_is_published_at_three_widths_and_in_its_own_format() {
        let variants = screenshot().variants("vneid/anh-chup.png");
        let files: Vec<(&str, u32, u32, bool)> =
            variants.iter().map(|v| (v.path.as_str(), v.width, v.height, v.webp)).collect();
        assert_eq!(
            files,
            [
                ("vneid/anh-chup-360.webp", 360, 800, true),
                ("vneid/anh-chup-720.webp", 720, 1600, true),
                ("vneid/anh-chup-1080.webp", 1080, 2400, true),
                ("vneid/anh-chup.jpg", 720, 1600, false),
            ]
        );
    }

    #[test]
    fn small_pictures_are_never_enlarged() {
        let small = Picture { width: 500, height: 300, format: Format::Jpeg };
        let widths: Vec<u32> = small.variants("a.jpg").iter().map(|v| v.width).collect();
        assert_eq!(widths, [360, 500, 500]);
        let webp = Picture { width: 200, height: 100, format: Format::Webp };
        let paths: Vec<String> = webp.variants("a.webp").into_iter().map(|v| v.path).collect();
        assert_eq!(paths, ["a-200.webp", "a.jpg"]);
    }

    #[test]
    fn markup_lets_the_browser_choose() {
        let html = markup(&screenshot().variants("a.png"), |p| format!("/x/{p}"), "Màn hình \"VNeID\"", "");
        assert!(
            html.contains("srcset=\"/x/a-360.webp 360w, /x/a-720.webp 720w, /x/a-1080.webp 1080w\""),
            "{html}"
        );
        assert!(html.contains("<img src=\"/x/a.jpg\" alt=\"Màn hình &quot;VNeID&quot;\" width=\"720\" height=\"1600\" loading=\"lazy\" decoding=\"async\">"), "{html}");
    }
}
