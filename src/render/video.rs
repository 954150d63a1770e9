//! A guide's clip on its page: which content files its `video:` names
//! (the clip, its captions, its poster frame), what is wrong with them, and
//! what the template sees (`page.video`). Read by the build's `videos`
//! stage for its messages and by the page view for the markup, so both
//! judge the files the same way.

use serde::Serialize;

use crate::config::Config;
use crate::content::video::{Source, Video};
use crate::content::{Asset, Content, PageId};
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// The size of loa's generated title cards.
pub const CARD_SIZE: (u32, u32) = crate::poster::VIDEO_CARD_SIZE;

/// Where loa publishes a page's generated title card: a PNG, and the same
/// as lossless WebP (a tenth of the weight) that pages show first.
pub fn card_files(page_path: &str) -> [String; 2] {
    ["png", "webp"].map(|ext| format!("posters/{page_path}video.{ext}"))
}

/// The files a page's `video:` names, found among the content's files.
pub struct Files<'a> {
    pub video: &'a Video,
    /// The clip, for a local one that exists.
    pub clip: Option<&'a Asset>,
    pub captions: Option<&'a Asset>,
    /// The officer's poster frame; `None` means loa's title card.
    pub poster: Option<&'a Asset>,
    pub problems: Vec<Diagnostic>,
}

/// The files of page `id`'s clip, with what is wrong with them.
pub fn files<'a>(content: &'a Content, config: &Config, id: PageId) -> Option<Files<'a>> {
    let page = &content.pages[id];
    let video = page.front.video.as_ref()?;
    let find = |name: &str| content.assets.get(&key(&page.dir, name)?);
    let mut problems = Vec::new();
    let mut lookup = |key: &str, name: &str, at: &Location| {
        let found = find(name);
        if found.is_none() {
            let msg = Msg::VideoFileMissing { key: key.into(), target: name.into() };
            problems.push(Diagnostic::error(msg, Some(at.clone())));
        }
        found
    };
    let poster = video.poster.as_ref().and_then(|(name, at)| lookup("poster", name, at));
    let mut files = Files { video, clip: None, captions: None, poster, problems: Vec::new() };
    let Source::File(name, at) = &video.source else {
        if let Some((_, at)) = &video.captions {
            problems.push(Diagnostic::warning(Msg::VideoCaptionsIgnored, Some(at.clone())));
        }
        files.problems = problems;
        return Some(files);
    };
    files.clip = lookup("file", name, at);
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
    let expected = format!("{stem}.vtt");
    files.captions = match &video.captions {
        Some((captions, at)) => lookup("captions", captions, at),
        None => find(&expected),
    };
    if video.captions.is_none() && files.captions.is_none() && files.clip.is_some() {
        // Many residents watch with the sound off, on a bus or in a queue.
        let msg = Msg::VideoCaptionsMissing { expected };
        problems.push(Diagnostic::warning(msg, Some(video.at.clone())));
    }
    if let Some(clip) = files.clip
        && let Ok(meta) = std::fs::metadata(clip.root.join(&clip.on_disk))
        && meta.len() > config.video.max_mb.saturating_mul(MB)
    {
        let size_mb = format!("{:.1}", meta.len() as f64 / MB as f64);
        let msg = Msg::VideoTooLarge { size_mb, max_mb: config.video.max_mb };
        problems.push(Diagnostic::warning(msg, Some(at.clone())));
    }
    files.problems = problems;
    Some(files)
}

/// A megabyte as Windows Explorer counts it, which is what officers see.
const MB: u64 = 1024 * 1024;

/// The key in `Content::assets` of `name` written on a page in `dir`.
fn key(dir: &str, name: &str) -> Option<String> {
    let joined = if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// What templates see as `page.video`.
#[derive(Serialize, Clone, Debug)]
pub struct VideoView {
    /// `file` (played by the browser) or `embed` (a host's player, loaded on a tap).
    pub kind: &'static str,
    /// Site-absolute URL of the clip file.
    pub src: Option<String>,
    /// `video/mp4` or `video/webm`.
    pub mime: Option<&'static str>,
    /// Site-absolute URL of the WebVTT captions, or null.
    pub captions: Option<String>,
    /// Site-absolute URL of the poster frame: the officer's picture, else
    /// loa's title card (as PNG).
    pub poster: String,
    /// The title card as WebP, shown first where the browser can; null for
    /// the officer's picture.
    pub poster_webp: Option<String>,
    pub poster_width: u32,
    pub poster_height: u32,
    /// Embeds: the player's address, set only on a tap.
    pub player: Option<String>,
    /// Embeds: the clip's own page, the link for browsers without JavaScript.
    pub link: Option<String>,
    /// Embeds: `YouTube` or `Vimeo`.
    pub host: Option<&'static str>,
    /// As written (`3:25`), and as ISO 8601 (`PT3M25S`) for `<time>`.
    pub duration: Option<String>,
    pub duration_iso: Option<String>,
}

/// Page `id`'s clip as its template shows it; `None` without one (or
/// when its file is missing, which is an error reported by the build).
pub fn view(content: &Content, config: &Config, id: PageId) -> Option<VideoView> {
    let files = files(content, config, id)?;
    let video = files.video;
    let url = |asset: &Asset| config.url_path(&asset.output);
    let (poster, poster_webp, (poster_width, poster_height)) = match files.poster {
        Some(asset) => {
            let size = asset.picture.as_ref().map_or(CARD_SIZE, |p| (p.width, p.height));
            // A picture loa could not read is published as it is, not as a JPEG.
            let published = match asset.picture {
                Some(_) => crate::pictures::Picture::link_path(&asset.output),
                None => asset.output.clone(),
            };
            (config.url_path(&published), None, size)
        }
        None => {
            let [png, webp] = card_files(&content.pages[id].path);
            (config.url_path(&png), Some(config.url_path(&webp)), CARD_SIZE)
        }
    };
    let mut view = VideoView {
        kind: "file",
        src: None,
        mime: None,
        captions: files.captions.map(url),
        poster,
        poster_webp,
        poster_width,
        poster_height,
        player: None,
        link: None,
        host: None,
        duration: video.duration.as_ref().map(|d| d.text.clone()),
        duration_iso: video.duration.as_ref().map(|d| iso(d.seconds)),
    };
    match &video.source {
        Source::File(..) => {
            let clip = files.clip?;
            view.mime = Some(if clip.output.ends_with(".webm") { "video/webm" } else { "video/mp4" });
            view.src = Some(url(clip));
        }
        Source::Embed(embed) => {
            view.kind = "embed";
            view.captions = None;
            view.player = Some(embed.player.clone());
            view.link = Some(embed.link.clone());
            view.host = Some(if embed.host == "vimeo" { "Vimeo" } else { "YouTube" });
        }
    }
    Some(view)
}

/// `PT1H2M3S`.
fn iso(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    for (value, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
        if value > 0 {
            out.push_str(&format!("{value}{unit}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_from_the_page_folder() {
        assert_eq!(key("vneid", "clip.mp4").as_deref(), Some("vneid/clip.mp4"));
        assert_eq!(key("vneid", "./video/clip.mp4").as_deref(), Some("vneid/video/clip.mp4"));
        assert_eq!(key("vneid", "../chung/clip.mp4").as_deref(), Some("chung/clip.mp4"));
        assert_eq!(key("", "../clip.mp4"), None);
        assert_eq!(iso(205), "PT3M25S");
        assert_eq!(iso(3723), "PT1H2M3S");
    }
}
