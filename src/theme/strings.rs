//! The words loa writes itself on the site and on posters (page titles of
//! the pages it makes, labels, poster lines): the theme's `strings.yaml`,
//! so that a site in another language, or for another kind of unit, needs
//! no change to loa. A site overrides single keys with its own
//! `themes/<name>/strings.yaml`; an unknown key there is an error naming
//! the nearest known one.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Shape};

pub const FILE: &str = "strings.yaml";

#[derive(Clone, Debug, Default)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The built-in strings, with the keys of `site_text` (the site's own
    /// file, shown as `site_file`) laid over them.
    pub fn load(built_in: &str, site: Option<(&str, &Path)>) -> Result<Strings, Vec<Diagnostic>> {
        let shown = Path::new("themes/default").join(FILE);
        let mut strings = Strings(parse(built_in, &shown, None)?);
        if let Some((text, file)) = site {
            let keys = Shape::keys(strings.0.keys().cloned());
            strings.0.extend(parse(text, file, Some(&keys))?);
        }
        Ok(strings)
    }

    /// The text of `key`; empty for a key the theme lacks (the tests make
    /// sure the built-in file has every key loa asks for).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Every string, for templates (`strings.search_title`).
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

fn parse(text: &str, file: &Path, keys: Option<&Shape>) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
    let text = crate::fs::normalise(text.to_string());
    let block = yaml::Block { yaml: &text, file, file_text: &text, line_offset: 0 };
    let any = Shape::Any;
    match yaml::parse::<BTreeMap<String, String>>(&block, keys.unwrap_or(&any)) {
        (Some(map), problems) if problems.is_empty() => Ok(map),
        (_, problems) => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Msg;

    const BUILT_IN: &str = include_str!("../../themes/default/strings.yaml");

    #[test]
    fn a_site_overrides_single_keys() {
        let site = "search_title: \"Tra cứu\"\n";
        let strings =
            Strings::load(BUILT_IN, Some((site, Path::new("themes/default/strings.yaml")))).unwrap();
        assert_eq!(strings.get("search_title"), "Tra cứu");
        assert_eq!(strings.get("tags_title"), "Chủ đề");
        assert_eq!(strings.fill("poster_updated", &[("date", "01/11/2026")]), "Cập nhật 01/11/2026");
    }

    #[test]
    fn unknown_keys_in_a_site_file_are_errors() {
        let site = "tags_title: \"Chủ đề\"\nsearch_tilte: \"Tra cứu\"\n";
        let errors =
            Strings::load(BUILT_IN, Some((site, Path::new("themes/default/strings.yaml")))).unwrap_err();
        assert!(matches!(&errors[0].msg, Msg::UnknownKey { suggestion: Some(s), .. } if s == "search_title"));
        assert_eq!(errors[0].location.as_ref().unwrap().line, 2);
    }
}
