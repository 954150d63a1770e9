//! One request as an access log line tells it, whatever the format: the
//! fields the report needs, borrowed from the line. Lines starting with `{`
//! are Caddy's JSON; the rest are nginx/Apache "combined" (or "common").

use super::{caddy, combined};

/// One request, borrowed from its log line.
#[derive(Debug, PartialEq)]
pub struct Hit<'a> {
    /// Unix time.
    pub unix: i64,
    pub method: &'a [u8],
    /// The path and query as requested: `/phuong-mau/kichhoat/?src=poster`.
    pub target: &'a [u8],
    pub status: u16,
    /// Who asked: an IP address. Only ever hashed, never kept.
    pub client: &'a [u8],
    /// `None` when the format has no such field (the common log format).
    pub user_agent: Option<&'a [u8]>,
    pub referer: Option<&'a [u8]>,
    /// The site asked for, when the log says (Caddy).
    pub host: Option<&'a [u8]>,
}

/// Why a line was skipped: the report says how many and where, never the
/// line itself (it holds a resident's address).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Neither JSON nor the combined format.
    Shape,
    Time,
    Request,
    Status,
    /// JSON, but not a Caddy access entry.
    Json,
}

impl Malformed {
    /// A name for messages and the report's template.
    pub fn code(self) -> &'static str {
        match self {
            Malformed::Shape => "shape",
            Malformed::Time => "time",
            Malformed::Request => "request",
            Malformed::Status => "status",
            Malformed::Json => "json",
        }
    }
}

/// Reads one line (without its line break) and hands its request to `use_hit`.
pub fn read(line: &[u8], use_hit: impl FnOnce(&Hit)) -> Result<(), Malformed> {
    match line.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => caddy::read(line, use_hit),
        Some(_) => combined::parse(line).map(|hit| use_hit(&hit)),
        None => Err(Malformed::Shape),
    }
}

/// A blank line or one with nothing but spaces: skipped, not counted.
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}
