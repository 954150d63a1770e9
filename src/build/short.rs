//! Short addresses, printed on posters so a resident who cannot scan can
//! type them: every page with a poster is also published at a short path
//! on the site's own host. That is its shortest alias if it has one, else
//! `<initials>-<code>` made from its path alone (`cu-tru/dang-ky-tam-tru/`
//! → `dktt-k4/`), so adding or moving other pages never changes an address
//! already on paper. The short path serves a copy of the guide whose
//! canonical link names the full address — not a redirect, which would cost
//! a slow phone a second round trip.

/// Letters and digits that cannot be misread for each other on paper (no
/// 0/o, 1/l/i).
const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
/// Words of the slug whose initials start an automatic short path.
const MAX_INITIALS: usize = 5;
/// Code lengths tried in turn when a shorter one is already taken.
const CODE_LENGTHS: [usize; 4] = [2, 3, 4, 6];

/// The alias to print, if the page has any: the shortest, then the first
/// in alphabetical order.
pub fn shortest_alias<'a>(aliases: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    aliases.min_by_key(|a| (a.len(), *a))
}

/// Automatic short paths for the page at `page_path` (`cu-tru/dang-ky-tam-tru/`),
/// in the order to try them: same initials, ever longer codes.
pub fn candidates(page_path: &str) -> impl Iterator<Item = String> {
    let slug = page_path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    let initials: String =
        slug.split('-').filter_map(|word| word.chars().next()).take(MAX_INITIALS).collect();
    let code = code(page_path);
    CODE_LENGTHS.into_iter().map(move |n| {
        if initials.is_empty() { format!("{}/", &code[..n]) } else { format!("{initials}-{}/", &code[..n]) }
    })
}

/// Six characters of `ALPHABET` from a hash of the path: a page's code
/// depends on nothing else.
fn code(page_path: &str) -> String {
    let hash = blake3::hash(page_path.as_bytes());
    let mut n = u64::from_le_bytes(hash.as_bytes()[..8].try_into().unwrap_or_default());
    let base = ALPHABET.len() as u64;
    (0..6)
        .map(|_| {
            let c = ALPHABET[(n % base) as usize];
            n /= base;
            char::from(c)
        })
        .collect()
}

/// What is printed for the full URL of a short path: no scheme, no
/// trailing slash (`example.org/dktt-k4`), the least a resident must type.
pub fn printed(permalink: &str) -> String {
    let rest = permalink.split_once("://").map_or(permalink, |(_, rest)| rest);
    rest.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_a_code_that_depends_on_the_path_alone() {
        let first: Vec<String> = candidates("cu-tru/dang-ky-tam-tru/").collect();
        assert!(first[0].starts_with("dktt-") && first[0].len() == "dktt-k4/".len(), "{first:?}");
        assert!(
            first.windows(2).all(|w| w[1].len() > w[0].len() && w[1].starts_with(&w[0][..w[0].len() - 1]))
        );
        assert_eq!(first, candidates("cu-tru/dang-ky-tam-tru/").collect::<Vec<_>>(), "stable");
        assert_ne!(first[0], candidates("cu-tru/dang-ky-thuong-tru/").next().unwrap_or_default());
        let code = &first[0][5..7];
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
    }

    #[test]
    fn long_slugs_keep_five_initials() {
        let first = candidates("a/huong-dan-cap-ban-sao-trich-luc-ho-tich/").next().unwrap_or_default();
        assert!(first.starts_with("hdcbs-"), "{first}");
    }

    #[test]
    fn shortest_alias_wins_then_alphabetical() {
        assert_eq!(shortest_alias(["tamtru/", "tt/", "ab/"].into_iter()), Some("ab/"));
        assert_eq!(shortest_alias(std::iter::empty()), None);
    }

    #[test]
    fn printed_address_has_no_scheme_or_trailing_slash() {
        assert_eq!(printed("https://example.org/phuong-mau/dktt-k4/"), "example.org/phuong-mau/dktt-k4");
        assert_eq!(printed("http://localhost:1111/tamtru/"), "localhost:1111/tamtru");
    }
}
