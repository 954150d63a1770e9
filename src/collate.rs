//! Vietnamese alphabetical order: `a ă â b c d đ e ê … ơ … ư …`, tone marks
//! deciding only between otherwise equal words (không dấu, huyền, hỏi, ngã,
//! sắc, nặng, as dictionaries order them). Plain code-point order would put
//! `Đ` after `Z` and `ă` after `z`.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// A sort key for `text`; compare keys with `Ord`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    letters: Vec<u32>,
    tones: Vec<u8>,
    text: String,
}

pub fn key(text: &str) -> Key {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::new();
    for c in text.nfd() {
        match c {
            '\u{0306}' | '\u{0302}' | '\u{031B}' => {
                // breve, circumflex, horn: a different letter, right after its base.
                if let Some(last) = letters.last_mut() {
                    *last += match c {
                        '\u{0306}' => 1,
                        '\u{0302}' => 2,
                        _ => 3,
                    };
                }
            }
            '\u{0300}' => tones.push(1),
            '\u{0309}' => tones.push(2),
            '\u{0303}' => tones.push(3),
            '\u{0301}' => tones.push(4),
            '\u{0323}' => tones.push(5),
            c if ('\u{0300}'..='\u{036F}').contains(&c) => {}
            'đ' | 'Đ' => letters.push(rank('d') + 4),
            c => letters.push(rank(c)),
        }
    }
    Key { letters, tones, text: text.to_string() }
}

fn rank(c: char) -> u32 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        ' ' | '\t' | '\n' => 0,
        '0'..='9' => 10 + (lower as u32 - '0' as u32),
        'a'..='z' => 100 + (lower as u32 - 'a' as u32) * 8,
        other if other.is_ascii() => 1 + other as u32 % 9,
        other => 1000 + other as u32,
    }
}

/// Compares two strings in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec![
            "Đăng ký",
            "Xác nhận",
            "ăn",
            "an",
            "ân",
            "Dịch vụ",
            "bảo",
            "ưu tiên",
            "uống",
            "ơn",
            "ôm",
            "om",
            "Zalo",
        ];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(
            words,
            vec![
                "an",
                "ăn",
                "ân",
                "bảo",
                "Dịch vụ",
                "Đăng ký",
                "om",
                "ôm",
                "ơn",
                "uống",
                "ưu tiên",
                "Xác nhận",
                "Zalo"
            ]
        );
    }

    #[test]
    fn tones_order_equal_letters() {
        let mut words = vec!["má", "mạ", "mà", "ma", "mả", "mã"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(words, vec!["ma", "mà", "mả", "mã", "má", "mạ"]);
    }
}
