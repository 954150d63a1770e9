//! Times in access logs, read without a date library (this runs for every
//! line) into the day and the month they fall on in Vietnam. Vietnam keeps
//! UTC+7 all year, so a fixed offset is exact; a server logging in UTC or
//! in another zone is still counted in the commune's own days.

use std::fmt;

/// Seconds east of UTC of Vietnam's time (ICT), which has no daylight saving.
const VIETNAM_OFFSET: i64 = 7 * 3600;
const DAY: i64 = 86_400;

/// A day in Vietnam, counted from 1970-01-01.
pub type Day = i64;

/// The Vietnam day of a Unix time.
pub fn day_of(unix: i64) -> Day {
    (unix + VIETNAM_OFFSET).div_euclid(DAY)
}

/// A calendar month, as reports count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    pub fn of_day(day: Day) -> Month {
        let (year, month, _) = civil_from_days(day);
        Month { year, month }
    }

    pub fn first_day(self) -> Day {
        days_from_civil(self.year, self.month, 1)
    }

    /// `2026-11`, as `--since` and `--until` take it.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u8>().ok()?);
        ((1970..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// `11/2026`, as Vietnamese write a month.
    pub fn label(self) -> String {
        format!("{:02}/{}", self.month, self.year)
    }
}

/// `2026-11`, the CSV's form: sorts as text.
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// The common log format's time, `10/Oct/2026:13:55:36 +0700`, as Unix time.
pub fn parse_clf(text: &[u8]) -> Option<i64> {
    if text.len() < 26 || text[2] != b'/' || text[6] != b'/' || text[11] != b':' || text[20] != b' ' {
        return None;
    }
    let month = month_number(&text[3..6])?;
    let (day, year) = (digits(&text[0..2])?, digits(&text[7..11])?);
    let seconds = clock(&text[12..20])?;
    let offset = utc_offset(&text[21..26])?;
    Some(unix(year as i32, month, day, seconds)? - offset)
}

/// RFC 3339 as Caddy writes it with `time_format iso8601` or `rfc3339`:
/// `2026-11-03T10:15:30.123+07:00`, `…Z`, or with no zone (taken as UTC).
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let (year, month, day) = (digits(&b[0..4])?, digits(&b[5..7])?, digits(&b[8..10])?);
    let seconds = clock(&b[11..19])?;
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let end = rest[1..].iter().position(|c| !c.is_ascii_digit()).map_or(rest.len(), |i| i + 1);
        rest = &rest[end..];
    }
    let offset = match rest {
        [] | [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => utc_offset(&[*sign, *h1, *h2, *m1, *m2])?,
        [b'+' | b'-', ..] if rest.len() == 5 => utc_offset(rest)?,
        _ => return None,
    };
    Some(unix(year as i32, month as u8, day, seconds)? - offset)
}

fn month_number(name: &[u8]) -> Option<u8> {
    const NAMES: [&[u8]; 12] =
        [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];
    NAMES.iter().position(|n| n.eq_ignore_ascii_case(name)).map(|i| i as u8 + 1)
}

fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// `13:55:36` as seconds since midnight (a leap second reads as :59).
fn clock(text: &[u8]) -> Option<i64> {
    if text[2] != b':' || text[5] != b':' {
        return None;
    }
    let (h, m, s) = (digits(&text[0..2])?, digits(&text[3..5])?, digits(&text[6..8])?);
    (h < 24 && m < 60 && s <= 60).then(|| i64::from(h * 3600 + m * 60 + s.min(59)))
}

/// `+0700` as seconds east of UTC.
fn utc_offset(text: &[u8]) -> Option<i64> {
    let (h, m) = (digits(&text[1..3])?, digits(&text[3..5])?);
    let seconds = i64::from(h * 3600 + m * 60);
    match text[0] {
        b'+' => Some(seconds),
        b'-' => Some(-seconds),
        _ => None,
    }
}

fn unix(year: i32, month: u8, day: u32, seconds: i64) -> Option<i64> {
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then(|| days_from_civil(year, month, day) * DAY + seconds)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// well-known algorithm).
fn days_from_civil(year: i32, month: u8, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(month <= 2)) as i32, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_times_are_read_in_vietnam_time() {
        // 2026-11-30 23:30 in Vietnam is still November; 17:00 UTC is 00:00 in Vietnam.
        let cases = [
            ("30/Nov/2026:23:30:00 +0700", "2026-11"),
            ("30/Nov/2026:16:59:59 +0000", "2026-11"),
            ("30/Nov/2026:17:00:00 +0000", "2026-12"),
            ("31/Dec/2026:12:00:00 -0500", "2027-01"),
            ("29/Feb/2028:08:00:00 +0700", "2028-02"),
        ];
        for (text, want) in cases {
            let unix = parse_clf(text.as_bytes()).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(Month::of_day(day_of(unix)).to_string(), want, "{text}");
        }
        assert_eq!(parse_clf(b"01/Jan/1970:07:00:00 +0700"), Some(0));
    }

    #[test]
    fn impossible_times_are_refused() {
        for bad in [
            "29/Feb/2026:08:00:00 +0700",
            "10/Foo/2026:08:00:00 +0700",
            "10/Oct/2026:25:00:00 +0700",
            "10/Oct/2026",
        ] {
            assert_eq!(parse_clf(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn rfc3339_forms() {
        let want = parse_clf(b"03/Nov/2026:10:15:30 +0700");
        for text in [
            "2026-11-03T10:15:30+07:00",
            "2026-11-03T03:15:30Z",
            "2026-11-03T10:15:30.123456+0700",
            "2026-11-03T03:15:30",
        ] {
            assert_eq!(parse_rfc3339(text), want, "{text}");
        }
        assert_eq!(parse_rfc3339("2026-11-03"), None);
    }

    #[test]
    fn days_round_trip() {
        for days in [-1, 0, 59, 365, 10_957, 20_424, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, u32::from(d)), days);
        }
    }

    #[test]
    fn months_parse_and_print() {
        let month = Month::parse("2026-11").expect("month");
        assert_eq!((month.to_string(), month.label()), ("2026-11".into(), "11/2026".into()));
        for bad in ["2026-13", "2026", "11/2026", "2026-0"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
