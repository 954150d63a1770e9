//! Words people type for the same thing ("bằng lái" for "giấy phép lái
//! xe"): groups of phrases from the theme's `search-synonyms.yaml`, which a
//! site replaces with its own file of the same name. At build time a page
//! that contains one phrase of a group is indexed under the others too, so
//! `search.js` needs no list of its own.

use super::{fold, spellings};

/// One phrase: as written (indexed), and as folded words (matched).
struct Phrase {
    text: String,
    folded: Vec<String>,
}

/// The groups of phrases that mean the same.
#[derive(Default)]
pub struct Synonyms {
    groups: Vec<Vec<Phrase>>,
}

impl Synonyms {
    /// Groups as written; empty phrases and groups of one are dropped.
    pub fn new(groups: Vec<Vec<String>>) -> Synonyms {
        let groups = groups
            .into_iter()
            .map(|group| {
                group
                    .into_iter()
                    .map(|text| Phrase { folded: folded_words(&text), text })
                    .filter(|p| !p.folded.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|group| group.len() > 1)
            .collect();
        Synonyms { groups }
    }

    /// The phrases to index besides `words` (a text's folded words): those
    /// of every group one of whose phrases the text contains.
    pub fn expansions(&self, words: &[String]) -> Vec<&str> {
        let mut out = Vec::new();
        for group in &self.groups {
            if group.iter().any(|p| contains(words, &p.folded)) {
                out.extend(group.iter().filter(|p| !contains(words, &p.folded)).map(|p| p.text.as_str()));
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

pub fn folded_words(text: &str) -> Vec<String> {
    spellings(text).map(fold).collect()
}

/// Whether `words` has `phrase` as a run of whole words.
fn contains(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synonyms() -> Synonyms {
        Synonyms::new(vec![
            vec!["bằng lái".into(), "giấy phép lái xe".into()],
            vec!["hộ khẩu".into(), "thường trú".into()],
            vec!["lẻ loi".into()],
        ])
    }

    #[test]
    fn a_page_with_one_phrase_is_indexed_under_the_others() {
        let s = synonyms();
        assert_eq!(s.expansions(&folded_words("Cấp đổi giấy phép lái xe")), ["bằng lái"]);
        assert_eq!(s.expansions(&folded_words("ĐĂNG KÝ THƯỜNG TRÚ")), ["hộ khẩu"]);
        assert!(s.expansions(&folded_words("giấy phép kinh doanh, lái xe")).is_empty(), "whole phrases only");
        assert!(s.expansions(&folded_words("bằng lái và giấy phép lái xe")).is_empty(), "both present");
        assert_eq!(s.groups.len(), 2, "a group of one means nothing");
    }
}
