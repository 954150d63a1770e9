//! A guide's clip (`video:` in front matter), read and checked on its own:
//! a file next to the page or the address of a clip on a video host loa
//! can embed without tracking, its captions, its poster frame and its
//! running time. Whether the named files exist is judged once the content
//! is loaded (`render::video`).
//!
//! Hosts: YouTube (played from `youtube-nocookie.com`) and Vimeo (played
//! with `dnt=1`). Nothing is fetched from either before the resident taps
//! the clip; any other host is refused, since loa cannot promise that.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// Hosts a `url:` may name, as the messages list them.
pub const HOSTS: &str = "youtube.com, youtu.be, vimeo.com";

/// `video:` as written.
#[derive(Deserialize)]
pub struct RawVideo {
    file: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    captions: Option<Spanned<String>>,
    poster: Option<Spanned<String>>,
    duration: Option<Spanned<String>>,
}

/// A checked `video:`.
#[derive(Clone, Debug, PartialEq)]
pub struct Video {
    pub source: Source,
    /// A `.vtt` file next to the page, as written.
    pub captions: Option<(String, Location)>,
    /// An image next to the page, as written.
    pub poster: Option<(String, Location)>,
    pub duration: Option<Duration>,
    /// The `video:` line.
    pub at: Location,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A file next to the page, as written, with where.
    File(String, Location),
    Embed(Embed),
}

/// A clip on a video host, as loa plays it.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    /// `youtube` or `vimeo`.
    pub host: &'static str,
    /// The player's address (privacy mode, autoplay: it loads on a tap).
    pub player: String,
    /// The clip's own page, for browsers without JavaScript.
    pub link: String,
}

/// A running time as written (`3:25`, `1:02:03`) and in seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Duration {
    pub text: String,
    pub seconds: u32,
}

/// Line and column of a value in the file (front matter starts on line 2).
type At<'a> = &'a dyn Fn(&serde_saphyr::Location) -> Location;

/// Checks `raw`; `None` when it names no clip that could be shown.
/// `key` is where `video:` is written.
pub fn check(raw: RawVideo, key: Location, at: At<'_>, errors: &mut Vec<Diagnostic>) -> Option<Video> {
    let source = match (raw.file, raw.url) {
        (Some(_), Some(_)) => {
            errors.push(Diagnostic::error(Msg::VideoSourceBoth, Some(key)));
            return None;
        }
        (None, None) => {
            errors.push(Diagnostic::error(Msg::VideoSourceMissing, Some(key)));
            return None;
        }
        (Some(file), None) => file_source(file, at, errors)?,
        (None, Some(url)) => match embed(&url.value) {
            Ok(embed) => Source::Embed(embed),
            Err(msg) => {
                errors.push(Diagnostic::error(msg, Some(at(&url.referenced))));
                return None;
            }
        },
    };
    let captions = named(raw.captions, &["vtt"], "captions", at, errors);
    let poster = named(raw.poster, &["png", "jpg", "jpeg", "webp"], "poster", at, errors);
    let duration = raw.duration.and_then(|d| match parse_duration(&d.value) {
        Some(duration) => Some(duration),
        None => {
            let value = d.value.trim().to_string();
            errors.push(Diagnostic::error(Msg::VideoDurationInvalid { value }, Some(at(&d.referenced))));
            None
        }
    });
    Some(Video { source, captions, poster, duration, at: key })
}

fn file_source(file: Spanned<String>, at: At<'_>, errors: &mut Vec<Diagnostic>) -> Option<Source> {
    let name = file.value.trim();
    if !has_extension(name, &["mp4", "webm"]) {
        let msg =
            Msg::VideoFileType { key: "file".into(), value: name.to_string(), allowed: "mp4, webm".into() };
        errors.push(Diagnostic::error(msg, Some(at(&file.referenced))));
        return None;
    }
    Some(Source::File(name.to_string(), at(&file.referenced)))
}

/// A file key (`captions`, `poster`) whose name has one of `allowed` extensions.
fn named(
    value: Option<Spanned<String>>,
    allowed: &[&str],
    key: &str,
    at: At<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<(String, Location)> {
    let value = value?;
    let name = value.value.trim();
    if has_extension(name, allowed) {
        return Some((name.to_string(), at(&value.referenced)));
    }
    let msg = Msg::VideoFileType { key: key.into(), value: name.to_string(), allowed: allowed.join(", ") };
    errors.push(Diagnostic::error(msg, Some(at(&value.referenced))));
    None
}

fn has_extension(name: &str, allowed: &[&str]) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    !name.contains("://") && allowed.contains(&ext.as_str())
}

/// `3:25`, `1:02:03` or `45` (seconds): minutes and seconds below 60
/// after the first field, at least one second.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let fields: Vec<&str> = text.split(':').collect();
    if fields.len() > 3 {
        return None;
    }
    let mut seconds: u32 = 0;
    for (i, field) in fields.iter().enumerate() {
        if field.is_empty() || field.len() > 5 || !field.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u32 = field.parse().ok()?;
        if i > 0 && (value >= 60 || field.len() != 2) {
            return None;
        }
        seconds = seconds.checked_mul(60)?.checked_add(value)?;
    }
    (seconds > 0).then(|| Duration { text: text.to_string(), seconds })
}

/// The player and link of a clip on an allowed host.
pub fn embed(text: &str) -> Result<Embed, Msg> {
    let refused = |host: String| Msg::VideoHostNotAllowed { host, allowed: HOSTS.into() };
    // Officers often copy the address without its scheme (`www.youtube.com/…`).
    let written = text.trim();
    let with_scheme =
        if written.contains("://") { written.to_string() } else { format!("https://{written}") };
    let url = url::Url::parse(&with_scheme).map_err(|_| refused(written.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refused(text.trim().to_string()));
    }
    let host = url.host_str().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
    let bare = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(&host);
    let segments: Vec<&str> =
        url.path_segments().map(|s| s.filter(|p| !p.is_empty()).collect()).unwrap_or_default();
    let invalid = || Msg::VideoUrlInvalid { url: text.trim().to_string() };
    match bare {
        "youtube.com" | "youtube-nocookie.com" | "youtu.be" => {
            let id = match (bare, segments.as_slice()) {
                ("youtu.be", [id]) => id.to_string(),
                (_, ["watch"]) => {
                    url.query_pairs().find(|(k, _)| k == "v").map(|(_, v)| v.into_owned()).unwrap_or_default()
                }
                (_, ["shorts" | "embed" | "live", id]) => id.to_string(),
                _ => return Err(invalid()),
            };
            let ok =
                id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                return Err(invalid());
            }
            Ok(Embed {
                host: "youtube",
                player: format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0"),
                link: format!("https://www.youtube.com/watch?v={id}"),
            })
        }
        "vimeo.com" | "player.vimeo.com" => {
            let rest = match segments.as_slice() {
                ["video", rest @ ..] if bare == "player.vimeo.com" => rest,
                rest if bare == "vimeo.com" => rest,
                _ => return Err(invalid()),
            };
            let (id, hash) = match rest {
                [id] => (*id, url.query_pairs().find(|(k, _)| k == "h").map(|(_, v)| v.into_owned())),
                [id, hash] => (*id, Some(hash.to_string())),
                _ => return Err(invalid()),
            };
            let hash = hash.filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric()));
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            let h = hash.as_ref().map(|h| format!("&h={h}")).unwrap_or_default();
            let link_hash = hash.as_ref().map(|h| format!("/{h}")).unwrap_or_default();
            Ok(Embed {
                host: "vimeo",
                player: format!("https://player.vimeo.com/video/{id}?dnt=1&autoplay=1{h}"),
                link: format!("https://vimeo.com/{id}{link_hash}"),
            })
        }
        _ => Err(refused(host)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for (text, seconds) in [("3:25", 205), ("1:02:03", 3723), ("45", 45), ("0:05", 5), ("90:00", 5400)] {
            assert_eq!(parse_duration(text).map(|d| d.seconds), Some(seconds), "{text}");
        }
        for bad in
            ["", "3:5", "3:60", "1:2:3", "abc", "3 phút", "0", "0:00", "1:00:00:00", ":30", "-1:00", "3.5"]
        {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn youtube_addresses_play_without_cookies() {
        let player = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0";
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=30",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            // Copied without its scheme, as officers often do.
            "www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtu.be/dQw4w9WgXcQ",
        ] {
            let embed = embed(url).unwrap_or_else(|e| panic!("{url}: {e:?}"));
            assert_eq!(embed.player, player, "{url}");
            assert_eq!(embed.link, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        }
        for bad in [
            "https://www.youtube.com/",
            "https://youtu.be/short",
            "https://www.youtube.com/watch?v=a<b>cdefghij",
        ] {
            assert!(matches!(embed(bad), Err(Msg::VideoUrlInvalid { .. })), "{bad}");
        }
    }

    #[test]
    fn vimeo_is_played_without_tracking_and_other_hosts_are_refused() {
        let e = embed("https://vimeo.com/76979871").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.player, "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
        let e = embed("https://vimeo.com/76979871/abc123").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(e.player, "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123");
        assert!(matches!(embed("https://vimeo.com/channels/staff"), Err(Msg::VideoUrlInvalid { .. })));
        for (url, host) in [
            ("https://www.facebook.com/watch?v=1", "www.facebook.com"),
            ("ftp://youtube.com/x", "ftp://youtube.com/x"),
        ] {
            assert!(
                matches!(embed(url), Err(Msg::VideoHostNotAllowed { host: h, .. }) if h == host),
                "{url}"
            );
        }
    }
}
