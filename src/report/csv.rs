//! `bao-cao.csv`: one row per month × page × source × placement, for the
//! commune's spreadsheet. It starts with a byte-order mark, without which
//! Excel on Windows shows Vietnamese titles as mojibake; the columns the
//! contract names come first, the page's title last.

use super::figures::Row;

pub const HEADER: &str = "month,page,source,placement,views,visitors,title";

pub fn write(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for row in rows {
        let fields = [
            row.month.as_str(),
            &row.page,
            &row.source,
            &row.placement,
            &row.views.to_string(),
            &row.visitors.to_string(),
            &row.title,
        ];
        let quoted: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

/// RFC 4180 quoting, and a leading `'` for text a spreadsheet would run as
/// a formula (a title starting with `=`; OWASP's list).
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_quoted_for_spreadsheets() {
        let row = Row {
            month: "2026-11".into(),
            page: "/vneid/kich-hoat/".into(),
            source: "poster".into(),
            placement: "cho".into(),
            views: 12,
            visitors: 9,
            title: "Kích hoạt, \"mức 2\"".into(),
        };
        let text = write(&[row]);
        assert!(text.starts_with("\u{feff}month,page,source,placement,views,visitors,title\r\n"));
        assert!(
            text.ends_with("2026-11,/vneid/kich-hoat/,poster,cho,12,9,\"Kích hoạt, \"\"mức 2\"\"\"\r\n"),
            "{text}"
        );
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
