//! The search index behind the search page (`OUTPUT/tim-kiem/index.json`),
//! read in the browser by `themes/default/static/search.js`.
//!
//! This module owns how Vietnamese text is cut into words and folded for
//! matching, and the index format. `search.js` repeats the same two rules
//! (see [`fold`] and [`is_word_char`]); change them together.
//!
//! - Words: runs of `0-9`, `a-z` and Latin letters with their combining marks
//!   (U+00C0–U+024F except `×` `÷`, U+0300–U+036F, U+1E00–U+1EFF), after
//!   lowercasing. Everything else separates words. Words longer than
//!   [`MAX_WORD_CHARS`] (links, hashes) are skipped.
//! - Folding: lowercase, NFD, drop U+0300–U+036F, `đ` → `d`. So `Đăng ký`,
//!   `dang ky` and `DANG KY` all fold to `dang ky`.
//!
//! The index is one JSON object, written without spaces, byte-for-byte the
//! same for the same documents in any order:
//!
//! ```text
//! {"v":2,
//!  "d":[[title,url,description,[heading,…]],…],   documents, sorted by url
//!  "t":[[folded,form,form,…],…],                   vocabulary, sorted by folded word;
//!                                                  forms are the lowercase accented
//!                                                  spellings seen ("" = same as folded)
//!  "f":[[n,…],…],   per form: title/heading/description postings, n = gap*8 + mask
//!                   (gap = document number minus the previous one in this list,
//!                   the first counted from 0; mask 1 title, 2 heading (and
//!                   keywords), 4 description)
//!  "b":[[gap,…],…], per folded word (entry of "t"): documents whose body has
//!                   any of its forms, as gaps likewise
//!  "c":[word,…]}    folded words in the body of more than half the documents:
//!                   their "b" list names the documents whose body does NOT have them
//! ```
//!
//! Forms are numbered in the order they appear in `t` (group by group), and
//! `f` and `b` follow that numbering. Titles, descriptions and headings are
//! stored whole because the page shows them; only the body is cut, to its
//! first [`MAX_BODY_WORDS`] words.

mod synonyms;

use std::collections::HashMap;

use rayon::prelude::*;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

pub use synonyms::Synonyms;

/// One page as the search sees it. Text arrives NFC-normalised; `body` is
/// plain text (no markup).
pub struct SearchDoc<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub headings: Vec<&'a str>,
    /// Words people may search by that the page may not use (`keywords:`),
    /// indexed as strongly as headings.
    pub keywords: Vec<&'a str>,
    pub body: &'a str,
}

/// Only the first this many words of a body are indexed: guides put what
/// matters first, and it bounds the index for very long pages.
pub const MAX_BODY_WORDS: usize = 3000;

/// Longer "words" are URLs, file names or hashes nobody types into a search box.
pub const MAX_WORD_CHARS: usize = 32;

const TITLE: u8 = 1;
const HEADING: u8 = 2;
const DESCRIPTION: u8 = 4;

/// Builds the index file's bytes (UTF-8 JSON, see the module docs).
pub fn build_index<'a>(docs: &[SearchDoc<'a>], synonyms: &'a Synonyms) -> Vec<u8> {
    let mut order: Vec<&SearchDoc<'_>> = docs.iter().collect();
    order.sort_by(|a, b| (a.url, a.title).cmp(&(b.url, b.title)));
    // Each document's distinct spellings, found in parallel without copying.
    let spellings: Vec<Vec<(&str, Field, bool)>> =
        order.par_iter().map(|doc| doc_spellings(doc, synonyms)).collect();
    // Each distinct spelling is lowercased, normalised and folded once.
    let mut vocabulary = Vocabulary::default();
    let mut postings: Vec<Postings> = Vec::new();
    for (n, words) in spellings.iter().enumerate() {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        let mut in_doc: HashMap<u32, (Field, bool)> = HashMap::new();
        for &(spelling, fields, body) in words {
            if let Some(id) = vocabulary.id(spelling) {
                let entry = in_doc.entry(id).or_default();
                entry.0 |= fields;
                entry.1 |= body;
            }
        }
        postings.resize_with(vocabulary.keys.len(), Postings::default);
        let mut in_doc: Vec<(u32, (Field, bool))> = in_doc.into_iter().collect();
        in_doc.sort_unstable();
        for (id, (fields, body)) in in_doc {
            let p = &mut postings[id as usize];
            if fields != 0 {
                p.add(n, fields);
            }
            if body {
                p.add(n, 0);
            }
        }
    }
    let mut forms: Vec<(&(String, String), &Postings)> = vocabulary.keys.iter().zip(&postings).collect();
    forms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let file = IndexFile::new(&order, &forms);
    // Serialising plain strings, numbers and vectors cannot fail.
    serde_json::to_vec(&file).unwrap_or_default()
}

/// Spellings (as written) → form number, and the `(folded, form)` of each.
#[derive(Default)]
struct Vocabulary<'a> {
    ids: HashMap<&'a str, Option<u32>>,
    by_key: HashMap<(String, String), u32>,
    keys: Vec<(String, String)>,
}

impl<'a> Vocabulary<'a> {
    /// The form number of a spelling; `None` for words too long to index.
    fn id(&mut self, spelling: &'a str) -> Option<u32> {
        if let Some(&id) = self.ids.get(spelling) {
            return id;
        }
        let id = word_key(spelling).map(|key| match self.by_key.get(&key) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
                self.by_key.insert(key.clone(), id);
                self.keys.push(key);
                id
            }
        });
        self.ids.insert(spelling, id);
        id
    }
}

/// Folds text for matching: lowercase, tone and vowel marks dropped, `đ` →
/// `d`, and the two spellings of /i/ after a consonant made one.
pub fn fold(text: &str) -> String {
    let plain: String =
        text.to_lowercase().nfd().filter(|c| !is_mark(*c)).map(|c| if c == 'đ' { 'd' } else { c }).collect();
    fold_i_y(&plain)
}

/// The initial consonants of Vietnamese, as written (`qu` included).
const INITIALS: [&str; 23] = [
    "b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",
    "s", "t", "th", "tr",
];

/// Both spellings of a syllable that is an initial consonant and a lone
/// /i/ are correct and common: kí/ký, lí/lý, mĩ/mỹ, hi/hy, ti/ty, si/sy,
/// qui/quy. The 2018 spelling rules of the Ministry of Education
/// (Quyết định 1989/QĐ-BGDĐT, Điều 9: after an initial consonant, in a
/// syllable with no medial and no final sound, write i) and the older
/// usage (y in Sino-Vietnamese words after h, k, l, m, s, t, qu) differ
/// only there, so such a word ends in i here. Where only one spelling
/// exists nothing changes: y alone or first (y tế, yêu), y after a medial
/// u (tuyên, thủy — thui is another word), y in ay, ây. Takes folded,
/// lowercase text; `search.js` has the same rule.
fn fold_i_y(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut word_start = 0;
    for (i, c) in folded.char_indices() {
        if !c.is_ascii_lowercase() {
            push_word(&mut out, &folded[word_start..i]);
            out.push(c);
            word_start = i + c.len_utf8();
        }
    }
    push_word(&mut out, &folded[word_start..]);
    out
}

fn push_word(out: &mut String, word: &str) {
    match word.strip_suffix('y') {
        Some(initial) if INITIALS.contains(&initial) => {
            out.push_str(initial);
            out.push('i');
        }
        _ => out.push_str(word),
    }
}

/// The characters words are made of (before folding). `search.js` has the
/// same ranges in its `WORD` regular expression.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (('\u{c0}'..='\u{24f}').contains(&c) && c != '\u{d7}' && c != '\u{f7}')
        || is_mark(c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Splits text into words, each as `(folded, lowercase accented form)`.
#[cfg(test)]
pub fn words(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    spellings(text).filter_map(word_key)
}

/// The words of `text` as written.
fn spellings(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// `(folded, lowercase accented form)` of one written word, unless it is
/// too long to be a word anyone types.
fn word_key(spelling: &str) -> Option<(String, String)> {
    let form: String = if spelling.is_ascii() {
        spelling.to_ascii_lowercase()
    } else {
        spelling.to_lowercase().nfc().collect()
    };
    let folded = if form.is_ascii() { fold_i_y(&form) } else { fold(&form) };
    let len = folded.chars().count();
    (len > 0 && len <= MAX_WORD_CHARS).then_some((folded, form))
}

/// A word's length as indexed (marks do not count): what decides whether
/// it is indexed at all, without normalising it.
fn indexed_len(spelling: &str) -> usize {
    spelling.chars().filter(|c| !is_mark(*c)).count()
}

/// A field of a document: a bit of [`TITLE`], [`HEADING`], [`DESCRIPTION`],
/// or `0` for the body.
type Field = u8;

/// Every distinct spelling of a document with the fields it occurs in and
/// whether its body has it (the body counts up to [`MAX_BODY_WORDS`] words),
/// synonyms of its phrases included, in the field the phrase is in.
fn doc_spellings<'a>(doc: &SearchDoc<'a>, synonyms: &'a Synonyms) -> Vec<(&'a str, Field, bool)> {
    let mut seen: HashMap<&'a str, (Field, bool)> = HashMap::new();
    let mut add = |text: &'a str, field: Field| {
        let expansions =
            if synonyms.is_empty() { Vec::new() } else { synonyms.expansions(&synonyms::folded_words(text)) };
        for spelling in spellings(text).chain(expansions.into_iter().flat_map(spellings)) {
            seen.entry(spelling).or_default().0 |= field;
        }
    };
    add(doc.title, TITLE);
    for heading in doc.headings.iter().chain(&doc.keywords) {
        add(heading, HEADING);
    }
    add(doc.description, DESCRIPTION);
    let body: Vec<&'a str> = spellings(doc.body)
        .filter(|w| (1..=MAX_WORD_CHARS).contains(&indexed_len(w)))
        .take(MAX_BODY_WORDS)
        .collect();
    let folded: Vec<String> =
        if synonyms.is_empty() { Vec::new() } else { body.iter().map(|w| fold(w)).collect() };
    for spelling in body.into_iter().chain(synonyms.expansions(&folded).into_iter().flat_map(spellings)) {
        seen.entry(spelling).or_default().1 = true;
    }
    seen.into_iter().map(|(spelling, (fields, body))| (spelling, fields, body)).collect()
}

#[derive(Default)]
struct Postings {
    /// `(document, mask)`, documents ascending.
    strong: Vec<(u32, u8)>,
    /// Documents ascending.
    body: Vec<u32>,
}

impl Postings {
    /// Documents are added in ascending order, each field set at most once.
    fn add(&mut self, doc: u32, field: Field) {
        if field == 0 {
            self.body.push(doc);
        } else {
            self.strong.push((doc, field));
        }
    }

    fn strong_gaps(&self) -> Vec<u32> {
        let mut prev = 0;
        self.strong
            .iter()
            .map(|&(doc, mask)| {
                let gap = doc - prev;
                prev = doc;
                gap.saturating_mul(8).saturating_add(u32::from(mask))
            })
            .collect()
    }

    /// The body list as gaps; for a word in most bodies (`complement`), the
    /// list of the `docs` documents whose body lacks it, which is shorter.
    fn body_gaps(&self, docs: u32, complement: bool) -> Vec<u32> {
        let mut prev = 0;
        let mut gap = |doc: u32| {
            let gap = doc - prev;
            prev = doc;
            gap
        };
        if complement {
            let mut have = self.body.iter().peekable();
            (0..docs).filter(|doc| have.next_if_eq(&doc).is_none()).map(gap).collect()
        } else {
            self.body.iter().map(|&doc| gap(doc)).collect()
        }
    }
}

/// The JSON file; field names are kept to one letter because every byte is
/// downloaded by phones on slow networks.
#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    d: Vec<(&'a str, &'a str, &'a str, &'a [&'a str])>,
    t: Vec<Vec<&'a str>>,
    f: Vec<Vec<u32>>,
    b: Vec<Vec<u32>>,
    c: Vec<usize>,
}

impl<'a> IndexFile<'a> {
    fn new(order: &[&'a SearchDoc<'a>], forms: &[(&'a (String, String), &'a Postings)]) -> Self {
        let docs = u32::try_from(order.len()).unwrap_or(u32::MAX);
        let d = order.iter().map(|d| (d.title, d.url, d.description, d.headings.as_slice())).collect();
        let mut file = IndexFile { v: 2, d, t: Vec::new(), f: Vec::new(), b: Vec::new(), c: Vec::new() };
        // Body postings are kept per folded word: the body weighs least, so
        // telling its accents apart is not worth the bytes.
        let mut body = Postings::default();
        for (i, ((folded, form), postings)) in forms.iter().enumerate() {
            match file.t.last_mut() {
                Some(group) if group.first() == Some(&folded.as_str()) => {}
                _ => file.t.push(vec![folded.as_str()]),
            }
            if let Some(group) = file.t.last_mut() {
                group.push(if form == folded { "" } else { form.as_str() });
            }
            file.f.push(postings.strong_gaps());
            body.body.extend(&postings.body);
            let group_ends = forms.get(i + 1).is_none_or(|((next, _), _)| next != folded);
            if group_ends {
                body.body.sort_unstable();
                body.body.dedup();
                let complement = body.body.len() * 2 > order.len();
                if complement {
                    file.c.push(file.t.len() - 1);
                }
                file.b.push(body.body_gaps(docs, complement));
                body.body.clear();
            }
        }
        file
    }
}

#[cfg(test)]
mod tests;
