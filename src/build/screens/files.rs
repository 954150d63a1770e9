//! Where the waiting-room screen's files are published: the one place that
//! spells their names. Paths are below the output folder.

/// Everything the screen stage writes lives in this output folder.
pub const DIR: &str = "man-hinh/";
/// The full-screen page a TV's browser opens.
pub const PAGE: &str = "man-hinh/index.html";
/// The slides as pictures, for screens that only play a USB stick.
pub const SLIDES: &str = "man-hinh/slides/";
/// The slides in play order, for players that read M3U playlists.
pub const PLAYLIST: &str = "man-hinh/slides/playlist.m3u";
/// The same order as plain text, for the officer copying the stick.
pub const LIST: &str = "man-hinh/slides/danh-sach.txt";

/// Slide `number` (from 1) of `count`: `man-hinh/slides/01-kich-hoat.png`.
/// Numbers have at least two digits, more when there are 100 slides or
/// more, so that name order is play order.
pub fn slide(number: usize, count: usize, slug: &str) -> String {
    let width = count.to_string().len().max(2);
    format!("{SLIDES}{number:0width$}-{slug}.png")
}

/// The name of a slide file inside `SLIDES`.
pub fn in_folder(file: &str) -> &str {
    file.strip_prefix(SLIDES).unwrap_or(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_as_they_play() {
        assert_eq!(slide(1, 34, "kich-hoat"), "man-hinh/slides/01-kich-hoat.png");
        assert_eq!(slide(7, 120, "a"), "man-hinh/slides/007-a.png");
        assert_eq!(in_folder(&slide(12, 34, "b")), "12-b.png");
    }
}
