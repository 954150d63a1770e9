//! Tests of the index: words, folding, postings and the file format.

use super::*;
use serde_json::Value;

fn doc<'a>(title: &'a str, url: &'a str, headings: Vec<&'a str>, body: &'a str) -> SearchDoc<'a> {
    SearchDoc { title, url, description: "", headings, keywords: Vec::new(), body }
}

fn parse(docs: &[SearchDoc<'_>]) -> Value {
    serde_json::from_slice(&build_index(docs, &Synonyms::default())).expect("index is JSON")
}

/// The number of a form in the vocabulary, and of its folded word.
fn form_number(index: &Value, form: &str) -> (usize, usize) {
    let mut n = 0;
    for (g, group) in index["t"].as_array().expect("t").iter().enumerate() {
        let group = group.as_array().expect("group");
        let folded = group[0].as_str().expect("folded");
        for f in &group[1..] {
            let f = f.as_str().expect("form");
            if (if f.is_empty() { folded } else { f }) == form {
                return (n, g);
            }
            n += 1;
        }
    }
    panic!("no form {form}");
}

/// The postings of a form, decoded: `(doc, mask)` pairs, and the body
/// docs of its folded word.
fn postings(index: &Value, form: &str) -> (Vec<(u64, u64)>, Vec<u64>) {
    let (n, g) = form_number(index, form);
    let numbers = |v: &Value| -> Vec<u64> {
        v.as_array().expect("list").iter().map(|v| v.as_u64().expect("number")).collect()
    };
    let mut doc = 0;
    let strong = (numbers(&index["f"][n]).into_iter())
        .map(|v| {
            doc += v / 8;
            (doc, v % 8)
        })
        .collect();
    let mut doc = 0;
    let mut body: Vec<u64> = (numbers(&index["b"][g]).into_iter())
        .map(|v| {
            doc += v;
            doc
        })
        .collect();
    if numbers(&index["c"]).contains(&(g as u64)) {
        let docs = index["d"].as_array().expect("d").len() as u64;
        body = (0..docs).filter(|d| !body.contains(d)).collect();
    }
    (strong, body)
}

#[test]
fn decomposed_input_folds_the_same() {
    // Some keyboards send base letters and combining marks.
    assert_eq!(fold("d\u{ea}\u{300}"), "de");
    assert_eq!(fold("de\u{302}\u{300}"), "de");
    assert_eq!(fold("ky\u{301}"), "ki");
    assert_eq!(fold(""), "");
}

/// The same table is run through `search.js` by the browser test.
#[test]
fn folds_the_shared_table() {
    let table: Vec<(String, String)> =
        serde_json::from_str(include_str!("../../tests/fixtures/search-fold.json")).expect("fold table");
    assert!(table.len() >= 30);
    for (input, want) in table {
        assert_eq!(fold(&input), want, "{input:?}");
        let (folded, _) = word_key(&input.to_lowercase()).unwrap_or_default();
        if !input.contains([' ', '/', '-']) {
            assert_eq!(folded, want, "{input:?} as one word");
        }
    }
}

#[test]
fn splits_words_on_anything_but_letters_and_digits() {
    let got: Vec<_> = words("Đăng ký (tạm trú) – 30 ngày; NĐ-CP × 2").collect();
    let want = [
        ("dang", "đăng"),
        ("ki", "ký"),
        ("tam", "tạm"),
        ("tru", "trú"),
        ("30", "30"),
        ("ngay", "ngày"),
        ("nd", "nđ"),
        ("cp", "cp"),
        ("2", "2"),
    ];
    let want: Vec<_> = want.iter().map(|(f, w)| (f.to_string(), w.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn skips_overlong_words() {
    let long = "a".repeat(MAX_WORD_CHARS + 1);
    assert_eq!(words(&format!("ok {long} ok")).count(), 2);
}

#[test]
fn records_fields_per_document() {
    let docs = [
        doc("Đăng ký tạm trú", "/b/", vec!["Ai phải đăng ký"], "tạm trú từ 30 ngày"),
        SearchDoc { description: "Đất đai", ..doc("Đất", "/a/", vec![], "") },
    ];
    let index = parse(&docs);
    // Sorted by url: "/a/" is document 0.
    assert_eq!(index["d"][0][1], "/a/");
    assert_eq!(index["d"][1][3][0], "Ai phải đăng ký");
    assert_eq!(postings(&index, "đăng"), (vec![(1, TITLE as u64 | HEADING as u64)], vec![]));
    assert_eq!(postings(&index, "tạm"), (vec![(1, TITLE as u64)], vec![1]));
    assert_eq!(postings(&index, "đất"), (vec![(0, (TITLE | DESCRIPTION) as u64)], vec![]));
    assert_eq!(postings(&index, "30"), (vec![], vec![1]));
}

#[test]
fn groups_accent_forms_under_their_folded_word() {
    let docs = [doc("Tạm", "/1/", vec![], "tâm tám"), doc("tam", "/2/", vec![], "")];
    let index = parse(&docs);
    let group = index["t"].as_array().expect("t").iter().find(|g| g[0] == "tam").expect("group");
    // Sorted forms; "" is the unaccented spelling itself.
    assert_eq!(group, &serde_json::json!(["tam", "", "tám", "tâm", "tạm"]));
}

#[test]
fn same_bytes_for_any_document_order() {
    let a = doc("Một", "/1/", vec!["Hai"], "ba bốn");
    let b = doc("Năm", "/2/", vec![], "sáu bảy ba");
    let c = doc("Tám", "/3/", vec!["Chín"], "mười");
    let one = build_index(&[doc("Một", "/1/", vec!["Hai"], "ba bốn"), b, c], &Synonyms::default());
    let b = doc("Năm", "/2/", vec![], "sáu bảy ba");
    let c = doc("Tám", "/3/", vec!["Chín"], "mười");
    assert_eq!(one, build_index(&[c, a, b], &Synonyms::default()));
}

#[test]
fn cuts_long_bodies() {
    let body = format!("{} cuối", "chữ ".repeat(MAX_BODY_WORDS));
    let index = parse(&[doc("T", "/1/", vec![], &body)]);
    let has = |w: &str| index["t"].as_array().expect("t").iter().any(|g| g[0] == w);
    assert!(has("chu"));
    assert!(!has("cuoi"));
}

#[test]
fn body_postings_are_kept_per_folded_word() {
    let index = parse(&[doc("A", "/1/", vec![], "trung tâm"), doc("B", "/2/", vec![], "tạm trú")]);
    assert_eq!(postings(&index, "tâm").1, vec![0, 1]);
    assert_eq!(postings(&index, "tạm").1, vec![0, 1]);
    assert_eq!(index["b"].as_array().map(Vec::len), index["t"].as_array().map(Vec::len));
}

#[test]
fn stores_words_in_most_bodies_as_the_documents_without_them() {
    let urls: Vec<String> = (0..10).map(|n| format!("/{n}/")).collect();
    let docs: Vec<_> = (urls.iter().enumerate())
        .map(|(n, url)| {
            doc(if n == 0 { "Và" } else { "T" }, url, vec![], if n % 4 == 0 { "x" } else { "và" })
        })
        .collect();
    let index = parse(&docs);
    // "và" is in 7 of 10 bodies: stored as the 3 without it (0, 4, 8).
    assert_eq!(index["b"][form_number(&index, "và").1], serde_json::json!([0, 4, 4]));
    assert_eq!(index["c"], serde_json::json!([form_number(&index, "và").1]));
    let (strong, body) = postings(&index, "và");
    assert_eq!(strong, vec![(0, TITLE as u64)], "title postings are kept");
    assert_eq!(body, vec![1, 2, 3, 5, 6, 7, 9]);
    assert_eq!(postings(&index, "x").1, vec![0, 4, 8]);
}

proptest::proptest! {
    /// Folding twice changes nothing, leaves Vietnamese words ASCII, and
    /// never moves a word boundary (so `search.js`, which folds words
    /// one by one, cuts queries the way the index was cut).
    #[test]
    fn folding_is_stable_ascii_and_keeps_words(
        text in "[a-zA-Z0-9 ,.;:/()–àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđĐÀẠĂẰÂẦÊỆÔỘƠỜƯỨ-]{0,40}"
    ) {
        let once = fold(&text);
        proptest::prop_assert_eq!(fold(&once), once.clone());
        let folded_words: Vec<String> = words(&text).map(|(f, _)| f).collect();
        proptest::prop_assert!(folded_words.iter().all(|w| w.is_ascii()), "{folded_words:?}");
        let words_of_folded: Vec<String> = words(&once).map(|(f, _)| f).collect();
        proptest::prop_assert_eq!(folded_words, words_of_folded);
    }
}

#[test]
fn empty_site_gives_an_empty_index() {
    assert_eq!(
        build_index(&[], &Synonyms::default()),
        br#"{"v":2,"d":[],"t":[],"f":[],"b":[],"c":[]}"#.to_vec()
    );
}
