//! Vietnamese-aware slugs for URLs and heading anchors: ASCII `a-z0-9-` only,
//! with tone marks dropped and `đ`/`Đ` folded to `d` (which Unicode
//! decomposition alone does not do).

use std::collections::HashMap;

/// `Đăng ký tạm trú` → `dang-ky-tam-tru`. May return an empty string when
/// the input has no letters or digits at all.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else if matches!(c, 'đ' | 'Đ') {
            push('d', &mut out);
        } else {
            match deunicode::deunicode_char(c) {
                Some(ascii) => ascii.chars().for_each(|a| push(a, &mut out)),
                None => push(' ', &mut out),
            }
        }
    }
    out
}

/// Words a new page's file name can do without: Vietnamese function words
/// that stay unambiguous without their marks (not "tu", which may be
/// "tư pháp", nor "tai", which may be "tài sản").
const SMALL_WORDS: &[&str] = &["cho", "va", "cua", "cac", "nhung", "voi"];

/// A slug of at most `words` words for a new file: the title's slug, its
/// small words left out first when it is longer ("Thông báo lưu trú cho
/// nhà trọ" → `thong-bao-luu-tru-nha-tro`).
pub fn short_slug(text: &str, words: usize) -> String {
    let slug = slugify(text);
    let all: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    if all.len() <= words {
        return slug;
    }
    let kept: Vec<&str> = all.iter().copied().filter(|w| !SMALL_WORDS.contains(w)).collect();
    let kept = if kept.is_empty() { all } else { kept };
    kept[..kept.len().min(words)].join("-")
}

/// True when `text` is already a clean slug (what `slug:` must contain).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Hands out unique anchors within one page: the second `Các bước` becomes
/// `cac-buoc-1`, the third `cac-buoc-2`, as GitHub and Zola do.
#[derive(Default)]
pub struct AnchorSet {
    seen: HashMap<String, usize>,
}

impl AnchorSet {
    /// Reserves an explicit id (`{#id}` in Markdown) so later headings avoid it.
    pub fn reserve(&mut self, id: &str) {
        self.seen.entry(id.to_string()).or_insert(0);
    }

    pub fn unique(&mut self, heading: &str) -> String {
        let mut base = slugify(heading);
        if base.is_empty() {
            base = "muc".to_string();
        } else if base.starts_with(|c: char| c.is_ascii_digit()) {
            // An HTML id should start with a letter (`## 25 dịch vụ` → `#muc-25-dich-vu`).
            base = format!("muc-{base}");
        }
        if !self.seen.contains_key(&base) {
            self.seen.insert(base.clone(), 0);
            return base;
        }
        loop {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            let candidate = format!("{base}-{count}");
            if !self.seen.contains_key(&candidate) {
                self.seen.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_file_names_are_short() {
        assert_eq!(short_slug("Đăng ký tạm trú", 6), "dang-ky-tam-tru");
        assert_eq!(short_slug("Thông báo lưu trú cho nhà trọ", 6), "thong-bao-luu-tru-nha-tro");
        assert_eq!(
            short_slug("Hướng dẫn đăng ký tạm trú trực tuyến qua Cổng dịch vụ công", 6),
            "huong-dan-dang-ky-tam-tru"
        );
        assert_eq!(short_slug("Cho và của", 2), "cho-va", "only small words: the first ones");
    }
    use proptest::prelude::*;

    #[test]
    fn vietnamese_slugs() {
        let cases = [
            ("Đăng ký tạm trú", "dang-ky-tam-tru"),
            ("Đăng ký tạm trú.md", "dang-ky-tam-tru-md"),
            ("ĐẶNG Đình Đức", "dang-dinh-duc"),
            ("Thông báo lưu trú – 23:00", "thong-bao-luu-tru-23-00"),
            ("Các bước", "cac-buoc"),
            ("  Lỗi thường gặp!  ", "loi-thuong-gap"),
            ("Nghị định 282/2025/NĐ-CP", "nghi-dinh-282-2025-nd-cp"),
            ("Quản lý \u{201c}cư trú\u{201d}", "quan-ly-cu-tru"),
            ("ưu tiên, ơn, ươn", "uu-tien-on-uon"),
            ("Mức độ 2", "muc-do-2"),
            ("../../etc/passwd", "etc-passwd"),
            ("", ""),
            ("—", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        assert_eq!(slugify("Đa\u{306}ng ky\u{301}"), "dang-ky");
    }

    #[test]
    fn anchors_are_unique() {
        let mut set = AnchorSet::default();
        set.reserve("cac-buoc-1");
        assert_eq!(set.unique("Các bước"), "cac-buoc");
        assert_eq!(set.unique("Các bước"), "cac-buoc-2");
        assert_eq!(set.unique("Các bước"), "cac-buoc-3");
        assert_eq!(set.unique("!!!"), "muc");
        assert_eq!(set.unique("???"), "muc-1");
        assert_eq!(set.unique("25 dịch vụ"), "muc-25-dich-vu");
    }

    #[test]
    fn slug_check() {
        for ok in ["a", "dang-ky", "25-dich-vu", "x1"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "Dang", "đ", "a/b", "..", "a b"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn slug_is_clean_ascii(input in "\\PC{0,40}") {
            let slug = slugify(&input);
            prop_assert!(slug.is_empty() || is_slug(&slug), "{:?} -> {:?}", input, slug);
        }

        #[test]
        fn slugify_is_idempotent(input in "\\PC{0,40}") {
            let once = slugify(&input);
            prop_assert_eq!(slugify(&once), once.clone());
        }

        #[test]
        fn vietnamese_letters_fold(input in "[a-zA-ZàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ ]{1,30}") {
            let slug = slugify(&input);
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }

        #[test]
        fn anchors_never_repeat(headings in proptest::collection::vec("[a-zđ ]{0,6}", 1..30)) {
            let mut set = AnchorSet::default();
            let mut seen = std::collections::HashSet::new();
            for h in headings {
                let id = set.unique(&h);
                prop_assert!(is_slug(&id));
                prop_assert!(seen.insert(id));
            }
        }
    }
}
