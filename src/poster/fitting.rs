//! Automatic fitting before giving up. The templates already shrink text
//! down to the smallest legible size (their `min_size`) and balance line
//! breaks; when a poster still does not fit, the engine tries the page's
//! short title, then leaves out the steps and the subtitle that loa took
//! from the page itself (the full guide is one scan away); a title still
//! too long takes the derived subtitle's room. Words an
//! officer wrote for the poster are never cut: what still does not fit is
//! reported, as the last attempt's error.

use super::{PosterData, PosterError, ShareCard};

/// The first layout of `data`, or of a shortened copy, that fits.
pub(crate) fn fit<T>(
    data: &PosterData,
    lay_out: impl Fn(&PosterData) -> Result<T, PosterError>,
) -> Result<T, PosterError> {
    let mut error = match lay_out(data) {
        Ok(laid_out) => return Ok(laid_out),
        Err(e) => e,
    };
    let mut attempt = data.clone();
    while let Some(shorter) = shorten(&attempt, &error) {
        attempt = shorter;
        match lay_out(&attempt) {
            Ok(laid_out) => return Ok(laid_out),
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// The next thing to try after `error`, or `None` when nothing may go.
fn shorten(data: &PosterData, error: &PosterError) -> Option<PosterData> {
    let PosterError::TextDoesNotFit { field, text, .. } = error else {
        return None;
    };
    let mut next = data.clone();
    let whole_poster = field == "poster";
    if field == "title" && !data.short_title.is_empty() && data.title != data.short_title {
        next.title = data.short_title.clone();
    } else if field == "title" && data.derived.subtitle && !data.subtitle.is_empty() {
        // The title gets the subtitle's lines (the steps sit beside the code).
        next.subtitle.clear();
    } else if (field == "steps" || whole_poster) && data.derived.steps && data.steps.len() > 1 {
        // The step that does not fit, else the last one.
        let at = data.steps.iter().rposition(|s| s == text).unwrap_or(data.steps.len() - 1);
        next.steps.remove(at);
    } else if (field == "subtitle" || whole_poster) && data.derived.subtitle && !data.subtitle.is_empty() {
        next.subtitle.clear();
    } else {
        return None;
    }
    Some(next)
}

/// A slide of the waiting-room screen is never missing for its title: as
/// `fit`, then, when the title alone is still too long for the screen, as
/// many of its first words as fit and "…" (the whole guide is one scan
/// away, as on sticker labels).
pub(crate) fn fit_slide<T>(
    data: &PosterData,
    lay_out: impl Fn(&PosterData) -> Result<T, PosterError>,
) -> Result<T, PosterError> {
    let title_misfit = |r: &Result<T, PosterError>| matches!(r, Err(PosterError::TextDoesNotFit { field, .. }) if field == "title");
    let first = fit(data, &lay_out);
    if !title_misfit(&first) {
        return first;
    }
    let words: Vec<&str> = data.title.split_whitespace().collect();
    let cut = |k: usize| PosterData {
        title: format!("{}…", words[..k].join(" ").trim_end_matches([',', ';', ':', '.'])),
        short_title: String::new(),
        ..data.clone()
    };
    // fits(k) is monotone in k: more words never take fewer lines.
    let (mut fits, mut fails) = (0, words.len());
    let mut best = None;
    while fails - fits > 1 {
        let mid = (fits + fails) / 2;
        match fit(&cut(mid), &lay_out) {
            r if title_misfit(&r) => fails = mid,
            r => (fits, best) = (mid, Some(r)),
        }
    }
    best.unwrap_or(first)
}

/// A link preview always gets an image: with the title, else the short
/// title, else as many of the title's first words as fit and "…" (chat
/// apps cut long titles the same way). Only a misfit of the title is
/// worked around.
pub(crate) fn fit_card<T>(
    card: &ShareCard,
    render: impl Fn(&ShareCard) -> Result<T, PosterError>,
) -> Result<T, PosterError> {
    let title_misfit = |r: &Result<T, PosterError>| matches!(r, Err(PosterError::TextDoesNotFit { field, .. }) if field == "title");
    let first = render(card);
    if !title_misfit(&first) {
        return first;
    }
    let with_title = |title: String| ShareCard { title, ..card.clone() };
    if !card.short_title.is_empty() {
        let short = render(&with_title(card.short_title.clone()));
        if !title_misfit(&short) {
            return short;
        }
    }
    // The longest fitting prefix of words, by bisection: fits(k) is
    // monotone in k (more words never take fewer lines).
    let words: Vec<&str> = card.title.split_whitespace().collect();
    let cut =
        |k: usize| with_title(format!("{}…", words[..k].join(" ").trim_end_matches([',', ';', ':', '.'])));
    let (mut fits, mut fails) = (0, words.len());
    let mut best = None;
    while fails - fits > 1 {
        let mid = (fits + fails) / 2;
        match render(&cut(mid)) {
            r if title_misfit(&r) => fails = mid,
            r => (fits, best) = (mid, Some(r)),
        }
    }
    best.unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poster::{Derived, Misfit};

    fn misfit(field: &str, text: &str) -> PosterError {
        PosterError::TextDoesNotFit {
            page: String::new(),
            field: field.into(),
            text: text.into(),
            reason: Misfit::NoRoom,
        }
    }

    /// Lays out only posters whose title is at most `title` characters and
    /// with at most `steps` steps.
    fn fits(title: usize, steps: usize) -> impl Fn(&PosterData) -> Result<String, PosterError> {
        move |d: &PosterData| {
            if d.title.chars().count() > title {
                Err(misfit("title", &d.title))
            } else if d.steps.len() > steps {
                Err(misfit("steps", d.steps.last().map_or("", String::as_str)))
            } else {
                Ok(format!("{}|{}", d.title, d.steps.join(",")))
            }
        }
    }

    fn data(derived: bool) -> PosterData {
        PosterData {
            title: "Đăng ký tạm trú trực tuyến qua Cổng dịch vụ công".into(),
            short_title: "Đăng ký tạm trú".into(),
            steps: vec!["a".into(), "b".into(), "c".into()],
            derived: Derived { steps: derived, subtitle: derived },
            ..PosterData::default()
        }
    }

    #[test]
    fn the_short_title_then_fewer_derived_steps() {
        assert_eq!(fit(&data(true), fits(20, 1)).ok().as_deref(), Some("Đăng ký tạm trú|a"));
    }

    #[test]
    fn a_slide_cuts_a_title_too_long_even_when_short_after_a_word() {
        // 14 characters at most: neither the title nor the short title fits.
        let got = fit_slide(&data(true), fits(14, 3)).expect("a slide is made");
        assert_eq!(got, "Đăng ký tạm…|a,b,c");
        // A poster reports it instead.
        assert!(fit(&data(true), fits(14, 3)).is_err());
    }

    #[test]
    fn steps_written_for_the_poster_are_never_dropped() {
        match fit(&data(false), fits(20, 1)) {
            Err(PosterError::TextDoesNotFit { field, text, .. }) => {
                assert_eq!((field.as_str(), text.as_str()), ("steps", "c"))
            }
            other => panic!("expected the steps' misfit, got {other:?}"),
        }
    }

    #[test]
    fn a_short_title_that_does_not_fit_is_what_is_reported() {
        match fit(&data(true), fits(5, 3)) {
            Err(PosterError::TextDoesNotFit { text, .. }) => assert_eq!(text, "Đăng ký tạm trú"),
            other => panic!("expected the short title's misfit, got {other:?}"),
        }
    }

    #[test]
    fn a_title_too_long_takes_the_room_of_a_derived_subtitle() {
        let room = |d: &PosterData| {
            if d.title.chars().count() > 20 && !d.subtitle.is_empty() {
                Err(misfit("title", &d.title))
            } else {
                Ok(format!("{}|{}", d.title, d.subtitle))
            }
        };
        let long = PosterData { short_title: String::new(), subtitle: "Phụ đề".into(), ..data(true) };
        assert_eq!(
            fit(&long, room).ok().as_deref(),
            Some("Đăng ký tạm trú trực tuyến qua Cổng dịch vụ công|")
        );
        let written = PosterData { derived: Derived { steps: true, subtitle: false }, ..long };
        assert!(fit(&written, room).is_err(), "a subtitle written for the poster stays");
    }

    #[test]
    fn a_long_link_preview_title_is_cut_at_a_word() {
        let card = ShareCard { title: "Một hai ba, bốn năm sáu".into(), ..ShareCard::default() };
        let at_most = |n: usize| {
            move |c: &ShareCard| {
                if c.title.chars().count() > n { Err(misfit("title", &c.title)) } else { Ok(c.title.clone()) }
            }
        };
        assert_eq!(fit_card(&card, at_most(40)).ok().as_deref(), Some("Một hai ba, bốn năm sáu"));
        assert_eq!(fit_card(&card, at_most(12)).ok().as_deref(), Some("Một hai ba…"));
        let short = ShareCard { short_title: "Số đếm".into(), ..card.clone() };
        assert_eq!(fit_card(&short, at_most(12)).ok().as_deref(), Some("Số đếm"));
        assert!(fit_card(&card, at_most(2)).is_err(), "not even one word fits");
    }
}
