//! Making a picture's files: decode (turned upright as the camera said),
//! resize, encode. Nothing of the original's metadata is carried over: the
//! encoders write pixels only, so GPS positions and device names stay home.

use std::io::Cursor;

use fast_image_resize::{PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
use image::{DynamicImage, ImageDecoder};

use super::{Format, Picture, Variant};

/// WebP quality for photos and screenshots: text in a screenshot stays
/// readable at 2× density, and a 720 px screenshot stays near 100 KB
/// (libwebp's own default is 75; bench/images.py).
const WEBP_QUALITY: f32 = 70.0;

/// libwebp's effort, 0–6 (default 4): 2 encodes about twice as fast for
/// files a few percent larger. The 1080 px file, which phones at 3× fetch
/// on the way to bigger screens, is most of the pixels: effort 0 halves its
/// time again for about a third more bytes.
fn webp_method(width: u32) -> i32 {
    if width > 720 { 0 } else { 2 }
}
const JPEG_QUALITY: u8 = 82;

/// Pictures with at most this many colours (drawn diagrams, simple
/// screens) are also tried losslessly; the smaller file wins.
const FEW_COLOURS: usize = 256;

/// The bytes of every variant of `picture`, in the order given.
pub fn encode(original: &[u8], picture: &Picture, variants: &[Variant]) -> Result<Vec<Vec<u8>>, String> {
    let upright = decode(original, picture.format)?;
    let alpha = upright.color().has_alpha();
    let (pixels, pixel_type) = if alpha {
        (upright.into_rgba8().into_raw(), PixelType::U8x4)
    } else {
        (upright.into_rgb8().into_raw(), PixelType::U8x3)
    };
    let source =
        Image::from_vec_u8(picture.width, picture.height, pixels, pixel_type).map_err(|e| e.to_string())?;
    let mut resizer = Resizer::new();
    let options =
        ResizeOptions::new().resize_alg(ResizeAlg::Convolution(fast_image_resize::FilterType::Lanczos3));
    // The JPEG has the width of one of the WebP files: resized once.
    let mut resized: Vec<(u32, Image)> = Vec::new();
    let mut files = Vec::with_capacity(variants.len());
    for variant in variants {
        let (width, height) = (variant.width, variant.height);
        if width != picture.width && !resized.iter().any(|(w, _)| *w == width) {
            let mut target = Image::new(width, height, pixel_type);
            resizer.resize(&source, &mut target, &options).map_err(|e| e.to_string())?;
            resized.push((width, target));
        }
        let pixels =
            resized.iter().find(|(w, _)| *w == width).map_or(source.buffer(), |(_, image)| image.buffer());
        files.push(if variant.webp {
            webp(pixels, width, height, alpha)?
        } else {
            jpeg(pixels, width, height, alpha)?
        });
    }
    Ok(files)
}

fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, String> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes));
    reader.set_format(format.image_format());
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn webp(pixels: &[u8], width: u32, height: u32, alpha: bool) -> Result<Vec<u8>, String> {
    let encoder = if alpha {
        webp::Encoder::from_rgba(pixels, width, height)
    } else {
        webp::Encoder::from_rgb(pixels, width, height)
    };
    let failed = |e: webp::WebPEncodingError| format!("WebP: {e:?}");
    let mut config = webp::WebPConfig::new().map_err(|()| "WebP: libwebp".to_string())?;
    (config.quality, config.method) = (WEBP_QUALITY, webp_method(width));
    let lossy = encoder.encode_advanced(&config).map_err(failed)?.to_vec();
    if !few_colours(pixels, if alpha { 4 } else { 3 }) {
        return Ok(lossy);
    }
    config.lossless = 1;
    let lossless = encoder.encode_advanced(&config).map_err(failed)?.to_vec();
    Ok(if lossless.len() < lossy.len() { lossless } else { lossy })
}

/// A picture loa drew (a clip's title card: flat colours and text) as
/// lossless WebP: about a tenth of its PNG's weight, pixel for pixel.
pub fn drawn_webp(png: &[u8]) -> Result<Vec<u8>, String> {
    let rgb = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?
        .into_rgb8();
    let (width, height) = rgb.dimensions();
    let mut config = webp::WebPConfig::new().map_err(|()| "WebP: libwebp".to_string())?;
    (config.lossless, config.method) = (1, 2);
    let encoded = webp::Encoder::from_rgb(&rgb, width, height).encode_advanced(&config);
    encoded.map(|bytes| bytes.to_vec()).map_err(|e| format!("WebP: {e:?}"))
}

/// JPEG has no transparency: transparent parts become the page's white.
fn jpeg(pixels: &[u8], width: u32, height: u32, alpha: bool) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let flattened: Vec<u8>;
    let rgb = if alpha {
        flattened = pixels
            .chunks_exact(4)
            .flat_map(|p| {
                let a = u16::from(p[3]);
                let over_white = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
                [over_white(p[0]), over_white(p[1]), over_white(p[2])]
            })
            .collect();
        &flattened[..]
    } else {
        pixels
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .write_image(rgb, width, height, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// True when the pixels use at most `FEW_COLOURS` colours.
fn few_colours(pixels: &[u8], channels: usize) -> bool {
    let mut seen = std::collections::HashSet::new();
    pixels.chunks_exact(channels).all(|pixel| {
        seen.insert(pixel);
        seen.len() <= FEW_COLOURS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_pictures_use_few_colours() {
        let flat = vec![255u8; 3 * 100];
        assert!(few_colours(&flat, 3));
        let noisy: Vec<u8> = (0..1000u32).flat_map(|k| [(k % 256) as u8, (k / 256) as u8, 7]).collect();
        assert!(!few_colours(&noisy, 3));
    }
}
