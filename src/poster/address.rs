//! The address printed under a QR code for residents who type it, and the
//! rule that keeps it honest: it is the encoded URL without its scheme,
//! query and trailing slash, so what a resident reads is where the code
//! leads (fake QR stickers over real ones are a known scam).

use super::PosterError;

/// What to print for `url`: `address` when it is `url` in typing form, `url`
/// itself when `address` is empty; an error for anything else.
pub(crate) fn printed(url: &str, address: &str) -> Result<String, PosterError> {
    if address.is_empty() {
        return Ok(url.to_string());
    }
    if typing_form(url) == address.trim_end_matches('/') {
        return Ok(address.to_string());
    }
    Err(PosterError::qr(format!("the printed address “{address}” is not where the code leads ({url})")))
}

/// `https://example.org/a/?src=poster` → `example.org/a`.
fn typing_form(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    rest[..end].trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_printed_address_is_the_encoded_one_without_scheme_and_query() {
        let url = "https://example.org/phuong-mau/dktt-k4/?src=poster";
        assert_eq!(
            printed(url, "example.org/phuong-mau/dktt-k4").ok().as_deref(),
            Some("example.org/phuong-mau/dktt-k4")
        );
        assert_eq!(printed(url, "").ok().as_deref(), Some(url));
        for other in [
            "evil.example/phuong-mau/dktt-k4",
            "example.org/phuong-mau/dktt-k5",
            "example.org.evil/x",
            "example.org",
        ] {
            assert!(printed(url, other).is_err(), "{other}");
        }
    }
}
