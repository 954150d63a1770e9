//! The screen's own files: the full-screen page (`man-hinh/index.html`,
//! from the theme's `screen.html`: inline CSS, script and QR codes, so it
//! makes no request once loaded and keeps running offline) and the
//! numbered playlist of the slide pictures.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Slide, files};
use crate::build::posters::Renderer;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::poster::{PosterError, encode_qr};
use crate::templates::Templates;

/// The code's box on the page's 1920 × 1080 stage, as on the slides.
const QR_BOX_PX: usize = 560;

/// What `screen.html` sees of one slide.
#[derive(Serialize)]
struct SlideView<'a> {
    number: usize,
    title: &'a str,
    short_title: &'a str,
    steps: &'a [String],
    /// The code as inline SVG markup, quiet zone included.
    qr_svg: String,
    /// The text the code holds.
    qr: &'a str,
    /// The short address printed under the code.
    address: &'a str,
    /// The slide picture, relative to the page.
    image: &'a str,
}

/// Writes the page, the playlist and the plain list of `slides`.
pub fn write(
    slides: &[&Slide],
    seconds: u32,
    renderer: &Renderer,
    templates: &Templates,
) -> Result<(), Diagnostic> {
    let views = slides
        .iter()
        .enumerate()
        .map(|(i, slide)| view(i + 1, slide))
        .collect::<Result<Vec<_>, PosterError>>()
        .map_err(|e| crate::build::posters::poster_error(e, None))?;
    let strings = renderer.strings;
    let first = slides.first().map(|s| &s.data);
    let mut context = tera::Context::new();
    context.insert("slides", &views);
    context.insert("seconds", &seconds);
    context.insert("band", &first.map_or("", |d| d.band.as_str()));
    context.insert("unit_name", &first.map_or("", |d| d.unit_name.as_str()));
    context.insert("call_to_action", strings.get("poster_call_to_action"));
    context.insert("permalink", &renderer.config.permalink(files::DIR));
    let html = templates.render("screen.html", &context)?;
    renderer.staging.write(files::PAGE, html.as_bytes())?;
    renderer.staging.write(files::PLAYLIST, playlist(slides, seconds).as_bytes())?;
    renderer.staging.write(files::LIST, list(slides).as_bytes())
}

fn view<'a>(number: usize, slide: &'a Slide) -> Result<SlideView<'a>, PosterError> {
    let data = &slide.data;
    let qr = encode_qr(&data.url, data.ecc)?;
    let side = qr.total_modules();
    // Whole pixels per module on the 1920 × 1080 stage, as on the slide.
    let px = (QR_BOX_PX / side).max(1) * side;
    let qr_svg = format!(
        "<svg class=\"qr\" width=\"{px}\" height=\"{px}\" viewBox=\"0 0 {side} {side}\" aria-hidden=\"true\">{}</svg>",
        qr.svg_group(&format!("ma-qr-{number}"), 0.0, 0.0, 1.0)
    );
    Ok(SlideView {
        number,
        title: &data.title,
        short_title: &data.short_title,
        steps: &data.steps,
        qr_svg,
        qr: &data.url,
        address: data.printed_address(),
        image: files::in_folder(&slide.file),
    })
}

/// An extended M3U playlist: each picture with its title and seconds.
fn playlist(slides: &[&Slide], seconds: u32) -> String {
    let mut out = String::from("#EXTM3U\n");
    for slide in slides {
        let title = one_line(&slide.data.title);
        let _ = write!(out, "#EXTINF:{seconds},{title}\n{}\n", files::in_folder(&slide.file));
    }
    out
}

/// File name, title and printed address of each slide, one a line.
fn list(slides: &[&Slide]) -> String {
    let mut out = String::new();
    for slide in slides {
        let data = &slide.data;
        let _ = writeln!(
            out,
            "{}\t{}\t{}",
            files::in_folder(&slide.file),
            one_line(&data.title),
            data.printed_address()
        );
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
