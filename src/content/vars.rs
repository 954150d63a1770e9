//! Variables in content: `{{ unit.police }}` in a page's text, title,
//! description or poster wording becomes the site's own value, so that one
//! guide serves every commune. Only the names below exist; anything else
//! between `{{` and `}}` is a located error naming the nearest variable,
//! never template code (content is not run through Tera). `\{{` writes a
//! literal `{{`.

use std::collections::BTreeMap;
use std::ops::Range;

use std::path::Path;

use super::FrontMatter;
use super::front_matter::{PosterSetting, key_line};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::messages::Msg;

/// The variables of a site and their values.
#[derive(Clone, Debug, Default)]
pub struct Vars(BTreeMap<&'static str, String>);

/// Text with its variables replaced, and how to find the original place
/// of any position in it (for messages about the text).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expanded {
    pub text: String,
    /// (start in `text`, length there, start in the original, length there).
    edits: Vec<(usize, usize, usize, usize)>,
}

impl Vars {
    /// The site's variables: the unit's names and contacts, the site title.
    pub fn new(config: &Config) -> Vars {
        let unit = &config.unit;
        let values = [
            ("unit.kind", &unit.kind),
            ("unit.name", &unit.name),
            ("unit.full_name", &unit.full_name),
            ("unit.province", &unit.province),
            ("unit.ubnd", &unit.ubnd),
            ("unit.police", &unit.police),
            ("unit.service_centre", &unit.service_centre),
            ("unit.address", &unit.address),
            ("unit.hours", &unit.hours),
            ("unit.phone", &unit.phone),
            ("unit.email", &unit.email),
            ("unit.police_phone", &unit.police_phone),
            ("site.title", &config.title),
        ];
        Vars(values.into_iter().map(|(k, v)| (k, v.clone())).collect())
    }

    /// Every variable name, for documentation and suggestions.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone + '_ {
        self.0.keys().copied()
    }

    /// `text` with its variables replaced; the problems found, each with
    /// its byte range in `text`. With `markdown`, values are escaped so
    /// that they always read as plain text.
    pub fn expand(&self, text: &str, markdown: bool) -> (Expanded, Vec<(Range<usize>, Msg)>) {
        let mut out = Expanded::default();
        let mut problems = Vec::new();
        let mut rest = 0;
        while let Some(found) = text[rest..].find("{{").map(|i| rest + i) {
            let escaped = found > 0 && text.as_bytes()[found - 1] == b'\\';
            if escaped {
                out.copy(&text[rest..found - 1]);
                out.replace(found - 1..found + 2, "{{");
                rest = found + 2;
                continue;
            }
            out.copy(&text[rest..found]);
            let line_end = text[found..].find('\n').map_or(text.len(), |i| found + i);
            let Some(close) = text[found + 2..line_end].find("}}").map(|i| found + 2 + i) else {
                problems.push((found..found + 2, Msg::VariableUnclosed));
                out.copy(&text[found..found + 2]);
                rest = found + 2;
                continue;
            };
            let name = text[found + 2..close].trim();
            match self.0.get(name) {
                Some(value) => {
                    let value = match crate::phone::tel(value) {
                        // A phone number in a page is a link a phone can call.
                        tel if markdown && name.ends_with("phone") && !tel.is_empty() => {
                            format!("[{}](tel:{tel})", escape_markdown(value))
                        }
                        _ if markdown => escape_markdown(value),
                        _ => value.clone(),
                    };
                    out.replace(found..close + 2, &value);
                }
                None => {
                    let suggestion = crate::suggest::nearest(name, self.names());
                    let known = self.names().map(str::to_string).collect();
                    problems.push((
                        found..close + 2,
                        Msg::VariableUnknown { name: name.to_string(), suggestion, known },
                    ));
                    out.copy(&text[found..close + 2]);
                }
            }
            rest = close + 2;
        }
        out.copy(&text[rest..]);
        (out, problems)
    }

    /// `expand` for a part of a file (`text` starts at byte `offset` of
    /// `file_text`), its problems as errors located in the file.
    pub fn expand_in(
        &self,
        text: &str,
        file: &Path,
        file_text: &str,
        offset: usize,
    ) -> (Expanded, Vec<Diagnostic>) {
        let (expanded, problems) = self.expand(text, true);
        let located = problems.into_iter().map(|(range, msg)| {
            let at = Location::in_text(file, file_text, offset + range.start..offset + range.end);
            Diagnostic::error(msg, Some(at))
        });
        (expanded, located.collect())
    }
}

impl Vars {
    /// The variables in a page's title, description, service agency and
    /// poster wording replaced; a problem is located at the key's line of
    /// `text`, the file (`poster:` for poster text).
    pub fn expand_front(
        &self,
        front: &mut FrontMatter,
        file: &Path,
        text: &str,
        errors: &mut Vec<Diagnostic>,
    ) {
        let mut expand = |value: &mut String, key: &str| {
            let (expanded, problems) = self.expand(value, false);
            for (_, msg) in problems {
                errors.push(Diagnostic::error(msg, Some(key_line(file, text, key))));
            }
            *value = expanded.text;
        };
        expand(&mut front.title, "title");
        if let Some(short) = &mut front.short_title {
            expand(short, "short_title");
        }
        if let Some(description) = &mut front.description {
            expand(description, "description");
        }
        if let Some(agency) = front.service.as_mut().and_then(|(s, _)| s.agency.as_mut()) {
            expand(agency, "agency");
        }
        if let PosterSetting::Custom(poster) = &mut front.poster {
            for value in [&mut poster.title, &mut poster.subtitle, &mut poster.note].into_iter().flatten() {
                expand(value, "poster");
            }
            for step in &mut poster.steps {
                expand(step, "poster");
            }
        }
    }
}

impl Expanded {
    fn copy(&mut self, piece: &str) {
        self.text.push_str(piece);
    }

    /// `original` (a range of the source; the source up to its start has
    /// been copied or replaced already) becomes `with`.
    fn replace(&mut self, original: Range<usize>, with: &str) {
        self.edits.push((self.text.len(), with.len(), original.start, original.len()));
        self.text.push_str(with);
    }

    /// Where position `at` of the expanded text was in the original: inside
    /// a replaced variable, its start.
    pub fn original(&self, at: usize) -> usize {
        let before = self.edits.iter().rev().find(|(start, ..)| *start <= at);
        match before {
            None => at,
            Some(&(start, len, old_start, _)) if at < start + len => old_start,
            Some(&(start, len, old_start, old_len)) => at - (start + len) + old_start + old_len,
        }
    }
}

/// A value as Markdown that reads as the text itself: punctuation that
/// Markdown or HTML would act on is escaped.
fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        let mut vars = Vars::default();
        vars.0.insert("unit.police", "Công an xã Bình Sơn".into());
        vars.0.insert("unit.name", "Bình Sơn".into());
        vars.0.insert("unit.phone", "[Số mẫu]".into());
        vars
    }

    #[test]
    fn names_are_replaced_and_positions_map_back() {
        let text = "Đến {{ unit.police }} hoặc {{unit.name}}.";
        let (out, problems) = vars().expand(text, false);
        assert!(problems.is_empty());
        assert_eq!(out.text, "Đến Công an xã Bình Sơn hoặc Bình Sơn.");
        let hoac = out.text.find("hoặc").unwrap();
        assert_eq!(out.original(hoac), text.find("hoặc").unwrap());
        let inside = out.text.find("xã").unwrap();
        assert_eq!(out.original(inside), text.find("{{ unit.police").unwrap());
        assert_eq!(out.original(3), 3);
    }

    #[test]
    fn unknown_names_and_unclosed_braces_are_located() {
        let text = "A {{ unit.polise }} B {{ x | upper }}\n{% if x %} {{ C";
        let (out, problems) = vars().expand(text, false);
        assert_eq!(out.text, text, "nothing unknown is replaced");
        assert!(
            matches!(&problems[0].1, Msg::VariableUnknown { suggestion: Some(s), .. } if s == "unit.police")
        );
        assert_eq!(&text[problems[0].0.clone()], "{{ unit.polise }}");
        assert!(matches!(&problems[1].1, Msg::VariableUnknown { name, .. } if name == "x | upper"));
        assert!(matches!(&problems[2].1, Msg::VariableUnclosed));
        assert_eq!(problems.len(), 3, "`{{%` is left alone");
    }

    #[test]
    fn a_backslash_writes_literal_braces() {
        let (out, problems) = vars().expand(r"Viết \{{ unit.name }} để ra tên: {{ unit.name }}", false);
        assert!(problems.is_empty());
        assert_eq!(out.text, "Viết {{ unit.name }} để ra tên: Bình Sơn");
    }

    #[test]
    fn values_read_as_plain_text_in_markdown() {
        let (out, _) = vars().expand("Gọi {{ unit.phone }}", true);
        assert_eq!(out.text, r"Gọi \[Số mẫu\]");
    }

    #[test]
    fn phone_numbers_in_pages_are_links_to_call() {
        let mut vars = vars();
        vars.0.insert("unit.police_phone", "0255 3822 000".into());
        let (out, _) = vars.expand("Gọi {{ unit.police_phone }}.", true);
        assert_eq!(out.text, "Gọi [0255 3822 000](tel:02553822000).");
        let (out, _) = vars.expand("Gọi {{ unit.police_phone }}.", false);
        assert_eq!(out.text, "Gọi 0255 3822 000.", "front matter and posters get the text");
    }
}
