//! "Did you mean …?" — the nearest known name to a mistyped one.

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo (`titel` → `title`, `base-url` → `base_url`, `Title` → `title`).
pub fn nearest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let folded = fold(input);
    candidates
        .map(|c| (strsim::jaro_winkler(&folded, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

fn fold(text: &str) -> String {
    text.to_lowercase().replace('-', "_")
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
}
