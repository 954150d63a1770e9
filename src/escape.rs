//! Escaping text for where it is written: HTML and XML text and
//! attributes (Tera's escaping for the site's templates too), and JSON
//! inside a `<script>` block.

/// Escapes text for HTML and XML attributes and content, dropping the
/// characters XML 1.0 forbids (control characters such as U+0001): one of
/// them in a title would make the Atom feed or sitemap unreadable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden_in_xml(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Tera's escaping for the site's templates: `escape`.
pub fn escape_for_tera(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(text).as_bytes())
}

/// Characters no XML document may contain, even escaped.
pub fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// JSON for a `<script>` data block: `<`, `>` and `&` as `\u003c`, `\u003e`,
/// `\u0026`, so no text (`</script>`, `<!--<script>`) can end the block
/// early or swallow the rest of the page; the JSON means the same.
pub fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_always_well_formed_xml() {
        assert_eq!(escape("a\u{1}b\u{0}<c>&\"'\t\n"), "ab&lt;c&gt;&amp;&quot;&#39;\t\n");
    }

    #[test]
    fn json_in_script_cannot_end_the_script() {
        let json = serde_json::json!({"name": "<!--<script></script>&"}).to_string();
        let safe = json_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "<!--<script></script>&");
    }
}
