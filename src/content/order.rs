//! The order of pages within a section: by `weight`, newest `date` first,
//! or Vietnamese alphabetical `title`; ties are broken by title, then path,
//! so the order never depends on the file system.

use std::cmp::Ordering;

use super::front_matter::SortBy;
use super::{Page, PageId};
use crate::collate;

pub fn sort(ids: &mut Vec<PageId>, by: SortBy, pages: &[Page]) {
    let mut decorated: Vec<(PageId, collate::Key)> =
        ids.iter().map(|&id| (id, collate::key(&pages[id].front.title))).collect();
    decorated.sort_by(|(a, title_a), (b, title_b)| {
        let (a, b) = (&pages[*a].front, &pages[*b].front);
        let primary = match by {
            SortBy::Weight => some_first(a.weight, b.weight, |x, y| x.cmp(&y)),
            SortBy::Date => some_first(a.date, b.date, |x, y| y.cmp(&x)),
            SortBy::Title => Ordering::Equal,
        };
        primary.then_with(|| title_a.cmp(title_b))
    });
    // `sort_by` is stable: equal keys keep file-name order.
    *ids = decorated.into_iter().map(|(id, _)| id).collect();
}

/// Values before missing ones; values compared with `cmp`.
fn some_first<T>(a: Option<T>, b: Option<T>, cmp: impl Fn(T, T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}
