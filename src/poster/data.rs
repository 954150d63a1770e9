//! What callers give the engine: the words of a poster, of a sheet or
//! sticker page and of a link-preview image, and PDF metadata.

use serde::Serialize;

use super::Ecc;

/// Everything printed on one poster. Text is NFC-normalised by the engine.
/// Serialisable so that a cache key can cover every field.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PosterData {
    /// Publishing unit, e.g. "UBND phường Chánh Lộ".
    pub unit_name: String,
    /// Poster title (big type).
    pub title: String,
    /// Used instead of `title` when that does not fit legibly, or empty.
    pub short_title: String,
    /// One-line explanation under the title.
    pub subtitle: String,
    /// Up to 4 short steps.
    pub steps: Vec<String>,
    /// The invitation next to the code ("Quét mã để xem hướng dẫn").
    pub call_to_action: String,
    /// What loa may leave out, last steps first, to fit a poster whose
    /// subtitle and steps it took from the page (not written for the poster).
    pub derived: Derived,
    /// The URL encoded in the QR code, unchanged.
    pub url: String,
    /// What is printed under the code for a resident to type: `url` without
    /// its scheme, query and trailing slash (`example.org/dktt-k4`), or
    /// empty to print `url` itself. Anything else is refused (see `address`).
    pub address: String,
    /// Tells residents to check the printed address is the unit's.
    pub check_note: String,
    /// A warning to print in a box (an anti-scam line), or empty.
    pub note: String,
    /// Contact line (phone, office, hours).
    pub contact: String,
    /// Small print for staff (date/version label; never the clock).
    pub footer: String,
    /// The sample band ("BẢN MẪU — KHÔNG IN"), or empty for a real poster.
    pub band: String,
    /// Says the guide has a clip ("Có video hướng dẫn"), or empty.
    pub video: String,
    /// Where this copy hangs ("Dán tại: Chợ Chánh Lộ"), printed small with
    /// the footer so the officer knows which wall it is for; empty on the
    /// generic posters. Left out of the cache key when empty, so adding the
    /// field kept every generic poster's key.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub placement: String,
    /// QR error-correction level.
    pub ecc: Ecc,
    /// Names the page in error messages, e.g. "content/cu-tru/tam-tru.md".
    pub page_label: String,
}

/// Which texts of a poster loa derived from the page and may shorten.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Derived {
    /// The steps came from the page's first numbered list.
    pub steps: bool,
    /// The subtitle came from the page's description.
    pub subtitle: bool,
}

impl PosterData {
    /// The text printed under the code: `address`, else `url`.
    pub fn printed_address(&self) -> &str {
        if self.address.is_empty() { &self.url } else { &self.address }
    }
}

/// The words around the codes of an index or sticker sheet.
#[derive(Clone, Debug, Default)]
pub struct SheetText {
    /// The sheet's title (a section's name); unused on stickers.
    pub title: String,
    /// The publishing unit; unused on stickers.
    pub unit_name: String,
    /// Tells residents to check the printed address is the unit's.
    pub check_note: String,
    /// How to type an address instead of scanning; `{prefix}` stands for
    /// the part all addresses of the sheet share. Unused on stickers.
    pub type_hint: String,
    /// "Page {number}/{count}"; unused on stickers.
    pub page_of: String,
    /// The sample band, or empty.
    pub band: String,
}

/// One labelled code on an index or sticker sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetEntry {
    /// Short name of the page (the page title).
    pub label: String,
    /// The URL encoded in the code.
    pub url: String,
    /// The address printed for typing, as `PosterData::address`.
    pub address: String,
}

/// What a link-preview image (`og:image`) shows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ShareCard {
    /// The page title, big.
    pub title: String,
    /// Used when `title` does not fit, or empty.
    pub short_title: String,
    /// The publishing unit.
    pub unit_name: String,
    /// The site's host, so the preview shows where the link goes.
    pub host: String,
    /// Names the page in error messages.
    pub page_label: String,
}

/// PDF document metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PdfMeta {
    /// Document title.
    pub title: String,
    /// BCP 47 language, "vi".
    pub lang: String,
    /// Creation date (year, month, day) from the content, never the clock.
    pub date: Option<(i32, u8, u8)>,
}
