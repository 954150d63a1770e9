//! YAML syntax errors as an officer can act on them. The parser says what
//! confused it ("mapping values are not allowed in this context") and where
//! it noticed, which is often a line or two after the mistake; here the
//! common mistakes are recognised from that and the text itself, and
//! pointed at where they were made: a Tab, a colon inside a value, a quote
//! never closed, an indent that does not line up, a list given for a text.

use crate::messages::Msg;

/// A syntax error explained: what went wrong and where, as (line, column)
/// of the YAML block (1-based), when the parser's own position is not the
/// best place to look.
pub struct Explained {
    pub msg: Msg,
    pub at: Option<(usize, usize)>,
}

/// `parser` is the parser's message (without position); `at` its position
/// in `yaml` (line and column, 1-based).
pub fn explain(parser: &str, yaml: &str, at: Option<(usize, usize)>) -> Explained {
    let lines: Vec<&str> = yaml.lines().collect();
    let line_text = |line: usize| lines.get(line.wrapping_sub(1)).copied().unwrap_or_default();
    let reported = at.map_or(0, |(line, _)| line);
    let text = parser.to_ascii_lowercase();
    let unexplained = || Explained { msg: Msg::YamlSyntax { detail: parser.to_string() }, at: None };

    if text.contains("tab") {
        let line = (1..=lines.len())
            .find(|&l| line_text(l).trim_start_matches(' ').starts_with('\t'))
            .or(at.map(|a| a.0));
        let column = line.map_or(1, |l| line_text(l).find('\t').map_or(1, |c| c + 1));
        return Explained { msg: Msg::YamlTab, at: line.map(|l| (l, column)) };
    }
    if text.contains("unclosed quote")
        || text.contains("after double-quoted")
        || text.contains("after single-quoted")
    {
        return match unclosed_quote(&lines, reported) {
            Some((line, column, quote)) => {
                Explained { msg: Msg::YamlUnclosedQuote { quote }, at: Some((line, column)) }
            }
            None => unexplained(),
        };
    }
    if text.contains("mapping values are not allowed") {
        let line = line_text(reported);
        if let Some(key) = colon_in_value(line) {
            let column = line.find(':').map_or(1, |c| c + 3);
            return Explained { msg: Msg::YamlColonInValue { key }, at: Some((reported, column)) };
        }
        return bad_indent(line_text, reported);
    }
    if text.contains("did not find expected")
        || text.contains("block mapping")
        || text.contains("indentation")
    {
        return bad_indent(line_text, reported);
    }
    if text.contains("expected string") || text.contains("invalid type: sequence") {
        if let Some((line, key)) = key_above(&lines, reported) {
            return Explained { msg: Msg::YamlListNotText { key }, at: Some((line, 1)) };
        }
    }
    unexplained()
}

fn bad_indent<'a>(line_text: impl Fn(usize) -> &'a str, line: usize) -> Explained {
    let column = line_text(line).len() - line_text(line).trim_start().len() + 1;
    Explained { msg: Msg::YamlBadIndent, at: Some((line, column)) }
}

/// `title: Bước 1: mở VNeID`: a key, then a plain value with `: ` in it.
fn colon_in_value(line: &str) -> Option<String> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let (key, value) = trimmed.split_once(": ")?;
    let value = value.trim_start();
    let plain = !value.starts_with(['"', '\'', '[', '{', '|', '>']);
    let simple_key = !key.is_empty() && !key.contains([' ', '"', '\'']);
    (plain && simple_key && (value.contains(": ") || value.ends_with(':'))).then(|| key.to_string())
}

/// The line (at or above `before`) whose quoted value opens and never
/// closes on that line: where the officer has to add the closing quote.
fn unclosed_quote(lines: &[&str], before: usize) -> Option<(usize, usize, char)> {
    let last = before.clamp(1, lines.len().max(1));
    (1..=last.min(lines.len())).find_map(|number| {
        let line = lines[number - 1];
        let trimmed = line.trim_start().trim_start_matches("- ");
        let value_at = match trimmed.split_once(": ") {
            Some((key, _)) if !key.starts_with(['"', '\'']) => key.len() + 2,
            _ => 0,
        };
        let value = trimmed[value_at..].trim_start();
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let closed = match quote {
            '"' => value[1..].replace("\\\\", "").replace("\\\"", "").contains('"'),
            _ => value[1..].replace("''", "").contains('\''),
        };
        let column = line.len() - value.len() + 1;
        (!closed).then_some((number, column, quote))
    })
}

/// The key a list at line `line` belongs to: the nearest line above with
/// less indentation, of the form `key:`.
fn key_above(lines: &[&str], line: usize) -> Option<(usize, String)> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let here = indent(lines.get(line.checked_sub(1)?)?);
    (1..line).rev().find_map(|number| {
        let text = lines[number - 1];
        let key = text.trim().strip_suffix(':')?;
        (indent(text) < here && !key.is_empty()).then(|| (number, key.trim_start_matches("- ").to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colons_in_values_are_told_from_keys() {
        assert_eq!(colon_in_value("title: Bước 1: mở VNeID").as_deref(), Some("title"));
        assert_eq!(colon_in_value("  - title: Giờ làm việc: 7:30").as_deref(), Some("title"));
        assert_eq!(colon_in_value("title: \"Bước 1: mở\""), None);
        assert_eq!(colon_in_value(" description: y"), None);
    }

    #[test]
    fn the_quote_is_found_where_it_opens() {
        let yaml = ["title: \"Kích hoạt", "description: \"Các bước.\"", "reviewed: 2026-11-01"];
        assert_eq!(unclosed_quote(&yaml, 2), Some((1, 8, '"')));
        let fine = ["title: \"Nói \\\"không\\\"\"", "note: 'It''s'", "url: x"];
        assert_eq!(unclosed_quote(&fine, 3), None);
    }

    #[test]
    fn a_list_belongs_to_the_key_above() {
        let yaml = ["title:", "  - a", "  - b"];
        assert_eq!(key_above(&yaml, 2), Some((1, "title".to_string())));
    }
}
