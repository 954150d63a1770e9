//! Caddy's JSON access log: one object per line, the request under
//! `request` (`client_ip`, else `remote_ip`, else the older `remote_addr`;
//! `method`, `host`, `uri`, `headers`), then `status` and `ts` (Unix seconds
//! by default, or RFC 3339 text when the log sets `time_format`).
//! Everything else in the entry is skipped unread.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::line::{Hit, Malformed};
use super::time;

#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow, default)]
    logger: Option<Cow<'a, str>>,
    #[serde(borrow)]
    request: Option<Request<'a>>,
    status: Option<u16>,
    ts: Option<Timestamp>,
}

#[derive(Deserialize)]
struct Request<'a> {
    #[serde(borrow, default)]
    client_ip: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    remote_ip: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    remote_addr: Option<Cow<'a, str>>,
    #[serde(borrow)]
    method: Cow<'a, str>,
    #[serde(borrow, default)]
    host: Option<Cow<'a, str>>,
    #[serde(borrow)]
    uri: Cow<'a, str>,
    /// Missing when the site's log filter deletes headers for privacy.
    #[serde(borrow, default)]
    headers: Option<Headers<'a>>,
}

#[derive(Deserialize, Default)]
struct Headers<'a> {
    #[serde(rename = "User-Agent", borrow, default)]
    user_agent: Vec<Cow<'a, str>>,
    #[serde(rename = "Referer", borrow, default)]
    referer: Vec<Cow<'a, str>>,
}

/// `ts`: a number of seconds, or text. Seconds outside years 1970–9999
/// are no time a server logged.
struct Timestamp(Option<i64>);

const LATEST: f64 = 253_402_300_799.0;

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Seconds;
        impl Visitor<'_> for Seconds {
            type Value = Timestamp;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("seconds or an RFC 3339 time")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Timestamp, E> {
                Ok(Timestamp((0.0..=LATEST).contains(&v).then_some(v.floor() as i64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Timestamp, E> {
                self.visit_f64(v as f64)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Timestamp, E> {
                self.visit_f64(v as f64)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Ok(Timestamp(time::parse_rfc3339(v)))
            }
        }
        deserializer.deserialize_any(Seconds)
    }
}

pub fn read(line: &[u8], use_hit: impl FnOnce(&Hit)) -> Result<(), Malformed> {
    let entry: Entry = serde_json::from_slice(line).map_err(|_| Malformed::Json)?;
    // Error and proxy entries carry the request too: only access entries
    // are views. (Older or filtered logs may name no logger.)
    if entry.logger.as_deref().is_some_and(|l| !l.starts_with("http.log.access")) {
        return Ok(());
    }
    let request = entry.request.ok_or(Malformed::Json)?;
    let unix = entry.ts.ok_or(Malformed::Time)?.0.ok_or(Malformed::Time)?;
    let status = entry.status.ok_or(Malformed::Status)?;
    let client = match (&request.client_ip, &request.remote_ip, &request.remote_addr) {
        (Some(ip), _, _) | (None, Some(ip), _) => ip.as_bytes(),
        // `203.0.113.9:51234`, `[2001:db8::1]:443`: the port is not the person.
        (None, None, Some(addr)) => addr.rsplit_once(':').map_or(addr.as_ref(), |(ip, _)| ip).as_bytes(),
        (None, None, None) => b"",
    };
    use_hit(&Hit {
        unix,
        method: request.method.as_bytes(),
        target: request.uri.as_bytes(),
        status,
        client,
        // No headers logged: nothing to judge, as in the common log format.
        user_agent: request
            .headers
            .as_ref()
            .map(|h| h.user_agent.first().map_or(&b""[..], |ua| ua.as_bytes())),
        referer: request.headers.as_ref().and_then(|h| h.referer.first()).map(|r| r.as_bytes()),
        host: request.host.as_deref().map(str::as_bytes),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Time, target, status, client, agent, host.
    type Seen = (i64, String, u16, String, String, Option<String>);

    fn hit_of(line: &str) -> Result<Seen, Malformed> {
        let mut got = None;
        read(line.as_bytes(), |hit| {
            let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            got = Some((
                hit.unix,
                text(hit.target),
                hit.status,
                text(hit.client),
                text(hit.user_agent.unwrap_or_default()),
                hit.host.map(text),
            ));
        })?;
        Ok(got.expect("called"))
    }

    #[test]
    fn a_caddy_entry() {
        let line = r#"{"level":"info","ts":1793675730.5,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.0.0.2","remote_port":"5555","client_ip":"203.0.113.9","proto":"HTTP/2.0","method":"GET","host":"example.org","uri":"/kichhoat/?src=poster\u0026noi=cho","headers":{"Accept":["*/*"],"User-Agent":["Mozilla/5.0 \"quoted\""]}},"bytes_read":0,"duration":0.001,"size":5120,"status":200,"resp_headers":{"Content-Type":["text/html"]}}"#;
        let (unix, uri, status, client, ua, host) = hit_of(line).expect("reads");
        assert_eq!(unix, 1_793_675_730);
        assert_eq!(uri, "/kichhoat/?src=poster&noi=cho");
        assert_eq!((status, client.as_str(), ua.as_str()), (200, "203.0.113.9", "Mozilla/5.0 \"quoted\""));
        assert_eq!(host.as_deref(), Some("example.org"));
    }

    #[test]
    fn text_times_and_old_address_fields() {
        let line = r#"{"ts":"2026-11-03T10:15:30+07:00","request":{"remote_addr":"[2001:db8::1]:443","method":"GET","uri":"/"},"status":304}"#;
        let (unix, _, status, client, ua, _) = hit_of(line).expect("reads");
        assert_eq!(Some(unix), time::parse_clf(b"03/Nov/2026:10:15:30 +0700"));
        assert_eq!((status, client.as_str(), ua.as_str()), (304, "[2001:db8::1]", ""));
    }

    #[test]
    fn entries_without_headers_or_from_other_loggers() {
        let filtered = r#"{"logger":"http.log.access.log0","ts":1,"request":{"client_ip":"1.2.3.4","method":"GET","uri":"/"},"status":200}"#;
        let mut agent = None;
        read(filtered.as_bytes(), |hit| agent = Some(hit.user_agent.map(<[u8]>::to_vec))).expect("reads");
        assert_eq!(agent, Some(None), "no headers: no agent to judge");
        let error = r#"{"logger":"http.log.error","ts":1,"request":{"method":"GET","uri":"/"},"status":502}"#;
        read(error.as_bytes(), |_| panic!("an error entry is not a view")).expect("skipped quietly");
    }

    #[test]
    fn entries_that_are_not_requests() {
        let cases = [
            (r#"{"level":"info","ts":1793675730.5,"msg":"server running"}"#, Malformed::Json),
            (r#"{"ts":"yesterday","request":{"method":"GET","uri":"/"},"status":200}"#, Malformed::Time),
            (r#"{"ts":1,"request":{"method":"GET","uri":"/"}}"#, Malformed::Status),
            (r#"{"ts":1,"request":{"method":"GET","uri":"/"},"status":200"#, Malformed::Json),
        ];
        for (line, want) in cases {
            assert_eq!(hit_of(line).map(|_| ()), Err(want), "{line}");
        }
    }
}
