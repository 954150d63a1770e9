//! The theme's `search-synonyms.yaml`: a list of groups of phrases. A site's
//! own file of that name replaces the built-in one whole (a list has no
//! keys to override one by one).

use crate::diagnostics::Diagnostic;
use crate::search::Synonyms;
use crate::yaml::{self, Shape};

use super::ThemeFile;

pub const FILE: &str = "search-synonyms.yaml";

/// The groups in `file`, or none when the theme has no such file.
pub fn load(file: Option<&ThemeFile>) -> Result<Synonyms, Vec<Diagnostic>> {
    let Some(file) = file else { return Ok(Synonyms::default()) };
    let text = crate::fs::normalise(file.text().into_owned());
    let block = yaml::Block { yaml: &text, file: &file.origin, file_text: &text, line_offset: 0 };
    match yaml::parse::<Option<Vec<Vec<String>>>>(&block, &Shape::Any) {
        (Some(groups), problems) if problems.is_empty() => Ok(Synonyms::new(groups.unwrap_or_default())),
        (_, problems) => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_parses_and_a_broken_one_is_located() {
        let built_in = super::super::Theme::built_in();
        assert!(!built_in.synonyms.is_empty());
        let broken = ThemeFile {
            bytes: b"- [a, b]\n- [c, d\n".to_vec().into(),
            origin: "themes/default/search-synonyms.yaml".into(),
        };
        let errors = load(Some(&broken)).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].location.is_some());
    }
}
