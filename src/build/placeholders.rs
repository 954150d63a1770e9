//! What still looks like the sample: text in the `[… mẫu …]` or
//! `[CẦN SỬA …]` form (in `site.yaml` values and in pages), pages `loa init`
//! wrote that nobody has edited, a `base_url` on a reserved or example host,
//! a unit that does not say what it is. Each is a located warning; while
//! there is any, every poster, sheet and sticker carries the sample band,
//! so nothing sample-looking can reach a printer unbanded.

use std::ops::Range;
use std::path::Path;

use crate::config::{Config, FILE_NAME};
use crate::content::Content;
use crate::diagnostics::{Location, Report};
use crate::messages::{Msg, PLACEHOLDER_WORDS};

/// Reports every placeholder of the site; returns how many there are.
/// `host` is where the site is published (not a preview's local address).
pub fn find(config: &Config, host: &str, config_text: &str, content: &Content, report: &Report) -> usize {
    let mut found = Vec::new();
    let site_yaml = Path::new(FILE_NAME);
    for (line_start, line) in lines(config_text) {
        // Comments explain; only values can be sample text.
        let value = line.split(" #").next().unwrap_or_default();
        if line.trim_start().starts_with('#') {
            continue;
        }
        for range in in_text(value) {
            let at =
                Location::in_text(site_yaml, config_text, line_start + range.start..line_start + range.end);
            found.push((Msg::Placeholder { text: value[range].to_string() }, at));
        }
    }
    if is_sample_host(host) {
        found.push((Msg::PlaceholderHost { host: host.to_string() }, host_location(config_text, host)));
    }
    if !config.unit.is_declared() {
        found.push((Msg::UnitUndeclared, key_location(site_yaml, config_text, "unit")));
    }
    for page in content.pages.iter().filter(|p| !p.source.is_empty()) {
        if crate::scaffold::is_unedited_page(&page.content_path, &page.source) {
            found.push((Msg::PlaceholderPage, Location::file(&page.file)));
            continue;
        }
        // HTML comments are notes for editors, never published.
        for range in in_text(&without_comments(&page.source)) {
            let at = Location::in_text(&page.file, &page.source, range.clone());
            found.push((Msg::Placeholder { text: page.source[range].to_string() }, at));
        }
    }
    let count = found.len();
    for (msg, at) in found {
        report.warning(msg, Some(at));
    }
    count
}

/// `text` with every `<!-- … -->` blanked out (same length, same lines).
fn without_comments(text: &str) -> String {
    let mut out = text.to_string();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("<!--").map(|i| rest + i) {
        let close = text[open..].find("-->").map_or(text.len(), |i| open + i + 3);
        // Letters become single spaces, so pad to the same byte length.
        let blank: String = text[open..close].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
        out.replace_range(open..close, &format!("{blank:<width$}", width = close - open));
        rest = close;
    }
    out
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |start, line| {
        let at = *start;
        *start += line.len();
        Some((at, line.trim_end_matches('\n')))
    })
}

/// The host in `base_url:`'s line, or the line itself.
fn host_location(text: &str, host: &str) -> Location {
    let key = key_location(Path::new(FILE_NAME), text, "base_url");
    let line_start: usize = text.split_inclusive('\n').take(key.line.saturating_sub(1)).map(str::len).sum();
    let line = text[line_start..].lines().next().unwrap_or_default();
    match line.to_ascii_lowercase().find(host) {
        Some(at) => {
            Location::in_text(Path::new(FILE_NAME), text, line_start + at..line_start + at + host.len())
        }
        None => key,
    }
}

fn key_location(file: &Path, text: &str, key: &str) -> Location {
    crate::content::front_matter::key_line(file, text, key)
}

/// Byte ranges of `[… mẫu …]` and `[CẦN SỬA …]` in `text`: brackets on one
/// line holding the word "mẫu" or "cần sửa", that are not a Markdown link
/// (`[mẫu đơn](mau.pdf)`).
pub fn in_text(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('[').map(|i| rest + i) {
        let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
        let Some(close) = text[open + 1..line_end].find(']').map(|i| open + 1 + i) else {
            rest = open + 1;
            continue;
        };
        let inner = text[open + 1..close].to_lowercase();
        let is_link = matches!(text[close + 1..].chars().next(), Some('(' | '[' | ':'));
        let words: Vec<&str> = inner.split(|c: char| !c.is_alphanumeric()).collect();
        let [word, phrase] = PLACEHOLDER_WORDS;
        let marked = words.contains(&word) || inner.contains(phrase);
        if marked && !is_link {
            found.push(open..close + 1);
        }
        rest = close + 1;
    }
    found
}

/// Hosts that are never a real site's: example domains, reserved
/// top-level names, `localhost`, addresses.
pub fn is_sample_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let example = ["example.org", "example.com", "example.net"]
        .iter()
        .any(|e| host == *e || host.ends_with(&format!(".{e}")));
    let reserved = ["example", "invalid", "test", "localhost"]
        .iter()
        .any(|tld| host == *tld || host.ends_with(&format!(".{tld}")));
    let address = host.parse::<std::net::IpAddr>().is_ok()
        || host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::Ipv6Addr>().is_ok();
    example || reserved || address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_text_is_found_but_links_and_words_are_not() {
        let text = "Gọi [Số điện thoại mẫu — CẦN SỬA] hoặc [cần sửa: giờ].\n\
                    Tải [mẫu đơn CT01](mau-ct01.pdf), xem [^1], [lịch mẫu].\nPhường Mẫu [ghi chú]\n";
        let found: Vec<&str> = in_text(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["[Số điện thoại mẫu — CẦN SỬA]", "[cần sửa: giờ]", "[lịch mẫu]"]);
    }

    #[test]
    fn comments_are_not_sample_text() {
        let text = "A <!-- xóa chữ [CẦN SỬA] --> B [mẫu]\n<!--\n[cần sửa]\n-->";
        let blanked = without_comments(text);
        assert_eq!((blanked.len(), blanked.lines().count()), (text.len(), text.lines().count()));
        let found: Vec<&str> = in_text(&blanked).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["[mẫu]"]);
    }

    #[test]
    fn example_and_reserved_hosts() {
        for host in [
            "example.org",
            "www.example.com",
            "x.example",
            "site.test",
            "a.invalid",
            "localhost",
            "127.0.0.1",
            "[::1]",
            "EXAMPLE.NET.",
        ] {
            assert!(is_sample_host(host), "{host}");
        }
        for host in ["binhson.quangngai.gov.vn", "example.org.vn", "myexample.org", "testing.vn"] {
            assert!(!is_sample_host(host), "{host}");
        }
    }
}
