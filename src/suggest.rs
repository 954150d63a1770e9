//! "Did you mean …?" — the nearest known name to a mistyped one: keys,
//! variables, heading anchors, pages and files.

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo (`titel` → `title`, `base-url` → `base_url`, `Title` → `title`,
/// `Man-hinh.png` → `man-hinh.png`, `le-phi` → `bang-le-phi`). Case, marks
/// and `-`/`_` do not count as differences.
pub fn nearest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let folded = fold(input);
    candidates
        .map(|c| (score(&folded, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

fn score(input: &str, candidate: &str) -> f64 {
    if input == candidate {
        return 1.0;
    }
    let similarity = strsim::jaro_winkler(input, candidate);
    // A word or two left out (`le_phi` for `bang_le_phi`) reads as close,
    // though the letters line up badly.
    let (short, long) = if input.len() <= candidate.len() { (input, candidate) } else { (candidate, input) };
    let part_of = short.len() >= 4 && long.split(['_', '/', '.']).count() > 1 && long.contains(short);
    if part_of { similarity.max(0.85) } else { similarity }
}

fn fold(text: &str) -> String {
    crate::slug::slugify(text).replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["title", "base_url", "description", "language", "posters"];
        let cases = [
            ("titel", Some("title")),
            ("base-url", Some("base_url")),
            ("baseurl", Some("base_url")),
            ("Title", Some("title")),
            ("poster", Some("posters")),
            ("descripton", Some("description")),
            ("zzz", None),
        ];
        for (input, expected) in cases {
            assert_eq!(nearest(input, keys.iter().copied()).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn names_with_marks_and_capitals() {
        let files = ["man-hinh.png", "anh-chup.png", "dang-ky-tam-tru.md"];
        assert_eq!(nearest("Man-hinh.png", files.iter().copied()).as_deref(), Some("man-hinh.png"));
        assert_eq!(nearest("Màn hình.png", files.iter().copied()).as_deref(), Some("man-hinh.png"));
        let anchors = ["cac-buoc", "bang-le-phi", "ho-so"];
        assert_eq!(nearest("le-phi", anchors.iter().copied()).as_deref(), Some("bang-le-phi"));
        assert_eq!(nearest("khac", anchors.iter().copied()), None);
    }
}
