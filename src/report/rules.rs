//! Which requests are a person reading a page, the rules the README lists
//! under "What is counted": a `GET` answered `2xx` or `304`, for one of the
//! site's pages (its full or short address; pictures, scripts, PDFs and
//! the search index are not pages), from a browser (not a crawler, link
//! previewer, uptime checker or script), not from loa's own preview.

/// Words in a user agent that only robots use, lower case. Link previews
/// (Facebook, Telegram, WhatsApp…) fetch a page once per share, not per
/// reader. `bot` is matched at a name's end (`names_a_bot`).
const ROBOT_WORDS: &[&str] = &[
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "facebookcatalog",
    "meta-externalagent",
    "preview",
    "whatsapp/",
    "googleother",
    "google-inspectiontool",
    "mediapartners-google",
    "apis-google",
    "headlesschrome",
    "lighthouse",
    "pagespeed",
    "uptime",
    "monitor",
    "python",
    "curl/",
    "wget/",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "httpclient",
    "axios/",
    "node-fetch",
    "scrapy",
    "feedfetcher",
    "ia_archiver",
    "zgrab",
    "masscan",
    "nmap",
];

/// The answers that showed the page: `304` is a reader whose browser kept
/// it from an earlier visit.
pub fn is_shown(status: u16) -> bool {
    (200..300).contains(&status) || status == 304
}

pub fn is_read(method: &[u8]) -> bool {
    method == b"GET"
}

/// A robot: its agent says so, or it sends none (every browser does).
pub fn is_robot(user_agent: Option<&[u8]>) -> bool {
    let Some(agent) = user_agent else {
        // The common log format has no agent field at all: nothing to judge.
        return false;
    };
    if agent.is_empty() || agent == b"-" {
        return true;
    }
    let lower = agent.to_ascii_lowercase();
    ROBOT_WORDS.iter().any(|word| memchr::memmem::find(&lower, word.as_bytes()).is_some())
        || names_a_bot(&lower)
}

/// `Googlebot/2.1`, `coccocbot-web`, `(like TwitterBot)`, `bot.html`: a
/// name ending in `bot`, but not a phone called `CUBOT X30`.
fn names_a_bot(lower: &[u8]) -> bool {
    memchr::memmem::find_iter(lower, b"bot")
        .any(|at| matches!(lower.get(at + 3), None | Some(b'/' | b';' | b'-' | b'_' | b')' | b'.' | b',')))
}

/// loa's own preview: pages opened from `loa serve` on this computer, or
/// fetched by loa itself.
pub fn is_preview(referer: Option<&[u8]>, user_agent: Option<&[u8]>) -> bool {
    let local = |r: &[u8]| {
        ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|p| r.starts_with(p.as_bytes()))
    };
    referer.is_some_and(local) || user_agent.is_some_and(|ua| ua.starts_with(b"loa/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_and_people() {
        let robots = [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
            "curl/8.5.0",
            "python-requests/2.31",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
            "Mozilla/5.0 (compatible; TelegramBot (like TwitterBot))",
            "WhatsApp/2.23.20.0",
            "Mozilla/5.0 (compatible; GoogleOther)",
            "-",
            "",
        ];
        for agent in robots {
            assert!(is_robot(Some(agent.as_bytes())), "{agent}");
        }
        let people = [
            "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Zalo iOS/471 ZaloTheme/light",
            "Mozilla/5.0 (Linux; Android 13) [FBAN/EMA;FBLC/vi_VN;FBAV/380.0]",
            "Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
        ];
        for agent in people {
            assert!(!is_robot(Some(agent.as_bytes())), "{agent}");
        }
        assert!(!is_robot(None), "the common format has no agent to judge");
    }

    #[test]
    fn what_is_shown_and_read() {
        assert!(is_shown(200) && is_shown(206) && is_shown(304));
        assert!(!is_shown(301) && !is_shown(404) && !is_shown(500));
        assert!(is_read(b"GET") && !is_read(b"HEAD") && !is_read(b"POST"));
    }

    #[test]
    fn the_preview() {
        assert!(is_preview(Some(b"http://127.0.0.1:1111/vneid/"), None));
        assert!(is_preview(None, Some(b"loa/0.1")));
        assert!(!is_preview(Some(b"https://zalo.me/"), Some(b"Mozilla/5.0")));
    }
}
