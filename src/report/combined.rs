//! nginx's and Apache's "combined" access log format, and the "common" one
//! it extends:
//! `203.0.113.9 - - [03/Nov/2026:10:15:30 +0700] "GET /kichhoat/?src=poster HTTP/2.0" 200 5120 "-" "Mozilla/5.0 …"`.
//! Fields after the user agent (nginx setups often add some) are ignored.
//! Hand-written rather than a regular expression: it runs on every line of
//! logs of hundreds of megabytes.

use memchr::memchr;

use super::line::{Hit, Malformed};
use super::time;

pub fn parse(line: &[u8]) -> Result<Hit<'_>, Malformed> {
    let line = line.trim_ascii();
    let client_end = memchr(b' ', line).ok_or(Malformed::Shape)?;
    let open = memchr(b'[', line).ok_or(Malformed::Shape)?;
    let close = open + memchr(b']', &line[open..]).ok_or(Malformed::Time)?;
    let unix = time::parse_clf(&line[open + 1..close]).ok_or(Malformed::Time)?;
    let rest = line[close + 1..].strip_prefix(b" \"").ok_or(Malformed::Request)?;
    let (request, rest) = quoted(rest).ok_or(Malformed::Request)?;
    // A scanner's junk (`"-"`, a TLS handshake) is still a request the
    // server answered: no method, so not a view, and not a broken line.
    let (method, target) = request_parts(request).unwrap_or((b"", request));
    let rest = rest.strip_prefix(b" ").ok_or(Malformed::Status)?;
    let status_end = memchr(b' ', rest).unwrap_or(rest.len());
    let status = status_code(&rest[..status_end]).ok_or(Malformed::Status)?;
    // The size, then, in "combined", the referer and the user agent.
    let rest = &rest[status_end..];
    let after_size = rest.get(1..).and_then(|r| memchr(b' ', r).map(|i| &r[i..]));
    let (referer, user_agent) = match after_size.and_then(|r| r.strip_prefix(b" \"")) {
        Some(r) => {
            let (referer, r) = quoted(r).ok_or(Malformed::Shape)?;
            let user_agent = r.strip_prefix(b" \"").and_then(quoted).map(|(ua, _)| ua);
            (Some(referer), Some(user_agent.ok_or(Malformed::Shape)?))
        }
        None => (None, None),
    };
    Ok(Hit { unix, method, target, status, client: &line[..client_end], user_agent, referer, host: None })
}

/// The text up to the closing quote (a quote escaped with `\` does not
/// close), and what follows it.
fn quoted(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 0;
    loop {
        let at = from + memchr(b'"', &text[from..])?;
        let backslashes = text[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 0 {
            return Some((&text[..at], &text[at + 1..]));
        }
        from = at + 1;
    }
}

/// `GET /path?q HTTP/1.1` → (`GET`, `/path?q`). A request line without a
/// protocol (HTTP/0.9) is accepted; a probe's junk is `None`.
fn request_parts(request: &[u8]) -> Option<(&[u8], &[u8])> {
    let space = memchr(b' ', request)?;
    let (method, rest) = (&request[..space], &request[space + 1..]);
    let target = match rest.iter().rposition(|&b| b == b' ') {
        Some(i) if rest[i + 1..].starts_with(b"HTTP/") => &rest[..i],
        _ => rest,
    };
    let ok = !method.is_empty() && method.iter().all(u8::is_ascii_uppercase) && !target.is_empty();
    ok.then_some((method, target))
}

fn status_code(text: &[u8]) -> Option<u16> {
    match text {
        [a, b, c] if text.iter().all(u8::is_ascii_digit) => {
            Some(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &[u8] = br#"203.0.113.9 - - [03/Nov/2026:10:15:30 +0700] "GET /phuong-mau/kichhoat/?src=poster HTTP/2.0" 200 5120 "-" "Mozilla/5.0 (Linux; Android 10) Chrome/120""#;

    #[test]
    fn a_combined_line() {
        let hit = parse(LINE).expect("parses");
        assert_eq!(hit.client, b"203.0.113.9");
        assert_eq!((hit.method, hit.target), (&b"GET"[..], &b"/phuong-mau/kichhoat/?src=poster"[..]));
        assert_eq!(hit.status, 200);
        assert_eq!(hit.referer, Some(&b"-"[..]));
        assert_eq!(hit.user_agent, Some(&b"Mozilla/5.0 (Linux; Android 10) Chrome/120"[..]));
        assert_eq!(hit.unix, time::parse_clf(b"03/Nov/2026:10:15:30 +0700").expect("time"));
    }

    #[test]
    fn variants_that_servers_write() {
        // Common format (no referer, no agent); nginx extra fields; an
        // escaped quote inside the agent; an IPv6 client; a user name.
        let common =
            parse(br#"::1 - - [03/Nov/2026:10:15:30 +0700] "GET / HTTP/1.1" 304 -"#).expect("common");
        assert_eq!((common.status, common.user_agent, common.client), (304, None, &b"::1"[..]));
        let extra = parse(
            br#"10.0.0.1 - - [03/Nov/2026:10:15:30 +0700] "GET /a/ HTTP/1.1" 200 1 "https://zalo.me/" "Zalo \"x\" 1" "1.2.3.4" rt=0.002"#,
        )
        .expect("extra fields");
        assert_eq!(extra.user_agent, Some(&br#"Zalo \"x\" 1"#[..]));
        assert_eq!(extra.referer, Some(&b"https://zalo.me/"[..]));
        for junk in [&b"\"-\""[..], b"\"\"", b"\"\x16\x03\x01\""] {
            let mut line = b"10.0.0.1 - - [03/Nov/2026:10:15:30 +0700] ".to_vec();
            line.extend_from_slice(junk);
            line.extend_from_slice(b" 400 0 \"-\" \"-\"");
            let hit = parse(&line).expect("a junk request is still a line");
            assert_eq!((hit.method, hit.status), (&b""[..], 400));
        }
        let user =
            parse(br#"10.0.0.1 - frank [03/Nov/2026:10:15:30 +0700] "GET /a/ HTTP/1.1" 404 0 "-" "-""#)
                .expect("user name");
        assert_eq!(user.status, 404);
    }

    #[test]
    fn broken_lines_say_what_is_wrong() {
        let cases: [(&[u8], Malformed); 6] = [
            (b"hello", Malformed::Shape),
            (br#"1.2.3.4 - - "GET / HTTP/1.1" 200 1 "-" "-""#, Malformed::Shape),
            (br#"1.2.3.4 - - [03/Nov/2026:10:15] "GET / HTTP/1.1" 200 1 "-" "-""#, Malformed::Time),
            (
                br#"1.2.3.4 - - [03/Nov/2026:10:15:30 +0700] "GET / HTTP/1.1" 2x0 1 "-" "-""#,
                Malformed::Status,
            ),
            (br#"1.2.3.4 - - [03/Nov/2026:10:15:30 +0700] "GET / HTTP/1.1"#, Malformed::Request),
            (
                br#"1.2.3.4 - - [03/Nov/2026:10:15:30 +0700] "GET / HTTP/1.1" 200 1 "-" "Mozil"#,
                Malformed::Shape,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line).map(|_| ()), Err(want), "{}", String::from_utf8_lossy(line));
        }
    }
}
